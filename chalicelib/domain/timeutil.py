"""Instants: stored in UTC to the second, shown in local time with offset."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def ensure_aware(at: datetime) -> datetime:
    """Reject naive datetimes: an instant without an offset is ambiguous."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("datetime must carry a time zone offset")
    return at


def to_utc(at: datetime) -> datetime:
    """The instant in UTC, truncated to the second (the clock's resolution)."""
    return ensure_aware(at).astimezone(UTC).replace(microsecond=0)


def iso_utc(at: datetime) -> str:
    """Sortable text form used in keys: 2026-11-27T03:00:00Z."""
    return to_utc(at).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso_utc(text: str) -> datetime:
    """Inverse of iso_utc."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_date(at: datetime, tz: ZoneInfo) -> date:
    """The calendar day of an instant in the bureau's time zone."""
    return ensure_aware(at).astimezone(tz).date()


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day, in UTC."""
    start = datetime.combine(day, time(0, 0), tzinfo=tz)
    return to_utc(start), to_utc(start + timedelta(days=1))
