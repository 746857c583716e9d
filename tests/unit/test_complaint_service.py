"""The complaint service on in-memory fakes: intake rules, scoping, messages, the clock."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from chalicelib.domain.complaint import Reporter
from chalicelib.domain.errors import FieldError, NotFound, VersionConflict
from chalicelib.domain.sla import SlaPolicy
from chalicelib.services.complaints import ComplaintService, NewComplaint, Staff
from tests.clock import calendar, wib
from tests.fakes import FakeComplaintRepository, FakeStaffDirectory, UnusedUploads

OFFICER = Staff("pejabat", frozenset({"complaint_officer"}))
TEAM = Staff("tim-1", frozenset({"complaint_team"}))


def service() -> tuple[ComplaintService, FakeComplaintRepository]:
    repo = FakeComplaintRepository()
    codes, ids = itertools.count(), itertools.count()
    uploads: Any = UnusedUploads()
    svc = ComplaintService(
        repo,
        uploads,
        calendar,
        SlaPolicy(),
        new_code=lambda now: f"PGD-2611-{next(codes):06d}",
        new_id=lambda now: f"NT-{next(ids)}",
        directory=FakeStaffDirectory(
            {"tim-1": {"complaint_team"}, "pejabat": {"complaint_officer"}}
        ),
    )
    return svc, repo


def new(**kw: Any) -> NewComplaint:
    base: dict[str, Any] = {
        "subject": "Aduan",
        "description": "Isi aduan",
        "privacy": "named",
        "reporter": Reporter("Budi", "0812", "b@x.id"),
        "evidence_upload_ids": (),
    }
    base.update(kw)
    return NewComplaint(**base)


def test_intake_rules_are_checked_before_anything_is_written() -> None:
    svc, repo = service()
    now = wib(2026, 11, 27, 9)
    cases = [
        (new(privacy="anonymous"), "reporter"),
        (new(reporter=None), "reporter"),
        (new(channel="lapor"), "lapor_tracking_id"),
        (new(channel="telepon", lapor_tracking_id="L-1"), "lapor_tracking_id"),
        (new(received_at=wib(2026, 11, 27, 10)), "received_at"),
    ]
    for complaint, field in cases:
        with pytest.raises(FieldError) as err:
            svc.submit(complaint, "x", "token", now)
        assert err.value.field == field
    assert repo.items == {} and repo.outbox == []


def test_reachable_reporters_get_messages_anonymous_ones_do_not() -> None:
    svc, repo = service()
    named = svc.submit(new(), "public", "t1", wib(2026, 11, 27, 9))
    svc.submit(new(privacy="anonymous", reporter=None), "public", "t2", wib(2026, 11, 27, 9))
    assert [(n.kind, n.item_code, n.recipients) for n in repo.outbox] == [
        ("confirmation", named.code, ("requester",))
    ]
    assert "Budi" not in repo.outbox[0].body  # the outbox holds codes, never personal data


def test_team_member_is_limited_to_assigned_complaints() -> None:
    svc, _ = service()
    now = wib(2026, 11, 27, 9)
    mine = svc.submit(new(), "public", "t", now)
    other = svc.submit(new(), "public", "t", now)
    svc.classify(mine.code, "ringan", None, OFFICER, now)
    svc.assign(mine.code, "tim-1", OFFICER, now)
    assert svc.get(mine.code, TEAM).assignee == "tim-1"
    for stranger in ("tim-2", "pejabat"):  # unknown, or known but not in the team
        with pytest.raises(FieldError) as err:
            svc.assign(mine.code, stranger, OFFICER, now)
        assert err.value.field == "assignee" and err.value.message_key == "not_team_member"
    with pytest.raises(NotFound):  # as if it did not exist: not Forbidden
        svc.get(other.code, TEAM)
    assert [c.code for c in svc.queue(TEAM, None, None, 20, None).items] == [mine.code]
    with pytest.raises(NotFound):
        svc.get("PGD-0000-NOPE00", OFFICER)


def test_tracking_needs_the_right_token() -> None:
    svc, _ = service()
    c = svc.submit(new(), "public", "secret-token", wib(2026, 11, 27, 9))
    assert svc.track(c.code, "secret-token", wib(2026, 11, 27, 10)).code == c.code
    for token in ("wrong", None):
        with pytest.raises(NotFound):
            svc.track(c.code, token, wib(2026, 11, 27, 10))


def test_stale_if_match_and_lapor_uniqueness() -> None:
    svc, _ = service()
    now = wib(2026, 11, 27, 9)
    c = svc.submit(new(channel="lapor", lapor_tracking_id="L-1", received_at=now), "desk", "t", now)
    with pytest.raises(VersionConflict):
        svc.classify(c.code, "normatif", None, OFFICER, now, if_match=9)
    with pytest.raises(FieldError) as err:
        svc.submit(new(channel="lapor", lapor_tracking_id="L-1", received_at=now), "desk", "t", now)
    assert err.value.field == "lapor_tracking_id"


def test_pause_resume_through_the_service() -> None:
    svc, repo = service()
    c = svc.submit(new(), "public", "tok", wib(2026, 11, 23, 10))
    svc.classify(c.code, "normatif", None, OFFICER, wib(2026, 11, 23, 11))
    svc.request_info(c.code, "Mohon info", OFFICER, wib(2026, 11, 24, 15, 30))
    resumed = svc.reporter_message(c.code, "tok", "Ini infonya", wib(2026, 11, 25, 9))
    assert resumed.track.due_at == wib(2026, 12, 1, 9, 30)
    assert [a.action for a in repo.trail(c.code)][-2:] == ["complaint.paused", "complaint.resumed"]
    assert [n.kind for n in repo.outbox] == [
        "confirmation",
        "answer",
    ]  # the request for info reached them
