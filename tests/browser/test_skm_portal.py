"""The satisfaction survey (SKM) in Chromium against the real `make run` stack: a complainant
answers it on the tracking page once the answer came (every unanswered question named at
once), a front-desk visitor answers with the check-out's code on the kiosk page, and the
portal's home shows the latest published index. Staff steps go through the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import DESK, PHONE

pytestmark = pytest.mark.slow


def answered_complaint(portal: Any) -> tuple[str, str]:
    """A web complaint, classified, assigned and answered by the bureau (through the API)."""
    status, c = portal.api(
        "POST",
        "/v1/complaints",
        {
            "subject": "Surat belum dibalas",
            "description": "Sudah dua minggu.",
            "privacy": "anonymous",
        },
    )
    assert status == 201, c
    code, officer = c["tracking_code"], portal.staff("complaint_officer")
    portal.staff("complaint_team", "tim-skm")
    for path, body in (
        ("classify", {"class": "normatif"}),
        ("assign", {"assignee": "tim-skm"}),
        ("answer", {"answer": "Surat sudah dikirim.", "channel": "web"}),
    ):
        status, out = portal.api("POST", f"/v1/admin/complaints/{code}/{path}", body, officer)
        assert status == 200, (path, out)
    return code, c["access_token"]


def answer_all(page: Any, skip: tuple[int, ...] = ()) -> None:
    """Choose an answer for each of the nine questions (the first fieldsets of the form)."""
    groups = page.locator("form.survey fieldset")
    for i in range(9):
        if i in skip:
            continue
        group = groups.nth(i)
        group.get_by_role("radio").nth(2 + (i % 2)).check()


def test_complainant_answers_the_survey_on_the_tracking_page(open_page: Any, portal: Any) -> None:
    code, token = answered_complaint(portal)
    p = open_page(PHONE)
    page = p.page
    page.goto(f"/lacak#kode={code}&token={token}")
    # The rating comes first in one flow; the reader may skip it for the survey.
    page.get_by_role("button", name="Lewati penilaian, langsung ke survei").click()
    page.get_by_role("heading", name="Survei Kepuasan Masyarakat").wait_for()
    assert page.get_by_role("heading", name="Beri penilaian").count() == 0
    # Send with three questions unanswered: each is named, and the link focuses its answers.
    answer_all(page, skip=(2, 5, 8))
    page.get_by_role("button", name="Kirim survei").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    links = summary.get_by_role("link")
    assert links.count() == 3
    assert "Waktu penyelesaian" in links.first.inner_text()
    p.check("survey-errors", both=True)
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "f-answers-U3"
    answer_all(page)
    page.locator("details.survey__profile summary").click()
    page.get_by_label("Perempuan").check()
    page.get_by_label("Saran dan masukan").fill("Balasan surat bisa lebih cepat.")
    page.get_by_role("button", name="Kirim survei").click()
    page.get_by_test_id("survey-done").wait_for()
    p.check("survey-done")
    # Once only: the API says so too.
    status, body = portal.api(
        "POST",
        f"/v1/track/{code}/survey",
        {"answers": {f"U{i}": 3 for i in range(1, 10)}},
        {"X-Access-Token": token},
    )
    assert status == 409 and body["code"] == "invalid_transition"


def test_the_rating_and_the_survey_are_one_flow_with_one_submit(
    open_page: Any, portal: Any
) -> None:
    """Issue 17 point 11: step 1 the rating, step 2 the survey, one at a time, with Back
    between them and one final submit that stores both."""
    code, token = answered_complaint(portal)
    p = open_page(PHONE)
    page = p.page
    page.goto(f"/lacak#kode={code}&token={token}")
    page.get_by_text("Langkah 1 dari 2").wait_for()
    assert page.get_by_role("heading", name="Survei Kepuasan Masyarakat").count() == 0
    assert page.get_by_role("button", name="Kirim penilaian", exact=True).count() == 0
    page.get_by_role("button", name="Lanjutkan ke survei").click()
    page.get_by_text("Pilih nilai 1 sampai 5").first.wait_for()  # no step 2 without a score
    page.get_by_label("4 – Puas").check()
    page.get_by_label("Komentar").fill("Cukup cepat.")
    page.get_by_role("button", name="Lanjutkan ke survei").click()
    page.get_by_text("Langkah 2 dari 2").wait_for()
    assert page.get_by_role("heading", name="Beri penilaian").count() == 0
    p.check("rate-survey-step2")
    page.get_by_role("button", name="Kembali").click()  # back: what was chosen is kept
    page.get_by_role("heading", name="Beri penilaian").wait_for()
    assert page.get_by_label("4 – Puas").is_checked()
    assert page.get_by_label("Komentar").input_value() == "Cukup cepat."
    page.get_by_role("button", name="Lanjutkan ke survei").click()
    answer_all(page)
    page.get_by_role("button", name="Kirim penilaian dan survei").click()
    page.get_by_test_id("survey-done").wait_for()
    page.get_by_text("Terima kasih, penilaian Anda sudah kami terima.").wait_for()
    p.check("rate-survey-done")
    status, view = portal.api("GET", f"/v1/track/{code}", None, {"X-Access-Token": token})
    assert status == 200 and view["rated"] is True and view["survey"] == "done"


def test_the_survey_may_be_skipped_the_rating_sent_alone(open_page: Any, portal: Any) -> None:
    code, token = answered_complaint(portal)
    page = open_page(PHONE).page
    page.goto(f"/lacak#kode={code}&token={token}")
    page.get_by_label("2 – Tidak puas").check()
    page.get_by_role("button", name="Kirim penilaian saja, tanpa survei").click()
    page.get_by_text("Terima kasih, penilaian Anda sudah kami terima.").wait_for()
    _, view = portal.api("GET", f"/v1/track/{code}", None, {"X-Access-Token": token})
    assert view["rated"] is True and view["survey"] == "open"  # still there, if they want


def test_visitor_answers_on_the_kiosk_with_the_check_out_code(open_page: Any, portal: Any) -> None:
    desk = portal.staff("front_desk")
    status, entry = portal.api(
        "POST",
        "/v1/admin/guestbook",
        {"name": "Budi", "institution": "Dinas Sosial", "purpose": "Audiensi"},
        desk,
    )
    assert status == 201, entry
    status, out = portal.api("POST", f"/v1/admin/guestbook/{entry['id']}/checkout", {}, desk)
    assert status == 200 and out["survey_code"], out
    p = open_page(DESK)
    page = p.page
    page.goto("/survei")
    page.get_by_role("heading", name="Survei Kepuasan Masyarakat").wait_for()
    page.locator("form.survey fieldset").first.wait_for()
    p.check("kiosk", both=True)
    page.get_by_label("Kode survei").fill(out["survey_code"].lower())
    answer_all(page)
    page.get_by_role("button", name="Kirim survei").click()
    page.get_by_test_id("survey-thanks").wait_for()
    p.check("kiosk-thanks")
    # The same code again: the kiosk shows the API's reason.
    page.get_by_role("button", name="Isi survei berikutnya").click()
    p.allowed.append("409")
    page.get_by_label("Kode survei").fill(out["survey_code"])
    answer_all(page)
    page.get_by_role("button", name="Kirim survei").click()
    page.locator(".error-summary").get_by_text("sudah dipakai").wait_for()


def test_home_shows_the_latest_published_index(open_page: Any, portal: Any) -> None:
    code, token = answered_complaint(portal)
    sheet = {"U1": 4, "U2": 4, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 4}
    status, _ = portal.api(
        "POST", f"/v1/track/{code}/survey", {"answers": sheet}, {"X-Access-Token": token}
    )
    assert status == 201
    month = datetime.now(ZoneInfo("Asia/Pontianak")).strftime("%Y-%m")
    supervisor = portal.staff("supervisor")
    status, report = portal.api(
        "GET", f"/v1/admin/reports/skm?from={month}&to={month}&service=complaint", None, supervisor
    )
    assert status == 200 and report["converted_index"] is not None, report
    plan = [
        {"unsur": u["unsur"], "action": "Perbaiki", "who": "Kabag Kesra", "by": "2027-06-30"}
        for u in report["weakest"]
    ]
    status, published = portal.api(
        "POST",
        "/v1/admin/skm/publications",
        {"from": month, "to": month, "service": "complaint", "follow_up": plan},
        supervisor,
    )
    assert status == 201, published
    p = open_page(PHONE)
    page = p.page
    page.goto("/")
    box = page.get_by_test_id("skm-latest")
    box.wait_for()
    box.scroll_into_view_if_needed()
    shown = f"{published['converted_index']:.2f}".replace(".", ",")
    assert page.get_by_test_id("skm-index").inner_text() == shown
    assert f"Mutu {published['mutu']}" in box.inner_text()
    p.check("home-skm", both=True)
    # In English the band's words are English (issue 17: the API names them in Indonesian).
    words = {"A": "Very good", "B": "Good", "C": "Poor", "D": "Very poor"}
    page.get_by_role("button", name="Switch to English").click()
    box.get_by_text(f"Quality {published['mutu']} ({words[published['mutu']]})").wait_for()
    page.get_by_role("button", name="Ganti ke Bahasa Indonesia").click()
