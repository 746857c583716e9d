"""The one way a route is declared: parsing, roles, errors -> problem+json, OpenAPI metadata.

Chalice middleware never sees an exception raised in a view, so every view is wrapped here
and every error is mapped in one place (api/error_mapping.py). The pieces: request rules
and base models (api/validation.py), body and query parsing (api/parsing.py), the route
registry (api/registry.py), CORS (api/cors.py).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from chalice.app import Blueprint, Response
from pydantic import BaseModel

from chalicelib.api import auth
from chalicelib.api.cors import register_preflight
from chalicelib.api.error_mapping import ProblemRaised, error_response
from chalicelib.api.parsing import JSON_CONTENT_TYPE, no_fields, parse_body, parse_query
from chalicelib.api.problems import choose_language
from chalicelib.api.registry import REGISTRY, EndpointSpec
from chalicelib.api.validation import IF_MATCH_PATTERN
from chalicelib.domain.errors import FieldError, Forbidden, Unauthenticated

MAX_BODY_BYTES = 256 * 1024


@dataclass(slots=True)
class Ctx:
    """What a handler gets besides its path parameters: who, when, in which language."""

    principal: auth.Principal | None
    now: datetime
    lang: str
    request_id: str
    headers: dict[str, str]
    source_ip: str | None = None
    lambda_context: Any = None

    @property
    def actor(self) -> str:
        return self.principal.sub if self.principal else "public"

    def if_match(self) -> int | None:
        """The version an If-Match header names, or None (no header, or `*`: any current
        version, RFC 9110 section 13.1.1); a malformed one is a 400."""
        raw = self.headers.get("if-match")
        if raw is None:
            return None
        match = re.fullmatch(IF_MATCH_PATTERN, raw.strip(" \t"))
        if not match:
            raise FieldError("If-Match", "etag_invalid")
        version = match.group(3)
        return int(version) if version is not None else None


@dataclass(slots=True)
class Reply:
    """A handler's answer when it needs a status, headers or a non-JSON body."""

    body: BaseModel | dict[str, Any] | str | bytes | None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = JSON_CONTENT_TYPE


def request_id_of(request: Any) -> str:
    context = request.context or {}
    rid = context.get("requestId")
    if not rid and getattr(request, "lambda_context", None) is not None:
        rid = getattr(request.lambda_context, "aws_request_id", None)
    return str(rid or "-")


def _to_response(result: Any, status: int) -> Response:
    reply = result if isinstance(result, Reply) else Reply(body=result, status=status)
    body = reply.body
    if isinstance(body, BaseModel):
        text: str | bytes | None = body.model_dump_json(by_alias=True)
    elif isinstance(body, dict):
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    else:
        text = body
    headers: dict[str, str | list[str]] = {"Content-Type": reply.content_type, **reply.headers}
    return Response(
        body=text if text is not None else "", status_code=reply.status, headers=headers
    )


def endpoint(
    bp: Blueprint,
    method: str,
    path: str,
    *,
    summary: str,
    tag: str,
    roles: frozenset[str] | set[str] | None = None,
    body: type[BaseModel] | None = None,
    body_required: bool = True,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    errors: tuple[int, ...] = (),
    media_type: str = JSON_CONTENT_TYPE,
    etag: bool = False,
    downloads: tuple[str, ...] = (),
    storage: bool = True,
    raw_body: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view. `roles=None` makes it public; otherwise the staff authorizer guards it
    and the roles are checked again here. `downloads`: other media types of the success
    response (e.g. `text/csv`); `storage=False`: the route never reads the store (no 503);
    `raw_body=True`: the view reads the request's raw bytes itself (a signed webhook)."""
    allowed = frozenset(roles) if roles is not None else None
    spec = EndpointSpec(
        method=method,
        path=path,
        summary=summary,
        tag=tag,
        roles=allowed,
        body=body,
        query=query,
        response=response,
        status=status,
        errors=errors,
        body_required=body_required,
        media_type=media_type,
        etag=etag,
        downloads=downloads,
        storage=storage,
    )
    REGISTRY.append(spec)

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def view(**path_params: str) -> Response:
            request = bp.current_request
            headers = {k.lower(): v for k, v in (request.headers or {}).items()}
            lang = choose_language(headers.get("accept-language"))
            request_id = request_id_of(request)
            try:
                raw = request.raw_body or b""
                if len(raw) > MAX_BODY_BYTES:
                    raise ProblemRaised("payload_too_large")
                principal = None
                if allowed is not None:
                    principal = auth.principal_from_context(request.context or {})
                    if principal is None:
                        raise Unauthenticated()
                    if not principal.roles & allowed:
                        raise Forbidden()
                kwargs: dict[str, Any] = dict(path_params)
                if body is not None:
                    kwargs["body"] = parse_body(request, body, body_required)
                elif raw.strip() and method in ("POST", "PUT", "PATCH") and not raw_body:
                    no_fields(raw)
                if query is not None:
                    kwargs["query"] = parse_query(request, query)
                ctx = Ctx(
                    principal=principal,
                    now=datetime.now(UTC).replace(microsecond=0),
                    lang=lang,
                    request_id=request_id,
                    headers=headers,
                    source_ip=((request.context or {}).get("identity") or {}).get("sourceIp"),
                    lambda_context=getattr(request, "lambda_context", None),
                )
                return _to_response(fn(ctx, **kwargs), status)
            except Exception as exc:
                return error_response(exc, lang, request_id, f"{method} {path}")

        route_kwargs: dict[str, Any] = {"methods": [method], "content_types": ["*/*"]}
        if allowed is not None:
            route_kwargs["authorizer"] = auth.staff_authorizer
        bp.route(path, **route_kwargs)(view)
        if allowed is None:
            register_preflight(bp, path)
        return fn

    return decorate
