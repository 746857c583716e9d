"""Delivering the outbox: claim a pending message, send it, record the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import AppError, DeliveryFailed, VersionConflict
from ..domain.notification import Notification
from .ports import Notifier, OutboxRepository, Page


@dataclass(slots=True)
class DispatchResult:
    """Counts of one delivery run. `raced`: messages another run took over while this one
    was sending (its outcome is the one recorded)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    raced: int = 0


class OutboxService:
    def __init__(self, repo: OutboxRepository, notifier: Notifier) -> None:
        self._repo = repo
        self._notifier = notifier

    def dispatch(self, now: datetime) -> DispatchResult:
        """Send every message due at `now` (UTC-aware) once: claim it (a conditional write,
        so only one run sends it), send, record the outcome, conditional on the claim still
        being ours. A run that lost the claim meanwhile (its claim ran out, CLAIM_SECONDS,
        and a later run took the message over) counts it as raced and goes on: never a
        VersionConflict out of a delivery run."""
        result = DispatchResult()
        for pending in self._repo.pending(now):
            claimed = pending.claim(now)
            try:
                self._repo.replace(pending, claimed)  # only one dispatcher sends it
            except VersionConflict:
                continue
            try:
                self._notifier.send(claimed)
                final = claimed.sent(now)
                result.sent += 1
            except AppError as exc:
                # A delivery failure names its channel and the channel's own code (e.g.
                # `whatsapp: 131026`, `ses: MessageRejected`), never an address: staff see it.
                reason = str(exc) if isinstance(exc, DeliveryFailed) else exc.code
                final = claimed.failed_attempt(now, reason)
                if final.state == "failed":
                    result.failed += 1
                else:
                    result.retried += 1
            try:
                self._repo.replace(claimed, final)
            except VersionConflict:
                result.raced += 1  # another run holds it now and records its own outcome
        return result

    def list_recent(self, limit: int, position: str | None) -> Page[Notification]:
        return self._repo.list_recent(limit, position)

    def to_requester(self, item_code: str) -> list[Notification]:
        """The messages to the citizen about one item, oldest first."""
        return self._repo.to_requester(item_code)
