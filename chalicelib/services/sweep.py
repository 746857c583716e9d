"""The escalation sweep: every open item whose next check has come, escalated once per level
and deadline, each in its own transaction; one failure never stops the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.errors import AlreadyExists, AppError, VersionConflict
from ..domain.notification import Notification
from ..domain.sla import EscalationPlan, SlaPolicy
from ..domain.timeutil import long_date_time, to_utc
from ..domain.tracked import TrackedItem, UnreadableItem, escalation_recipients
from .ports import TrackedItemRepository

SWEEP_ACTOR = "system:sla-sweep"
LEVEL_TITLES = {
    "warning": "Peringatan: batas waktu layanan segera tiba",
    "breach": "Pelanggaran: batas waktu layanan terlewati",
    "breach_followup": "Tindak lanjut: batas waktu layanan terlewati dan belum selesai",
}


@dataclass(slots=True)
class SweepResult:
    checked: int = 0
    fired: int = 0
    superseded: int = 0
    failed: int = 0
    raced: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (item code, error code)


class SweepService:
    def __init__(
        self,
        items: TrackedItemRepository,
        calendar: Callable[[], WorkingCalendar],
        policy: SlaPolicy,
        new_id: Callable[[datetime], str],
    ) -> None:
        self._items = items
        self._calendar = calendar
        self._policy = policy
        self._new_id = new_id

    def run(self, now: datetime) -> SweepResult:
        now = to_utc(now)
        cal = self._calendar()
        result = SweepResult()
        for item in self._items.due(now):
            result.checked += 1
            if isinstance(item, UnreadableItem):
                result.failed += 1
                result.failures.append((item.code, item.error))
                continue
            try:
                self._one(item, now, cal, result)
            except (VersionConflict, AlreadyExists):
                result.raced += 1  # another sweep or a staff action got there first
            except AppError as exc:
                result.failed += 1
                result.failures.append((item.code, exc.code))
            except Exception as exc:  # one bad item never stops the sweep (issue 10)
                result.failed += 1
                result.failures.append((item.code, type(exc).__name__))
        return result

    def _one(
        self, item: TrackedItem, now: datetime, cal: WorkingCalendar, result: SweepResult
    ) -> None:
        plan = item.track.plan(now, cal, self._policy)
        if plan is None:
            # Listed as due but nothing is: put it back at its right place in the index.
            audit = AuditEntry(item.ref, now, SWEEP_ACTOR, "sla.reindexed")
            self._items.retime(
                item,
                item.with_track(item.track),
                item.track.next_check_at(cal, self._policy),
                audit,
            )
            return
        recipients = escalation_recipients(item.kind, plan.fire, item.assignee)
        track = item.track.escalate(plan, now, recipients)
        deadline = cal.local(plan.deadline).isoformat()  # shown to people: local time
        after = item.with_track(track)
        audits = [
            AuditEntry(
                item_ref=item.ref,
                at=now,
                actor=SWEEP_ACTOR,
                action=f"escalation.{level}",
                to_state=item.status,
                note=f"superseded by {plan.fire}; deadline {deadline}",
            )
            for level in plan.superseded
        ]
        audits.append(
            AuditEntry(
                item_ref=item.ref,
                at=now,
                actor=SWEEP_ACTOR,
                action=f"escalation.{plan.fire}",
                to_state=item.status,
                note=f"deadline {deadline}; notified {', '.join(recipients)}",
            )
        )
        notification = self._message(item, plan, recipients, now, cal)
        self._items.escalate(
            item, after, track.next_check_at(cal, self._policy), plan, audits, notification
        )
        result.fired += 1
        result.superseded += len(plan.superseded)
        result.levels[plan.fire] += 1

    def _message(
        self,
        item: TrackedItem,
        plan: EscalationPlan,
        recipients: tuple[str, ...],
        now: datetime,
        cal: WorkingCalendar,
    ) -> Notification:
        due_local = long_date_time(plan.deadline, cal.tz)
        subject = f"[Layanan Kesra] {LEVEL_TITLES[plan.fire]}: {item.code}"
        body = (
            f"{LEVEL_TITLES[plan.fire]}.\n"
            f"Nomor: {item.code} ({item.kind})\nStatus: {item.status}\n"
            f"Batas waktu: {due_local}\n"
        )
        return Notification(
            id=self._new_id(now),
            created_at=now,
            kind="escalation",
            item_kind=item.kind,
            item_code=item.code,
            recipients=recipients,
            subject=subject,
            body=body,
            level=plan.fire,
            next_attempt_at=now,
        )
