"""The letter signer the admin set, in DynamoDB: one item SETTINGS/LETTER_SIGNER, versioned;
each change is written with its audit line (PK LETTER_SIGNER) in one transaction."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.adapters.item_write import write_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.letter_signer import StoredSigner
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc

PK, SK = "SETTINGS", "LETTER_SIGNER"


class DynamoSignerRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def get(self) -> StoredSigner | None:
        """One consistent GetItem; None before the admin set a signer."""
        item = self._db.get(PK, SK)
        if not item:
            return None
        return StoredSigner(
            name=item["name"],
            position=item["position"],
            rank=item.get("rank") or "",
            nip=item["nip"],
            version=int(item["version"]),
            updated_at=parse_iso_utc(item["updated_at"]) if item.get("updated_at") else None,
            updated_by=item.get("updated_by"),
        )

    def put(self, signer: StoredSigner, expected_version: int, audit: AuditEntry) -> None:
        """The signer replaced if its stored version is `expected_version` (0: none yet),
        with the audit line, in one transaction; VersionConflict otherwise."""
        values: dict[str, Any] = {
            "PK": PK,
            "SK": SK,
            "entity": "letter_signer",
            "name": signer.name,
            "position": signer.position,
            "rank": signer.rank,
            "nip": signer.nip,
            "version": signer.version,
            "updated_at": iso_utc(signer.updated_at) if signer.updated_at else None,
            "updated_by": signer.updated_by,
        }
        try:
            write_item(self._db, values, expected_version or None, audit)
        except AlreadyExists as exc:  # another admin set the first signer meanwhile
            raise VersionConflict() from exc
