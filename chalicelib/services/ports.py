"""Ports: what the services need from storage, as protocols the adapters and fakes satisfy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.guestbook import GuestbookEntry

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list. `position` is the store's own resume point (None: last page)."""

    items: list[T]
    position: str | None


class GuestbookRepository(Protocol):
    def add(self, entry: GuestbookEntry, audit: AuditEntry) -> None:
        """Store a new entry with its audit line, atomically; AlreadyExists if the id is taken."""

    def get(self, entry_id: str) -> GuestbookEntry | None: ...

    def save(self, entry: GuestbookEntry, expected_version: int, audit: AuditEntry) -> None:
        """Replace the entry if its stored version is `expected_version`, with its audit line,
        atomically; VersionConflict otherwise."""

    def list_by_day(self, day: date, limit: int, position: str | None) -> Page[GuestbookEntry]:
        """Entries whose time in falls on local `day`, oldest first."""

    def audit_trail(self, item_ref: str) -> list[AuditEntry]: ...
