"""Pengaduan: public intake, staff intake from every channel, handling by role, tracking."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.audiences import PageQuery, audit_page
from chalicelib.api.common import (
    AuditPage,
    CodedOut,
    Email,
    MessageIn,
    Phone,
    Reason,
    SaneTime,
    SubmissionOut,
    TimelineOut,
    UploadId,
    note_unreadable,
    received_rule_problems,
    timeline_out,
)
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, RequestModel, ResponseModel, endpoint
from chalicelib.api.problems import FieldProblem
from chalicelib.api.sla_models import EscalationOut, SlaOut, escalations_out, sla_out
from chalicelib.api.submission import idempotent_submission
from chalicelib.config import get_settings
from chalicelib.domain.tracking import new_token

if TYPE_CHECKING:
    from chalicelib.domain.complaint import Complaint
    from chalicelib.services.complaints import NewComplaint, Staff

bp = Blueprint(__name__)

INTAKE = frozenset({"front_desk", "complaint_officer", "admin"})
READ = frozenset({"complaint_officer", "complaint_team", "admin", "supervisor"})
TRIAGE = frozenset({"complaint_officer", "admin"})
HANDLE = frozenset({"complaint_officer", "complaint_team", "admin"})
Class = Literal["ringan", "normatif", "non_pengawasan", "pengawasan"]
Status = Literal[
    "received",
    "classified",
    "in_progress",
    "awaiting_reporter",
    "answered",
    "closed",
    "rejected",
    "forwarded",
]
OfflineChannel = Literal[
    "tatap_muka", "kotak_pengaduan", "whatsapp", "telepon", "faksimile", "email", "lapor"
]


class ReporterIn(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    phone: Phone | None = None
    email: Email | None = None


class ComplaintCreate(RequestModel):
    subject: Annotated[str, Field(min_length=3, max_length=200)]
    description: Annotated[str, Field(min_length=10, max_length=8000)]
    privacy: Literal["named", "confidential", "anonymous"]
    reporter: ReporterIn | None = None
    evidence_upload_ids: Annotated[list[UploadId], Field(max_length=5)] = Field(
        default_factory=list
    )

    @classmethod
    def cross_field_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """`reporter` only without `anonymous` and always with it; no upload named twice."""
        problems = []
        reporter, privacy = data.get("reporter"), data.get("privacy")
        if privacy == "anonymous" and reporter is not None:
            problems.append(FieldProblem("reporter", "reporter_with_anonymous"))
        elif privacy in ("named", "confidential") and reporter is None:
            problems.append(FieldProblem("reporter", "reporter_required"))
        uploads = data.get("evidence_upload_ids")
        if isinstance(uploads, list):
            hashable = [u for u in uploads if isinstance(u, str)]
            if len(set(hashable)) != len(hashable):
                problems.append(FieldProblem("evidence_upload_ids", "duplicate_upload"))
        return problems


class StaffComplaintCreate(ComplaintCreate):
    channel: OfflineChannel
    received_at: Annotated[SaneTime, Field(description="When the complaint really arrived")]
    lapor_tracking_id: Annotated[
        str | None, Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9-]+$")
    ] = None

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """A receipt not in the future (the service's rule)."""
        return received_rule_problems(data, datetime.now(UTC))

    @classmethod
    def cross_field_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """The public rules, and `lapor_tracking_id` with the `lapor` channel only."""
        problems = super().cross_field_problems(data)
        lapor_id = data.get("lapor_tracking_id")
        if data.get("channel") == "lapor" and lapor_id is None:
            problems.append(FieldProblem("lapor_tracking_id", "lapor_required"))
        elif data.get("channel") not in ("lapor", None) and lapor_id is not None:
            problems.append(FieldProblem("lapor_tracking_id", "lapor_only"))
        return problems


class ClassifyIn(RequestModel):
    class_: Annotated[Class, Field(alias="class")]
    note: Annotated[str | None, Field(max_length=1000)] = None


class AssignIn(RequestModel):
    assignee: Annotated[
        str, Field(min_length=1, max_length=128, description="The staff member's `sub`")
    ]


class AnswerIn(RequestModel):
    answer: Annotated[str, Field(min_length=3, max_length=8000)]
    channel: Literal["web", "email", "whatsapp", "telepon", "surat", "tatap_muka", "lapor"]


class RejectIn(RequestModel):
    reason: Reason


class ForwardIn(RequestModel):
    to_agency: Annotated[str, Field(min_length=2, max_length=200)]
    note: Annotated[str | None, Field(max_length=1000)] = None


class ComplaintQuery(RequestModel):
    status: Status | None = None
    class_: Annotated[Class | None, Field(alias="class")] = None
    sla: Literal["on_track", "warning", "breached"] | None = None
    lapor_id: Annotated[
        str | None,
        Field(
            min_length=3,
            max_length=40,
            pattern=r"^[A-Za-z0-9-]+$",
            description="Find the complaint with this SP4N-LAPOR! id (0 or 1 item)",
        ),
    ] = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=4096)] = None


class ReporterOut(ResponseModel):
    name: str
    phone: str | None
    email: str | None
    masked: bool


class MessageOut(ResponseModel):
    at: datetime
    sender: Literal["bureau", "reporter"]
    text: str


class AnswerOut(ResponseModel):
    text: str
    channel: str
    at: datetime
    by: str


class RatingOut(ResponseModel):
    score: int
    comment: str | None
    at: datetime


class ComplaintOut(CodedOut):
    status: str
    version: int
    channel: str
    privacy: str
    reporter: ReporterOut | None
    subject: str
    description: str
    evidence_upload_ids: list[str]
    lapor_tracking_id: str | None
    class_: Annotated[str | None, Field(serialization_alias="class")]
    assignee: str | None
    received_at: datetime
    due_at: datetime
    sla: SlaOut
    escalations: list[EscalationOut]
    answer: AnswerOut | None
    reject_reason: str | None
    forwarded_to: str | None
    forward_note: str | None
    rating: RatingOut | None
    messages: list[MessageOut]
    timeline: list[TimelineOut]
    created_by: str
    access_token: Annotated[str | None, Field(description="Staff intake only, shown once")] = None


class ComplaintSummary(CodedOut):
    status: str
    version: int
    channel: str
    subject: str
    class_: Annotated[str | None, Field(serialization_alias="class")]
    assignee: str | None
    received_at: datetime
    due_at: datetime
    sla: SlaOut


class ComplaintPage(ResponseModel):
    items: list[ComplaintSummary]
    next_cursor: str | None


def _staff(ctx: Ctx) -> Staff:
    from chalicelib.services.complaints import Staff

    assert ctx.principal is not None
    return Staff(ctx.principal.sub, ctx.principal.roles)


def _reporter_out(c: Complaint, roles: frozenset[str]) -> ReporterOut | None:
    from chalicelib.domain.complaint import mask

    r = c.reporter
    if r is None:
        return None
    if c.privacy == "confidential" and "complaint_officer" not in roles:
        return ReporterOut(
            name=mask(r.name) or "", phone=mask(r.phone), email=mask(r.email), masked=True
        )
    return ReporterOut(name=r.name, phone=r.phone, email=r.email, masked=False)


def complaint_out(
    c: Complaint, roles: frozenset[str], now: datetime, token: str | None = None
) -> ComplaintOut:
    settings = get_settings()
    tz, cal, policy = settings.tz, bootstrap.calendar_service().calendar(), settings.sla_policy()
    a, rating = c.answer, c.rating
    return ComplaintOut(
        code=c.code,
        status=c.status,
        version=c.version,
        channel=c.channel,
        privacy=c.privacy,
        reporter=_reporter_out(c, roles),
        subject=c.subject,
        description=c.description,
        evidence_upload_ids=list(c.evidence_upload_ids),
        lapor_tracking_id=c.lapor_tracking_id,
        class_=c.classification,
        assignee=c.assignee,
        received_at=c.track.received_at.astimezone(tz),
        due_at=c.track.due_at.astimezone(tz),
        sla=sla_out(c.track, now, cal, policy),
        escalations=escalations_out(c.track, cal),
        answer=None
        if a is None
        else AnswerOut(text=a.text, channel=a.channel, at=a.at.astimezone(tz), by=a.by),
        reject_reason=c.reject_reason,
        forwarded_to=c.forwarded_to,
        forward_note=c.forward_note,
        rating=None
        if rating is None
        else RatingOut(score=rating.score, comment=rating.comment, at=rating.at.astimezone(tz)),
        messages=[
            MessageOut.model_validate(
                {"at": m.at.astimezone(tz), "sender": m.sender, "text": m.text}
            )
            for m in c.messages
        ],
        timeline=timeline_out(c.timeline, tz),
        created_by=c.created_by,
        access_token=token,
    )


def _reply(ctx: Ctx, c: Complaint, status: int = 200, token: str | None = None) -> Reply:
    assert ctx.principal is not None
    return Reply(
        complaint_out(c, ctx.principal.roles, ctx.now, token),
        status=status,
        headers={"ETag": f'"{c.version}"'},
    )


def _new(body: ComplaintCreate) -> NewComplaint:
    from chalicelib.domain.complaint import Reporter
    from chalicelib.services.complaints import NewComplaint

    r = body.reporter
    extra: dict[str, Any] = {}
    if isinstance(body, StaffComplaintCreate):
        extra = {
            "channel": body.channel,
            "received_at": body.received_at,
            "lapor_tracking_id": body.lapor_tracking_id,
        }
    return NewComplaint(
        subject=body.subject,
        description=body.description,
        privacy=body.privacy,
        reporter=None if r is None else Reporter(r.name, r.phone, r.email),
        evidence_upload_ids=tuple(body.evidence_upload_ids),
        **extra,
    )


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
    tz = get_settings().tz

    def create(token: str) -> dict[str, Any]:
        c = bootstrap.complaint_service().submit(_new(body), "public", token, ctx.now)
        return {
            "tracking_code": c.code,
            "status": c.status,
            "received_at": c.track.received_at.astimezone(tz).isoformat(),
            "due_at": c.track.due_at.astimezone(tz).isoformat(),
        }

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
    c = bootstrap.complaint_service().submit(_new(body), ctx.actor, token, ctx.now)
    return _reply(ctx, c, status=201, token=token)


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
    from chalicelib.domain.sla import view
    from chalicelib.services.ports import Page

    settings = get_settings()
    staff = _staff(ctx)
    scope = f"complaints:{staff.sub if staff.team_only else 'all'}:{query.status}:{query.class_}:{query.sla}"
    position = decode_cursor(query.cursor, scope, settings.cursor_secret)
    if query.lapor_id:
        found = bootstrap.complaint_service().by_lapor(staff, query.lapor_id)
        page = Page([found] if found else [], None)
    else:
        page = bootstrap.complaint_service().queue(
            staff, [query.status] if query.status else None, query.class_, query.limit, position
        )
    note_unreadable("complaint", page.unreadable)
    cal, policy, tz = bootstrap.calendar_service().calendar(), settings.sla_policy(), settings.tz
    items = []
    for c in page.items:
        if query.sla and view(c.track, ctx.now, cal, policy).state != query.sla:
            continue
        items.append(
            ComplaintSummary(
                code=c.code,
                status=c.status,
                version=c.version,
                channel=c.channel,
                subject=c.subject,
                class_=c.classification,
                assignee=c.assignee,
                received_at=c.track.received_at.astimezone(tz),
                due_at=c.track.due_at.astimezone(tz),
                sla=sla_out(c.track, ctx.now, cal, policy),
            )
        )
    return ComplaintPage(
        items=items, next_cursor=encode_cursor(page.position, scope, settings.cursor_secret)
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
    return _reply(ctx, bootstrap.complaint_service().get(code, _staff(ctx)))


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/classify",
    summary="Classify (or reclassify); recomputes due_at from the time of receipt",
    tag="complaints",
    roles=TRIAGE,
    body=ClassifyIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def classify_complaint(ctx: Ctx, code: str, body: ClassifyIn) -> Reply:
    c = bootstrap.complaint_service().classify(
        code, body.class_, body.note, _staff(ctx), ctx.now, ctx.if_match()
    )
    return _reply(ctx, c)


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/assign",
    summary="Assign to a complaint-team member",
    tag="complaints",
    roles=TRIAGE,
    body=AssignIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def assign_complaint(ctx: Ctx, code: str, body: AssignIn) -> Reply:
    c = bootstrap.complaint_service().assign(
        code, body.assignee, _staff(ctx), ctx.now, ctx.if_match()
    )
    return _reply(ctx, c)


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/request-info",
    summary="Ask the reporter for more information; the clock pauses",
    tag="complaints",
    roles=HANDLE,
    body=MessageIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def request_info(ctx: Ctx, code: str, body: MessageIn) -> Reply:
    c = bootstrap.complaint_service().request_info(
        code, body.message, _staff(ctx), ctx.now, ctx.if_match()
    )
    return _reply(ctx, c)


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/answer",
    summary="Answer the reporter; the clock stops",
    tag="complaints",
    roles=HANDLE,
    body=AnswerIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def answer_complaint(ctx: Ctx, code: str, body: AnswerIn) -> Reply:
    c = bootstrap.complaint_service().answer(
        code, body.answer, body.channel, _staff(ctx), ctx.now, ctx.if_match()
    )
    return _reply(ctx, c)


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/close",
    summary="Close an answered complaint",
    tag="complaints",
    roles=TRIAGE,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def close_complaint(ctx: Ctx, code: str) -> Reply:
    return _reply(
        ctx, bootstrap.complaint_service().close(code, _staff(ctx), ctx.now, ctx.if_match())
    )


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/reject",
    summary="Reject (out of scope, duplicate, abusive), with a reason",
    tag="complaints",
    roles=TRIAGE,
    body=RejectIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def reject_complaint(ctx: Ctx, code: str, body: RejectIn) -> Reply:
    return _reply(
        ctx,
        bootstrap.complaint_service().reject(
            code, body.reason, _staff(ctx), ctx.now, ctx.if_match()
        ),
    )


@endpoint(
    bp,
    "POST",
    "/v1/admin/complaints/{code}/forward",
    summary="Forward to the agency it belongs to",
    tag="complaints",
    roles=TRIAGE,
    body=ForwardIn,
    response=ComplaintOut,
    errors=(404, 409, 412),
    etag=True,
)
def forward_complaint(ctx: Ctx, code: str, body: ForwardIn) -> Reply:
    c = bootstrap.complaint_service().forward(
        code, body.to_agency, body.note, _staff(ctx), ctx.now, ctx.if_match()
    )
    return _reply(ctx, c)


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
        bootstrap.complaint_service().trail(code, _staff(ctx)), f"audit:{code}", query
    )
