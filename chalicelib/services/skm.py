"""Use cases of the satisfaction survey (SKM): answering it, the index report, publication."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..domain import skm
from ..domain.audit import AuditEntry
from ..domain.errors import AlreadyExists, InvalidTransition, NotFound
from ..domain.skm import FollowUp, Publication, SkmResult, SkmRules, SurveyInvite, SurveyResponse
from ..domain.timeutil import to_utc
from .ports import Page, SkmRepository

# (tracking code, access token) -> (service, item ref, status); NotFound for an unknown code
# or a wrong token, exactly as tracking answers.
ItemLookup = Callable[[str, str | None, datetime], tuple[str, str, str]]


@dataclass(frozen=True, slots=True)
class Answers:
    """What a respondent sends: the nine answers, the optional profile and suggestion."""

    answers: Mapping[str, object]
    profile: Mapping[str, str | None]
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class SkmReport:
    period_from: str
    period_to: str
    service: str
    result: SkmResult


def _month_start(month: str, tz: ZoneInfo) -> datetime:
    return to_utc(datetime(int(month[:4]), int(month[5:7]), 1, tzinfo=tz))


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"


class SkmService:
    """Responses keep no name or contact: only the service, the local month and the profile."""

    ID_ATTEMPTS = 3

    def __init__(
        self,
        repo: SkmRepository,
        rules: SkmRules,
        tz: ZoneInfo,
        new_id: Callable[[], str],
        lookup: ItemLookup,
    ) -> None:
        self._repo = repo
        self._rules = rules
        self._tz = tz
        self._new_id = new_id
        self._lookup = lookup

    @property
    def rules(self) -> SkmRules:
        return self._rules

    def _response(self, service: str, sheet: Answers, now: datetime) -> SurveyResponse:
        month = now.astimezone(self._tz).strftime("%Y-%m")
        return skm.new_response(
            self._new_id(), service, month, sheet.answers, sheet.profile, sheet.suggestion
        )

    def respond_tracked(
        self, code: str, token: str | None, sheet: Answers, now: datetime
    ) -> SurveyResponse:
        """A requester's response, once per item, after the service ended: NotFound for a
        wrong code or token, InvalidTransition when early or already answered."""
        service, ref, status = self._lookup(code, token, now)
        skm.require_survey_open(service, status)
        response = self._response(service, sheet, now)
        self._repo.add_tracked_response(ref, response)
        return response

    def survey_state(self, service: str, ref: str, status: str) -> str:
        """`not_yet` before the service ended, then `open`, then `done` once answered."""
        if not skm.survey_open(service, status):
            return "not_yet"
        return "done" if self._repo.surveyed(ref) else "open"

    def new_invite(self, now: datetime, service: str = "audience") -> tuple[str, SurveyInvite]:
        """A one-time code for a front-desk visitor (shown once) and what is stored of it."""
        code = skm.new_survey_code()
        last_day = now.astimezone(self._tz).date() + timedelta(days=self._rules.code_valid_days)
        return code, SurveyInvite(skm.code_hash(code), service, last_day)

    def respond_with_code(self, code: str, sheet: Answers, now: datetime) -> SurveyResponse:
        """A visitor's response with the code the check-out gave: once. An unknown or expired
        code is NotFound; a used one InvalidTransition (also when a racing use won)."""
        invite = self._repo.get_invite(skm.code_hash(code))
        if invite is None or invite.expires_on < now.astimezone(self._tz).date():
            raise NotFound()
        if invite.used:
            raise InvalidTransition(rule="skm.code.used", state="used")
        response = self._response(invite.service, sheet, now)
        self._repo.add_code_response(invite, response)
        return response

    def report(self, period_from: str, period_to: str, service: str, lang: str = "id") -> SkmReport:
        """The index of a period (whole local months); `service` is audience, complaint or all."""
        months = skm.check_period(period_from, period_to, self._rules)
        only = None if service == "all" else service
        responses = self._repo.responses(months, only)
        start = _month_start(period_from, self._tz)
        end = _month_start(_next_month(period_to), self._tz)
        population = self._repo.population(start, end, only)
        result = skm.compute(responses, population, self._rules, lang)
        return SkmReport(period_from, period_to, service, result)

    def publish(
        self,
        period_from: str,
        period_to: str,
        service: str,
        plan: Sequence[FollowUp],
        actor: str,
        now: datetime,
    ) -> Publication:
        """Freeze a period's result with its follow-up plan (once per period and service);
        suggestions stay out of what is published (free text may name people)."""
        report = self.report(period_from, period_to, service)
        skm.check_follow_up(report.result, plan)
        now = to_utc(now)
        publication = Publication(
            period_from=period_from,
            period_to=period_to,
            service=service,
            result=replace(report.result, suggestions=()),
            follow_up=tuple(plan),
            published_at=now,
            published_by=actor,
        )
        audit = AuditEntry(
            publication.ref,
            now,
            actor,
            "skm.published",
            to_state="published",
            note=f"IKM {report.result.converted_index} ({report.result.mutu})",
        )
        try:
            self._repo.publish(publication, audit)
        except AlreadyExists:
            raise InvalidTransition(rule="skm.publish.once", state="published") from None
        return publication

    def publications(self, limit: int, position: str | None) -> Page[Publication]:
        return self._repo.publications(limit, position)
