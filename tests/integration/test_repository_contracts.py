"""One contract per repository, run on the in-memory fake, on moto and on DynamoDB Local:
the outbox, the calendar overrides and the complaints (the guestbook's and the tracked
items' contracts live beside their own tests)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.calendar import Overrides
from chalicelib.domain.complaint import Reporter
from chalicelib.domain.errors import AlreadyExists, FieldError, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.sla import SlaPolicy
from chalicelib.services.complaints import ComplaintService, NewComplaint, Staff
from chalicelib.services.ports import StoredOverrides
from tests.clock import calendar, wib
from tests.fakes import (
    FakeCalendarRepository,
    FakeComplaintRepository,
    FakeOutboxRepository,
    FakeStaffDirectory,
    UnusedUploads,
)

BACKENDS = ["fake", "moto", "dynamodb_local"]
_ids = itertools.count()


def _real(request: pytest.FixtureRequest) -> Any:
    """Set up the requested real storage; its Dynamo (table helper)."""
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap

    return bootstrap.dynamo()


# --- the outbox -----------------------------------------------------------------------


def message(code: str, at: datetime) -> Notification:
    return Notification(
        id=f"NT-C{next(_ids):04d}",
        created_at=at,
        kind="escalation",
        item_kind="complaint",
        item_code=code,
        recipients=("role:supervisor",),
        subject="s",
        body="b",
        level="warning",
        next_attempt_at=at,
    )


@pytest.fixture(params=BACKENDS)
def outbox(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Any]]:
    """(repository, add(messages)): add puts new messages as the item writer does."""
    if request.param == "fake":
        fake = FakeOutboxRepository()
        yield fake, lambda ms: fake.messages.update({m.id: m for m in ms})
        return
    from chalicelib.adapters.outbox_repo import DynamoOutboxRepository, notification_put

    db = _real(request)
    yield (
        DynamoOutboxRepository(db),
        lambda ms: db.transact([notification_put(db, m) for m in ms], [None] * len(ms)),
    )


class TestOutboxRepositoryContract:
    def test_pending_is_what_is_due_oldest_first(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        late, early, future = (
            message("PGD-2", wib(2026, 11, 27, 10)),
            message("PGD-1", wib(2026, 11, 27, 9)),
            message("PGD-3", wib(2026, 11, 28, 9)),
        )
        add([late, early, future])
        assert [n.id for n in repo.pending(wib(2026, 11, 27, 11))] == [early.id, late.id]
        assert repo.pending(wib(2026, 11, 27, 8)) == []

    def test_replace_is_conditional_on_state_and_attempts(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        first = message("PGD-1", wib(2026, 11, 27, 9))
        add([first])
        claimed = first.claim(wib(2026, 11, 27, 9, 30))
        repo.replace(first, claimed)
        with pytest.raises(VersionConflict):
            repo.replace(first, claimed)  # a second dispatcher loses the claim
        assert repo.pending(wib(2026, 11, 27, 9, 30)) == []  # claimed: not due for a while
        repo.replace(claimed, claimed.sent(wib(2026, 11, 27, 9, 31)))
        assert repo.pending(wib(2026, 12, 31, 9)) == []
        (stored,) = repo.list_recent(5, None).items
        assert (stored.state, stored.attempts) == ("sent", 1)

    def test_list_recent_pages_newest_first(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        ms = [message(f"PGD-{i}", wib(2026, 11, 27, 9) + timedelta(minutes=i)) for i in range(3)]
        add(ms)
        page = repo.list_recent(2, None)
        assert [n.id for n in page.items] == [ms[2].id, ms[1].id] and page.position
        rest = repo.list_recent(2, page.position)
        assert [n.id for n in rest.items] == [ms[0].id] and rest.position is None


# --- the calendar overrides -----------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def calendar_repo(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        return FakeCalendarRepository()
    from chalicelib.adapters.calendar_repo import DynamoCalendarRepository

    return DynamoCalendarRepository(_real(request))


class TestCalendarRepositoryContract:
    def test_put_is_conditional_on_the_version_read(self, calendar_repo: Any) -> None:
        assert calendar_repo.get(2026) is None
        first = StoredOverrides(
            2026,
            Overrides({date(2026, 12, 31): "Tambahan"}, frozenset({date(2026, 12, 24)})),
            1,
            wib(2026, 11, 27, 9),
            "admin-1",
        )
        audit = AuditEntry("CALENDAR#2026", wib(2026, 11, 27, 9), "admin-1", "calendar.replace")
        calendar_repo.put(first, 0, audit)
        assert calendar_repo.get(2026) == first
        with pytest.raises(VersionConflict):
            calendar_repo.put(first, 0, audit)  # someone else's first write
        second = StoredOverrides(2026, Overrides({}, frozenset()), 2, wib(2026, 11, 28, 9), "a-2")
        calendar_repo.put(second, 1, audit)
        assert calendar_repo.get(2026) == second
        assert calendar_repo.get(2027) is None


# --- complaints (through the service, which is what the contract serves) --------------

OFFICER = Staff("pejabat", frozenset({"complaint_officer"}))


@pytest.fixture(params=BACKENDS)
def complaints(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        repo: Any = FakeComplaintRepository()
    else:
        from chalicelib.adapters.complaint_repo import DynamoComplaintRepository
        from chalicelib.config import get_settings

        settings = get_settings()
        repo = DynamoComplaintRepository(_real(request), settings.tz, settings.due_shards)
    codes, ids = itertools.count(), itertools.count()
    return ComplaintService(
        repo,
        UnusedUploads(),  # type: ignore[arg-type]
        calendar,
        SlaPolicy(),
        new_code=lambda now: f"PGD-2611-{next(codes):06d}",
        new_id=lambda now: f"NT-{next(ids)}",
        directory=FakeStaffDirectory({"tim-1": {"complaint_team"}}),
    )


def intake(**kw: Any) -> NewComplaint:
    base: dict[str, Any] = {
        "subject": "Aduan",
        "description": "Isi aduan",
        "privacy": "named",
        "reporter": Reporter("Budi", "0812", "b@x.id"),
        "evidence_upload_ids": (),
    }
    return NewComplaint(**{**base, **kw})


class TestComplaintRepositoryContract:
    def test_create_then_get_round_trips(self, complaints: ComplaintService) -> None:
        made = complaints.submit(intake(), "public", "t0ken", wib(2026, 11, 27, 9))
        assert complaints.get(made.code, OFFICER) == made

    def test_lapor_tracking_ids_are_unique(self, complaints: ComplaintService) -> None:
        lapor = intake(channel="lapor", lapor_tracking_id="L-1", received_at=wib(2026, 11, 27, 8))
        complaints.submit(lapor, "desk", "t", wib(2026, 11, 27, 9))
        with pytest.raises((FieldError, AlreadyExists)):
            complaints.submit(lapor, "desk", "t", wib(2026, 11, 27, 9))

    def test_save_is_conditional_and_queue_and_assignee_follow(
        self, complaints: ComplaintService
    ) -> None:
        now = wib(2026, 11, 27, 9)
        made = complaints.submit(intake(), "public", "t", now)
        classified = complaints.classify(made.code, "normatif", None, OFFICER, now)
        with pytest.raises(VersionConflict):
            complaints.classify(made.code, "pengawasan", None, OFFICER, now, made.version)
        assigned = complaints.assign(made.code, "tim-1", OFFICER, now, classified.version)
        assert complaints.get(made.code, OFFICER) == assigned
        queue = complaints.queue(OFFICER, [assigned.status], None, 10, None)
        assert [c.code for c in queue.items] == [made.code]
        team = Staff("tim-1", frozenset({"complaint_team"}))
        assert [c.code for c in complaints.queue(team, None, None, 10, None).items] == [made.code]
        actions = [a.action for a in complaints.trail(made.code, OFFICER)]
        assert len(actions) == 3
