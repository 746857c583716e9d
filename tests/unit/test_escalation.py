"""Escalation levels: in order, once per deadline, only the highest when several are due."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from chalicelib.domain.notification import MAX_ATTEMPTS, Notification
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from chalicelib.domain.tracked import escalation_recipients
from tests.clock import calendar, wib

CAL = calendar()
POLICY = SlaPolicy()
# normatif received Mon 23 Nov 10:00: due Mon 30 Nov 16:00, warning Fri 27 Nov 16:00,
# breach Mon 30 Nov 16:00:01, follow-up Tue 1 Dec 16:00.
TRACK = SlaTrack.start(wib(2026, 11, 23, 10), "normatif", CAL, POLICY)


def test_nothing_fires_before_the_warning_time() -> None:
    assert TRACK.plan(wib(2026, 11, 27, 15, 59), CAL, POLICY) is None
    assert TRACK.next_check_at(CAL, POLICY) == wib(2026, 11, 27, 16)


def test_levels_fire_in_order_each_once() -> None:
    track = TRACK
    fired = []
    for now in (wib(2026, 11, 27, 16), wib(2026, 11, 30, 16, 1), wib(2026, 12, 1, 16)):
        plan = track.plan(now, CAL, POLICY)
        assert plan is not None and plan.superseded == ()
        fired.append(plan.fire)
        track = track.escalate(plan, now, ("x",))
        assert track.plan(now, CAL, POLICY) is None  # the same level never fires twice
    assert fired == ["warning", "breach", "breach_followup"]
    assert track.next_check_at(CAL, POLICY) is None
    assert [e.level for e in track.history] == fired


def test_breach_needs_the_deadline_to_have_passed() -> None:
    first = TRACK.plan(wib(2026, 11, 27, 16), CAL, POLICY)
    assert first is not None
    warned = TRACK.escalate(first, wib(2026, 11, 27, 16), ())
    assert warned.plan(wib(2026, 11, 30, 16), CAL, POLICY) is None
    plan = warned.plan(wib(2026, 11, 30, 16) + timedelta(seconds=1), CAL, POLICY)
    assert plan is not None and plan.fire == "breach"


def test_when_several_are_due_only_the_highest_fires_the_rest_are_superseded() -> None:
    late = wib(2026, 12, 7, 9)  # typed in a week late
    plan = TRACK.plan(late, CAL, POLICY)
    assert plan is not None
    assert plan.fire == "breach_followup" and plan.superseded == ("warning", "breach")
    track = TRACK.escalate(plan, late, ("role:head_of_bureau",))
    assert [(e.level, e.superseded, e.notified) for e in track.history] == [
        ("warning", True, ()),
        ("breach", True, ()),
        ("breach_followup", False, ("role:head_of_bureau",)),
    ]


def test_a_later_deadline_rearms_the_levels_not_yet_reached() -> None:
    now = wib(2026, 11, 30, 17)
    breached = TRACK.escalate(TRACK.plan(now, CAL, POLICY), now, ())  # type: ignore[arg-type]
    assert breached.reached == "breach"
    longer = breached.recompute(CAL, POLICY, now, clock_class="non_pengawasan")
    assert longer.due_at == wib(2026, 12, 11, 16)
    assert longer.reached is None  # its warning (8 Dec) has not come yet
    assert longer.next_check_at(CAL, POLICY) == wib(2026, 12, 8, 16)
    plan = longer.plan(wib(2026, 12, 8, 16), CAL, POLICY)
    assert plan is not None and plan.fire == "warning"


def test_a_later_deadline_keeps_levels_whose_new_time_has_passed() -> None:
    now = wib(2026, 12, 1, 17)
    done = TRACK.escalate(TRACK.plan(now, CAL, POLICY), now, ())  # type: ignore[arg-type]
    slightly_later = done.recompute(CAL, POLICY, now, clock_class="normatif")
    assert slightly_later.reached == "breach_followup"  # same deadline: nothing re-armed
    credited = replace(done, credit_seconds=3600)
    moved = credited.recompute(CAL, POLICY, now)
    assert moved.due_at == wib(2026, 12, 1, 9)  # 16:00 + 1 office hour = 09:00 next day
    assert moved.reached == "breach"  # breach time passed; follow-up (2 Dec 09:00) re-armed


def test_a_paused_or_stopped_clock_is_not_swept() -> None:
    paused = TRACK.pause(wib(2026, 11, 24, 9))
    assert paused.next_check_at(CAL, POLICY) is None
    assert paused.plan(wib(2026, 12, 25, 9), CAL, POLICY) is None
    stopped = TRACK.stop(wib(2026, 11, 24, 9))
    assert stopped.next_check_at(CAL, POLICY) is None


def test_recipients_by_level() -> None:
    assert escalation_recipients("complaint", "warning", None) == ("role:complaint_team",)
    assert escalation_recipients("complaint", "warning", "u-7") == ("staff:u-7",)
    assert escalation_recipients("audience", "warning", None) == ("role:front_desk",)
    assert escalation_recipients("audience", "breach", None) == ("role:supervisor",)
    assert escalation_recipients("complaint", "breach_followup", None) == ("role:head_of_bureau",)


def test_outbox_retries_with_backoff_then_fails() -> None:
    now = wib(2026, 11, 27, 9)
    n = Notification(
        id="n1",
        created_at=now,
        kind="escalation",
        item_kind="complaint",
        item_code="PGD-1",
        recipients=("role:supervisor",),
        subject="s",
        body="b",
    )
    delays = []
    for _ in range(MAX_ATTEMPTS):
        n = n.claim(now)
        n = n.failed_attempt(now, "boom")
        if n.state == "failed":
            break
        assert n.next_attempt_at is not None
        delays.append(int((n.next_attempt_at - now).total_seconds()))
    assert delays == [60, 300, 900, 3600]
    assert n.state == "failed" and n.attempts == MAX_ATTEMPTS and n.next_attempt_at is None
