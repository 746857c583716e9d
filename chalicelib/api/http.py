"""The one way a route is declared: parsing, roles, errors -> problem+json, OpenAPI metadata.

Chalice middleware never sees an exception raised in a view, so every view is wrapped here
and every error is mapped in this one place.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from chalice.app import Blueprint, Response
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from chalicelib import bootstrap
from chalicelib.api import auth
from chalicelib.api.problems import (
    PROBLEM_CONTENT_TYPE,
    FieldProblem,
    choose_language,
    problem_body,
    problem_json,
    problem_status,
    too_many_attempts_detail,
)
from chalicelib.api.rule_messages import transition_detail
from chalicelib.domain.errors import (
    AppError,
    FieldError,
    FieldErrors,
    Forbidden,
    InvalidTransition,
    Unauthenticated,
    UploadInvalid,
)
from chalicelib.observability import logger

MAX_BODY_BYTES = 256 * 1024
# If-Match: `*`, or one version as its ETag (a weak one is read the same).
IF_MATCH_PATTERN = r'^(\*|(W/)?"([0-9]{1,12})")$'
JSON_CONTENT_TYPE = "application/json"


# Free text: no control characters but tab, newline and carriage return (C0, DEL and C1), and
# at least one character that is not white space. OpenAPI gives every request string without
# a pattern, format or enum of its own this pattern (api/openapi.py), and `RequestModel`
# checks the same two rules in code, so what the document allows the server accepts.
CONTROL_CHARACTERS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"
BLANK_CHARACTERS = "\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def text_pattern(also_excluded: str = "") -> str:
    """TEXT_PATTERN refusing `also_excluded` too (characters in regex class syntax)."""
    allowed = f"[^{also_excluded}{CONTROL_CHARACTERS}]*"
    return f"^{allowed}[^{also_excluded}{BLANK_CHARACTERS}]{allowed}$"


TEXT_PATTERN = text_pattern()
# A word without white space or control characters (an e-mail's local part, its domain).
WORD = f"[^@{BLANK_CHARACTERS}]+"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_VISIBLE = re.compile(f"[^{BLANK_CHARACTERS}]")
_SURROGATE = re.compile("[\\ud800-\\udfff]")


def clean_text(value: str) -> str:
    """A request string checked against TEXT_PATTERN's two rules, then trimmed. Raises
    PydanticCustomError `control_characters`, `invalid_characters` (a lone UTF-16 surrogate,
    which JSON can carry but UTF-8 cannot store) or `blank`."""
    if _CONTROL.search(value):
        raise PydanticCustomError("control_characters", "must not contain control characters")
    if _SURROGATE.search(value):
        raise PydanticCustomError("invalid_characters", "contains an invalid character")
    if not _VISIBLE.search(value):
        raise PydanticCustomError("blank", "must not be blank")
    return value.strip()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    if isinstance(value, datetime):
        try:
            value.astimezone(UTC)
        except (OverflowError, ValueError):
            raise PydanticCustomError("datetime_out_of_range", "time out of range") from None
    return value


def _scalar_kinds(annotation: Any) -> frozenset[Any]:
    """The plain types a field's annotation admits (Optional and unions unwrapped; a list's
    or tuple's items for a list or tuple)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _scalar_kinds(get_args(annotation)[0])
    if origin in (Union, UnionType, list, tuple, set, frozenset):
        return frozenset().union(*(_scalar_kinds(a) for a in get_args(annotation) if a is not ...))
    return frozenset({annotation})


def _strict_scalar(value: Any, kinds: frozenset[Any]) -> Any:
    """JSON numbers and booleans as the OpenAPI types say: no "5" or true for an integer, no
    1 or "true" for a boolean (pydantic's lax mode would convert them). Raises
    PydanticCustomError `int_type`, `float_type` or `bool_type`."""
    if isinstance(value, list | tuple):
        for item in value:
            _strict_scalar(item, kinds)
        return value
    if str in kinds or Any in kinds:
        return value
    text_or_flag = isinstance(value, bool | str)
    # 5.0 stays an integer: JSON Schema 2020-12 (OpenAPI 3.1) counts a number with a zero
    # fraction as one; 5.5 is refused by pydantic itself (int_from_float).
    if int in kinds and text_or_flag:
        raise PydanticCustomError("int_type", "must be an integer")
    if float in kinds and int not in kinds and text_or_flag:
        raise PydanticCustomError("float_type", "must be a number")
    plain = isinstance(value, int | float | str) and not isinstance(value, bool)
    if bool in kinds and plain and not ({int, float} & kinds):
        raise PydanticCustomError("bool_type", "must be true or false")
    return value


class RequestModel(BaseModel):
    """Base of every request body and query: unknown fields are refused; text has no control
    characters, is not blank, and is trimmed once its length was checked (the length the
    document states is the length of what was sent); a time converts to UTC. In a body,
    integers, numbers and booleans are strict (JSON types as the OpenAPI says: `"5"` and
    `true` are not integers, 5.0 is, as in JSON Schema); a query's text values are parsed.

    `cross_field_problems` states the rules between fields; they are checked on the raw
    body even when a field fails, so every problem of a request comes back at once.
    `rule_problems` does the same for the service's rules on single fields (a date that is not
    a working day, a receipt in the future): the service checks them on a valid body; when
    another field fails, they are checked here on the raw values, so no schema error hides
    them (issue 10 point 4)."""

    # defer_build: the validator is built on a model's first use, not at import (cold start).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _strict_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        # A query's values arrive as text and are parsed (context {"query": True}).
        if (info.context and info.context.get("query")) or info.field_name is None:
            return value
        return _strict_scalar(value, _scalar_kinds(cls.model_fields[info.field_name].annotation))

    @field_validator("*", mode="after")
    @classmethod
    def _clean_values(cls, value: Any, info: ValidationInfo) -> Any:
        return _clean(value)

    @classmethod
    def cross_field_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """Problems between fields, from the raw JSON object (values may be of any type)."""
        return []

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """The service's field rules, from the raw JSON object of a body that failed
        validation elsewhere (values may be of any type; skip what does not parse)."""
        return []


class ResponseModel(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


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
_PREFLIGHT_PATHS: set[str] = set()

# CORS on the public routes, for the origins in ALLOWED_ORIGINS (api.md: another site of the
# province may embed the forms). Staff routes never answer CORS.
CORS_ALLOW_HEADERS = "Content-Type, Accept-Language, X-Access-Token, Idempotency-Key"
CORS_EXPOSE_HEADERS = "X-Request-Id, Retry-After, Content-Disposition"
CORS_MAX_AGE_S = 600


def allowed_methods(path: str) -> list[str]:
    """The methods a route path answers (its registered ones, OPTIONS for public paths)."""
    methods = sorted({s.method for s in REGISTRY if s.path == path})
    if path in _PREFLIGHT_PATHS:
        methods.append("OPTIONS")
    return methods


def public_path(path: str | None) -> bool:
    return path is not None and any(s.path == path and s.roles is None for s in REGISTRY)


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


def _register_preflight(bp: Blueprint, path: str) -> None:
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


def problem_response(
    code: str,
    lang: str,
    *,
    errors: list[FieldProblem] | None = None,
    request_id: str | None = None,
    headers: dict[str, str] | None = None,
    detail: str | None = None,
) -> Response:
    body = problem_body(code, lang, errors=errors, request_id=request_id, detail=detail)
    return Response(
        body=problem_json(body),
        status_code=problem_status(code),
        headers={"Content-Type": PROBLEM_CONTENT_TYPE, **(headers or {})},
    )


# pydantic error types an empty string fails with; for "" each means "nothing was filled in".
EMPTY_MEANS_MISSING = frozenset(
    {
        "string_too_short",
        "string_pattern_mismatch",
        "literal_error",
        "enum",
        "date_from_datetime_parsing",
        "date_parsing",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "time_parsing",
        "int_parsing",
        "float_parsing",
        "url_parsing",
    }
)


def _field_problems(exc: ValidationError, prefix: str = "") -> list[FieldProblem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"] if p != "__root__")
        ctx = {
            k: (", ".join(map(str, v)) if isinstance(v, list | tuple) else v)
            for k, v in (err.get("ctx") or {}).items()
        }
        if err["type"] == "value_error" and isinstance(ctx.get("error"), ValueError):
            key = str(ctx["error"])
            problems.append(FieldProblem(prefix + loc, key, {}, fallback=key))
            continue
        if err.get("input") == "" and err["type"] in EMPTY_MEANS_MISSING:
            # A form's untouched field arrives as "": the person left it empty, whatever
            # constraint it then fails (length, format, choice, time).
            problems.append(FieldProblem(prefix + loc, "missing", {}, fallback="Field required"))
            continue
        problems.append(FieldProblem(prefix + loc or "body", err["type"], ctx, fallback=err["msg"]))
    return problems


def _parse_body(request: Any, model: type[BaseModel], required: bool) -> BaseModel | None:
    raw: bytes = request.raw_body or b""
    if not raw.strip():
        if required:
            raise _BadRequest([FieldProblem("body", "missing")])
        return model.model_validate({})
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != JSON_CONTENT_TYPE and not content_type.endswith("+json"):
        raise _Problem("unsupported_media_type")
    data = _load_json(raw)
    if not isinstance(data, dict):
        raise _BadRequest([FieldProblem("body", "model_type")])
    problems: list[FieldProblem] = []
    parsed: BaseModel | None = None
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        problems = _field_problems(exc)
    if issubclass(model, RequestModel):
        named = {p.field for p in problems}
        problems += [p for p in model.cross_field_problems(data) if p.field not in named]
        if problems:  # a valid body gets these from the service, once
            named = {p.field for p in problems}
            problems += [p for p in model.rule_problems(data) if p.field not in named]
    if problems or parsed is None:
        raise _BadRequest(problems)
    return parsed


def _load_json(raw: str | bytes) -> Any:
    """The JSON value of a body; a 400 for bad JSON, including nesting too deep to parse."""
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise _BadRequest([FieldProblem("body", "json_invalid")]) from None
    except RecursionError:  # valid JSON, nested deeper than the parser goes
        raise _BadRequest([FieldProblem("body", "json_too_deep")]) from None


def _no_fields(raw: str | bytes) -> None:
    """A route that takes no body accepts an empty one (`{}`); any field is unknown."""
    data = _load_json(raw)
    if data == {}:
        return
    fields = sorted(data) if isinstance(data, dict) else ["body"]
    raise _BadRequest([FieldProblem(f, "extra_forbidden") for f in fields])


def _parse_query(request: Any, model: type[BaseModel]) -> BaseModel:
    params = dict(request.query_params or {})
    try:
        return model.model_validate(params, context={"query": True})
    except ValidationError as exc:
        raise _BadRequest(_field_problems(exc)) from None


class _Problem(Exception):
    def __init__(self, code: str, errors: list[FieldProblem] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.errors = errors


class _BadRequest(_Problem):
    def __init__(self, errors: list[FieldProblem]) -> None:
        super().__init__("validation_failed", errors)


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


def _app_error_response(exc: AppError, lang: str) -> Response:
    """Our own errors, mapped to problem details in this one place."""
    if isinstance(exc, UploadInvalid):
        return problem_response(
            "upload_invalid", lang, errors=[FieldProblem(exc.field, exc.reason)]
        )
    if isinstance(exc, FieldError):
        problem = FieldProblem(exc.field, exc.message_key, dict(exc.params))
        return problem_response("validation_failed", lang, errors=[problem])
    if isinstance(exc, FieldErrors):
        problems = [FieldProblem(e.field, e.message_key, dict(e.params)) for e in exc.errors]
        return problem_response("validation_failed", lang, errors=problems)
    if isinstance(exc, InvalidTransition):
        detail = transition_detail(exc.rule, lang, dict(exc.params))
        return problem_response(exc.code, lang, detail=detail)
    if exc.code == "storage_unavailable":
        logger.warning("storage unavailable", extra={"error": str(exc)})
    retry_after = exc.params.get("retry_after")
    headers = None
    detail = None
    if isinstance(retry_after, int | float):  # 429 and 409 in progress: when to come back
        headers = {"Retry-After": str(max(1, int(retry_after)))}
        if exc.code == "too_many_attempts":  # a citizen reads this: the wait, not a header
            detail = too_many_attempts_detail(lang, max(1, int(retry_after)))
    return problem_response(exc.code, lang, headers=headers, detail=detail)


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
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view. `roles=None` makes it public; otherwise the staff authorizer guards it
    and the roles are checked again here. `downloads`: other media types of the success
    response (e.g. `text/csv`); `storage=False`: the route never reads the store (no 503)."""
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
                    raise _Problem("payload_too_large")
                principal = None
                if allowed is not None:
                    principal = auth.principal_from_context(request.context or {})
                    if principal is None:
                        raise Unauthenticated()
                    if not principal.roles & allowed:
                        raise Forbidden()
                kwargs: dict[str, Any] = dict(path_params)
                if body is not None:
                    kwargs["body"] = _parse_body(request, body, body_required)
                elif raw.strip() and method in ("POST", "PUT", "PATCH"):
                    _no_fields(raw)
                if query is not None:
                    kwargs["query"] = _parse_query(request, query)
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
            except _Problem as exc:
                return problem_response(exc.code, lang, errors=exc.errors)
            except AppError as exc:
                return _app_error_response(exc, lang)
            except Exception as exc:
                fault = bootstrap.storage_fault(exc)
                if fault is not None:
                    return _app_error_response(fault, lang)
                logger.exception("unhandled error", extra={"route": f"{method} {path}"})
                return problem_response("internal_error", lang, request_id=request_id)

        route_kwargs: dict[str, Any] = {"methods": [method], "content_types": ["*/*"]}
        if allowed is not None:
            route_kwargs["authorizer"] = auth.staff_authorizer
        bp.route(path, **route_kwargs)(view)
        if allowed is None:
            _register_preflight(bp, path)
        return fn

    return decorate
