"""Fasilitasi audiensi: public submission, the front desk's walk-in entry and workflow."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import (
    AuditOut,
    AuditPage,
    CodedOut,
    Email,
    Phone,
    Reason,
    SaneTime,
    SubmissionOut,
    TimelineOut,
    UploadId,
    note_unreadable,
    raw_time,
    received_rule_problems,
    timeline_out,
)
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, RequestModel, ResponseModel, endpoint
from chalicelib.api.problems import FieldProblem
from chalicelib.api.sla_models import EscalationOut, SlaOut, escalations_out, sla_out
from chalicelib.api.submission import idempotent_submission
from chalicelib.config import get_settings
from chalicelib.domain.errors import FieldError
from chalicelib.domain.tracking import new_token

if TYPE_CHECKING:
    from chalicelib.domain.audience import Audience, ReplyLetter
    from chalicelib.domain.audit import AuditEntry
    from chalicelib.services.audiences import NewAudience

bp = Blueprint(__name__)

WRITE = frozenset({"front_desk", "admin"})
READ = frozenset({"front_desk", "supervisor", "admin"})
Text = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class ContactIn(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    position: Annotated[str, Field(min_length=1, max_length=120, description="Jabatan")]
    phone: Phone
    email: Email


class AudienceCreate(RequestModel):
    institution_name: Text
    institution_type: Literal["instansi_pemerintah", "pemerintah_daerah", "lembaga_lain"]
    contact: ContactIn
    topic: Text
    purpose: LongText
    attendees: Annotated[int, Field(ge=1, le=200)]
    preferred_dates: Annotated[list[date], Field(min_length=1, max_length=3)]
    request_letter_upload_id: UploadId
    identity_upload_id: UploadId

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """Each preferred date that parses: a working day, not before the receipt, within
        SANE_TIME_AHEAD_DAYS (the domain's preferred_date_problems)."""
        return preferred_date_rule_problems(data, datetime.now(UTC))


class StaffAudienceCreate(AudienceCreate):
    received_at: Annotated[SaneTime | None, Field(description="When the letter was handed in")] = (
        None
    )
    guestbook_id: Annotated[str | None, Field(max_length=40)] = None

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """The preferred dates' rules and a receipt not in the future."""
        now = datetime.now(UTC)
        return received_rule_problems(data, now) + preferred_date_rule_problems(data, now)


DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def preferred_date_rule_problems(data: dict[str, Any], now: datetime) -> list[FieldProblem]:
    """The preferred dates' rules on a raw body (RequestModel.rule_problems): each date that
    parses is checked alone and named by its own index; a store that cannot answer for the
    calendar leaves them to the next try (never a 5xx for a 400)."""
    from chalicelib.domain.audience import preferred_date_problems
    from chalicelib.domain.errors import AppError

    raw = data.get("preferred_dates")
    if not isinstance(raw, list) or len(raw) > 3:
        return []
    received = raw_time(data.get("received_at")) or now
    received = min(received, now)
    days: list[tuple[int, date]] = []
    for i, value in enumerate(raw):
        if isinstance(value, str) and DATE_TEXT.match(value):
            try:
                days.append((i, date.fromisoformat(value)))
            except ValueError:
                continue
    if not days:
        return []
    problems: list[FieldProblem] = []
    try:  # the calendar reads the bureau's overrides from storage on first use
        cal = bootstrap.calendar_service().calendar()
        ahead = get_settings().sane_time_ahead_days
        for i, day in days:
            for error in preferred_date_problems((day,), received, now, cal, ahead):
                problems.append(
                    FieldProblem(f"preferred_dates.{i}", error.message_key, dict(error.params))
                )
    except AppError:
        return []
    return problems


class ReplyLetterIn(RequestModel):
    number: Annotated[str, Field(min_length=1, max_length=100)]
    date: date
    body: LongText


class ScheduleIn(RequestModel):
    start: SaneTime
    end: SaneTime
    room: Annotated[str, Field(min_length=1, max_length=100)]
    bureau_attendees: Annotated[list[Text], Field(min_length=1, max_length=30)]
    reply_letter: ReplyLetterIn


class DeclineIn(RequestModel):
    reason: Reason
    reply_letter: ReplyLetterIn


class CancelIn(RequestModel):
    reason: Reason


class ListQuery(RequestModel):
    status: (
        Literal["submitted", "in_review", "scheduled", "declined", "held", "cancelled"] | None
    ) = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=4096)] = None


class MeetingsQuery(RequestModel):
    room: Annotated[str, Field(min_length=1, max_length=100)]
    from_: Annotated[date, Field(alias="from", description="The first local day (YYYY-MM-DD)")]
    days: Annotated[int, Field(ge=1, le=14, description="How many days from `from`")] = 7


class MeetingOut(ResponseModel):
    code: str
    start: datetime
    end: datetime


class MeetingsOut(ResponseModel):
    room: str
    from_: Annotated[date, Field(serialization_alias="from")]
    days: int
    meetings: list[MeetingOut]


class PageQuery(RequestModel):
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=4096)] = None


class ContactOut(ResponseModel):
    name: str
    position: str
    phone: str
    email: str


class ScheduleOut(ResponseModel):
    start: datetime
    end: datetime
    room: str
    bureau_attendees: list[str]
    sequence: int


class ReplyLetterOut(ResponseModel):
    number: str
    date: date
    body: str


class RatingOut(ResponseModel):
    score: int
    comment: str | None
    at: datetime


class AudienceOut(CodedOut):
    status: str
    version: int
    channel: str
    institution_name: str
    institution_type: str
    contact: ContactOut
    topic: str
    purpose: str
    attendees: int
    preferred_dates: list[date]
    request_letter_upload_id: str
    identity_upload_id: str
    guestbook_id: str | None
    received_at: datetime
    due_at: datetime
    sla: SlaOut
    escalations: list[EscalationOut]
    schedule: ScheduleOut | None
    reply_letter: ReplyLetterOut | None
    decline_reason: str | None
    cancel_reason: str | None
    rating: RatingOut | None
    timeline: list[TimelineOut]
    created_by: str
    access_token: Annotated[str | None, Field(description="Walk-in entry only, shown once")] = None


class AudienceSummary(CodedOut):
    status: str
    version: int
    institution_name: str
    topic: str
    received_at: datetime
    due_at: datetime
    sla: SlaOut
    schedule: ScheduleOut | None


class AudiencePage(ResponseModel):
    items: list[AudienceSummary]
    next_cursor: str | None


def _schedule_out(a: Audience, tz: Any) -> ScheduleOut | None:
    s = a.schedule
    if s is None:
        return None
    return ScheduleOut(
        start=s.start.astimezone(tz),
        end=s.end.astimezone(tz),
        room=s.room,
        bureau_attendees=list(s.bureau_attendees),
        sequence=s.sequence,
    )


def audience_out(a: Audience, now: datetime, token: str | None = None) -> AudienceOut:
    settings = get_settings()
    tz, cal = settings.tz, bootstrap.calendar_service().calendar()
    policy = settings.sla_policy()
    letter, rating = a.reply_letter, a.rating
    return AudienceOut(
        code=a.code,
        status=a.status,
        version=a.version,
        channel=a.channel,
        institution_name=a.institution_name,
        institution_type=a.institution_type,
        contact=ContactOut(
            name=a.contact.name,
            position=a.contact.position,
            phone=a.contact.phone,
            email=a.contact.email,
        ),
        topic=a.topic,
        purpose=a.purpose,
        attendees=a.attendees,
        preferred_dates=list(a.preferred_dates),
        request_letter_upload_id=a.request_letter_upload_id,
        identity_upload_id=a.identity_upload_id,
        guestbook_id=a.guestbook_id,
        received_at=a.track.received_at.astimezone(tz),
        due_at=a.track.due_at.astimezone(tz),
        sla=sla_out(a.track, now, cal, policy),
        escalations=escalations_out(a.track, cal),
        schedule=_schedule_out(a, tz),
        reply_letter=None
        if letter is None
        else ReplyLetterOut(number=letter.number, date=letter.date, body=letter.body),
        decline_reason=a.decline_reason,
        cancel_reason=a.cancel_reason,
        rating=None
        if rating is None
        else RatingOut(score=rating.score, comment=rating.comment, at=rating.at.astimezone(tz)),
        timeline=timeline_out(a.timeline, tz),
        created_by=a.created_by,
        access_token=token,
    )


def _reply(a: Audience, now: datetime, status: int = 200, token: str | None = None) -> Reply:
    return Reply(audience_out(a, now, token), status=status, headers={"ETag": f'"{a.version}"'})


def _new(body: AudienceCreate) -> NewAudience:
    from chalicelib.domain.audience import Contact
    from chalicelib.services.audiences import NewAudience

    c = body.contact
    extra: dict[str, Any] = {}
    if isinstance(body, StaffAudienceCreate):
        extra = {"received_at": body.received_at, "guestbook_id": body.guestbook_id}
    return NewAudience(
        institution_name=body.institution_name,
        institution_type=body.institution_type,
        contact=Contact(c.name, c.position, c.phone, c.email),
        topic=body.topic,
        purpose=body.purpose,
        attendees=body.attendees,
        preferred_dates=tuple(body.preferred_dates),
        request_letter_upload_id=body.request_letter_upload_id,
        identity_upload_id=body.identity_upload_id,
        **extra,
    )


def _letter(body: ReplyLetterIn) -> ReplyLetter:
    from chalicelib.domain.audience import ReplyLetter

    return ReplyLetter(body.number, body.date, body.body)


# --- public -----------------------------------------------------------------------------


@endpoint(
    bp,
    "POST",
    "/v1/audiences",
    summary="Ask the bureau for a meeting (request letter and identity document required; free)",
    tag="public",
    body=AudienceCreate,
    response=SubmissionOut,
    status=201,
    errors=(409, 422),
)
def submit_audience(ctx: Ctx, body: AudienceCreate) -> Reply:
    tz = get_settings().tz

    def create(token: str) -> dict[str, Any]:
        a = bootstrap.audience_service().submit(_new(body), "web", "public", token, ctx.now)
        return {
            "tracking_code": a.code,
            "status": a.status,
            "received_at": a.track.received_at.astimezone(tz).isoformat(),
            "due_at": a.track.due_at.astimezone(tz).isoformat(),
        }

    return idempotent_submission(ctx, "audiences", body, create)


# --- staff ------------------------------------------------------------------------------


@endpoint(
    bp,
    "GET",
    "/v1/admin/meetings",
    summary="A room's booked meetings over some days (the scheduling week view)",
    tag="audiences",
    roles=READ,
    query=MeetingsQuery,
    response=MeetingsOut,
)
def room_meetings(ctx: Ctx, query: MeetingsQuery) -> MeetingsOut:
    tz = get_settings().tz
    booked = bootstrap.audience_service().booked(query.room, query.from_, query.days, tz)
    return MeetingsOut(
        room=query.room,
        from_=query.from_,
        days=query.days,
        meetings=[MeetingOut(code=m.code, start=m.start, end=m.end) for m in booked],
    )


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences",
    summary="Enter a walk-in request at the front desk",
    tag="audiences",
    roles=WRITE,
    body=StaffAudienceCreate,
    response=AudienceOut,
    status=201,
    errors=(409, 422),
    etag=True,
)
def enter_audience(ctx: Ctx, body: StaffAudienceCreate) -> Reply:
    token = new_token()
    a = bootstrap.audience_service().submit(_new(body), "front_desk", ctx.actor, token, ctx.now)
    return _reply(a, ctx.now, status=201, token=token)


@endpoint(
    bp,
    "GET",
    "/v1/admin/audiences",
    summary="The queue: open requests (or one state), nearest deadline first",
    tag="audiences",
    roles=READ,
    query=ListQuery,
    response=AudiencePage,
)
def list_audiences(ctx: Ctx, query: ListQuery) -> AudiencePage:
    settings = get_settings()
    scope = f"audiences:{query.status or 'open'}"
    position = decode_cursor(query.cursor, scope, settings.cursor_secret)
    page = bootstrap.audience_service().queue(
        [query.status] if query.status else None, query.limit, position
    )
    note_unreadable("audience", page.unreadable)
    cal, policy, tz = bootstrap.calendar_service().calendar(), settings.sla_policy(), settings.tz
    items = [
        AudienceSummary(
            code=a.code,
            status=a.status,
            version=a.version,
            institution_name=a.institution_name,
            topic=a.topic,
            received_at=a.track.received_at.astimezone(tz),
            due_at=a.track.due_at.astimezone(tz),
            sla=sla_out(a.track, ctx.now, cal, policy),
            schedule=_schedule_out(a, tz),
        )
        for a in page.items
    ]
    return AudiencePage(
        items=items, next_cursor=encode_cursor(page.position, scope, settings.cursor_secret)
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/audiences/{code}",
    summary="One request",
    tag="audiences",
    roles=READ,
    response=AudienceOut,
    errors=(404,),
    etag=True,
)
def get_audience(ctx: Ctx, code: str) -> Reply:
    return _reply(bootstrap.audience_service().get(code), ctx.now)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/review",
    summary="submitted -> in_review",
    tag="audiences",
    roles=WRITE,
    response=AudienceOut,
    errors=(404, 409, 412),
    etag=True,
)
def review_audience(ctx: Ctx, code: str) -> Reply:
    a = bootstrap.audience_service().review(code, ctx.actor, ctx.now, ctx.if_match())
    return _reply(a, ctx.now)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/schedule",
    summary="Schedule (or reschedule) the meeting with the reply letter; stops the clock",
    tag="audiences",
    roles=WRITE,
    body=ScheduleIn,
    response=AudienceOut,
    errors=(404, 409, 412),
    etag=True,
)
def schedule_audience(ctx: Ctx, code: str, body: ScheduleIn) -> Reply:
    from chalicelib.domain.audience import Schedule

    schedule = Schedule(body.start, body.end, body.room, tuple(body.bureau_attendees))
    a = bootstrap.audience_service().schedule(
        code, schedule, _letter(body.reply_letter), ctx.actor, ctx.now, ctx.if_match()
    )
    return _reply(a, ctx.now)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/decline",
    summary="Decline with a reason and the reply letter; stops the clock",
    tag="audiences",
    roles=WRITE,
    body=DeclineIn,
    response=AudienceOut,
    errors=(404, 409, 412),
    etag=True,
)
def decline_audience(ctx: Ctx, code: str, body: DeclineIn) -> Reply:
    a = bootstrap.audience_service().decline(
        code, body.reason, _letter(body.reply_letter), ctx.actor, ctx.now, ctx.if_match()
    )
    return _reply(a, ctx.now)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/held",
    summary="The meeting took place (not before its start)",
    tag="audiences",
    roles=WRITE,
    response=AudienceOut,
    errors=(404, 409, 412),
    etag=True,
)
def held_audience(ctx: Ctx, code: str) -> Reply:
    return _reply(
        bootstrap.audience_service().held(code, ctx.actor, ctx.now, ctx.if_match()), ctx.now
    )


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/cancel",
    summary="Cancel, with a reason",
    tag="audiences",
    roles=WRITE,
    body=CancelIn,
    response=AudienceOut,
    errors=(404, 409, 412),
    etag=True,
)
def cancel_audience(ctx: Ctx, code: str, body: CancelIn) -> Reply:
    a = bootstrap.audience_service().cancel(code, body.reason, ctx.actor, ctx.now, ctx.if_match())
    return _reply(a, ctx.now)


@endpoint(
    bp,
    "GET",
    "/v1/admin/audiences/{code}/invite.ics",
    summary=(
        "iCalendar invite (RFC 5545/5546) of the scheduled meeting: Content-Type "
        "text/calendar; method=REQUEST, or method=CANCEL once cancelled"
    ),
    tag="audiences",
    roles=READ,
    errors=(404, 409),
    media_type="text/calendar",
)
def audience_invite(ctx: Ctx, code: str) -> Reply:
    from chalicelib.api.invite import invite_reply

    return invite_reply(bootstrap.audience_service().get(code), ctx.now)


@endpoint(
    bp,
    "GET",
    "/v1/admin/audiences/{code}/audit",
    summary="The append-only audit trail of a request",
    tag="audiences",
    roles=frozenset({"complaint_officer", "supervisor", "admin"}),
    query=PageQuery,
    response=AuditPage,
    errors=(404,),
)
def audience_audit(ctx: Ctx, code: str, query: PageQuery) -> AuditPage:
    return audit_page(bootstrap.audience_service().trail(code), f"audit:{code}", query)


def audit_page(trail: list[AuditEntry], scope: str, query: PageQuery) -> AuditPage:
    """A page of an item's trail (the whole trail is one partition Query; paged here)."""
    settings = get_settings()
    raw = decode_cursor(query.cursor, scope, settings.cursor_secret)
    start = int(raw) if raw and raw.isdigit() else 0
    if raw and not raw.isdigit():
        raise FieldError("cursor", "cursor_invalid")
    chunk = trail[start : start + query.limit]
    more = start + query.limit < len(trail)
    tz = settings.tz
    items = [
        AuditOut(
            at=e.at.astimezone(tz),
            actor=e.actor,
            action=e.action,
            **{"from": e.from_state},
            to=e.to_state,
            note=e.note,
        )
        for e in chunk
    ]
    nxt = encode_cursor(str(start + query.limit), scope, settings.cursor_secret) if more else None
    return AuditPage(items=items, next_cursor=nxt)
