"""The public track routes: status, the reporter's messages, the rating (X-Access-Token).

The views they answer live in `api/track_views.py`."""

from __future__ import annotations

from typing import Annotated, Any

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import MessageIn
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.submission import idempotent, track_replay_scope
from chalicelib.api.track_views import (
    TrackOut,
    audience_view,
    complaint_view,
    track_view,
)
from chalicelib.api.validation import RequestModel
from chalicelib.domain.errors import FieldError, NotFound
from chalicelib.domain.tracking import COMPLAINT_PREFIX, kind_of

bp = Blueprint(__name__)


class RatingIn(RequestModel):
    score: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[str | None, Field(max_length=1000)] = None


def _token(ctx: Ctx) -> str | None:
    return ctx.headers.get("x-access-token")


@endpoint(
    bp,
    "GET",
    "/v1/track/{tracking_code}",
    summary="Status and timeline (X-Access-Token); unknown code and wrong token look the same",
    tag="public",
    response=TrackOut,
    errors=(404, 429),
)
def track(ctx: Ctx, tracking_code: str) -> TrackOut:
    return track_view(tracking_code, _token(ctx), ctx.now, ctx.lang)


@endpoint(
    bp,
    "GET",
    "/v1/track/{tracking_code}/invite.ics",
    summary=(
        "The meeting's calendar invite for the requester (X-Access-Token), the same bytes as "
        "staff get: text/calendar; method=REQUEST, or method=CANCEL once cancelled"
    ),
    tag="public",
    errors=(404, 409, 429),
    media_type="text/calendar",
)
def track_invite(ctx: Ctx, tracking_code: str) -> Reply:
    from chalicelib.api.invite import invite_reply

    if kind_of(tracking_code) != "audience":
        raise NotFound()
    audience = bootstrap.audience_service().track(tracking_code, _token(ctx), ctx.now)
    return invite_reply(audience, ctx.now)


@endpoint(
    bp,
    "GET",
    "/v1/track/{tracking_code}/letter.pdf",
    summary="The signed (PAdES) reply letter of an audience or answer letter of a complaint, for "
    "the requester (X-Access-Token): application/pdf",
    tag="public",
    errors=(404, 429),
    media_type="application/pdf",
)
def track_letter(ctx: Ctx, tracking_code: str) -> Reply:
    from chalicelib.api.letter_files import letter_pdf_reply

    letter_id: str | None = None
    if kind_of(tracking_code) == "audience":
        audience = bootstrap.audience_service().track(tracking_code, _token(ctx), ctx.now)
        letter_id = audience.reply_letter.id if audience.reply_letter else None
    else:
        complaint = bootstrap.complaint_service().track(tracking_code, _token(ctx), ctx.now)
        letter_id = complaint.answer.letter_id if complaint.answer else None
    if letter_id is None:
        raise NotFound()
    _, pdf = bootstrap.letter_service().pdf(letter_id)
    return letter_pdf_reply(pdf, f"surat-{tracking_code}.pdf")


@endpoint(
    bp,
    "POST",
    "/v1/track/{tracking_code}/rating",
    summary="Rate the service once (1-5), after the meeting or the answer",
    tag="public",
    body=RatingIn,
    response=TrackOut,
    errors=(404, 409, 429),
)
def rate(ctx: Ctx, tracking_code: str, body: RatingIn) -> Reply:
    token = _token(ctx)

    def produce() -> dict[str, Any]:
        if kind_of(tracking_code) == "audience":
            view = audience_view(
                bootstrap.audience_service().rate(
                    tracking_code, token, body.score, body.comment, ctx.now
                ),
                ctx.lang,
            )
        else:
            view = complaint_view(
                bootstrap.complaint_service().rate(
                    tracking_code, token, body.score, body.comment, ctx.now
                ),
                ctx.lang,
            )
        return view.model_dump(mode="json")

    scope = track_replay_scope("rating", tracking_code, token)
    return Reply(idempotent(ctx, scope, body, produce))


@endpoint(
    bp,
    "POST",
    "/v1/track/{tracking_code}/messages",
    summary="The reporter adds information; resumes a clock paused for it",
    tag="public",
    body=MessageIn,
    response=TrackOut,
    errors=(404, 409, 429),
)
def reporter_message(ctx: Ctx, tracking_code: str, body: MessageIn) -> Reply:
    if not tracking_code.startswith(f"{COMPLAINT_PREFIX}-"):
        raise FieldError("tracking_code", "complaints_only")
    token = _token(ctx)

    def produce() -> dict[str, Any]:
        complaint = bootstrap.complaint_service().reporter_message(
            tracking_code, token, body.message, ctx.now
        )
        return complaint_view(complaint, ctx.lang).model_dump(mode="json")

    scope = track_replay_scope("messages", tracking_code, token)
    return Reply(idempotent(ctx, scope, body, produce))
