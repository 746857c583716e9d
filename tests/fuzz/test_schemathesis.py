"""The fuzz tier: schemathesis against the real local stack, every operation, with no token
and with each role's token (issue 10, point 1).

One stack (`python -m dev.run_local` on a free loopback port, its state in a temporary
directory) is started for the module and seeded with one item of each kind, so the fuzzer
reaches past "not found". Each run has a fixed seed and a bounded number of examples per
operation; the whole tier takes about three minutes on two busy cores. Checks: schemathesis'
own (no 5xx, every status, content type and header documented, negative data refused, 405
with Allow for methods a path lacks, auth not ignored) and `positive_data_kept`
(tests/fuzz/st_hooks.py) in place of its positive-data check.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from dev.stack import Stack
from tests.conftest import ROOT
from tests.e2e.test_local_stack import citizen_submits

pytestmark = pytest.mark.slow

ROLES = (None, "front_desk", "complaint_officer", "complaint_team", "supervisor", "admin")
SEED = 20261129
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))  # per operation the caller may use
FORBIDDEN_EXAMPLES = 2  # per operation that answers 401/403 before reading anything
# The coverage phase (every boundary and every wrong type of every field, methods a path
# lacks) runs once per operation: public ones without a token, a staff one as the first of
# these roles it allows (spreading the work over the runs). Every role fuzzes what it may
# do, and touches the rest.
COVERAGE_ROLES = ("front_desk", "complaint_officer", "supervisor", "admin")
ORIGIN = "https://kalbarprov.go.id"


class FuzzStack(Stack):
    def env(self) -> dict[str, str]:
        # The fuzzer sends many wrong access tokens on purpose: lift the per-code lock (its
        # own tests are in tests/e2e/test_security.py), or its 429s stall schemathesis.
        return {**super().env(), "ALLOWED_ORIGINS": ORIGIN, "TRACK_MAX_FAILURES": "1000"}

    def bearer(self, role: str) -> str:
        """A staff token for `role` whose subject the staff directory knows (make token)."""
        return self.token(role)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzStack]:
    s = FuzzStack(tmp_path_factory.mktemp("fuzz") / "state", sweep_interval=0)
    s.start()
    try:
        s.seeds = seed(s)  # type: ignore[attr-defined]
        yield s
    finally:
        if s.proc is not None:
            s.stop(signal.SIGKILL)


def seed(s: FuzzStack) -> dict[str, str]:
    """One audience request, one complaint (with its access token), one guestbook entry."""
    audience, _ = citizen_submits(s)
    status, _, complaint = s.request(
        "POST",
        "/v1/complaints",
        {
            "subject": "Bantuan sosial",
            "description": "Bantuan belum diterima sejak bulan lalu.",
            "privacy": "named",
            "reporter": {"name": "Siti", "phone": "0812-3456-7890"},
        },
    )
    assert status == 201, complaint
    admin = {"Authorization": "Bearer " + s.bearer("admin")}
    status, _, entry = s.request(
        "POST",
        "/v1/admin/guestbook",
        {"name": "Budi", "institution": "Dinas Sosial", "purpose": "Audiensi"},
        headers=admin,
    )
    assert status == 201, entry
    return {
        "audience": audience["tracking_code"],
        "complaint": complaint["tracking_code"],
        "complaint_token": complaint["access_token"],
        "entry": entry["id"],
    }


def _roles(op: dict[str, Any]) -> set[str] | None:
    """The roles an operation allows (its description: "Roles: a, b"), None if public."""
    if "security" not in op:
        return None
    text = op.get("description", "")
    return {r.strip() for r in text.split("Roles:", 1)[1].split(",")} if "Roles:" in text else set()


def config(doc: dict[str, Any], role: str | None, seeds: dict[str, str]) -> str:
    """schemathesis.toml for one run: examples per operation, and the seeded items as the
    values of path parameters (and the complaint's access token)."""
    lines = [
        f"seed = {SEED}",
        'hooks = "tests.fuzz.st_hooks"',
        "workers = 1",  # CPython 3.11.7 can fail compiling ASTs in two threads at once
        "request-timeout = 60",
        "[cache]",
        "enabled = false",
        "[generation]",
        f"max-examples = {EXAMPLES}",
        "[checks]",
        "positive_data_acceptance.enabled = false",
        "[phases]",
        "stateful.enabled = false",
    ]
    if role is not None:
        lines += ["[headers]", 'Authorization = "Bearer {bearer}"']
    for path, ops in doc["paths"].items():
        for op in ops.values():
            allowed = _roles(op)
            if role is None:
                n = EXAMPLES if allowed is None else FORBIDDEN_EXAMPLES
            elif allowed is None:
                continue  # the public operations run without a token
            else:
                n = EXAMPLES if role in allowed else FORBIDDEN_EXAMPLES
            coverage = (role is None and allowed is None) or (
                allowed is not None and role == next(r for r in COVERAGE_ROLES if r in allowed)
            )
            params: dict[str, str] = {}
            if "{code}" in path:
                params["code"] = seeds["audience" if "/audiences/" in path else "complaint"]
            if "{tracking_code}" in path:
                params["tracking_code"] = seeds["complaint"]
            if "{entry_id}" in path:
                params["entry_id"] = seeds["entry"]
            lines += [
                "[[operations]]",
                f'include-operation-id = "{op["operationId"]}"',
                f"generation.max-examples = {n}",
                f"phases.coverage.enabled = {'true' if coverage else 'false'}",
            ]
            if params:
                lines.append(
                    "parameters = {" + ", ".join(f'{k} = "{v}"' for k, v in params.items()) + "}"
                )
            if path.startswith("/v1/track/"):
                lines.append(f'headers = {{ "X-Access-Token" = "{seeds["complaint_token"]}" }}')
    return "\n".join(lines) + "\n"


def run_schemathesis(
    s: FuzzStack, role: str | None, workdir: Path
) -> subprocess.CompletedProcess[str]:
    status, _, doc = s.request("GET", "/openapi.json")
    assert status == 200
    text = config(doc, role, s.seeds)  # type: ignore[attr-defined]
    if role is not None:
        text = text.replace("{bearer}", s.bearer(role))
    toml = workdir / "schemathesis.toml"
    toml.write_text(text)
    only = [] if role is None else ["--include-path-regex", "^/v1/admin/"]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "--config-file",
            str(toml),
            "run",
            f"{s.url}/openapi.json",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--phases",
            "examples,coverage,fuzzing",
            "--report",
            "ndjson",
            "--report-dir",
            str(workdir),
            "--no-color",
            *only,
        ],
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def results(
    stack: FuzzStack, tmp_path_factory: pytest.TempPathFactory
) -> dict[str | None, subprocess.CompletedProcess[str]]:
    """Every role's run, two at a time (two processes of one worker each: CPython 3.11.7 can
    fail compiling ASTs in two threads of one process)."""
    keep = os.environ.get("FUZZ_REPORT_DIR")  # keep the reports (ndjson) for a look afterwards
    base = Path(keep) if keep else tmp_path_factory.mktemp("schemathesis")

    def run(role: str | None) -> subprocess.CompletedProcess[str]:
        workdir = base / (role or "no_token")
        workdir.mkdir(parents=True, exist_ok=True)
        return run_schemathesis(stack, role, workdir)

    order = (None, "complaint_officer", "front_desk", "admin", "supervisor", "complaint_team")
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(order, pool.map(run, order), strict=True))


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "no_token")
def test_no_5xx_and_the_contract_holds(
    results: dict[str | None, subprocess.CompletedProcess[str]], role: str | None
) -> None:
    result = results[role]
    summary = result.stdout[-6000:]
    assert result.returncode == 0, (
        f"schemathesis ({role or 'no token'}) failed:\n{summary}\n{result.stderr[-2000:]}"
    )


def test_the_local_runner_hands_every_method_to_the_app(stack: FuzzStack) -> None:
    """chalice local answered TRACE with http.server's 501 HTML and OPTIONS with its own CORS
    imitation; now the app answers: 405 problem+json with Allow, or the CORS preflight."""
    import http.client

    def call(method: str, path: str, headers: dict[str, str] | None = None) -> Any:
        conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
        conn.request(method, path, headers=headers or {})
        res = conn.getresponse()
        body = res.read()
        conn.close()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, body

    for method in ("TRACE", "QUERY", "DELETE"):
        status, headers, body = call(method, "/v1/complaints")
        assert status == 405 and headers["allow"] == "POST, OPTIONS"
        assert headers["content-type"] == "application/problem+json"
        assert json.loads(body)["code"] == "method_not_allowed"
    status, headers, _ = call("OPTIONS", "/v1/admin/guestbook")
    assert status == 405 and set(headers["allow"].split(", ")) == {"GET", "POST"}
    status, headers, body = call(
        "OPTIONS", "/v1/complaints", {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert status == 204 and headers["access-control-allow-origin"] == ORIGIN and body == b""
    status, headers, body = call("HEAD", "/v1/services")
    assert status == 405 and body == b""
