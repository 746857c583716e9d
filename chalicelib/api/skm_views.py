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


#: The SKM downloads' words per language (the JSON keeps codes); the profile's own labels come
#: from the questionnaire (chalicelib/data/skm_questionnaire.json).
SHEET_WORDS: dict[str, dict[str, Any]] = {
    "id": {
        "sheets": ("Ringkasan", "Per unsur", "Profil responden", "Saran"),
        "summary_headers": ["Bagian", "Unsur", "Uraian", "Nilai"],
        "per_unsur_headers": [
            "Unsur",
            "Nama unsur",
            "NRR",
            "NRR tertimbang",
            "Nilai konversi",
            "Mutu",
        ],
        "profile_headers": ["Profil", "Pilihan", "Jumlah"],
        "suggestion_headers": ["No", "Saran"],
        "period": "Periode",
        "from": "Dari",
        "to": "Sampai",
        "service": "Layanan",
        "services": {"all": "Semua layanan", "audience": "Audiensi", "complaint": "Pengaduan"},
        "summary": "Ringkasan",
        "responses": "Jumlah responden",
        "population": "Populasi (layanan selesai)",
        "minimum": "Sampel minimum (Krejcie-Morgan)",
        "sufficient": "Sampel mencukupi",
        "yes_no": ("ya", "tidak"),
        "index": "Indeks (1-4)",
        "ikm": "IKM (25-100)",
        "mutu": "Mutu pelayanan",
        "kinerja": "Kinerja unit pelayanan",
        "nrr": "NRR per unsur",
        "nrr_weighted": "NRR tertimbang",
        "not_given": "Tidak diisi",
    },
    "en": {
        "sheets": ("Summary", "Per element", "Respondent profile", "Suggestions"),
        "summary_headers": ["Section", "Element", "Item", "Value"],
        "per_unsur_headers": [
            "Element",
            "Element name",
            "NRR",
            "Weighted NRR",
            "Converted value",
            "Quality",
        ],
        "profile_headers": ["Profile", "Choice", "Count"],
        "suggestion_headers": ["No", "Suggestion"],
        "period": "Period",
        "from": "From",
        "to": "To",
        "service": "Service",
        "services": {"all": "All services", "audience": "Audiences", "complaint": "Complaints"},
        "summary": "Summary",
        "responses": "Respondents",
        "population": "Population (services delivered)",
        "minimum": "Minimum sample (Krejcie-Morgan)",
        "sufficient": "Sample sufficient",
        "yes_no": ("yes", "no"),
        "index": "Index (1-4)",
        "ikm": "IKM (25-100)",
        "mutu": "Service quality",
        "kinerja": "Unit performance",
        "nrr": "NRR per element",
        "nrr_weighted": "Weighted NRR",
        "not_given": "Not given",
    },
}


def _profile_words(lang: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The respondent profile's field labels and choice labels in `lang`, from the
    questionnaire's data: ({field: label}, {(field, code): label})."""
    from chalicelib.data import load_json

    profile: dict[str, Any] = load_json("skm_questionnaire.json")["profile"]
    fields = {f: str(spec["label"][lang]) for f, spec in profile.items()}
    choices = {(f, c["code"]): str(c[lang]) for f, spec in profile.items() for c in spec["choices"]}
    return fields, choices


def report_sheets(out: SkmReportOut, lang: str = "id") -> list[Sheet]:
    """The SKM report as spreadsheet sheets (summary, per element, respondent profile,
    suggestions), every label and code value in words of `lang` (`id` or `en`; issue 17
    point 6: the file is in the reader's language, as the monthly report's is)."""
    w = SHEET_WORDS["en" if lang == "en" else "id"]
    yes, no = w["yes_no"]
    mutu_words = KINERJA_EN.get(out.mutu or "", out.kinerja) if lang == "en" else out.kinerja
    summary: list[list[Cell]] = [
        [w["period"], "", w["from"], out.period_from],
        [w["period"], "", w["to"], out.period_to],
        [w["period"], "", w["service"], w["services"].get(out.service, out.service)],
        [w["summary"], "", w["responses"], out.responses],
        [w["summary"], "", w["population"], out.population],
        [w["summary"], "", w["minimum"], out.minimum_sample],
        [w["summary"], "", w["sufficient"], yes if out.sample_sufficient else no],
        [w["summary"], "", w["index"], out.index],
        [w["summary"], "", w["ikm"], out.converted_index],
        [w["summary"], "", w["mutu"], out.mutu],
        [w["summary"], "", w["kinerja"], mutu_words],
    ]
    for u in out.per_unsur:
        summary.append([w["nrr"], u.unsur, u.name, u.nrr])
    for u in out.per_unsur:
        summary.append([w["nrr_weighted"], u.unsur, u.name, u.nrr_weighted])
    per_unsur: list[list[Cell]] = [
        [u.unsur, u.name, u.nrr, u.nrr_weighted, u.converted, u.mutu] for u in out.per_unsur
    ]
    fields, choices = _profile_words("en" if lang == "en" else "id")
    profile: list[list[Cell]] = [
        [
            fields.get(field, field),
            w["not_given"] if code == skm.PROFILE_NOT_GIVEN else choices.get((field, code), code),
            count,
        ]
        for field, counts in out.profile.items()
        for code, count in counts.items()
    ]
    s_summary, s_unsur, s_profile, s_saran = w["sheets"]
    return [
        Sheet(s_summary, w["summary_headers"], summary),
        Sheet(s_unsur, w["per_unsur_headers"], per_unsur),
        Sheet(s_profile, w["profile_headers"], profile),
        Sheet(
            s_saran, w["suggestion_headers"], [[i + 1, s] for i, s in enumerate(out.suggestions)]
        ),
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
