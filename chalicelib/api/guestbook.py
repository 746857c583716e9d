"""Buku tamu routes: the front desk writes visitors in and out; supervisors read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import Phone, SaneDate, SaneTime
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.timeutil import local_date

if TYPE_CHECKING:
    from chalicelib.domain.guestbook import GuestbookEntry

bp = Blueprint(__name__)

WRITE = frozenset({"front_desk", "admin"})
READ = frozenset({"front_desk", "supervisor", "admin"})


class GuestbookCreate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=120, description="Nama tamu")]
    institution: Annotated[str, Field(min_length=1, max_length=160, description="Instansi/lembaga")]
    purpose: Annotated[str, Field(min_length=1, max_length=500, description="Keperluan")]
    phone: Phone | None = None
    time_in: Annotated[SaneTime | None, Field(description="Default: now")] = None


class GuestbookCheckout(RequestModel):
    time_out: Annotated[SaneTime | None, Field(description="Default: now")] = None


class GuestbookListQuery(RequestModel):
    day: Annotated[
        SaneDate | None,
        Field(alias="date", description="Local date (Asia/Pontianak), YYYY-MM-DD; default today"),
    ] = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    cursor: Annotated[str | None, Field(max_length=2048)] = None


class GuestbookOut(ResponseModel):
    id: str
    name: str
    institution: str
    purpose: str
    phone: str | None
    time_in: datetime
    time_out: datetime | None
    state: Annotated[str, Field(description="present | checked_out")]
    recorded_by: str
    created_at: datetime
    version: int
    survey_code: Annotated[
        str | None,
        Field(
            description="Only on the check-out answer, shown once: the visitor's one-time SKM "
            "code for POST /v1/skm/responses (not stored with the visit)"
        ),
    ] = None


class GuestbookPage(ResponseModel):
    items: list[GuestbookOut]
    next_cursor: str | None


def _out(entry: GuestbookEntry) -> GuestbookOut:
    tz = get_settings().tz
    return GuestbookOut(
        id=entry.id,
        name=entry.name,
        institution=entry.institution,
        purpose=entry.purpose,
        phone=entry.phone,
        time_in=entry.time_in.astimezone(tz),
        time_out=entry.time_out.astimezone(tz) if entry.time_out else None,
        state=entry.state,
        recorded_by=entry.recorded_by,
        created_at=entry.created_at.astimezone(tz),
        version=entry.version,
    )


def _with_etag(entry: GuestbookEntry, status: int = 200, survey_code: str | None = None) -> Reply:
    out = _out(entry)
    if survey_code is not None:
        out = out.model_copy(update={"survey_code": survey_code})
    return Reply(out, status=status, headers={"ETag": f'"{entry.version}"'})


@endpoint(
    bp,
    "POST",
    "/v1/admin/guestbook",
    summary="Write a visitor into the guestbook",
    tag="guestbook",
    roles=WRITE,
    body=GuestbookCreate,
    response=GuestbookOut,
    status=201,
    errors=(400,),
    etag=True,
)
def create_entry(ctx: Ctx, body: GuestbookCreate) -> Reply:
    from chalicelib.services.guestbook import NewVisit

    visit = NewVisit(
        name=body.name,
        institution=body.institution,
        purpose=body.purpose,
        phone=body.phone,
        time_in=body.time_in,
    )
    entry = bootstrap.guestbook_service().record(visit, ctx.actor, ctx.now)
    return _with_etag(entry, status=201)


@endpoint(
    bp,
    "GET",
    "/v1/admin/guestbook",
    summary="List one local day's visitors, oldest first",
    tag="guestbook",
    roles=READ,
    query=GuestbookListQuery,
    response=GuestbookPage,
    errors=(400,),
)
def list_entries(ctx: Ctx, query: GuestbookListQuery) -> GuestbookPage:
    settings = get_settings()
    day = query.day or local_date(ctx.now, settings.tz)
    scope = f"guestbook:{day.isoformat()}"
    position = decode_cursor(query.cursor, scope, settings.cursor_secret)
    page = bootstrap.guestbook_service().list_day(day, query.limit, position)
    return GuestbookPage(
        items=[_out(e) for e in page.items],
        next_cursor=encode_cursor(page.position, scope, settings.cursor_secret),
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/guestbook/{entry_id}",
    summary="One guestbook entry",
    tag="guestbook",
    roles=READ,
    response=GuestbookOut,
    errors=(404,),
    etag=True,
)
def get_entry(ctx: Ctx, entry_id: str) -> Reply:
    return _with_etag(bootstrap.guestbook_service().get(entry_id))


@endpoint(
    bp,
    "POST",
    "/v1/admin/guestbook/{entry_id}/checkout",
    summary="Record the time the visitor left",
    tag="guestbook",
    roles=WRITE,
    body=GuestbookCheckout,
    body_required=False,
    response=GuestbookOut,
    errors=(400, 404, 409, 412),
    etag=True,
)
def checkout_entry(ctx: Ctx, entry_id: str, body: GuestbookCheckout) -> Reply:
    entry, code = bootstrap.guestbook_service().check_out_with_survey(
        entry_id, ctx.actor, ctx.now, time_out=body.time_out, if_match=ctx.if_match()
    )
    return _with_etag(entry, survey_code=code)
