"""The satisfaction survey (SKM) routes: the questionnaire, answering it (with a tracking code or
a survey code), the index report and its publication. Models in api/skm_models.py, the
mappers in api/skm_views.py."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib import bootstrap
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.skm_models import (
    CodeSurveyIn,
    PublicationIn,
    PublicationOut,
    PublicationPage,
    PublicationQuery,
    QuestionnaireOut,
    SkmReportOut,
    SkmReportQuery,
    SurveyIn,
    SurveyReceipt,
)
from chalicelib.api.skm_views import (
    THANKS,
    answer_sheet,
    publication_out,
    questionnaire_out,
    report_sheets,
    result_fields,
)
from chalicelib.api.spreadsheet import CSV_TYPE, XLSX_TYPE, download
from chalicelib.api.submission import idempotent, track_replay_scope
from chalicelib.config import get_settings

bp = Blueprint(__name__)

REPORT = frozenset({"complaint_officer", "supervisor", "admin"})
PUBLISH = frozenset({"supervisor", "admin"})


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
    return questionnaire_out()


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
        r = bootstrap.skm_service().respond_tracked(
            tracking_code, token, answer_sheet(body), ctx.now
        )
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
        r = bootstrap.skm_service().respond_with_code(body.survey_code, answer_sheet(body), ctx.now)
        return {"service": r.service, "month": r.month}

    out = idempotent(ctx, "skm-responses", body, produce)
    return Reply(SurveyReceipt(**out, message=THANKS[ctx.lang]), status=201)


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
        **result_fields(report.result, ctx.lang),
    )
    if query.format == "json":
        return Reply(out)
    name = f"skm-{query.period_from}-{query.period_to}-{query.service}"
    return download(query.format, report_sheets(out, ctx.lang), name, ctx.lang)


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
    return Reply(publication_out(p, ctx.lang), status=201)


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
        items=[publication_out(p, ctx.lang) for p in page.items],
        next_cursor=encode_cursor(page.position, "skm-publications", secret),
    )
