"""The satisfaction survey (SKM): the questionnaire, a result and a publication as the routes
answer them (domain -> response models, report sheets)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chalicelib.api.skm_models import (
    AnswerOption,
    ChoiceOut,
    ElementOut,
    FollowUpOut,
    ProfileFieldOut,
    PublicationOut,
    QuestionnaireOut,
    SkmReportOut,
    SurveyIn,
    Text,
    UnsurOut,
)
from chalicelib.api.spreadsheet import Cell, Sheet
from chalicelib.config import get_settings
from chalicelib.domain import skm

if TYPE_CHECKING:
    from chalicelib.domain.skm import Publication, SkmResult, UnsurResult
    from chalicelib.services.skm import Answers


def questionnaire_out() -> QuestionnaireOut:
    return QuestionnaireOut(
        elements=[
            ElementOut(
                code=e.code,
                name=Text(**e.name),
                question=Text(**e.question),
                answers=[
                    AnswerOption(
                        value=i + 1, label=Text(id=e.labels["id"][i], en=e.labels["en"][i])
                    )
                    for i in range(4)
                ],
            )
            for e in skm.elements()
        ],
        profile_fields=[
            ProfileFieldOut(
                name=f.name,
                label=Text(**f.label),
                choices=[ChoiceOut(code=c, label=Text(id=i, en=en)) for c, i, en in f.choices],
            )
            for f in skm.profile_fields().values()
        ],
        suggestion_max_length=skm.MAX_SUGGESTION,
    )


THANKS = {
    "id": "Terima kasih. Jawaban survei Anda telah dicatat tanpa nama dan kontak.",
    "en": "Thank you. Your survey answers were recorded without name or contact.",
}


def answer_sheet(body: SurveyIn) -> Answers:
    from chalicelib.services.skm import Answers

    return Answers(
        answers=body.answers.model_dump(),
        profile=body.profile.model_dump(exclude_none=True) if body.profile else {},
        suggestion=body.suggestion,
    )


def _num(value: Decimal) -> float:
    return float(value)


def _unsur_out(u: UnsurResult) -> UnsurOut:
    return UnsurOut(
        unsur=u.unsur,
        name=u.name,
        nrr=_num(u.nrr),
        nrr_weighted=_num(u.nrr_weighted),
        converted=_num(u.converted),
        mutu=u.mutu,
    )


def _index(value: Any, lang: str) -> str:
    """The index with two decimals in the reader's notation: "87,50" (id-ID, decimal comma)
    or "87.50" (en), as the report screen shows it."""
    text = f"{float(value):.2f}"
    return text.replace(".", ",") if lang == "id" else text


# The quality bands' words in English (PermenPANRB 14/2017 names them in Indonesian: Sangat Baik,
# Baik, Kurang Baik, Tidak Baik); an English reader is never handed the Indonesian words.
KINERJA_EN = {"A": "Very good", "B": "Good", "C": "Poor", "D": "Very poor"}


def _note(r: SkmResult, lang: str) -> str:
    """The result in one plain sentence in the reader's language (`id` or `en`)."""
    if r.converted_index is None:
        return {
            "id": "Belum ada jawaban SKM pada periode ini; indeks tidak dihitung.",
            "en": "No SKM responses in this period; no index is computed.",
        }[lang]
    sample = {
        ("id", True): "sampel mencukupi",
        ("id", False): "sampel belum mencukupi",
        ("en", True): "the sample is sufficient",
        ("en", False): "the sample is not yet sufficient",
    }[(lang, r.sample_sufficient)]
    if lang == "en":
        words = KINERJA_EN.get(r.mutu or "", r.kinerja)
        return (
            f"IKM {_index(r.converted_index, lang)} (quality {r.mutu}, {words}) from {r.responses} "
            f"responses; PermenPANRB 14/2017's minimum sample for {r.population} services "
            f"delivered is {r.minimum_sample} responses: {sample}."
        )
    return (
        f"IKM {_index(r.converted_index, lang)} (mutu {r.mutu}, {r.kinerja}) dari {r.responses} responden; "
        f"ada {r.responses} jawaban, sampel minimum menurut PermenPANRB 14/2017 untuk "
        f"{r.population} layanan yang diberikan adalah {r.minimum_sample} jawaban: {sample}."
    )


def result_fields(r: SkmResult, lang: str) -> dict[str, Any]:
    return {
        "responses": r.responses,
        "population": r.population,
        "minimum_sample": r.minimum_sample,
        "sample_sufficient": r.sample_sufficient,
        "per_unsur": [_unsur_out(u) for u in r.per_unsur],
        "index": None if r.index is None else _num(r.index),
        "converted_index": None if r.converted_index is None else _num(r.converted_index),
        "mutu": r.mutu,
        "kinerja": r.kinerja,
        "weakest": [_unsur_out(u) for u in r.weakest],
        "profile": r.profile,
        "note": _note(r, lang),
    }


#: The service filter in words for the Indonesian sheets (the API's JSON keeps the codes).
SERVICE_WORDS = {"all": "Semua layanan", "audience": "Audiensi", "complaint": "Pengaduan"}


def report_sheets(out: SkmReportOut) -> list[Sheet]:
    summary: list[list[Cell]] = [
        ["Periode", "", "Dari", out.period_from],
        ["Periode", "", "Sampai", out.period_to],
        ["Periode", "", "Layanan", SERVICE_WORDS.get(out.service, out.service)],
        ["Ringkasan", "", "Jumlah responden", out.responses],
        ["Ringkasan", "", "Populasi (layanan selesai)", out.population],
        ["Ringkasan", "", "Sampel minimum (Krejcie-Morgan)", out.minimum_sample],
        ["Ringkasan", "", "Sampel mencukupi", "ya" if out.sample_sufficient else "tidak"],
        ["Ringkasan", "", "Indeks (1-4)", out.index],
        ["Ringkasan", "", "IKM (25-100)", out.converted_index],
        ["Ringkasan", "", "Mutu pelayanan", out.mutu],
        ["Ringkasan", "", "Kinerja unit pelayanan", out.kinerja],
    ]
    for u in out.per_unsur:
        summary.append(["NRR per unsur", u.unsur, u.name, u.nrr])
    for u in out.per_unsur:
        summary.append(["NRR tertimbang", u.unsur, u.name, u.nrr_weighted])
    per_unsur: list[list[Cell]] = [
        [u.unsur, u.name, u.nrr, u.nrr_weighted, u.converted, u.mutu] for u in out.per_unsur
    ]
    profile: list[list[Cell]] = [
        [field, code, count]
        for field, counts in out.profile.items()
        for code, count in counts.items()
    ]
    return [
        Sheet("Ringkasan", ["Bagian", "Unsur", "Uraian", "Nilai"], summary),
        Sheet(
            "Per unsur",
            ["Unsur", "Nama unsur", "NRR", "NRR tertimbang", "Nilai konversi", "Mutu"],
            per_unsur,
        ),
        Sheet("Profil responden", ["Profil", "Pilihan", "Jumlah"], profile),
        Sheet("Saran", ["No", "Saran"], [[i + 1, s] for i, s in enumerate(out.suggestions)]),
    ]


def publication_out(p: Publication, lang: str) -> PublicationOut:
    return PublicationOut(
        period_from=p.period_from,
        period_to=p.period_to,
        service=p.service,  # type: ignore[arg-type]
        follow_up=[
            FollowUpOut(unsur=f.unsur, action=f.action, who=f.who, by=f.by) for f in p.follow_up
        ],
        published_at=p.published_at.astimezone(get_settings().tz),
        **result_fields(p.result, lang),
    )
