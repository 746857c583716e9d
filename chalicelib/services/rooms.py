"""Use cases of the bureau's rooms: the admin adds, renames, resizes and retires rooms; the
scheduling roles read the list. Every change is conditional on the version read and
audited (item ROOMS, actions `room.added` / `room.changed`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..domain.audit import AuditEntry
from ..domain.errors import VersionConflict
from ..domain.rooms import Room, RoomList
from ..domain.timeutil import to_utc
from .ports import RoomRepository

AUDIT_REF = "ROOMS"


class RoomService:
    # Two admins changing two different rooms at once: the second write finds a newer list
    # and is redone on it (its own room's version still checked); a few tries at most.
    ATTEMPTS = 3

    def __init__(self, repo: RoomRepository) -> None:
        self._repo = repo

    def rooms(self) -> RoomList:
        """Every room, active or not, in the order they were added."""
        return self._repo.get()

    def add(self, name: str, capacity: int, active: bool, actor: str, now: datetime) -> Room:
        """A new room; FieldErrors on `name` (empty, taken by another room as
        normalize_room compares) and `capacity` (1..1000 people)."""
        for _ in range(self.ATTEMPTS):
            current = self._repo.get()
            changed, room = current.add(name, capacity, active)
            audit = AuditEntry(
                AUDIT_REF, to_utc(now), actor, "room.added", None, room.name, room.id
            )
            try:
                self._store(current, changed, actor, now, audit)
            except VersionConflict:
                continue
            return room
        raise VersionConflict()

    def change(
        self,
        room_id: str,
        name: str,
        capacity: int,
        active: bool,
        actor: str,
        now: datetime,
        if_match: int | None = None,
    ) -> Room:
        """Rename, resize, (de)activate one room. NotFound for an unknown id; VersionConflict
        when `if_match` is not the room's version, or the room changed between this read and
        this write (two admins renaming it at once: one wins, the other is refused)."""
        for _ in range(self.ATTEMPTS):
            current = self._repo.get()
            changed, before, after = current.change(room_id, name, capacity, active, if_match)
            if_match = before.version  # a retry must find the room as it was read now
            audit = AuditEntry(
                AUDIT_REF,
                to_utc(now),
                actor,
                "room.changed",
                _describe(before),
                _describe(after),
                room_id,
            )
            try:
                self._store(current, changed, actor, now, audit)
            except VersionConflict:
                continue
            return after
        raise VersionConflict()

    def _store(
        self, current: RoomList, changed: RoomList, actor: str, now: datetime, audit: AuditEntry
    ) -> None:
        stored = replace(
            changed, version=current.version + 1, updated_at=to_utc(now), updated_by=actor
        )
        self._repo.put(stored, current.version, audit)


def _describe(room: Room) -> str:
    """A room as an audit line shows it: `name (capacity people[, inactive])`."""
    return f"{room.name} ({room.capacity}{'' if room.active else ', nonaktif'})"
