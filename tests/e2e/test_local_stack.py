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


def months_ahead(months: int) -> str:
    """A sweep clock well past every deadline, inside the accepted range (a year ahead)."""
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) + timedelta(days=30 * months)).replace(microsecond=0).isoformat()


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
                "LOCAL_SNAPSHOT_INTERVAL_S": "0.5",
                "LOCAL_SWEEP_INTERVAL_S": "0.5",
            }
        )
        return env

    def start(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        self.stdout = open(self.state / "stdout.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dev.run_local"],
            cwd=ROOT,
            env=self.env(),
            stdout=self.stdout,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read().decode()  # type: ignore[union-attr]
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("local stack did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)
        self.proc.wait(timeout=30)
        self.proc = None
        self.stdout.close()

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
        s.proc.kill()
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

    stack.stop(signal.SIGTERM)  # graceful: saved on shutdown
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

    # A hard kill loses at most the last snapshot interval: wait past it, then SIGKILL.
    status, _, second = stack.request("POST", "/v1/admin/guestbook", visit, headers=desk)
    assert status == 201
    time.sleep(2.0)
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
    manifest = json.loads((stack.state / "snapshot.json").read_text())
    keys = {o["key"] for objs in manifest["buckets"].values() for o in objs}
    assert f"verified/identity/{upload_ids['identity']}" in keys  # uploaded files survive too
