"""Staff operations of the SLA machinery: the working calendar, the outbox, the sweep."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import SaneTime
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.errors import FieldError

if TYPE_CHECKING:
    from chalicelib.domain.calendar import WorkingCalendar
    from chalicelib.domain.notification import Notification
    from chalicelib.services.calendar import YearView

bp = Blueprint(__name__)

ALL_STAFF = frozenset({"front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"})
ADMIN = frozenset({"admin"})
OVERSIGHT = frozenset({"complaint_officer", "supervisor", "admin"})


# --- calendar ---------------------------------------------------------------------------


class AddedDate(RequestModel):
    date: date
    name: Annotated[str, Field(min_length=1, max_length=120)]


class CalendarPut(RequestModel):
    added: Annotated[list[AddedDate], Field(default_factory=list, max_length=100)]
    removed: Annotated[list[date], Field(default_factory=list, max_length=100)]


class NonWorkingDateOut(ResponseModel):
    date: date
    name: str
    source: Annotated[str, Field(description="library (holidays package) | bureau (override)")]


class RecomputeOut(ResponseModel):
    checked: int
    moved: int
    failed: int


class CalendarOut(ResponseModel):
    year: int
    version: int
    non_working_dates: list[NonWorkingDateOut]
    removed: Annotated[list[NonWorkingDateOut], Field(description="Library dates the bureau works")]
    updated_at: datetime | None
    updated_by: str | None
    recomputed: RecomputeOut | None = None


class WorkingDaysQuery(RequestModel):
    count: Annotated[int, Field(ge=1, le=30, description="How many working days")] = 10
    day: Annotated[
        date | None,
        Field(
            alias="date",
            description="A date a person typed (YYYY-MM-DD): 400 naming `date` with the "
            "preferred-date rule's own message (weekend, which holiday, past, too far ahead) "
            "when it cannot be a meeting date, so a form refuses it on its own step",
        ),
    ] = None


class WorkingDaysOut(ResponseModel):
    today: Annotated[date, Field(description="Today in the bureau's zone")]
    working_days: Annotated[
        list[date], Field(description="The next working days after today, in order")
    ]


@endpoint(
    bp,
    "GET",
    "/v1/working-days",
    summary="The next working days (holidays and cuti bersama left out), for date pickers",
    tag="public",
    query=WorkingDaysQuery,
    response=WorkingDaysOut,
    errors=(400,),
)
def working_days(ctx: Ctx, query: WorkingDaysQuery) -> Reply:
    """The audience form offers these first (web.md); the bureau's overrides count."""
    cal = bootstrap.calendar_service().calendar()
    today = ctx.now.astimezone(get_settings().tz).date()
    if query.day is not None:
        _check_preferred_date(query.day, ctx.now, cal)
    days: list[date] = []
    day = today
    while len(days) < query.count:
        day = cal.next_working_day(day)
        days.append(day)
    body = WorkingDaysOut(today=today, working_days=days)
    return Reply(body, headers={"Cache-Control": "public, max-age=600"})


def _check_preferred_date(day: date, now: datetime, cal: WorkingCalendar) -> None:
    """Raise the preferred-date rule's problem of `day` (the one POST /v1/audiences gives,
    domain.audience.preferred_date_problems, received now) on the field `date`."""
    from chalicelib.domain.audience import preferred_date_problems
    from chalicelib.domain.errors import raise_all

    ahead = get_settings().sane_time_ahead_days
    problems = preferred_date_problems((day,), now, now, cal, ahead)
    raise_all([FieldError("date", p.message_key, **p.params) for p in problems])


def _year(raw: str) -> int:
    if not raw.isdigit() or len(raw) != 4:
        raise FieldError("year", "int_parsing")
    return int(raw)


def _calendar_out(v: YearView, recomputed: RecomputeOut | None = None) -> Reply:
    tz = get_settings().tz
    body = CalendarOut(
        year=v.year,
        version=v.version,
        non_working_dates=[
            NonWorkingDateOut(date=d.day, name=d.name, source=d.source) for d in v.dates
        ],
        removed=[NonWorkingDateOut(date=d.day, name=d.name, source=d.source) for d in v.removed],
        updated_at=v.updated_at.astimezone(tz) if v.updated_at else None,
        updated_by=v.updated_by,
        recomputed=recomputed,
    )
    return Reply(body, headers={"ETag": f'"{v.version}"'})


@endpoint(
    bp,
    "GET",
    "/v1/admin/calendar/{year}",
    summary="Non-working dates of a year: library holidays, cuti bersama, the bureau's changes",
    tag="calendar",
    roles=ALL_STAFF,
    response=CalendarOut,
    errors=(400,),
    etag=True,
)
def get_calendar(ctx: Ctx, year: str) -> Reply:
    return _calendar_out(bootstrap.calendar_service().year_view(_year(year)))


@endpoint(
    bp,
    "PUT",
    "/v1/admin/calendar/{year}",
    summary="Replace the bureau's overrides of a year; recomputes open deadlines",
    tag="calendar",
    roles=ADMIN,
    body=CalendarPut,
    response=CalendarOut,
    errors=(400, 412),
    etag=True,
)
def put_calendar(ctx: Ctx, year: str, body: CalendarPut) -> Reply:
    number = _year(year)
    added = {a.date: a.name for a in body.added}
    if len(added) != len(body.added):
        raise FieldError("added", "duplicate_date")
    service = bootstrap.calendar_service()
    view = service.replace_overrides(
        number, added, set(body.removed), ctx.actor, ctx.now, if_match=ctx.if_match()
    )
    result = bootstrap.retimer().recompute_all(
        service.calendar(), ctx.now, f"calendar {number} v{view.version}"
    )
    return _calendar_out(
        view, RecomputeOut(checked=result.checked, moved=result.moved, failed=result.failed)
    )


# --- notifications ----------------------------------------------------------------------


class NotificationsQuery(RequestModel):
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=2048)] = None


class NotificationOut(ResponseModel):
    id: str
    created_at: datetime
    kind: str
    level: str | None
    item_kind: str
    item_code: str
    recipients: list[str]
    subject: str
    state: Annotated[str, Field(description="pending | sent | failed")]
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: Annotated[
        str | None, Field(description="The last failure, e.g. `whatsapp: 131047` (Meta's code)")
    ]
    delivery: Annotated[
        str | None,
        Field(description="The channel's report after sending: sent, delivered, read, failed"),
    ] = None
    delivery_error: Annotated[str | None, Field(description="Meta's error code")] = None
    delivery_at: datetime | None = None


class NotificationPage(ResponseModel):
    items: list[NotificationOut]
    next_cursor: str | None


def _notification_out(n: Notification) -> NotificationOut:
    tz = get_settings().tz
    return NotificationOut(
        id=n.id,
        created_at=n.created_at.astimezone(tz),
        kind=n.kind,
        level=n.level,
        item_kind=n.item_kind,
        item_code=n.item_code,
        recipients=list(n.recipients),
        subject=n.subject,
        state=n.state,
        attempts=n.attempts,
        next_attempt_at=n.next_attempt_at.astimezone(tz) if n.next_attempt_at else None,
        sent_at=n.sent_at.astimezone(tz) if n.sent_at else None,
        last_error=n.last_error,
        delivery=n.delivery,
        delivery_error=n.delivery_error,
        delivery_at=n.delivery_at.astimezone(tz) if n.delivery_at else None,
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/notifications",
    summary="The outbox, newest first: one record per message",
    tag="notifications",
    roles=OVERSIGHT,
    query=NotificationsQuery,
    response=NotificationPage,
)
def list_notifications(ctx: Ctx, query: NotificationsQuery) -> NotificationPage:
    secret = get_settings().cursor_secret
    position = decode_cursor(query.cursor, "notifications", secret)
    page = bootstrap.outbox_service().list_recent(query.limit, position)
    return NotificationPage(
        items=[_notification_out(n) for n in page.items],
        next_cursor=encode_cursor(page.position, "notifications", secret),
    )


# --- jobs -------------------------------------------------------------------------------


class SweepRequest(RequestModel):
    now: Annotated[
        SaneTime | None,
        Field(description="The sweep's clock (past or future); accepted only with APP_ENV=local"),
    ] = None


class SweepOut(ResponseModel):
    checked: int
    fired: int
    superseded: int
    failed: int
    now: datetime


@endpoint(
    bp,
    "POST",
    "/v1/admin/jobs/sla-sweep",
    summary="Run the escalation sweep now, synchronously",
    tag="jobs",
    roles=ADMIN,
    body=SweepRequest,
    body_required=False,
    response=SweepOut,
)
def run_sla_sweep(ctx: Ctx, body: SweepRequest) -> SweepOut:
    from chalicelib.jobs.sweep import run_sweep

    if body.now is not None and get_settings().app_env != "local":
        raise FieldError("now", "local_only")
    now = body.now or ctx.now
    summary = run_sweep(now)
    return SweepOut(**summary, now=now.astimezone(get_settings().tz))
