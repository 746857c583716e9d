"""The inbox's items and transaction parts in DynamoDB (issue 19): the conversation item to
and from its attributes, the contact partition's key, and the parts a write adds (a message
seen once, the reply window, kept files, a handled conversation). The layout of the keys is
in adapters.inbox_repo.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.item_write import Part
from chalicelib.adapters.upload_repo import upload_in_use_error, use_upload
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.inbox import (
    Attachment,
    Conversation,
    InboundMessage,
    InboxChange,
)
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import UploadUse

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK_CONV = "CONV"
SEEN_KEEP = timedelta(days=30)


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


def put_part(db: Dynamo, values: dict[str, Any], condition: str | None = None, **cond: Any) -> Any:
    """A transaction part putting `values` as an item, under `condition` when given (its
    names and values in `cond`)."""
    put: dict[str, Any] = {"TableName": db.table, "Item": to_item(values)}
    if condition:
        put["ConditionExpression"] = condition
        put.update(cond)
    return {"Put": put}


def seen_parts(db: Dynamo, message: InboundMessage, owner: str) -> list[Part]:
    """The message's id taken (AlreadyExists on a redelivery) and the address's reply window
    moved to its time."""
    expires = int((message.received_at + SEEN_KEEP).timestamp())
    seen = put_part(
        db,
        {
            "PK": f"SEEN#{message.channel}#{message.id}",
            "SK": "SEEN",
            "owner": owner,
            "expires_at": expires,
        },
        "attribute_not_exists(PK)",
    )
    window = put_part(
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
            put_part(
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
