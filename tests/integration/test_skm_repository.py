"""One SKM storage contract, two implementations: the in-memory fake and DynamoDB on moto."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from chalicelib.domain import skm
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, InvalidTransition
from chalicelib.domain.skm import FollowUp, Publication, SkmRules, SurveyInvite, SurveyResponse
from chalicelib.services.ports import SkmRepository
from tests.fakes import FakeSkmRepository

NOW = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
ANSWERS = {f"U{i}": 1 + i % 4 for i in range(1, 10)}


def response(rid: str, service: str = "complaint", month: str = "2026-11") -> SurveyResponse:
    return SurveyResponse(rid, service, month, ANSWERS, {"sex": "perempuan"}, "Saran")


@dataclass
class Store:
    """The repository, and a way to write a service-ending audit line as the services do."""

    repo: SkmRepository
    end: Any


@pytest.fixture(params=["fake", "moto", "dynamodb_local"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "fake":
        fake = FakeSkmRepository()
        yield Store(fake, fake.record_audit)
        return
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap
    from chalicelib.adapters.audit_store import audit_put
    from chalicelib.adapters.skm_repo import DynamoSkmRepository

    db = bootstrap.dynamo()
    yield Store(DynamoSkmRepository(db), lambda a: db.transact([audit_put(db, a)], [None]))


def ending(ref: str, action: str, at: datetime) -> AuditEntry:
    return AuditEntry(ref, at, "staff", action, "in_progress", "answered")


class TestSkmRepositoryContract:
    def test_a_tracked_item_is_surveyed_once(self, store: Store) -> None:
        repo = store.repo
        assert repo.surveyed("CMP#PGD-1") is False
        repo.add_tracked_response("CMP#PGD-1", response("a"))
        assert repo.surveyed("CMP#PGD-1") is True
        with pytest.raises(InvalidTransition):
            repo.add_tracked_response("CMP#PGD-1", response("b"))
        assert [r.id for r in repo.responses(["2026-11"], None)] == ["a"]

    def test_responses_round_trip_by_month_and_service(self, store: Store) -> None:
        repo = store.repo
        repo.add_tracked_response("CMP#1", response("a", "complaint", "2026-10"))
        repo.add_tracked_response("AUD#2", response("b", "audience", "2026-11"))
        repo.add_tracked_response("CMP#3", response("c", "complaint", "2026-11"))
        repo.add_tracked_response("CMP#4", response("d", "complaint", "2026-12"))
        got = repo.responses(["2026-10", "2026-11"], "complaint")
        assert sorted(r.id for r in got) == ["a", "c"]
        assert sorted(r.id for r in repo.responses(["2026-11"], None)) == ["b", "c"]
        assert next(r for r in got if r.id == "a") == response("a", "complaint", "2026-10")

    def test_a_code_is_used_once_even_by_two_readers_of_the_same_unused_code(
        self, store: Store
    ) -> None:
        repo = store.repo
        invite = SurveyInvite(skm.code_hash("SKM-AAAA-BBBB"), "audience", date(2026, 12, 10))
        if isinstance(repo, FakeSkmRepository):
            repo.add_invite(invite)
        else:
            from chalicelib import bootstrap
            from chalicelib.adapters.skm_repo import invite_put

            db = bootstrap.dynamo()
            db.transact([invite_put(db, invite)], [AlreadyExists()])
        assert repo.get_invite(invite.code_hash) == invite
        assert repo.get_invite(skm.code_hash("SKM-CCCC-DDDD")) is None
        # GIVEN two kiosks that both read the code while it was unused
        first, second = repo.get_invite(invite.code_hash), repo.get_invite(invite.code_hash)
        assert first is not None and second is not None
        # WHEN both write: THEN the conditional write lets one through
        repo.add_code_response(first, response("a", "audience"))
        with pytest.raises(InvalidTransition):
            repo.add_code_response(second, response("b", "audience"))
        assert [r.id for r in repo.responses(["2026-11"], "audience")] == ["a"]
        used = repo.get_invite(invite.code_hash)
        assert used is not None and used.used is True

    def test_population_counts_service_endings_in_the_period_without_a_scan(
        self, store: Store
    ) -> None:
        start, end = datetime(2026, 10, 31, 17, tzinfo=UTC), datetime(2026, 11, 30, 17, tzinfo=UTC)
        store.end(ending("CMP#A", "complaint.answered", start - timedelta(seconds=1)))
        store.end(ending("CMP#B", "complaint.answered", start))
        store.end(ending("AUD#C", "audience.held", start + timedelta(days=3)))
        store.end(ending("AUD#D", "audience.declined", start + timedelta(days=4)))
        store.end(ending("GUESTBOOK#E", "guestbook.checkout", start + timedelta(days=5)))
        store.end(ending("CMP#F", "complaint.closed", start + timedelta(days=6)))  # not an ending
        store.end(ending("CMP#G", "complaint.answered", end))  # the next period
        assert store.repo.population(start, end, "complaint") == 1
        assert store.repo.population(start, end, "audience") == 3
        assert store.repo.population(start, end, None) == 4

    def test_publications_once_per_period_newest_first_paged(self, store: Store) -> None:
        repo = store.repo
        result = skm.compute([response("a")], 40, SkmRules())

        def publication(first: str, at: datetime) -> Publication:
            plan = (FollowUp("U1", "Perbaiki", "Kabag", date(2027, 1, 31)),)
            return Publication(first, first, "all", result, plan, at, "kabag")

        def audit(p: Publication) -> AuditEntry:
            return AuditEntry(p.ref, p.published_at, "kabag", "skm.published")

        for i, month in enumerate(["2026-09", "2026-10", "2026-11"]):
            p = publication(month, NOW + timedelta(hours=i))
            repo.publish(p, audit(p))
        again = publication("2026-11", NOW + timedelta(days=1))
        with pytest.raises(AlreadyExists):
            repo.publish(again, audit(again))
        page = repo.publications(2, None)
        assert [p.period_from for p in page.items] == ["2026-11", "2026-10"]
        assert page.position is not None
        rest = repo.publications(2, page.position)
        assert [p.period_from for p in rest.items] == ["2026-09"] and rest.position is None
        stored = page.items[0]
        assert stored.result.converted_index == result.converted_index
        assert stored.result.per_unsur == result.per_unsur
        assert stored.follow_up[0].by == date(2027, 1, 31)
        assert stored.published_at == NOW + timedelta(hours=2)
        assert stored.result.index == Decimal(str(result.index))
