"""Properties of the SLA clock over arbitrary instants (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.sla import DEFAULT_LIMITS, SlaPolicy, SlaTrack, deadline
from chalicelib.domain.vocabulary import COMPLAINT_CLASSES
from tests.clock import TZ, calendar

CAL = calendar()
POLICY = SlaPolicy()
DAY_CLASSES = ("normatif", "non_pengawasan", "pengawasan", "audience")

instants = st.datetimes(
    min_value=datetime(2025, 12, 1), max_value=datetime(2027, 6, 30), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
classes = st.sampled_from((*COMPLAINT_CLASSES, "audience"))
day_classes = st.sampled_from(DAY_CLASSES)


@given(instants, classes)
def test_deadline_is_never_before_receipt(received: datetime, cls: str) -> None:
    assert deadline(received, cls, CAL, POLICY) >= received


@given(instants, day_classes)
def test_day_deadlines_fall_at_close_of_business_on_a_working_day(
    received: datetime, cls: str
) -> None:
    local = deadline(received, cls, CAL, POLICY).astimezone(TZ)
    assert (local.hour, local.minute, local.second) == (16, 0, 0)
    assert CAL.is_working_day(local.date())


@given(instants, day_classes)
def test_exactly_n_working_days_lie_after_the_day_of_receipt(received: datetime, cls: str) -> None:
    due_day = deadline(received, cls, CAL, POLICY).astimezone(TZ).date()
    day = received.astimezone(TZ).date()
    count = 0
    while day < due_day:
        day += timedelta(days=1)
        count += CAL.is_working_day(day)
    assert count == DEFAULT_LIMITS[cls].amount


@given(instants)
def test_ringan_is_exactly_180_office_minutes_after_receipt(received: datetime) -> None:
    due = deadline(received, "ringan", CAL, POLICY)
    assert CAL.office_seconds_between(received, due) == 180 * 60
    local = due.astimezone(TZ)
    assert CAL.is_working_day(local.date()) and 8 <= local.hour <= 16


@given(instants, instants, classes)
def test_a_later_receipt_never_gives_an_earlier_deadline(
    a: datetime, b: datetime, cls: str
) -> None:
    early, late = sorted((a, b))
    assert deadline(early, cls, CAL, POLICY) <= deadline(late, cls, CAL, POLICY)


@settings(max_examples=60)
@given(instants, classes, st.integers(0, 30 * 24 * 3600), st.integers(0, 20 * 24 * 3600))
def test_a_pause_never_makes_a_deadline_earlier(
    received: datetime, cls: str, after: int, length: int
) -> None:
    track = SlaTrack.start(received, cls, CAL, POLICY)
    paused_at = received + timedelta(seconds=after)
    resumed, credited = track.pause(paused_at).resume(
        paused_at + timedelta(seconds=length), CAL, POLICY
    )
    assert credited >= 0
    assert resumed.due_at >= track.due_at
    assert CAL.office_seconds_between(track.due_at, resumed.due_at) == credited


@given(instants, st.integers(0, 40 * 8 * 3600))
def test_office_walks_forward_and_back_agree(start: datetime, seconds: int) -> None:
    end = CAL.add_office_time(start, seconds)
    assert CAL.office_seconds_between(start, end) == seconds
    if seconds:
        back = CAL.subtract_office_time(end, seconds)
        assert CAL.office_seconds_between(back, end) == seconds
        assert back >= start
