"""What the audience and complaint features share about their issued letters (issue 20): the
staff view of a letter and the PDF download reply."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from chalicelib.api.http import Reply
from chalicelib.api.validation import ResponseModel

PDF = "application/pdf"


class ReplyLetterOut(ResponseModel):
    number: str
    date: date
    body: str
    id: Annotated[str | None, Field(description="The issued letter (GET /v1/letters/{id})")]
    pdf_url: Annotated[
        str | None, Field(description="The signed PDF (a path of this API, staff token)")
    ]


def letter_pdf_reply(pdf: bytes, filename: str, inline: bool = False) -> Reply:
    """A PDF download (`filename`), never cached by shared caches."""
    disposition = "inline" if inline else "attachment"
    return Reply(
        pdf,
        content_type=PDF,
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
