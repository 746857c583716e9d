"""Trial 2: "sampel minimum 4 dari 4 layanan" was unclear; the note says how many responses
there are against the minimum sample PermenPANRB 14/2017 requires for the services delivered."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from chalicelib.api.skm_views import _note


def test_the_sample_note_reads_as_responses_against_the_required_minimum() -> None:
    r: Any = SimpleNamespace(
        converted_index=80.0,
        mutu="B",
        kinerja="Baik",
        responses=1,
        population=4,
        minimum_sample=4,
        sample_sufficient=False,
    )
    text = _note(r, "id")
    assert "ada 1 jawaban" in text and "PermenPANRB 14/2017" in text
    assert "untuk 4 layanan yang diberikan adalah 4 jawaban: sampel belum mencukupi" in text
    assert "PermenPANRB 14/2017's minimum sample for 4 services" in _note(r, "en")


def test_the_english_note_names_the_quality_in_english() -> None:
    """A new user's trial (issue 17): the English SKM screen said "quality D, Tidak Baik"."""
    for mutu, kinerja, english in (
        ("A", "Sangat Baik", "Very good"),
        ("B", "Baik", "Good"),
        ("C", "Kurang Baik", "Poor"),
        ("D", "Tidak Baik", "Very poor"),
    ):
        r: Any = SimpleNamespace(
            converted_index=60.0,
            mutu=mutu,
            kinerja=kinerja,
            responses=5,
            population=5,
            minimum_sample=5,
            sample_sufficient=True,
        )
        assert f"(quality {mutu}, {english})" in _note(r, "en")
        assert f"(mutu {mutu}, {kinerja})" in _note(r, "id")
