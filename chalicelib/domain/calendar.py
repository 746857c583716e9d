"""The working-day calendar and office-time arithmetic: the SLA clock's ground.

Pure: the holidays of a year come from an injected function (library dates merged with the
bureau's overrides by the service layer); instants are aware datetimes, results are UTC
and whole seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .timeutil import to_utc

_MAX_DAYS_WALKED = 3660  # ten years of calendar: a loop bound, never reached in practice


@dataclass(frozen=True, slots=True)
class Overrides:
    """The bureau's changes to one year: dates added (with a name) and library dates removed."""

    added: Mapping[date, str] = field(default_factory=dict)
    removed: frozenset[date] = frozenset()


def merge_holidays(library: Mapping[date, str], overrides: Overrides) -> dict[date, str]:
    """Library holidays minus the removed ones, plus the added ones (the bureau wins)."""
    merged = {d: n for d, n in library.items() if d not in overrides.removed}
    merged.update(overrides.added)
    return merged


@dataclass(slots=True)
class WorkingCalendar:
    """Mon-Fri that is not a holiday; office hours [open, close) local on those days."""

    tz: ZoneInfo
    holidays_of_year: Callable[[int], Mapping[date, str]]
    office_open: time = time(8, 0)
    office_close: time = time(16, 0)
    _cache: dict[int, Mapping[date, str]] = field(default_factory=dict)

    def holidays(self, year: int) -> Mapping[date, str]:
        if year not in self._cache:
            self._cache[year] = self.holidays_of_year(year)
        return self._cache[year]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for _ in range(_MAX_DAYS_WALKED):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        for _ in range(_MAX_DAYS_WALKED):
            day -= timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def at(self, day: date, moment: time) -> datetime:
        """Local `moment` of `day`, as a UTC instant."""
        return to_utc(datetime.combine(day, moment, tzinfo=self.tz))

    def local(self, at: datetime) -> datetime:
        return to_utc(at).astimezone(self.tz)

    # --- working days -----------------------------------------------------------------

    def working_days_after(self, received_at: datetime, n: int) -> datetime:
        """Close of business of the n-th working day strictly after the local day of receipt."""
        if n < 1:
            raise ValueError("n must be at least 1")
        day = self.local(received_at).date()
        for _ in range(n):
            day = self.next_working_day(day)
        return self.at(day, self.office_close)

    def shift_working_days(self, at: datetime, n: int) -> datetime:
        """The same local time on the n-th working day after (n > 0) or before (n < 0) `at`."""
        local = self.local(at)
        day = local.date()
        for _ in range(abs(n)):
            day = self.next_working_day(day) if n > 0 else self.previous_working_day(day)
        return self.at(day, local.time().replace(microsecond=0))

    # --- office time ------------------------------------------------------------------

    def _start_forward(self, at: datetime) -> datetime:
        """Where an office clock started at `at` begins counting (`at` itself if in hours)."""
        local = self.local(at)
        day, moment = local.date(), local.time()
        if self.is_working_day(day):
            if moment < self.office_open:
                return self.at(day, self.office_open)
            if moment < self.office_close:
                return to_utc(at)
        return self.at(self.next_working_day(day), self.office_open)

    def add_office_time(self, start: datetime, seconds: int) -> datetime:
        """Walk `seconds` of office time forward. Ending exactly at close stays at close."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        if seconds == 0:
            return to_utc(start)
        at = self._start_forward(start)
        remaining = seconds
        for _ in range(_MAX_DAYS_WALKED):
            local = self.local(at)
            close = self.at(local.date(), self.office_close)
            available = int((close - at).total_seconds())
            if remaining <= available:
                return at + timedelta(seconds=remaining)
            remaining -= available
            at = self.at(self.next_working_day(local.date()), self.office_open)
        raise ValueError("office time walk did not end")

    def _start_backward(self, at: datetime) -> datetime:
        local = self.local(at)
        day, moment = local.date(), local.time()
        if self.is_working_day(day):
            if moment > self.office_close:
                return self.at(day, self.office_close)
            if moment > self.office_open:
                return to_utc(at)
        return self.at(self.previous_working_day(day), self.office_close)

    def subtract_office_time(self, end: datetime, seconds: int) -> datetime:
        """Walk `seconds` of office time backward. Ending exactly at opening stays there."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        if seconds == 0:
            return to_utc(end)
        at = self._start_backward(end)
        remaining = seconds
        for _ in range(_MAX_DAYS_WALKED):
            local = self.local(at)
            opening = self.at(local.date(), self.office_open)
            available = int((at - opening).total_seconds())
            if remaining <= available:
                return at - timedelta(seconds=remaining)
            remaining -= available
            at = self.at(self.previous_working_day(local.date()), self.office_close)
        raise ValueError("office time walk did not end")

    def office_seconds_between(self, start: datetime, end: datetime) -> int:
        """Whole seconds of office time in [start, end); 0 if end <= start."""
        start, end = to_utc(start), to_utc(end)
        if end <= start:
            return 0
        total = 0
        day = self.local(start).date()
        last = self.local(end).date()
        while day <= last:
            if self.is_working_day(day):
                lo = max(start, self.at(day, self.office_open))
                hi = min(end, self.at(day, self.office_close))
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += timedelta(days=1)
        return total
