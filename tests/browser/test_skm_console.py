"""The SKM report in the staff console (Chromium, the real `make run` stack): a supervisor
reads the index and the chart of each element, downloads both files, publishes the period
with a follow-up plan for each weak element, and the portal's home shows it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import DESK, PortalStack
from tests.browser.test_console_flows import make_user, sign_in
from tests.browser.test_skm_portal import answered_complaint

pytestmark = pytest.mark.slow


def test_supervisor_reads_downloads_and_publishes_the_skm(
    open_page: Any, portal: PortalStack
) -> None:
    code, token = answered_complaint(portal)
    sheet = {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 4}
    status, _ = portal.api(
        "POST", f"/v1/track/{code}/survey", {"answers": sheet}, {"X-Access-Token": token}
    )
    assert status == 201
    month = datetime.now(ZoneInfo("Asia/Pontianak")).strftime("%Y-%m")
    boss = make_user(portal, "pimpinan.skm", "supervisor")
    p = open_page(DESK)
    page = p.page
    sign_in(page, boss)
    page.get_by_role("navigation").get_by_role("link", name="Survei kepuasan").click()
    page.get_by_role("heading", name="Survei Kepuasan Masyarakat (SKM)").wait_for()
    page.get_by_label("Dari bulan").fill(month)
    page.get_by_label("Layanan").select_option("audience")
    page.get_by_label("Layanan").select_option("all")
    page.get_by_test_id("skm-table").wait_for()
    page.locator("canvas").first.wait_for()
    assert "U3" in page.get_by_test_id("skm-table").inner_text()
    # Numbers in Indonesian notation (decimal comma, sensible digits), as the chart's axis.
    assert re.fullmatch(r"\d{1,3},\d\d", page.get_by_test_id("skm-ikm").inner_text().strip())
    cells = page.get_by_test_id("skm-table").locator("td.num").all_inner_texts()
    assert cells and all(re.fullmatch(r"\d+,\d{2,3}", c.strip()) for c in cells), cells
    assert re.search(r"IKM \d+,\d\d", page.get_by_test_id("skm-note").inner_text())
    p.check("skm-report")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh Excel").click()
    assert Path(dl.value.path()).read_bytes()[:2] == b"PK"
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh CSV").click()
    assert Path(dl.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")
    # Publish with a plan for one weak element only: the API names each one missing.
    p.allowed.append("400")
    plans = page.locator("fieldset.plan")
    assert plans.count() == 3
    plans.nth(0).get_by_label("Tindak lanjut").fill("Percepat jawaban surat")
    plans.nth(0).get_by_label("Penanggung jawab").fill("Kabag Kesra")
    plans.nth(0).get_by_label("Selesai paling lambat").fill("2027-06-30")
    page.get_by_role("button", name="Terbitkan").click()
    page.get_by_text("belum ada").first.wait_for()
    assert page.get_by_text("rencana tindak lanjut untuk unsur").count() == 2
    for i in (1, 2):
        plans.nth(i).get_by_label("Tindak lanjut").fill("Perbaiki layanan")
        plans.nth(i).get_by_label("Penanggung jawab").fill("Tim Kesra")
        plans.nth(i).get_by_label("Selesai paling lambat").fill("2027-06-30")
    page.get_by_role("button", name="Terbitkan").click()
    page.get_by_text("Hasil SKM diterbitkan.").wait_for()
    p.check("skm-published")
    status, published = portal.api("GET", "/v1/skm/publications")
    assert status == 200 and any(
        x["from"] == f"{month[:4]}-01" or x["from"] == month for x in published["items"]
    )
