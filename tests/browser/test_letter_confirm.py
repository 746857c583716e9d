"""Issue 20, the staff preview a letter before they issue it, in Chromium against the real
`make run` stack: the front desk previews the decline and the cancellation letters (the
unsigned PRATINJAU drafts), a refused preview names its field beside the input, and the
irreversible action takes a second, named confirmation before the numbered letter is
issued. The schedule screen says at once when a request is still Diajukan."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESK, PortalStack
from tests.browser.test_console_flows import make_user, reviewed_request, sign_in, uploaded

pytestmark = pytest.mark.slow

NUMBER = re.compile(r"400\.9/\d{4}/Kesra/\d{4}")


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _today() -> str:
    return (datetime.now(UTC) + timedelta(hours=7)).date().isoformat()


def _day(portal: PortalStack) -> str:
    return str(portal.api("GET", "/v1/working-days?count=6")[1]["working_days"][5])


def _audience(portal: PortalStack, code: str) -> dict[str, Any]:
    status, out = portal.api("GET", f"/v1/admin/audiences/{code}", None, portal.staff("admin"))
    assert status == 200, out
    return dict(out)


def _kept(page: Any, pattern: str) -> list[bytes]:
    """The bytes the console receives from a preview route, passed on unchanged."""
    seen: list[bytes] = []

    def keep(route: Any) -> None:
        answer = route.fetch()
        seen.append(answer.body())
        route.fulfill(response=answer)

    page.route(re.compile(pattern), keep)
    return seen


def _issued_letter(page: Any) -> tuple[str, bytes]:
    """The item page's letter button: its number and the signed PDF it downloads."""
    button = page.get_by_test_id("letter-download")
    button.wait_for()
    number = NUMBER.search(button.inner_text()).group(0)  # type: ignore[union-attr]
    with page.expect_download() as dl:
        button.click()
    return number, Path(dl.value.path()).read_bytes()


def test_front_desk_previews_the_decline_letter_and_confirms_before_it_is_issued(
    open_page: Any, portal: PortalStack
) -> None:
    code = reviewed_request(portal, _day(portal))
    desk = make_user(portal, "meja.tolak", "front_desk")
    p = open_page(DESK)
    p.allowed.append("status of 400")  # the preview refused on purpose below
    page = p.page
    sign_in(page, desk)
    page.goto(f"/staff/audiensi/{code}")
    form = page.locator("form[data-action='decline']")
    form.wait_for()
    drafts = _kept(page, r"/decline/preview$")

    # No reason: the API's refusal is named beside the reason, not a generic line.
    form.get_by_role("button", name="Pratinjau surat").click()
    reason = form.get_by_label("Alasan tidak difasilitasi")
    page.wait_for_function(
        "el => el.getAttribute('aria-invalid') === 'true'", arg=reason.element_handle()
    )
    assert form.locator("#f-decline-reason-error").inner_text().strip()
    assert "Pratinjau tidak dapat dibuat" not in form.inner_text()
    assert form.get_by_test_id("decline-preview").count() == 0

    # The draft: unsigned, PRATINJAU, with the reason; nothing stored.
    why = "Jadwal Kepala Biro penuh sampai akhir bulan"
    reason.fill(why)
    form.get_by_label("Tanggal surat").fill(_today())
    form.get_by_label("Isi surat balasan").fill("Silakan mengajukan kembali bulan depan.")
    form.get_by_role("button", name="Pratinjau surat").click()
    form.get_by_test_id("decline-preview").wait_for()
    assert reason.get_attribute("aria-invalid") is None
    text = _text(drafts[-1])
    assert "PRATINJAU" in text and why in text, text
    assert NUMBER.search(text) is None  # no number is taken by a preview
    p.check("decline-preview")

    # The first press only says what will happen; "Batal" goes back, nothing issued.
    form.get_by_role("button", name="Tolak dan terbitkan surat").click()
    confirm = form.get_by_test_id("decline-confirm")
    confirm.wait_for()
    lead = confirm.inner_text()
    assert "bernomor" in lead and "dikirim kepada pemohon" in lead, lead
    p.check("decline-confirm")
    confirm.get_by_role("button", name="Batal").click()
    form.get_by_role("button", name="Tolak dan terbitkan surat").wait_for()
    assert form.get_by_test_id("decline-confirm").count() == 0
    assert _audience(portal, code)["status"] == "in_review"

    form.get_by_role("button", name="Tolak dan terbitkan surat").click()
    form.get_by_role("button", name="Ya, terbitkan surat penolakan").click()
    page.locator(".status", has_text="Tidak difasilitasi").wait_for()
    number, pdf = _issued_letter(page)
    text = _text(pdf)
    assert number in text and why in text and "PRATINJAU" not in text
    assert b"/ByteRange" in pdf  # signed
    letter = _audience(portal, code)["reply_letter"]
    assert letter["number"] == number
    status, verified = portal.api("GET", f"/v1/letters/{letter['id']}")
    assert status == 200 and verified["status"] == "stands", verified
    page.get_by_role("link", name="Halaman verifikasi surat").click()
    page.get_by_test_id("verify-status").wait_for()
    assert page.get_by_test_id("verify-status").inner_text() == "Surat ini sah dan berlaku."
    assert page.get_by_test_id("verify-number").inner_text() == number


def test_front_desk_previews_the_cancellation_and_the_schedule_letter_is_superseded(
    open_page: Any, portal: PortalStack
) -> None:
    day = _day(portal)
    code = reviewed_request(portal, day)
    status, out = portal.api(
        "POST",
        f"/v1/admin/audiences/{code}/schedule",
        {
            "start": f"{day}T13:00:00+07:00",
            "end": f"{day}T14:00:00+07:00",
            "room": "Ruang Uji Pembatalan",
            "bureau_attendees": ["Kepala Biro Kesra"],
            "reply_letter": {"date": _today(), "body": "Audiensi dapat kami terima."},
        },
        portal.staff("front_desk"),
    )
    assert status == 200, out
    first = out["reply_letter"]
    assert portal.api("GET", f"/v1/letters/{first['id']}")[1]["status"] == "stands"

    desk = make_user(portal, "meja.batal", "front_desk")
    p = open_page(DESK)
    page = p.page
    sign_in(page, desk)
    page.goto(f"/staff/audiensi/{code}")
    form = page.locator("form[data-action='cancel']")
    form.wait_for()
    drafts = _kept(page, r"/cancel/preview$")
    why = "Kepala Biro menghadiri rapat mendadak di Jakarta"
    form.get_by_label("Alasan").fill(why)
    form.get_by_role("button", name="Pratinjau surat").click()
    form.get_by_test_id("cancel-preview").wait_for()
    text = _text(drafts[-1])
    assert "PRATINJAU" in text and why in text, text
    assert _audience(portal, code)["status"] == "scheduled"  # a preview changes nothing

    form.get_by_role("button", name="Batalkan audiensi dan terbitkan surat").click()
    confirm = form.get_by_test_id("cancel-confirm")
    confirm.wait_for()
    assert "surat jadwal sebelumnya tidak berlaku lagi" in confirm.inner_text()
    p.check("cancel-confirm")
    confirm.get_by_role("button", name="Kembali ke isian").click()
    assert form.get_by_test_id("cancel-confirm").count() == 0
    assert _audience(portal, code)["status"] == "scheduled"
    form.get_by_role("button", name="Batalkan audiensi dan terbitkan surat").click()
    form.get_by_role("button", name="Ya, batalkan dan terbitkan surat").click()
    page.locator(".status", has_text="Dibatalkan").wait_for()

    number, pdf = _issued_letter(page)
    assert number != first["number"]
    assert number in _text(pdf) and b"/ByteRange" in pdf
    now = _audience(portal, code)["reply_letter"]
    assert now["number"] == number and now["id"] != first["id"]
    status, earlier = portal.api("GET", f"/v1/letters/{first['id']}")
    assert status == 200, earlier
    assert earlier["status"] == "superseded", earlier
    assert earlier["superseded_by"] == now["id"] and earlier["superseded_by_number"] == number
    assert portal.api("GET", f"/v1/letters/{now['id']}")[1]["status"] == "stands"
    p.check("cancelled")


def test_schedule_screen_says_a_submitted_request_must_be_reviewed_first(
    open_page: Any, portal: PortalStack
) -> None:
    day = _day(portal)
    status, out = portal.api(
        "POST",
        "/v1/audiences",
        {
            "institution_name": "Dinas Sosial Kabupaten Landak",
            "institution_type": "pemerintah_daerah",
            "contact": {
                "name": "Yohanes",
                "position": "Kepala Bidang",
                "phone": "0812-7777-8888",
                "email": "yohanes@landak.go.id",
            },
            "topic": "data penerima bantuan",
            "purpose": "Pemutakhiran data penerima bantuan sosial.",
            "attendees": 2,
            "preferred_dates": [day],
            "request_letter_upload_id": uploaded(portal, "request_letter"),
            "identity_upload_id": uploaded(portal, "identity"),
        },
    )
    assert status == 201, out
    code = str(out["tracking_code"])
    desk = make_user(portal, "meja.telaah", "front_desk")
    p = open_page(DESK)
    page = p.page
    sign_in(page, desk)
    page.goto(f"/staff/jadwal?kode={code}")
    page.get_by_role("heading", name="Jadwal ruang").wait_for()
    # Before anything is typed: the request must be reviewed first.
    warning = page.get_by_test_id("schedule-submitted")
    warning.wait_for()
    assert f"{code} masih berstatus Diajukan" in warning.inner_text()
    assert "Mulai telaah" in warning.inner_text()
    assert warning.get_by_role("link", name="Buka permohonan").get_attribute("href") == (
        f"/staff/audiensi/{code}"
    )
    p.check("schedule-submitted")
    # The review from here: the warning goes, the form can be filled.
    warning.get_by_role("button", name="Mulai telaah sekarang").click()
    warning.wait_for(state="detached")
    assert _audience(portal, code)["status"] == "in_review"
    # A request already in review shows no warning.
    page.goto(f"/staff/jadwal?kode={code}")
    page.get_by_role("heading", name="Jadwal ruang").wait_for()
    page.get_by_label("Peserta dari biro (wajib, satu per baris)").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("schedule-submitted").count() == 0
