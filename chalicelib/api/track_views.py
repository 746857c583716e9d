"""The public track views: what a citizen sees with a tracking code and its access token.

The one home of the public view models and of the functions that build them from an audience
or a complaint, used by every public track route (`api/tracking.py`). Never staff names,
never internal notes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import TimelineOut, timeline_out
from chalicelib.api.validation import ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.tracking import kind_of

if TYPE_CHECKING:
    from chalicelib.domain.audience import Audience
    from chalicelib.domain.complaint import Complaint


class PublicSchedule(ResponseModel):
    start: datetime
    end: datetime
    room: str


class PublicReplyLetter(ResponseModel):
    """The bureau's reply letter as the requester received it (api.md: number, date, text)."""

    number: str
    date: date
    text: str
    id: Annotated[
        str | None, Field(description="The issued letter: GET /v1/letters/{id} verifies it")
    ] = None
    pdf_url: Annotated[
        str | None,
        Field(description="The signed PDF: a path under /v1/track/{code}/ (X-Access-Token)"),
    ] = None


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
        Field(
            description="Audience: the reply letter of a scheduled or declined request; "
            "complaint: the signed answer letter"
        ),
    ] = None
    decline_reason: Annotated[
        str | None, Field(description="Audience: why the request was declined")
    ] = None
    messages: list[PublicMessage] = []  # noqa: RUF012 - pydantic copies defaults
    rated: bool = False
    can_rate: Annotated[
        bool, Field(description="A rating is allowed now (once, after the answer or the meeting)")
    ] = False
    can_reply: Annotated[
        bool, Field(description="The bureau asked for information: POST …/messages answers it")
    ] = False
    survey: Annotated[
        Literal["not_yet", "open", "done"],
        Field(description="The SKM survey: open once the service ended, done once answered"),
    ] = "not_yet"


def survey_state(kind: str, ref: str, status: str) -> Literal["not_yet", "open", "done"]:
    """Whether the requester may answer the SKM survey now (one GetItem once it ended)."""
    state = bootstrap.skm_service().survey_state(kind, ref, status)
    return "done" if state == "done" else "open" if state == "open" else "not_yet"


def audience_track_view(code: str, token: str | None, now: datetime, lang: str = "id") -> TrackOut:
    """The requester's view of an audience request (NotFound for an unknown code or a wrong
    token alike; TooManyAttempts while the code is locked)."""
    return audience_view(bootstrap.audience_service().track(code, token, now), lang)


def audience_view(a: Audience, lang: str = "id") -> TrackOut:
    """An audience request as its requester sees it; times in the bureau's local zone. The
    reply letter (scheduled, declined and after) and the decline reason are shown; the
    bureau's attendees never."""
    tz = get_settings().tz
    s = a.schedule if a.status in ("scheduled", "held") else None
    letter = a.reply_letter
    return TrackOut(
        kind="audience",
        status=a.status,
        received_at=a.track.received_at.astimezone(tz),
        due_at=a.track.due_at.astimezone(tz),
        timeline=timeline_out(a.timeline, tz, lang),
        schedule=None
        if s is None
        else PublicSchedule(start=s.start.astimezone(tz), end=s.end.astimezone(tz), room=s.room),
        reply_letter=None
        if letter is None
        else PublicReplyLetter(
            number=letter.number,
            date=letter.date,
            text=letter.body,
            id=letter.id,
            pdf_url=f"/v1/track/{a.code}/letter.pdf" if letter.id else None,
        ),
        decline_reason=a.decline_reason if a.status == "declined" else None,
        rated=a.rating is not None,
        can_rate=a.can_rate,
        survey=survey_state("audience", a.ref, a.status),
    )


def complaint_track_view(code: str, token: str | None, now: datetime, lang: str = "id") -> TrackOut:
    """The reporter's view of a complaint (NotFound for an unknown code or a wrong token
    alike; TooManyAttempts while the code is locked)."""
    return complaint_view(bootstrap.complaint_service().track(code, token, now), lang)


def complaint_view(c: Complaint, lang: str = "id") -> TrackOut:
    """A complaint as its reporter sees it: the answer and the messages both ways, never the
    handler's name."""
    tz = get_settings().tz
    a = c.answer
    return TrackOut(
        kind="complaint",
        status=c.status,
        received_at=c.track.received_at.astimezone(tz),
        due_at=c.track.due_at.astimezone(tz),
        timeline=timeline_out(c.timeline, tz, lang),
        answer=None
        if a is None
        else PublicAnswer(text=a.text, channel=a.channel, at=a.at.astimezone(tz)),
        reply_letter=None
        if a is None or not a.letter_id
        else PublicReplyLetter(
            number=a.letter_number or "",
            date=a.at.astimezone(tz).date(),
            text=a.text,
            id=a.letter_id,
            pdf_url=f"/v1/track/{c.code}/letter.pdf",
        ),
        messages=[
            PublicMessage.model_validate(
                {"at": m.at.astimezone(tz), "sender": m.sender, "text": m.text}
            )
            for m in c.messages
        ],
        rated=c.rating is not None,
        can_rate=c.can_rate,
        can_reply=c.status == "awaiting_reporter",
        survey=survey_state("complaint", c.ref, c.status),
    )


def track_view(code: str, token: str | None, now: datetime, lang: str = "id") -> TrackOut:
    """Either view, chosen by the code's prefix (NotFound for any other); timeline notes in
    `lang`."""
    if kind_of(code) == "audience":
        return audience_track_view(code, token, now, lang)
    return complaint_track_view(code, token, now, lang)
