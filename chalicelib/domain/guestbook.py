"""Buku tamu: the front desk's log of every visitor."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .audit import AuditEntry
from .errors import FieldError, InvalidTransition
from .timeutil import to_utc

# Visitors are written in as they arrive: a clock a few minutes fast is tolerated, not more.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class GuestbookEntry:
    """One visit. Times are UTC instants; `version` guards concurrent edits."""

    id: str
    name: str
    institution: str
    purpose: str
    phone: str | None
    time_in: datetime
    time_out: datetime | None
    recorded_by: str
    created_at: datetime
    version: int = 1

    @property
    def ref(self) -> str:
        return ref_for(self.id)

    @property
    def state(self) -> str:
        return "checked_out" if self.time_out else "present"

    def check_out(
        self, at: datetime, actor: str, now: datetime
    ) -> tuple[GuestbookEntry, AuditEntry]:
        """Record the time the visitor left; a visit is checked out once."""
        if self.time_out is not None:
            raise InvalidTransition(
                "already checked out", rule="guestbook.checkout", state=self.state
            )
        at = to_utc(at)
        if at < self.time_in:
            raise FieldError("time_out", "before_time_in")
        if at > to_utc(now) + FUTURE_TOLERANCE:
            raise FieldError("time_out", "in_future")
        updated = replace(self, time_out=at, version=self.version + 1)
        audit = AuditEntry(
            item_ref=self.ref,
            at=to_utc(now),
            actor=actor,
            action="guestbook.checkout",
            from_state=self.state,
            to_state=updated.state,
        )
        return updated, audit


def ref_for(entry_id: str) -> str:
    """The storage reference of an entry (also its audit trail's key)."""
    return f"GUESTBOOK#{entry_id}"


def new_entry(
    *,
    entry_id: str,
    name: str,
    institution: str,
    purpose: str,
    phone: str | None,
    time_in: datetime | None,
    actor: str,
    now: datetime,
) -> tuple[GuestbookEntry, AuditEntry]:
    """A visit written into the guestbook; time in defaults to now and is never in the future."""
    now = to_utc(now)
    arrived = to_utc(time_in) if time_in is not None else now
    if arrived > now + FUTURE_TOLERANCE:
        raise FieldError("time_in", "in_future")
    entry = GuestbookEntry(
        id=entry_id,
        name=name,
        institution=institution,
        purpose=purpose,
        phone=phone,
        time_in=arrived,
        time_out=None,
        recorded_by=actor,
        created_at=now,
    )
    audit = AuditEntry(
        item_ref=entry.ref, at=now, actor=actor, action="guestbook.create", to_state=entry.state
    )
    return entry, audit
