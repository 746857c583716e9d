"""The satisfaction survey (SKM) of PermenPANRB No. 14 of 2017 (domain.md, "Satisfaction
survey"): its questionnaire, an answer sheet and its checks, when a requester may answer, and
the one-time code of a front-desk visitor.

The questionnaire (the nine elements' questions and answer labels, the respondent profile's
choices) is data: `chalicelib/data/skm_questionnaire.json`, read on first use.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.data import load_json

from ..errors import FieldError, FieldErrors, InvalidTransition
from ..ids import ALPHABET

SERVICES = ("audience", "complaint")
UNSUR = tuple(f"U{i}" for i in range(1, 10))
MAX_SUGGESTION = 2000
PROFILE_NOT_GIVEN = "tidak_diisi"


@dataclass(frozen=True, slots=True)
class Element:
    """One unsur: its code (U1-U9), name, question and the four answer labels (1..4), each
    by language (`id`, `en`)."""

    code: str
    name: dict[str, str]
    question: dict[str, str]
    labels: dict[str, tuple[str, str, str, str]]


@dataclass(frozen=True, slots=True)
class ProfileField:
    """One optional field of the respondent profile: its label by language and its choices
    as (code, Indonesian, English)."""

    name: str
    label: dict[str, str]
    choices: tuple[tuple[str, str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _, _ in self.choices)


@functools.cache
def elements() -> tuple[Element, ...]:
    """The nine elements, U1 to U9, with the questions of the regulation's sample
    questionnaire (Lampiran), numbered as the issue pins them (U8 complaints handling, U9
    facilities)."""
    return tuple(
        Element(
            e["code"],
            dict(e["name"]),
            dict(e["question"]),
            {lang: (v[0], v[1], v[2], v[3]) for lang, v in e["labels"].items()},
        )
        for e in _questionnaire()["elements"]
    )


def element(code: str) -> Element:
    """The element `code` (U1-U9); KeyError for any other code."""
    return {e.code: e for e in elements()}[code]


@functools.cache
def profile_fields() -> dict[str, ProfileField]:
    """The optional respondent profile by field name (age_band, sex, education, occupation)."""
    return {
        name: ProfileField(
            name,
            dict(f["label"]),
            tuple((c["code"], c["id"], c["en"]) for c in f["choices"]),
        )
        for name, f in _questionnaire()["profile"].items()
    }


@functools.cache
def _questionnaire() -> dict[str, Any]:
    data: dict[str, Any] = load_json("skm_questionnaire.json")
    return data


# When a requester may answer (api.md): after the service ended.
SURVEY_STATES = {"audience": ("held", "declined"), "complaint": ("answered", "closed")}

# The audit actions that end a service once per item: each is one unit of the population
# ("services completed in the period"). A guestbook visit counts for the audience service,
# whose procedure starts at the front desk (domain.md, Service 1).
ENDING_ACTIONS = {
    "audience.held": "audience",
    "audience.declined": "audience",
    "complaint.answered": "complaint",
    "guestbook.checkout": "audience",
}


# --- a response -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SurveyResponse:
    """One anonymous answer sheet: the service, the local month, nine answers, the optional
    profile and suggestion. Never a name, a contact, an item code or a time of day."""

    id: str
    service: str
    month: str  # YYYY-MM, Asia/Pontianak
    answers: Mapping[str, int]
    profile: Mapping[str, str] = field(default_factory=dict)
    suggestion: str | None = None


def check_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """All nine answers, each 1-4; every missing or bad one is named at once (FieldErrors)."""
    problems: list[FieldError] = []
    clean: dict[str, int] = {}
    for code in UNSUR:
        value = answers.get(code)
        if value is None:
            problems.append(FieldError(f"answers.{code}", "missing"))
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            problems.append(FieldError(f"answers.{code}", "answer_range"))
        else:
            clean[code] = value
    for extra in sorted(set(answers) - set(UNSUR)):
        problems.append(FieldError(f"answers.{extra}", "extra_forbidden"))
    if problems:
        raise FieldErrors(problems)
    return clean


def check_profile(profile: Mapping[str, str | None]) -> dict[str, str]:
    """The profile's given fields, each one of its choices (a None is left out); every
    unknown field or bad choice is named at once (FieldErrors)."""
    problems: list[FieldError] = []
    clean: dict[str, str] = {}
    for name, value in profile.items():
        known = profile_fields().get(name)
        if known is None:
            problems.append(FieldError(f"profile.{name}", "extra_forbidden"))
        elif value is None:
            continue
        elif value not in known.codes:
            expected = ", ".join(known.codes)
            problems.append(FieldError(f"profile.{name}", "literal_error", expected=expected))
        else:
            clean[name] = value
    if problems:
        raise FieldErrors(problems)
    return clean


def new_response(
    response_id: str,
    service: str,
    month: str,
    answers: Mapping[str, object],
    profile: Mapping[str, str | None] | None = None,
    suggestion: str | None = None,
) -> SurveyResponse:
    """A checked response; FieldErrors names every bad answer and profile field at once."""
    problems: list[FieldError] = []
    clean_answers: dict[str, int] = {}
    clean_profile: dict[str, str] = {}
    try:
        clean_answers = check_answers(answers)
    except FieldErrors as exc:
        problems += exc.errors
    try:
        clean_profile = check_profile(profile or {})
    except FieldErrors as exc:
        problems += exc.errors
    if problems:
        raise FieldErrors(problems)
    text = (suggestion or "").strip() or None
    return SurveyResponse(response_id, service, month, clean_answers, clean_profile, text)


def survey_open(service: str, status: str) -> bool:
    """Whether a requester may answer now: after the service ended (api.md)."""
    return status in SURVEY_STATES.get(service, ())


def require_survey_open(service: str, status: str) -> None:
    if not survey_open(service, status):
        allowed = ", ".join(SURVEY_STATES.get(service, ()))
        raise InvalidTransition(rule="skm.survey", state=status, allowed=allowed)


# --- the one-time code of a front-desk visitor --------------------------------------------

CODE_PREFIX = "SKM"


def new_survey_code() -> str:
    """SKM-XXXX-XXXX: 8 characters of the readable alphabet (about 39 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def normalize_code(text: str) -> str:
    """What a visitor types: any case, with or without hyphens and spaces."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if raw.startswith(CODE_PREFIX):
        raw = raw[len(CODE_PREFIX) :]
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def code_hash(code: str) -> str:
    """Only this is stored: the code itself is shown once, on the check-out answer."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SurveyInvite:
    """A one-time survey code: its hash, the service it is for and its last valid day."""

    code_hash: str
    service: str
    expires_on: date
    used: bool = False
