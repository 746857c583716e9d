"""One contract, three implementations: the in-memory fake, and the DynamoDB adapter on moto
and on DynamoDB Local."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, StorageUnavailable, VersionConflict
from chalicelib.domain.guestbook import GuestbookEntry, new_entry
from chalicelib.services.ports import GuestbookRepository
from tests.fakes import FakeGuestbookRepository

TZ = ZoneInfo("Asia/Pontianak")
NOW = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 08:00 local


def entry(entry_id: str, time_in: datetime) -> tuple[GuestbookEntry, AuditEntry]:
    return new_entry(
        entry_id=entry_id,
        name="Nama",
        institution="Inst",
        purpose="Perlu",
        phone="0812 000",
        time_in=time_in,
        actor="desk",
        now=time_in,
    )


@pytest.fixture(params=["fake", "moto", "dynamodb_local"])
def repo(request: pytest.FixtureRequest) -> Iterator[GuestbookRepository]:
    if request.param == "fake":
        yield FakeGuestbookRepository(TZ)
        return
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap
    from chalicelib.adapters.guestbook_repo import DynamoGuestbookRepository

    yield DynamoGuestbookRepository(bootstrap.dynamo(), TZ)


class TestGuestbookRepositoryContract:
    def test_add_then_get_round_trips_every_field(self, repo: GuestbookRepository) -> None:
        e, a = entry("BT-1", NOW)
        repo.add(e, a)
        assert repo.get("BT-1") == e
        assert repo.get("BT-404") is None

    def test_add_twice_is_already_exists_and_keeps_the_first(
        self, repo: GuestbookRepository
    ) -> None:
        e, a = entry("BT-1", NOW)
        repo.add(e, a)
        other, a2 = entry("BT-1", NOW + timedelta(hours=1))
        with pytest.raises(AlreadyExists):
            repo.add(other, a2)
        assert repo.get("BT-1") == e
        assert len(repo.audit_trail(e.ref)) == 1  # the failed add left no audit line

    def test_save_is_conditional_on_version(self, repo: GuestbookRepository) -> None:
        e, a = entry("BT-1", NOW)
        repo.add(e, a)
        out, audit = e.check_out(NOW + timedelta(hours=1), "desk", NOW + timedelta(hours=1))
        repo.save(out, expected_version=1, audit=audit)
        assert repo.get("BT-1") == out
        with pytest.raises(VersionConflict):
            repo.save(out, expected_version=1, audit=audit)
        trail = repo.audit_trail(e.ref)
        assert [t.action for t in trail] == ["guestbook.create", "guestbook.checkout"]
        assert trail[1].from_state == "present" and trail[1].to_state == "checked_out"

    def test_list_by_day_pages_in_time_order_within_the_local_day(
        self, repo: GuestbookRepository
    ) -> None:
        day_start = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)  # 00:00 local on the 27th
        times = [day_start + timedelta(hours=h) for h in (5, 1, 3, 0, 23)]
        for i, t in enumerate(times):
            repo.add(*entry(f"BT-{i}", t))
        repo.add(*entry("BT-before", day_start - timedelta(seconds=1)))
        repo.add(*entry("BT-after", day_start + timedelta(hours=24)))
        seen: list[GuestbookEntry] = []
        position = None
        for _ in range(10):
            page = repo.list_by_day(date(2026, 11, 27), 2, position)
            assert len(page.items) <= 2
            seen.extend(page.items)
            position = page.position
            if position is None:
                break
        assert [e.time_in for e in seen] == sorted(times)
        assert len(repo.list_by_day(date(2026, 11, 28), 10, None).items) == 1


def test_throttling_becomes_storage_unavailable(aws: None) -> None:
    """A throttled write is the domain's retryable error, not a botocore exception."""
    from botocore.exceptions import ClientError

    from chalicelib import bootstrap
    from chalicelib.adapters.guestbook_repo import DynamoGuestbookRepository

    db = bootstrap.dynamo()

    def throttle(**kwargs: object) -> None:
        raise ClientError(
            {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}},
            "TransactWriteItems",
        )

    db.client.meta.events.register("before-call.dynamodb.TransactWriteItems", throttle)
    repo = DynamoGuestbookRepository(db, TZ)
    with pytest.raises(StorageUnavailable):
        repo.add(*entry("BT-1", NOW))
    assert os.environ["TABLE_NAME"] == db.table
