"""What a refused rule says to a person, in Indonesian and English.

The texts are data (`chalicelib/data/rule_messages.json`), read on first use:
`transitions`: the detail of a 409 `invalid_transition`, one per rule of domain.md's state
machines (the domain names the rule: `InvalidTransition.rule`), with `{state}` (the item's
status) and `{allowed}` (the states the action is allowed from), both in words; a rule may
have a sentence for one starting state, `<rule>.from_<state>`, that says what to do instead.
`states`: the status words, the same the staff console and the portal show.
`fields`: field messages of the domain's value rules (time range, meetings in office hours on
working days, reply letter dates, the staff directory), merged into `problems.field_messages`.
`weekdays`: the day names, Monday first.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from chalicelib.data import load_json
from chalicelib.domain.timeutil import long_date


@functools.cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = load_json("rule_messages.json")
    return data


def transition_details() -> dict[str, dict[str, str]]:
    """The detail sentences of refused transitions: {rule: {lang: text}}."""
    details: dict[str, dict[str, str]] = _catalogue()["transitions"]
    return details


def rule_field_messages() -> dict[str, dict[str, str]]:
    """The field messages of the domain's value rules: {key: {lang: text}}."""
    messages: dict[str, dict[str, str]] = _catalogue()["fields"]
    return messages


def weekday_names(lang: str) -> list[str]:
    """The seven day names in `lang` (`id` for an unknown language), Monday first."""
    names: dict[str, list[str]] = _catalogue()["weekdays"]
    return names.get(lang, names["id"])


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Params that carry a calendar date (`YYYY-MM-DD`) into a sentence.
DATE_PARAMS = ("date", "min", "max")


def localize_params(params: dict[str, object], lang: str) -> dict[str, object]:
    """Params whose words depend on the language: `weekday` (0 = Monday) becomes its name;
    a date in DATE_PARAMS (`YYYY-MM-DD`) becomes domain.timeutil.long_date ("Jumat, 25
    Desember 2026" / "Friday, 25 December 2026")."""
    out = dict(params)
    weekday = params.get("weekday")
    if isinstance(weekday, int) and 0 <= weekday < 7:
        out["weekday"] = weekday_names(lang)[weekday]
    for key in DATE_PARAMS:
        value = params.get(key)
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                out[key] = long_date(date.fromisoformat(value), lang)
            except ValueError:
                continue
    return out


def state_word(state: str, lang: str) -> str:
    """A status in words in `lang` (`id` for an unknown language), as the console shows it
    ("submitted" -> "Diajukan" / "Submitted"); an unknown status is returned as given."""
    words: dict[str, dict[str, str]] = _catalogue()["states"]
    return words.get(lang, words["id"]).get(state, state)


def transition_detail(rule: str | None, lang: str, params: dict[str, object]) -> str | None:
    """The detail sentence of a refused transition, or None for an unnamed rule. `state` and
    `allowed` (comma-separated status codes) are put in words; `<rule>.from_<state>`, when the
    catalogue has it, is preferred (it tells the person the step to take first)."""
    details = transition_details()
    texts = details.get(f"{rule}.from_{params.get('state')}") or details.get(rule or "")
    if texts is None:
        return None
    values = {"state": "-", "allowed": "-", **{k: str(v) for k, v in params.items()}}
    if "state" in params:
        values["state"] = state_word(values["state"], lang)
    if "allowed" in params:
        codes = [c.strip() for c in values["allowed"].split(",") if c.strip()]
        values["allowed"] = ", ".join(state_word(c, lang) for c in codes)
    try:
        return texts.get(lang, texts["id"]).format(**values)
    except (KeyError, IndexError):
        return None
