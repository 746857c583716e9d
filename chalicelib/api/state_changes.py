"""The staff's state changes of an item (review, schedule, classify, answer...), declared once
as a table and registered in a loop.

Each row is `POST /v1/admin/<feature>/{code}/<action>`: it takes the row's body model (or
none), is guarded by its roles, calls one service method as
`service.<method>(code, *row.args(body), who, now, if_match)` (`who` is the acting staff,
`now` the request's time in UTC, `if_match` the version the If-Match header names) and
answers the changed item with its ETag; 404, 409 and 412 are its own errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from chalice.app import Blueprint
from pydantic import BaseModel

from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel


def _no_args(body: Any) -> tuple[Any, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class StateChange:
    """One row: `action` is the path's last segment (`request-info`), `method` the service's
    (default: the action with `_` for `-`), `args` the service call's arguments taken from the
    parsed body, between the code and `who`."""

    action: str
    summary: str
    roles: frozenset[str]
    body: type[RequestModel] | None = None
    args: Callable[[Any], tuple[Any, ...]] = _no_args
    method: str | None = None

    @property
    def service_method(self) -> str:
        return self.method or self.action.replace("-", "_")


@dataclass(frozen=True, slots=True)
class Feature:
    """What the rows of one feature share: the path prefix (`/v1/admin/audiences`), the
    OpenAPI tag, the response model, the service (built on first use), who acts (`ctx.actor`
    or the staff member) and the reply built from the changed item."""

    prefix: str
    noun: str
    tag: str
    response: type[BaseModel]
    service: Callable[[], Any]
    who: Callable[[Ctx], Any]
    reply: Callable[[Ctx, Any], Reply]


def register_state_changes(bp: Blueprint, feature: Feature, rows: Sequence[StateChange]) -> None:
    """Register every row of `rows` on `bp`, in order (the OpenAPI document lists them so)."""
    for row in rows:
        _register(bp, feature, row)


def _register(bp: Blueprint, feature: Feature, row: StateChange) -> None:
    def change(ctx: Ctx, code: str, body: Any = None) -> Reply:
        call = getattr(feature.service(), row.service_method)
        item = call(code, *row.args(body), feature.who(ctx), ctx.now, ctx.if_match())
        return feature.reply(ctx, item)

    change.__name__ = f"{row.service_method}_{feature.noun}"
    endpoint(
        bp,
        "POST",
        f"{feature.prefix}/{{code}}/{row.action}",
        summary=row.summary,
        tag=feature.tag,
        roles=row.roles,
        body=row.body,
        response=feature.response,
        errors=(404, 409, 412),
        etag=True,
    )(change)
