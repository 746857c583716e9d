"""Schemathesis hooks for the fuzz tier: the positive-data check as this API means it.

Schemathesis' own `positive_data_acceptance` fails any 4xx but 401/403/404/409/429 to a
request the document calls valid. Here a schema-valid request may still be refused where the
document cannot say why: a stale If-Match (412), an upload that is missing or not what it
claims (422), and a 400 whose every field problem is a rule no schema states (a referenced
item that does not exist, a time in the future, `reporter` with `anonymous`, a tampered
cursor). A 400 naming a problem of a kind the schema does state (length, pattern, range,
format, type, choice, required, unknown field, control characters) means the document
promised more than the server keeps: that fails.
"""

from __future__ import annotations

import json
import re
from typing import Any

import schemathesis

from chalicelib.api.problems import field_messages

# Problems the JSON Schema of a request states itself (keys of field_messages()).
SCHEMA_KINDS = frozenset(
    {
        "missing",
        "extra_forbidden",
        "string_too_short",
        "string_too_long",
        "string_pattern_mismatch",
        "string_type",
        "int_parsing",
        "int_type",
        "float_type",
        "bool_type",
        "greater_than_equal",
        "less_than_equal",
        "literal_error",
        "enum",
        "too_short",
        "too_long",
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "datetime_parsing",
        "datetime_type",
        "datetime_from_date_parsing",
        "timezone_aware",
        "model_type",
        "dict_type",
        "list_type",
        "json_invalid",
        "control_characters",
        "blank",
        "etag_invalid",
        "invalid",
    }
)
ACCEPTED = frozenset({401, 403, 404, 409, 412, 422, 429})


def _template(text: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{\w+\\\}", ".*", re.escape(text)) + r"\Z", re.DOTALL)


SCHEMA_MESSAGES = [
    _template(texts[lang])
    for key in SCHEMA_KINDS
    for lang in ("id", "en")
    for texts in [field_messages()[key]]
]


def schema_kind(message: str) -> bool:
    """Whether a field message is one of the kinds the document states."""
    return any(p.match(message) for p in SCHEMA_MESSAGES)


def _headers_match_their_patterns(case: Any) -> bool:
    """Whether every documented header the case sends matches its pattern. Schemathesis
    4.32.5's coverage phase can label a case positive with an optional header it filled
    with a placeholder (`If-Match: 0`); such a case is not schema-valid."""
    sent = {k.lower(): v for k, v in (case.headers or {}).items()}
    for param in getattr(case.operation.headers, "items", []):
        definition = getattr(param, "definition", {}) or {}
        pattern = (definition.get("schema") or {}).get("pattern")
        value = sent.get(str(definition.get("name", "")).lower())
        if pattern and value is not None and not re.search(pattern, str(value)):
            return False
    return True


@schemathesis.check
def positive_data_kept(ctx: Any, response: Any, case: Any) -> bool | None:
    """A schema-valid request is never refused for a rule the schema states."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if not _headers_match_their_patterns(case):
        return None
    status = response.status_code
    if status < 400 or status >= 500 or status in ACCEPTED:
        return None
    if status == 400:
        try:
            problem = json.loads(response.content)
        except ValueError:
            problem = {}
        errors = problem.get("errors") or []
        stated = [e for e in errors if schema_kind(str(e.get("message", "")))]
        if errors and not stated:
            return None
        raise AssertionError(
            "A schema-valid request was refused for a rule the schema states: "
            + json.dumps(stated or problem, ensure_ascii=False)
        )
    raise AssertionError(f"A schema-valid request was refused with {status}")
