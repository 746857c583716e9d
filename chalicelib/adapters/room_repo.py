"""The bureau's rooms in DynamoDB: one item ROOMS/LIST (a bureau has a handful of rooms),
versioned; each change is written with its audit line (PK ROOMS) in one transaction."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.adapters.item_write import write_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.rooms import Room, RoomList
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc

PK, SK = "ROOMS", "LIST"


class DynamoRoomRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def get(self) -> RoomList:
        """One consistent GetItem."""
        item = self._db.get(PK, SK)
        if not item:
            return RoomList()
        return RoomList(
            rooms=tuple(
                Room(
                    id=r["id"],
                    name=r["name"],
                    capacity=int(r["capacity"]),
                    active=bool(r["active"]),
                    version=int(r["version"]),
                )
                for r in item.get("rooms", [])
            ),
            version=int(item["version"]),
            next_number=int(item["next_number"]),
            updated_at=parse_iso_utc(item["updated_at"]) if item.get("updated_at") else None,
            updated_by=item.get("updated_by"),
        )

    def put(self, rooms: RoomList, expected_version: int, audit: AuditEntry) -> None:
        values: dict[str, Any] = {
            "PK": PK,
            "SK": SK,
            "entity": "rooms",
            "rooms": [
                {
                    "id": r.id,
                    "name": r.name,
                    "capacity": r.capacity,
                    "active": r.active,
                    "version": r.version,
                }
                for r in rooms.rooms
            ],
            "version": rooms.version,
            "next_number": rooms.next_number,
            "updated_at": iso_utc(rooms.updated_at) if rooms.updated_at else None,
            "updated_by": rooms.updated_by,
        }
        try:
            write_item(self._db, values, expected_version or None, audit)
        except AlreadyExists as exc:  # someone saved the first version meanwhile
            raise VersionConflict() from exc
