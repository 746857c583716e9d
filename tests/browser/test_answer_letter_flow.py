"""The complaint's answer letter end to end in Chromium against the real `make run` stack
(issue 20): a complaint-team member previews the answer letter (unsigned, no number), answers,
downloads the signed letter from the item page; the reporter downloads the same PDF from the
tracking page with their token."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESK, PHONE, PortalStack
from tests.browser.test_console_flows import make_user, sign_in

pytestmark = pytest.mark.slow

ANSWER = "Bantuan Saudara telah dicairkan pada tanggal 3 Desember 2026 melalui Bank Kalbar."


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _assigned(stack: PortalStack, member: str) -> tuple[str, str]:
    """A named public complaint (code, token), classified and assigned to `member`."""
    body = {
        "subject": "Bantuan sosial belum cair",
        "description": "Sudah tiga bulan bantuan belum diterima.",
        "privacy": "named",
        "reporter": {"name": "Rahmat Hidayat", "phone": "0813-5555-6666"},
    }
    status, out = stack.api("POST", "/v1/complaints", body)
    assert status == 201, out
    code = str(out["tracking_code"])
    officer = stack.staff("complaint_officer")
    path = f"/v1/admin/complaints/{code}"
    assert stack.api("POST", f"{path}/classify", {"class": "ringan"}, officer)[0] == 200
    assert stack.api("POST", f"{path}/assign", {"assignee": member}, officer)[0] == 200
    return code, str(out["access_token"])


def test_the_team_previews_and_answers_the_reporter_downloads_the_letter(
    open_page: Any, portal: PortalStack
) -> None:
    member = make_user(portal, "tim.jawab", "complaint_team")
    code, token = _assigned(portal, member)
    p = open_page(DESK)
    page = p.page
    sign_in(page, member)
    page.goto(f"/staff/pengaduan/{code}")
    page.get_by_role("heading", name=re.compile(code)).wait_for()
    page.get_by_label("Jawaban", exact=True).fill(ANSWER)
    seen: list[bytes] = []

    def keep(route: Any) -> None:  # the bytes the console receives, passed on unchanged
        answer = route.fetch()
        seen.append(answer.body())
        route.fulfill(response=answer)

    page.route(re.compile(r"/answer/preview$"), keep)
    page.get_by_role("button", name="Pratinjau surat").click()
    page.get_by_test_id("letter-preview").wait_for()
    draft = _text(seen[0])
    assert "PRATINJAU" in draft and "(diberikan saat surat diterbitkan)" in draft
    assert "Yth. Saudara/i Rahmat Hidayat" in draft and ANSWER in draft
    p.check("answer-letter-preview")
    page.get_by_role("button", name="Jawab", exact=True).click()
    download = page.get_by_test_id("letter-download")
    download.wait_for()
    number = re.search(r"400\.9/\d{4}/Kesra/\d{4}", download.inner_text()).group(0)  # type: ignore[union-attr]
    with page.expect_download() as dl:
        download.click()
    staff_pdf = Path(dl.value.path()).read_bytes()
    text = _text(staff_pdf)
    assert number in text and ANSWER in text and "PRATINJAU" not in text
    assert b"/ByteRange" in staff_pdf  # signed
    p.check("answer-letter-issued")

    c = open_page(PHONE)
    citizen = c.page
    citizen.goto(f"/lacak#kode={code}&token={token}")
    citizen.get_by_test_id("status").wait_for()
    main = citizen.locator("main").inner_text()
    assert "Surat jawaban pengaduan" in main and number in main
    with citizen.expect_download() as dl:
        citizen.get_by_role("button", name=re.compile("Unduh surat jawaban")).click()
    assert Path(dl.value.path()).read_bytes() == staff_pdf  # the one issued letter
    c.check("answer-letter-tracking")
