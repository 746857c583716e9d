"""Fasilitasi audiensi: the request and response models of the audience routes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import (
    CodedOut,
    Email,
    Phone,
    RatingOut,
    Reason,
    SaneTime,
    TimelineOut,
    UploadId,
    raw_time,
    received_rule_problems,
)
from chalicelib.api.letter_files import ReplyLetterOut
from chalicelib.api.problems import FieldProblem
from chalicelib.api.sla_models import EscalationOut, SlaOut
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.vocabulary import AudienceStatus, InstitutionType

Text = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class ContactIn(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    position: Annotated[str, Field(min_length=1, max_length=120, description="Jabatan")]
    phone: Phone
    email: Email


class AudienceCreate(RequestModel):
    institution_name: Text
    institution_type: InstitutionType
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


class StaffContactIn(ContactIn):
    """A walk-in's contact: most visitors give a phone number and no e-mail address, so the
    e-mail is optional here (the phone stays required; notices then reach them by phone)."""

    email: Annotated[Email | None, Field(description="Optional for a walk-in")] = None  # type: ignore[assignment]


class StaffAudienceCreate(AudienceCreate):
    contact: StaffContactIn  # a walk-in's e-mail is optional
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


def meeting_rule_problems(data: dict[str, Any], now: datetime) -> list[FieldProblem]:
    """A meeting's time rules on a raw body (RequestModel.rule_problems): only when both
    `start` and `end` parse; a store that cannot answer for the calendar leaves them to the
    service (never a 5xx for a 400)."""
    from chalicelib.domain.audience import meeting_problems
    from chalicelib.domain.errors import AppError

    start, end = raw_time(data.get("start")), raw_time(data.get("end"))
    if start is None or end is None:
        return []
    try:  # the calendar reads the bureau's overrides from storage on first use
        cal = bootstrap.calendar_service().calendar()
        errors = meeting_problems(start, end, now, cal)
    except AppError:
        return []
    return [FieldProblem(e.field, e.message_key, dict(e.params)) for e in errors]


Day = date  # the field below is called `date`: its annotation needs another name


class ReplyLetterIn(RequestModel):
    number: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=100,
            description="Only for a number issued outside the system (checked unique); "
            "omitted, the letter takes the year's next number (LETTER_NUMBER_PATTERN)",
        ),
    ] = None
    date: Annotated[Day | None, Field(description="The letter's date (local); omitted: today")] = (
        None
    )
    body: Annotated[
        str | None,
        Field(min_length=1, max_length=4000, description="An extra paragraph for the letter"),
    ] = None


class ScheduleIn(RequestModel):
    start: SaneTime
    end: SaneTime
    room: Annotated[str, Field(min_length=1, max_length=100)]
    bureau_attendees: Annotated[list[Text], Field(min_length=1, max_length=30)]
    reply_letter: ReplyLetterIn = ReplyLetterIn()

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """The meeting's time rules (working day, office hours, slots, order; the domain's
        meeting_problems) when `start` and `end` parse, so a body with other bad fields names
        the holiday at once too (issue 17: errors one at a time)."""
        return meeting_rule_problems(data, datetime.now(UTC))


class DeclineIn(RequestModel):
    reason: Reason
    reply_letter: ReplyLetterIn = ReplyLetterIn()


class CancelIn(RequestModel):
    reason: Reason


class ListQuery(RequestModel):
    status: AudienceStatus | None = None
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


class ContactOut(ResponseModel):
    name: str
    position: str
    phone: str
    email: str | None


class ScheduleOut(ResponseModel):
    start: datetime
    end: datetime
    room: str
    bureau_attendees: list[str]
    sequence: int


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
