"""The registry of routes: what each declares (method, path, roles, models, errors), read by
the CORS preflight, the middleware and the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class EndpointSpec:
    """What OpenAPI needs to know of one route."""

    method: str
    path: str
    summary: str
    tag: str
    roles: frozenset[str] | None
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    body_required: bool
    media_type: str
    etag: bool
    downloads: tuple[str, ...] = ()
    storage: bool = True


REGISTRY: list[EndpointSpec] = []


def public_path(path: str | None) -> bool:
    """Whether `path` (a route's path template) has a public route (no roles)."""
    return path is not None and any(s.path == path and s.roles is None for s in REGISTRY)
