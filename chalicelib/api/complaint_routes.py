"""Pengaduan: public intake, staff intake from every channel, handling by role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint

from chalicelib import bootstrap
from chalicelib.api.audit_trail import AuditPage, PageQuery, audit_page
from chalicelib.api.common import MessageIn, SubmissionOut, note_unreadable
from chalicelib.api.complaint_models import (
    AnswerIn,
    AssignIn,
    ClassifyIn,
    ComplaintCreate,
    ComplaintOut,
    ComplaintPage,
    ComplaintQuery,
    ForwardIn,
    RejectIn,
    StaffComplaintCreate,
)
from chalicelib.api.complaint_views import (
    complaint_reply,
    complaint_summaries,
    new_complaint,
    staff_of,
)
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.state_changes import Feature, StateChange, register_state_changes
from chalicelib.api.submission import idempotent_submission
from chalicelib.config import get_settings
from chalicelib.domain.tracking import new_token

if TYPE_CHECKING:
    from chalicelib.domain.complaint import Complaint

bp = Blueprint(__name__)

INTAKE = frozenset({"front_desk", "complaint_officer", "admin"})
READ = frozenset({"complaint_officer", "complaint_team", "admin", "supervisor"})
TRIAGE = frozenset({"complaint_officer", "admin"})
HANDLE = frozenset({"complaint_officer", "complaint_team", "admin"})


# --- public -----------------------------------------------------------------------------


@endpoint(
    bp,
    "POST",
    "/v1/complaints",
    summary="Submit a complaint (named, confidential or anonymous); answered within its class's limit",
    tag="public",
    body=ComplaintCreate,
    response=SubmissionOut,
    status=201,
    errors=(409, 422),
)
def submit_complaint(ctx: Ctx, body: ComplaintCreate) -> Reply:
    def create(token: str) -> Complaint:
        return bootstrap.complaint_service().submit(new_complaint(body), "public", token, ctx.now)

    return idempotent_submission(ctx, "complaints", body, create)


# --- staff ------------------------------------------------------------------------------


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints",
    summary="Staff intake from any channel, with the true time of receipt",
    tag="complaints",
    roles=INTAKE,
    body=StaffComplaintCreate,
    response=ComplaintOut,
    status=201,
    errors=(409, 422),
    etag=True,
)
def intake_complaint(ctx: Ctx, body: StaffComplaintCreate) -> Reply:
    token = new_token()
    c = bootstrap.complaint_service().submit(new_complaint(body), ctx.actor, token, ctx.now)
    return complaint_reply(ctx, c, status=201, token=token)


@endpoint(
    bp,
    "GET",
    "/v1/admin/complaints",
    summary="The queue, most urgent first (a team member sees only what is assigned to them)",
    tag="complaints",
    roles=READ,
    query=ComplaintQuery,
    response=ComplaintPage,
)
def list_complaints(ctx: Ctx, query: ComplaintQuery) -> ComplaintPage:
    from chalicelib.services.ports import Page

    settings = get_settings()
    staff = staff_of(ctx)
    scope = f"complaints:{staff.sub if staff.team_only else 'all'}:{query.status}:{query.class_}:{query.sla}"
    position = decode_cursor(query.cursor, scope, settings.cursor_secret)
    if query.lapor_id:
        found = bootstrap.complaint_service().by_lapor(staff, query.lapor_id)
        page = Page([found] if found else [], None)
    else:
        page = bootstrap.complaint_service().queue(
            staff,
            [query.status] if query.status else None,
            query.class_,
            query.limit,
            position,
            query.sla,
            ctx.now,
        )
    note_unreadable("complaint", page.unreadable)
    return ComplaintPage(
        items=complaint_summaries(page.items, ctx.now),
        next_cursor=encode_cursor(page.position, scope, settings.cursor_secret),
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/complaints/{code}",
    summary="One complaint",
    tag="complaints",
    roles=READ,
    response=ComplaintOut,
    errors=(404,),
    etag=True,
)
def get_complaint(ctx: Ctx, code: str) -> Reply:
    return complaint_reply(ctx, bootstrap.complaint_service().get(code, staff_of(ctx)))


# The workflow's state changes of a complaint: one row each (api/state_changes.py).
FEATURE = Feature(
    prefix="/v1/admin/complaints",
    noun="complaint",
    tag="complaints",
    response=ComplaintOut,
    service=bootstrap.complaint_service,
    who=staff_of,
    reply=complaint_reply,
)

STATE_CHANGES = (
    StateChange(
        "classify",
        "Classify (or reclassify); recomputes due_at from the time of receipt",
        TRIAGE,
        ClassifyIn,
        lambda b: (b.class_, b.note),
    ),
    StateChange(
        "assign", "Assign to a complaint-team member", TRIAGE, AssignIn, lambda b: (b.assignee,)
    ),
    StateChange(
        "request-info",
        "Ask the reporter for more information; the clock pauses",
        HANDLE,
        MessageIn,
        lambda b: (b.message,),
    ),
    StateChange(
        "answer",
        "Answer the reporter; the clock stops",
        HANDLE,
        AnswerIn,
        lambda b: (b.answer, b.channel),
    ),
    StateChange("close", "Close an answered complaint", TRIAGE),
    StateChange(
        "reject",
        "Reject (out of scope, duplicate, abusive), with a reason",
        TRIAGE,
        RejectIn,
        lambda b: (b.reason,),
    ),
    StateChange(
        "forward",
        "Forward to the agency it belongs to",
        TRIAGE,
        ForwardIn,
        lambda b: (b.to_agency, b.note),
    ),
)

register_state_changes(bp, FEATURE, STATE_CHANGES)


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/answer/preview",
    summary="The answer letter as the answer would issue it (unsigned, marked PRATINJAU; no "
    "number taken, nothing stored): application/pdf",
    tag="complaints",
    roles=HANDLE,
    body=AnswerIn,
    errors=(404, 409),
    media_type="application/pdf",
)
def preview_answer_letter(ctx: Ctx, code: str, body: AnswerIn) -> Reply:
    from chalicelib.api.letter_files import letter_pdf_reply

    pdf = bootstrap.complaint_service().preview_answer(
        code, body.answer, body.channel, staff_of(ctx), ctx.now
    )
    return letter_pdf_reply(pdf, f"pratinjau-{code}.pdf", inline=True)


@endpoint(
    bp,
    "GET",
    "/v1/admin/complaints/{code}/letter.pdf",
    summary="The issued answer letter, signed (PAdES): application/pdf",
    tag="complaints",
    roles=READ,
    errors=(404,),
    media_type="application/pdf",
)
def complaint_letter_pdf(ctx: Ctx, code: str) -> Reply:
    from chalicelib.api.letter_files import letter_pdf_reply
    from chalicelib.domain.errors import NotFound

    answer = bootstrap.complaint_service().get(code, staff_of(ctx)).answer
    if answer is None or answer.letter_id is None:
        raise NotFound()
    _, pdf = bootstrap.letter_service().pdf(answer.letter_id)
    return letter_pdf_reply(pdf, f"surat-{code}.pdf")


@endpoint(
    bp,
    "GET",
    "/v1/admin/complaints/{code}/audit",
    summary="The append-only audit trail of a complaint",
    tag="complaints",
    roles=frozenset({"complaint_officer", "supervisor", "admin"}),
    query=PageQuery,
    response=AuditPage,
    errors=(404,),
)
def complaint_audit(ctx: Ctx, code: str, query: PageQuery) -> AuditPage:
    return audit_page(
        bootstrap.complaint_service().trail(code, staff_of(ctx)), f"audit:{code}", query
    )
