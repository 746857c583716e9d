"""The working-day calendar: library holidays merged with the bureau's overrides per year,
and what changing those overrides does to the deadlines of open items."""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from zoneinfo import ZoneInfo

from ..domain.audit import AuditEntry
from ..domain.calendar import Overrides, WorkingCalendar, merge_holidays
from ..domain.errors import FieldError, VersionConflict, check_version
from ..domain.sla import SlaPolicy
from ..domain.timeutil import to_utc
from ..domain.tracked import TrackedItem, UnreadableItem
from .ports import CalendarRepository, StoredOverrides, TrackedItemRepository

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True)
class NonWorkingDate:
    day: date
    name: str
    source: str  # library | bureau


@dataclass(frozen=True, slots=True)
class YearView:
    year: int
    version: int
    dates: list[NonWorkingDate]
    removed: list[NonWorkingDate]
    updated_at: datetime | None
    updated_by: str | None


@dataclass(frozen=True, slots=True)
class RecomputeResult:
    checked: int
    moved: int
    failed: int


class CalendarService:
    """Builds the WorkingCalendar the clock uses; overrides are cached per warm process for
    `cache_seconds` (a change made here is seen at once, one made elsewhere within that)."""

    def __init__(
        self,
        repo: CalendarRepository,
        library: Callable[[int], Mapping[date, str]],
        tz: ZoneInfo,
        office_open: dtime,
        office_close: dtime,
        cache_seconds: float = 30.0,
        monotonic: Callable[[], float] = _time.monotonic,
    ) -> None:
        self._repo = repo
        self._library = library
        self._tz = tz
        self._open = office_open
        self._close = office_close
        self._ttl = cache_seconds
        self._monotonic = monotonic
        self._cache: dict[int, tuple[float, StoredOverrides | None]] = {}

    def _stored(self, year: int) -> StoredOverrides | None:
        hit = self._cache.get(year)
        if hit is not None and self._monotonic() - hit[0] < self._ttl:
            return hit[1]
        stored = self._repo.get(year)
        self._cache[year] = (self._monotonic(), stored)
        return stored

    def holidays(self, year: int) -> dict[date, str]:
        stored = self._stored(year)
        return merge_holidays(self._library(year), stored.overrides if stored else Overrides())

    def calendar(self) -> WorkingCalendar:
        """A calendar for one unit of work (a request, a sweep): years load as it needs them."""
        return WorkingCalendar(
            tz=self._tz,
            holidays_of_year=self.holidays,
            office_open=self._open,
            office_close=self._close,
        )

    def year_view(self, year: int) -> YearView:
        _check_year(year)
        stored = self._stored(year)
        overrides = stored.overrides if stored else Overrides()
        library = self._library(year)
        dates = [
            NonWorkingDate(d, n, "bureau" if d in overrides.added else "library")
            for d, n in sorted(merge_holidays(library, overrides).items())
        ]
        removed = [NonWorkingDate(d, library[d], "library") for d in sorted(overrides.removed)]
        return YearView(
            year=year,
            version=stored.version if stored else 0,
            dates=dates,
            removed=removed,
            updated_at=stored.updated_at if stored else None,
            updated_by=stored.updated_by if stored else None,
        )

    def replace_overrides(
        self,
        year: int,
        added: Mapping[date, str],
        removed: set[date],
        actor: str,
        now: datetime,
        if_match: int | None = None,
    ) -> YearView:
        """Store a year's overrides (conditional on the version read) with an audit line."""
        _check_year(year)
        library = self._library(year)
        for d in sorted(set(added) | removed):
            if d.year != year:
                raise FieldError(
                    "added" if d in added else "removed", "date_outside_year", year=year
                )
        for d in sorted(removed):
            if d not in library:
                raise FieldError("removed", "not_a_library_holiday", date=d.isoformat())
        for d in sorted(set(added) & removed):
            raise FieldError("added", "added_and_removed", date=d.isoformat())
        current = self._repo.get(year)
        version = current.version if current else 0
        check_version(version, if_match)
        stored = StoredOverrides(
            year=year,
            overrides=Overrides(added=dict(added), removed=frozenset(removed)),
            version=version + 1,
            updated_at=to_utc(now),
            updated_by=actor,
        )
        note = f"added {len(added)}, removed {len(removed)}"
        audit = AuditEntry(
            item_ref=f"CALENDAR#{year}",
            at=to_utc(now),
            actor=actor,
            action="calendar.replace",
            from_state=f"v{version}",
            to_state=f"v{version + 1}",
            note=note,
        )
        self._repo.put(stored, expected_version=version, audit=audit)
        self._cache[year] = (self._monotonic(), stored)
        return self.year_view(year)


class Retimer:
    """Recomputes the deadline of every open item after the calendar changed."""

    ATTEMPTS = 3

    def __init__(self, items: TrackedItemRepository, policy: SlaPolicy) -> None:
        self._items = items
        self._policy = policy

    def recompute_all(self, cal: WorkingCalendar, now: datetime, why: str) -> RecomputeResult:
        """Move every open deadline to the new calendar; an item that cannot be read or
        moved is counted as failed and never stops the others."""
        checked = moved = failed = 0
        for item in self._items.open_items():
            checked += 1
            if isinstance(item, UnreadableItem):
                failed += 1
                continue
            try:
                outcome = self._retime(item, cal, now, why)
            except Exception:
                outcome = None
            if outcome is None:
                failed += 1
            elif outcome:
                moved += 1
        return RecomputeResult(checked=checked, moved=moved, failed=failed)

    def _retime(
        self, item: TrackedItem, cal: WorkingCalendar, now: datetime, why: str
    ) -> bool | None:
        """True: moved; False: unchanged (or gone); None: lost every race."""
        current = item
        for _ in range(self.ATTEMPTS):
            track = current.track.recompute(cal, self._policy, now)
            if track == current.track:
                return False
            after = current.with_track(track)
            audit = AuditEntry(
                item_ref=current.ref,
                at=to_utc(now),
                actor="system:calendar",
                action="sla.recomputed",
                from_state=cal.local(current.track.due_at).isoformat(),
                to_state=cal.local(track.due_at).isoformat(),
                note=why,
            )
            try:
                self._items.retime(current, after, track.next_check_at(cal, self._policy), audit)
                return True
            except VersionConflict:
                reloaded = self._items.get_tracked(current.kind, current.code)
                if reloaded is None:
                    return False
                current = reloaded
        return None


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FieldError("year", "year_out_of_range", min=MIN_YEAR, max=MAX_YEAR)
