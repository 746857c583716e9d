"""The outbox in DynamoDB.

NOTIF#<id>/NOTIF; GSI1PK=NOTIFS, GSI1SK=<created_at>#<id> (list, newest first);
GSI3PK=OUTBOX, GSI3SK=<next_attempt_at>#<id> while pending (what to send now); TTL 400 days.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from chalicelib.adapters.dynamo import Dynamo, storage_error, to_item
from chalicelib.domain.errors import VersionConflict
from chalicelib.domain.notification import DELIVERY_RANK, Notification
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.services.ports import Page

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK = "NOTIF"
KEEP = timedelta(days=400)


def _values(n: Notification) -> dict[str, Any]:
    pending = n.state == "pending" and n.next_attempt_at is not None
    return {
        "PK": f"NOTIF#{n.id}",
        "SK": SK,
        "entity": "notification",
        "GSI1PK": "NOTIFS",
        "GSI1SK": f"{iso_utc(n.created_at)}#{n.id}",
        # A message to the citizen, under its item (the complaint page's thread, issue 19).
        "GSI4PK": f"THREAD#{n.item_code}" if "requester" in n.recipients else None,
        "GSI4SK": f"{iso_utc(n.created_at)}#{n.id}" if "requester" in n.recipients else None,
        "GSI3PK": "OUTBOX" if pending else None,
        "GSI3SK": f"{iso_utc(n.next_attempt_at)}#{n.id}" if pending and n.next_attempt_at else None,
        "id": n.id,
        "created_at": iso_utc(n.created_at),
        "kind": n.kind,
        "item_kind": n.item_kind,
        "item_code": n.item_code,
        "recipients": list(n.recipients),
        "subject": n.subject,
        "body": n.body,
        "level": n.level,
        "state": n.state,
        "attempts": n.attempts,
        "next_attempt_at": iso_utc(n.next_attempt_at) if n.next_attempt_at else None,
        "last_error": n.last_error,
        "sent_at": iso_utc(n.sent_at) if n.sent_at else None,
        "channel": n.channel,
        "delivery": n.delivery,
        "delivery_rank": DELIVERY_RANK.get(n.delivery or ""),
        "delivery_error": n.delivery_error,
        "delivery_at": iso_utc(n.delivery_at) if n.delivery_at else None,
        "link": n.link,
        # the receipt's access token, only until delivered or given up (Notification.redacted)
        "secret": n.secret,
        "expires_at": int((n.created_at + KEEP).timestamp()),
    }


def notification_from(item: dict[str, Any]) -> Notification:
    return Notification(
        id=item["id"],
        created_at=parse_iso_utc(item["created_at"]),
        kind=item["kind"],
        item_kind=item["item_kind"],
        item_code=item["item_code"],
        recipients=tuple(item.get("recipients", [])),
        subject=item["subject"],
        body=item["body"],
        level=item.get("level"),
        state=item["state"],
        attempts=int(item.get("attempts", 0)),
        next_attempt_at=parse_iso_utc(item["next_attempt_at"])
        if item.get("next_attempt_at")
        else None,
        last_error=item.get("last_error"),
        sent_at=parse_iso_utc(item["sent_at"]) if item.get("sent_at") else None,
        channel=item.get("channel"),
        delivery=item.get("delivery"),
        delivery_error=item.get("delivery_error"),
        delivery_at=parse_iso_utc(item["delivery_at"]) if item.get("delivery_at") else None,
        link=item.get("link"),
        secret=item.get("secret"),
    )


def notification_put(db: Dynamo, n: Notification) -> TransactWriteItemTypeDef:
    """The transaction part that puts a new message in the outbox."""
    return {
        "Put": {
            "TableName": db.table,
            "Item": to_item(_values(n)),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


class DynamoOutboxRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def pending(self, now: datetime) -> list[Notification]:
        out: list[Notification] = []
        start: dict[str, Any] | None = None
        while True:
            kwargs: dict[str, Any] = {
                "IndexName": "GSI3",
                "KeyConditionExpression": "GSI3PK = :pk AND GSI3SK <= :upper",
                "ExpressionAttributeValues": {
                    ":pk": {"S": "OUTBOX"},
                    ":upper": {"S": iso_utc(now) + "#~"},
                },
            }
            if start:
                kwargs["ExclusiveStartKey"] = start
            items, start = self._db.query(**kwargs)
            out.extend(notification_from(i) for i in items)
            if not start:
                return out

    def replace(self, before: Notification, after: Notification) -> None:
        put: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": self._db.table,
                "Item": to_item(_values(after)),
                "ConditionExpression": "#s = :state AND #a = :attempts",
                "ExpressionAttributeNames": {"#s": "state", "#a": "attempts"},
                "ExpressionAttributeValues": {
                    ":state": {"S": before.state},
                    ":attempts": {"N": str(before.attempts)},
                },
            }
        }
        self._db.transact([put], [VersionConflict()])

    def record_delivery(
        self, notification_id: str, status: str, at: datetime, error_code: str | None
    ) -> bool:
        """A channel's delivery report on the message, if it moves its state forward (see
        later_delivery; one conditional UpdateItem). False when it does not, or when there
        is no such message."""
        rank = DELIVERY_RANK[status]
        try:
            self._db.client.update_item(
                TableName=self._db.table,
                Key={"PK": {"S": f"NOTIF#{notification_id}"}, "SK": {"S": SK}},
                UpdateExpression="SET delivery = :d, delivery_rank = :r, delivery_at = :at"
                + (", delivery_error = :e" if error_code else ""),
                ConditionExpression=(
                    "attribute_exists(PK) AND "
                    "(attribute_not_exists(delivery_rank) OR delivery_rank < :r)"
                ),
                ExpressionAttributeValues={
                    ":d": {"S": status},
                    ":r": {"N": str(rank)},
                    ":at": {"S": iso_utc(at)},
                    **({":e": {"S": error_code[:100]}} if error_code else {}),
                },
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise storage_error(exc) from exc
        return True

    def to_requester(self, item_code: str) -> list[Notification]:
        """Every message to the citizen about one item, oldest first (GSI4, no Scan)."""
        items = self._db.query_all(
            IndexName="GSI4",
            KeyConditionExpression="GSI4PK = :pk",
            ExpressionAttributeValues={":pk": {"S": f"THREAD#{item_code}"}},
        )
        return [notification_from(i) for i in items]

    def list_recent(self, limit: int, position: str | None) -> Page[Notification]:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": "NOTIFS"}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if position:
            kwargs["ExclusiveStartKey"] = json.loads(position)
        items, last = self._db.query(**kwargs)
        return Page(
            items=[notification_from(i) for i in items],
            position=json.dumps(last, separators=(",", ":"), sort_keys=True) if last else None,
        )
