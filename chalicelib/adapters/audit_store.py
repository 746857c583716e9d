"""Audit lines as items under their item's partition: PK=<item ref>, SK=AUDIT#<at>#<nonce>."""

from __future__ import annotations

import itertools
import secrets
import time
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.skm import ENDING_ACTIONS
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc

_SEQUENCE = itertools.count()  # orders lines of one process when the clock does not move

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef


def audit_put(db: Dynamo, entry: AuditEntry) -> TransactWriteItemTypeDef:
    """The transaction part that appends one audit line (never overwrites one)."""
    values: dict[str, Any] = {
        "PK": entry.item_ref,
        # Nanoseconds of the write keep lines of the same second in the order they were made.
        "SK": f"AUDIT#{iso_utc(entry.at)}#{time.time_ns():020d}{next(_SEQUENCE):09d}{secrets.token_hex(2)}",
        "entity": "audit",
        "at": iso_utc(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "from_state": entry.from_state,
        "to_state": entry.to_state,
        "note": entry.note,
        "facts": dict(entry.facts) or None,
    }
    service = ENDING_ACTIONS.get(entry.action)
    if service is not None:
        # One unit of the SKM population ("services completed in the period"), counted by
        # time on GSI2 without a Scan; the line lands in the transaction that ends the service.
        values["GSI2PK"] = f"SKM_POP#{service}"
        values["GSI2SK"] = f"{iso_utc(entry.at)}#{entry.item_ref}"
    return {
        "Put": {
            "TableName": db.table,
            "Item": to_item(values),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


def read_trail(db: Dynamo, item_ref: str) -> list[AuditEntry]:
    """The whole trail of one item, oldest first (one Query, paged through)."""
    entries: list[AuditEntry] = []
    start: dict[str, Any] | None = None
    while True:
        kwargs: dict[str, Any] = {
            "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
            "ExpressionAttributeValues": {":pk": {"S": item_ref}, ":prefix": {"S": "AUDIT#"}},
        }
        if start:
            kwargs["ExclusiveStartKey"] = start
        items, start = db.query(**kwargs)
        entries.extend(
            AuditEntry(
                item_ref=item_ref,
                at=parse_iso_utc(i["at"]),
                actor=i["actor"],
                action=i["action"],
                from_state=i.get("from_state"),
                to_state=i.get("to_state"),
                note=i.get("note"),
                facts={str(k): str(v) for k, v in (i.get("facts") or {}).items()},
            )
            for i in items
        )
        if not start:
            return entries
