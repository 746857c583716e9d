"""Public uploads (request letters, identity documents, evidence) and staff access to them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import Reason
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.submission import idempotency_key, idempotent
from chalicelib.api.validation import RequestModel, ResponseModel, text_pattern
from chalicelib.config import get_settings
from chalicelib.domain.uploads import MAX_BYTES

bp = Blueprint(__name__)

STAFF = frozenset({"front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"})


class UploadCreate(RequestModel):
    purpose: Literal["request_letter", "identity", "evidence"]
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    size_bytes: Annotated[int, Field(ge=1, le=MAX_BYTES)]
    filename: Annotated[str, Field(min_length=1, max_length=200, pattern=text_pattern(r"/\\"))]


class UploadTicketOut(ResponseModel):
    upload_id: str
    upload_secret: Annotated[
        str,
        Field(
            description="Shown once: a submission names this file by `<upload_id>.<upload_secret>`"
            " (the id alone is refused as not_found)"
        ),
    ]
    url: Annotated[
        str, Field(description="POST the form here: the fields, then the file as `file`")
    ]
    fields: dict[str, str]
    expires_at: datetime
    max_bytes: int


@endpoint(
    bp,
    "POST",
    "/v1/uploads",
    summary="Start an upload: a presigned POST for one PDF, JPEG or PNG of at most 10 MiB",
    tag="public",
    body=UploadCreate,
    response=UploadTicketOut,
    status=201,
)
def start_upload(ctx: Ctx, body: UploadCreate) -> Reply:
    def produce() -> dict[str, Any]:
        ticket = bootstrap.upload_service().start(
            body.purpose, body.content_type, body.size_bytes, body.filename, ctx.now
        )
        out = UploadTicketOut(
            upload_id=ticket.upload.id,
            upload_secret=ticket.secret,
            url=ticket.url,
            fields=ticket.fields,
            expires_at=ticket.expires_at.astimezone(get_settings().tz),
            max_bytes=ticket.max_bytes,
        )
        return out.model_dump(mode="json")

    return Reply(idempotent(ctx, "uploads", body, produce), status=201)


class UploadCheckIn(RequestModel):
    upload_secret: Annotated[
        str, Field(min_length=1, max_length=100, description="The ticket's `upload_secret`")
    ]
    purpose: Literal["request_letter", "identity", "evidence"]


class UploadCheckOut(ResponseModel):
    upload_id: str
    state: Annotated[Literal["verified"], Field(description="The file passed the server's check")]
    size: Annotated[int | None, Field(description="Bytes of the clean copy that is kept")]


@endpoint(
    bp,
    "POST",
    "/v1/uploads/{upload_id}/check",
    summary=(
        "Check a landed upload now (the same check a submission runs: type by its bytes, "
        "size, opened whole) so a form can say at once that a file is damaged; idempotent"
    ),
    tag="public",
    body=UploadCheckIn,
    response=UploadCheckOut,
    errors=(422,),
)
def check_upload(ctx: Ctx, upload_id: str, body: UploadCheckIn) -> UploadCheckOut:
    """200 with the verified upload; 422 `upload_invalid` naming `file` and the reason
    (`file_damaged`, `pdf_encrypted`, `type_mismatch`, `not_found` for a wrong secret...).
    A verified upload is recorded, so the submission only reads it again. A malformed
    Idempotency-Key is a 400, as on every public POST."""
    idempotency_key(ctx)
    checked = bootstrap.upload_service().verify(
        f"{upload_id}.{body.upload_secret}", body.purpose, "file", ctx.now
    )
    return UploadCheckOut(upload_id=checked.id, state="verified", size=checked.size)


class AttachmentQuery(RequestModel):
    reason: Annotated[Reason, Field(description="Why the file is opened (kept in the audit trail)")]


class AttachmentOut(ResponseModel):
    upload_id: str
    purpose: str
    content_type: str
    size: int | None
    url: Annotated[str, Field(description="Valid 5 minutes")]
    expires_at: datetime


@endpoint(
    bp,
    "GET",
    "/v1/admin/attachments/{upload_id}",
    summary="A 5-minute link to an uploaded file; every call is audited with who and why",
    tag="attachments",
    roles=STAFF,
    query=AttachmentQuery,
    response=AttachmentOut,
    errors=(404,),
)
def get_attachment(ctx: Ctx, upload_id: str, query: AttachmentQuery) -> Reply:
    assert ctx.principal is not None
    principal = ctx.principal

    def authorize_owner(owner: str) -> None:
        """A complaint-team member sees evidence of complaints assigned to them only."""
        if owner.startswith("CMP#"):
            from chalicelib.services.complaints import Staff

            bootstrap.complaint_service().get(
                owner.removeprefix("CMP#"), Staff(principal.sub, principal.roles)
            )

    link = bootstrap.upload_service().view(
        upload_id, principal.roles, ctx.actor, query.reason, ctx.now, authorize_owner
    )
    out = AttachmentOut(
        upload_id=link.upload.id,
        purpose=link.upload.purpose,
        content_type=link.upload.content_type,
        size=link.upload.size,
        url=link.url,
        expires_at=link.expires_at.astimezone(get_settings().tz),
    )
    return Reply(out, headers={"Cache-Control": "no-store"})
