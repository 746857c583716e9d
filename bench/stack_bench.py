"""`make bench`, part three: the local stack (`make run`) under load, over HTTP on loopback.

Public complaints are posted one after another to a fresh stack (its own state directory
under a temporary folder, the sweep timer off). At each checkpoint (by default after 1,000
and after 10,000 submissions) it records the resident memory of every process of the stack
together (the Python process and DynamoDB Local's JVM) and the median latency of
`POST /v1/complaints` over the last WINDOW submissions. It prints both with their ratio to
the first checkpoint. Goal: each ratio at most 1.3 (issue 9).

At each checkpoint it also times the monthly report of the month the complaints were posted
in (`GET /v1/admin/reports/monthly`, median of REPORT_CALLS after one warm-up call): it reads
the month's kept counts, so its time should not grow with the month (goal: ratio at most
REPORT_GOAL, issue 17 point 13), and checks that its figures equal a recount of every stored
item (`recount=true`); it exits non-zero when they differ.

With --kill-check, it then kills the whole process group with SIGKILL, starts the stack
again on the same state, and checks that every complaint it posted can be tracked.

A benchmark, not a test: bounded loops on 127.0.0.1, no timed assertion; it exits non-zero
only when a submission fails or a complaint is missing after the restart.

    python -m bench.stack_bench [--counts 1000,10000] [--window 200] [--kill-check]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dev.stack import Stack

GOAL = 1.3
REPORT_GOAL = 1.5
REPORT_CALLS = 7
BODY = {
    "subject": "Antrian pelayanan",
    "description": "Pelayanan di loket lambat sejak pagi.",
    "privacy": "anonymous",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", default="1000,10000", help="checkpoints, comma-separated")
    parser.add_argument("--window", type=int, default=200, help="submissions per median")
    parser.add_argument("--kill-check", action="store_true", help="kill -9, restart, count")
    args = parser.parse_args(argv)
    counts = sorted(int(c) for c in args.counts.split(","))

    with tempfile.TemporaryDirectory(prefix="kesra-stack-bench-") as tmp:
        stack = Stack(Path(tmp) / "state", sweep_interval=0)
        started = time.monotonic()
        stack.start()
        print(f"stack started in {time.monotonic() - started:.1f} s (pids {stack.pids()})")
        rows: list[tuple[int, int, float]] = []
        reports: list[tuple[int, float, float]] = []
        admin = {"Authorization": f"Bearer {stack.token('admin')}"}
        posted: list[tuple[str, str]] = []
        latencies: list[float] = []
        try:
            for target in counts:
                while len(posted) < target:
                    t0 = time.perf_counter()
                    status, _, body = stack.request("POST", "/v1/complaints", BODY)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    if status != 201:
                        print(f"submission {len(posted) + 1} answered {status}: {body}")
                        return 1
                    posted.append((body["tracking_code"], body["access_token"]))
                    if len(posted) % 1000 == 0:
                        print(f"  {len(posted)} posted", flush=True)
                window = latencies[-args.window :]
                rows.append((target, stack.rss_kb(), statistics.median(window)))
                report = monthly_report(stack, admin)
                if report is None:
                    return 1
                reports.append((target, *report))
            print()
            print(
                f"{'submissions':>12} {'stack RSS':>12} {'ratio':>6}  {'median POST':>12} {'ratio':>6}"
            )
            base_rss, base_ms = rows[0][1], rows[0][2]
            worst_rss = worst_ms = 1.0
            for count, rss, ms in rows:
                r_rss, r_ms = rss / base_rss, ms / base_ms
                worst_rss, worst_ms = max(worst_rss, r_rss), max(worst_ms, r_ms)
                print(
                    f"{count:>12,} {rss / 1024:>9.1f} MB {r_rss:>6.2f}  {ms:>9.1f} ms {r_ms:>6.2f}"
                )
            print(
                f"goal: memory ratio <= {GOAL} ({'met' if worst_rss <= GOAL else 'NOT met'}), "
                f"latency ratio <= {GOAL} ({'met' if worst_ms <= GOAL else 'NOT met'}); "
                f"medians over the last {args.window} submissions before each checkpoint"
            )
            print_reports(reports)
            if args.kill_check:
                stack.stop(signal.SIGKILL)
                stack.start()
                missing = sum(
                    1
                    for code, token in posted
                    if stack.request("GET", f"/v1/track/{code}", headers={"X-Access-Token": token})[
                        0
                    ]
                    != 200
                )
                print(
                    f"kill -9 of the process group, restart: {len(posted) - missing} of "
                    f"{len(posted)} complaints there"
                )
                if missing:
                    return 1
        finally:
            if stack.proc is not None:
                stack.stop(signal.SIGTERM)
    return 0


def print_reports(reports: list[tuple[int, float, float]]) -> None:
    print()
    print(f"{'complaints':>12} {'report':>10} {'ratio':>6} {'recount':>10}")
    base_report = reports[0][1]
    worst_report = 1.0
    for count, ms, recount_ms in reports:
        worst_report = max(worst_report, ms / base_report)
        print(f"{count:>12,} {ms:>7.1f} ms {ms / base_report:>6.2f} {recount_ms:>7.0f} ms")
    print(
        f"goal: monthly report time ratio <= {REPORT_GOAL} "
        f"({'met' if worst_report <= REPORT_GOAL else 'NOT met'}); median of "
        f"{REPORT_CALLS} calls; its figures equal the recount at every checkpoint"
    )


def monthly_report(stack: Stack, admin: dict[str, str]) -> tuple[float, float] | None:
    """(median ms of the counted report, ms of one recount); None (printed) when the counted
    figures differ from the recount's or a call fails."""
    month = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))  # Pontianak: UTC+7
    path = f"/v1/admin/reports/monthly?month={month}"
    t0 = time.perf_counter()
    status, _, counted = stack.request("GET", path, headers=admin)  # warm-up
    print(f"  first report of the month: {(time.perf_counter() - t0) * 1000:.1f} ms", flush=True)
    if status != 200:
        print(f"report answered {status}: {counted}")
        return None
    times: list[float] = []
    for _ in range(REPORT_CALLS):
        t0 = time.perf_counter()
        status, _, counted = stack.request("GET", path, headers=admin)
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    status, _, recounted = stack.request("GET", path + "&recount=true", headers=admin, timeout=300)
    recount_ms = (time.perf_counter() - t0) * 1000
    if status != 200 or counted != recounted:
        print(f"the counted report differs from the recount:\n{counted}\n{recounted}")
        return None
    return statistics.median(times), recount_ms


if __name__ == "__main__":
    sys.exit(main())
