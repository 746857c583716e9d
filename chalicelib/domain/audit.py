"""The append-only audit trail: who changed what, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of an item's trail. `item_ref` is the item's key, e.g. GUESTBOOK#BT-..."""

    item_ref: str
    at: datetime
    actor: str
    action: str
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
