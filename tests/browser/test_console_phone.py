"""The console on a phone-sized window (360 px, issue 17 point 2): every page of every role is
one column, nothing overlaps, nothing scrolls sideways, and the header stays two short lines.
Measured in Chromium (bounding boxes, scrollWidth), not judged by eye alone; screenshots go to
build/screenshots/ as for every browser test."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from tests.browser.conftest import DESK, PHONE, SCREENSHOTS, PortalStack
from tests.browser.test_console_flows import listed_room, make_user, reviewed_request, sign_in
from tests.browser.test_skm_portal import answered_complaint

pytestmark = pytest.mark.slow

# The box of each element matching `selector` (visible ones), as {x, y, width, height, text}.
BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length)
  .map((e) => { const r = e.getBoundingClientRect();
    return {x: r.x, y: r.y + scrollY, width: r.width, height: r.height,
            text: (e.innerText || e.getAttribute('aria-label') || e.tagName).slice(0, 40)}; })"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def assert_fits_the_phone(page: Any, where: str) -> None:
    """No sideways scrolling, and no element of the page reaching past the window's right edge
    (a table may scroll inside itself: its cells are left out)."""
    width = page.evaluate("document.documentElement.clientWidth")
    assert width == PHONE["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{where}: the page scrolls sideways ({scroll} px > {width} px)"
    outside = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
          .filter((e) => e.getClientRects().length && !e.closest('.table'))
          .filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => e.tagName + '.' + e.className + ': ' + (e.innerText || '').slice(0, 30))""",
        width,
    )
    assert outside == [], f"{where}: past the right edge: {outside}"


# Every cell, row header, button and link of a table's body (visible ones), as its box: the
# trial found "Jadikan hari kerja" at x 341-427 and the outbox's and SKM's last columns cut off,
# clipped by a box that scrolled, so the document's scrollWidth never showed it.
TABLE_CELLS = """() => [...document.querySelectorAll(
    'main table tbody td, main table tbody th, main table button, main table a')]
  .filter((e) => e.getClientRects().length && !e.closest('.visually-hidden, thead'))
  .map((e) => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, table: e.closest('table').dataset.testid
              || e.closest('section, figure')?.querySelector('h2')?.innerText || '',
            text: e.tagName + ' ' + (e.innerText || '').trim().slice(0, 30)}; })"""


def assert_tables_within_the_phone(page: Any, where: str) -> None:
    """Every cell and button of every table on the page lies inside the 360 px window, none
    reached only by scrolling a box sideways (tables become cards or stacked rows)."""
    width = page.evaluate("document.documentElement.clientWidth")
    outside = [
        f"{c['table']}: {c['text']!r} {c['left']:.0f}-{c['right']:.0f}"
        for c in page.evaluate(TABLE_CELLS)
        if c["left"] < -0.5 or c["right"] > width + 0.5
    ]
    assert outside == [], f"{where}: table cells outside the {width} px window: {outside}"


def rows_of(page: Any, heading: str) -> int:
    """How many body rows the table under `heading` (a section's h2) has."""
    return int(
        page.evaluate(
            """(h) => [...document.querySelectorAll('main section, main figure')]
              .filter((s) => s.querySelector('h2')?.innerText === h)
              .flatMap((s) => [...s.querySelectorAll('table tbody tr')]).length""",
            heading,
        )
    )


# The lists a person works through on a phone (fresh-user trial: 809 px of table in a 330 px
# box, status, deadline and "Catat keluar" off-screen): no table of theirs scrolls sideways.
LISTS = ("/staff/pengaduan", "/staff/audiensi", "/staff/meja-depan")


def assert_list_rows_fit(page: Any, where: str) -> None:
    """Every table on a list screen fits the phone as it is (no sideways scroll inside), each
    row's cells (status, deadline badge, buttons) within the window."""
    width = page.evaluate("document.documentElement.clientWidth")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('main table')].map((t) => [t.scrollWidth, t.clientWidth])"""
    )
    assert tables, f"{where}: no list table"
    for scroll, client in tables:
        assert scroll <= client + 1, (
            f"{where}: the list scrolls sideways ({scroll} px in {client} px)"
        )
    outside = page.evaluate(
        """(width) => [...document.querySelectorAll('main table td *, main table td')]
          .filter((e) => e.getClientRects().length)
          .filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => e.tagName + ': ' + (e.innerText || '').slice(0, 30))""",
        width,
    )
    assert outside == [], f"{where}: past the right edge: {outside}"


def assert_one_column_item_page(page: Any, where: str) -> None:
    """The details first, the actions below them: no action box lies over a detail."""
    details = page.evaluate(BOXES, ".detail > div")
    actions = page.evaluate(BOXES, ".detail > .actions")
    assert len(details) == 1 and len(actions) == 1, (where, details, actions)
    d, a = details[0], actions[0]
    assert a["y"] >= d["y"] + d["height"] - 0.5, f"{where}: actions beside the details: {d} {a}"
    assert abs(a["x"] - d["x"]) < 1 and abs(a["width"] - d["width"]) < 1, (where, d, a)
    facts = page.evaluate(BOXES, ".detail .facts dt, .detail .facts dd")
    for box in page.evaluate(BOXES, ".detail .action, .detail .actions h2"):
        hit = [f for f in facts if _overlap(f, box)]
        assert hit == [], f"{where}: {box['text']!r} lies over {[f['text'] for f in hit]}"


def assert_short_header(page: Any, where: str) -> None:
    """The masthead row (name, language, sign-out, who) is two short lines, not a tall block."""
    row = page.evaluate(BOXES, ".masthead__row")[0]
    # 44 px tap targets (language, sign-out) on the first line, who is signed in on the second.
    assert row["height"] <= 72, f"{where}: the header row is {row['height']} px tall"
    for control in page.evaluate(BOXES, ".masthead__row button, .brand"):
        assert control["x"] + control["width"] <= PHONE["width"], (where, control)


# Every visible link, button and control as its tap target's box: a checkbox or radio button is
# tapped through its label, so the label's box counts; the skip link off-screen is left out.
TAP_TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])')]
  .filter((e) => e.getClientRects().length && !e.closest('.visually-hidden'))
  .map((e) => (e.matches('input[type=checkbox], input[type=radio]') && e.closest('label')) || e)
  .map((e) => { const r = e.getBoundingClientRect();
    return {right: r.right, width: r.width, height: r.height,
            text: e.tagName + ' ' + (e.innerText || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 30)}; })
  .filter((b) => b.right > 0)"""

TAP_MIN_PX = 44  # WCAG 2.2 2.5.5 (AAA) and Apple's HIG: 44x44 CSS px for a finger


def assert_tap_targets(page: Any, where: str) -> None:
    """Every visible interactive element of the page is at least 44x44 CSS px (a fresh-user
    trial measured 28 px language links, 18 px "Buka antrean", 36 px buttons at 360 px)."""
    small = [
        f"{b['text']!r} {b['width']:.0f}x{b['height']:.0f}"
        for b in page.evaluate(TAP_TARGETS)
        if b["width"] < TAP_MIN_PX - 0.5 or b["height"] < TAP_MIN_PX - 0.5
    ]
    assert small == [], f"{where}: tap targets under {TAP_MIN_PX} px: {small}"


def assert_filters_aligned(page: Any, where: str) -> None:
    """A queue's "Saring" (the filters' name) sits on the row of filter selects at 1366 px,
    its box's bottom edge on theirs and its text level with theirs, and on a line of its own
    across the width at 360 px (a new user's trial, issue 17: "Saring" hung below the
    selects' text, and at 360 px pushed the first select aside)."""
    from tests.browser.conftest import DESK

    try:
        page.set_viewport_size(DESK)
        legend = page.evaluate(BOXES, ".filters legend")[0]
        for select in page.evaluate(BOXES, ".filters select"):
            bottom = (legend["y"] + legend["height"], select["y"] + select["height"])
            assert abs(bottom[0] - bottom[1]) <= 1, f"{where} 1366: {legend} {select}"
            middle = (legend["y"] + legend["height"] / 2, select["y"] + select["height"] / 2)
            assert abs(middle[0] - middle[1]) <= 1, f"{where} 1366: {legend} {select}"
            assert select["x"] >= legend["x"] + legend["width"], (where, legend, select)
    finally:
        page.set_viewport_size(PHONE)
    legend = page.evaluate(BOXES, ".filters legend")[0]
    fieldset = page.evaluate(BOXES, ".filters")[0]
    assert abs(legend["width"] - fieldset["width"]) <= 1, f"{where} 360: {legend} {fieldset}"
    for field in page.evaluate(BOXES, ".filters .field"):
        assert field["y"] >= legend["y"] + legend["height"], f"{where} 360: {legend} {field}"
        assert abs(field["x"] - fieldset["x"]) <= 1, f"{where} 360: {field} {fieldset}"


def test_every_console_page_fits_a_phone(open_page: Any, portal: PortalStack) -> None:
    admin = make_user(portal, "admin.hp", "admin")  # the role that sees every screen
    day = portal.api("GET", "/v1/working-days?count=6")[1]["working_days"][5]
    audience = reviewed_request(portal, day)
    status, complaint = portal.api(
        "POST",
        "/v1/complaints",
        {
            "privacy": "named",
            "reporter": {"name": "Rahmat Hidayat", "email": "rahmat@contoh.id"},
            "subject": "Bantuan belum cair",
            "description": "Bantuan sosial yang dijanjikan belum kami terima sampai sekarang.",
        },
    )
    assert status == 201, complaint
    code = complaint["tracking_code"]
    status, guest = portal.api(
        "POST",
        "/v1/admin/guestbook",
        {"name": "Budi", "institution": "Dinas Sosial", "purpose": "Audiensi"},
        portal.staff("front_desk"),
    )
    assert status == 201, guest  # today's guests list has a "Catat keluar" button
    # Tables with data in them (the trial's were full where the test's were empty): an SKM
    # response (the per-element table), a bookable room, a holiday the admin adds next week.
    answered, token = answered_complaint(portal)
    sheet = {f"U{i}": 1 + i % 4 for i in range(1, 10)}
    status, _ = portal.api(
        "POST", f"/v1/track/{answered}/survey", {"answers": sheet}, {"X-Access-Token": token}
    )
    assert status == 201
    listed_room(portal, "Ruang Uji Ponsel", 20)
    holiday = bureau_holiday_next_week(portal)

    try:
        _every_console_page_fits_a_phone(open_page, portal, admin, audience, code, holiday)
    finally:
        remove_bureau_holiday(portal, holiday)


def _calendar(portal: PortalStack, day: str) -> tuple[dict[str, Any], dict[str, str]]:
    admin = portal.staff("admin")
    status, cal = portal.api("GET", f"/v1/admin/calendar/{day[:4]}", None, admin)
    assert status == 200, cal
    return cal, admin


def _put_calendar(portal: PortalStack, day: str, change: Any) -> None:
    cal, admin = _calendar(portal, day)
    added = [
        {"date": d["date"], "name": d["name"]}
        for d in cal["non_working_dates"]
        if d["source"] == "bureau"
    ]
    body = {"added": change(added), "removed": [d["date"] for d in cal["removed"]]}
    headers = {**admin, "If-Match": f'"{cal["version"]}"'}
    status, out = portal.api("PUT", f"/v1/admin/calendar/{day[:4]}", body, headers)
    assert status == 200, out


def bureau_holiday_next_week(portal: PortalStack) -> str:
    """The admin makes Wednesday of the scheduling screen's next week a holiday (its date).
    The screen opens on this week (the coming one on a weekend), as scheduling.tsx firstWeek."""
    today = date.fromisoformat(portal.api("GET", "/v1/working-days?count=1")[1]["today"])
    if today.weekday() >= 5:
        today += timedelta(days=2)
    day = (today - timedelta(days=today.weekday()) + timedelta(days=9)).isoformat()
    cal, _ = _calendar(portal, day)
    assert day not in [d["date"] for d in cal["non_working_dates"]], day
    _put_calendar(portal, day, lambda added: [*added, {"date": day, "name": HOLIDAY}])
    return day


def remove_bureau_holiday(portal: PortalStack, day: str) -> None:
    """The holiday goes again (the stack is shared: other tests' deadlines count it)."""
    _put_calendar(portal, day, lambda added: [a for a in added if a["date"] != day])


HOLIDAY = "Hari Jadi Biro"


def _every_console_page_fits_a_phone(
    open_page: Any, portal: PortalStack, admin: Any, audience: str, code: str, holiday: str
) -> None:
    p = open_page(PHONE)
    page = p.page
    sign_in(page, admin)
    page.get_by_role("heading", name="Ringkasan hari ini").wait_for()
    assert_short_header(page, "dashboard")
    assert_tap_targets(page, "dashboard")
    links = page.get_by_role("navigation").get_by_role("link")
    screens = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(screens) >= 8, screens  # the admin sees every screen
    for path in screens:
        page.goto(path)
        page.locator("main h1").first.wait_for()
        page.wait_for_load_state("networkidle")
        if path == "/staff/admin":  # the holidays and the outbox, full
            page.get_by_role("button", name=re.compile("Jadikan hari kerja")).first.wait_for()
            page.locator("#h-outbox ~ table tbody tr").first.wait_for()
            assert rows_of(page, "Kalender kerja " + holiday[:4]) > 5
            assert rows_of(page, "Kotak keluar notifikasi") >= 1
        if path == "/staff/skm":  # the per-element table, full
            page.get_by_test_id("skm-table").locator("tbody tr").nth(8).wait_for()
            assert_skm_words(page)
        assert_fits_the_phone(page, path)
        assert_tables_within_the_phone(page, path)
        assert_short_header(page, path)
        assert_tap_targets(page, path)
        if path == "/staff/meja-depan":  # the guestbook's fields: the whole width
            fields = page.evaluate(BOXES, "main .inline-form .field input")
            assert fields and all(f["width"] >= PHONE["width"] - 70 for f in fields), fields
            assert_guestbook_notice_above_the_row(page)
        if path == "/staff/jadwal":
            assert_room_buttons_two_lines(page)
            assert_holiday_closed(page, holiday)
        if page.locator("table.week").count():  # the room's week: not cut at the right
            widths = page.evaluate(
                "() => [...document.querySelectorAll('table.week')].map((t) => "
                "[t.getBoundingClientRect().right, t.scrollWidth, t.clientWidth])"
            )
            for right, scroll, client in widths:
                assert right <= PHONE["width"] and scroll <= client + 1, (path, widths)
            # Indonesian writes times with a dot (13.35), as the shared formatter does: the
            # free slots and the hours down the side alike (the trial saw "08:00" beside
            # "Kosong 08.00").
            labels = page.locator("table.week .slot__free").all_inner_texts()
            assert labels and not [x for x in labels if ":" in x], labels[:3]
            hours = page.locator("table.week tbody th").all_inner_texts()
            assert hours and all(re.fullmatch(r"\d\d\.00", h.strip()) for h in hours), hours
        if path in LISTS:
            page.locator("main table td").first.wait_for()
            assert_list_rows_fit(page, path)
            if page.locator(".filters").count():
                assert_filters_aligned(page, path)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = path.rsplit("/", 1)[-1]
            page.screenshot(
                path=str(SCREENSHOTS / f"console-list-{name}-360x800.png"), full_page=True
            )

    page.goto(f"/staff/pengaduan/{code}")
    page.get_by_role("heading", name=re.compile(code)).wait_for()
    page.get_by_role("heading", name="Jejak audit").wait_for()
    assert_fits_the_phone(page, "complaint")
    assert_one_column_item_page(page, "complaint")
    assert_tap_targets(page, "complaint")
    p.check("complaint-item")
    # The decline-like action is a warning, not one more green button (point 11).
    green = page.locator("form[data-action='classify'] button[type=submit]")
    red = page.locator("form[data-action='reject'] button[type=submit]")
    colour = "(e) => getComputedStyle(e).backgroundColor"
    warning = red.evaluate(colour)
    assert warning != green.evaluate(colour)
    r, g, b = map(int, re.findall(r"\d+", warning)[:3])
    assert r > 150 and g < 60 and b < 60, warning

    page.goto(f"/staff/audiensi/{audience}")
    page.get_by_role("heading", name=re.compile(audience)).wait_for()
    page.get_by_role("heading", name="Jejak audit").wait_for()
    assert_fits_the_phone(page, "audience")
    assert_one_column_item_page(page, "audience")
    assert_tap_targets(page, "audience")
    assert_attachments_aligned(page)
    decline = page.locator("form[data-action='decline'] button[type=submit]")
    assert decline.evaluate(colour) == warning
    p.check("audience-item")


def assert_skm_words(page: Any) -> None:
    """The sample badge says plainly how many responded against the minimum, and whether it is
    met (the trial read "Sampel minimum 5 dari 5 layanan selesai"); the quality in words."""
    badge = page.get_by_test_id("skm-sample").inner_text()
    assert re.fullmatch(
        r"Responden: \d+ — sampel minimum untuk \d+ layanan selesai: \d+ "
        r"\((terpenuhi|belum terpenuhi)\)",
        badge.strip(),
    ), badge
    quality = page.get_by_test_id("skm-quality").inner_text()
    assert re.fullmatch(r"[A-D] (Sangat Baik|Baik|Kurang Baik|Tidak Baik)", quality.strip()), (
        quality
    )


def assert_guestbook_notice_above_the_row(page: Any) -> None:
    """At the desk (1366 px) "<name> tercatat." stands above the row of fields, not in it
    pushing the fields to the right (the trial's fd-1366-guest-in)."""
    try:
        page.set_viewport_size(DESK)
        page.get_by_label("Nama tamu").fill("Sari")
        page.get_by_label("Instansi/lembaga").fill("Dinas Sosial")
        page.get_by_label("Keperluan").fill("Audiensi")
        page.get_by_role("button", name="Catat tamu").click()
        notice = page.get_by_text("Sari tercatat.")
        notice.wait_for()
        form = page.evaluate(BOXES, "main form.inline-form:has(input[name=name])")[0]
        name = page.evaluate(BOXES, "main form.inline-form:has(input[name=name]) .field")[0]
        box = page.evaluate(BOXES, "main .notice--ok")[0]
        assert page.locator("main form.inline-form .notice").count() == 0
        assert abs(name["x"] - form["x"]) <= 1, (form, name)
        assert box["y"] + box["height"] <= name["y"] + 0.5, (box, name)
    finally:
        page.set_viewport_size(PHONE)


def assert_room_buttons_two_lines(page: Any) -> None:
    """A room's button: the name, and its capacity on a line of its own below it (the trial
    read "Ruang Melati20 orang")."""
    page.locator(".rooms .room-pick__capacity").first.wait_for()
    for button in page.evaluate(BOXES, ".rooms button:has(.room-pick__capacity)"):
        assert button["height"] >= 44, button
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.rooms button:has(.room-pick__capacity)')]
          .map((b) => { const c = b.querySelector('.room-pick__capacity').getBoundingClientRect();
            const r = b.getBoundingClientRect(); const s = getComputedStyle(b);
            return {text: b.innerText, capLeft: c.left - r.left - parseFloat(s.paddingLeft),
                    capTop: c.top - r.top - parseFloat(s.paddingTop)}; })"""
    )
    assert pairs, "no room buttons"
    for pair in pairs:
        assert abs(pair["capLeft"]) <= 1 and pair["capTop"] >= 10, pair
        assert re.search(r"\S\s+\d+ orang", pair["text"]), pair


def assert_holiday_closed(page: Any, holiday: str) -> None:
    """Next week's holiday (added by the admin): "Libur: <name>" over a closed day, no free hour
    (the trial's grid offered "Kosong" slots that failed only at submit)."""
    page.get_by_role("button", name="Pekan berikutnya").click()
    day = page.locator(".days button").nth(2)
    day.click()
    header = page.locator("table.week thead th").nth(2)
    header.get_by_text(f"Libur: {HOLIDAY}").wait_for()
    assert page.locator("table.week .slot__free:visible").count() == 0
    assert page.locator("table.week .slot__closed:visible").count() == 8
    assert_tables_within_the_phone(page, "jadwal, holiday")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console-jadwal-holiday-360x800.png"), full_page=True)
    page.locator(".days button").nth(1).click()  # the day before: open as usual
    # (other browser tests share the stack and may hold some of its hours: none is closed)
    assert page.locator("table.week .slot__closed:visible").count() == 0
    assert page.locator("table.week .slot__free:visible").count() >= 1


def assert_attachments_aligned(page: Any) -> None:
    """At the desk the audience's files (surat permohonan, identitas) are aligned rows: each
    reason field and each "Buka" at the same x (the trial's fd-1366-aud-detail)."""
    try:
        page.set_viewport_size(DESK)
        inputs = page.evaluate(BOXES, "form.attachment input")
        buttons = page.evaluate(BOXES, "form.attachment button")
        names = page.evaluate(BOXES, "form.attachment > strong")
        assert len(inputs) == len(buttons) == 2, (inputs, buttons)
        assert abs(inputs[0]["x"] - inputs[1]["x"]) <= 1, inputs
        assert abs(inputs[0]["width"] - inputs[1]["width"]) <= 1, inputs
        assert abs(buttons[0]["x"] - buttons[1]["x"]) <= 1, buttons
        for name, field in zip(names, inputs, strict=True):
            assert name["x"] + name["width"] <= field["x"], (name, field)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "console-attachments-1366x768.png"))
    finally:
        page.set_viewport_size(PHONE)
