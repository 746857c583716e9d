"""`make run`'s stack for real: a subprocess on free ports, HTTP over loopback, restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dev.stack import Stack
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def months_ahead(months: int) -> str:
    """A sweep clock well past every deadline, inside the accepted range (a year ahead)."""
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) + timedelta(days=30 * months)).replace(microsecond=0).isoformat()


def citizen_submits(stack: Stack) -> tuple[dict[str, Any], dict[str, str]]:
    """A citizen's whole flow over loopback: presigned uploads straight into the embedded
    storage, the submission, the tracking page."""
    import requests

    from tests.e2e.helpers import working_day
    from tests.files import PDF

    upload_ids = {}
    for purpose in ("request_letter", "identity"):
        status, _, ticket = stack.request(
            "POST",
            "/v1/uploads",
            {
                "purpose": purpose,
                "content_type": "application/pdf",
                "size_bytes": len(PDF),
                "filename": "surat.pdf",
            },
        )
        assert status == 201 and ticket["url"].startswith("http://127.0.0.1:")
        landed = requests.post(
            ticket["url"], data=ticket["fields"], files={"file": ("surat.pdf", PDF)}, timeout=10
        )
        assert landed.status_code in (200, 201, 204), landed.text
        upload_ids[purpose] = f"{ticket['upload_id']}.{ticket['upload_secret']}"
    audience = {
        "institution_name": "Bappeda",
        "institution_type": "pemerintah_daerah",
        "contact": {
            "name": "Yohanes",
            "position": "Kabid",
            "phone": "0812-0000-1111",
            "email": "y@bappeda.go.id",
        },
        "topic": "Koordinasi",
        "purpose": "Koordinasi program",
        "attendees": 3,
        "preferred_dates": [working_day(7).isoformat()],
        "request_letter_upload_id": upload_ids["request_letter"],
        "identity_upload_id": upload_ids["identity"],
    }
    status, _, submitted = stack.request(
        "POST", "/v1/audiences", audience, headers={"Idempotency-Key": "loop-1"}
    )
    assert status == 201, submitted
    status, _, tracked = stack.request(
        "GET",
        f"/v1/track/{submitted['tracking_code']}",
        headers={"X-Access-Token": submitted["access_token"]},
    )
    assert status == 200 and tracked["status"] == "submitted"

    return submitted, upload_ids


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    s = Stack(tmp_path / "state")
    yield s
    if s.proc is not None:
        os.killpg(s.proc.pid, signal.SIGKILL)
        s.proc.wait()


def test_stack_serves_authenticates_and_keeps_data_across_restarts(stack: Stack) -> None:
    from openapi_spec_validator import validate

    stack.start()
    status, _, doc = stack.request("GET", "/openapi.json")
    assert status == 200
    validate(doc)

    status, headers, problem = stack.request("GET", "/v1/admin/guestbook")
    assert status == 401
    assert headers["Content-Type"] == "application/problem+json"
    assert problem["code"] == "unauthenticated" and headers["X-Request-Id"]

    status, headers, problem = stack.request(
        "GET",
        "/v1/admin/guestbook",
        headers={"Authorization": "Bearer nope", "Accept-Language": "en"},
    )
    assert status == 401 and headers["Content-Type"] == "application/problem+json"

    team = {"Authorization": "Bearer " + stack.token("complaint_team")}
    status, headers, problem = stack.request("GET", "/v1/admin/guestbook", headers=team)
    assert status == 403 and problem["code"] == "forbidden"

    status, _, problem = stack.request("GET", "/v1/no/such/path")  # other paths are the web app
    assert status == 404 and problem["code"] == "not_found"

    desk = {"Authorization": "Bearer " + stack.token("front_desk")}
    visit = {
        "name": "Yohanes",
        "institution": "Bappeda",
        "purpose": "Koordinasi",
        "time_in": "2026-11-27T09:00:00+07:00",
    }
    status, _, entry = stack.request("POST", "/v1/admin/guestbook", visit, headers=desk)
    assert status == 201

    assert stack.stop(signal.SIGINT) < 5  # Ctrl-C: every process of the stack, the JVM too
    stack.start()
    status, _, page = stack.request("GET", "/v1/admin/guestbook?date=2026-11-27", headers=desk)
    assert status == 200 and [i["id"] for i in page["items"]] == [entry["id"]]

    submitted, upload_ids = citizen_submits(stack)

    admin = {"Authorization": "Bearer " + stack.token("admin")}
    status, _, swept = stack.request(
        "POST", "/v1/admin/jobs/sla-sweep", {"now": months_ahead(2)}, headers=admin
    )
    assert status == 200 and swept["failed"] == 0
    time.sleep(1.2)  # the timer sweeps on its own, too
    logged = (stack.state / "stdout.log").read_text()
    assert logged.count('"message":"sla sweep"') >= 2

    # A hard kill of the whole process group right after the answer loses nothing.
    status, _, second = stack.request("POST", "/v1/admin/guestbook", visit, headers=desk)
    assert status == 201
    stack.stop(signal.SIGKILL)
    stack.start()
    status, _, page = stack.request("GET", "/v1/admin/guestbook?date=2026-11-27", headers=desk)
    assert {i["id"] for i in page["items"]} == {entry["id"], second["id"]}
    status, _, tracked = stack.request(
        "GET",
        f"/v1/track/{submitted['tracking_code']}",
        headers={"X-Access-Token": submitted["access_token"]},
    )
    assert status == 200 and tracked["kind"] == "audience"
    stored = [json.loads(p.read_text()) for p in (stack.state / "s3").glob("*/*.json")]
    keys = {o["key"] for o in stored}
    assert (
        f"verified/identity/{upload_ids['identity'].partition('.')[0]}" in keys
    )  # uploaded files survive too
    assert_served_as_stored(stack, stored, upload_ids["request_letter"].partition(".")[0], desk)
    assert_no_start_without_the_uploads(stack)


def assert_no_start_without_the_uploads(stack: Stack) -> None:
    """The uploads' folder lost while the table holds them: no start without the files."""
    stack.stop(signal.SIGINT)
    (stack.state / "s3").rename(stack.state / "s3-aside")
    assert "s3 is missing but the table holds 2 uploaded files" in _start_fails(stack.state)


def assert_served_as_stored(
    stack: Stack, stored: list[dict[str, Any]], upload_id: str, desk: dict[str, str]
) -> None:
    """The restarted S3 serves a request letter's bytes as their recorded SHA-256 says."""
    import hashlib

    import requests

    status, _, link = stack.request(
        "GET", f"/v1/admin/attachments/{upload_id}?reason=Periksa+surat", headers=desk
    )
    assert status == 200, link
    served = requests.get(link["url"], timeout=10).content
    (meta,) = [o for o in stored if o["key"] == f"verified/request_letter/{upload_id}"]
    assert served.startswith(b"%PDF") and hashlib.sha256(served).hexdigest() == meta["sha256"]


def _start_fails(state: Path) -> str:
    """Start the stack over `state`; it must stop at once with exit 2 and one line."""
    env = Stack(state).env()
    done = subprocess.run(
        [sys.executable, "-m", "dev.run_local"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_a_damaged_or_missing_state_file_stops_the_start_with_one_line(tmp_path: Path) -> None:
    import hashlib

    from dev.state import write_marker

    state = tmp_path / "state"
    state.mkdir()
    (state / "state.json").write_text("{not json")
    assert "state.json is damaged" in _start_fails(state)

    write_marker(state, "layanan-kesra")  # the table was made here, but its file is gone
    line = _start_fails(state)
    assert "shared-local-instance.db is missing" in line and "restore it" in line
    (state / "dynamodb").mkdir()
    (state / "dynamodb" / "shared-local-instance.db").write_bytes(b"")
    assert "secrets.json is missing but" in _start_fails(state)  # never new secrets over data
    (state / "state.json").unlink()
    assert "state.json is missing but" in _start_fails(state)  # never recreated over data
    write_marker(state, "layanan-kesra")

    (state / "dynamodb" / "shared-local-instance.db").write_bytes(b"\x00garbage" * 512)
    assert "shared-local-instance.db is damaged" in _start_fails(state)
    (state / "dynamodb" / "shared-local-instance.db").unlink()
    (state / "state.json").unlink()

    bucket = state / "s3" / "layanan-kesra-uploads"
    bucket.mkdir(parents=True)
    (bucket / "a.data").write_bytes(b"changed bytes")
    meta = {"key": "verified/x", "sha256": hashlib.sha256(b"original").hexdigest()}
    (bucket / "a.json").write_text(json.dumps(meta))
    assert "a.data does not match its recorded SHA-256" in _start_fails(state)
    (bucket / "a.json").unlink()

    (state / "secrets.json").write_text("[1, 2")
    assert "secrets.json is damaged" in _start_fails(state)
    (state / "secrets.json").unlink()

    (state / "snapshot.json").write_text(json.dumps({"format": 1, "tables": {}, "buckets": {}}))
    line = _start_fails(state)  # no longer imported (issue 18 point 8): never started as empty
    assert "snapshot.json is the snapshot of a version before DynamoDB Local" in line
    assert (state / "snapshot.json").exists()  # kept where it was


# linux/capability.h and linux/prctl.h: what lets root write where the mode bits say no.
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def _drop_root_overrides() -> None:
    """In the child before exec: take the file-permission overrides out of the bounding set,
    so the program it runs, even as root, obeys the mode bits like anyone (capabilities(7))."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _as_someone_who_cannot_write(state: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run `command` over the state directory `state`, made read-only (mode 0555), as a user
    the mode bits really stop: when the tests run as root (chmod alone does not stop root's
    writes), without root's file-permission overrides."""
    env = Stack(state).env()
    env["PASSWORD"] = "a-long-enough-password"
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_drop_root_overrides if os.geteuid() == 0 else None,
    )


@pytest.mark.parametrize("lock_exists", [False, True])
def test_a_read_only_state_directory_stops_each_tool_with_one_line(
    tmp_path: Path, lock_exists: bool
) -> None:
    """Issue 17 (point 18): `make run` over a read-only state directory ended in a traceback
    (OSError on stack.lock); every tool says which directory in one line and exits 2."""
    state = tmp_path / "state"
    state.mkdir()
    if lock_exists:
        (state / "stack.lock").write_text("")
    state.chmod(0o555)
    try:
        tools = {
            "make run": ["dev.run_local"],
            "make token": ["dev.token", "--role", "front_desk"],
            "make user": ["dev.staff_accounts", "--username", "sari", "--role", "front_desk"],
        }
        for tool, command in tools.items():
            done = _as_someone_who_cannot_write(state, *command)
            lines = done.stderr.strip().splitlines()
            assert done.returncode == 2, (tool, done.stderr)
            assert len(lines) == 1 and "Traceback" not in done.stderr, (tool, done.stderr)
            assert lines[0].startswith(f"{tool}: cannot write to the state directory {state} ")
            assert "LOCAL_STATE_DIR" in lines[0]
        assert sorted(p.name for p in state.iterdir()) == (["stack.lock"] if lock_exists else [])
        if lock_exists:  # a writable directory, its lock file read-only
            state.chmod(0o755)
            (state / "stack.lock").chmod(0o444)
            done = _as_someone_who_cannot_write(state, "dev.run_local")
            assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
            assert (
                done.stderr
                == f"make run: cannot write to {state / 'stack.lock'} (Permission denied): make it and {state} writable by this user, or set LOCAL_STATE_DIR to a writable directory\n"
            )
    finally:
        state.chmod(0o755)  # pytest removes it


def test_a_hard_kill_under_load_loses_no_acknowledged_complaint(stack: Stack) -> None:
    """Four citizens post complaints; kill -9 of the whole process group while they still
    post; after a restart every complaint that got its 201 is there."""
    import threading

    stack.start()
    acknowledged: list[tuple[str, str]] = []
    stop = threading.Event()
    body = {"subject": "Antrian", "description": "Pelayanan lambat.", "privacy": "anonymous"}

    def citizen() -> None:
        while not stop.is_set():
            try:
                status, _, answer = stack.request("POST", "/v1/complaints", body)
            except OSError:
                return  # the stack is gone: this one was never acknowledged
            if status == 201:
                acknowledged.append((answer["tracking_code"], answer["access_token"]))

    threads = [threading.Thread(target=citizen) for _ in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    stack.stop(signal.SIGKILL)  # in the middle of the traffic
    stop.set()
    for t in threads:
        t.join(15)
    assert len(acknowledged) >= 40
    stack.start()
    http_race_on_one_if_match(stack, acknowledged[0][0])
    missing = [
        code
        for code, token in acknowledged
        if stack.request("GET", f"/v1/track/{code}", headers={"X-Access-Token": token})[0] != 200
    ]
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged complaints lost"
    assert stack.stop(signal.SIGTERM) < 5  # SIGTERM to the runner stops the JVM too

    stack.start()  # the runner alone killed: its JVM does not outlive it
    assert stack.stop(signal.SIGKILL, group=False) < 5


def _post_at_barrier(
    stack: Stack,
    barrier: Any,
    statuses: list[int],
    i: int,
    path: str,
    body: Any,
    headers: dict[str, str],
) -> None:
    barrier.wait()
    statuses[i] = stack.request("POST", path, body, headers)[0]


def http_race_on_one_if_match(stack: Stack, code: str) -> None:
    """Over HTTP on the real stack: an answer and a rejection of one complaint with the same
    If-Match at once, six times; each time exactly one is 200 and the other 412."""
    import threading

    officer = {"Authorization": "Bearer " + stack.token("complaint_officer")}
    team = stack.token("complaint_team")  # registers local-complaint_team in the directory
    assert team
    for round_ in range(6):
        if round_:
            _, _, made = stack.request(
                "POST",
                "/v1/complaints",
                {"subject": "Balapan", "description": "Dua petugas.", "privacy": "anonymous"},
            )
            code = made["tracking_code"]
        base = f"/v1/admin/complaints/{code}"
        status, _, item = stack.request("POST", f"{base}/classify", {"class": "normatif"}, officer)
        assert status == 200, item
        status, _, item = stack.request(
            "POST", f"{base}/assign", {"assignee": "local-complaint_team"}, officer
        )
        assert status == 200, item
        match = {**officer, "If-Match": f'"{item["version"]}"'}
        actions = [
            (f"{base}/answer", {"answer": "Sudah ditangani.", "channel": "web"}),
            (f"{base}/reject", {"reason": "Bukan kewenangan biro."}),
        ]
        statuses: list[int] = [0, 0]
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(
                target=_post_at_barrier, args=(stack, barrier, statuses, i, *actions[i], match)
            )
            for i in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(statuses) == [200, 412], statuses
