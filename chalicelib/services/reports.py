"""The monthly recap: complaints by class, channel and state, answered on time or late,
time to answer, ratings; audience requests by channel and state, scheduled, declined, on
time, ratings. The arithmetic is the domain's (domain/report.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.calendar import WorkingCalendar
from ..domain.report import (
    MonthlyReport,
    audience_figures,
    complaint_figures,
    monthly_report,
    tally,
)
from .ports import AudienceRepository, ComplaintRepository, OpenQueueCounts


@dataclass(frozen=True, slots=True)
class OpenNow:
    """Items open now and, of those, overdue, per service (`complaint`, `audience`)."""

    at: datetime
    open: dict[str, int]
    overdue: dict[str, int]


class ReportService:
    def __init__(
        self,
        complaints: ComplaintRepository,
        audiences: AudienceRepository,
        calendar: Callable[[], WorkingCalendar],
        queues: OpenQueueCounts | None = None,
        dismissed: Callable[[str], int] | None = None,
    ) -> None:
        self._dismissed = dismissed
        self._queues = queues
        self._complaints = complaints
        self._audiences = audiences
        self._calendar = calendar

    def monthly(self, month: str, now: datetime) -> MonthlyReport:
        """The recap of a local month (`YYYY-MM`) from its counts, kept by every write of an
        item (a few reads whatever the month holds; a month of items stored before counting
        began is recounted once, at its first report after `now`)."""
        complaints = self._complaints.month_counts(month, now)
        audiences = self._audiences.month_counts(month, now)
        report = monthly_report(
            month,
            complaints.counts,
            audiences.counts,
            [*complaints.unreadable, *audiences.unreadable],
        )
        return self._with_dismissed(report)

    def _with_dismissed(self, report: MonthlyReport) -> MonthlyReport:
        """The inbox conversations of the month dismissed as not a complaint, apart (one
        count on the month's index)."""
        if self._dismissed is None:
            return report
        return replace(report, conversations_dismissed=self._dismissed(report.month))

    def open_now(self, now: datetime) -> OpenNow:
        """Open and overdue items of both services at `now` (two counts per service)."""
        if self._queues is None:
            raise RuntimeError("ReportService built without its open-queue counts")
        counts = {kind: self._queues.open_counts(kind, now) for kind in ("complaint", "audience")}
        return OpenNow(
            at=now,
            open={k: v[0] for k, v in counts.items()},
            overdue={k: v[1] for k, v in counts.items()},
        )

    def recount(self, month: str) -> MonthlyReport:
        """The recap counted again from every item received in `month` (reads them all): the
        check of the counts, equal to `monthly` unless the calendar changed after an answer
        was stored (an item's time to answer is counted with the calendar of its last write),
        and the one that names items that cannot be read back now."""
        cal = self._calendar()
        complaints = self._complaints.received_in(month)
        audiences = self._audiences.received_in(month)
        report = monthly_report(
            month,
            tally(complaint_figures(c, cal) for c in complaints.items),
            tally(audience_figures(a) for a in audiences.items),
            [*complaints.unreadable, *audiences.unreadable],
        )
        return self._with_dismissed(report)
