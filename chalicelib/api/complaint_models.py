"""Pengaduan: the request and response models of the complaint routes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from chalicelib.api.common import (
    CodedOut,
    Email,
    Phone,
    RatingOut,
    Reason,
    SaneTime,
    TimelineOut,
    UploadId,
    received_rule_problems,
)
from chalicelib.api.letter_files import ReplyLetterOut
from chalicelib.api.problems import FieldProblem
from chalicelib.api.sla_models import EscalationOut, SlaOut
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.domain.vocabulary import (
    AnswerChannel,
    ComplaintClass,
    ComplaintStatus,
    OfflineChannel,
    Privacy,
    SlaState,
)

# The API's words are the domain's (domain/vocabulary.py).
Class = ComplaintClass
Status = ComplaintStatus


class ReporterIn(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    phone: Phone | None = None
    email: Email | None = None


class ComplaintCreate(RequestModel):
    subject: Annotated[str, Field(min_length=3, max_length=200)]
    description: Annotated[str, Field(min_length=10, max_length=8000)]
    privacy: Privacy
    reporter: ReporterIn | None = None
    evidence_upload_ids: Annotated[list[UploadId], Field(max_length=5)] = Field(
        default_factory=list
    )

    @classmethod
    def cross_field_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """`reporter` only without `anonymous` and always with it; no upload named twice
        (the domain's intake_problems)."""
        return _intake_problems(data, channel=None)


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
        return _intake_problems(data, channel=data.get("channel"))


def _intake_problems(data: dict[str, Any], channel: object) -> list[FieldProblem]:
    from chalicelib.domain.complaint import intake_problems

    errors = intake_problems(
        data.get("privacy"),
        data.get("reporter"),
        data.get("evidence_upload_ids"),
        channel,
        data.get("lapor_tracking_id"),
    )
    return [FieldProblem(e.field, e.message_key, dict(e.params)) for e in errors]


class ClassifyIn(RequestModel):
    class_: Annotated[Class, Field(alias="class")]
    note: Annotated[str | None, Field(max_length=1000)] = None


class AssignIn(RequestModel):
    assignee: Annotated[
        str, Field(min_length=1, max_length=128, description="The staff member's `sub`")
    ]


class AnswerIn(RequestModel):
    answer: Annotated[str, Field(min_length=3, max_length=8000)]
    channel: AnswerChannel


class RejectIn(RequestModel):
    reason: Reason


class ForwardIn(RequestModel):
    to_agency: Annotated[str, Field(min_length=2, max_length=200)]
    note: Annotated[str | None, Field(max_length=1000)] = None


class ComplaintQuery(RequestModel):
    status: Status | None = None
    class_: Annotated[Class | None, Field(alias="class")] = None
    sla: SlaState | None = None
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
    by_name: Annotated[str | None, Field(description="Full name (staff directory) of `by`")]


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
    assignee_name: Annotated[
        str | None, Field(description="Full name (staff directory) of the assignee")
    ]
    received_at: datetime
    due_at: datetime
    sla: SlaOut
    escalations: list[EscalationOut]
    answer: AnswerOut | None
    reply_letter: Annotated[
        ReplyLetterOut | None,
        Field(
            description="The signed answer letter issued with the answer (kind complaint_answer)"
        ),
    ] = None
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
    assignee_name: Annotated[
        str | None, Field(description="Full name (staff directory) of the assignee")
    ]
    received_at: datetime
    due_at: datetime
    sla: SlaOut


class ComplaintPage(ResponseModel):
    items: list[ComplaintSummary]
    next_cursor: str | None
