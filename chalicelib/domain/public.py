"""What a requester sees of any item: its public timeline, and the rating they gave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """When, which state, a fixed public note: no staff names, no internal notes."""

    at: datetime
    status: str
    note: str


@dataclass(frozen=True, slots=True)
class Rating:
    """The requester's 1-5 score and comment, given once."""

    score: int
    comment: str | None
    at: datetime
