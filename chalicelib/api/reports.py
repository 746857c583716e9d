"""The monthly recap, as JSON or as a CSV/Excel download in words of the reader's language
(CSV with the separators of its regional settings: api/spreadsheet.py); and the open and
overdue items of both services now."""

from __future__ import annotations

import functools
import json
from datetime import datetime
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import note_unreadable
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.spreadsheet import CSV_TYPE, XLSX_TYPE, Cell, Sheet, download
from chalicelib.api.validation import RequestModel, ResponseModel

if TYPE_CHECKING:
    from chalicelib.domain.report import MonthlyReport

bp = Blueprint(__name__)

READ = frozenset({"complaint_officer", "supervisor", "admin"})


class ReportQuery(RequestModel):
    month: Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]
    format: Literal["json", "csv", "xlsx"] = "json"
    recount: Annotated[
        bool,
        Field(
            description="true: count again from every stored item of the month (slow: reads "
            "them all; names the unreadable ones) instead of the kept counts, to check them"
        ),
    ] = False


class TimelinessOut(ResponseModel):
    on_time: int
    late: int


class ComplaintsReport(ResponseModel):
    received: int
    by_class: dict[str, int]
    by_channel: dict[str, int]
    by_state: dict[str, int]
    answered_by_class: dict[str, TimelinessOut]
    median_office_minutes_to_answer: float | None
    median_working_days_to_answer: float | None
    average_rating: float | None
    ratings: int
    conversations_dismissed: Annotated[
        int,
        Field(
            description="WhatsApp and e-mail conversations of the month the officer dismissed "
            "as not a complaint (not among `received`)"
        ),
    ] = 0


class AudiencesReport(ResponseModel):
    received: int
    by_channel: dict[str, int]
    by_state: dict[str, int]
    scheduled: int
    declined: int
    on_time: int
    late: int
    average_rating: float | None
    ratings: int


class MonthlyReportOut(ResponseModel):
    month: str
    complaints: ComplaintsReport
    audiences: AudiencesReport
    unreadable: Annotated[
        list[str],
        Field(
            description="Codes of this month's stored items that could not be read back: left "
            "out of every figure above (which is then incomplete) until an admin repairs them"
        ),
    ]


class ServiceNow(ResponseModel):
    open: Annotated[int, Field(description="Items in an open state (the open queue)")]
    overdue: Annotated[
        int, Field(description="Of those, past their deadline with the clock running")
    ]


class OpenNowOut(ResponseModel):
    at: datetime
    complaints: ServiceNow
    audiences: ServiceNow


def _out(r: MonthlyReport) -> MonthlyReportOut:
    return MonthlyReportOut(
        month=r.month,
        complaints=ComplaintsReport(
            received=r.complaints_received,
            by_class=dict(sorted(r.by_class.items())),
            by_channel=dict(sorted(r.by_channel.items())),
            by_state=dict(sorted(r.by_state.items())),
            answered_by_class={
                k: TimelinessOut(on_time=v.on_time, late=v.late)
                for k, v in sorted(r.answered_by_class.items())
            },
            median_office_minutes_to_answer=r.median_office_minutes_to_answer,
            median_working_days_to_answer=r.median_working_days_to_answer,
            average_rating=r.average_rating,
            ratings=r.ratings,
            conversations_dismissed=r.conversations_dismissed,
        ),
        audiences=AudiencesReport(
            received=r.audiences_received,
            by_channel=dict(sorted(r.audiences_by_channel.items())),
            by_state=dict(sorted(r.audiences_by_state.items())),
            scheduled=r.audiences_scheduled,
            declined=r.audiences_declined,
            on_time=r.audiences_on_time,
            late=r.audiences_late,
            average_rating=r.audience_average_rating,
            ratings=r.audience_ratings,
        ),
        unreadable=sorted(r.unreadable),
    )


@functools.cache
def _labels() -> dict[str, Any]:
    """The downloads' words per language (chalicelib/data/report_labels.json)."""
    text = resources.files("chalicelib.data").joinpath("report_labels.json").read_text("utf-8")
    labels: dict[str, Any] = json.loads(text)
    return labels


def _sheet(r: MonthlyReportOut, lang: str) -> Sheet:
    """Long format: one figure a row, every section and code value in words of `lang`
    (the JSON keeps the codes); numbers stay numbers."""
    words = _labels()["en" if lang == "en" else "id"]
    sec, fig = words["section"], words["figure"]

    def name(group: str, code: str) -> str:
        return str(words[group].get(code, code))

    rows: list[tuple[str, str, Cell]] = []
    c, a = r.complaints, r.audiences
    rows.append((sec["complaints"], fig["received"], c.received))
    rows += [(sec["complaints_by_class"], name("class", k), v) for k, v in c.by_class.items()]
    rows += [(sec["complaints_by_channel"], name("channel", k), v) for k, v in c.by_channel.items()]
    rows += [(sec["complaints_by_state"], name("status", k), v) for k, v in c.by_state.items()]
    for k, t in c.answered_by_class.items():
        rows += [
            (sec["answered_on_time"], name("class", k), t.on_time),
            (sec["answered_late"], name("class", k), t.late),
        ]
    rows.append((sec["median"], fig["office_minutes"], c.median_office_minutes_to_answer))
    rows.append((sec["median"], fig["working_days"], c.median_working_days_to_answer))
    rows.append((sec["complaint_rating"], fig["average"], c.average_rating))
    rows.append((sec["complaint_rating"], fig["ratings"], c.ratings))
    rows.append((sec["complaints"], fig["dismissed"], c.conversations_dismissed))
    rows.append((sec["audiences"], fig["received"], a.received))
    rows += [(sec["audiences_by_channel"], name("channel", k), v) for k, v in a.by_channel.items()]
    rows += [(sec["audiences_by_state"], name("status", k), v) for k, v in a.by_state.items()]
    rows += [
        (sec["audiences"], fig["scheduled"], a.scheduled),
        (sec["audiences"], fig["declined"], a.declined),
        (sec["audiences"], fig["on_time"], a.on_time),
        (sec["audiences"], fig["late"], a.late),
        (sec["audience_rating"], fig["average"], a.average_rating),
        (sec["audience_rating"], fig["ratings"], a.ratings),
    ]
    rows += [(sec["unreadable"], code, None) for code in r.unreadable]
    return Sheet(
        words["sheet"],
        words["headers"],
        [[r.month, section, key, _num(value)] for section, key, value in rows],
    )


def _num(value: Cell) -> Cell:
    """Whole figures as integers (so CSV shows 3, not 3.0), others to two decimals."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 2)
    return value


@endpoint(
    bp,
    "GET",
    "/v1/admin/reports/monthly",
    summary="Monthly recap by class, channel, state; on time vs late; time to answer; ratings",
    tag="reports",
    roles=READ,
    query=ReportQuery,
    response=MonthlyReportOut,
    media_type="application/json",
    downloads=(CSV_TYPE, XLSX_TYPE),
)
def monthly_report(ctx: Ctx, query: ReportQuery) -> Reply:
    service = bootstrap.report_service()
    report = (
        service.recount(query.month) if query.recount else service.monthly(query.month, ctx.now)
    )
    out = _out(report)
    note_unreadable("report", out.unreadable)
    if query.format != "json":
        return download(
            query.format,
            [_sheet(out, ctx.lang)],
            ("report-" if ctx.lang == "en" else "rekap-") + query.month,
            ctx.lang,
        )
    return Reply(out)


@endpoint(
    bp,
    "GET",
    "/v1/admin/reports/open",
    summary="Open and overdue items of both services now (counted, none read back)",
    tag="reports",
    roles=READ,
    response=OpenNowOut,
)
def open_now(ctx: Ctx) -> Reply:
    now = bootstrap.report_service().open_now(ctx.now)
    return Reply(
        OpenNowOut(
            at=now.at,
            complaints=ServiceNow(open=now.open["complaint"], overdue=now.overdue["complaint"]),
            audiences=ServiceNow(open=now.open["audience"], overdue=now.overdue["audience"]),
        )
    )
