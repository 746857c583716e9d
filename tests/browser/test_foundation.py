"""The web app served by `make run`: the home page renders the service standard, on a phone
and a desk screen, with no serious axe violation, and static files are served properly."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESK, PHONE

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desk"])
def test_home_shows_the_service_standard(open_page: Any, size: dict[str, int]) -> None:
    page = open_page(size)
    page.page.goto("/")
    page.page.get_by_role("heading", level=1).wait_for()
    # The standard arrives from GET /v1/services after the first paint ("Memuat…"): wait for it.
    page.page.get_by_text("Tidak dipungut biaya").first.wait_for(timeout=15_000)
    body = page.page.locator("main").inner_text()
    assert "Tidak dipungut biaya" in body
    assert "085828735503" in body  # the bureau's WhatsApp, from GET /v1/services
    assert "selambat-lambatnya 60 hari kerja" in body
    page.check("home")


def test_language_switch_is_kept(open_page: Any) -> None:
    page = open_page(PHONE)
    page.page.goto("/")
    page.page.get_by_role("button", name="Switch to English").click()
    page.page.get_by_role("heading", name="Public services of Biro Kesra").wait_for()
    page.page.reload()
    page.page.get_by_role("heading", name="Public services of Biro Kesra").wait_for()
    assert page.page.evaluate("document.documentElement.lang") == "en"
    page.check("home-en")


def test_static_files_and_api_share_the_origin(portal: Any) -> None:
    import urllib.request

    status, html = portal.get("/lacak")  # a client-side route: the SPA fallback
    assert status == 200 and b'id="app"' in html
    status, html = portal.get("/staff/antrian")
    assert status == 200 and b"/src/staff" not in html and b"Konsol" in html
    assert portal.get("/assets/nope.js")[0] == 404
    assert portal.get("/health")[0] == 200
    status, body = portal.get("/v1/nope")
    assert status == 404 and b"not_found" in body  # the API's problem+json, not the app
    with urllib.request.urlopen(portal.url + "/") as res:
        assert res.headers["Content-Type"] == "text/html; charset=utf-8"
        assert res.headers["Cache-Control"] == "no-cache"
        assert "script-src 'self'" in res.headers["Content-Security-Policy"]
    html_text = portal.get("/")[1].decode()
    asset = html_text.split('src="', 1)[1].split('"', 1)[0]
    req = urllib.request.Request(portal.url + asset, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as res:
        assert res.headers["Content-Type"] == "text/javascript; charset=utf-8"
        assert "immutable" in res.headers["Cache-Control"]
        assert res.headers["Content-Encoding"] == "gzip"
