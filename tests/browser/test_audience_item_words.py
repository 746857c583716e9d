"""The audience item page as the fresh-user trial read it (issue: front desk could not see why
an audience was declined): the decline reason and the reply letter's own paragraph are on
the item page for every role that sees it, not only in the audit trail front desk cannot
read."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.browser.conftest import DESK, PortalStack
from tests.browser.test_console_flows import make_user, reviewed_request, sign_in

pytestmark = pytest.mark.slow


def test_front_desk_sees_why_an_audience_was_declined(open_page: Any, portal: PortalStack) -> None:
    day = portal.api("GET", "/v1/working-days?count=6")[1]["working_days"][5]
    code = reviewed_request(portal, day)
    today = (datetime.now(UTC) + timedelta(hours=7)).date().isoformat()
    status, out = portal.api(
        "POST",
        f"/v1/admin/audiences/{code}/decline",
        {
            "reason": "Di luar kewenangan Biro Kesra",
            "reply_letter": {"date": today, "body": "Silakan menghubungi Dinas Sosial."},
        },
        portal.staff("front_desk"),
    )
    assert status == 200, out
    desk = make_user(portal, "meja.alasan", "front_desk")
    p = open_page(DESK)
    page = p.page
    sign_in(page, desk)
    page.goto(f"/staff/audiensi/{code}")
    page.get_by_role("heading", name=re.compile(code)).wait_for()
    # Declined by letter within the limit: answered on time, not "finished on time".
    assert page.locator(".sla").first.inner_text().strip() == "dijawab tepat waktu"
    facts = page.locator("dl.facts")
    reason = facts.locator("dt", has_text="Alasan tidak difasilitasi")
    reason.wait_for()
    assert (
        "Di luar kewenangan Biro Kesra"
        in reason.locator("xpath=following-sibling::dd[1]").inner_text()
    )
    assert "Silakan menghubungi Dinas Sosial." in facts.inner_text()
    p.check("declined-audience")
