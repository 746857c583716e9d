"""The one shape every item write takes: the item (new, or if its version is unchanged),
whatever else must land with it, its audit line and its outbox messages, in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.outbox_repo import notification_put
from chalicelib.adapters.upload_repo import upload_in_use_error, use_upload
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, AppError, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.uploads import UploadUse

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

Part = tuple["TransactWriteItemTypeDef", AppError | None]


def claim(db: Dynamo, pk: str, sk: str, owner: str, error: AppError) -> Part:
    """A unique key taken by `owner` (a LAPOR id, a room slot): fails if anyone holds it."""
    put: TransactWriteItemTypeDef = {
        "Put": {
            "TableName": db.table,
            "Item": {"PK": {"S": pk}, "SK": {"S": sk}, "owner": {"S": owner}},
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }
    return put, error


def release(db: Dynamo, pk: str, sk: str, owner: str) -> Part:
    """Give a claimed key back, only if `owner` holds it."""
    delete: TransactWriteItemTypeDef = {
        "Delete": {
            "TableName": db.table,
            "Key": {"PK": {"S": pk}, "SK": {"S": sk}},
            "ConditionExpression": "#o = :owner",
            "ExpressionAttributeNames": {"#o": "owner"},
            "ExpressionAttributeValues": {":owner": {"S": owner}},
        }
    }
    return delete, VersionConflict()


TOKEN_SK = "TOKEN"  # noqa: S105 - a sort key, not a secret


def token_record(owner: str, token_hash: str) -> dict[str, Any]:
    """The low-level DynamoDB item `<owner PK>/TOKEN` holding only the access-token hash
    (SHA-256 hex) of the complaint or audience request `owner`."""
    return to_item({"PK": owner, "SK": TOKEN_SK, "token_hash": token_hash})


def token_put(db: Dynamo, owner: str, token_hash: str) -> Part:
    """The item's access-token hash, also kept under its own small key `<PK>/TOKEN`: the
    tracking guard reads this (never the whole item) before it knows whether the token is
    right, so an existing code and an unknown one cost the same read."""
    put: TransactWriteItemTypeDef = {
        "Put": {
            "TableName": db.table,
            "Item": token_record(owner, token_hash),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }
    return put, AlreadyExists()


def uploads_used(db: Dynamo, uploads: Sequence[UploadUse], owner: str) -> list[Part]:
    """Each checked upload recorded as used by `owner` (with its clean copy's size and hash),
    if it is still pending or verified and of its purpose; else the field's already_used."""
    return [(use_upload(db, u.upload, owner), upload_in_use_error(u.field)) for u in uploads]


def write_item(
    db: Dynamo,
    values: Mapping[str, Any],
    expected_version: int | None,
    audit: AuditEntry,
    notifications: Sequence[Notification] = (),
    extra: Sequence[Part] = (),
    uncounted: bool = False,
) -> None:
    """Put the item (new when `expected_version` is None), with `extra`, the audit line and the
    messages: all or nothing. AlreadyExists / VersionConflict, or the error of a failed extra.
    `uncounted`: also only if the stored item is not counted in its month's report yet (it
    was read so; the month's recount may have counted it since: report_counts.py)."""
    put: dict[str, Any] = {"TableName": db.table, "Item": to_item(values)}
    if expected_version is None:
        put["ConditionExpression"] = "attribute_not_exists(PK)"
        first_error: AppError = AlreadyExists()
    else:
        put["ConditionExpression"] = "#v = :expected" + (
            " AND attribute_not_exists(#counted)" if uncounted else ""
        )
        put["ExpressionAttributeNames"] = {"#v": "version"}
        if uncounted:
            put["ExpressionAttributeNames"]["#counted"] = "counted"
        put["ExpressionAttributeValues"] = {":expected": {"N": str(expected_version)}}
        first_error = VersionConflict()
    parts: list[TransactWriteItemTypeDef] = [{"Put": put}]  # type: ignore[typeddict-item]
    errors: list[AppError | None] = [first_error]
    for part, error in extra:
        parts.append(part)
        errors.append(error)
    parts.append(audit_put(db, audit))
    errors.append(None)
    for n in notifications:
        parts.append(notification_put(db, n))
        errors.append(None)
    db.transact(parts, errors)
