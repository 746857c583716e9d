"""Browser tests: the real `make run` stack (started here on a free port with its own state
directory) driven by Debian's Chromium through Playwright; never a browser download.

Screenshots go to build/screenshots/ (git-ignored), named <test>-<step>-<width>x<height>.png.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 800}
DESK = {"width": 1366, "height": 768}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PortalStack:
    """`make run` in its own process group, on a free port, with a temporary state dir."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.port = free_port()
        self.smtp_port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = state / "make-run.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("LOCAL_JWT_SECRET", "CURSOR_SECRET", "TOKEN_SECRET", "MAKEFLAGS", "MFLAGS")
            and not k.startswith("WHATSAPP_")  # the stack's generated ones and its recorder
        }
        env.update(
            {
                "PORT": str(self.port),
                "LOCAL_STATE_DIR": str(self.state),
                "LOCAL_SMTP_PORT": str(self.smtp_port),
                "LOCAL_SWEEP_INTERVAL_S": "0",
            }
        )
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [shutil.which("make") or "make", "-s", "run"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # one process group: make, python, storage
            )
        deadline = time.monotonic() + 240  # a first run builds the web app
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"make run exited:\n{self.log.read_text()[-3000:]}")
            try:
                if self.get("/health")[0] == 200 and self.get("/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"make run did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def api(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        """JSON over HTTP to the running API (the staff steps of a browser test)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                text = res.read()
                return res.status, json.loads(text) if text else None
        except urllib.error.HTTPError as err:
            text = err.read()
            return err.code, json.loads(text) if text else None

    def staff(self, role: str, sub: str | None = None) -> dict[str, str]:
        """A staff token from `make token` (which also puts `sub` in the staff directory)."""
        env = {**os.environ, "LOCAL_STATE_DIR": str(self.state)}
        args = [sys.executable, "-m", "dev.token", "--role", role, "--hours", "1"]
        token = subprocess.run(
            [*args, *(["--sub", sub] if sub else [])],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="package")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PortalStack]:
    stack = PortalStack(tmp_path_factory.mktemp("portal-state"))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


# Package scope: Playwright's sync API keeps an event loop running in the main thread while it
# is open, and code that later calls asyncio.run() there (pyHanko's signer, in the e2e and
# integration tiers that run after this package in one pytest session) would fail.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A Playwright page with the checks every page gets: no console errors, axe-core, and
    screenshots at the size it was opened with."""

    def __init__(self, page: Any, name: str, size: dict[str, int]) -> None:
        self.page = page
        self.name = name
        self.size = size
        self.console_errors: list[str] = []
        self.allowed: list[str] = []  # console errors a test expects (an API's 404 it asked for)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _console(self, message: Any) -> None:
        if message.type == "error" and not any(a in message.text for a in self.allowed):
            self.console_errors.append(message.text)

    def axe(self) -> list[dict[str, Any]]:
        """Serious or critical axe-core violations on the page as it is now."""
        # evaluate() is not bound by the page's CSP (script-src 'self'), a script tag would be.
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result
            if v["impact"] in ("serious", "critical")
        ]

    def check(self, step: str, both: bool = False) -> None:
        """Screenshot the page and assert axe finds nothing serious on it; `both` does it at
        the phone and the desk size."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        sizes = [PHONE, DESK] if both else [self.size]
        for size in sizes:
            self.page.set_viewport_size(size)  # (the phone size may come first)
            w, h = size["width"], size["height"]
            self.page.screenshot(
                path=str(SCREENSHOTS / f"{self.name}-{step}-{w}x{h}.png"), full_page=False
            )
            violations = self.axe()
            assert violations == [], f"axe on {step} at {w}x{h}: {violations}"
        self.page.set_viewport_size(self.size)


@pytest.fixture
def open_page(
    browser: Any, portal: PortalStack, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Page]]:
    contexts: list[Any] = []
    pages: list[Page] = []

    def open_(size: dict[str, int] = PHONE, timezone: str = "America/New_York") -> Page:
        # A browser far from Pontianak: times must still show in WIB.
        ctx = browser.new_context(
            viewport=size, base_url=portal.url, timezone_id=timezone, locale="id-ID"
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = Page(ctx.new_page(), request.node.name.removeprefix("test_"), size)
        pages.append(page)
        return page

    yield open_
    for ctx in contexts:
        ctx.close()
    for page in pages:
        assert page.console_errors == [], page.console_errors
