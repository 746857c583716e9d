"""The real 2026-27 calendar for tests: library holidays, no overrides, Pontianak time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from chalicelib.adapters.holiday_library import library_holidays
from chalicelib.domain.calendar import WorkingCalendar

TZ = ZoneInfo("Asia/Pontianak")


def calendar() -> WorkingCalendar:
    return WorkingCalendar(tz=TZ, holidays_of_year=library_holidays)


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A local (WIB, UTC+7) instant, as UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


def local_today() -> date:
    """Today in Pontianak (WIB): the bureau's day, which the API checks dates against. Not
    date.today() or the UTC date: from 17:00 to 24:00 UTC, WIB is already the next day."""
    return datetime.now(TZ).date()
