"""Who signs the letters, in Chromium against the real `make run` stack (issue 20 point 2):
the admin sets the signer in Admin > Penandatangan surat (every bad field named), and the next
letter's preview carries the name, rank and NIP; while nobody is set, the screen that issues
letters says so ("Penandatangan surat belum ditetapkan — atur di Admin")."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESK, PortalStack
from tests.browser.test_console_flows import make_user, sign_in
from tests.browser.test_letter_flow import _request, _text

pytestmark = pytest.mark.slow

NAME = "Dr. H. Ahmad Kesra Uji, S.Sos., M.Si."


def test_the_admin_sets_the_signer_and_the_preview_names_them(
    open_page: Any, portal: PortalStack
) -> None:
    day = portal.api("GET", "/v1/working-days?count=6")[1]["working_days"][5]
    code, _ = _request(portal, day)
    admin = make_user(portal, "admin.penanda", "admin")
    p = open_page(DESK)
    page = p.page
    sign_in(page, admin)

    # Nobody set yet (the API stubbed to say so): the scheduling screen warns, with the way.
    unset = {
        "name": "Pejabat Penandatangan",
        "position": "Kepala Biro Kesejahteraan Rakyat",
        "rank": "",
        "nip": "-",
        "source": "unset",
        "version": 0,
        "updated_at": None,
        "updated_by": None,
    }
    stub = re.compile(r"/v1/admin/settings/letter-signer$")
    page.route(
        stub,
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(unset)
        ),
    )
    page.goto(f"/staff/jadwal?kode={code}")
    notice = page.get_by_test_id("signer-notice")
    notice.wait_for()
    assert "Penandatangan surat belum ditetapkan — atur di Admin" in notice.inner_text()
    assert notice.get_by_role("link", name="Atur penandatangan").get_attribute("href") == (
        "/staff/admin#penandatangan"
    )
    p.check("signer-notice")
    page.unroute(stub)

    # The admin sets the signer; a bad NIP and a blank name are named beside their inputs.
    page.goto("/staff/admin")
    p.allowed.append("status of 400")  # the refused save below, asked for
    section = page.locator("#penandatangan")
    section.get_by_role("heading", name="Penandatangan surat").wait_for()
    section.get_by_label("Nama lengkap dan gelar").fill(" ")
    section.get_by_label("NIP (18 angka)").fill("1970 0101")
    section.get_by_role("button", name="Simpan penandatangan").click()
    section.locator(".field--error").first.wait_for()
    errors = section.locator(".field--error").all_inner_texts()
    assert len(errors) == 2 and any("NIP harus 18 angka" in e for e in errors)
    section.get_by_label("Nama lengkap dan gelar").fill(NAME)
    section.get_by_label("Jabatan").fill("Kepala Biro Kesejahteraan Rakyat")
    section.get_by_label("Pangkat/golongan (boleh kosong)").fill("Pembina Utama Muda (IV/c)")
    section.get_by_label("NIP (18 angka)").fill("19700101 199003 1 001")
    section.get_by_role("button", name="Simpan penandatangan").click()
    section.get_by_text(f"Penandatangan disimpan: {NAME}").wait_for()
    current = section.get_by_test_id("signer-current")
    expect(current).to_contain_text("NIP 197001011990031001")
    expect(current).to_contain_text("ditetapkan di Admin")
    p.check("signer-set")

    # The letter's preview names the signer (no notice on the screen now).
    seen: list[bytes] = []

    def keep(route: Any) -> None:
        answer = route.fetch()
        seen.append(answer.body())
        route.fulfill(response=answer)

    page.goto(f"/staff/jadwal?kode={code}")
    page.get_by_role("heading", name="Jadwal ruang").wait_for()
    page.get_by_label("Permohonan (kode)").fill(code)
    page.get_by_label("Pekan mulai").fill(day)
    page.locator(f"[data-slot='{day}T14:00']").click()
    page.get_by_label("Peserta dari biro (wajib, satu per baris)").fill("Kepala Biro Kesra")
    page.route(re.compile(r"/schedule/preview$"), keep)
    page.get_by_role("button", name="Pratinjau surat").click()
    page.get_by_test_id("letter-preview").wait_for()
    text = _text(seen[0])
    assert NAME in text and "NIP 197001011990031001" in text
    assert "Pembina Utama Muda (IV/c)" in text
    assert page.get_by_test_id("signer-notice").count() == 0
