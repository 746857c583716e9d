"""Upload records: UPLOAD#<id>/UPLOAD, expiring (TTL) a day after creation unless used."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import UploadInvalid, VersionConflict
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import Upload

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK = "UPLOAD"
UNUSED_TTL = timedelta(days=1)


def _values(u: Upload) -> dict[str, Any]:
    return {
        "PK": f"UPLOAD#{u.id}",
        "SK": SK,
        "entity": "upload",
        "id": u.id,
        "purpose": u.purpose,
        "content_type": u.content_type,
        "declared_size": u.declared_size,
        "filename": u.filename,
        "created_at": iso_utc(u.created_at),
        "state": u.state,
        "size": u.size,
        "sha256": u.sha256,
        "owner": u.owner,
        "secret_hash": u.secret_hash,
        "expires_at": None if u.state == "used" else int((u.created_at + UNUSED_TTL).timestamp()),
    }


def upload_from(item: dict[str, Any]) -> Upload:
    return Upload(
        id=item["id"],
        purpose=item["purpose"],
        content_type=item["content_type"],
        declared_size=int(item["declared_size"]),
        filename=item["filename"],
        created_at=parse_iso_utc(item["created_at"]),
        state=item["state"],
        size=int(item["size"]) if item.get("size") is not None else None,
        sha256=item.get("sha256"),
        owner=item.get("owner"),
        secret_hash=item.get("secret_hash"),
    )


def use_upload(db: Dynamo, upload: Upload, owner: str) -> TransactWriteItemTypeDef:
    """The transaction part that claims a checked upload for one item, once: from pending (the
    check's result is recorded here, in the submission's own transaction) or from verified."""
    return {
        "Update": {
            "TableName": db.table,
            "Key": {"PK": {"S": f"UPLOAD#{upload.id}"}, "SK": {"S": SK}},
            "UpdateExpression": (
                "SET #s = :used, #o = :owner, #size = :size, #sha = :sha REMOVE expires_at"
            ),
            "ConditionExpression": "#s IN (:pending, :verified) AND #p = :purpose",
            "ExpressionAttributeNames": {
                "#s": "state",
                "#o": "owner",
                "#p": "purpose",
                "#size": "size",
                "#sha": "sha256",
            },
            "ExpressionAttributeValues": {
                ":used": {"S": "used"},
                ":pending": {"S": "pending"},
                ":verified": {"S": "verified"},
                ":owner": {"S": owner},
                ":purpose": {"S": upload.purpose},
                ":size": {"N": str(upload.size if upload.size is not None else 0)},
                ":sha": {"S": upload.sha256 or ""},
            },
        }
    }


def upload_in_use_error(field: str) -> UploadInvalid:
    return UploadInvalid(field, "already_used")


class DynamoUploadRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def add(self, upload: Upload) -> None:
        self._db.transact(
            [
                {
                    "Put": {
                        "TableName": self._db.table,
                        "Item": to_item(_values(upload)),
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                }
            ],
            [VersionConflict()],
        )

    def get(self, upload_id: str) -> Upload | None:
        item = self._db.get(f"UPLOAD#{upload_id}", SK)
        return upload_from(item) if item else None

    def save_verified(self, upload: Upload) -> None:
        put: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": self._db.table,
                "Item": to_item(_values(upload)),
                "ConditionExpression": "#s = :pending",
                "ExpressionAttributeNames": {"#s": "state"},
                "ExpressionAttributeValues": {":pending": {"S": "pending"}},
            }
        }
        self._db.transact([put], [VersionConflict()])

    def audit(self, entry: AuditEntry) -> None:
        self._db.transact([audit_put(self._db, entry)], [None])
