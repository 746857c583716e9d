"""Values a person would never mean are refused, naming the field and saying which rule
(issue 10 point 4): meetings outside office hours or working days, reply letters dated
before receipt or in the future, preferred dates that are not working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.api.problems import FieldProblem, field_message
from chalicelib.domain.audience import (
    ReplyLetter,
    check_meeting,
    letter_problems,
    meeting_problems,
    preferred_date_problems,
)
from chalicelib.domain.errors import FieldError, FieldErrors
from tests.clock import calendar, wib

CAL = calendar()
NOW = wib(2026, 11, 23, 9)  # Monday


def keys(problems: list[FieldError]) -> list[tuple[str, str]]:
    return [(p.field, p.message_key) for p in problems]


def test_a_sunday_meeting_at_22_is_refused_for_both_reasons_on_start() -> None:
    start = wib(2026, 11, 29, 22)  # Sunday 22:00 local
    problems = meeting_problems(start, start + timedelta(hours=1), NOW - timedelta(days=30), CAL)
    assert ("start", "weekend") in keys(problems)
    assert ("start", "meeting_outside_office_hours") in keys(problems)
    sunday = next(p for p in problems if p.message_key == "weekend")
    text = field_message(FieldProblem("start", "weekend", dict(sunday.params)), "id")
    assert text == "Minggu, 29 November 2026 jatuh pada akhir pekan, bukan hari kerja"
    english = field_message(FieldProblem("start", "weekend", dict(sunday.params)), "en")
    assert "Sunday" in english


def test_outside_office_hours_names_start_or_end() -> None:
    early = meeting_problems(wib(2026, 12, 1, 7), wib(2026, 12, 1, 9), NOW, CAL)
    assert keys(early) == [("start", "meeting_outside_office_hours")]
    assert early[0].params["time"] == "07:00" and early[0].params["close"] == "16:00"
    late = meeting_problems(wib(2026, 12, 1, 15), wib(2026, 12, 1, 17), NOW, CAL)
    assert keys(late) == [("end", "meeting_outside_office_hours")]
    assert meeting_problems(wib(2026, 12, 1, 8), wib(2026, 12, 1, 16), NOW, CAL) == []


def test_a_meeting_on_a_holiday_names_the_holiday() -> None:
    christmas = wib(2026, 12, 25, 9)
    problems = meeting_problems(christmas, christmas + timedelta(hours=1), NOW, CAL)
    assert keys(problems) == [("start", "holiday")]
    assert "Natal" in str(problems[0].params["holiday"])


def test_several_problems_come_back_together() -> None:
    start = wib(2026, 11, 29, 22, 10)  # Sunday, 22:10, not on the quarter hour
    with pytest.raises(FieldErrors) as err:
        check_meeting(start, start - timedelta(hours=1), NOW - timedelta(days=30), CAL)
    assert {e.message_key for e in err.value.errors} >= {
        "end_before_start",
        "slot_boundary",
        "weekend",
        "meeting_outside_office_hours",
    }


def test_reply_letter_between_receipt_and_today() -> None:
    received = wib(2026, 11, 20, 10)
    ok = ReplyLetter("1/KESRA", date(2026, 11, 23), "isi")
    assert letter_problems(ok, received, NOW, CAL) == []
    before = ReplyLetter("1/KESRA", date(2026, 11, 19), "isi")
    assert keys(letter_problems(before, received, NOW, CAL)) == [
        ("reply_letter.date", "letter_before_receipt")
    ]
    future = ReplyLetter("1/KESRA", date(2026, 11, 24), "isi")
    assert keys(letter_problems(future, received, NOW, CAL)) == [
        ("reply_letter.date", "letter_in_future")
    ]


def test_preferred_dates_are_working_days_within_a_year() -> None:
    dates = (
        date(2026, 11, 24),  # Tuesday: fine
        date(2026, 11, 28),  # Saturday
        date(2026, 12, 25),  # Christmas
        date(2026, 11, 20),  # before receipt
        date(2028, 1, 3),  # more than a year ahead
    )
    problems = preferred_date_problems(dates, NOW, NOW, CAL)
    assert keys(problems) == [
        ("preferred_dates.1", "weekend"),
        ("preferred_dates.2", "holiday"),
        ("preferred_dates.3", "in_past"),
        ("preferred_dates.4", "date_out_of_range"),
    ]
