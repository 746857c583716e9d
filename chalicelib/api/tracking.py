"""What a citizen sees with a tracking code and its access token: never staff, never notes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import TimelineOut, timeline_out
from chalicelib.api.http import Ctx, Reply, RequestModel, ResponseModel, endpoint
from chalicelib.api.submission import idempotent
from chalicelib.config import get_settings
from chalicelib.domain.errors import NotFound
from chalicelib.domain.tracked import item_ref

bp = Blueprint(__name__)


class PublicSchedule(ResponseModel):
    start: datetime
    end: datetime
    room: str


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
    messages: list[PublicMessage] = []  # noqa: RUF012 - pydantic copies defaults
    rated: bool = False
    survey: Annotated[
        Literal["not_yet", "open", "done"],
        Field(description="The SKM survey: open once the service ended, done once answered"),
    ] = "not_yet"


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
    """What the requester sees, with whether the SKM survey is open to them."""
    out = _track_view(code, token)
    ref = item_ref(out.kind, code)
    return out.model_copy(
        update={"survey": bootstrap.skm_service().survey_state(out.kind, ref, out.status)}
    )


def _track_view(code: str, token: str | None) -> TrackOut:
    tz = get_settings().tz
    if _kind(code) == "audience":
        a = bootstrap.audience_service().track(code, token)
        s = a.schedule if a.status in ("scheduled", "held") else None
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
