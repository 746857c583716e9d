"""Instants: stored in UTC to the second, shown in local time with offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def ensure_aware(at: datetime) -> datetime:
    """Reject naive datetimes: an instant without an offset is ambiguous."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("datetime must carry a time zone offset")
    return at


def to_utc(at: datetime) -> datetime:
    """The instant in UTC, truncated to the second (the clock's resolution)."""
    return ensure_aware(at).astimezone(UTC).replace(microsecond=0)


_ISO_UTC = re.compile(r"(\d{1,4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")


def iso_utc(at: datetime) -> str:
    """Sortable text form used in keys: 2026-11-27T03:00:00Z. The year is always four
    digits (strftime's %Y is not, for years before 1000 on glibc), so every time stored
    reads back as itself."""
    u = to_utc(at)
    return f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}Z"


def parse_iso_utc(text: str) -> datetime:
    """Inverse of iso_utc; also reads the unpadded years older versions wrote
    (`130-05-04T00:46:17Z`). ValueError for anything else."""
    match = _ISO_UTC.fullmatch(text)
    if match is None:
        raise ValueError("not a stored UTC time")
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def local_date(at: datetime, tz: ZoneInfo) -> date:
    """The calendar day of an instant in the bureau's time zone."""
    return ensure_aware(at).astimezone(tz).date()


# Day and month names for dates written in sentences (Monday and January first).
_WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def long_date(day: date, lang: str = "id") -> str:
    """A calendar date as a person writes it in a sentence: "Jumat, 25 Desember 2026" in
    Indonesian (PUEBI: day name, day, month, year; `id` for an unknown language), "Friday,
    25 December 2026" in English (day before month, as en-GB). Never ISO inside a sentence
    (issue 17 point 4)."""
    lang = lang if lang in _WEEKDAYS else "id"
    return f"{_WEEKDAYS[lang][day.weekday()]}, {day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def long_date_time(at: datetime, tz: ZoneInfo, lang: str = "id") -> str:
    """An instant in `tz` written out: "Jumat, 25 Desember 2026 pukul 16.00 WIB" (Indonesian
    writes the hour with a dot, PUEBI), "Friday, 25 December 2026 at 16:00 WIB". The zone's
    abbreviation is WIB for the bureau's Asia/Pontianak."""
    local = ensure_aware(at).astimezone(tz)
    zone = local.tzname() or ""
    if lang == "en":
        return f"{long_date(local.date(), 'en')} at {local:%H:%M} {zone}".rstrip()
    return f"{long_date(local.date(), 'id')} pukul {local:%H.%M} {zone}".rstrip()
