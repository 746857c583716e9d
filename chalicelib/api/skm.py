"""SKM routes: the questionnaire, the two ways to answer it, the index report, publication."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import ConfigDict, Field

from chalicelib import bootstrap
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.spreadsheet import CSV_TYPE, XLSX_TYPE, Cell, Sheet, download
from chalicelib.api.submission import idempotent, track_replay_scope
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain import skm

if TYPE_CHECKING:
    from chalicelib.domain.skm import Publication, SkmResult, UnsurResult
    from chalicelib.services.skm import Answers

bp = Blueprint(__name__)

REPORT = frozenset({"complaint_officer", "supervisor", "admin"})
PUBLISH = frozenset({"supervisor", "admin"})

Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]
Answer = Annotated[int, Field(ge=1, le=4, description="1 tidak sesuai ... 4 sangat sesuai")]
Service = Literal["audience", "complaint", "all"]


# --- the questionnaire ------------------------------------------------------------------


class Text(ResponseModel):
    id: str
    en: str


class AnswerOption(ResponseModel):
    value: int
    label: Text


class ElementOut(ResponseModel):
    code: str
    name: Text
    question: Text
    answers: list[AnswerOption]


class ChoiceOut(ResponseModel):
    code: str
    label: Text


class ProfileFieldOut(ResponseModel):
    name: str
    label: Text
    choices: list[ChoiceOut]


class QuestionnaireOut(ResponseModel):
    elements: list[ElementOut]
    profile_fields: list[ProfileFieldOut]
    suggestion_max_length: int


def _questionnaire() -> QuestionnaireOut:
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


@endpoint(
    bp,
    "GET",
    "/v1/skm/questionnaire",
    summary="The satisfaction survey (SKM): nine elements, four answers each, profile fields",
    tag="skm",
    response=QuestionnaireOut,
    storage=False,
)
def questionnaire(ctx: Ctx) -> QuestionnaireOut:
    return _questionnaire()


# --- answering ----------------------------------------------------------------------------


class AnswersIn(RequestModel):
    """All nine answers are required, each 1-4."""

    U1: Answer
    U2: Answer
    U3: Answer
    U4: Answer
    U5: Answer
    U6: Answer
    U7: Answer
    U8: Answer
    U9: Answer


class ProfileIn(RequestModel):
    """Optional respondent profile; every field may be left out (domain/skm.py's choices)."""

    age_band: Literal["under_20", "20_29", "30_39", "40_49", "50_59", "60_plus"] | None = None
    sex: Literal["laki_laki", "perempuan"] | None = None
    education: Literal["sd", "smp", "sma", "diploma", "s1", "s2", "s3"] | None = None
    occupation: (
        Literal["pns", "tni_polri", "swasta", "wirausaha", "pelajar_mahasiswa", "lainnya"] | None
    ) = None


class SurveyIn(RequestModel):
    answers: AnswersIn
    profile: ProfileIn | None = None
    suggestion: Annotated[str | None, Field(max_length=skm.MAX_SUGGESTION)] = None


class CodeSurveyIn(SurveyIn):
    survey_code: Annotated[str, Field(min_length=8, max_length=20, examples=["SKM-7KQ3-MXP2"])]


class SurveyReceipt(ResponseModel):
    """What was recorded: no name, no contact, no item code."""

    service: Literal["audience", "complaint"]
    month: str
    message: str


THANKS = {
    "id": "Terima kasih. Jawaban survei Anda telah dicatat tanpa nama dan kontak.",
    "en": "Thank you. Your survey answers were recorded without name or contact.",
}


def _sheet(body: SurveyIn) -> Answers:
    from chalicelib.services.skm import Answers

    return Answers(
        answers=body.answers.model_dump(),
        profile=body.profile.model_dump(exclude_none=True) if body.profile else {},
        suggestion=body.suggestion,
    )


@endpoint(
    bp,
    "POST",
    "/v1/track/{tracking_code}/survey",
    summary="The requester's SKM response (X-Access-Token), once, after the service ended",
    tag="skm",
    body=SurveyIn,
    response=SurveyReceipt,
    status=201,
    errors=(400, 404, 409, 429),
)
def survey_tracked(ctx: Ctx, tracking_code: str, body: SurveyIn) -> Reply:
    token = ctx.headers.get("x-access-token")

    def produce() -> dict[str, Any]:
        r = bootstrap.skm_service().respond_tracked(tracking_code, token, _sheet(body), ctx.now)
        return {"service": r.service, "month": r.month}

    out = idempotent(ctx, track_replay_scope("survey", tracking_code, token), body, produce)
    return Reply(SurveyReceipt(**out, message=THANKS[ctx.lang]), status=201)


@endpoint(
    bp,
    "POST",
    "/v1/skm/responses",
    summary="A front-desk visitor's SKM response with the one-time code of the check-out",
    tag="skm",
    body=CodeSurveyIn,
    response=SurveyReceipt,
    status=201,
    errors=(400, 404, 409),
)
def survey_with_code(ctx: Ctx, body: CodeSurveyIn) -> Reply:
    def produce() -> dict[str, Any]:
        r = bootstrap.skm_service().respond_with_code(body.survey_code, _sheet(body), ctx.now)
        return {"service": r.service, "month": r.month}

    out = idempotent(ctx, "skm-responses", body, produce)
    return Reply(SurveyReceipt(**out, message=THANKS[ctx.lang]), status=201)


# --- the report -----------------------------------------------------------------------------


class UnsurOut(ResponseModel):
    unsur: str
    name: str
    nrr: Annotated[float, Field(description="Sum of answers / number of answers (1-4), 4 dp")]
    nrr_weighted: Annotated[float, Field(description="NRR x 1/9, 4 dp")]
    converted: Annotated[float, Field(description="NRR x 25, 2 dp")]
    mutu: str


class SkmResultOut(ResponseModel):
    responses: int
    population: Annotated[int, Field(description="Services completed in the period")]
    minimum_sample: Annotated[int, Field(description="Krejcie-Morgan, from the population")]
    sample_sufficient: bool
    per_unsur: list[UnsurOut]
    index: Annotated[float | None, Field(description="Mean of the nine NRR (1-4), 4 dp")]
    converted_index: Annotated[float | None, Field(description="index x 25 (25-100), 2 dp")]
    mutu: Literal["A", "B", "C", "D"] | None
    kinerja: str | None
    weakest: Annotated[list[UnsurOut], Field(description="The lowest elements, lowest first")]
    profile: dict[str, dict[str, int]]
    note: Annotated[str, Field(description="The result in one plain sentence")]


class SkmReportOut(SkmResultOut):
    model_config = ConfigDict(frozen=True, populate_by_name=True)

    period_from: Annotated[str, Field(alias="from")]
    period_to: Annotated[str, Field(alias="to")]
    service: Service
    suggestions: list[str]


class SkmReportQuery(RequestModel):
    period_from: Annotated[Month, Field(alias="from")]
    period_to: Annotated[Month, Field(alias="to")]
    service: Service = "all"
    format: Literal["json", "csv", "xlsx"] = "json"


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


def _note(r: SkmResult, lang: str) -> str:
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
        return (
            f"IKM {r.converted_index} (quality {r.mutu}, {r.kinerja}) from {r.responses} "
            f"responses; minimum sample {r.minimum_sample} of {r.population} services: {sample}."
        )
    return (
        f"IKM {r.converted_index} (mutu {r.mutu}, {r.kinerja}) dari {r.responses} responden; "
        f"sampel minimum {r.minimum_sample} dari {r.population} layanan: {sample}."
    )


def _result_fields(r: SkmResult, lang: str) -> dict[str, Any]:
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


def _report_sheets(out: SkmReportOut) -> list[Sheet]:
    summary: list[list[Cell]] = [
        ["Periode", "", "Dari", out.period_from],
        ["Periode", "", "Sampai", out.period_to],
        ["Periode", "", "Layanan", out.service],
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


@endpoint(
    bp,
    "GET",
    "/v1/admin/reports/skm",
    summary="The SKM index (IKM) per element and overall, quality A-D, sample sufficiency",
    tag="reports",
    roles=REPORT,
    query=SkmReportQuery,
    response=SkmReportOut,
    errors=(400,),
    downloads=(CSV_TYPE, XLSX_TYPE),
)
def skm_report(ctx: Ctx, query: SkmReportQuery) -> Reply:
    report = bootstrap.skm_service().report(
        query.period_from, query.period_to, query.service, ctx.lang
    )
    out = SkmReportOut(
        period_from=report.period_from,
        period_to=report.period_to,
        service=query.service,
        suggestions=list(report.result.suggestions),
        **_result_fields(report.result, ctx.lang),
    )
    if query.format == "json":
        return Reply(out)
    name = f"skm-{query.period_from}-{query.period_to}-{query.service}"
    return download(query.format, _report_sheets(out), name, ctx.lang)


# --- publication --------------------------------------------------------------------------


class FollowUpIn(RequestModel):
    unsur: Literal["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
    action: Annotated[str, Field(min_length=3, max_length=1000, description="Tindak lanjut")]
    who: Annotated[str, Field(min_length=2, max_length=200, description="Penanggung jawab")]
    by: Annotated[date, Field(description="Waktu penyelesaian (local date)")]


class PublicationIn(RequestModel):
    period_from: Annotated[Month, Field(alias="from")]
    period_to: Annotated[Month, Field(alias="to")]
    service: Service = "all"
    follow_up: Annotated[
        list[FollowUpIn],
        Field(min_length=1, max_length=30, description="At least one action per weak element"),
    ]


class FollowUpOut(ResponseModel):
    unsur: str
    action: str
    who: str
    by: date


class PublicationOut(SkmResultOut):
    model_config = ConfigDict(frozen=True, populate_by_name=True)

    period_from: Annotated[str, Field(alias="from")]
    period_to: Annotated[str, Field(alias="to")]
    service: Service
    follow_up: list[FollowUpOut]
    published_at: datetime


class PublicationPage(ResponseModel):
    items: list[PublicationOut]
    next_cursor: str | None


class PublicationQuery(RequestModel):
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=2048)] = None


def _publication_out(p: Publication, lang: str) -> PublicationOut:
    return PublicationOut(
        period_from=p.period_from,
        period_to=p.period_to,
        service=p.service,  # type: ignore[arg-type]
        follow_up=[
            FollowUpOut(unsur=f.unsur, action=f.action, who=f.who, by=f.by) for f in p.follow_up
        ],
        published_at=p.published_at.astimezone(get_settings().tz),
        **_result_fields(p.result, lang),
    )


@endpoint(
    bp,
    "POST",
    "/v1/admin/skm/publications",
    summary="Freeze a period's SKM result with its follow-up plan (once per period and service)",
    tag="skm",
    roles=PUBLISH,
    body=PublicationIn,
    response=PublicationOut,
    status=201,
    errors=(400, 409),
)
def publish(ctx: Ctx, body: PublicationIn) -> Reply:
    from chalicelib.domain.skm import FollowUp

    plan = [FollowUp(f.unsur, f.action, f.who, f.by) for f in body.follow_up]
    p = bootstrap.skm_service().publish(
        body.period_from, body.period_to, body.service, plan, ctx.actor, ctx.now
    )
    return Reply(_publication_out(p, ctx.lang), status=201)


@endpoint(
    bp,
    "GET",
    "/v1/skm/publications",
    summary="Published SKM results with their follow-up plans, newest first",
    tag="skm",
    query=PublicationQuery,
    response=PublicationPage,
    errors=(400,),
)
def publications(ctx: Ctx, query: PublicationQuery) -> PublicationPage:
    secret = get_settings().cursor_secret
    position = decode_cursor(query.cursor, "skm-publications", secret)
    page = bootstrap.skm_service().publications(query.limit, position)
    return PublicationPage(
        items=[_publication_out(p, ctx.lang) for p in page.items],
        next_cursor=encode_cursor(page.position, "skm-publications", secret),
    )
