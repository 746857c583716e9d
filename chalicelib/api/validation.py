"""What a request may carry: free text without control characters, strict JSON numbers and
booleans, and the base models of every request and response.

The same rules are stated in the OpenAPI document (api/openapi.py), so what the document
allows the server accepts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from chalicelib.api.problems import FieldProblem

# If-Match: `*`, or one version as its ETag (a weak one is read the same).
IF_MATCH_PATTERN = r'^(\*|(W/)?"([0-9]{1,12})")$'


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
