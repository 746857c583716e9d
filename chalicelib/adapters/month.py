"""Everything of one kind received in one local month: GSI2 `MONTH#<kind>#<yyyy-mm>`."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo import Dynamo


def received_in(db: Dynamo, kind: str, month: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    start: dict[str, Any] | None = None
    while True:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI2",
            "KeyConditionExpression": "GSI2PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": f"MONTH#{kind}#{month}"}},
        }
        if start:
            kwargs["ExclusiveStartKey"] = start
        page, start = db.query(**kwargs)
        items.extend(page)
        if not start:
            return items


def uncounted_in(db: Dynamo, kind: str, month: str) -> list[dict[str, Any]]:
    """The items of `received_in` stored before the report was counted (no `counted`
    attribute): the month's one-time recount (report_counts.py). Reads the whole month once."""
    items: list[dict[str, Any]] = []
    start: dict[str, Any] | None = None
    while True:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI2",
            "KeyConditionExpression": "GSI2PK = :pk",
            "FilterExpression": "attribute_not_exists(#counted)",
            "ExpressionAttributeNames": {"#counted": "counted"},
            "ExpressionAttributeValues": {":pk": {"S": f"MONTH#{kind}#{month}"}},
        }
        if start:
            kwargs["ExclusiveStartKey"] = start
        page, start = db.query(**kwargs)
        items.extend(page)
        if not start:
            return items
