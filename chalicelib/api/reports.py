"""The monthly recap, as JSON or as a CSV a spreadsheet opens cleanly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import note_unreadable
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.spreadsheet import CSV_TYPE, XLSX_TYPE, Cell, Sheet, download
from chalicelib.api.validation import RequestModel, ResponseModel

if TYPE_CHECKING:
    from chalicelib.services.reports import MonthlyReport

bp = Blueprint(__name__)

READ = frozenset({"complaint_officer", "supervisor", "admin"})


class ReportQuery(RequestModel):
    month: Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]
    format: Literal["json", "csv", "xlsx"] = "json"


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


class AudiencesReport(ResponseModel):
    received: int
    scheduled: int
    declined: int
    on_time: int
    late: int
    average_rating: float | None


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
        ),
        audiences=AudiencesReport(
            received=r.audiences_received,
            scheduled=r.audiences_scheduled,
            declined=r.audiences_declined,
            on_time=r.audiences_on_time,
            late=r.audiences_late,
            average_rating=r.audience_average_rating,
        ),
        unreadable=sorted(r.unreadable),
    )


def _sheet(r: MonthlyReportOut) -> Sheet:
    """Long format: one figure a row, Indonesian headers; numbers stay numbers."""
    rows: list[tuple[str, str, Cell]] = []
    c, a = r.complaints, r.audiences
    rows.append(("Pengaduan", "Diterima", c.received))
    rows += [("Pengaduan per kelas", k, v) for k, v in c.by_class.items()]
    rows += [("Pengaduan per kanal", k, v) for k, v in c.by_channel.items()]
    rows += [("Pengaduan per status", k, v) for k, v in c.by_state.items()]
    for k, t in c.answered_by_class.items():
        rows += [("Dijawab tepat waktu", k, t.on_time), ("Dijawab terlambat", k, t.late)]
    rows.append(("Median waktu jawab", "Menit jam kerja", c.median_office_minutes_to_answer))
    rows.append(("Median waktu jawab", "Hari kerja", c.median_working_days_to_answer))
    rows.append(("Penilaian pengaduan", "Rata-rata", c.average_rating))
    rows.append(("Penilaian pengaduan", "Jumlah penilaian", c.ratings))
    rows += [
        ("Audiensi", "Diterima", a.received),
        ("Audiensi", "Dijadwalkan", a.scheduled),
        ("Audiensi", "Ditolak", a.declined),
        ("Audiensi", "Dijawab tepat waktu", a.on_time),
        ("Audiensi", "Dijawab terlambat", a.late),
        ("Audiensi", "Rata-rata penilaian", a.average_rating),
    ]
    rows += [("Tidak terbaca (tidak dihitung)", code, None) for code in r.unreadable]
    return Sheet(
        "Rekap bulanan",
        ["Bulan", "Bagian", "Kategori", "Nilai"],
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
    out = _out(bootstrap.report_service().monthly(query.month))
    note_unreadable("report", out.unreadable)
    if query.format != "json":
        return download(query.format, [_sheet(out)], f"rekap-{query.month}")
    return Reply(out)
