"""Fasilitasi audiensi: the mappers between the domain's Audience and the route models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chalicelib import bootstrap
from chalicelib.api.audience_models import (
    AudienceCreate,
    AudienceOut,
    AudienceSummary,
    ContactOut,
    ReplyLetterIn,
    ScheduleIn,
    ScheduleOut,
    StaffAudienceCreate,
)
from chalicelib.api.common import RatingOut, timeline_out
from chalicelib.api.http import Reply
from chalicelib.api.letter_files import ReplyLetterOut
from chalicelib.api.sla_models import escalations_out, sla_out
from chalicelib.config import get_settings

if TYPE_CHECKING:
    from chalicelib.domain.audience import Audience, Schedule
    from chalicelib.domain.letter import LetterRequest
    from chalicelib.services.audiences import NewAudience


def schedule_out(a: Audience, tz: Any) -> ScheduleOut | None:
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


def audience_out(
    a: Audience, now: datetime, token: str | None = None, lang: str = "id"
) -> AudienceOut:
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
        schedule=schedule_out(a, tz),
        reply_letter=None
        if letter is None
        else ReplyLetterOut(
            number=letter.number,
            date=letter.date,
            body=letter.body,
            id=letter.id,
            pdf_url=f"/v1/admin/audiences/{a.code}/letter.pdf" if letter.id else None,
        ),
        decline_reason=a.decline_reason,
        cancel_reason=a.cancel_reason,
        rating=None
        if rating is None
        else RatingOut(score=rating.score, comment=rating.comment, at=rating.at.astimezone(tz)),
        timeline=timeline_out(a.timeline, tz, lang),
        created_by=a.created_by,
        access_token=token,
    )


def audience_summaries(items: Sequence[Audience], now: datetime) -> list[AudienceSummary]:
    """The queue's rows: times in local time, the SLA as of `now` (UTC)."""
    settings = get_settings()
    cal, policy, tz = bootstrap.calendar_service().calendar(), settings.sla_policy(), settings.tz
    return [
        AudienceSummary(
            code=a.code,
            status=a.status,
            version=a.version,
            institution_name=a.institution_name,
            topic=a.topic,
            received_at=a.track.received_at.astimezone(tz),
            due_at=a.track.due_at.astimezone(tz),
            sla=sla_out(a.track, now, cal, policy),
            schedule=schedule_out(a, tz),
        )
        for a in items
    ]


def audience_reply(
    a: Audience, now: datetime, status: int = 200, token: str | None = None, lang: str = "id"
) -> Reply:
    """The staff's view of one request with its ETag; the timeline's notes in `lang` (the
    reader's Accept-Language, "id" or "en")."""
    return Reply(
        audience_out(a, now, token, lang), status=status, headers={"ETag": f'"{a.version}"'}
    )


def new_audience(body: AudienceCreate) -> NewAudience:
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


def reply_letter(body: ReplyLetterIn) -> LetterRequest:
    """What staff asked of the letter: a typed number or none, a date or today, a note."""
    from chalicelib.domain.letter import LetterRequest

    return LetterRequest(body.number, body.date, body.body)


def schedule_of(body: ScheduleIn) -> Schedule:
    """The meeting a schedule request names (times as sent, with their offsets)."""
    from chalicelib.domain.audience import Schedule

    return Schedule(body.start, body.end, body.room, tuple(body.bureau_attendees))
