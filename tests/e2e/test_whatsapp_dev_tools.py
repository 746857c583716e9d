"""`make whatsapp-info` and `python -m dev.whatsapp_inbound` find the running `make run` on
whatever PORT it listens (its address announced in <state>/stack.json), and say so in one
line with exit 2 when no stack runs (issue 19 point 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dev.stack import Stack
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def tool(module: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - the return code is asserted by the callers
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_stack_running_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    env = Stack(tmp_path / "state").env()
    env.pop("PORT")
    (tmp_path / "state").mkdir()
    for module in ("dev.whatsapp_info", "dev.whatsapp_inbound"):
        done = tool(module, env)
        assert done.returncode == 2, (module, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "make run" in done.stderr, done.stderr


def test_the_tools_use_the_running_stacks_port(tmp_path: Path) -> None:
    stack = Stack(tmp_path / "state")
    assert stack.port != 8000
    stack.start()
    try:
        env = stack.env()
        env.pop("PORT")  # as a second terminal would be: PORT not set by hand
        info = tool("dev.whatsapp_info", env)
        assert info.returncode == 0, info.stderr
        assert f"{stack.url}/v1/channels/whatsapp/webhook" in info.stdout
        assert "127.0.0.1:8000" not in info.stdout
        sent = tool("dev.whatsapp_inbound", env, "--text", "Lampu jalan mati")
        assert sent.returncode == 0, sent.stdout + sent.stderr
        assert sent.stdout.startswith("200"), sent.stdout
        token = tool("dev.token", env, "--role", "complaint_officer", "--sub", "petugas-1")
        assert token.returncode == 0, token.stderr
        bearer = {"Authorization": f"Bearer {token.stdout.strip()}"}
        status, _, inbox = stack.request("GET", "/v1/admin/inbox", headers=bearer)
        assert status == 200
        texts = [m["text"] for c in inbox["items"] for m in c["messages"]]
        assert "Lampu jalan mati" in texts
    finally:
        stack.stop()
    gone: Any = tool("dev.whatsapp_info", env)
    assert gone.returncode == 2 and "make run" in gone.stderr
