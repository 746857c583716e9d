"""The append-only audit trail: who changed what, when and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of an item's trail. `item_ref` is the item's key, e.g. GUESTBOOK#BT-...

    `note` is free text for people reading the raw trail; `facts` carries the same line's
    particulars as codes (e.g. `{"class": "normatif", "previous": "ringan"}` on a
    classification, `{"assignee": "<sub>", "previous_assignee": "<sub>"}` on an assignment, `{"reason": ...}` on a refusal),
    so the console can say what happened in the reader's language. Lines written before facts
    existed have none.
    """

    item_ref: str
    at: datetime
    actor: str
    action: str
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
    facts: Mapping[str, str] = field(default_factory=dict)
