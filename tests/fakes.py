"""In-memory fakes of the ports: the same behaviour as the DynamoDB adapters, no AWS."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.guestbook import GuestbookEntry
from chalicelib.domain.timeutil import local_date
from chalicelib.services.ports import Page


class FakeGuestbookRepository:
    def __init__(self, tz: ZoneInfo) -> None:
        self._tz = tz
        self._entries: dict[str, GuestbookEntry] = {}
        self._audit: list[AuditEntry] = []
        self._lock = threading.Lock()

    def add(self, entry: GuestbookEntry, audit: AuditEntry) -> None:
        with self._lock:
            if entry.id in self._entries:
                raise AlreadyExists()
            self._entries[entry.id] = entry
            self._audit.append(audit)

    def get(self, entry_id: str) -> GuestbookEntry | None:
        entry = self._entries.get(entry_id)
        return replace(entry) if entry else None

    def save(self, entry: GuestbookEntry, expected_version: int, audit: AuditEntry) -> None:
        with self._lock:
            current = self._entries.get(entry.id)
            if current is None or current.version != expected_version:
                raise VersionConflict()
            self._entries[entry.id] = entry
            self._audit.append(audit)

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
