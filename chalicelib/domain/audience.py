"""Fasilitasi audiensi: an institution asks the bureau for a meeting (domain.md, Service 1).

submitted -> in_review -> scheduled | declined; scheduled -> held | cancelled (and may be
rescheduled). The reply letter comes with `scheduled` or `declined` and stops the 3-day clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .audit import AuditEntry
from .calendar import WorkingCalendar
from .errors import FieldError, InvalidTransition, ScheduleUnchanged, raise_all
from .places import SLOT_MINUTES, room_slots, same_meeting
from .public import Rating, TimelineEntry
from .sla import SlaTrack
from .timeutil import to_utc

# domain.md's state machine, as the states each action may start from: submitted ->
# in_review -> scheduled | declined; scheduled -> held | cancelled. A scheduled meeting may be
# moved (rescheduled: same state, a new invite SEQUENCE). Anything else is refused with
# InvalidTransition(rule="audience.<action>").
ALLOWED: dict[str, tuple[str, ...]] = {
    "review": ("submitted",),
    "schedule": ("in_review", "scheduled"),
    "decline": ("in_review",),
    "held": ("scheduled",),
    "cancel": ("scheduled",),
    "rate": ("held",),
}
MAX_MEETING = timedelta(hours=8)

PUBLIC_NOTES = {
    "submitted": "Permohonan diterima",
    "in_review": "Permohonan sedang ditelaah",
    "scheduled": "Audiensi dijadwalkan; surat jawaban diterbitkan",
    "rescheduled": "Jadwal audiensi diubah",
    "declined": "Permohonan tidak dapat difasilitasi; surat jawaban diterbitkan",
    "held": "Audiensi telah dilaksanakan",
    "cancelled": "Audiensi dibatalkan",
}


@dataclass(frozen=True, slots=True)
class Contact:
    """The requester's contact person. `phone` in E.164 (domain/phone.py; older items keep
    what was typed); `email` is None for a walk-in who gave none (the front desk's intake)."""

    name: str
    position: str
    phone: str
    email: str | None


@dataclass(frozen=True, slots=True)
class ReplyLetter:
    """The reply letter as the request keeps it: number, date, staff's note (an extra
    paragraph, may be empty), and the issued letter's id (domain.letter; None on requests
    answered before letters were documents)."""

    number: str
    date: date
    body: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    start: datetime
    end: datetime
    room: str
    bureau_attendees: tuple[str, ...]
    sequence: int = 0

    def slots(self, tz: ZoneInfo) -> set[tuple[str, str]]:
        return room_slots(self.room, self.start, self.end, tz)


@dataclass(frozen=True, slots=True)
class Audience:
    code: str
    status: str
    institution_name: str
    institution_type: str
    contact: Contact
    topic: str
    purpose: str
    attendees: int
    preferred_dates: tuple[date, ...]
    request_letter_upload_id: str
    identity_upload_id: str
    channel: str  # web | front_desk
    track: SlaTrack
    token_hash: str
    created_by: str
    guestbook_id: str | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    schedule: Schedule | None = None
    reply_letter: ReplyLetter | None = None
    decline_reason: str | None = None
    cancel_reason: str | None = None
    rating: Rating | None = None
    version: int = 1
    # The figures (domain/report.py) this item is counted under in its month's recap, as
    # stored with it; None: stored before the recap was counted (not counted yet).
    counted: frozenset[str] | None = field(default=None, compare=False)

    @property
    def ref(self) -> str:
        return f"AUD#{self.code}"

    def held_slots(self, tz: ZoneInfo) -> set[tuple[str, str]]:
        """The room locks this request holds now: those of a meeting still scheduled."""
        if self.schedule is None or self.status != "scheduled":
            return set()
        return self.schedule.slots(tz)

    def _move(
        self,
        to: str,
        actor: str,
        now: datetime,
        note: str | None,
        public: str | None = None,
        facts: dict[str, str] | None = None,
        **changes: object,
    ) -> tuple[Audience, AuditEntry]:
        now = to_utc(now)
        entry = TimelineEntry(now, to, PUBLIC_NOTES[public or to])
        after = replace(
            self,
            status=to,
            version=self.version + 1,
            timeline=(*self.timeline, entry),
            **changes,  # type: ignore[arg-type]
        )
        audit = AuditEntry(
            self.ref, now, actor, f"audience.{public or to}", self.status, to, note, facts or {}
        )
        return after, audit

    def _require(self, action: str) -> None:
        """Refuse an action the state machine does not allow from the current state."""
        allowed = ALLOWED[action]
        if self.status not in allowed:
            raise InvalidTransition(
                rule=f"audience.{action}", state=self.status, allowed=", ".join(allowed)
            )

    def review(self, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("review")
        return self._move("in_review", actor, now, None)

    def schedule_meeting(
        self,
        schedule: Schedule,
        letter: ReplyLetter,
        actor: str,
        now: datetime,
        cal: WorkingCalendar,
    ) -> tuple[Audience, AuditEntry]:
        """Schedule (or reschedule): the reply letter stops the clock the first time. The
        meeting and the letter are checked together (every problem at once). Moving a
        scheduled meeting to the same start, end and room is refused (ScheduleUnchanged): it
        would only issue a second identical letter and notice."""
        self._require("schedule")
        if self.status == "scheduled" and self.schedule and same_meeting(self.schedule, schedule):
            raise ScheduleUnchanged()
        raise_all(
            [
                *meeting_problems(schedule.start, schedule.end, now, cal),
                *letter_problems(letter, self.track.received_at, now, cal),
            ]
        )
        rescheduled = self.status == "scheduled"
        sequence = self.schedule.sequence + 1 if self.schedule else 0
        track = self.track if self.track.stopped_at else self.track.stop(now)
        return self._move(
            "scheduled",
            actor,
            now,
            f"{schedule.room}; letter {letter.number}",
            public="rescheduled" if rescheduled else None,
            facts={
                "room": schedule.room,
                "start": schedule.start.isoformat(),
                "end": schedule.end.isoformat(),
                "letter": letter.number,
            },
            schedule=replace(schedule, sequence=sequence),
            reply_letter=letter,
            track=track,
        )

    def decline(
        self, reason: str, letter: ReplyLetter, actor: str, now: datetime, cal: WorkingCalendar
    ) -> tuple[Audience, AuditEntry]:
        """Decline with a reason and the reply letter, which stops the clock."""
        self._require("decline")
        raise_all(letter_problems(letter, self.track.received_at, now, cal))
        return self._move(
            "declined",
            actor,
            now,
            reason,
            facts={"reason": reason, "letter": letter.number},
            decline_reason=reason,
            reply_letter=letter,
            track=self.track.stop(now),
        )

    def mark_held(self, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("held")
        assert self.schedule is not None
        if to_utc(now) < self.schedule.start:
            raise InvalidTransition(
                "the meeting has not started yet",
                rule="audience.held.before_start",
                state=self.status,
            )
        return self._move("held", actor, now, None)

    def cancel(self, reason: str, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("cancel")
        track = self.track if self.track.stopped_at else self.track.stop(now)
        return self._move(
            "cancelled",
            actor,
            now,
            reason,
            facts={"reason": reason},
            cancel_reason=reason,
            track=track,
        )

    @property
    def can_rate(self) -> bool:
        """The requester may rate now: once, where the state machine allows it (held)."""
        return self.status in ALLOWED["rate"] and self.rating is None

    def rate(self, score: int, comment: str | None, now: datetime) -> tuple[Audience, AuditEntry]:
        """Once, after the meeting took place."""
        self._require("rate")
        if self.rating is not None:
            raise InvalidTransition(rule="audience.rate.once", state=self.status)
        rating = Rating(score, comment, to_utc(now))
        after = replace(self, rating=rating, version=self.version + 1)
        return after, AuditEntry(
            self.ref,
            to_utc(now),
            "requester",
            "audience.rated",
            note=str(score),
            facts={"score": str(score)},
        )


def non_working_reason(day: date, cal: WorkingCalendar, field: str) -> FieldError | None:
    """Why `day` is not a working day (weekend or which holiday), as an error on `field`."""
    if day.weekday() >= 5:
        return FieldError(field, "weekend", date=day.isoformat(), weekday=day.weekday())
    name = cal.holidays(day.year).get(day)
    if name is not None:
        return FieldError(field, "holiday", date=day.isoformat(), holiday=name)
    return None


def meeting_problems(
    start: datetime, end: datetime, now: datetime, cal: WorkingCalendar
) -> list[FieldError]:
    """Everything wrong with a meeting's time, each naming its field: the order of start and
    end, at most 8 hours, not in the past, on the quarter hour, and within office hours of
    one working day (domain.md: office hours 08:00-16:00 local on working days)."""
    problems: list[FieldError] = []
    if end <= start:
        problems.append(FieldError("end", "end_before_start"))
    elif end - start > MAX_MEETING:
        problems.append(FieldError("end", "meeting_too_long"))
    if to_utc(start) < to_utc(now) - timedelta(minutes=SLOT_MINUTES):
        problems.append(FieldError("start", "in_past"))
    for name, at in (("start", start), ("end", end)):
        if at.minute % SLOT_MINUTES or at.second or at.microsecond:
            problems.append(FieldError(name, "slot_boundary", minutes=SLOT_MINUTES))
    local_start, local_end = cal.local(start), cal.local(end)
    day = local_start.date()
    not_working = non_working_reason(day, cal, "start")
    if not_working is not None:
        problems.append(not_working)
    hours = {"open": f"{cal.office_open:%H:%M}", "close": f"{cal.office_close:%H:%M}"}
    if not cal.office_open <= local_start.time() < cal.office_close:
        problems.append(
            FieldError(
                "start", "meeting_outside_office_hours", time=f"{local_start:%H:%M}", **hours
            )
        )
    if end > start:
        if local_end.date() != day:
            problems.append(FieldError("end", "meeting_spans_days"))
        elif not cal.office_open < local_end.time() <= cal.office_close:
            problems.append(
                FieldError(
                    "end", "meeting_outside_office_hours", time=f"{local_end:%H:%M}", **hours
                )
            )
    return problems


def letter_problems(
    letter: ReplyLetter, received_at: datetime, now: datetime, cal: WorkingCalendar
) -> list[FieldError]:
    """A reply letter is dated between the local day the request was received and today; a
    number staff typed (issued outside the system) is a plausible number."""
    from .letter import typed_number_problems

    typed = typed_number_problems(letter.number) if letter.number else []
    received_day = cal.local(received_at).date()
    today = cal.local(now).date()
    if letter.date < received_day:
        return [
            *typed,
            FieldError("reply_letter.date", "letter_before_receipt", date=received_day.isoformat()),
        ]
    if letter.date > today:
        return [*typed, FieldError("reply_letter.date", "letter_in_future", date=today.isoformat())]
    return typed


def preferred_date_problems(
    dates: tuple[date, ...],
    received_at: datetime,
    now: datetime,
    cal: WorkingCalendar,
    ahead_days: int = 366,
) -> list[FieldError]:
    """Preferred meeting dates are working days from the day of receipt to `ahead_days`
    (SANE_TIME_AHEAD_DAYS: a year) after today (local). Refused rather than accepted with a warning: a date the bureau cannot
    meet on is never what the requester meant, and the form can say so before submitting."""
    first = cal.local(received_at).date()
    last = cal.local(now).date() + timedelta(days=ahead_days)
    problems: list[FieldError] = []
    for i, day in enumerate(dates):
        field = f"preferred_dates.{i}"
        if day < first:
            problems.append(FieldError(field, "in_past"))
        elif day > last:
            problems.append(
                FieldError(field, "date_out_of_range", min=first.isoformat(), max=last.isoformat())
            )
        else:
            reason = non_working_reason(day, cal, field)
            if reason is not None:
                problems.append(reason)
    return problems


def check_meeting(start: datetime, end: datetime, now: datetime, cal: WorkingCalendar) -> None:
    """Raise every problem of `meeting_problems` at once (FieldError or FieldErrors)."""
    raise_all(meeting_problems(start, end, now, cal))


@dataclass(frozen=True, slots=True)
class BookedMeeting:
    """A meeting a room holds: the request's code and its local start and end."""

    code: str
    start: datetime
    end: datetime


def booked_meetings(slots: Iterable[tuple[date, str, str]], tz: ZoneInfo) -> list[BookedMeeting]:
    """Room locks -> meetings, by start. `slots` are (local date, "HH:MM", owner ref
    "AUD#<code>") as `room_slots` claimed them; consecutive quarter hours held by one request
    make one meeting, from its first slot to the end of its last (SLOT_MINUTES each)."""
    step = timedelta(minutes=SLOT_MINUTES)
    starts = sorted(
        (datetime.combine(day, time.fromisoformat(hhmm), tz), owner.removeprefix("AUD#"))
        for day, hhmm, owner in slots
    )
    meetings: list[BookedMeeting] = []
    for at, code in starts:
        last = meetings[-1] if meetings else None
        if last and last.code == code and last.end == at:
            meetings[-1] = BookedMeeting(code, last.start, at + step)
        else:
            meetings.append(BookedMeeting(code, at, at + step))
    return meetings
