"""The monthly recap: complaints by class, channel and state, answered on time or late,
time to answer, ratings; audience requests received, scheduled, declined, on time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.calendar import WorkingCalendar
from .ports import AudienceRepository, ComplaintRepository

UNCLASSIFIED = "belum_diklasifikasi"


@dataclass(slots=True)
class Timeliness:
    on_time: int = 0
    late: int = 0


@dataclass(slots=True)
class MonthlyReport:
    month: str
    complaints_received: int = 0
    by_class: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    answered_by_class: dict[str, Timeliness] = field(default_factory=dict)
    median_office_minutes_to_answer: float | None = None
    median_working_days_to_answer: float | None = None
    average_rating: float | None = None
    ratings: int = 0
    audiences_received: int = 0
    audiences_scheduled: int = 0
    audiences_declined: int = 0
    audiences_on_time: int = 0
    audiences_late: int = 0
    audience_average_rating: float | None = None
    # Codes of the month's stored items that could not be read back: not counted above, so
    # the figures are incomplete until an admin repairs them.
    unreadable: list[str] = field(default_factory=list)


def working_days_between(cal: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Working days after the local day of `start`, up to and including the day of `end`."""
    day, last = cal.local(start).date(), cal.local(end).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        count += cal.is_working_day(day)
    return count


class ReportService:
    def __init__(
        self,
        complaints: ComplaintRepository,
        audiences: AudienceRepository,
        calendar: Callable[[], WorkingCalendar],
    ) -> None:
        self._complaints = complaints
        self._audiences = audiences
        self._calendar = calendar

    def monthly(self, month: str) -> MonthlyReport:
        import statistics  # on first use: a cold start never pays for it

        cal = self._calendar()
        report = MonthlyReport(month=month)
        office_minutes: list[float] = []
        working_days: list[int] = []
        scores: list[int] = []
        complaints = self._complaints.received_in(month)
        report.unreadable += complaints.unreadable
        for c in complaints.items:
            report.complaints_received += 1
            cls = c.classification or UNCLASSIFIED
            report.by_class[cls] += 1
            report.by_channel[c.channel] += 1
            report.by_state[c.status] += 1
            if c.answer is not None:
                row = report.answered_by_class.setdefault(cls, Timeliness())
                if c.answer.at <= c.track.due_at:
                    row.on_time += 1
                else:
                    row.late += 1
                office_minutes.append(
                    cal.office_seconds_between(c.track.received_at, c.answer.at) / 60
                )
                working_days.append(working_days_between(cal, c.track.received_at, c.answer.at))
            if c.rating is not None:
                scores.append(c.rating.score)
        if office_minutes:
            report.median_office_minutes_to_answer = float(statistics.median(office_minutes))
            report.median_working_days_to_answer = float(statistics.median(working_days))
        if scores:
            report.average_rating = round(statistics.fmean(scores), 2)
            report.ratings = len(scores)
        self._add_audiences(report, month)
        return report

    def _add_audiences(self, report: MonthlyReport, month: str) -> None:
        import statistics

        audience_scores: list[int] = []
        audiences = self._audiences.received_in(month)
        report.unreadable += audiences.unreadable
        for a in audiences.items:
            report.audiences_received += 1
            if a.status in ("scheduled", "held") or (
                a.status == "cancelled" and a.schedule is not None
            ):
                report.audiences_scheduled += 1
            if a.status == "declined":
                report.audiences_declined += 1
            if a.reply_letter is not None and a.track.stopped_at is not None:
                if a.track.stopped_at <= a.track.due_at:
                    report.audiences_on_time += 1
                else:
                    report.audiences_late += 1
            if a.rating is not None:
                audience_scores.append(a.rating.score)
        if audience_scores:
            report.audience_average_rating = round(statistics.fmean(audience_scores), 2)
