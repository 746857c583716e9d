"""The bureau's rooms (ruang rapat): the list the admin keeps and the console schedules from.

A meeting keeps its room as text (`Schedule.room`): it may be held outside the bureau's
rooms, a renamed or retired room still reads back on old meetings, and the reply letter
prints it. A listed room is matched by name as the room locks are (`normalize_room`: spaces
collapsed, case folded), so "Aula  biro" and "aula Biro" are the same room.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .errors import FieldError, FieldErrors, NotFound, VersionConflict
from .places import normalize_room

NAME_MAX = 100
CAPACITY_MAX = 1000


@dataclass(frozen=True, slots=True)
class Room:
    """One room: `id` is stable (R1, R2, ...; a rename keeps it), `capacity` in people,
    `active` False for a room no longer offered (its old meetings keep its name), `version`
    counts this room's changes (its ETag)."""

    id: str
    name: str
    capacity: int
    active: bool = True
    version: int = 1


@dataclass(frozen=True, slots=True)
class RoomList:
    """Every room of the bureau, one stored document: `version` counts changes to the list
    (the write condition), `next_number` the next id's number."""

    rooms: tuple[Room, ...] = ()
    version: int = 0
    next_number: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = None

    def find(self, room_id: str) -> Room:
        """The room with this id; NotFound otherwise."""
        for room in self.rooms:
            if room.id == room_id:
                return room
        raise NotFound()

    def _check(self, name: str, capacity: int, keep_id: str | None) -> str:
        """The name tidied (spaces collapsed); FieldErrors naming every bad field at once:
        an empty or too long name, a name another room has (normalize_room), a capacity
        outside 1..CAPACITY_MAX people."""
        tidy = " ".join(name.split())
        problems: list[FieldError] = []
        if not tidy:
            problems.append(FieldError("name", "missing"))
        elif len(tidy) > NAME_MAX:
            problems.append(FieldError("name", "string_too_long", max_length=NAME_MAX))
        elif any(
            r.id != keep_id and normalize_room(r.name) == normalize_room(tidy) for r in self.rooms
        ):
            problems.append(FieldError("name", "already_exists"))
        if capacity < 1:
            problems.append(FieldError("capacity", "greater_than_equal", ge=1))
        elif capacity > CAPACITY_MAX:
            problems.append(FieldError("capacity", "less_than_equal", le=CAPACITY_MAX))
        if problems:
            raise FieldErrors(problems)
        return tidy

    def add(self, name: str, capacity: int, active: bool = True) -> tuple[RoomList, Room]:
        """A new room (id R<next_number>), or FieldErrors (_check)."""
        room = Room(f"R{self.next_number}", self._check(name, capacity, None), capacity, active)
        return replace(self, rooms=(*self.rooms, room), next_number=self.next_number + 1), room

    def change(
        self, room_id: str, name: str, capacity: int, active: bool, if_match: int | None
    ) -> tuple[RoomList, Room, Room]:
        """(list, before, after) with the room renamed, resized or (de)activated: NotFound
        for an unknown id, VersionConflict when `if_match` is not the room's version,
        FieldErrors as _check."""
        before = self.find(room_id)
        if if_match is not None and if_match != before.version:
            raise VersionConflict(current=before.version)
        tidy = self._check(name, capacity, room_id)
        after = replace(
            before, name=tidy, capacity=capacity, active=active, version=before.version + 1
        )
        rooms = tuple(after if r.id == room_id else r for r in self.rooms)
        return replace(self, rooms=rooms), before, after

    def listed(self, name: str) -> Room | None:
        """The listed room this meeting place names (normalize_room), or None (a place
        outside the bureau's list)."""
        wanted = normalize_room(name)
        return next((r for r in self.rooms if normalize_room(r.name) == wanted), None)
