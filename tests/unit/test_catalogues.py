"""The message catalogues are data (chalicelib/data/*.json): every text exists in Indonesian
and English, with the same parameters, so no language can miss a key or a `{placeholder}`."""

from __future__ import annotations

import string

import pytest

from chalicelib.api.problems import field_messages, problem_body, problems
from chalicelib.api.rule_messages import rule_field_messages, transition_details, weekday_names
from chalicelib.data import load_json

LANGS = {"id", "en"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _texts_by_key() -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for code, problem in problems().items():
        for lang, (title, detail) in problem.texts.items():
            texts.setdefault(f"problem:{code}:title", {})[lang] = title
            texts.setdefault(f"problem:{code}:detail", {})[lang] = detail
    for key, by_lang in field_messages().items():
        texts[f"field:{key}"] = by_lang
    for rule, by_lang in transition_details().items():
        texts[f"transition:{rule}"] = by_lang
    return texts


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    texts = _texts_by_key()
    assert len(texts) > 100
    for key, by_lang in texts.items():
        assert set(by_lang) == LANGS, key
        assert all(by_lang[lang].strip() for lang in LANGS), key
        assert _placeholders(by_lang["id"]) == _placeholders(by_lang["en"]), key


def test_a_missing_placeholder_in_one_language_is_caught() -> None:
    """The check above can fail: `{date}` in one language only differs."""
    assert _placeholders("{date} bukan hari kerja") != _placeholders("not a working day")


def test_the_rule_fields_do_not_shadow_the_generic_ones() -> None:
    generic = load_json("problems.json")["fields"]
    assert not set(generic) & set(rule_field_messages())


def test_weekday_names_are_seven_monday_first() -> None:
    for lang in LANGS:
        assert len(weekday_names(lang)) == 7
    assert weekday_names("id")[0] == "Senin" and weekday_names("en")[6] == "Sunday"
    assert weekday_names("fr") == weekday_names("id")


@pytest.mark.parametrize("code", ["validation_failed", "not_found", "internal_error"])
def test_every_problem_has_a_status_and_reads_from_the_data(code: str) -> None:
    data = load_json("problems.json")["problems"][code]
    body = problem_body(code, "en")
    assert body["status"] == data["status"] == problems()[code].status
    assert body["title"] == data["en"]["title"]


def test_the_catalogues_load_on_first_use_only() -> None:
    """Importing the modules reads no file (cold start): the loaders are cached functions."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import chalicelib.api.problems as p, chalicelib.api.rule_messages as r; "
        "import chalicelib.domain.skm.survey as s; print(p._catalogue.cache_info().currsize, "
        "r._catalogue.cache_info().currsize, s._questionnaire.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "0", "0"]


def test_the_skm_questionnaire_has_nine_elements_in_both_languages() -> None:
    from chalicelib.domain import skm

    assert tuple(e.code for e in skm.elements()) == skm.UNSUR
    for e in skm.elements():
        for texts in (e.name, e.question):
            assert set(texts) == LANGS and all(texts.values()), e.code
        assert set(e.labels) == LANGS and all(len(e.labels[lang]) == 4 for lang in LANGS)
        assert all(all(label.strip() for label in e.labels[lang]) for lang in LANGS)
    assert set(skm.profile_fields()) == {"age_band", "sex", "education", "occupation"}
    for f in skm.profile_fields().values():
        assert set(f.label) == LANGS and f.choices
        assert all(code and text_id and text_en for code, text_id, text_en in f.choices)
        assert len(set(f.codes)) == len(f.codes) and skm.PROFILE_NOT_GIVEN not in f.codes


def test_dates_in_sentences_are_written_out_in_each_language() -> None:
    from datetime import date

    from chalicelib.api.rule_messages import localize_params
    from chalicelib.domain.timeutil import long_date

    assert long_date(date(2026, 12, 25), "id") == "Jumat, 25 Desember 2026"
    assert long_date(date(2026, 12, 25), "en") == "Friday, 25 December 2026"
    params = localize_params({"min": "2026-01-01", "max": "2026-13-01", "year": 2026}, "id")
    assert params == {"min": "Kamis, 1 Januari 2026", "max": "2026-13-01", "year": 2026}


def test_an_instant_in_a_sentence_is_written_out_in_wib() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from chalicelib.domain.timeutil import long_date_time

    at, tz = datetime(2026, 12, 25, 9, 0, tzinfo=UTC), ZoneInfo("Asia/Pontianak")
    assert long_date_time(at, tz) == "Jumat, 25 Desember 2026 pukul 16.00 WIB"
    assert long_date_time(at, tz, "en") == "Friday, 25 December 2026 at 16:00 WIB"


def test_the_api_profile_choices_are_the_questionnaires() -> None:
    """api/skm_models.ProfileIn states the choices in the OpenAPI document; they are the
    data file's (a choice added to one only fails here)."""
    from chalicelib.api.skm_models import ProfileIn
    from chalicelib.domain import skm

    schema = ProfileIn.model_json_schema()["properties"]
    for name, field in skm.profile_fields().items():
        (choice,) = [o for o in schema[name]["anyOf"] if "enum" in o]
        assert tuple(choice["enum"]) == field.codes, name
    assert set(schema) == set(skm.profile_fields())
