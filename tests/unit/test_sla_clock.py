"""The SLA clock on real 2026 dates (holidays from the library, Asia/Pontianak)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.domain.sla import SlaPolicy, SlaTrack, deadline, level_times
from tests.clock import TZ, calendar, wib

CAL = calendar()
POLICY = SlaPolicy()


def due(received: object, cls: str, **kw: object) -> object:
    return deadline(received, cls, CAL, POLICY, **kw).astimezone(TZ)  # type: ignore[arg-type]


def test_library_knows_the_2026_dates_the_bureau_needs() -> None:
    assert not CAL.is_working_day(date(2026, 3, 19))  # Nyepi
    assert all(not CAL.is_working_day(date(2026, 3, d)) for d in range(18, 25))
    assert not CAL.is_working_day(date(2026, 12, 24))  # cuti bersama Natal
    assert not CAL.is_working_day(date(2026, 12, 25))
    assert CAL.is_working_day(date(2026, 12, 28))
    assert CAL.holidays(2026)[date(2026, 3, 19)] == "Hari Suci Nyepi"  # Indonesian names


@pytest.mark.parametrize(
    ("received", "cls", "expected"),
    [
        # Mon 10:00, no holidays -> 5 working days -> next Mon 16:00 (domain.md's example)
        (wib(2026, 11, 23, 10), "normatif", wib(2026, 11, 30, 16)),
        # received after close counts from its own calendar day
        (wib(2026, 11, 23, 17, 30), "normatif", wib(2026, 11, 30, 16)),
        # Saturday: day 1 is Monday
        (wib(2026, 11, 28, 9), "normatif", wib(2026, 12, 4, 16)),
        # Nyepi and Idul Fitri: 18-24 March are all off
        (wib(2026, 3, 17, 10), "normatif", wib(2026, 3, 31, 16)),
        (wib(2026, 3, 17, 10), "audience", wib(2026, 3, 27, 16)),
        # Christmas, cuti bersama, New Year
        (wib(2026, 12, 23, 10), "normatif", wib(2027, 1, 4, 16)),
        (wib(2026, 11, 23, 10), "non_pengawasan", wib(2026, 12, 11, 16)),
        # received on a holiday
        (wib(2026, 12, 25, 9), "audience", wib(2026, 12, 30, 16)),
    ],
)
def test_working_day_deadlines(received: object, cls: str, expected: object) -> None:
    assert due(received, cls) == expected


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (wib(2026, 11, 23, 15), wib(2026, 11, 24, 10)),  # Mon 15:00 -> Tue 10:00
        (wib(2026, 11, 28, 9), wib(2026, 11, 30, 11)),  # Sat 09:00 -> Mon 11:00
        (wib(2026, 11, 23, 16), wib(2026, 11, 24, 11)),  # exactly 16:00 starts next morning
        (wib(2026, 11, 23, 7), wib(2026, 11, 23, 11)),  # before opening starts at 08:00
        (wib(2026, 11, 23, 13), wib(2026, 11, 23, 16)),  # a walk ending at 16:00 stays there
        (wib(2026, 12, 23, 15), wib(2026, 12, 28, 10)),  # across Christmas
        (wib(2026, 12, 25, 9), wib(2026, 12, 28, 11)),  # received on Christmas Day
        (wib(2026, 3, 17, 14, 30), wib(2026, 3, 25, 9, 30)),  # across Nyepi/Idul Fitri
    ],
)
def test_ringan_counts_three_office_hours(received: object, expected: object) -> None:
    assert due(received, "ringan") == expected


def test_ringan_in_elapsed_hours_when_switched() -> None:
    elapsed = SlaPolicy(office_hours_for_ringan=False)
    got = deadline(wib(2026, 11, 23, 15), "ringan", CAL, elapsed)
    assert got == wib(2026, 11, 23, 18)


def test_pause_credit_walks_office_time_from_the_deadline() -> None:
    # A 16:00 deadline paused 30 office minutes moves to 08:30 next working day.
    assert due(wib(2026, 11, 23, 10), "normatif", credit_seconds=1800) == wib(2026, 12, 1, 8, 30)


def test_pause_and_resume_move_the_deadline_by_exactly_the_paused_office_time() -> None:
    track = SlaTrack.start(wib(2026, 11, 23, 10), "normatif", CAL, POLICY)
    paused = track.pause(wib(2026, 11, 24, 15, 30))  # Tue 15:30
    resumed, credited = paused.resume(wib(2026, 11, 25, 9, 0), CAL, POLICY)  # Wed 09:00
    assert credited == 30 * 60 + 60 * 60  # 15:30-16:00 and 08:00-09:00
    assert resumed.due_at == wib(2026, 12, 1, 9, 30)
    assert resumed.paused_at is None and resumed.credit_seconds == credited


@pytest.mark.parametrize(
    ("cls", "due_at", "warning", "followup"),
    [
        ("normatif", wib(2026, 11, 30, 16), wib(2026, 11, 27, 16), wib(2026, 12, 1, 16)),
        ("non_pengawasan", wib(2026, 12, 11, 16), wib(2026, 12, 8, 16), wib(2026, 12, 14, 16)),
        ("pengawasan", wib(2027, 1, 15, 16), wib(2026, 12, 30, 16), wib(2027, 1, 18, 16)),
        ("audience", wib(2026, 12, 30, 16), wib(2026, 12, 29, 16), wib(2026, 12, 31, 16)),
        ("ringan", wib(2026, 11, 24, 10), wib(2026, 11, 24, 9), wib(2026, 11, 24, 13)),
        # backwards over a night: 08:30 minus one office hour is 15:30 the working day before
        ("ringan", wib(2026, 11, 30, 8, 30), wib(2026, 11, 27, 15, 30), wib(2026, 11, 30, 11, 30)),
        # a walk back ending exactly at 08:00 stays at 08:00 that day
        ("ringan", wib(2026, 11, 30, 9), wib(2026, 11, 30, 8), wib(2026, 11, 30, 12)),
        # a 16:00 ringan deadline's follow-up starts counting next morning
        ("ringan", wib(2026, 11, 23, 16), wib(2026, 11, 23, 15), wib(2026, 11, 24, 11)),
    ],
)
def test_escalation_level_times(
    cls: str, due_at: object, warning: object, followup: object
) -> None:
    times = level_times(due_at, cls, CAL, POLICY)  # type: ignore[arg-type]
    assert times["warning"] == warning
    assert times["breach"] == due_at + timedelta(seconds=1)  # type: ignore[operator]
    assert times["breach_followup"] == followup


def test_sixty_day_lead_is_ten_working_days_across_the_new_year() -> None:
    # 10 working days before Fri 15 Jan 2027 16:00: back over 1 Jan and Christmas leave.
    times = level_times(wib(2027, 1, 15, 16), "pengawasan", CAL, POLICY)
    assert times["warning"] == wib(2026, 12, 30, 16)
