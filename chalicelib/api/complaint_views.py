"""Pengaduan: the mappers between the domain's Complaint and the route models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chalicelib import bootstrap
from chalicelib.api.common import RatingOut, timeline_out
from chalicelib.api.complaint_models import (
    AnswerOut,
    ComplaintCreate,
    ComplaintOut,
    ComplaintSummary,
    MessageOut,
    ReporterOut,
    StaffComplaintCreate,
)
from chalicelib.api.http import Ctx, Reply
from chalicelib.api.sla_models import escalations_out, sla_out
from chalicelib.config import get_settings

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from chalicelib.api.letter_files import ReplyLetterOut
    from chalicelib.domain.complaint import Complaint
    from chalicelib.services.complaints import NewComplaint, Staff


def staff_of(ctx: Ctx) -> Staff:
    from chalicelib.services.complaints import Staff

    assert ctx.principal is not None
    return Staff(ctx.principal.sub, ctx.principal.roles)


def reporter_out(c: Complaint, roles: frozenset[str]) -> ReporterOut | None:
    """The reporter as staff with `roles` may see them (the domain's access rule)."""
    from chalicelib.domain.complaint import reporter_seen_by

    r, masked = reporter_seen_by(c, roles)
    if r is None:
        return None
    return ReporterOut(name=r.name, phone=r.phone, email=r.email, masked=masked)


def complaint_out(
    c: Complaint, roles: frozenset[str], now: datetime, token: str | None = None, lang: str = "id"
) -> ComplaintOut:
    from chalicelib.api.staff import staff_names

    settings = get_settings()
    tz, cal, policy = settings.tz, bootstrap.calendar_service().calendar(), settings.sla_policy()
    a, rating = c.answer, c.rating
    names = staff_names([c.assignee, a.by if a else None])
    return ComplaintOut(
        code=c.code,
        status=c.status,
        version=c.version,
        channel=c.channel,
        privacy=c.privacy,
        reporter=reporter_out(c, roles),
        subject=c.subject,
        description=c.description,
        evidence_upload_ids=list(c.evidence_upload_ids),
        lapor_tracking_id=c.lapor_tracking_id,
        class_=c.classification,
        assignee=c.assignee,
        assignee_name=names.get(c.assignee or ""),
        received_at=c.track.received_at.astimezone(tz),
        due_at=c.track.due_at.astimezone(tz),
        sla=sla_out(c.track, now, cal, policy),
        escalations=escalations_out(c.track, cal),
        answer=None
        if a is None
        else AnswerOut(
            text=a.text,
            channel=a.channel,
            at=a.at.astimezone(tz),
            by=a.by,
            by_name=names.get(a.by),
        ),
        reply_letter=answer_letter_out(c, tz),
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
        timeline=timeline_out(c.timeline, tz, lang),
        created_by=c.created_by,
        access_token=token,
    )


def answer_letter_out(c: Complaint, tz: ZoneInfo) -> ReplyLetterOut | None:
    """The answer letter as staff see it: its number, date (local), the answer, its id and
    the staff download path; None before the answer or where no letter was issued."""
    from chalicelib.api.letter_files import ReplyLetterOut

    a = c.answer
    if a is None or not a.letter_id:
        return None
    return ReplyLetterOut(
        number=a.letter_number or "",
        date=a.at.astimezone(tz).date(),
        body=a.text,
        id=a.letter_id,
        pdf_url=f"/v1/admin/complaints/{c.code}/letter.pdf",
    )


def complaint_summaries(items: Sequence[Complaint], now: datetime) -> list[ComplaintSummary]:
    """The queue's rows (the SLA as of `now`, UTC); times in local time. Filters are the
    store's (ComplaintService.queue), never applied here after the page is cut."""
    from chalicelib.api.staff import staff_names

    settings = get_settings()
    cal, policy, tz = bootstrap.calendar_service().calendar(), settings.sla_policy(), settings.tz
    # One directory read for the page's assignees (none when nothing is assigned).
    names = staff_names(c.assignee for c in items)
    rows = []
    for c in items:
        rows.append(
            ComplaintSummary(
                code=c.code,
                status=c.status,
                version=c.version,
                channel=c.channel,
                subject=c.subject,
                class_=c.classification,
                assignee=c.assignee,
                assignee_name=names.get(c.assignee or ""),
                received_at=c.track.received_at.astimezone(tz),
                due_at=c.track.due_at.astimezone(tz),
                sla=sla_out(c.track, now, cal, policy),
            )
        )
    return rows


def complaint_reply(ctx: Ctx, c: Complaint, status: int = 200, token: str | None = None) -> Reply:
    assert ctx.principal is not None
    return Reply(
        complaint_out(c, ctx.principal.roles, ctx.now, token, ctx.lang),
        status=status,
        headers={"ETag": f'"{c.version}"'},
    )


def new_complaint(body: ComplaintCreate) -> NewComplaint:
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
