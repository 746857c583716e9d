"""The reply letter end to end in Chromium against the real `make run` stack (issue 20): the
front desk schedules a request, previews the letter, issues it; the citizen downloads the
signed PDF from the tracking page with their token and opens its verification page."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESK, PHONE, PortalStack
from tests.browser.test_console_flows import listed_room, make_user, sign_in, uploaded

pytestmark = pytest.mark.slow


def _request(stack: PortalStack, day: str) -> tuple[str, str]:
    """A public audience request (code, token), reviewed by the front desk."""
    body = {
        "institution_name": "Dinas Sosial Kabupaten Sambas",
        "institution_type": "pemerintah_daerah",
        "contact": {
            "name": "Rina Wulandari",
            "position": "Kepala",
            "phone": "0812-5555-6666",
            "email": "rina@sambas.go.id",
        },
        "topic": "penyaluran bantuan sosial",
        "purpose": "Koordinasi penyaluran bantuan sosial.",
        "attendees": 4,
        "preferred_dates": [day],
        "request_letter_upload_id": uploaded(stack, "request_letter"),
        "identity_upload_id": uploaded(stack, "identity"),
    }
    status, out = stack.api("POST", "/v1/audiences", body)
    assert status == 201, out
    code = str(out["tracking_code"])
    desk = stack.staff("front_desk")
    assert stack.api("POST", f"/v1/admin/audiences/{code}/review", {}, desk)[0] == 200
    return code, str(out["access_token"])


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_front_desk_previews_and_issues_the_letter_the_citizen_downloads_it(
    open_page: Any, portal: PortalStack
) -> None:
    day = portal.api("GET", "/v1/working-days?count=6")[1]["working_days"][5]
    code, token = _request(portal, day)
    desk = make_user(portal, "meja.surat", "front_desk")
    p = open_page(DESK)
    page = p.page
    sign_in(page, desk)
    # A room of its own: the browser tests share one stack, and others book 10:00 that day
    # in the first listed room.
    listed_room(portal, "Ruang Uji Surat", 8)
    page.goto(f"/staff/jadwal?kode={code}")
    page.get_by_role("heading", name="Jadwal ruang").wait_for()
    page.get_by_role("button", name=re.compile("^Ruang Uji Surat")).click()
    page.get_by_text("Ruang Uji Surat · 8 orang").wait_for()  # the week grid's caption
    page.get_by_label("Permohonan (kode)").fill(code)
    page.get_by_label("Pekan mulai").fill(day)
    page.locator(f"[data-slot='{day}T10:00']").click()
    attendees = page.get_by_label("Peserta dari biro (wajib, satu per baris)")
    # issue 17: the one list the schedule needs is marked required, as the walk-in's phone is
    assert attendees.get_attribute("required") is not None
    attendees.fill("Kepala Biro Kesra")
    # The preview: an unsigned draft, numbered only when issued.
    seen: list[bytes] = []

    def keep(route: Any) -> None:  # the bytes the console receives, passed on unchanged
        answer = route.fetch()
        seen.append(answer.body())
        route.fulfill(response=answer)

    page.route(re.compile(r"/schedule/preview$"), keep)
    page.get_by_role("button", name="Pratinjau surat").click()
    page.get_by_test_id("letter-preview").wait_for()  # the link that opens it
    draft = seen[0]
    text = _text(draft)
    assert "PRATINJAU" in text and "(diberikan saat surat diterbitkan)" in text
    assert "Dinas Sosial Kabupaten Sambas" in text and "10.00 s.d. 11.00 WIB" in text
    p.check("letter-preview")
    # Issued: numbered, signed, downloadable by staff.
    page.get_by_role("button", name="Jadwalkan", exact=True).click()
    issued = page.get_by_test_id("letter-issued")
    issued.wait_for()
    number = re.search(r"400\.9/\d{4}/Kesra/\d{4}", issued.inner_text()).group(0)  # type: ignore[union-attr]
    with page.expect_download() as dl:
        issued.get_by_role("button", name="Unduh surat (PDF)").click()
    staff_pdf = Path(dl.value.path()).read_bytes()
    assert number in _text(staff_pdf) and b"/ByteRange" in staff_pdf
    p.check("letter-issued")
    # Done: the same schedule is not offered again (a second press issued a second letter
    # superseding the first, issue 17); the form says what to change instead.
    page.get_by_test_id("schedule-done").wait_for()
    assert page.get_by_role("button", name="Jadwalkan", exact=True).count() == 0

    # The citizen, on a phone, with the tracking link.
    c = open_page(PHONE)
    citizen = c.page
    citizen.goto(f"/lacak#kode={code}&token={token}")
    citizen.get_by_test_id("status").wait_for()
    assert number in citizen.locator("main").inner_text()
    with citizen.expect_download() as dl:
        citizen.get_by_role("button", name=re.compile("Unduh surat jawaban")).click()
    mine = Path(dl.value.path()).read_bytes()
    assert mine == staff_pdf  # the one issued letter, immutable
    c.check("letter-tracking")
    citizen.get_by_role("link", name="Periksa keaslian surat").click()
    citizen.get_by_test_id("verify-status").wait_for()
    assert citizen.get_by_test_id("verify-status").inner_text() == "Surat ini sah dan berlaku."
    assert citizen.get_by_test_id("verify-number").inner_text() == number
    import hashlib

    assert hashlib.sha256(mine).hexdigest() in citizen.locator("main").inner_text()
    assert "Rina Wulandari" not in citizen.locator("main").inner_text()  # no private name
    c.check("letter-verify", both=True)
