"""How an item's SLA is shown to staff: due time, state, time left, escalations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from chalicelib.api.validation import ResponseModel
from chalicelib.domain.vocabulary import EscalationLevel, SlaState

if TYPE_CHECKING:
    from chalicelib.domain.calendar import WorkingCalendar
    from chalicelib.domain.sla import SlaPolicy, SlaTrack


class SlaOut(ResponseModel):
    state: SlaState
    due_at: datetime
    remaining_seconds: Annotated[int, Field(description="Negative once late")]
    paused: bool
    stopped: bool
    on_time: Annotated[bool | None, Field(description="Once the clock stopped")]


class EscalationOut(ResponseModel):
    level: EscalationLevel
    at: datetime
    deadline: datetime
    superseded: bool
    notified: list[str]


def sla_out(track: SlaTrack, now: datetime, cal: WorkingCalendar, policy: SlaPolicy) -> SlaOut:
    from chalicelib.domain.sla import view

    v = view(track, now, cal, policy)
    return SlaOut(
        state=v.state,  # type: ignore[arg-type]
        due_at=v.due_at.astimezone(cal.tz),
        remaining_seconds=v.remaining_seconds,
        paused=v.paused,
        stopped=v.stopped,
        on_time=v.on_time,
    )


def escalations_out(track: SlaTrack, cal: WorkingCalendar) -> list[EscalationOut]:
    return [
        EscalationOut(
            level=e.level,  # type: ignore[arg-type]
            at=e.at.astimezone(cal.tz),
            deadline=e.deadline.astimezone(cal.tz),
            superseded=e.superseded,
            notified=list(e.notified),
        )
        for e in track.history
    ]
