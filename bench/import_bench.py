"""`make bench`, part three: what importing the app costs against `import chalice, boto3`.

Each import runs in a fresh interpreter (as a Lambda cold start does); the cost of one run is
the CPU time (user + system) the child used, which a busy machine disturbs less than wall
time. Medians of several runs, alternating the two so that both see the same machine.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "9"))
GOAL = 1.3
ENV = {
    **os.environ,
    "APP_ENV": "local",
    "LOCAL_JWT_SECRET": "bench-jwt-secret-0123456789abcdef0123456789",
    "CURSOR_SECRET": "bench-cursor-secret-0123456789abcdef012345",
    "TOKEN_SECRET": "bench-token-secret-0123456789abcdef0123456",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "PYTHONDONTWRITEBYTECODE": "",
}


# What the routes' first requests add on top: the services and the domain they load lazily
# (not the AWS SDK, which any storage call needs anyway). Shown, not judged.
FIRST_USE = (
    "import app; import chalicelib.services.audiences, chalicelib.services.complaints, "
    "chalicelib.services.guestbook, chalicelib.services.skm, chalicelib.services.reports, "
    "chalicelib.services.calendar, chalicelib.services.sweep"
)


def cpu_seconds(code: str) -> float:
    """CPU seconds one fresh interpreter spends running `code` (startup included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, check=True)  # noqa: S603 - our own snippets
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int = RUNS) -> dict[str, float]:
    """Median CPU seconds of a bare interpreter, `import chalice, boto3`, `import app` and
    `import app` with every service loaded."""
    for code in ("import app", "import chalice, boto3"):  # warm the .pyc files first
        cpu_seconds(code)
    samples: dict[str, list[float]] = {"bare": [], "baseline": [], "app": [], "first_use": []}
    for _ in range(runs):
        samples["bare"].append(cpu_seconds("pass"))
        samples["baseline"].append(cpu_seconds("import chalice, boto3"))
        samples["app"].append(cpu_seconds("import app"))
        samples["first_use"].append(cpu_seconds(FIRST_USE))
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> int:
    m = measure()
    ratio = m["app"] / m["baseline"]
    net = (m["app"] - m["bare"]) / (m["baseline"] - m["bare"])
    print(f"Import cost (fresh interpreters, CPU seconds, median of {RUNS}):")
    print(f"  python -c pass            {m['bare'] * 1000:7.0f} ms")
    print(f"  import chalice, boto3     {m['baseline'] * 1000:7.0f} ms")
    print(f"  import app                {m['app'] * 1000:7.0f} ms")
    print(f"  (+ services on first use  {m['first_use'] * 1000:7.0f} ms, not judged)")
    verdict = "ok" if ratio <= GOAL else "OVER"
    print(f"ratio app / chalice+boto3: {ratio:.2f} (goal <= {GOAL}): {verdict}")
    print(f"  (without the interpreter's own start: {net:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
