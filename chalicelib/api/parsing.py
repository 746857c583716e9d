"""A request's body and query, parsed into their models: every field problem at once, the
rules between fields and the services' field rules included (RequestModel)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

from chalicelib.api.error_mapping import BadRequest, ProblemRaised
from chalicelib.api.problems import FieldProblem
from chalicelib.api.validation import RequestModel

JSON_CONTENT_TYPE = "application/json"


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


def field_problems(exc: ValidationError, prefix: str = "") -> list[FieldProblem]:
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
        if err["type"] == "string_pattern_mismatch" and loc.split(".")[-1] == "email":
            # an e-mail address says so ("alamat email tidak valid"), not "format tidak sesuai"
            problems.append(FieldProblem(prefix + loc, "email", {}, fallback="invalid e-mail"))
            continue
        problems.append(FieldProblem(prefix + loc or "body", err["type"], ctx, fallback=err["msg"]))
    return problems


def parse_body(request: Any, model: type[BaseModel], required: bool) -> BaseModel | None:
    raw: bytes = request.raw_body or b""
    if not raw.strip():
        if required:
            raise BadRequest([FieldProblem("body", "missing")])
        return model.model_validate({})
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != JSON_CONTENT_TYPE and not content_type.endswith("+json"):
        raise ProblemRaised("unsupported_media_type")
    data = _load_json(raw)
    if not isinstance(data, dict):
        raise BadRequest([FieldProblem("body", "model_type")])
    problems: list[FieldProblem] = []
    parsed: BaseModel | None = None
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        problems = field_problems(exc)
    if issubclass(model, RequestModel):
        named = {p.field for p in problems}
        problems += [p for p in model.cross_field_problems(data) if p.field not in named]
        if problems:  # a valid body gets these from the service, once
            named = {p.field for p in problems}
            problems += [p for p in model.rule_problems(data) if p.field not in named]
    if problems or parsed is None:
        raise BadRequest(problems)
    return parsed


def _load_json(raw: str | bytes) -> Any:
    """The JSON value of a body; a 400 for bad JSON, including nesting too deep to parse."""
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest([FieldProblem("body", "json_invalid")]) from None
    except RecursionError:  # valid JSON, nested deeper than the parser goes
        raise BadRequest([FieldProblem("body", "json_too_deep")]) from None


def no_fields(raw: str | bytes) -> None:
    """A route that takes no body accepts an empty one (`{}`); any field is unknown."""
    data = _load_json(raw)
    if data == {}:
        return
    fields = sorted(data) if isinstance(data, dict) else ["body"]
    raise BadRequest([FieldProblem(f, "extra_forbidden") for f in fields])


def parse_query(request: Any, model: type[BaseModel]) -> BaseModel:
    params = dict(request.query_params or {})
    try:
        return model.model_validate(params, context={"query": True})
    except ValidationError as exc:
        raise BadRequest(field_problems(exc)) from None
