"""RFC 9457 problem details, in Indonesian by default and English on request.

The texts are data (`chalicelib/data/problems.json`), read on first use.

Pure functions (no Chalice): the local runner uses them too, for the gateway's own 401/403.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from chalicelib.api.rule_messages import localize_params, rule_field_messages
from chalicelib.data import load_json

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://birokesra.kalbarprov.go.id/problems/"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem type of the catalogue: its HTTP status and, per language, title and detail."""

    status: int
    texts: dict[str, tuple[str, str]]


@functools.cache
def problems() -> dict[str, Problem]:
    """The problem types by code (`validation_failed`...), from `data/problems.json`, read on
    first use."""
    data = _catalogue()["problems"]
    return {
        code: Problem(
            status=int(entry["status"]),
            texts={
                lang: (t["title"], t["detail"]) for lang, t in entry.items() if lang != "status"
            },
        )
        for code, entry in data.items()
    }


@functools.cache
def field_messages() -> dict[str, dict[str, str]]:
    """Field messages by key ({lang: text}): pydantic's error types, our own `FieldError` keys
    and the domain's value rules (`rule_messages.rule_field_messages`); `{name}` marks a
    parameter."""
    return {**_catalogue()["fields"], **rule_field_messages()}


@functools.cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = load_json("problems.json")
    return data


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message_key: str
    params: dict[str, Any] = dc_field(default_factory=dict)
    fallback: str | None = None


def choose_language(accept_language: str | None) -> str:
    """'en' when the client prefers English over Indonesian; Indonesian otherwise."""
    if not accept_language:
        return "id"
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for p in pieces[1:]:
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in ("id", "en"):
            ranked.append((-quality, index, primary))
    ranked.sort()
    return ranked[0][2] if ranked and ranked[0][0] < 0 else "id"


CHOICE_KEYS = frozenset({"literal_error", "enum"})
_OR = {"id": "atau", "en": "or"}


def choices(expected: Any, lang: str) -> str:
    """The allowed values as a list in words: `a, b atau c` (`a, b or c` in English).
    `expected` is pydantic's text (`'a', 'b' or 'c'`) or a sequence of values."""
    values: list[str]
    if isinstance(expected, str):
        values = re.findall(r"'([^']*)'", expected) or [
            v.strip() for v in expected.split(",") if v.strip()
        ]
    else:
        values = [str(v) for v in expected]
    if len(values) == 1:
        return str(values[0])
    serial = "," if lang == "id" and len(values) > 2 else ""  # PUEBI: a, b, atau c
    return f"{', '.join(values[:-1])}{serial} {_OR[lang]} {values[-1]}"


def field_message(problem: FieldProblem, lang: str) -> str:
    """The message of one field problem in `lang` (`id` or `en`); an unknown key gives a
    generic sentence (English: pydantic's own message)."""
    messages = field_messages()
    texts = messages.get(problem.message_key)
    if texts is None:
        if lang == "en" and problem.fallback:
            return problem.fallback
        texts = messages["invalid"]
    params = dict(problem.params)
    if problem.message_key in CHOICE_KEYS and "expected" in params:
        params["expected"] = choices(params["expected"], lang)
    try:
        return texts[lang].format(**localize_params(params, lang))
    except (KeyError, IndexError):
        return messages["invalid"][lang]


def problem_body(
    code: str,
    lang: str = "id",
    *,
    errors: list[FieldProblem] | None = None,
    request_id: str | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """The problem document. Only a 5xx carries the request id (4xx: in the header only)."""
    problem = _problem(code)
    status = problem.status
    title, default_detail = problem.texts.get(lang, problem.texts["id"])
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail or default_detail,
        "code": code,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": field_message(e, lang)} for e in errors]
        if code == "upload_invalid":  # the refusal's stable word, e.g. file_damaged
            for out, e in zip(body["errors"], errors, strict=True):
                out["reason"] = e.message_key
    if status >= 500 and request_id:
        body["request_id"] = request_id
    return body


def too_many_attempts_detail(lang: str, seconds: float) -> str:
    """The 429's detail for a person: how long to wait, in minutes (rounded up) from a
    minute on, else in seconds; never the name of an HTTP header."""
    wait = max(1, int(-(-seconds // 1)))
    if wait >= 60:
        n, id_unit, en_unit = -(-wait // 60), "menit", "minute"
    else:
        n, id_unit, en_unit = wait, "detik", "second"
    if lang == "en":
        return (
            f"Too many wrong access tokens for this code; try again in {n} {en_unit}"
            f"{'' if n == 1 else 's'}."
        )
    return f"Terlalu banyak token akses yang salah untuk kode ini; coba lagi dalam {n} {id_unit}."


def _problem(code: str) -> Problem:
    catalogue = problems()
    return catalogue.get(code) or catalogue["internal_error"]


def problem_status(code: str) -> int:
    """The HTTP status of a problem code (500 for an unknown code)."""
    return _problem(code).status


def problem_json(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))
