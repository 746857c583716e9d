"""Anyone holding a letter checks it: GET /v1/letters/{id} (the QR code's target, through
the portal's /verifikasi#<id> page). Public; an unknown id is a plain 404."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, endpoint
from chalicelib.api.validation import ResponseModel

bp = Blueprint(__name__)


class LetterOut(ResponseModel):
    """What the letter says it is, for comparing with the paper or file in hand. Never a
    private person's name: the addressee is an institution, the signer an official."""

    id: str
    number: str
    date: date
    subject: str
    kind: Literal["audience_schedule", "audience_decline", "audience_cancel", "complaint_answer"]
    signer_name: str
    signer_position: str
    addressee_institution: str
    sha256: Annotated[str | None, Field(description="SHA-256 (hex) of the signed PDF as issued")]
    status: Annotated[
        Literal["stands", "superseded"],
        Field(description="superseded: a later letter replaces this one"),
    ]
    superseded_by: Annotated[
        str | None, Field(description="The id of the letter that replaces this one")
    ]
    superseded_by_number: str | None
    replaces: Annotated[str | None, Field(description="The id of the letter this one replaces")]


@endpoint(
    bp,
    "GET",
    "/v1/letters/{letter_id}",
    summary="Verify a letter the bureau issued (the QR code on the letter): number, date, "
    "subject, signer, addressee institution, the PDF's SHA-256, stands or superseded",
    tag="public",
    response=LetterOut,
    errors=(404,),
)
def verify_letter(ctx: Ctx, letter_id: str) -> LetterOut:
    service = bootstrap.letter_service()
    letter = service.finish(service.get(letter_id))
    newer = service.get(letter.superseded_by) if letter.superseded_by else None
    return LetterOut(
        id=letter.id,
        number=letter.number,
        date=letter.date,
        subject=letter.subject,
        kind=letter.kind,  # type: ignore[arg-type]
        signer_name=letter.signer_name,
        signer_position=letter.signer_position,
        addressee_institution=letter.addressee_institution,
        sha256=letter.pdf_sha256,
        status="stands" if letter.stands else "superseded",
        superseded_by=letter.superseded_by,
        superseded_by_number=newer.number if newer else None,
        replaces=letter.replaces,
    )
