"""People and events in words (issue 17 point 9): the console names staff by the full name the
staff directory holds (header, assignee, who answered, the audit trail), tells each audit line
as a sentence in the reader's language, and says "Biro Kesra" for the bureau's messages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Any

import pytest

from tests.browser.conftest import DESK, PortalStack
from tests.browser.test_console_flows import PASSWORD, sign_in
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def make_named_user(stack: PortalStack, username: str, role: str, full_name: str) -> str:
    """`make user USERNAME=.. ROLE=.. FULL_NAME=..` against the test stack's storage."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    env.update({"LOCAL_STATE_DIR": str(stack.state), "PASSWORD": PASSWORD})
    subprocess.run(
        [
            shutil.which("make") or "make",
            "-s",
            "user",
            f"USERNAME={username}",
            f"ROLE={role}",
            f"FULL_NAME={full_name}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return username


def test_the_console_names_people_and_tells_the_trail_in_sentences(
    open_page: Any, portal: PortalStack
) -> None:
    officer = make_named_user(portal, "petugas.sari", "complaint_officer", "Sari Wulandari")
    member = make_named_user(portal, "tim.dewi", "complaint_team", "Dewi Sartika")
    status, made = portal.api(
        "POST",
        "/v1/complaints",
        {
            "privacy": "named",
            "reporter": {"name": "Rahmat Hidayat", "email": "rahmat@contoh.id"},
            "subject": "Bantuan belum cair",
            "description": "Bantuan sosial yang dijanjikan belum kami terima.",
        },
    )
    assert status == 201, made
    code = made["tracking_code"]

    p = open_page(DESK)
    page = p.page
    sign_in(page, officer)
    header = page.locator(".who")
    header.get_by_text("Sari Wulandari (petugas.sari)").wait_for()
    page.goto(f"/staff/pengaduan/{code}")
    page.get_by_role("heading", name=re.compile(code)).wait_for()
    classify = page.locator("form[data-action='classify']")
    classify.get_by_label("Klasifikasi").select_option("normatif")
    classify.get_by_role("button", name="Klasifikasikan").click()
    page.get_by_text("Tersimpan.").wait_for()
    assign = page.locator("form[data-action='assign']")
    assign.locator("option", has_text="Dewi Sartika (tim.dewi)").wait_for(state="attached")
    assign.get_by_label("Anggota tim").select_option(member)
    assign.get_by_role("button", name="Tugaskan").click()
    page.locator(".status", has_text="Ditangani").wait_for()
    ask = page.locator("form[data-action='request-info']")
    ask.get_by_label("Pesan untuk pelapor").fill("Mohon kirim nomor rekening.")
    ask.get_by_role("button", name="Minta informasi").click()
    page.locator(".status", has_text="Menunggu pelapor").wait_for()

    facts = page.locator(".facts")
    assert "Dewi Sartika (tim.dewi)" in facts.inner_text()
    messages = page.locator("section", has=page.get_by_role("heading", name="Pesan"))
    assert "Biro Kesra: Mohon kirim nomor rekening." in messages.inner_text()
    assert "bureau" not in messages.inner_text()

    trail = page.locator("section", has=page.get_by_role("heading", name="Jejak audit"))
    trail.get_by_text("Ditugaskan kepada Dewi Sartika (tim.dewi)").wait_for()
    text = trail.inner_text()
    assert "Pengaduan diterima lewat situs web, dari warga" in text
    assert "lewat portal" not in text  # the channel once, the citizen once
    assert re.search(
        r"Diklasifikasikan sebagai Normatif \(5 hari kerja\) oleh Sari Wulandari \(petugas\.sari\) · batas waktu "
        r"\w+, \d+ \w+ \d{4} pukul \d\d\.\d\d WIB",
        text,
    ), text
    assert "Ditugaskan kepada Dewi Sartika (tim.dewi) oleh Sari Wulandari (petugas.sari)" in text
    assert "Informasi diminta dari pelapor" in text
    for code_word in ("complaint.", "→", "received", "public", "None"):
        assert code_word not in text, (code_word, text)
    p.check("officer-trail")

    page.get_by_role("button", name="Switch to English").click()
    trail = page.locator("section", has=page.get_by_role("heading", name="Audit trail"))
    trail.get_by_text(
        "Assigned to Dewi Sartika (tim.dewi) by Sari Wulandari (petugas.sari)"
    ).wait_for()
    english = trail.inner_text()
    assert "Complaint received through the website, from a citizen" in english
    assert re.search(
        r"Classified as Normative \(5 working days\) by Sari Wulandari \(petugas\.sari\) · due ",
        english,
    )
    assert "GMT" not in english and "WIB" in english
    assert "Signed in as Sari Wulandari (petugas.sari)" in page.locator(".who").inner_text()
    p.check("officer-trail-en")
