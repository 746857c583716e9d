"""Guestbook domain rules and service, on the in-memory fake."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.errors import AlreadyExists, FieldError, InvalidTransition, VersionConflict
from chalicelib.domain.guestbook import new_entry
from chalicelib.services.guestbook import GuestbookService, NewVisit
from tests.fakes import FakeGuestbookRepository

TZ = ZoneInfo("Asia/Pontianak")
NOW = datetime(2026, 11, 27, 2, 30, 15, 123456, tzinfo=UTC)  # 09:30 local


def visit(**kw: object) -> NewVisit:
    base: dict[str, object] = {"name": "Siti", "institution": "Dinsos", "purpose": "Audiensi"}
    base.update(kw)
    return NewVisit(**base)  # type: ignore[arg-type]


def service(ids: list[str] | None = None) -> tuple[GuestbookService, FakeGuestbookRepository]:
    repo = FakeGuestbookRepository(TZ)
    queue = list(ids or [])
    counter = iter(range(10_000))
    return GuestbookService(
        repo, new_id=lambda now: queue.pop(0) if queue else f"BT-{next(counter)}"
    ), repo


def test_new_entry_defaults_time_in_to_now_truncated_to_the_second() -> None:
    entry, audit = new_entry(
        entry_id="BT-1",
        name="A",
        institution="B",
        purpose="C",
        phone=None,
        time_in=None,
        actor="u1",
        now=NOW,
    )
    assert entry.time_in == NOW.replace(microsecond=0)
    assert entry.state == "present"
    assert audit.action == "guestbook.create" and audit.item_ref == "GUESTBOOK#BT-1"


def test_time_in_far_in_the_future_is_refused_but_small_skew_is_not() -> None:
    with pytest.raises(FieldError) as err:
        new_entry(
            entry_id="x",
            name="A",
            institution="B",
            purpose="C",
            phone=None,
            time_in=NOW + timedelta(minutes=6),
            actor="u",
            now=NOW,
        )
    assert err.value.field == "time_in"
    entry, _ = new_entry(
        entry_id="x",
        name="A",
        institution="B",
        purpose="C",
        phone=None,
        time_in=NOW + timedelta(minutes=4),
        actor="u",
        now=NOW,
    )
    assert entry.time_in > NOW


def test_check_out_once_then_invalid_transition() -> None:
    svc, repo = service()
    entry = svc.record(visit(), "desk", NOW)
    later = NOW + timedelta(hours=1)
    out = svc.check_out(entry.id, "desk", later)
    assert out.time_out == later.replace(microsecond=0) and out.version == 2
    with pytest.raises(InvalidTransition):
        svc.check_out(entry.id, "desk", later)
    actions = [a.action for a in repo.audit_trail(entry.ref)]
    assert actions == ["guestbook.create", "guestbook.checkout"]


def test_check_out_before_time_in_is_a_field_error() -> None:
    svc, _ = service()
    entry = svc.record(visit(), "desk", NOW)
    with pytest.raises(FieldError) as err:
        svc.check_out(entry.id, "desk", NOW, time_out=NOW - timedelta(minutes=1))
    assert err.value.field == "time_out"


def test_stale_if_match_is_a_version_conflict_and_writes_nothing() -> None:
    svc, repo = service()
    entry = svc.record(visit(), "desk", NOW)
    with pytest.raises(VersionConflict):
        svc.check_out(entry.id, "desk", NOW, if_match=7)
    assert repo.get(entry.id).time_out is None  # type: ignore[union-attr]
    assert len(repo.audit_trail(entry.ref)) == 1


def test_id_collision_draws_a_new_id() -> None:
    svc, _ = service(ids=["BT-SAME", "BT-SAME", "BT-OTHER"])
    first = svc.record(visit(), "desk", NOW)
    second = svc.record(visit(), "desk", NOW)
    assert (first.id, second.id) == ("BT-SAME", "BT-OTHER")


def test_id_space_exhausted_raises_already_exists() -> None:
    svc, _ = service(ids=["A", "A", "A", "A"])
    svc.record(visit(), "desk", NOW)
    with pytest.raises(AlreadyExists):
        svc.record(visit(), "desk", NOW)


def test_list_day_uses_the_local_calendar_day() -> None:
    svc, _ = service()
    # 23:30 UTC on the 26th is 06:30 local on the 27th.
    svc.record(visit(time_in=datetime(2026, 11, 26, 23, 30, tzinfo=UTC)), "d", NOW)
    svc.record(visit(time_in=datetime(2026, 11, 26, 16, 59, tzinfo=UTC)), "d", NOW)  # 23:59 on 26th
    page = svc.list_day(date(2026, 11, 27), 10, None)
    assert [e.time_in.hour for e in page.items] == [23]
    assert len(svc.list_day(date(2026, 11, 26), 10, None).items) == 1
