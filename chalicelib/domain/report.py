"""The monthly recap as counts: what each complaint and audience request adds to the figures
of the local month it was received in, and the recap those counts give.

An item's *figures* are a set of counter names ("received", "class:normatif",
"answer_minutes:180", ...), each counted once. The recap of a month is a function of the sum
of its items' figures alone, so it can be kept as running counts (the adapters add an item's
change of figures in the same transaction that changes the item) or counted again from the
items; both give the same recap.

Precision: a complaint's time to answer is counted in whole office minutes (seconds cut),
below 100 minutes exactly, from 100 minutes up rounded to two significant figures (to the
nearest 10 minutes up to 995, to the nearest 100 up to 9,950, ...), so the median office
minutes are within 5% of the exact median (exact below 100 minutes); working days to answer
are whole days and exact. The recap's arithmetic (medians, averages) is then exact on those
counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .audience import Audience
    from .calendar import WorkingCalendar
    from .complaint import Complaint

UNCLASSIFIED = "belum_diklasifikasi"

# The kinds of counted items. Another service's items (e.g. dismissed inbox conversations)
# get a kind of their own: its figures are counted under REPORT#<kind>#<month> like these.
KINDS = ("complaint", "audience")


def working_days_between(cal: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Working days after the local day of `start`, up to and including the day of `end`."""
    day, last = cal.local(start).date(), cal.local(end).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        count += cal.is_working_day(day)
    return count


def minutes_bucket(minutes: int) -> int:
    """Whole office minutes as counted: exact below 100, else rounded half up to two
    significant figures (123 -> 120, 125 -> 130, 2820 -> 2800, 995 -> 1000)."""
    if minutes < 100:
        return max(0, minutes)
    step = int(10 ** (len(str(minutes)) - 2))
    return (minutes + step // 2) // step * step


def complaint_figures(c: Complaint, cal: WorkingCalendar) -> frozenset[str]:
    """What the complaint adds to its month's recap, as counter names: received; its class
    (or UNCLASSIFIED), channel and state; once answered, on_time or late by class (answered
    by the deadline or not) and its time to answer (office minutes, bucketed: minutes_bucket;
    working days: working_days_between); its rating's score once rated."""
    cls = c.classification or UNCLASSIFIED
    keys = {"received", f"class:{cls}", f"channel:{c.channel}", f"state:{c.status}"}
    if c.answer is not None:
        keys.add(f"{'on_time' if c.answer.at <= c.track.due_at else 'late'}:{cls}")
        seconds = cal.office_seconds_between(c.track.received_at, c.answer.at)
        keys.add(f"answer_minutes:{minutes_bucket(seconds // 60)}")
        keys.add(f"answer_days:{working_days_between(cal, c.track.received_at, c.answer.at)}")
    if c.rating is not None:
        keys.add(f"rating:{c.rating.score}")
    return frozenset(keys)


def audience_figures(a: Audience) -> frozenset[str]:
    """What the audience request adds to its month's recap: received; its channel and state;
    scheduled (a meeting was set: scheduled, held, or cancelled after scheduling); declined;
    on_time or late once the reply letter is out and the clock stopped; its rating's score."""
    keys = {"received", f"channel:{a.channel}", f"state:{a.status}"}
    if a.status in ("scheduled", "held") or (a.status == "cancelled" and a.schedule is not None):
        keys.add("scheduled")
    if a.status == "declined":
        keys.add("declined")
    if a.reply_letter is not None and a.track.stopped_at is not None:
        keys.add("on_time" if a.track.stopped_at <= a.track.due_at else "late")
    if a.rating is not None:
        keys.add(f"rating:{a.rating.score}")
    return frozenset(keys)


def figure_change(before: Iterable[str], after: Iterable[str]) -> dict[str, int]:
    """The counts to add when an item's figures go from `before` to `after`: +1 for each
    new name, -1 for each name it no longer has (empty: nothing to write)."""
    old, new = set(before), set(after)
    return {**{k: 1 for k in sorted(new - old)}, **{k: -1 for k in sorted(old - new)}}


def tally(figures: Iterable[Iterable[str]]) -> Counter[str]:
    """The counts of many items' figures (a recount)."""
    total: Counter[str] = Counter()
    for keys in figures:
        total.update(keys)
    return total


@dataclass(slots=True)
class Timeliness:
    on_time: int = 0
    late: int = 0


@dataclass(slots=True)
class MonthlyReport:
    month: str
    complaints_received: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    answered_by_class: dict[str, Timeliness] = field(default_factory=dict)
    median_office_minutes_to_answer: float | None = None
    median_working_days_to_answer: float | None = None
    average_rating: float | None = None
    ratings: int = 0
    audiences_received: int = 0
    audiences_by_channel: dict[str, int] = field(default_factory=dict)
    audiences_by_state: dict[str, int] = field(default_factory=dict)
    audiences_scheduled: int = 0
    audiences_declined: int = 0
    audiences_on_time: int = 0
    audiences_late: int = 0
    audience_average_rating: float | None = None
    audience_ratings: int = 0
    # Inbox conversations first received in the month and dismissed as not a complaint
    # (issue 19): counted apart, never among the complaints received.
    conversations_dismissed: int = 0
    # Codes of the month's stored items that could not be read back: not counted above, so
    # the figures are incomplete until an admin repairs them.
    unreadable: list[str] = field(default_factory=list)


def _group(counts: Mapping[str, int], prefix: str) -> dict[str, int]:
    """{name: count} of the positive counters `<prefix>:<name>`, by name."""
    return {
        k.split(":", 1)[1]: v
        for k, v in sorted(counts.items())
        if k.startswith(prefix + ":") and v > 0
    }


def histogram_median(histogram: Mapping[int, int]) -> float | None:
    """The median of the multiset {value: count} (statistics.median's: the mean of the two
    middle values when the count is even); None when empty."""
    n = sum(c for c in histogram.values() if c > 0)
    if n == 0:
        return None
    lo_index, hi_index = (n - 1) // 2, n // 2
    seen = 0
    lo: int | None = None
    for value in sorted(histogram):
        count = histogram[value]
        if count <= 0:
            continue
        if lo is None and seen + count > lo_index:
            lo = value
        if seen + count > hi_index:
            assert lo is not None
            return (lo + value) / 2
        seen += count
    raise AssertionError("unreachable: counts add up to n")


def _average_score(counts: Mapping[str, int]) -> tuple[float | None, int]:
    scores = {int(k): v for k, v in _group(counts, "rating").items()}
    n = sum(scores.values())
    if n == 0:
        return None, 0
    return round(sum(s * c for s, c in scores.items()) / n, 2), n


def monthly_report(
    month: str,
    complaints: Mapping[str, int],
    audiences: Mapping[str, int],
    unreadable: Iterable[str] = (),
) -> MonthlyReport:
    """The recap of `month` (`YYYY-MM`, local) from the summed figures of its complaints and
    its audience requests (complaint_figures, audience_figures). Averages to two decimals."""
    report = MonthlyReport(month=month, unreadable=sorted(unreadable))
    report.complaints_received = max(0, complaints.get("received", 0))
    report.by_class = _group(complaints, "class")
    report.by_channel = _group(complaints, "channel")
    report.by_state = _group(complaints, "state")
    on_time, late = _group(complaints, "on_time"), _group(complaints, "late")
    report.answered_by_class = {
        cls: Timeliness(on_time.get(cls, 0), late.get(cls, 0))
        for cls in sorted(set(on_time) | set(late))
    }
    minutes = {int(k): v for k, v in _group(complaints, "answer_minutes").items()}
    days = {int(k): v for k, v in _group(complaints, "answer_days").items()}
    report.median_office_minutes_to_answer = histogram_median(minutes)
    report.median_working_days_to_answer = histogram_median(days)
    report.average_rating, report.ratings = _average_score(complaints)
    report.audiences_received = max(0, audiences.get("received", 0))
    report.audiences_by_channel = _group(audiences, "channel")
    report.audiences_by_state = _group(audiences, "state")
    report.audiences_scheduled = max(0, audiences.get("scheduled", 0))
    report.audiences_declined = max(0, audiences.get("declined", 0))
    report.audiences_on_time = max(0, audiences.get("on_time", 0))
    report.audiences_late = max(0, audiences.get("late", 0))
    report.audience_average_rating, report.audience_ratings = _average_score(audiences)
    return report
