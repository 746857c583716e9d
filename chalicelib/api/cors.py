"""CORS on the public routes, for the origins in ALLOWED_ORIGINS (api.md: another site of
the province may embed the forms), and their OPTIONS preflight. Staff routes never answer
CORS."""

from __future__ import annotations

import re
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.registry import REGISTRY

CORS_ALLOW_HEADERS = "Content-Type, Accept-Language, X-Access-Token, Idempotency-Key"
CORS_EXPOSE_HEADERS = "X-Request-Id, Retry-After, Content-Disposition"
CORS_MAX_AGE_S = 600
_PREFLIGHT_PATHS: set[str] = set()


def allowed_methods(path: str) -> list[str]:
    """The methods a route path answers (its registered ones, OPTIONS for public paths)."""
    methods = sorted({s.method for s in REGISTRY if s.path == path})
    if path in _PREFLIGHT_PATHS:
        methods.append("OPTIONS")
    return methods


def cors_headers(origin: str | None, *, preflight: bool = False, path: str = "") -> dict[str, str]:
    """The CORS headers for a public route's answer: none unless `origin` is allowed."""
    from chalicelib.config import get_settings

    if not origin or origin.lower() not in get_settings().cors_origins():
        return {}
    headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    if preflight:
        headers["Access-Control-Allow-Methods"] = ", ".join(allowed_methods(path))
        headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        headers["Access-Control-Max-Age"] = str(CORS_MAX_AGE_S)
    else:
        headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
    return headers


def register_preflight(bp: Blueprint, path: str) -> None:
    """OPTIONS on a public path: 204 with Allow, and the CORS grant for an allowed Origin."""
    if path in _PREFLIGHT_PATHS:
        return
    _PREFLIGHT_PATHS.add(path)

    def preflight(**_: str) -> Response:
        request_headers: Any = bp.current_request.headers or {}
        origin = request_headers.get("origin")
        headers: dict[str, str | list[str]] = {"Allow": ", ".join(allowed_methods(path))}
        headers.update(cors_headers(origin, preflight=True, path=path))
        return Response(body="", status_code=204, headers=headers)

    preflight.__name__ = "preflight_" + re.sub(r"\W+", "_", path).strip("_")
    bp.route(path, methods=["OPTIONS"], content_types=["*/*"])(preflight)
