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
from chalicelib.api.problems import FieldProblem
from chalicelib.api.sla_models import EscalationOut, SlaOut
from chalicelib.api.validation import RequestModel, ResponseModel

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
