"""What a citizen sees with a tracking code and its access token: never staff, never notes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import TimelineOut, timeline_out
from chalicelib.api.http import Ctx, Reply, RequestModel, ResponseModel, endpoint
from chalicelib.api.submission import idempotent
from chalicelib.config import get_settings
from chalicelib.domain.errors import NotFound

bp = Blueprint(__name__)


class PublicSchedule(ResponseModel):
    start: datetime
    end: datetime
    room: str


class PublicReplyLetter(ResponseModel):
    """The bureau's reply letter as the requester received it (api.md: number, date, text)."""

    number: str
    date: date
    text: str


class PublicAnswer(ResponseModel):
    text: str
    channel: str
    at: datetime


class PublicMessage(ResponseModel):
    at: datetime
    sender: Literal["bureau", "reporter"]
    text: str


class TrackOut(ResponseModel):
    kind: Literal["audience", "complaint"]
    status: str
    received_at: datetime
    due_at: datetime
    timeline: list[TimelineOut]
    schedule: PublicSchedule | None = None
    answer: PublicAnswer | None = None
    reply_letter: Annotated[
        PublicReplyLetter | None,
        Field(description="Audience: the reply letter of a scheduled or declined request"),
    ] = None
    decline_reason: Annotated[
        str | None, Field(description="Audience: why the request was declined")
    ] = None
    messages: list[PublicMessage] = []  # noqa: RUF012 - pydantic copies defaults
    rated: bool = False


class RatingIn(RequestModel):
    score: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[str | None, Field(max_length=1000)] = None


def _token(ctx: Ctx) -> str | None:
    return ctx.headers.get("x-access-token")


def _kind(code: str) -> str:
    if code.startswith("AUD-"):
        return "audience"
    if code.startswith("PGD-"):
        return "complaint"
    raise NotFound()


def track_view(code: str, token: str | None) -> TrackOut:
    tz = get_settings().tz
    if _kind(code) == "audience":
        a = bootstrap.audience_service().track(code, token)
        s = a.schedule if a.status in ("scheduled", "held") else None
        letter = a.reply_letter
        return TrackOut(
            kind="audience",
            status=a.status,
            received_at=a.track.received_at.astimezone(tz),
            due_at=a.track.due_at.astimezone(tz),
            timeline=timeline_out(a.timeline, tz),
            schedule=None
            if s is None
            else PublicSchedule(
                start=s.start.astimezone(tz), end=s.end.astimezone(tz), room=s.room
            ),
            reply_letter=None
            if letter is None
            else PublicReplyLetter(number=letter.number, date=letter.date, text=letter.body),
            decline_reason=a.decline_reason if a.status == "declined" else None,
            rated=a.rating is not None,
        )
    from chalicelib.api.complaints import complaint_track_view

    return complaint_track_view(code, token)


@endpoint(
    bp,
    "GET",
    "/v1/track/{tracking_code}",
    summary="Status and timeline (X-Access-Token); unknown code and wrong token look the same",
    tag="public",
    response=TrackOut,
    errors=(404,),
)
def track(ctx: Ctx, tracking_code: str) -> TrackOut:
    return track_view(tracking_code, _token(ctx))


@endpoint(
    bp,
    "GET",
    "/v1/track/{tracking_code}/invite.ics",
    summary=(
        "The meeting's calendar invite for the requester (X-Access-Token), the same bytes as "
        "staff get: text/calendar; method=REQUEST, or method=CANCEL once cancelled"
    ),
    tag="public",
    errors=(404, 409),
    media_type="text/calendar",
)
def track_invite(ctx: Ctx, tracking_code: str) -> Reply:
    from chalicelib.api.invite import invite_reply

    if _kind(tracking_code) != "audience":
        raise NotFound()
    audience = bootstrap.audience_service().track(tracking_code, _token(ctx))
    return invite_reply(audience, ctx.now)


@endpoint(
    bp,
    "POST",
    "/v1/track/{tracking_code}/rating",
    summary="Rate the service once (1-5), after the meeting or the answer",
    tag="public",
    body=RatingIn,
    response=TrackOut,
    errors=(404, 409),
)
def rate(ctx: Ctx, tracking_code: str, body: RatingIn) -> Reply:
    token = _token(ctx)

    def produce() -> dict[str, Any]:
        if _kind(tracking_code) == "audience":
            bootstrap.audience_service().rate(
                tracking_code, token, body.score, body.comment, ctx.now
            )
        else:
            bootstrap.complaint_service().rate(
                tracking_code, token, body.score, body.comment, ctx.now
            )
        return track_view(tracking_code, token).model_dump(mode="json")

    return Reply(idempotent(ctx, f"rating:{tracking_code}", body, produce))
