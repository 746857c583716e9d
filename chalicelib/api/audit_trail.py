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


class AuditPage(ResponseModel):
    items: list[AuditOut]
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
        )
        for e in chunk
    ]
    nxt = encode_cursor(str(start + query.limit), scope, settings.cursor_secret) if more else None
    return AuditPage(items=items, next_cursor=nxt)
