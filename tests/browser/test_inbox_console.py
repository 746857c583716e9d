"""The complaint officer's inbox in the console (issue 19 point 7): a WhatsApp conversation,
posted to the real `make run` stack's webhook with its generated app secret, becomes a
complaint received at the first message's time."""

from __future__ import annotations

import itertools
import json
import re
import time
import urllib.request
from datetime import UTC, datetime
from typing import Any

import pytest

from dev.whatsapp_inbound import delivery, signed, text_message
from tests.browser.conftest import DESK, PHONE, PortalStack
from tests.browser.test_console_flows import make_user, sign_in

pytestmark = pytest.mark.slow


# Each action group of a card as rendered: its box, its frame and the colour of its left edge.
GROUPS = """(card) => [...card.querySelectorAll('.inbox-actions > form')].map((f) => {
  const r = f.getBoundingClientRect(), s = getComputedStyle(f);
  return {name: f.getAttribute('aria-label'), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, border: parseFloat(s.borderTopWidth), edge: parseFloat(s.borderLeftWidth),
          edgeColour: s.borderLeftColor}; })"""


def actions_are_separated_groups(card: Any, where: str) -> None:
    """The card's four actions, measured as drawn (a fresh-user trial saw four bare forms run
    together, 360-inbox.png): each framed, none over another, space between them, and the
    dismissal's left edge the warning colour of its button."""
    groups = card.evaluate(GROUPS)
    names = [g["name"] for g in groups]
    assert names == [
        "Jadikan pengaduan",
        "Lampirkan ke pengaduan",
        "Bukan pengaduan",
        "Kirim balasan",
    ], (where, names)
    for g in groups:
        assert g["border"] >= 1, (where, g)  # framed
    for a, b in itertools.pairwise(groups):
        assert b["top"] - a["bottom"] >= 8, f"{where}: no space between {a} and {b}"
    for a in groups:  # none lies over another
        for b in groups:
            if a is not b:
                apart = a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
                assert apart or a["right"] <= b["left"] or b["right"] <= a["left"], (where, a, b)
    warning = card.get_by_role("button", name="Bukan pengaduan").evaluate(
        "(e) => getComputedStyle(e).backgroundColor"
    )
    dismiss = groups[2]
    assert dismiss["edgeColour"] == warning and dismiss["edge"] >= 4, (where, dismiss, warning)
    for g in (groups[0], groups[1], groups[3]):
        assert g["edgeColour"] != warning, (where, g)


def test_officer_turns_a_whatsapp_conversation_into_a_complaint(
    open_page: Any, portal: PortalStack
) -> None:
    # GIVEN a citizen wrote twice on WhatsApp, the first time 40 minutes ago
    secret = json.loads((portal.state / "secrets.json").read_text())["WHATSAPP_APP_SECRET"]
    first = int(time.time()) - 2400
    payload = delivery(
        [
            text_message("6281255501234", "Bantuan beasiswa belum cair sejak Juni", at=first),
            text_message("6281255501234", "Mohon dibantu, terima kasih", at=first + 60),
        ],
        names={"6281255501234": "Rina Wulandari"},
    )
    body, headers = signed(secret, payload)
    request = urllib.request.Request(
        portal.url + "/v1/channels/whatsapp/webhook", data=body, method="POST", headers=headers
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert json.loads(answer.read())["stored"] == 2
    officer = make_user(portal, "petugas.inbox", "complaint_officer")
    page = open_page(DESK)
    sign_in(page.page, officer)
    # WHEN the officer opens the inbox
    page.page.get_by_role("link", name="Kotak masuk").first.click()
    card = page.page.get_by_role("article").filter(has_text="Rina Wulandari")
    card.get_by_text("Bantuan beasiswa belum cair sejak Juni").wait_for()
    card.get_by_text(re.compile(r"Menunggu 4[0-9] menit")).wait_for()  # 40 min and the test's own
    page.check("inbox", both=True)
    for size in (DESK, PHONE):
        page.page.set_viewport_size(size)
        actions_are_separated_groups(card, f"{size['width']} px")
    page.page.set_viewport_size(DESK)
    # AND makes it a complaint
    card.get_by_label("Perihal pengaduan").fill("Beasiswa belum cair")
    card.get_by_role("button", name="Jadikan pengaduan").click()
    # THEN the complaint's page opens, received at the first message's time
    page.page.get_by_role("heading", name=re.compile("Beasiswa belum cair")).wait_for()
    code = page.page.url.rsplit("/", 1)[1]
    status, complaint = portal.api(
        "GET", f"/v1/admin/complaints/{code}", headers=portal.staff("complaint_officer")
    )
    assert status == 200
    assert datetime.fromisoformat(complaint["received_at"]) == datetime.fromtimestamp(first, UTC)
    assert complaint["channel"] == "whatsapp"
    assert complaint["reporter"]["phone"] == "+6281255501234"
    page.check("complaint", both=False)
    # AND the inbox is empty again
    page.page.goto("/staff/kotak-masuk")
    page.page.get_by_text("Tidak ada pesan yang menunggu.").wait_for()
