"""Fasilitasi audiensi: an institution asks the bureau for a meeting (domain.md, Service 1).

submitted -> in_review -> scheduled | declined; scheduled -> held | cancelled (and may be
rescheduled). The reply letter comes with `scheduled` or `declined` and stops the 3-day clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .audit import AuditEntry
from .errors import FieldError, InvalidTransition
from .public import Rating, TimelineEntry
from .sla import SlaTrack
from .timeutil import to_utc
from .tracked import TrackedItem

INSTITUTION_TYPES = ("instansi_pemerintah", "pemerintah_daerah", "lembaga_lain")
STATES = ("submitted", "in_review", "scheduled", "declined", "held", "cancelled")
SLOT_MINUTES = 15
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
    name: str
    position: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class ReplyLetter:
    number: str
    date: date
    body: str


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

    @property
    def ref(self) -> str:
        return f"AUD#{self.code}"

    def tracked(self) -> TrackedItem:
        return TrackedItem("audience", self.code, self.status, self.version, self.track)

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
        audit = AuditEntry(self.ref, now, actor, f"audience.{public or to}", self.status, to, note)
        return after, audit

    def _require(self, *states: str) -> None:
        if self.status not in states:
            raise InvalidTransition(state=self.status)

    def review(self, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("submitted")
        return self._move("in_review", actor, now, None)

    def schedule_meeting(
        self, schedule: Schedule, letter: ReplyLetter, actor: str, now: datetime
    ) -> tuple[Audience, AuditEntry]:
        """Schedule (or reschedule): the reply letter stops the clock the first time."""
        self._require("submitted", "in_review", "scheduled")
        check_meeting(schedule.start, schedule.end, now)
        rescheduled = self.status == "scheduled"
        sequence = self.schedule.sequence + 1 if self.schedule else 0
        track = self.track if self.track.stopped_at else self.track.stop(now)
        return self._move(
            "scheduled",
            actor,
            now,
            f"{schedule.room}; letter {letter.number}",
            public="rescheduled" if rescheduled else None,
            schedule=replace(schedule, sequence=sequence),
            reply_letter=letter,
            track=track,
        )

    def decline(
        self, reason: str, letter: ReplyLetter, actor: str, now: datetime
    ) -> tuple[Audience, AuditEntry]:
        self._require("submitted", "in_review")
        return self._move(
            "declined",
            actor,
            now,
            reason,
            decline_reason=reason,
            reply_letter=letter,
            track=self.track.stop(now),
        )

    def mark_held(self, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("scheduled")
        assert self.schedule is not None
        if to_utc(now) < self.schedule.start:
            raise InvalidTransition("the meeting has not started yet", state=self.status)
        return self._move("held", actor, now, None)

    def cancel(self, reason: str, actor: str, now: datetime) -> tuple[Audience, AuditEntry]:
        self._require("submitted", "in_review", "scheduled")
        track = self.track if self.track.stopped_at else self.track.stop(now)
        return self._move("cancelled", actor, now, reason, cancel_reason=reason, track=track)

    @property
    def can_rate(self) -> bool:
        """The requester may rate once, after the meeting took place (held)."""
        return self.status == "held" and self.rating is None

    def rate(self, score: int, comment: str | None, now: datetime) -> tuple[Audience, AuditEntry]:
        """Once, after the meeting took place."""
        if not self.can_rate:
            raise InvalidTransition(state=self.status)
        rating = Rating(score, comment, to_utc(now))
        after = replace(self, rating=rating, version=self.version + 1)
        return after, AuditEntry(
            self.ref, to_utc(now), "requester", "audience.rated", note=str(score)
        )


def check_meeting(start: datetime, end: datetime, now: datetime) -> None:
    if end <= start:
        raise FieldError("end", "end_before_start")
    if end - start > MAX_MEETING:
        raise FieldError("end", "meeting_too_long")
    if to_utc(start) < to_utc(now) - timedelta(minutes=SLOT_MINUTES):
        raise FieldError("start", "in_past")
    for name, at in (("start", start), ("end", end)):
        if at.minute % SLOT_MINUTES or at.second or at.microsecond:
            raise FieldError(name, "slot_boundary", minutes=SLOT_MINUTES)


def normalize_room(room: str) -> str:
    return re.sub(r"\s+", " ", room.strip()).casefold()


def room_slots(room: str, start: datetime, end: datetime, tz: ZoneInfo) -> set[tuple[str, str]]:
    """The (PK, SK) locks a meeting holds: one per 15 minutes, per local day."""
    name = normalize_room(room)
    slots: set[tuple[str, str]] = set()
    at = to_utc(start)
    while at < to_utc(end):
        local = at.astimezone(tz)
        slots.add((f"ROOM#{name}#{local.date().isoformat()}", f"SLOT#{local:%H:%M}"))
        at += timedelta(minutes=SLOT_MINUTES)
    return slots
