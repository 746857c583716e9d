"""The portal under a finger (issue 17 point 11): at 360 px every interactive element of every
portal page is at least 44 x 44 CSS px (WCAG 2.5.5; a radio or checkbox counts with its label),
links inside text, the "Ubah" links, the phone and WhatsApp links and the file chooser
included; and on the tracking page the rating and the SKM survey are one flow, one form at a
time. Measured in Chromium (bounding boxes), against the real `make run` stack."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_skm_portal import answer_all, answered_complaint

pytestmark = pytest.mark.slow

MIN = 44  # CSS px

# Every visible interactive element whose tap area is under MIN x MIN: its own box, united
# with its labels' boxes for a radio or a checkbox (tapping the label ticks it).
SMALL_TARGETS = """(min) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=button], [tabindex]:not([tabindex="-1"])';
  const small = [];
  for (const e of document.querySelectorAll(selector)) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') continue;
    const r = e.getBoundingClientRect();
    let [l, t, rt, b] = [r.left, r.top, r.right, r.bottom];
    if ((e.type === 'radio' || e.type === 'checkbox') && e.labels) {
      for (const label of e.labels) {
        const q = label.getBoundingClientRect();
        [l, t, rt, b] = [Math.min(l, q.left), Math.min(t, q.top), Math.max(rt, q.right),
                         Math.max(b, q.bottom)];
      }
    }
    const [w, h] = [rt - l, b - t];
    if (w < min - 0.01 || h < min - 0.01) {
      small.push(`${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''} `
        + `"${(e.innerText || e.value || e.name || '').trim().slice(0, 30)}" ${w.toFixed(0)}x${h.toFixed(0)}`);
    }
  }
  return small;
}"""


def assert_thumb_sized(page: Any, where: str) -> int:
    """No tap target under 44 x 44 px; returns how many targets were measured."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    small = page.evaluate(SMALL_TARGETS, MIN)
    assert small == [], f"{where}: under {MIN} x {MIN} px: {small}"
    count: int = page.evaluate(
        "document.querySelectorAll('a[href], button, input, select, textarea, summary').length"
    )
    return count


def test_every_portal_target_takes_a_thumb(open_page: Any, portal: Any) -> None:
    p = open_page(PHONE)
    page = p.page
    measured = 0

    page.goto("/")
    page.get_by_role("link", name="085828735503").wait_for()  # WhatsApp, from the standard
    measured += assert_thumb_sized(page, "home")
    p.check("home")

    page.goto("/audiensi")
    page.get_by_role("button", name="Lanjutkan").wait_for()
    measured += assert_thumb_sized(page, "audience form")

    page.goto("/pengaduan")
    measured += assert_thumb_sized(page, "complaint: privacy")
    page.get_by_label("Dengan nama").check()
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Nama lengkap").fill("Rahmat Hidayat")
    page.get_by_label("Alamat email").fill("rahmat@contoh.id")
    measured += assert_thumb_sized(page, "complaint: reporter")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Pokok pengaduan").fill("Bantuan belum cair")
    page.get_by_label("Uraian pengaduan").fill("Bantuan sosial yang dijanjikan belum kami terima.")
    page.get_by_role("button", name="Lanjutkan").click()
    page.locator("input[type=file]").wait_for()  # the file chooser
    measured += assert_thumb_sized(page, "complaint: evidence")
    p.check("evidence")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Kirim").wait_for()
    assert page.get_by_role("link", name="Ubah").count() > 0
    measured += assert_thumb_sized(page, "complaint: check your answers")
    p.check("check-answers")
    page.get_by_role("button", name="Kirim").click()
    page.get_by_test_id("tracking-code").wait_for()
    measured += assert_thumb_sized(page, "receipt")

    page.goto("/lacak")
    page.get_by_label("Kode pelacakan").wait_for()
    measured += assert_thumb_sized(page, "tracking: access")

    # The answered complaint: the rating is step 1 of one flow, the survey step 2.
    code, token = answered_complaint(portal)
    page.goto(f"/lacak#kode={code}&token={token}")
    page.get_by_role("heading", name="Beri penilaian").wait_for()
    assert "Langkah 1 dari 2" in page.locator("main").inner_text()
    assert page.locator("main form").count() == 1
    assert page.get_by_role("heading", name="Survei Kepuasan Masyarakat").count() == 0
    measured += assert_thumb_sized(page, "tracking: rating")
    p.check("rating-step")
    page.get_by_label("4 – Puas").check()
    page.get_by_role("button", name="Lanjutkan ke survei").click()
    page.get_by_role("heading", name="Survei Kepuasan Masyarakat").wait_for()
    page.locator("form.survey").wait_for()
    assert "Langkah 2 dari 2" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Beri penilaian").count() == 0
    assert page.locator("main form").count() == 1
    measured += assert_thumb_sized(page, "tracking: survey")
    p.check("survey-step")
    answer_all(page)
    page.get_by_role("button", name="Kirim penilaian dan survei").click()  # one submit, both
    page.get_by_test_id("survey-done").wait_for()
    page.get_by_text("Terima kasih, penilaian Anda sudah kami terima.").wait_for()

    page.goto("/survei")
    page.locator("form.survey").wait_for()
    measured += assert_thumb_sized(page, "kiosk survey")
    assert measured > 150  # the walk measured the pages' targets, not an empty screen
