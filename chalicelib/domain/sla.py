"""The SLA clock and its escalation levels, pinned to the minute (domain.md).

Every number is policy with the standard's default. Everything here is pure: time and the
working calendar are arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from .calendar import WorkingCalendar
from .errors import InvalidTransition
from .timeutil import to_utc
from .vocabulary import COMPLAINT_CLASSES, LEVELS

Unit = Literal["office_hours", "working_days", "hours"]

RINGAN = "ringan"
AUDIENCE = "audience"
CLOCK_CLASSES: tuple[str, ...] = (*COMPLAINT_CLASSES, AUDIENCE)


@dataclass(frozen=True, slots=True)
class Span:
    amount: int
    unit: Unit


DEFAULT_LIMITS: Mapping[str, Span] = {
    "ringan": Span(3, "office_hours"),
    "normatif": Span(5, "working_days"),
    "non_pengawasan": Span(14, "working_days"),
    "pengawasan": Span(60, "working_days"),
    "audience": Span(3, "working_days"),
}
DEFAULT_WARNING_LEADS: Mapping[str, Span] = {
    "ringan": Span(1, "office_hours"),
    "normatif": Span(1, "working_days"),
    "non_pengawasan": Span(3, "working_days"),
    "pengawasan": Span(10, "working_days"),
    "audience": Span(1, "working_days"),
}
DEFAULT_FOLLOWUPS: Mapping[str, Span] = {
    "ringan": Span(3, "office_hours"),
    "normatif": Span(1, "working_days"),
    "non_pengawasan": Span(1, "working_days"),
    "pengawasan": Span(1, "working_days"),
    "audience": Span(1, "working_days"),
}


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """Limits, warning leads and follow-up delays per clock class.

    `office_hours_for_ringan=False` counts the 3-hour class (and its lead and follow-up) in
    plain elapsed hours instead of office hours.
    """

    limits: Mapping[str, Span] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    warning_leads: Mapping[str, Span] = field(default_factory=lambda: dict(DEFAULT_WARNING_LEADS))
    followups: Mapping[str, Span] = field(default_factory=lambda: dict(DEFAULT_FOLLOWUPS))
    office_hours_for_ringan: bool = True

    def _unit(self, span: Span) -> Unit:
        if span.unit == "office_hours" and not self.office_hours_for_ringan:
            return "hours"
        return span.unit


def _forward(cal: WorkingCalendar, at: datetime, span: Span, unit: Unit) -> datetime:
    if unit == "working_days":
        return cal.shift_working_days(at, span.amount)
    if unit == "hours":
        return to_utc(at) + timedelta(hours=span.amount)
    return cal.add_office_time(at, span.amount * 3600)


def _backward(cal: WorkingCalendar, at: datetime, span: Span, unit: Unit) -> datetime:
    if unit == "working_days":
        return cal.shift_working_days(at, -span.amount)
    if unit == "hours":
        return to_utc(at) - timedelta(hours=span.amount)
    return cal.subtract_office_time(at, span.amount * 3600)


def deadline(
    received_at: datetime,
    clock_class: str,
    cal: WorkingCalendar,
    policy: SlaPolicy,
    credit_seconds: int = 0,
) -> datetime:
    """When the answer is due: the class's limit from receipt, plus office time credited for
    pauses (walked in office time, so a 16:00 deadline + 30 min is 08:30 next working day)."""
    limit = policy.limits[clock_class]
    unit = policy._unit(limit)
    if unit == "working_days":
        due = cal.working_days_after(received_at, limit.amount)
    elif unit == "hours":
        due = to_utc(received_at) + timedelta(hours=limit.amount)
    else:
        due = cal.add_office_time(received_at, limit.amount * 3600)
    if credit_seconds:
        due = cal.add_office_time(due, credit_seconds)
    return due


def level_times(
    due_at: datetime, clock_class: str, cal: WorkingCalendar, policy: SlaPolicy
) -> dict[str, datetime]:
    """When each escalation level becomes due for this deadline. `breach` is one second
    after the deadline: at the deadline itself the promise still holds."""
    lead = policy.warning_leads[clock_class]
    follow = policy.followups[clock_class]
    return {
        "warning": _backward(cal, due_at, lead, policy._unit(lead)),
        "breach": to_utc(due_at) + timedelta(seconds=1),
        "breach_followup": _forward(cal, due_at, follow, policy._unit(follow)),
    }


def _rank(level: str | None) -> int:
    return -1 if level is None else LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Escalation:
    """One level for one deadline: fired (and notified) or superseded (recorded only)."""

    level: str
    at: datetime
    deadline: datetime
    superseded: bool
    notified: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EscalationPlan:
    fire: str
    superseded: tuple[str, ...]
    deadline: datetime


@dataclass(frozen=True, slots=True)
class SlaTrack:
    """An item's SLA clock: class, receipt, deadline, pauses, stop, and escalation progress.

    `reached` is the highest level fired or superseded for the current `due_at`.
    """

    clock_class: str
    received_at: datetime
    due_at: datetime
    credit_seconds: int = 0
    paused_at: datetime | None = None
    stopped_at: datetime | None = None
    reached: str | None = None
    history: tuple[Escalation, ...] = ()

    @staticmethod
    def start(
        received_at: datetime, clock_class: str, cal: WorkingCalendar, policy: SlaPolicy
    ) -> SlaTrack:
        received_at = to_utc(received_at)
        return SlaTrack(
            clock_class=clock_class,
            received_at=received_at,
            due_at=deadline(received_at, clock_class, cal, policy),
        )

    @property
    def running(self) -> bool:
        return self.paused_at is None and self.stopped_at is None

    def times(self, cal: WorkingCalendar, policy: SlaPolicy) -> dict[str, datetime]:
        return level_times(self.due_at, self.clock_class, cal, policy)

    def next_check_at(self, cal: WorkingCalendar, policy: SlaPolicy) -> datetime | None:
        """When the sweep must look at this item next; None: not while it stands as it is."""
        if not self.running:
            return None
        times = self.times(cal, policy)
        pending = [times[lv] for lv in LEVELS if _rank(lv) > _rank(self.reached)]
        return min(pending) if pending else None

    def _with_deadline(
        self, due_at: datetime, cal: WorkingCalendar, policy: SlaPolicy, now: datetime
    ) -> SlaTrack:
        """Move the deadline; levels whose new time has not come yet are re-armed."""
        if due_at == self.due_at:
            return self
        times = level_times(due_at, self.clock_class, cal, policy)
        reached = None
        for lv in LEVELS:
            if _rank(lv) <= _rank(self.reached) and times[lv] <= to_utc(now):
                reached = lv
        return replace(self, due_at=due_at, reached=reached)

    def recompute(
        self, cal: WorkingCalendar, policy: SlaPolicy, now: datetime, clock_class: str | None = None
    ) -> SlaTrack:
        """Recompute the deadline from the original receipt (new class or new calendar)."""
        track = replace(self, clock_class=clock_class or self.clock_class)
        due = deadline(track.received_at, track.clock_class, cal, policy, track.credit_seconds)
        return track._with_deadline(due, cal, policy, now)

    def pause(self, now: datetime) -> SlaTrack:
        if self.stopped_at is not None:
            raise InvalidTransition("clock stopped")
        if self.paused_at is not None:
            raise InvalidTransition("clock already paused")
        return replace(self, paused_at=to_utc(now))

    def resume(
        self, now: datetime, cal: WorkingCalendar, policy: SlaPolicy
    ) -> tuple[SlaTrack, int]:
        """Credit the office time spent paused; returns the new track and the seconds credited."""
        if self.paused_at is None:
            raise InvalidTransition("clock not paused")
        paused = cal.office_seconds_between(self.paused_at, now)
        track = replace(self, paused_at=None, credit_seconds=self.credit_seconds + paused)
        return track.recompute(cal, policy, now), paused

    def stop(self, now: datetime) -> SlaTrack:
        if self.stopped_at is not None:
            raise InvalidTransition("clock already stopped")
        return replace(self, stopped_at=to_utc(now), paused_at=None)

    def plan(self, now: datetime, cal: WorkingCalendar, policy: SlaPolicy) -> EscalationPlan | None:
        """Which level fires at `now`: only the highest due one; lower due ones are superseded."""
        if not self.running:
            return None
        times = self.times(cal, policy)
        due = [lv for lv in LEVELS if _rank(lv) > _rank(self.reached) and times[lv] <= to_utc(now)]
        if not due:
            return None
        return EscalationPlan(fire=due[-1], superseded=tuple(due[:-1]), deadline=self.due_at)

    def escalate(
        self, plan: EscalationPlan, now: datetime, recipients: tuple[str, ...]
    ) -> SlaTrack:
        now = to_utc(now)
        records = [Escalation(lv, now, plan.deadline, superseded=True) for lv in plan.superseded]
        records.append(Escalation(plan.fire, now, plan.deadline, False, recipients))
        return replace(self, reached=plan.fire, history=(*self.history, *records))


@dataclass(frozen=True, slots=True)
class SlaView:
    """What staff see: on_track / warning / breached, and the time left (negative: late)."""

    state: str
    due_at: datetime
    remaining_seconds: int
    paused: bool
    stopped: bool
    on_time: bool | None


def view(track: SlaTrack, now: datetime, cal: WorkingCalendar, policy: SlaPolicy) -> SlaView:
    reference = track.stopped_at or track.paused_at or to_utc(now)
    times = track.times(cal, policy)
    if reference > track.due_at:
        state = "breached"
    elif reference >= times["warning"]:
        state = "warning"
    else:
        state = "on_track"
    return SlaView(
        state=state,
        due_at=track.due_at,
        remaining_seconds=int((track.due_at - reference).total_seconds()),
        paused=track.paused_at is not None,
        stopped=track.stopped_at is not None,
        on_time=(track.stopped_at <= track.due_at) if track.stopped_at else None,
    )
