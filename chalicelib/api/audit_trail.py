"""An item's append-only audit trail, paged: shared by the audience and complaint routes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.errors import FieldError

if TYPE_CHECKING:
    from chalicelib.domain.audit import AuditEntry


class PageQuery(RequestModel):
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=4096)] = None


class AuditOut(ResponseModel):
    at: datetime
    actor: str
    action: str
    from_: Annotated[str | None, Field(alias="from", serialization_alias="from")]
    to: str | None
    note: str | None
    facts: Annotated[
        dict[str, str],
        Field(
            description="The line's particulars as codes, e.g. class/previous (classified), "
            "assignee/previous_assignee (assigned), channel, reason, agency, room/start/letter, score, "
            "due (local time); empty on lines written before they were kept"
        ),
    ]


class AuditPage(ResponseModel):
    items: list[AuditOut]
    names: Annotated[
        dict[str, str],
        Field(
            description="Full names (staff directory) of the staff members this page "
            "mentions, as actors or in facts (assignee, previous_assignee): {sub: name}"
        ),
    ]
    next_cursor: str | None


def audit_page(trail: list[AuditEntry], scope: str, query: PageQuery) -> AuditPage:
    """A page of an item's trail (the whole trail is one partition Query; paged here)."""
    settings = get_settings()
    raw = decode_cursor(query.cursor, scope, settings.cursor_secret)
    start = int(raw) if raw and raw.isdigit() else 0
    if raw and not raw.isdigit():
        raise FieldError("cursor", "cursor_invalid")
    chunk = trail[start : start + query.limit]
    more = start + query.limit < len(trail)
    tz = settings.tz
    items = [
        AuditOut(
            at=e.at.astimezone(tz),
            actor=e.actor,
            action=e.action,
            **{"from": e.from_state},
            to=e.to_state,
            note=e.note,
            facts=dict(e.facts),
        )
        for e in chunk
    ]
    nxt = encode_cursor(str(start + query.limit), scope, settings.cursor_secret) if more else None
    from chalicelib.api.staff import staff_names

    mentioned: list[str | None] = [e.actor for e in chunk]
    mentioned += [e.facts.get(k) for e in chunk for k in ("assignee", "previous_assignee")]
    names = staff_names(mentioned)
    return AuditPage(items=items, names=names, next_cursor=nxt)
