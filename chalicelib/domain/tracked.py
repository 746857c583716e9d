"""What the sweep and the calendar see of any item with an SLA clock (complaint or audience)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .sla import SlaTrack

KIND_PREFIX = {"complaint": "CMP", "audience": "AUD"}
OPEN_STATUSES = {
    "complaint": ("received", "classified", "in_progress", "awaiting_reporter"),
    "audience": ("submitted", "in_review"),
}


@dataclass(frozen=True, slots=True)
class TrackedItem:
    kind: str
    code: str
    status: str
    version: int
    track: SlaTrack
    assignee: str | None = None

    @property
    def ref(self) -> str:
        return item_ref(self.kind, self.code)

    def with_track(self, track: SlaTrack) -> TrackedItem:
        return replace(self, track=track, version=self.version + 1)


@dataclass(frozen=True, slots=True)
class UnreadableItem:
    """A stored item the sweep cannot read back (damaged or written by an older version):
    counted as failed and logged by its code and the error's name, never its content."""

    code: str
    error: str


def item_ref(kind: str, code: str) -> str:
    return f"{KIND_PREFIX[kind]}#{code}"


def escalation_recipients(kind: str, level: str, assignee: str | None) -> tuple[str, ...]:
    """Who is told (domain.md): the assignee or the team, then the supervisor (Kepala
    Bagian), then the head of bureau (Kepala Biro)."""
    if level == "warning":
        if assignee:
            return (f"staff:{assignee}",)
        return ("role:complaint_team",) if kind == "complaint" else ("role:front_desk",)
    if level == "breach":
        return ("role:supervisor",)
    return ("role:head_of_bureau",)
