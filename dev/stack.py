"""`make run` as a subprocess on free ports, for the tests and `make bench`: start, HTTP over
loopback, the stack's processes, stop by a signal (SIGKILL: the whole process group)."""

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
from pathlib import Path
from typing import Any

from dev.localenv import ROOT


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


def rss_kb(pid: int) -> int:
    """Resident set size of one process in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Stack:
    """One `python -m dev.run_local` over the state directory `state`, in a process group
    of its own (as `make run` in a terminal), its output in `state`/stdout.log and
    stderr.log. `sweep_interval` is LOCAL_SWEEP_INTERVAL_S (0: no timer)."""

    def __init__(self, state: Path, sweep_interval: float = 0.5) -> None:
        self.state = state
        self.sweep_interval = sweep_interval
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        """This process's environment less what a fresh shell would not have: the tests'
        secrets, table and bucket names, and AWS settings and credentials."""
        dropped = {"LOCAL_JWT_SECRET", "CURSOR_SECRET", "TOKEN_SECRET", "TABLE_NAME", "BUCKET_NAME"}
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in dropped and not k.startswith(("AWS_", "WHATSAPP_"))
        }
        env.update(
            {
                "PORT": str(self.port),
                "LOCAL_STATE_DIR": str(self.state),
                "LOCAL_SMTP_PORT": str(free_port()),
                "LOCAL_SWEEP_INTERVAL_S": str(self.sweep_interval),
            }
        )
        return env

    def start(self) -> None:
        """Start and wait (up to 120 s) until GET /health answers; AssertionError with the
        stack's own output if it stops first."""
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

    def stop(self, sig: int = signal.SIGTERM, group: bool | None = None) -> float:
        """Signal the stack: its whole process group when `group` (the default for SIGKILL,
        as a crash would, and for SIGINT, as Ctrl-C in a terminal does), else the runner
        only. Returns the seconds until every one of its processes was gone."""
        assert self.proc is not None
        pids = self.pids()
        started = time.monotonic()
        if group is None:
            group = sig in (signal.SIGKILL, signal.SIGINT)
        if group:
            os.killpg(self.proc.pid, sig)
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

    def rss_kb(self) -> int:
        """Resident memory of every process of the stack together, in KiB."""
        return sum(rss_kb(p) for p in self.pids())

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
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10,
    ) -> tuple[int, dict[str, str], Any]:
        """One JSON request to the API: (status, headers, parsed body). OSError when nothing
        answers (not started, or killed) within `timeout` seconds."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:  # noqa: S310
                return res.status, dict(res.headers), json.loads(res.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), json.loads(err.read() or b"null")
