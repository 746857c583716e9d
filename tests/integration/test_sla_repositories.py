"""The SLA repositories: one contract on the fake and on DynamoDB (moto); the outbox and the
calendar overrides on DynamoDB."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from chalicelib.domain.tracked import TrackedItem
from tests.clock import calendar, wib
from tests.fakes import FakeTrackedItemRepository

CAL = calendar()
POLICY = SlaPolicy()
_ids = itertools.count()


def tracked(code: str, status: str = "classified", kind: str = "complaint") -> TrackedItem:
    track = SlaTrack.start(wib(2026, 11, 23, 10), "normatif", CAL, POLICY)
    return TrackedItem(kind=kind, code=code, status=status, version=1, track=track)


def message(code: str, at: datetime) -> Notification:
    return Notification(
        id=f"NT-{next(_ids)}",
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


Seed = Callable[[TrackedItem, datetime | None], None]


@pytest.fixture(params=["fake", "moto", "dynamodb_local"])
def repo_and_seed(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Seed]]:
    if request.param == "fake":
        fake = FakeTrackedItemRepository()
        yield fake, fake.add
        return
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap

    repo = bootstrap.tracked_items()

    def seed(item: TrackedItem, next_check: datetime | None) -> None:
        repo.create(
            item, next_check, {}, AuditEntry(item.ref, item.track.received_at, "t", "create")
        )

    yield repo, seed


class TestTrackedItemRepositoryContract:
    def test_due_returns_only_items_whose_check_time_has_come(
        self, repo_and_seed: tuple[Any, Seed]
    ) -> None:
        repo, seed = repo_and_seed
        for i, hours in enumerate((1, 2, 30)):
            seed(tracked(f"PGD-{i}"), wib(2026, 11, 27, 8) + timedelta(hours=hours))
        seed(tracked("PGD-paused"), None)  # not in the sweep index at all
        due = {t.code for t in repo.due(wib(2026, 11, 27, 10))}
        assert due == {"PGD-0", "PGD-1"}
        assert {t.code for t in repo.due(wib(2026, 11, 27, 9))} == {"PGD-0"}

    def test_escalate_is_conditional_and_once_per_level(
        self, repo_and_seed: tuple[Any, Seed]
    ) -> None:
        repo, seed = repo_and_seed
        item = tracked("PGD-E")
        seed(item, item.track.next_check_at(CAL, POLICY))
        now = wib(2026, 11, 27, 16)
        plan = item.track.plan(now, CAL, POLICY)
        assert plan is not None
        after = item.with_track(item.track.escalate(plan, now, ("role:complaint_team",)))
        audits = [AuditEntry(item.ref, now, "sweep", "escalation.warning")]
        repo.escalate(
            item, after, after.track.next_check_at(CAL, POLICY), plan, audits, message("PGD-E", now)
        )
        stored = repo.get_tracked("complaint", "PGD-E")
        assert stored.version == 2 and stored.track.reached == "warning"
        assert stored.track.history[0].notified == ("role:complaint_team",)
        with pytest.raises((VersionConflict, AlreadyExists)):  # the same stale write again
            repo.escalate(item, after, None, plan, audits, message("PGD-E", now))
        assert {
            t.code for t in repo.due(wib(2026, 11, 30, 16))
        } == set()  # next: breach at 16:00:01
        assert {t.code for t in repo.due(wib(2026, 11, 30, 16, 1))} == {"PGD-E"}

    def test_retime_moves_the_item_in_the_index(self, repo_and_seed: tuple[Any, Seed]) -> None:
        repo, seed = repo_and_seed
        item = tracked("PGD-R")
        seed(item, wib(2026, 11, 27, 16))
        moved = item.with_track(
            item.track.recompute(CAL, POLICY, wib(2026, 11, 24, 9), clock_class="pengawasan")
        )
        repo.retime(
            item,
            moved,
            moved.track.next_check_at(CAL, POLICY),
            AuditEntry(item.ref, wib(2026, 11, 24, 9), "t", "x"),
        )
        assert not list(repo.due(wib(2026, 11, 27, 16)))
        assert repo.get_tracked("complaint", "PGD-R").track.clock_class == "pengawasan"
        with pytest.raises(VersionConflict):
            repo.retime(item, moved, None, AuditEntry(item.ref, wib(2026, 11, 24, 9), "t", "x"))

    def test_open_items_skips_closed_ones(self, repo_and_seed: tuple[Any, Seed]) -> None:
        repo, seed = repo_and_seed
        seed(tracked("PGD-open", "in_progress"), None)
        seed(tracked("PGD-closed", "closed"), None)
        seed(tracked("AUD-open", "submitted", kind="audience"), None)
        assert {t.code for t in repo.open_items()} == {"PGD-open", "AUD-open"}


def test_create_refuses_a_taken_code_or_claim(storage: str) -> None:
    from chalicelib import bootstrap

    repo = bootstrap.tracked_items()
    audit = AuditEntry("CMP#PGD-1", wib(2026, 11, 23, 10), "t", "create")
    repo.create(tracked("PGD-1"), None, {"subject": "x"}, audit, claims=(("LAPOR#123", "CLAIM"),))
    with pytest.raises(AlreadyExists):
        repo.create(tracked("PGD-1"), None, {}, audit)
    with pytest.raises(AlreadyExists):
        repo.create(tracked("PGD-2"), None, {}, audit, claims=(("LAPOR#123", "CLAIM"),))
    assert repo.get_tracked("complaint", "PGD-2") is None  # nothing half-written
