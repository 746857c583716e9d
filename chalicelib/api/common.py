"""Request/response pieces shared by the audience and complaint routes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import Field, computed_field

from chalicelib.api.http import WORD, RequestModel, ResponseModel
from chalicelib.domain.public import TimelineEntry

Phone = Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ()-]{5,19}$", examples=["0812-3456-7890"])]
Email = Annotated[
    str,
    Field(max_length=254, pattern=f"^{WORD}@{WORD}\\.{WORD}$", examples=["nama@instansi.go.id"]),
]
UploadId = Annotated[str, Field(min_length=8, max_length=40, pattern=r"^[A-Z0-9]+$")]
Reason = Annotated[str, Field(min_length=3, max_length=1000)]


class MessageIn(RequestModel):
    """A message to or from the reporter (request-info, the reporter's added information)."""

    message: Annotated[str, Field(min_length=3, max_length=4000)]


class CodedOut(ResponseModel):
    """A staff view of an audience or a complaint: its code as `tracking_code`, like every
    other response, and as `code` (the same value, kept for clients written before)."""

    code: Annotated[str, Field(description="The same as tracking_code (kept for older clients)")]

    @computed_field(description="The item's tracking code, e.g. PGD-2611-7KQ3MX")  # type: ignore[prop-decorator]
    @property
    def tracking_code(self) -> str:
        return self.code


class SubmissionOut(ResponseModel):
    """What a citizen gets once: keep the access token, it is not shown again."""

    tracking_code: str
    access_token: Annotated[str, Field(description="Shown once; send as X-Access-Token")]
    status: str
    received_at: datetime
    due_at: datetime


class TimelineOut(ResponseModel):
    at: datetime
    status: str
    note: str


def timeline_out(entries: Sequence[TimelineEntry], tz: ZoneInfo) -> list[TimelineOut]:
    """The public timeline in local time."""
    return [TimelineOut(at=t.at.astimezone(tz), status=t.status, note=t.note) for t in entries]


class AuditOut(ResponseModel):
    at: datetime
    actor: str
    action: str
    from_: Annotated[str | None, Field(alias="from", serialization_alias="from")]
    to: str | None
    note: str | None


class AuditPage(ResponseModel):
    items: list[AuditOut]
    next_cursor: str | None
