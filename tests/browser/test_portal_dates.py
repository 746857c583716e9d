"""The portal's "Tanggal lain" in Chromium against the real `make run` stack (issue 17 point
4): a holiday typed there is refused on its own step, before the uploads, with the date
written as people write it; a working day passes to the documents step."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chalicelib.adapters.holiday_library import library_holidays
from chalicelib.domain.timeutil import long_date
from tests.browser.conftest import DESK, PHONE

pytestmark = pytest.mark.slow


def next_weekday_holiday() -> tuple[date, str]:
    """The first library holiday on a weekday at least two days from today (Pontianak)."""
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Pontianak")).date()
    found = sorted(
        (day, name)
        for year in (today.year, today.year + 1)
        for day, name in library_holidays(year).items()
        if day >= today + timedelta(days=2) and day.weekday() < 5
    )
    return found[0]


def test_a_holiday_typed_as_another_date_is_refused_on_its_own_step(
    open_page: Any, portal: Any
) -> None:
    holiday, name = next_weekday_holiday()
    p = open_page(PHONE)
    p.allowed.append("400")  # the API's answer on the typed date
    page = p.page
    page.goto("/audiensi/audiensi")
    page.get_by_label("Topik audiensi").fill("Koordinasi bantuan sosial")
    page.get_by_label("Maksud dan tujuan").fill("Membahas penyaluran bantuan sosial.")
    page.get_by_label("Jumlah peserta dari instansi Anda").fill("5")
    page.locator("input[name='preferred_dates']").first.wait_for()
    page.get_by_label("Tanggal lain").fill(holiday.isoformat())
    page.get_by_role("button", name="Lanjutkan").click()
    expected = f"{long_date(holiday, 'id')} adalah hari libur ({name}), bukan hari kerja"
    page.locator(".error-summary").get_by_text(expected).wait_for()
    assert (
        page.locator(".field--error, .govuk-form-group--error, [class*='error']")
        .filter(has_text=expected)
        .count()
        >= 1
    )
    assert "/audiensi/audiensi" in page.url  # still on its step: no uploads yet
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.locator("main").inner_text())
    p.check("holiday-refused", both=True)
    # A working day passes to the documents.
    day = portal.api("GET", "/v1/working-days?count=12")[1]["working_days"][11]
    page.get_by_label("Tanggal lain").fill(day)
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Surat permohonan fasilitasi rapat/audiensi").wait_for()


def test_the_same_check_in_english(open_page: Any, portal: Any) -> None:
    holiday, _ = next_weekday_holiday()
    p = open_page(DESK)
    p.allowed.append("400")
    page = p.page
    page.goto("/")
    page.locator("button.lang").click()
    page.locator("html[lang=en]").wait_for(state="attached")
    page.goto("/audiensi/audiensi")
    page.locator("input[name='preferred_dates']").first.wait_for()
    page.locator("input[name='other_date']").fill(holiday.isoformat())
    page.locator("form button[type='submit']").click()
    page.locator(".error-summary").get_by_text(long_date(holiday, "en")).wait_for()
