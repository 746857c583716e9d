"""Fasilitasi audiensi: public submission, the front desk's walk-in entry and workflow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint

from chalicelib import bootstrap
from chalicelib.api.audience_models import (
    AudienceCreate,
    AudienceOut,
    AudiencePage,
    CancelIn,
    DeclineIn,
    ListQuery,
    MeetingOut,
    MeetingsOut,
    MeetingsQuery,
    ScheduleIn,
    StaffAudienceCreate,
)
from chalicelib.api.audience_views import (
    audience_reply,
    audience_summaries,
    new_audience,
    reply_letter,
    schedule_of,
)
from chalicelib.api.audit_trail import AuditPage, PageQuery, audit_page
from chalicelib.api.common import SubmissionOut, note_unreadable
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.letter_files import PDF, letter_pdf_reply
from chalicelib.api.state_changes import Feature, StateChange, register_state_changes
from chalicelib.api.submission import idempotent_submission
from chalicelib.config import get_settings
from chalicelib.domain.tracking import new_token

if TYPE_CHECKING:
    from chalicelib.domain.audience import Audience

bp = Blueprint(__name__)

WRITE = frozenset({"front_desk", "admin"})
READ = frozenset({"front_desk", "supervisor", "admin"})


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
    def create(token: str) -> Audience:
        return bootstrap.audience_service().submit(
            new_audience(body), "web", "public", token, ctx.now
        )

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
    a = bootstrap.audience_service().submit(
        new_audience(body), "front_desk", ctx.actor, token, ctx.now
    )
    return audience_reply(a, ctx.now, status=201, token=token, lang=ctx.lang)


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
    return AudiencePage(
        items=audience_summaries(page.items, ctx.now),
        next_cursor=encode_cursor(page.position, scope, settings.cursor_secret),
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
    return audience_reply(bootstrap.audience_service().get(code), ctx.now, lang=ctx.lang)


# The workflow's state changes of a request: one row each (api/state_changes.py).
FEATURE = Feature(
    prefix="/v1/admin/audiences",
    noun="audience",
    tag="audiences",
    response=AudienceOut,
    service=bootstrap.audience_service,
    who=lambda ctx: ctx.actor,
    reply=lambda ctx, a: audience_reply(a, ctx.now, lang=ctx.lang),
)

STATE_CHANGES = (
    StateChange("review", "submitted -> in_review", WRITE),
    StateChange(
        "schedule",
        "Schedule (or reschedule) the meeting with the reply letter; stops the clock",
        WRITE,
        ScheduleIn,
        lambda b: (schedule_of(b), reply_letter(b.reply_letter)),
    ),
    StateChange(
        "decline",
        "Decline with a reason and the reply letter; stops the clock",
        WRITE,
        DeclineIn,
        lambda b: (b.reason, reply_letter(b.reply_letter)),
    ),
    StateChange("held", "The meeting took place (not before its start)", WRITE),
    StateChange("cancel", "Cancel, with a reason", WRITE, CancelIn, lambda b: (b.reason,)),
)

register_state_changes(bp, FEATURE, STATE_CHANGES)


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


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/schedule/preview",
    summary="The schedule letter as it would be issued (unsigned, marked PRATINJAU; nothing "
    "stored): application/pdf",
    tag="audiences",
    roles=WRITE,
    body=ScheduleIn,
    errors=(404, 409),
    media_type=PDF,
)
def preview_schedule_letter(ctx: Ctx, code: str, body: ScheduleIn) -> Reply:
    pdf = bootstrap.audience_service().preview_schedule(
        code, schedule_of(body), reply_letter(body.reply_letter), ctx.actor, ctx.now
    )
    return letter_pdf_reply(pdf, f"pratinjau-{code}.pdf", inline=True)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/decline/preview",
    summary="The decline letter as it would be issued (unsigned, PRATINJAU): application/pdf",
    tag="audiences",
    roles=WRITE,
    body=DeclineIn,
    errors=(404, 409),
    media_type=PDF,
)
def preview_decline_letter(ctx: Ctx, code: str, body: DeclineIn) -> Reply:
    pdf = bootstrap.audience_service().preview_decline(
        code, body.reason, reply_letter(body.reply_letter), ctx.actor, ctx.now
    )
    return letter_pdf_reply(pdf, f"pratinjau-{code}.pdf", inline=True)


@endpoint(
    bp,
    "POST",
    "/v1/admin/audiences/{code}/cancel/preview",
    summary="The cancellation letter as it would be issued (unsigned, PRATINJAU): "
    "application/pdf; 404 when cancelling issues no letter",
    tag="audiences",
    roles=WRITE,
    body=CancelIn,
    errors=(404, 409),
    media_type=PDF,
)
def preview_cancel_letter(ctx: Ctx, code: str, body: CancelIn) -> Reply:
    pdf = bootstrap.audience_service().preview_cancel(code, body.reason, ctx.actor, ctx.now)
    return letter_pdf_reply(pdf, f"pratinjau-{code}.pdf", inline=True)


@endpoint(
    bp,
    "GET",
    "/v1/admin/audiences/{code}/letter.pdf",
    summary="The issued reply letter, signed (PAdES): application/pdf",
    tag="audiences",
    roles=READ,
    errors=(404,),
    media_type=PDF,
)
def audience_letter_pdf(ctx: Ctx, code: str) -> Reply:
    from chalicelib.domain.errors import NotFound

    letter = bootstrap.audience_service().get(code).reply_letter
    if letter is None or letter.id is None:
        raise NotFound()
    _, pdf = bootstrap.letter_service().pdf(letter.id)
    return letter_pdf_reply(pdf, f"surat-{code}.pdf")
