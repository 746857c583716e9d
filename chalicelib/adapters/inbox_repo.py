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
from chalicelib.adapters.item_write import Part
from chalicelib.adapters.outbox_repo import notification_put
from chalicelib.adapters.tracked_repo import read_page
from chalicelib.adapters.upload_repo import upload_in_use_error, use_upload
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, NotFound, VersionConflict
from chalicelib.domain.inbox import (
    Attachment,
    Contact,
    Conversation,
    InboundMessage,
    InboxChange,
)
from chalicelib.domain.notification import Notification
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import UploadUse
from chalicelib.services.ports import Page

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK_CONV = "CONV"
SEEN_KEEP = timedelta(days=30)
OUT_KEEP = timedelta(days=400)


def contact_pk(channel: str, address: str) -> str:
    return f"CONTACT#{channel}#{address}"


def _message_values(m: InboundMessage) -> dict[str, Any]:
    return {
        "id": m.id,
        "received_at": iso_utc(m.received_at),
        "text": m.text,
        "kind": m.kind,
        "subject": m.subject,
        "replies_to": list(m.replies_to) or None,
        "attachments": [
            {
                "content_type": a.content_type,
                "filename": a.filename,
                "upload_id": a.upload_id,
                "refused": a.refused,
            }
            for a in m.attachments
        ],
    }


def _message_from(item: dict[str, Any], conv: dict[str, Any]) -> InboundMessage:
    return InboundMessage(
        id=item["id"],
        channel=conv["channel"],
        sender=conv["sender"],
        sender_name=conv.get("sender_name"),
        received_at=parse_iso_utc(item["received_at"]),
        text=item.get("text", ""),
        kind=item.get("kind", "text"),
        subject=item.get("subject"),
        replies_to=tuple(item.get("replies_to") or ()),
        attachments=tuple(
            Attachment(a["content_type"], a["filename"], a.get("upload_id"), a.get("refused"))
            for a in item.get("attachments", [])
        ),
    )


def conversation_values(c: Conversation, tz: ZoneInfo) -> dict[str, Any]:
    first = iso_utc(c.first_received_at)
    month = c.first_received_at.astimezone(tz).strftime("%Y-%m")
    is_open = c.status == "open"
    return {
        "PK": c.ref,
        "SK": SK_CONV,
        "entity": "conversation",
        "id": c.id,
        "channel": c.channel,
        "sender": c.sender,
        "sender_name": c.sender_name,
        "status": c.status,
        "version": c.version,
        "due_at": iso_utc(c.due_at),
        "item_code": c.item_code,
        "dismiss_reason": c.dismiss_reason,
        "closed_at": iso_utc(c.closed_at) if c.closed_at else None,
        "closed_by": c.closed_by,
        "messages": [_message_values(m) for m in c.messages],
        "GSI1PK": "INBOX" if is_open else None,
        "GSI1SK": f"{first}#{c.id}" if is_open else None,
        "GSI2PK": f"MONTH#conversation#{month}",
        "GSI2SK": f"{first}#{c.id}",
    }


def conversation_from(item: dict[str, Any]) -> Conversation:
    return Conversation(
        id=item["id"],
        channel=item["channel"],
        sender=item["sender"],
        sender_name=item.get("sender_name"),
        messages=tuple(_message_from(m, item) for m in item["messages"]),
        due_at=parse_iso_utc(item["due_at"]),
        status=item["status"],
        item_code=item.get("item_code"),
        dismiss_reason=item.get("dismiss_reason"),
        closed_at=parse_iso_utc(item["closed_at"]) if item.get("closed_at") else None,
        closed_by=item.get("closed_by"),
        version=int(item["version"]),
    )


def _put(db: Dynamo, values: dict[str, Any], condition: str | None = None, **cond: Any) -> Any:
    put: dict[str, Any] = {"TableName": db.table, "Item": to_item(values)}
    if condition:
        put["ConditionExpression"] = condition
        put.update(cond)
    return {"Put": put}


def seen_parts(db: Dynamo, message: InboundMessage, owner: str) -> list[Part]:
    """The message's id taken (AlreadyExists on a redelivery) and the address's reply window
    moved to its time."""
    expires = int((message.received_at + SEEN_KEEP).timestamp())
    seen = _put(
        db,
        {
            "PK": f"SEEN#{message.channel}#{message.id}",
            "SK": "SEEN",
            "owner": owner,
            "expires_at": expires,
        },
        "attribute_not_exists(PK)",
    )
    window = _put(
        db,
        {
            "PK": contact_pk(message.channel, message.sender),
            "SK": "WINDOW",
            "last_inbound_at": iso_utc(message.received_at),
        },
    )
    return [(seen, AlreadyExists("message seen")), (window, None)]


def kept_uploads(db: Dynamo, uploads: tuple[UploadUse, ...], owner: str) -> list[Part]:
    return [(use_upload(db, u.upload, owner), upload_in_use_error(u.field)) for u in uploads]


def _reown(db: Dynamo, upload_id: str, old: str, new: str) -> Part:
    update: TransactWriteItemTypeDef = {
        "Update": {
            "TableName": db.table,
            "Key": {"PK": {"S": f"UPLOAD#{upload_id}"}, "SK": {"S": "UPLOAD"}},
            "UpdateExpression": "SET #o = :new",
            "ConditionExpression": "#o = :old",
            "ExpressionAttributeNames": {"#o": "owner"},
            "ExpressionAttributeValues": {":new": {"S": new}, ":old": {"S": old}},
        }
    }
    return update, VersionConflict()


def closed_parts(
    db: Dynamo, tz: ZoneInfo, before: Conversation, after: Conversation, audit: AuditEntry
) -> list[Part]:
    """A handled conversation: stored if unchanged since read, off its address's open
    pointer, its files now the item's (complaint, attach), its audit line."""
    parts: list[Part] = [
        (
            _put(
                db,
                conversation_values(after, tz),
                "#v = :expected",
                ExpressionAttributeNames={"#v": "version"},
                ExpressionAttributeValues={":expected": {"N": str(before.version)}},
            ),
            VersionConflict(),
        ),
        (
            {
                "Delete": {
                    "TableName": db.table,
                    "Key": {
                        "PK": {"S": contact_pk(before.channel, before.sender)},
                        "SK": {"S": "CONV"},
                    },
                    "ConditionExpression": "attribute_not_exists(PK) OR #c = :id",
                    "ExpressionAttributeNames": {"#c": "conversation"},
                    "ExpressionAttributeValues": {":id": {"S": before.id}},
                }
            },
            VersionConflict(),
        ),
        (audit_put(db, audit), None),
    ]
    if after.item_code:
        new_owner = f"CMP#{after.item_code}"
        parts += [_reown(db, u, before.ref, new_owner) for u in before.attachment_ids]
    return parts


def inbox_parts(db: Dynamo, tz: ZoneInfo, change: InboxChange | None, owner: str) -> list[Part]:
    """What a complaint's write `owner` also records for the inbox (see InboxChange)."""
    if change is None:
        return []
    parts: list[Part] = []
    if change.seen is not None:
        parts += seen_parts(db, change.seen, owner)
    parts += kept_uploads(db, change.uploads, owner)
    if change.closed is not None:
        parts += closed_parts(db, tz, *change.closed)
    return parts


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

    def start(self, conversation: Conversation, uploads: tuple[UploadUse, ...] = ()) -> None:
        """A new conversation from its first message, with the message's id and the
        address's open pointer taken: AlreadyExists when the message was stored before,
        VersionConflict when the address opened another conversation meanwhile."""
        message = conversation.messages[0]
        pointer = _put(
            self._db,
            {
                "PK": contact_pk(conversation.channel, conversation.sender),
                "SK": "CONV",
                "conversation": conversation.id,
            },
            "attribute_not_exists(PK)",
        )
        parts: list[Part] = [
            *seen_parts(self._db, message, conversation.ref),
            (
                _put(
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
                _put(
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
        mark = _put(
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
