"""The satisfaction survey (SKM): the request and response models of its routes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.domain import skm

Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]

Answer = Annotated[int, Field(ge=1, le=4, description="1 tidak sesuai ... 4 sangat sesuai")]

Service = Literal["audience", "complaint", "all"]


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
