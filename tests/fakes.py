"""In-memory fakes of the ports: the same behaviour as the DynamoDB adapters, no AWS."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import (
    AlreadyExists,
    DeliveryFailed,
    FieldError,
    InvalidTransition,
    StorageUnavailable,
    VersionConflict,
)
from chalicelib.domain.guestbook import GuestbookEntry
from chalicelib.domain.notification import Notification
from chalicelib.domain.report import tally
from chalicelib.domain.skm import ENDING_ACTIONS, Publication, SurveyInvite, SurveyResponse
from chalicelib.domain.timeutil import iso_utc, local_date
from chalicelib.domain.tracked import OPEN_STATUSES, TrackedItem, item_ref
from chalicelib.services.ports import MonthCounts, Page, StoredOverrides


class FakeSkmRepository:
    """SKM storage in memory, with the adapter's once-only and conditional semantics.
    `record_audit` plays the audit index: service-ending lines count for the population."""

    def __init__(self) -> None:
        self.responses_by_id: dict[str, SurveyResponse] = {}
        self.marks: set[str] = set()
        self.invites: dict[str, SurveyInvite] = {}
        self.ended: list[tuple[str, datetime, str]] = []
        self.published: dict[str, Publication] = {}
        self.audit: list[AuditEntry] = []
        self._lock = threading.Lock()

    def record_audit(self, audit: AuditEntry) -> None:
        service = ENDING_ACTIONS.get(audit.action)
        if service:
            self.ended.append((service, audit.at, audit.item_ref))

    def add_invite(self, invite: SurveyInvite) -> None:
        if invite.code_hash in self.invites:
            raise AlreadyExists()
        self.invites[invite.code_hash] = invite

    def _add(self, response: SurveyResponse) -> None:
        if response.id in self.responses_by_id:
            raise AlreadyExists()
        self.responses_by_id[response.id] = response

    def add_tracked_response(self, item_ref: str, response: SurveyResponse) -> None:
        with self._lock:
            if item_ref in self.marks:
                raise InvalidTransition(rule="skm.survey.once", state="surveyed")
            self._add(response)
            self.marks.add(item_ref)

    def surveyed(self, item_ref: str) -> bool:
        return item_ref in self.marks

    def get_invite(self, code_hash: str) -> SurveyInvite | None:
        return self.invites.get(code_hash)

    def add_code_response(self, invite: SurveyInvite, response: SurveyResponse) -> None:
        with self._lock:
            current = self.invites.get(invite.code_hash)
            if current is None or current.used:
                raise InvalidTransition(rule="skm.code.used", state="used")
            self._add(response)
            self.invites[invite.code_hash] = replace(current, used=True)

    def responses(self, months: list[str], service: str | None) -> list[SurveyResponse]:
        return [
            r
            for r in self.responses_by_id.values()
            if r.month in months and (service is None or r.service == service)
        ]

    def population(self, start: datetime, end: datetime, service: str | None) -> int:
        return sum(
            1 for s, at, _ in self.ended if start <= at < end and (service is None or s == service)
        )

    def publish(self, publication: Publication, audit: AuditEntry) -> None:
        with self._lock:
            if publication.ref in self.published:
                raise AlreadyExists()
            self.published[publication.ref] = publication
            self.audit.append(audit)

    def publications(self, limit: int, position: str | None) -> Page[Publication]:
        ordered = sorted(
            self.published.values(),
            key=lambda p: (p.published_at, p.period_from, p.period_to, p.service),
            reverse=True,
        )
        start = int(position) if position else 0
        more = start + limit < len(ordered)
        return Page(ordered[start : start + limit], str(start + limit) if more else None)


class FakeGuestbookRepository:
    def __init__(self, tz: ZoneInfo, skm: FakeSkmRepository | None = None) -> None:
        self._tz = tz
        self._entries: dict[str, GuestbookEntry] = {}
        self._audit: list[AuditEntry] = []
        self._lock = threading.Lock()
        self.skm = skm or FakeSkmRepository()

    def add(self, entry: GuestbookEntry, audit: AuditEntry) -> None:
        with self._lock:
            if entry.id in self._entries:
                raise AlreadyExists()
            self._entries[entry.id] = entry
            self._audit.append(audit)

    def get(self, entry_id: str) -> GuestbookEntry | None:
        entry = self._entries.get(entry_id)
        return replace(entry) if entry else None

    def save(
        self,
        entry: GuestbookEntry,
        expected_version: int,
        audit: AuditEntry,
        invite: SurveyInvite | None = None,
    ) -> None:
        with self._lock:
            current = self._entries.get(entry.id)
            if current is None or current.version != expected_version:
                raise VersionConflict()
            if invite is not None:
                self.skm.add_invite(invite)
            self._entries[entry.id] = entry
            self._audit.append(audit)
            self.skm.record_audit(audit)

    def list_by_day(self, day: date, limit: int, position: str | None) -> Page[GuestbookEntry]:
        ordered = sorted(
            (e for e in self._entries.values() if local_date(e.time_in, self._tz) == day),
            key=lambda e: (e.time_in, e.id),
        )
        start = int(position) if position else 0
        chunk = ordered[start : start + limit]
        more = start + limit < len(ordered)
        return Page(items=chunk, position=str(start + limit) if more else None)

    def audit_trail(self, item_ref: str) -> list[AuditEntry]:
        return sorted((a for a in self._audit if a.item_ref == item_ref), key=lambda a: a.at)


class FakeTrackedItemRepository:
    """Items with an SLA clock, in memory, with the adapter's conditional semantics."""

    def __init__(self) -> None:
        self.items: dict[str, TrackedItem] = {}
        self.next_check: dict[str, datetime | None] = {}
        self.escalation_keys: set[tuple[str, str, str]] = set()
        self.audit: list[AuditEntry] = []
        self.outbox: list[Notification] = []
        self.fail_codes: set[str] = set()
        self._lock = threading.Lock()

    def add(self, item: TrackedItem, next_check_at: datetime | None) -> None:
        self.items[item.ref] = item
        self.next_check[item.ref] = next_check_at

    def due(self, now: datetime) -> Iterator[TrackedItem]:
        due = [r for r, at in self.next_check.items() if at is not None and at <= now]
        for ref in sorted(due, key=lambda r: self.next_check[r]):  # type: ignore[arg-type, return-value]
            yield self.items[ref]

    def open_items(self) -> Iterator[TrackedItem]:
        yield from [i for i in self.items.values() if i.status in OPEN_STATUSES[i.kind]]

    def get_tracked(self, kind: str, code: str) -> TrackedItem | None:
        return self.items.get(item_ref(kind, code))

    def _check(self, before: TrackedItem) -> None:
        if before.code in self.fail_codes:
            raise StorageUnavailable("injected")
        if self.items[before.ref].version != before.version:
            raise VersionConflict()

    def escalate(self, before, after, next_check_at, plan, audits, notification) -> None:  # type: ignore[no-untyped-def]
        with self._lock:
            self._check(before)
            keys = {
                (before.ref, plan.deadline.isoformat(), lv) for lv in (*plan.superseded, plan.fire)
            }
            if keys & self.escalation_keys:
                raise AlreadyExists()
            self.escalation_keys |= keys
            self.items[before.ref] = after
            self.next_check[before.ref] = next_check_at
            self.audit.extend(audits)
            self.outbox.append(notification)

    def retime(self, before, after, next_check_at, audit) -> None:  # type: ignore[no-untyped-def]
        with self._lock:
            self._check(before)
            self.items[before.ref] = after
            self.next_check[before.ref] = next_check_at
            self.audit.append(audit)


class FakeOutboxRepository:
    def __init__(self, messages: list[Notification] | None = None) -> None:
        self.messages: dict[str, Notification] = {m.id: m for m in messages or []}

    def to_requester(self, item_code: str) -> list[Notification]:
        found = (
            m
            for m in self.messages.values()
            if m.item_code == item_code and "requester" in m.recipients
        )
        return sorted(found, key=lambda m: (m.created_at, m.id))

    def pending(self, now: datetime) -> list[Notification]:
        return sorted(
            (
                m
                for m in self.messages.values()
                if m.state == "pending"
                and m.next_attempt_at is not None
                and m.next_attempt_at <= now
            ),
            key=lambda m: m.next_attempt_at,  # type: ignore[arg-type, return-value]
        )

    def replace(self, before: Notification, after: Notification) -> None:
        current = self.messages[before.id]
        if (current.state, current.attempts) != (before.state, before.attempts):
            raise VersionConflict()
        self.messages[after.id] = after

    def list_recent(self, limit: int, position: str | None) -> Page[Notification]:
        ordered = sorted(self.messages.values(), key=lambda m: (m.created_at, m.id), reverse=True)
        start = int(position or 0)
        more = start + limit < len(ordered)
        return Page(ordered[start : start + limit], str(start + limit) if more else None)


class FakeCalendarRepository:
    def __init__(self) -> None:
        self.years: dict[int, StoredOverrides] = {}
        self.audit: list[AuditEntry] = []
        self.reads = 0

    def get(self, year: int) -> StoredOverrides | None:
        self.reads += 1
        return self.years.get(year)

    def put(self, stored: StoredOverrides, expected_version: int, audit: AuditEntry) -> None:
        current = self.years.get(stored.year)
        if (current.version if current else 0) != expected_version:
            raise VersionConflict()
        self.years[stored.year] = stored
        self.audit.append(audit)


class FlakyNotifier:
    """Fails the first `failures` sends, then records."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[Notification] = []

    def send(self, notification: Notification) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryFailed("down")
        self.sent.append(notification)


def deadline_page(found: Any, limit: int, position: str | None) -> Page[Any]:
    """The adapters' queue paging over matching items in memory: nearest deadline first,
    `limit` of them after `position` (the last one handed out), full unless the list ends."""
    ordered = sorted(found, key=lambda x: (iso_utc(x.track.due_at), x.code))
    if position:
        ordered = [
            x for x in ordered if (iso_utc(x.track.due_at), x.code) > tuple(json.loads(position))
        ]
    page = ordered[:limit]
    last = page[-1] if page and len(ordered) > limit else None
    return Page(page, json.dumps([iso_utc(last.track.due_at), last.code]) if last else None)


class FakeComplaintRepository:
    """Complaints in memory, with the adapter's conditional writes and LAPOR uniqueness."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}
        self.audit: list[AuditEntry] = []
        self.outbox: list[Notification] = []
        self.lapor: set[str] = set()
        self.letters: list[Any] = []  # the letters issued with a change

    def create(
        self,
        complaint: Any,
        next_check_at: Any,
        uploads: Any,
        audit: AuditEntry,
        notifications: Any,
        inbox: Any = None,
    ) -> None:
        if complaint.code in self.items:
            raise AlreadyExists()
        if complaint.lapor_tracking_id in self.lapor:
            raise FieldError("lapor_tracking_id", "already_exists")
        if complaint.lapor_tracking_id:
            self.lapor.add(complaint.lapor_tracking_id)
        self.items[complaint.code] = complaint
        self.audit.append(audit)
        self.outbox.extend(notifications)

    def get(self, code: str) -> Any:
        return self.items.get(code)

    def by_lapor(self, lapor_id: str) -> Any:
        return next((c for c in self.items.values() if c.lapor_tracking_id == lapor_id), None)

    def save(
        self,
        before: Any,
        after: Any,
        next_check_at: Any,
        audit: AuditEntry,
        notifications: Any,
        inbox: Any = None,
        letter: Any = None,
    ) -> None:
        if self.items[before.code].version != before.version:
            raise VersionConflict()
        if letter is not None:
            self.letters.append(letter[0])
        self.items[after.code] = after
        self.audit.append(audit)
        self.outbox.extend(notifications)

    def queue(
        self,
        statuses: list[str],
        limit: int,
        position: str | None,
        clock_class: str | None = None,
        keep: Any = None,
    ) -> Page[Any]:
        found = (
            c
            for c in self.items.values()
            if c.status in statuses
            and (clock_class is None or c.track.clock_class == clock_class)
            and (keep is None or keep(c))
        )
        return deadline_page(found, limit, position)

    def assigned_to(
        self,
        sub: str,
        limit: int,
        position: str | None,
        statuses: list[str] | None = None,
        clock_class: str | None = None,
        keep: Any = None,
    ) -> Page[Any]:
        from chalicelib.domain.complaint import OPEN

        found = (
            c
            for c in self.items.values()
            if c.assignee == sub
            and c.status in OPEN
            and (not statuses or c.status in statuses)
            and (clock_class is None or c.track.clock_class == clock_class)
            and (keep is None or keep(c))
        )
        return deadline_page(found, limit, position)

    def received_in(self, month: str) -> Page[Any]:
        return Page(list(self.items.values()), None)

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The figures of the month's complaints counted again (the adapter keeps them)."""
        from chalicelib.domain.report import complaint_figures
        from tests.clock import calendar

        cal = calendar()
        return MonthCounts(
            tally(complaint_figures(c, cal) for c in self.items.values() if _in(c, month)),
            complete=True,
        )

    def trail(self, code: str) -> list[AuditEntry]:
        return [a for a in self.audit if a.item_ref == f"CMP#{code}"]


def _in(item: Any, month: str) -> bool:
    """The item was received in the local month `YYYY-MM` (Pontianak)."""
    return bool(
        item.track.received_at.astimezone(ZoneInfo("Asia/Pontianak")).strftime("%Y-%m") == month
    )


class UnusedUploads:
    """An upload service for flows without files: any use is a test failure."""

    def verify(self, *args: Any) -> Any:
        raise AssertionError("no upload expected")

    def check(self, *args: Any) -> Any:
        raise AssertionError("no upload expected")

    def settle(self, uploads: list[Any]) -> None:
        assert not uploads, "no upload expected"


class FakeStaffDirectory:
    """The staff directory as a dict: sub -> roles."""

    def __init__(self, members: dict[str, set[str]] | None = None) -> None:
        from chalicelib.domain.staff import StaffMember

        self.people = {
            sub: StaffMember(sub, sub, frozenset(roles)) for sub, roles in (members or {}).items()
        }

    def members(self, role: str | None = None) -> list[Any]:
        return sorted(
            (m for m in self.people.values() if role is None or role in m.roles),
            key=lambda m: m.sub,
        )

    def get(self, sub: str) -> Any:
        return self.people.get(sub)


class FakeUploadRepository:
    """Upload records in memory, with the adapter's conditions."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}
        self.audits: list[AuditEntry] = []

    def add(self, upload: Any) -> None:
        if upload.id in self.items:
            raise VersionConflict()
        self.items[upload.id] = upload

    def get(self, upload_id: str) -> Any:
        return self.items.get(upload_id)

    def save_verified(self, upload: Any) -> None:
        current = self.items.get(upload.id)
        if current is None or current.state != "pending":
            raise VersionConflict()
        self.items[upload.id] = upload

    def audit(self, entry: AuditEntry) -> None:
        self.audits.append(entry)


class FakeAudienceRepository:
    """Audience requests in memory, with conditional saves and room locks held by one
    request at a time (the adapter's claim/release)."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}
        self.slots: dict[tuple[str, str], str] = {}
        self.audit: list[AuditEntry] = []
        self.outbox: list[Notification] = []

    def create(
        self, audience: Any, next_check_at: Any, uploads: Any, audit: AuditEntry, notifications: Any
    ) -> None:
        if audience.code in self.items:
            raise AlreadyExists()
        self.items[audience.code] = audience
        self.audit.append(audit)
        self.outbox.extend(notifications)

    def get(self, code: str) -> Any:
        return self.items.get(code)

    def save(
        self,
        before: Any,
        after: Any,
        next_check_at: Any,
        audit: AuditEntry,
        notifications: Any,
        add_slots: set[tuple[str, str]] | None = None,
        remove_slots: set[tuple[str, str]] | None = None,
    ) -> None:
        from chalicelib.domain.errors import RoomConflict

        if self.items[before.code].version != before.version:
            raise VersionConflict()
        if any(slot in self.slots for slot in add_slots or ()):
            raise RoomConflict()
        if any(self.slots.get(slot) != after.ref for slot in remove_slots or ()):
            raise VersionConflict()
        for slot in remove_slots or ():
            del self.slots[slot]
        for slot in add_slots or ():
            self.slots[slot] = after.ref
        self.items[after.code] = after
        self.audit.append(audit)
        self.outbox.extend(notifications)

    def queue(self, statuses: list[str], limit: int, position: str | None) -> Page[Any]:
        return deadline_page(
            (a for a in self.items.values() if a.status in statuses), limit, position
        )

    def received_in(self, month: str) -> Page[Any]:
        return Page(list(self.items.values()), None)

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The figures of the month's audience requests counted again."""
        from chalicelib.domain.report import audience_figures

        return MonthCounts(
            tally(audience_figures(a) for a in self.items.values() if _in(a, month)),
            complete=True,
        )

    def trail(self, code: str) -> list[AuditEntry]:
        return [a for a in self.audit if a.item_ref == f"AUD#{code}"]


class FakeSignerRepository:
    """The letter signer in memory, with the adapter's version condition."""

    def __init__(self) -> None:
        self.stored: Any = None
        self.audit: list[AuditEntry] = []
        self.reads = 0

    def get(self) -> Any:
        self.reads += 1
        return self.stored

    def put(self, signer: Any, expected_version: int, audit: AuditEntry) -> None:
        if (self.stored.version if self.stored else 0) != expected_version:
            raise VersionConflict()
        self.stored = signer
        self.audit.append(audit)


class FakeRoomRepository:
    """The room list in memory, with the adapter's version condition."""

    def __init__(self) -> None:
        from chalicelib.domain.rooms import RoomList

        self.stored = RoomList()
        self.audit: list[AuditEntry] = []

    def get(self) -> Any:
        return self.stored

    def put(self, rooms: Any, expected_version: int, audit: AuditEntry) -> None:
        if self.stored.version != expected_version:
            raise VersionConflict()
        self.stored = rooms
        self.audit.append(audit)
