"""`make bench`, the web app: JavaScript per portal page (gzipped, as served) and Lighthouse's
mobile scores for home, form and tracking, against the real `make run` stack on a free port.

Goals (web.md): first load at most 50 KB of JavaScript gzipped; Lighthouse mobile performance
90 or more and accessibility 95 or more. Printed, never asserted. Chromium is Debian's
(`/usr/bin/chromium`); Lighthouse comes from bench/web's own lockfile.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, PortalStack

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
LIGHTHOUSE = ROOT / "bench" / "web" / "node_modules" / "lighthouse" / "cli" / "index.js"
JS_GOAL_KB = 50.0
CONSOLE_GOAL_KB = 150.0


def gzipped_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)) / 1024


def seed(stack: PortalStack) -> str:
    """A complaint to track: its tracking link (code and token in the fragment)."""
    status, body = stack.api(
        "POST",
        "/v1/complaints",
        {"subject": "Bench", "description": "Pengaduan untuk bench.", "privacy": "anonymous"},
    )
    assert status == 201, body
    return f"/lacak#kode={body['tracking_code']}&token={body['access_token']}"


def js_per_page(
    stack: PortalStack, pages: dict[str, str], session: dict[str, Any] | None = None
) -> dict[str, list[str]]:
    """The script files each page loads from a cold cache (the page's whole JavaScript);
    `session` is put in sessionStorage first (the console signed in)."""
    from playwright.sync_api import sync_playwright

    loaded: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in pages.items():
            ctx = browser.new_context(viewport=dict(PHONE), base_url=stack.url)  # type: ignore[arg-type]
            if session is not None:
                ctx.add_init_script(
                    f"sessionStorage.setItem('kesra.staff.session', {json.dumps(json.dumps(session))})"
                )
            page = ctx.new_page()
            scripts: list[str] = []

            def record(response: Any, into: list[str] = scripts) -> None:
                if response.request.resource_type == "script":
                    into.append(urlsplit(response.url).path)

            page.on("response", record)
            page.goto(path, wait_until="networkidle")
            loaded[name] = sorted(set(scripts))
            ctx.close()
        browser.close()
    return loaded


def lighthouse(url: str, out: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(  # noqa: S603 - our own command line, no outside input
        [
            shutil.which("node") or "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    report: dict[str, Any] = json.loads(out.read_text())
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kesra-web-bench-") as tmp:
        stack = PortalStack(Path(tmp))
        stack.start()
        try:
            tracking = seed(stack)
            pages = {
                "home (/)": "/",
                "audience form (/audiensi)": "/audiensi",
                "complaint form (/pengaduan)": "/pengaduan",
                "tracking (/lacak#…)": tracking,
            }
            print("\nPortal JavaScript per page, gzipped (goal: first load <= 50 KB)")
            for name, files in js_per_page(stack, pages).items():
                total = sum(gzipped_kb(DIST / f.lstrip("/")) for f in files)
                mark = "ok" if total <= JS_GOAL_KB else "OVER"
                print(f"  {name:32s} {total:6.1f} KB in {len(files)} files  [{mark}]")
            staff_session = {
                "token": stack.staff("admin", "bench-admin")["Authorization"].split()[1],
                "expiresAt": 4102444800000,  # the token's own expiry still applies at the API
                "sub": "bench-admin",
                "roles": ["admin"],
            }
            print("\nConsole JavaScript on first load, gzipped (goal: <= 150 KB before reports)")
            console_pages = {"sign-in (/staff/)": "/staff/"}
            signed_in = {
                "dashboard (/staff/, signed in)": "/staff/",
                "complaint queue (/staff/pengaduan)": "/staff/pengaduan",
                "reports (/staff/laporan, charts)": "/staff/laporan",
            }
            loaded = js_per_page(stack, console_pages) | js_per_page(
                stack, signed_in, staff_session
            )
            for name, files in loaded.items():
                total = sum(gzipped_kb(DIST / f.lstrip("/")) for f in files)
                goal = (
                    ""
                    if "reports" in name
                    else (" [ok]" if total <= CONSOLE_GOAL_KB else " [OVER]")
                )
                print(f"  {name:36s} {total:6.1f} KB in {len(files)} files{goal}")
            if not LIGHTHOUSE.exists():
                print("Lighthouse missing: npm ci --prefix bench/web")
                return 1
            print("\nLighthouse (mobile; goals: performance >= 90, accessibility >= 95)")
            for name, path in pages.items():
                if name.startswith("complaint"):
                    continue  # one form is enough: they load the same way
                scores = lighthouse(stack.url + path, Path(tmp) / "report.json")
                perf, a11y = scores["performance"], scores["accessibility"]
                mark = "ok" if perf >= 90 and a11y >= 95 else "UNDER"
                print(f"  {name:32s} performance {perf:3d}  accessibility {a11y:3d}  [{mark}]")
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
