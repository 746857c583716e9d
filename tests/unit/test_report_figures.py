"""The monthly recap's arithmetic (domain/report.py): figures, buckets, medians, counts."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.report import (
    figure_change,
    histogram_median,
    minutes_bucket,
    monthly_report,
    tally,
)


def test_minutes_are_exact_below_100_and_two_significant_figures_above() -> None:
    assert [minutes_bucket(m) for m in (0, 7, 99)] == [0, 7, 99]
    assert [minutes_bucket(m) for m in (100, 123, 125, 180, 994, 995)] == [
        100,
        120,
        130,
        180,
        990,
        1000,
    ]
    assert [minutes_bucket(m) for m in (2820, 2850, 12_345)] == [2800, 2900, 12_000]


@given(st.integers(min_value=0, max_value=10_000_000))
def test_a_bucket_is_within_5_percent_of_its_minutes(minutes: int) -> None:
    bucket = minutes_bucket(minutes)
    assert abs(bucket - minutes) <= 0.05 * max(minutes, 1)
    assert minutes_bucket(bucket) == bucket  # a bucket is its own bucket


@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=60))
def test_histogram_median_is_statistics_median(values: list[int]) -> None:
    expected = float(statistics.median(values)) if values else None
    assert histogram_median(Counter(values)) == expected


def test_histogram_median_ignores_spent_counters() -> None:
    assert histogram_median({5: 0, 7: 1, 9: -1}) == 7.0
    assert histogram_median({3: 0}) is None


def test_figure_change_adds_the_new_and_takes_back_the_old() -> None:
    before = {"received", "state:in_progress", "class:ringan"}
    after = {"received", "state:answered", "class:ringan", "on_time:ringan"}
    assert figure_change(before, after) == {
        "on_time:ringan": 1,
        "state:answered": 1,
        "state:in_progress": -1,
    }
    assert figure_change(after, after) == {}
    assert figure_change((), after) == dict.fromkeys(sorted(after), 1)


def test_monthly_report_reads_every_figure_from_the_counts() -> None:
    complaints = tally(
        [
            {"received", "class:ringan", "channel:web", "state:answered", "on_time:ringan"}
            | {"answer_minutes:120", "answer_days:0", "rating:5"},
            {"received", "class:normatif", "channel:email", "state:answered", "late:normatif"}
            | {"answer_minutes:2800", "answer_days:6", "rating:4"},
            {"received", "class:normatif", "channel:web", "state:closed", "on_time:normatif"}
            | {"answer_minutes:180", "answer_days:1", "rating:5"},
            {"received", "class:belum_diklasifikasi", "channel:web", "state:received"},
        ]
    )
    audiences = tally(
        [
            {"received", "channel:web", "state:scheduled", "scheduled", "on_time"},
            {"received", "channel:front_desk", "state:declined", "declined", "late", "rating:2"},
            {"received", "channel:web", "state:submitted"},
        ]
    )
    r = monthly_report("2026-10", complaints, {**audiences, "state:held": 0}, ["AUD-X"])
    assert r.complaints_received == 4
    assert r.by_class == {"belum_diklasifikasi": 1, "normatif": 2, "ringan": 1}
    assert r.by_channel == {"email": 1, "web": 3}
    assert r.by_state == {"answered": 2, "closed": 1, "received": 1}
    assert {k: (v.on_time, v.late) for k, v in r.answered_by_class.items()} == {
        "normatif": (1, 1),
        "ringan": (1, 0),
    }
    assert r.median_office_minutes_to_answer == 180.0
    assert r.median_working_days_to_answer == 1.0
    assert (r.average_rating, r.ratings) == (4.67, 3)
    assert r.audiences_received == 3
    assert r.audiences_by_state == {"declined": 1, "scheduled": 1, "submitted": 1}  # no 0s
    assert r.audiences_by_channel == {"front_desk": 1, "web": 2}
    assert (r.audiences_scheduled, r.audiences_declined) == (1, 1)
    assert (r.audiences_on_time, r.audiences_late) == (1, 1)
    assert (r.audience_average_rating, r.audience_ratings) == (2.0, 1)
    assert r.unreadable == ["AUD-X"]


def test_an_empty_month_has_no_medians_or_averages() -> None:
    r = monthly_report("2025-01", {}, {})
    assert r.complaints_received == 0 and r.median_office_minutes_to_answer is None
    assert r.average_rating is None and r.audience_average_rating is None
