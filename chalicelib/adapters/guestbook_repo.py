"""The buku tamu in DynamoDB.

Entry:  PK=GUESTBOOK#<id>  SK=ENTRY  GSI1PK=GUESTBOOK_DAY#<local date>  GSI1SK=<time in UTC>#<id>
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.adapters.audit_store import audit_put, read_trail
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.skm_repo import invite_put
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.guestbook import GuestbookEntry, ref_for
from chalicelib.domain.skm import SurveyInvite
from chalicelib.domain.timeutil import iso_utc, local_date, parse_iso_utc
from chalicelib.services.ports import Page

SK_ENTRY = "ENTRY"


def day_partition(day: date) -> str:
    return f"GUESTBOOK_DAY#{day.isoformat()}"


class DynamoGuestbookRepository:
    def __init__(self, db: Dynamo, tz: ZoneInfo) -> None:
        self._db = db
        self._tz = tz

    def _values(self, entry: GuestbookEntry) -> dict[str, Any]:
        return {
            "PK": entry.ref,
            "SK": SK_ENTRY,
            "GSI1PK": day_partition(local_date(entry.time_in, self._tz)),
            "GSI1SK": f"{iso_utc(entry.time_in)}#{entry.id}",
            "entity": "guestbook",
            "id": entry.id,
            "name": entry.name,
            "institution": entry.institution,
            "purpose": entry.purpose,
            "phone": entry.phone,
            "time_in": iso_utc(entry.time_in),
            "time_out": iso_utc(entry.time_out) if entry.time_out else None,
            "recorded_by": entry.recorded_by,
            "created_at": iso_utc(entry.created_at),
            "version": entry.version,
        }

    @staticmethod
    def _entry(item: dict[str, Any]) -> GuestbookEntry:
        return GuestbookEntry(
            id=item["id"],
            name=item["name"],
            institution=item["institution"],
            purpose=item["purpose"],
            phone=item.get("phone"),
            time_in=parse_iso_utc(item["time_in"]),
            time_out=parse_iso_utc(item["time_out"]) if item.get("time_out") else None,
            recorded_by=item["recorded_by"],
            created_at=parse_iso_utc(item["created_at"]),
            version=int(item["version"]),
        )

    def add(self, entry: GuestbookEntry, audit: AuditEntry) -> None:
        put = {
            "Put": {
                "TableName": self._db.table,
                "Item": to_item(self._values(entry)),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        self._db.transact([put, audit_put(self._db, audit)], [AlreadyExists(), None])  # type: ignore[list-item]

    def get(self, entry_id: str) -> GuestbookEntry | None:
        item = self._db.get(ref_for(entry_id), SK_ENTRY)
        return self._entry(item) if item else None

    def save(
        self,
        entry: GuestbookEntry,
        expected_version: int,
        audit: AuditEntry,
        invite: SurveyInvite | None = None,
    ) -> None:
        put = {
            "Put": {
                "TableName": self._db.table,
                "Item": to_item(self._values(entry)),
                "ConditionExpression": "#v = :expected",
                "ExpressionAttributeNames": {"#v": "version"},
                "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}},
            }
        }
        parts: list[Any] = [put, audit_put(self._db, audit)]
        errors: list[Any] = [VersionConflict(), None]
        if invite is not None:
            parts.append(invite_put(self._db, invite))
            errors.append(AlreadyExists())  # a code drawn twice: the check-out is retried
        self._db.transact(parts, errors)

    def list_by_day(self, day: date, limit: int, position: str | None) -> Page[GuestbookEntry]:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :day",
            "ExpressionAttributeValues": {":day": {"S": day_partition(day)}},
            "Limit": limit,
        }
        if position:
            kwargs["ExclusiveStartKey"] = json.loads(position)
        items, last = self._db.query(**kwargs)
        return Page(
            items=[self._entry(i) for i in items],
            position=json.dumps(last, separators=(",", ":"), sort_keys=True) if last else None,
        )

    def audit_trail(self, item_ref: str) -> list[AuditEntry]:
        return read_trail(self._db, item_ref)
