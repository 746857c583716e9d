"""The real 2026-27 calendar for tests: library holidays, no overrides, Pontianak time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from chalicelib.adapters.holiday_library import library_holidays
from chalicelib.domain.calendar import WorkingCalendar

TZ = ZoneInfo("Asia/Pontianak")


def calendar() -> WorkingCalendar:
    return WorkingCalendar(tz=TZ, holidays_of_year=library_holidays)


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A local (WIB, UTC+7) instant, as UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)
