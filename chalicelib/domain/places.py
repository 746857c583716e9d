"""How a meeting place's name is compared, and the room locks a meeting holds: the room
locks and the bureau's room list use this one rule (light to import: the room routes load it
without the audience domain)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from .timeutil import to_utc

#: A room is booked in quarter hours (the bureau's scheduling grid).
SLOT_MINUTES = 15


class Meeting(Protocol):
    """What `same_meeting` reads of a schedule: aware start and end, and the place's name."""

    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def room(self) -> str: ...


def normalize_room(room: str) -> str:
    """A room's name as compared: spaces trimmed and collapsed, case folded
    ("  Aula  Biro" and "aula biro" are the same room)."""
    return re.sub(r"\s+", " ", room.strip()).casefold()


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """Whether two schedules name the same meeting: the same instants and the same room (its
    name as the room locks read it), whatever the zone they were written in."""
    return (
        to_utc(a.start) == to_utc(b.start)
        and to_utc(a.end) == to_utc(b.end)
        and normalize_room(a.room) == normalize_room(b.room)
    )


def room_slots(room: str, start: datetime, end: datetime, tz: ZoneInfo) -> set[tuple[str, str]]:
    """The (PK, SK) locks a meeting holds: one per 15 minutes (SLOT_MINUTES), per local day
    in `tz` (the bureau's zone)."""
    name = normalize_room(room)
    slots: set[tuple[str, str]] = set()
    at = to_utc(start)
    while at < to_utc(end):
        local = at.astimezone(tz)
        slots.add((f"ROOM#{name}#{local.date().isoformat()}", f"SLOT#{local:%H:%M}"))
        at += timedelta(minutes=SLOT_MINUTES)
    return slots
