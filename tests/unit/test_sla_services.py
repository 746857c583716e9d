"""Sweep, outbox and calendar services on in-memory fakes."""

from __future__ import annotations

import itertools
import threading
from datetime import date, datetime, time, timedelta

import pytest

from chalicelib.adapters.holiday_library import library_holidays
from chalicelib.domain.errors import FieldError, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from chalicelib.domain.tracked import TrackedItem
from chalicelib.services.calendar import CalendarService, Retimer
from chalicelib.services.outbox import OutboxService
from chalicelib.services.sweep import SweepService
from tests.clock import TZ, calendar, wib
from tests.fakes import (
    FakeCalendarRepository,
    FakeOutboxRepository,
    FakeTrackedItemRepository,
    FlakyNotifier,
)

CAL = calendar()
POLICY = SlaPolicy()
_ids = itertools.count()


def item(
    code: str,
    cls: str = "normatif",
    received: datetime | None = None,
    kind: str = "complaint",
    status: str = "classified",
) -> TrackedItem:
    track = SlaTrack.start(received or wib(2026, 11, 23, 10), cls, CAL, POLICY)
    return TrackedItem(kind=kind, code=code, status=status, version=1, track=track)


def sweep_with(*items: TrackedItem) -> tuple[SweepService, FakeTrackedItemRepository]:
    repo = FakeTrackedItemRepository()
    for i in items:
        repo.add(i, i.track.next_check_at(CAL, POLICY))
    return SweepService(repo, lambda: CAL, POLICY, new_id=lambda now: f"NT-{next(_ids)}"), repo


def test_sweep_fires_each_level_once_however_often_it_runs() -> None:
    service, repo = sweep_with(item("PGD-A"))
    for now in (
        wib(2026, 11, 27, 16),
        wib(2026, 11, 27, 16, 5),
        wib(2026, 11, 30, 17),
        wib(2026, 11, 30, 17),
    ):
        service.run(now)
    assert [n.level for n in repo.outbox] == ["warning", "breach"]
    assert repo.outbox[1].recipients == ("role:supervisor",)
    assert "PGD-A" in repo.outbox[1].subject
    assert "Batas waktu: Senin, 30 November 2026 pukul 16.00 WIB" in repo.outbox[1].body


def test_sweep_at_an_earlier_now_finds_nothing_new() -> None:
    service, repo = sweep_with(item("PGD-A"))
    service.run(wib(2026, 11, 30, 17))
    result = service.run(wib(2026, 11, 27, 16))  # a sweep with a clock in the past
    assert result.checked == 0 and [n.level for n in repo.outbox] == ["breach"]


def test_late_item_fires_only_the_highest_and_records_the_rest() -> None:
    service, repo = sweep_with(item("PGD-OLD", received=wib(2026, 10, 1, 9)))
    result = service.run(wib(2026, 11, 27, 9))
    assert (result.fired, result.superseded) == (1, 2)
    assert [n.level for n in repo.outbox] == ["breach_followup"]
    assert [a.action for a in repo.audit] == [
        "escalation.warning",
        "escalation.breach",
        "escalation.breach_followup",
    ]
    assert "superseded" in (repo.audit[0].note or "")


def test_one_failing_item_does_not_stop_the_others_and_is_retried_next_run() -> None:
    service, repo = sweep_with(item("PGD-A"), item("PGD-B"), item("PGD-C"))
    repo.fail_codes = {"PGD-B"}
    result = service.run(wib(2026, 11, 27, 16))
    assert (result.checked, result.fired, result.failed) == (3, 2, 1)
    assert result.failures == [("PGD-B", "storage_unavailable")]
    repo.fail_codes = set()
    again = service.run(wib(2026, 11, 27, 16, 5))
    assert (again.fired, again.failed) == (1, 0)
    assert sorted(n.item_code for n in repo.outbox) == ["PGD-A", "PGD-B", "PGD-C"]


def test_two_concurrent_sweeps_notify_once() -> None:
    service, repo = sweep_with(*(item(f"PGD-{i}") for i in range(20)))
    barrier = threading.Barrier(2)

    def go() -> None:
        barrier.wait()
        service.run(wib(2026, 11, 27, 16))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(repo.outbox) == 20
    assert len({n.item_code for n in repo.outbox}) == 20


def test_outbox_sends_retries_and_gives_up() -> None:
    now = wib(2026, 11, 27, 9)
    message = Notification(
        id="n1",
        created_at=now,
        kind="escalation",
        item_kind="complaint",
        item_code="PGD-A",
        recipients=("role:supervisor",),
        subject="s",
        body="b",
        next_attempt_at=now,
    )
    repo = FakeOutboxRepository([message])
    notifier = FlakyNotifier(failures=1)
    service = OutboxService(repo, notifier)
    first = service.dispatch(now)
    assert (first.sent, first.retried) == (0, 1)
    assert service.dispatch(now).sent == 0  # backing off: not yet due again
    later = service.dispatch(wib(2026, 11, 27, 9, 2))
    assert later.sent == 1 and notifier.sent[0].id == "n1"
    assert repo.messages["n1"].state == "sent" and repo.messages["n1"].attempts == 2
    assert service.dispatch(wib(2026, 11, 28, 9)).sent == 0  # never sent twice

    dead_repo = FakeOutboxRepository([message])
    dead = OutboxService(dead_repo, FlakyNotifier(failures=99))
    for day in range(10):
        dead.dispatch(now + timedelta(days=day))
    final = dead_repo.messages["n1"]
    assert final.state == "failed" and final.attempts == 5


def _calendar_service(repo: FakeCalendarRepository) -> CalendarService:
    return CalendarService(
        repo, library_holidays, TZ, time(8), time(16), cache_seconds=30, monotonic=lambda: 0.0
    )


def test_overrides_add_and_remove_dates_and_win_over_the_library() -> None:
    service = _calendar_service(FakeCalendarRepository())
    view = service.replace_overrides(
        2026,
        {date(2026, 12, 31): "Cuti bersama tambahan"},
        {date(2026, 12, 24)},
        "admin-1",
        wib(2026, 11, 27, 9),
    )
    by_day = {d.day: d for d in view.dates}
    assert by_day[date(2026, 12, 31)].source == "bureau"
    assert date(2026, 12, 24) not in by_day and [d.day for d in view.removed] == [
        date(2026, 12, 24)
    ]
    assert by_day[date(2026, 12, 25)].source == "library" and view.version == 1
    cal = service.calendar()
    assert cal.is_working_day(date(2026, 12, 24)) and not cal.is_working_day(date(2026, 12, 31))


@pytest.mark.parametrize(
    ("added", "removed", "field"),
    [
        ({date(2027, 1, 4): "x"}, set(), "added"),
        ({}, {date(2026, 12, 23)}, "removed"),  # not a library holiday
        ({date(2026, 12, 25): "x"}, {date(2026, 12, 25)}, "added"),
    ],
)
def test_bad_overrides_name_the_field(added: dict, removed: set, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(FieldError) as err:
        _calendar_service(FakeCalendarRepository()).replace_overrides(
            2026, added, removed, "a", wib(2026, 11, 27, 9)
        )
    assert err.value.field == field


def test_stale_if_match_on_calendar_is_a_conflict() -> None:
    service = _calendar_service(FakeCalendarRepository())
    service.replace_overrides(2026, {}, set(), "a", wib(2026, 11, 27, 9))
    with pytest.raises(VersionConflict):
        service.replace_overrides(2026, {}, set(), "a", wib(2026, 11, 27, 9), if_match=0)


def test_overrides_are_cached_per_process_for_a_while() -> None:
    repo = FakeCalendarRepository()
    clock = [0.0]
    service = CalendarService(
        repo, library_holidays, TZ, time(8), time(16), cache_seconds=30, monotonic=lambda: clock[0]
    )
    service.holidays(2026)
    service.holidays(2026)
    assert repo.reads == 1
    clock[0] = 31.0
    service.holidays(2026)
    assert repo.reads == 2


def test_retimer_moves_open_deadlines_and_rearms_levels() -> None:
    repo = FakeTrackedItemRepository()
    # normatif received Thu 17 Dec 2026 10:00: 18, 21, 22, 23, (24, 25 off) 28 -> Mon 28 Dec.
    tracked = item("PGD-X", received=wib(2026, 12, 17, 10))
    assert tracked.track.due_at == wib(2026, 12, 28, 16)
    closed = item("PGD-Y", status="closed")
    repo.add(tracked, tracked.track.next_check_at(CAL, POLICY))
    repo.add(closed, None)
    cal_repo = FakeCalendarRepository()
    service = _calendar_service(cal_repo)
    service.replace_overrides(
        2026, {date(2026, 12, 28): "Cuti tambahan"}, set(), "admin", wib(2026, 12, 18, 9)
    )
    result = Retimer(repo, POLICY).recompute_all(
        service.calendar(), wib(2026, 12, 18, 9), "calendar 2026 v1"
    )
    assert (result.checked, result.moved) == (1, 1)
    moved = repo.items[tracked.ref]
    assert moved.track.due_at == wib(2026, 12, 29, 16)  # 28 Dec is now off too
    assert repo.next_check[tracked.ref] == wib(2026, 12, 23, 16)  # the new warning time
    assert repo.audit[-1].action == "sla.recomputed"
