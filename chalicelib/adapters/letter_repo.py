"""Issued letters in DynamoDB.

- `LETTER#<id>` / `LETTER`: the letter (number, kind, date, subject, the item it answers, the
  addressee's institution, signer, what it replaces and what superseded it, the PDF's key and
  SHA-256, and the content it was rendered from, as JSON).
- `LETTERSEQ#<year>` / `SEQ`: the year's last sequence number (`last`). Issuing moves it by
  one only if it still holds the value read (a conditional Update in the same transaction as
  the letter and its item): gap-free, never reused, whoever races.
- `LETTERNO#<number key>` / `NUMBER`: the number's owner; a number is issued once, whether the
  sequence gave it or staff typed it (domain.letter.number_key).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.item_write import Part
from chalicelib.domain.errors import FieldError, SequenceMoved, VersionConflict
from chalicelib.domain.letter import (
    Letter,
    LetterContent,
    number_key,
)
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK_LETTER = "LETTER"


def _content_json(content: LetterContent) -> str:
    data = asdict(content)
    data["date"] = content.date.isoformat()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def content_from_json(text: str) -> LetterContent:
    """The stored content back (the reverse of what `issue_parts` stores)."""
    from chalicelib.adapters.letter_builder import content_from_payload

    return content_from_payload(json.loads(text))


class DynamoLetterRepository:
    """Letters, their numbers and the per-year sequence (see the module's docstring)."""

    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def last_sequence(self, year: int) -> int:
        """The year's last issued sequence number (0 before the first), read consistently."""
        item = self._db.get(f"LETTERSEQ#{year}", "SEQ")
        return int(item["last"]) if item else 0

    def issue_parts(self, letter: Letter, last: int | None) -> list[Part]:
        """The transaction parts that issue `letter`: the sequence moved from `last` to
        `letter.sequence` (when the sequence gave the number; SequenceMoved if it moved), the
        number claimed (SequenceMoved(taken=True) for a sequence number, the field's
        `letter_number_taken` for a typed one), the letter itself, and the letter it replaces
        marked superseded (VersionConflict if it already was)."""
        db = self._db
        parts: list[Part] = []
        if letter.sequence is not None:
            assert last is not None and letter.sequence == last + 1
            update: dict[str, Any] = {
                "TableName": db.table,
                "Key": {"PK": {"S": f"LETTERSEQ#{letter.year}"}, "SK": {"S": "SEQ"}},
                "UpdateExpression": "SET #l = :next",
                "ExpressionAttributeNames": {"#l": "last"},
                "ExpressionAttributeValues": {":next": {"N": str(letter.sequence)}},
            }
            if last == 0:
                update["ConditionExpression"] = "attribute_not_exists(#l)"
            else:
                update["ConditionExpression"] = "#l = :last"
                update["ExpressionAttributeValues"][":last"] = {"N": str(last)}
            parts.append(({"Update": update}, SequenceMoved()))  # type: ignore[typeddict-item]
        claim: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": db.table,
                "Item": to_item(
                    {
                        "PK": f"LETTERNO#{number_key(letter.number)}",
                        "SK": "NUMBER",
                        "owner": f"LETTER#{letter.id}",
                        "number": letter.number,
                    }
                ),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        taken = (
            SequenceMoved(taken=True)
            if letter.sequence is not None
            else FieldError("reply_letter.number", "letter_number_taken", number=letter.number)
        )
        parts.append((claim, taken))
        put: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": db.table,
                "Item": to_item(self._values(letter)),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        parts.append((put, VersionConflict()))
        if letter.replaces:
            supersede: TransactWriteItemTypeDef = {
                "Update": {
                    "TableName": db.table,
                    "Key": {"PK": {"S": f"LETTER#{letter.replaces}"}, "SK": {"S": SK_LETTER}},
                    "UpdateExpression": "SET superseded_by = :new",
                    "ConditionExpression": "attribute_exists(PK) AND "
                    "attribute_not_exists(superseded_by)",
                    "ExpressionAttributeValues": {":new": {"S": letter.id}},
                }
            }
            parts.append((supersede, VersionConflict()))
        return parts

    def skip_taken(self, year: int, last: int) -> None:
        """Move the sequence past a number staff typed in (it is issued: no gap), only if it
        still holds `last`; SequenceMoved otherwise."""
        cond = "attribute_not_exists(#l)" if last == 0 else "#l = :last"
        values: dict[str, Any] = {":next": {"N": str(last + 1)}}
        if last:
            values[":last"] = {"N": str(last)}
        update: dict[str, Any] = {
            "Update": {
                "TableName": self._db.table,
                "Key": {"PK": {"S": f"LETTERSEQ#{year}"}, "SK": {"S": "SEQ"}},
                "UpdateExpression": "SET #l = :next",
                "ConditionExpression": cond,
                "ExpressionAttributeNames": {"#l": "last"},
                "ExpressionAttributeValues": values,
            }
        }
        self._db.transact([update], [SequenceMoved()])  # type: ignore[list-item]

    def issue(self, letter: Letter, last: int | None) -> None:
        """Issue a letter on its own (no item changes with it): `issue_parts` as one
        transaction."""
        parts = self.issue_parts(letter, last)
        self._db.transact([p for p, _ in parts], [e for _, e in parts])

    def set_pdf(self, letter_id: str, key: str, sha256: str) -> bool:
        """Record the stored PDF once: False when the letter already has one (kept)."""
        update: TransactWriteItemTypeDef = {
            "Update": {
                "TableName": self._db.table,
                "Key": {"PK": {"S": f"LETTER#{letter_id}"}, "SK": {"S": SK_LETTER}},
                "UpdateExpression": "SET pdf_key = :k, pdf_sha256 = :h",
                "ConditionExpression": "attribute_exists(PK) AND attribute_not_exists(pdf_sha256)",
                "ExpressionAttributeValues": {":k": {"S": key}, ":h": {"S": sha256}},
            }
        }
        try:
            self._db.transact([update], [VersionConflict()])
        except VersionConflict:
            return False
        return True

    def get(self, letter_id: str) -> Letter | None:
        item = self._db.get(f"LETTER#{letter_id}", SK_LETTER)
        return self._letter(item) if item else None

    @staticmethod
    def _values(letter: Letter) -> dict[str, Any]:
        return {
            "PK": f"LETTER#{letter.id}",
            "SK": SK_LETTER,
            "entity": "letter",
            "id": letter.id,
            "number": letter.number,
            "sequence": letter.sequence,
            "year": letter.year,
            "kind": letter.kind,
            "date": letter.date.isoformat(),
            "subject": letter.subject,
            "item_ref": letter.item_ref,
            "addressee_institution": letter.addressee_institution,
            "signer_name": letter.signer_name,
            "signer_position": letter.signer_position,
            "created_at": iso_utc(letter.created_at),
            "replaces": letter.replaces,
            "content": _content_json(letter.content),
        }

    @staticmethod
    def _letter(item: dict[str, Any]) -> Letter:
        seq = item.get("sequence")
        return Letter(
            id=item["id"],
            number=item["number"],
            sequence=int(seq) if seq is not None else None,
            year=int(item["year"]),
            kind=item["kind"],
            date=date.fromisoformat(item["date"]),
            subject=item["subject"],
            item_ref=item["item_ref"],
            addressee_institution=item["addressee_institution"],
            signer_name=item["signer_name"],
            signer_position=item["signer_position"],
            created_at=parse_iso_utc(item["created_at"]),
            content=content_from_json(item["content"]),
            replaces=item.get("replaces"),
            superseded_by=item.get("superseded_by"),
            pdf_sha256=item.get("pdf_sha256"),
            pdf_key=item.get("pdf_key"),
        )
