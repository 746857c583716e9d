"""The bureau's calendar overrides: CALENDAR#<year>/OVERRIDES, versioned, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.adapters.item_write import write_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.calendar import Overrides
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.services.ports import StoredOverrides

SK = "OVERRIDES"


class DynamoCalendarRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def get(self, year: int) -> StoredOverrides | None:
        item = self._db.get(f"CALENDAR#{year}", SK)
        if not item:
            return None
        return StoredOverrides(
            year=year,
            overrides=Overrides(
                added={date.fromisoformat(d): n for d, n in item.get("added", {}).items()},
                removed=frozenset(date.fromisoformat(d) for d in item.get("removed", [])),
            ),
            version=int(item["version"]),
            updated_at=parse_iso_utc(item["updated_at"]) if item.get("updated_at") else None,
            updated_by=item.get("updated_by"),
        )

    def put(self, stored: StoredOverrides, expected_version: int, audit: AuditEntry) -> None:
        values: dict[str, Any] = {
            "PK": f"CALENDAR#{stored.year}",
            "SK": SK,
            "entity": "calendar",
            "year": stored.year,
            "added": {d.isoformat(): n for d, n in sorted(stored.overrides.added.items())},
            "removed": sorted(d.isoformat() for d in stored.overrides.removed),
            "version": stored.version,
            "updated_at": iso_utc(stored.updated_at) if stored.updated_at else None,
            "updated_by": stored.updated_by,
        }
        try:
            write_item(self._db, values, expected_version or None, audit)
        except AlreadyExists as exc:  # someone saved the first version meanwhile
            raise VersionConflict() from exc
