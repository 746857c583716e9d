"""Ports: what the services need from storage, as protocols the adapters and fakes satisfy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from ..domain.audience import Audience
from ..domain.audit import AuditEntry
from ..domain.calendar import Overrides
from ..domain.complaint import Complaint
from ..domain.guestbook import GuestbookEntry
from ..domain.inbox import InboxChange
from ..domain.letter import Letter
from ..domain.letter_signer import StoredSigner
from ..domain.notification import Notification
from ..domain.rooms import RoomList
from ..domain.skm import Publication, SurveyInvite, SurveyResponse
from ..domain.sla import EscalationPlan
from ..domain.staff import StaffMember
from ..domain.tracked import TrackedItem, UnreadableItem
from ..domain.tracking import AccessProbe
from ..domain.uploads import Upload, UploadUse

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """A month's summed report figures of one kind (domain/report.py) and the codes of its
    stored items that could not be read, so are not in them; `complete` is True once every
    item of the month is counted."""

    counts: Counter[str]
    complete: bool
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list. `position` is the store's own resume point (None: last page).
    `unreadable`: codes of stored items on this page that could not be read back (left out,
    so that one damaged item never hides a whole queue; the API logs them)."""

    items: list[T]
    position: str | None
    unreadable: tuple[str, ...] = ()


class GuestbookRepository(Protocol):
    def add(self, entry: GuestbookEntry, audit: AuditEntry) -> None:
        """Store a new entry with its audit line, atomically; AlreadyExists if the id is taken."""

    def get(self, entry_id: str) -> GuestbookEntry | None: ...

    def save(
        self,
        entry: GuestbookEntry,
        expected_version: int,
        audit: AuditEntry,
        invite: SurveyInvite | None = None,
    ) -> None:
        """Replace the entry if its stored version is `expected_version`, with its audit line
        and the visitor's one-time SKM code (if any), atomically; VersionConflict otherwise."""

    def list_by_day(self, day: date, limit: int, position: str | None) -> Page[GuestbookEntry]:
        """Entries whose time in falls on local `day`, oldest first."""

    def audit_trail(self, item_ref: str) -> list[AuditEntry]: ...


class TrackedItemRepository(Protocol):
    """Items with an SLA clock, as the sweep and the calendar see them."""

    def due(self, now: datetime) -> Iterator[TrackedItem | UnreadableItem]:
        """Open items whose next check time is at or before `now` (no Scan). One that cannot
        be read back comes as an UnreadableItem: it never stops the others."""

    def open_items(self) -> Iterator[TrackedItem | UnreadableItem]:
        """Every open item of every kind (the queues of open states; no Scan); unreadable
        ones as UnreadableItem."""

    def get_tracked(self, kind: str, code: str) -> TrackedItem | None: ...

    def escalate(
        self,
        before: TrackedItem,
        after: TrackedItem,
        next_check_at: datetime | None,
        plan: EscalationPlan,
        audits: list[AuditEntry],
        notification: Notification,
    ) -> None:
        """One transaction: the new escalation state (if the version is unchanged), one record
        per level and deadline (if absent), the audit lines and the outbox message.
        VersionConflict or AlreadyExists when another writer got there first."""

    def retime(
        self,
        before: TrackedItem,
        after: TrackedItem,
        next_check_at: datetime | None,
        audit: AuditEntry,
    ) -> None:
        """Store a moved deadline (and its place in the queues and the sweep index) with its
        audit line, if the version is unchanged."""


class OpenQueueCounts(Protocol):
    """How many items the open queues hold now, without reading them back."""

    def open_counts(self, kind: str, now: datetime) -> tuple[int, int]:
        """(open, overdue) items of `kind` ('complaint', 'audience') at `now`: open are the
        states of the open queue; overdue those past their deadline with the clock running
        (or paused after it passed)."""


class OutboxRepository(Protocol):
    def pending(self, now: datetime) -> list[Notification]:
        """Pending messages whose next attempt is due."""

    def replace(self, before: Notification, after: Notification) -> None:
        """Store `after` if the stored one still equals `before` in state and attempts;
        VersionConflict otherwise."""

    def list_recent(self, limit: int, position: str | None) -> Page[Notification]: ...

    def to_requester(self, item_code: str) -> list[Notification]:
        """Every message to the citizen about one item, oldest first."""


@dataclass(frozen=True, slots=True)
class StoredOverrides:
    year: int
    overrides: Overrides
    version: int
    updated_at: datetime | None = None
    updated_by: str | None = None


class CalendarRepository(Protocol):
    def get(self, year: int) -> StoredOverrides | None: ...

    def put(self, stored: StoredOverrides, expected_version: int, audit: AuditEntry) -> None:
        """Replace a year's overrides if its version is `expected_version` (0: none yet)."""


class RoomRepository(Protocol):
    def get(self) -> RoomList:
        """The bureau's room list (an empty one, version 0, before the first room)."""

    def put(self, rooms: RoomList, expected_version: int, audit: AuditEntry) -> None:
        """Replace the list with its audit line, one transaction, if the stored list's
        version is `expected_version` (0: none yet); VersionConflict otherwise."""


class SignerRepository(Protocol):
    def get(self) -> StoredSigner | None:
        """The letter signer the admin set (None before the first), one GetItem."""

    def put(self, signer: StoredSigner, expected_version: int, audit: AuditEntry) -> None:
        """Replace the signer with its audit line, one transaction, if the stored one's
        version is `expected_version` (0: none yet); VersionConflict otherwise."""


class Notifier(Protocol):
    def send(self, notification: Notification) -> None:
        """Deliver one message; raise DeliveryFailed when it could not be delivered."""


class FileStore(Protocol):
    """The bucket of uploaded files."""

    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> tuple[str, dict[str, str]]:
        """URL and form fields of a browser upload pinned to this key, type and size."""

    def size(self, key: str) -> int | None:
        """The object's size, or None if there is none."""

    def read(self, key: str) -> bytes: ...

    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def delete(self, key: str) -> None: ...

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str: ...


class FileInspector(Protocol):
    """Opens a landed file with a well-kept library and gives the bytes to keep."""

    def clean(self, content_type: str, data: bytes) -> bytes:
        """`data` (at most 10 MiB) opened as `content_type` (application/pdf, image/jpeg,
        image/png). A picture comes back re-encoded in its own format: upright (EXIF
        orientation applied), without EXIF/XMP/GPS/IPTC/comments/text, its ICC colour profile
        kept. A PDF comes back unchanged once the library has opened it and found its pages.
        Raises FileRefused (domain.uploads) with the reason otherwise."""
        ...


class UploadRepository(Protocol):
    def add(self, upload: Upload) -> None: ...

    def get(self, upload_id: str) -> Upload | None: ...

    def save_verified(self, upload: Upload) -> None:
        """Record a pending upload as verified (VersionConflict if it is no longer pending)."""

    def audit(self, entry: AuditEntry) -> None:
        """Append an audit line (an attachment was viewed)."""


class AudienceRepository(Protocol):
    def create(
        self,
        audience: Audience,
        next_check_at: datetime | None,
        uploads: list[UploadUse],
        audit: AuditEntry,
        notifications: list[Notification],
    ) -> None:
        """The request, its checked uploads recorded as used (each only if still pending or
        verified, and of its purpose), its audit line and messages: one transaction."""

    def get(self, code: str) -> Audience | None: ...

    def save(
        self,
        before: Audience,
        after: Audience,
        next_check_at: datetime | None,
        audit: AuditEntry,
        notifications: list[Notification],
        add_slots: set[tuple[str, str]] | None = None,
        remove_slots: set[tuple[str, str]] | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> None:
        """Replace the request if its version is unchanged, with its room locks, audit line,
        messages and the letter it issues (with the sequence value its number came from:
        letter_repo.issue_parts): one transaction. RoomConflict if a slot is taken."""

    def queue(self, statuses: list[str], limit: int, position: str | None) -> Page[Audience]:
        """Requests in these states, nearest deadline first: `limit` of them, or all that are
        left (a state filter applies while reading, never after the page is cut)."""

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The summed report figures (domain/report.py) of the items received in the local
        month `YYYY-MM`, kept by every write; a few reads whatever the month holds."""

    def received_in(self, month: str) -> Page[Audience]:
        """Every request received in a local month (YYYY-MM), on one page (position None);
        the codes of those that could not be read back in `unreadable`."""

    def room_slots_on(self, room: str, day: date) -> list[tuple[str, str]]:
        """The quarter-hour locks a room holds on a local day: ("HH:MM", owner ref) each,
        by time (one Query of the room's day)."""

    def trail(self, code: str) -> list[AuditEntry]: ...


class ComplaintRepository(Protocol):
    def create(
        self,
        complaint: Complaint,
        next_check_at: datetime | None,
        uploads: list[UploadUse],
        audit: AuditEntry,
        notifications: list[Notification],
        inbox: InboxChange | None = None,
    ) -> None:
        """The complaint, its checked evidence recorded as used, its LAPOR id claimed (unique), its audit
        line and messages, what the inbox records with it (InboxChange): one transaction."""

    def get(self, code: str) -> Complaint | None: ...

    def save(
        self,
        before: Complaint,
        after: Complaint,
        next_check_at: datetime | None,
        audit: AuditEntry,
        notifications: list[Notification],
        inbox: InboxChange | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> None:
        """The change, its audit line, messages, inbox records and the letter it issues (the
        complaint's answer letter, with the sequence value its number came from): one
        transaction."""

    def queue(
        self,
        statuses: list[str],
        limit: int,
        position: str | None,
        clock_class: str | None = None,
        keep: Callable[[Complaint], bool] | None = None,
    ) -> Page[Complaint]:
        """Complaints in `statuses` (and `clock_class`, and passing `keep`), nearest deadline
        first: `limit` of them, or all that are left; filters apply while reading, never
        after the page is cut."""

    def assigned_to(
        self,
        sub: str,
        limit: int,
        position: str | None,
        statuses: list[str] | None = None,
        clock_class: str | None = None,
        keep: Callable[[Complaint], bool] | None = None,
    ) -> Page[Complaint]:
        """The open complaints assigned to `sub`, filtered and paged as `queue`."""

    def by_lapor(self, lapor_id: str) -> Complaint | None:
        """The complaint holding this SP4N-LAPOR! tracking id (its unique claim), or None."""

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The summed report figures (domain/report.py) of the items received in the local
        month `YYYY-MM`, kept by every write; a few reads whatever the month holds."""

    def received_in(self, month: str) -> Page[Complaint]:
        """Every complaint received in a local month (YYYY-MM), on one page (position None);
        the codes of those that could not be read back in `unreadable`."""

    def trail(self, code: str) -> list[AuditEntry]: ...


class SkmRepository(Protocol):
    """SKM responses, the once-only marks, one-time codes, the population, publications."""

    def add_tracked_response(self, item_ref: str, response: SurveyResponse) -> None:
        """The response and the item's survey mark (if absent), in one transaction;
        InvalidTransition when the item has been surveyed already."""

    def surveyed(self, item_ref: str) -> bool: ...

    def get_invite(self, code_hash: str) -> SurveyInvite | None: ...

    def add_code_response(self, invite: SurveyInvite, response: SurveyResponse) -> None:
        """Mark the code used (only if it exists and is unused) and store the response, in
        one transaction; InvalidTransition when the code was used meanwhile."""

    def responses(self, months: list[str], service: str | None) -> list[SurveyResponse]:
        """Every response of these local months (YYYY-MM), of one service or all."""

    def population(self, start: datetime, end: datetime, service: str | None) -> int:
        """Services that ended in [start, end) (UTC instants), of one service or all (no Scan)."""

    def publish(self, publication: Publication, audit: AuditEntry) -> None:
        """Store a frozen result with its audit line; AlreadyExists for a period published."""

    def publications(self, limit: int, position: str | None) -> Page[Publication]:
        """Published results, newest first."""


class StaffDirectory(Protocol):
    """Who works at the bureau, with their roles: the Cognito user pool's groups in AWS, the
    local staff accounts under `make run`."""

    def members(self, role: str | None = None) -> list[StaffMember]:
        """Members holding `role` (every member when None), ordered by sub."""

    def get(self, sub: str) -> StaffMember | None:
        """The member with this `sub`, or None when the directory does not know it."""


class AccessAttempts(Protocol):
    """Storage of the probe and the failure counter (DynamoDB in production, a fake in tests)."""

    def probe(self, item_ref: str, code: str, now: datetime) -> AccessProbe:
        """The item's token hash and the code's counter of the window holding `now`, in one
        read."""

    def record_failure(self, code: str, now: datetime) -> AccessProbe:
        """Count one wrong token, atomically, in the window holding `now` (fixed windows, so
        it is one call every time); returns the count after it and the window's end."""
