"""Request/response pieces shared by the audience and complaint routes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, Field, computed_field
from pydantic_core import PydanticCustomError

from chalicelib.api.problems import FieldProblem
from chalicelib.api.validation import WORD, RequestModel, ResponseModel

if TYPE_CHECKING:
    from chalicelib.domain.public import TimelineEntry


def _e164(value: str) -> str:
    """The typed number in E.164 (domain/phone.py); PydanticCustomError `phone_invalid`."""
    from chalicelib.domain.phone import InvalidPhoneNumber, to_e164

    try:
        return to_e164(value)
    except InvalidPhoneNumber:
        raise PydanticCustomError("phone_invalid", "is not a phone number") from None


Phone = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        examples=["0812-3456-7890"],
        description="Written any usual way (0812-3456-7890, +62 812 3456 7890); stored and "
        "answered in E.164 (+6281234567890)",
    ),
    AfterValidator(_e164),
]
Email = Annotated[
    str,
    Field(max_length=254, pattern=f"^{WORD}@{WORD}\\.{WORD}$", examples=["nama@instansi.go.id"]),
]
# An upload as a submission names it: the ticket's `upload_id` and `upload_secret` joined by a
# dot (issue 17, point 15: the id alone, which staff screens and audit lines show, is useless).
UploadId = Annotated[
    str,
    Field(
        min_length=10,
        max_length=105,
        pattern=r"^[A-Z0-9]{8,40}\.[A-Za-z0-9_-]{16,64}$",
        description="`<upload_id>.<upload_secret>`, both from the upload's ticket (POST /v1/uploads)",
        examples=["UP2612060001ABCD.q3Zk7bYv0pW1xN4sT8uR2mLc5eHf9dJa"],
    ),
]
Reason = Annotated[str, Field(min_length=3, max_length=1000)]


def sane_range() -> tuple[date, date]:
    """The first and last local date a request's time or date may fall on: from
    SANE_TIME_FROM (default 2000-01-01) to SANE_TIME_AHEAD_DAYS (default 366) after today.
    A time outside it is a typo, never a real receipt or meeting, and some would overflow
    the clock's arithmetic (0001-01-01T00:00:00+07:00 is before UTC's first day)."""
    from chalicelib.config import get_settings

    settings = get_settings()
    today = datetime.now(UTC).astimezone(settings.tz).date()
    return settings.sane_time_from, today + timedelta(days=settings.sane_time_ahead_days)


def _out_of_range(kind: str, first: date, last: date) -> PydanticCustomError:
    return PydanticCustomError(
        f"{kind}_out_of_range",
        f"{kind} must be between {{min}} and {{max}}",
        {"min": first.isoformat(), "max": last.isoformat()},
    )


def _sane_time(value: datetime) -> datetime:
    from chalicelib.config import get_settings

    first, last = sane_range()
    tz = get_settings().tz
    lower = datetime.combine(first, time(0, 0), tzinfo=tz)
    upper = datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=tz)
    if not lower <= value < upper:  # aware comparison: no conversion, no overflow
        raise _out_of_range("time", first, last)
    return value


def _sane_date(value: date) -> date:
    first, last = sane_range()
    if not first <= value <= last:
        raise _out_of_range("date", first, last)
    return value


SaneTime = Annotated[
    AwareDatetime,
    AfterValidator(_sane_time),
    Field(description="RFC 3339 with offset, from SANE_TIME_FROM to a year ahead"),
]
SaneDate = Annotated[date, AfterValidator(_sane_date)]


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


# The public notes the domain writes on a timeline (domain/complaint.py and domain/audience.py
# PUBLIC_NOTES, stored in Indonesian) in English, for a reader who asked for English.
PUBLIC_NOTES_EN = {
    "Pengaduan diterima": "Complaint received",
    "Pengaduan diklasifikasikan": "Complaint classified",
    "Klasifikasi pengaduan diperbarui": "Complaint's class updated",
    "Pengaduan sedang ditangani tim": "The complaints team is handling the complaint",
    "Menunggu informasi tambahan dari pelapor": "Waiting for more information from the reporter",
    "Informasi tambahan diterima; penanganan dilanjutkan": (
        "More information received; handling continues"
    ),
    "Jawaban pengaduan telah diberikan": "The complaint has been answered",
    "Pengaduan ditutup": "Complaint closed",
    "Pengaduan tidak dapat diproses": "The complaint cannot be processed",
    "Pengaduan diteruskan ke instansi yang berwenang": (
        "Complaint forwarded to the competent agency"
    ),
    "Permohonan diterima": "Request received",
    "Permohonan sedang ditelaah": "The request is being reviewed",
    "Audiensi dijadwalkan; surat jawaban diterbitkan": (
        "Audience scheduled; the reply letter is issued"
    ),
    "Jadwal audiensi diubah": "The audience's schedule changed",
    "Permohonan tidak dapat difasilitasi; surat jawaban diterbitkan": (
        "The request cannot be granted; the reply letter is issued"
    ),
    "Audiensi telah dilaksanakan": "The audience took place",
    "Audiensi dibatalkan": "Audience cancelled",
}


def timeline_out(
    entries: Sequence[TimelineEntry], tz: ZoneInfo, lang: str = "id"
) -> list[TimelineOut]:
    """The public timeline in local time, its notes in `lang` ("en": PUBLIC_NOTES_EN; a note
    without an English text stays as written)."""

    def note(text: str) -> str:
        return PUBLIC_NOTES_EN.get(text, text) if lang == "en" else text

    return [
        TimelineOut(at=t.at.astimezone(tz), status=t.status, note=note(t.note)) for t in entries
    ]


# The citizen's rating of a finished item (1-5), in local time (no docstring: it would
# become the schema's description in /openapi.json).
class RatingOut(ResponseModel):
    score: int
    comment: str | None
    at: datetime


def note_unreadable(kind: str, codes: Sequence[str]) -> None:
    """Log (codes only, never content) and count the stored items a list left out because
    they could not be read back: the list still answers, and an alarm on the
    `UnreadableItems` metric tells the admin which item to repair."""
    if not codes:
        return
    from aws_lambda_powertools.metrics import MetricUnit

    from chalicelib.observability import logger, metrics

    logger.warning(
        "unreadable stored items left out of a list", extra={"kind": kind, "codes": list(codes)}
    )
    metrics.add_metric(name="UnreadableItems", unit=MetricUnit.Count, value=len(codes))


def raw_time(value: Any) -> datetime | None:
    """An RFC 3339 time with an offset from a raw JSON value, in UTC; None for anything else
    (for `rule_problems`, which see a body that failed validation)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
        return parsed.astimezone(UTC) if parsed.tzinfo is not None else None
    except (ValueError, OverflowError):  # 0001-01-01T00:00:00+07:00 is before UTC's first day
        return None


def received_rule_problems(data: dict[str, Any], now: datetime) -> list[FieldProblem]:
    """A staff entry's `received_at` must not be in the future (the services' rule, seen on a
    raw body: see RequestModel.rule_problems)."""
    received = raw_time(data.get("received_at"))
    if received is not None and received > now:
        return [FieldProblem("received_at", "in_future")]
    return []
