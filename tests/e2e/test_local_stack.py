"""`make run`'s stack for real: a subprocess on free ports, HTTP over loopback, restarts."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Stack:
    def __init__(self, state: Path) -> None:
        self.state = state
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k
            not in (
                "LOCAL_JWT_SECRET",
                "CURSOR_SECRET",
                "TOKEN_SECRET",
                "TABLE_NAME",
                "BUCKET_NAME",
            )
        }
        env.update(
            {
                "PORT": str(self.port),
                "LOCAL_STATE_DIR": str(self.state),
                "LOCAL_SWEEP_INTERVAL_S": "0.5",
            }
        )
        return env

    def start(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        self.stdout = open(self.state / "stdout.log", "ab")  # noqa: SIM115 - closed in stop()
        self.stderr = open(self.state / "stderr.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dev.run_local"],
            cwd=ROOT,
            env=self.env(),
            stdout=self.stdout,
            stderr=self.stderr,
            start_new_session=True,  # its own process group, as `make run` in a terminal
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.state / "stderr.log").read_text()
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("local stack did not start")

    def pids(self) -> list[int]:
        """Every process of the stack, as its start line lists them."""
        for line in (self.state / "stderr.log").read_text().splitlines()[::-1]:
            if line.startswith('{"api"'):
                return list(json.loads(line)["pids"])
        raise AssertionError("no start line")

    def stop(self, sig: int = signal.SIGTERM) -> float:
        """Signal the stack (SIGKILL: its whole process group, as a crash would); returns
        the seconds until every one of its processes was gone."""
        assert self.proc is not None
        pids = self.pids()
        started = time.monotonic()
        if sig == signal.SIGKILL:
            os.killpg(self.proc.pid, signal.SIGKILL)
        else:
            self.proc.send_signal(sig)
        self.proc.wait(timeout=30)
        while any(alive(p) for p in pids) and time.monotonic() - started < 30:
            time.sleep(0.05)
        took = time.monotonic() - started
        self.proc = None
        self.stdout.close()
        self.stderr.close()
        return took

    def token(self, role: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "dev.token", "--role", role],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return res.status, dict(res.headers), json.loads(res.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), json.loads(err.read() or b"null")


def citizen_submits(stack: Stack) -> tuple[dict[str, Any], dict[str, str]]:
    """A citizen's whole flow over loopback: presigned uploads straight into the embedded
    storage, the submission, the tracking page."""
    import requests

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
        upload_ids[purpose] = ticket["upload_id"]
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
        "preferred_dates": ["2030-01-07"],
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


def old_snapshot(directory: Path, client: Any, auth: Any) -> str:
    """A .local/ as versions before DynamoDB Local left it (dev/snapshot.py's format 1):
    one guestbook entry written by the app on moto, every item scanned into snapshot.json.
    Returns the entry's id."""
    import boto3

    from dev.snapshot import encode

    visit = {
        "name": "Lama",
        "institution": "Bappeda",
        "purpose": "Sebelum pindah",
        "time_in": "2026-11-26T09:00:00+07:00",
    }
    res = client.http.post("/v1/admin/guestbook", body=json.dumps(visit), headers=auth())
    assert res.status_code == 201
    items = boto3.client("dynamodb").scan(TableName=os.environ["TABLE_NAME"])["Items"]
    directory.mkdir(parents=True)
    (directory / "objects").mkdir()
    manifest = {"format": 1, "tables": {"layanan-kesra": encode(items)}, "buckets": {}}
    (directory / "snapshot.json").write_text(json.dumps(manifest))
    entry_id: str = res.json_body["id"]
    return entry_id


def test_stack_serves_authenticates_and_keeps_data_across_restarts(
    stack: Stack, client: Any, auth: Any
) -> None:
    from openapi_spec_validator import validate

    old_id = old_snapshot(stack.state, client, auth)
    stack.start()
    assert not (stack.state / "snapshot.json").exists()  # imported once, then set aside
    assert list(stack.state.glob("imported-snapshot-*/snapshot.json"))
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

    status, _, problem = stack.request("GET", "/no/such/path")
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

    assert stack.stop(signal.SIGTERM) < 5  # every process of the stack, the JVM too
    stack.start()
    status, _, page = stack.request("GET", "/v1/admin/guestbook?date=2026-11-27", headers=desk)
    assert status == 200 and [i["id"] for i in page["items"]] == [entry["id"]]
    status, _, page = stack.request("GET", "/v1/admin/guestbook?date=2026-11-26", headers=desk)
    assert [i["id"] for i in page["items"]] == [old_id]  # the old snapshot's entry

    submitted, upload_ids = citizen_submits(stack)

    admin = {"Authorization": "Bearer " + stack.token("admin")}
    status, _, swept = stack.request(
        "POST", "/v1/admin/jobs/sla-sweep", {"now": "2030-01-01T09:00:00+07:00"}, headers=admin
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
    assert f"verified/identity/{upload_ids['identity']}" in keys  # uploaded files survive too


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
    assert not list(state.glob("imported-snapshot-*"))
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

    (state / "snapshot.json").write_text(
        json.dumps({"format": 1, "tables": {}, "buckets": {"b": [{"key": "k", "sha256": "ab"}]}})
    )
    line = _start_fails(state)
    assert "objects/ab (the snapshot of an earlier version) is missing" in line
    assert (state / "snapshot.json").exists()  # kept where it was
