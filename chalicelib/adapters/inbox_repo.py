"""The inbox in DynamoDB (issue 19).

CONV#<id>/CONV                     a conversation with its messages; while open GSI1PK=INBOX,
                                   GSI1SK=<first_received_at>#<id> (longest waiting first, no
                                   Scan); GSI2PK=MONTH#conversation#<yyyy-mm> (the report).
SEEN#<channel>#<message id>/SEEN   a channel message stored once (TTL 30 days: Meta retries
                                   for 7 days at most)
CONTACT#<channel>#<address>/...    one partition per address, read in one Query:
  CONV                             its open conversation
  CMP#<code>                       an open complaint that carries the address (written by the
                                   complaint repository, removed when the complaint ends)
  WINDOW                           when it last wrote (the 24-hour service window)
  OPTOUT                           it wrote BERHENTI / STOP
WAOUT#<wamid>/OUT                  which outbox message a sent WhatsApp message was (status
                                   callbacks find it; TTL 400 days like the outbox)
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.inbox_items import (
    SK_CONV,
    closed_parts,
    contact_pk,
    conversation_from,
    conversation_values,
    kept_uploads,
    put_part,
    seen_parts,
)
from chalicelib.adapters.item_write import Part
from chalicelib.adapters.outbox_repo import notification_put
from chalicelib.adapters.tracked_repo import read_page
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, NotFound, VersionConflict
from chalicelib.domain.inbox import (
    Contact,
    Conversation,
    InboundMessage,
)
from chalicelib.domain.notification import Notification
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import UploadUse
from chalicelib.services.ports import Page

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

OUT_KEEP = timedelta(days=400)


class DynamoInboxRepository:
    def __init__(self, db: Dynamo, tz: ZoneInfo) -> None:
        self._db = db
        self._tz = tz

    def contact(self, channel: str, address: str) -> Contact:
        """One Query of the address's partition."""
        items = self._db.query_all(
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": contact_pk(channel, address)}},
        )
        conversation, complaints, last, opted = None, [], None, False
        for item in items:
            sk = item["SK"]
            if sk == "CONV":
                conversation = item.get("conversation")
            elif sk.startswith("CMP#"):
                complaints.append(sk.removeprefix("CMP#"))
            elif sk == "WINDOW":
                last = parse_iso_utc(item["last_inbound_at"])
            elif sk == "OPTOUT":
                opted = True
        return Contact(channel, address, conversation, tuple(sorted(complaints)), last, opted)

    def seen(self, channel: str, message_id: str) -> bool:
        return self._db.get(f"SEEN#{channel}#{message_id}", "SEEN") is not None

    def get(self, conversation_id: str) -> Conversation | None:
        item = self._db.get(f"CONV#{conversation_id}", SK_CONV)
        return conversation_from(item) if item else None

    def open_conversations(self, limit: int, position: str | None) -> Page[Conversation]:
        """Open conversations, longest waiting first (GSI1 INBOX, by first message)."""
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": "INBOX"}},
            "ScanIndexForward": True,
            "Limit": limit,
        }
        if position:
            kwargs["ExclusiveStartKey"] = json.loads(position)
        items, last = self._db.query(**kwargs)
        conversations, unreadable = read_page(items, conversation_from)
        return Page(
            conversations,
            json.dumps(last, separators=(",", ":"), sort_keys=True) if last else None,
            unreadable,
        )

    def start(
        self,
        conversation: Conversation,
        uploads: tuple[UploadUse, ...] = (),
        after_full: str | None = None,
    ) -> None:
        """A new conversation from its first message, with the message's id and the
        address's open pointer taken (from the full conversation `after_full` when given):
        AlreadyExists when the message was stored before, VersionConflict when the address
        opened another conversation meanwhile."""
        message = conversation.messages[0]
        pointer_item = {
            "PK": contact_pk(conversation.channel, conversation.sender),
            "SK": "CONV",
            "conversation": conversation.id,
        }
        if after_full is None:
            pointer = put_part(self._db, pointer_item, "attribute_not_exists(PK)")
        else:
            pointer = put_part(
                self._db,
                pointer_item,
                "#c = :full",
                ExpressionAttributeNames={"#c": "conversation"},
                ExpressionAttributeValues={":full": {"S": after_full}},
            )
        parts: list[Part] = [
            *seen_parts(self._db, message, conversation.ref),
            (
                put_part(
                    self._db,
                    conversation_values(conversation, self._tz),
                    "attribute_not_exists(PK)",
                ),
                AlreadyExists(),
            ),
            (pointer, VersionConflict()),
            *kept_uploads(self._db, uploads, conversation.ref),
        ]
        self._db.transact([p for p, _ in parts], [e for _, e in parts])

    def append(
        self,
        before: Conversation,
        after: Conversation,
        message: InboundMessage,
        uploads: tuple[UploadUse, ...] = (),
    ) -> None:
        """A later message on an open conversation, if unchanged since read."""
        parts: list[Part] = [
            *seen_parts(self._db, message, after.ref),
            (
                put_part(
                    self._db,
                    conversation_values(after, self._tz),
                    "#v = :expected AND #s = :open",
                    ExpressionAttributeNames={"#v": "version", "#s": "status"},
                    ExpressionAttributeValues={
                        ":expected": {"N": str(before.version)},
                        ":open": {"S": "open"},
                    },
                ),
                VersionConflict(),
            ),
            *kept_uploads(self._db, uploads, after.ref),
        ]
        self._db.transact([p for p, _ in parts], [e for _, e in parts])

    def close(self, before: Conversation, after: Conversation, audit: AuditEntry) -> None:
        """Dismissed: stored with its audit line, off the address's open pointer."""
        parts = closed_parts(self._db, self._tz, before, after, audit)
        self._db.transact([p for p, _ in parts], [e for _, e in parts])

    def opt_out(self, message: InboundMessage, audit: AuditEntry) -> None:
        """The address asked for no more messages: its OPTOUT mark, the message's id and an
        audit line (under the contact's partition), in one transaction."""
        mark = put_part(
            self._db,
            {
                "PK": contact_pk(message.channel, message.sender),
                "SK": "OPTOUT",
                "at": iso_utc(message.received_at),
            },
        )
        parts: list[Part] = [
            *seen_parts(self._db, message, "OPTOUT"),
            (mark, None),
            (audit_put(self._db, audit), None),
        ]
        self._db.transact([p for p, _ in parts], [e for _, e in parts])

    def add_reply(
        self, conversation: Conversation, notification: Notification, audit: AuditEntry
    ) -> None:
        check: TransactWriteItemTypeDef = {
            "ConditionCheck": {
                "TableName": self._db.table,
                "Key": {"PK": {"S": conversation.ref}, "SK": {"S": SK_CONV}},
                "ConditionExpression": "attribute_exists(PK)",
            }
        }
        self._db.transact(
            [check, notification_put(self._db, notification), audit_put(self._db, audit)],
            [NotFound(), None, None],
        )

    def dismissed_in(self, month: str) -> int:
        """How many conversations first received in a local month were dismissed."""
        return self._db.count(
            IndexName="GSI2",
            KeyConditionExpression="GSI2PK = :pk",
            FilterExpression="#s = :dismissed",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={
                ":pk": {"S": f"MONTH#conversation#{month}"},
                ":dismissed": {"S": "dismissed"},
            },
        )

    # --- delivery reports of sent WhatsApp messages ----------------------------------------

    def remember_sent(self, wamid: str, notification_id: str, at: datetime) -> None:
        self._db.client.put_item(
            TableName=self._db.table,
            Item=to_item(
                {
                    "PK": f"WAOUT#{wamid}",
                    "SK": "OUT",
                    "notification": notification_id,
                    "expires_at": int((at + OUT_KEEP).timestamp()),
                }
            ),
        )

    def sent_notification(self, wamid: str) -> str | None:
        item = self._db.get(f"WAOUT#{wamid}", "OUT", consistent=False)
        return item.get("notification") if item else None
