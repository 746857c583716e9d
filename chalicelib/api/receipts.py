"""The front desk's receipt (tanda terima) as a PDF: POST /v1/admin/receipts (issue 20 point 6).

Staff send back the tracking code and the access token the create answer gave them (in the
body: a token never goes into a URL, where access logs would keep it); the receipt is built
only when the token opens the item (services.receipts), in the request's language."""

from __future__ import annotations

from typing import Annotated

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel

bp = Blueprint(__name__)

# Who takes items at the desk: walk-in audiences (front desk) and complaints (intake roles).
DESK = frozenset({"front_desk", "complaint_officer", "admin"})


class ReceiptIn(RequestModel):
    """The facts the create answer returned that the server cannot know again."""

    tracking_code: Annotated[
        str, Field(min_length=1, max_length=40, description="AUD-... or PGD-...")
    ]
    access_token: Annotated[
        str,
        Field(
            min_length=1,
            max_length=100,
            description="The access token of the create answer (shown once); it must open "
            "the item, or the answer is 404 as for an unknown code",
        ),
    ]


@endpoint(
    bp,
    "POST",
    "/v1/admin/receipts",
    summary="The receipt (tanda terima) of an item taken at the desk, one A4 page: "
    "application/pdf (English with Accept-Language: en); not numbered, not signed",
    tag="receipts",
    roles=DESK,
    body=ReceiptIn,
    errors=(404, 422, 429),
    media_type="application/pdf",
)
def desk_receipt(ctx: Ctx, body: ReceiptIn) -> Reply:
    from chalicelib.api.letter_files import letter_pdf_reply

    pdf = bootstrap.receipt_service().pdf(body.tracking_code, body.access_token, ctx.now, ctx.lang)
    name = "receipt" if ctx.lang == "en" else "tanda-terima"
    return letter_pdf_reply(pdf, f"{name}-{body.tracking_code}.pdf")
