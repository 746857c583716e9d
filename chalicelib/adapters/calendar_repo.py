"""The bureau's calendar overrides: CALENDAR#<year>/OVERRIDES, versioned, audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.calendar import Overrides
from chalicelib.domain.errors import VersionConflict
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.services.ports import StoredOverrides

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

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
        condition: dict[str, Any]
        if expected_version == 0:
            condition = {"ConditionExpression": "attribute_not_exists(PK)"}
        else:
            condition = {
                "ConditionExpression": "#v = :expected",
                "ExpressionAttributeNames": {"#v": "version"},
                "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}},
            }
        put: TransactWriteItemTypeDef = {
            "Put": {"TableName": self._db.table, "Item": to_item(values), **condition}  # type: ignore[typeddict-item]
        }
        self._db.transact([put, audit_put(self._db, audit)], [VersionConflict(), None])
