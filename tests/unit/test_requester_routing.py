"""The outbound and tracking-code routing the services own (issue 18 point 4: bootstrap only
wires): which address a requester's message goes to, which message carries the invite, and
which service a tracking code belongs to."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from chalicelib.domain.audience import Audience
from chalicelib.domain.complaint import Complaint, Reporter
from chalicelib.domain.errors import InvalidTransition, NotFound
from chalicelib.domain.notification import Notification
from chalicelib.domain.tracking import kind_of
from chalicelib.services.requester_contact import RequesterContact
from chalicelib.services.tracked_codes import TrackedCodes
from tests.unit.test_transitions import NOW, audience_in, complaint_in


def _note(
    kind: str = "schedule", item_kind: str = "audience", to: str = "requester"
) -> Notification:
    return Notification(
        id="NT-1",
        created_at=NOW,
        kind=kind,
        item_kind=item_kind,
        item_code="AUD-2611-AAAAAA" if item_kind == "audience" else "PGD-2611-AAAAAA",
        recipients=(to,),
        subject="s",
        body="b",
    )


def _contact(
    audience: Audience | None, complaint: Complaint | None
) -> RequesterContact[tuple[str, datetime]]:
    def get_audience(code: str) -> Audience:
        if audience is None or audience.code != code:
            raise NotFound()
        return audience

    def build(a: Audience, now: datetime) -> tuple[str, datetime]:
        if a.schedule is None:
            raise InvalidTransition("audience.invite")
        return (a.code, now)

    return RequesterContact(
        get_audience,
        lambda code: complaint if complaint is not None and complaint.code == code else None,
        build,
    )


def test_the_requester_address_is_read_from_the_item() -> None:
    contact = _contact(audience_in("scheduled"), complaint_in("answered"))
    assert contact.email("audience", "AUD-2611-AAAAAA") == "siti@sambas.go.id"
    assert contact.email("complaint", "PGD-2611-AAAAAA") is None  # the reporter gave a phone
    with_mail = replace(complaint_in("answered"), reporter=Reporter("Budi", None, "b@x.id"))
    assert _contact(None, with_mail).email("complaint", "PGD-2611-AAAAAA") == "b@x.id"
    anonymous = replace(complaint_in("answered"), privacy="anonymous", reporter=None)
    assert _contact(None, anonymous).email("complaint", "PGD-2611-AAAAAA") is None
    assert contact.email("complaint", "PGD-2611-BBBBBB") is None
    with pytest.raises(NotFound):
        contact.email("audience", "AUD-2611-BBBBBB")


def test_only_a_schedule_message_to_the_requester_carries_the_invite() -> None:
    contact = _contact(audience_in("scheduled"), None)
    assert contact.invite(_note()) == ("AUD-2611-AAAAAA", NOW)
    assert contact.invite(_note(kind="confirmation")) is None
    assert contact.invite(_note(to="role:front_desk")) is None
    assert contact.invite(_note(item_kind="complaint")) is None


def test_a_cancellation_before_any_meeting_is_plain_text() -> None:
    contact = _contact(audience_in("in_review"), None)
    assert contact.invite(_note()) is None


def test_a_tracking_code_goes_to_the_service_its_prefix_names() -> None:
    calls: list[str] = []

    class Service:
        def __init__(self, item: Audience | Complaint) -> None:
            self.item = item

        def track(self, code: str, token: str | None, now: datetime) -> Audience | Complaint:
            calls.append(code)
            return self.item

    codes = TrackedCodes(
        lambda: Service(audience_in("held")), lambda: Service(complaint_in("answered"))
    )
    assert codes.track("AUD-2611-AAAAAA", "t", NOW) == ("audience", "AUD#AUD-2611-AAAAAA", "held")
    kind, _, status = codes.track("PGD-2611-AAAAAA", "t", NOW)
    assert (kind, status) == ("complaint", "answered")
    with pytest.raises(NotFound):
        codes.track("BT-261130-1", "t", NOW)
    assert calls == ["AUD-2611-AAAAAA", "PGD-2611-AAAAAA"]
    assert kind_of("AUD-1") == "audience" and kind_of("PGD-1") == "complaint"
