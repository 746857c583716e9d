"""English that is English (issue 17 point 10): a browser that prefers English gets the portal
in English on its first visit (navigator.languages), the service standard's names, classes and
limits in English from /v1/services, times in WIB (never "GMT+7"), and the reader's own choice
of language wins from then on."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE, Page, PortalStack
from tests.browser.test_skm_portal import answered_complaint

pytestmark = pytest.mark.slow


def test_an_english_browser_reads_the_portal_in_english(browser: Any, portal: PortalStack) -> None:
    ctx = browser.new_context(
        viewport=PHONE, base_url=portal.url, locale="en-US", timezone_id="Europe/London"
    )
    ctx.set_default_timeout(15_000)
    try:
        p = Page(ctx.new_page(), "english_browser", PHONE)
        page = p.page
        assert page.evaluate("navigator.languages")[0] == "en-US"
        page.goto("/")
        page.get_by_role("heading", name="Public services of Biro Kesra").wait_for()
        page.get_by_text("3 working days").wait_for()  # from /v1/services, in English
        assert page.evaluate("document.documentElement.lang") == "en"
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        body = page.locator("main").inner_text()
        for english in (
            "Audiences for Government Agencies",
            "Free of charge",
            "Minor complaints",
            "within 3 office hours",
            "within 60 working days",
            "Proof of identity",
            "The citizen receives the answer",
        ):
            assert english in body, english
        for indonesian in ("Hari", "hari kerja", "Tidak dipungut biaya", "Pengaduan ringan"):
            assert indonesian not in body, indonesian
        p.check("home-en")

        code, token = answered_complaint(portal)
        page.goto(f"/lacak#kode={code}&token={token}")
        page.get_by_test_id("status").wait_for()
        main = page.locator("main").inner_text()
        assert "WIB" in main and "GMT" not in main, main
        assert "The complaint has been answered" in main  # the timeline's notes too
        assert "Pengaduan" not in main and "Jawaban" not in main, main

        # The reader's choice wins over the browser's language, on this visit and the next.
        page.get_by_role("button", name="Ganti ke Bahasa Indonesia").click()
        page.goto("/")
        page.get_by_text("3 hari kerja").wait_for()
        assert page.evaluate("document.documentElement.lang") == "id"
        assert "3 working days" not in page.locator("main").inner_text()
        assert p.console_errors == []
    finally:
        ctx.close()
