"""Public routes that need no storage: liveness, the contract, the service standard, the
check of a typed phone number and e-mail address."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field

from chalicelib.api.common import Email, Phone
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.models import Health
from chalicelib.api.submission import idempotency_key
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import APP_VERSION
from chalicelib.data import load_json

bp = Blueprint(__name__)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Coded(_Data):
    code: str
    name: str


class Requirement(Coded):
    required: bool


class Channel(Coded):
    contact: str | None = None


class Amount(_Data):
    text: str
    amount: int
    unit: str | None = None


class ComplaintClass(Coded):
    limit: Amount


class ServiceEntry(_Data):
    code: Annotated[str, Field(description="audience | complaint")]
    name: str
    eligible: list[Coded] | None = None
    requirements: list[Requirement] | None = None
    procedure: list[str] | None = None
    completion_time: Amount | None = None
    channels: list[Channel] | None = None
    flow: list[str] | None = None
    classes: list[ComplaintClass] | None = None
    fee: Amount
    products: list[str]


class Source(_Data):
    unit: str
    decree: str
    address: str
    website: str


class ServiceStandard(_Data):
    """The bureau's published Standar Pelayanan, as data."""

    source: Source
    services: list[ServiceEntry]


def in_language(node: Any, lang: str) -> Any:
    """The standard's data in one language: the Indonesian texts as written in the decree,
    each object's `en` overlay (its English texts: names, classes, limits, procedure...)
    laid over them when `lang` is "en"; the overlays themselves are dropped. A text with no
    English overlay stays Indonesian (a proper name: WhatsApp, SP4N-LAPOR!)."""
    if isinstance(node, list):
        return [in_language(item, lang) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: in_language(v, lang) for k, v in node.items() if k != "en"}
    if lang == "en":
        out.update({k: v for k, v in node.get("en", {}).items()})
    return out


@functools.cache
def service_standard(lang: str = "id") -> ServiceStandard:
    """The standard in `lang` ("id" or "en"), read from the data file once per language and
    validated, so a typo there fails loudly in tests."""
    return ServiceStandard.model_validate(in_language(load_json("standar_pelayanan.json"), lang))


@endpoint(
    bp,
    "GET",
    "/health",
    summary="Liveness and version",
    tag="meta",
    response=Health,
    storage=False,
)
def health(ctx: Ctx) -> Health:
    return Health(status="ok", version=APP_VERSION)


@endpoint(
    bp, "GET", "/openapi.json", summary="This contract (OpenAPI 3.1)", tag="meta", storage=False
)
def openapi(ctx: Ctx) -> Reply:
    from chalicelib.api.openapi import build_openapi

    document: dict[str, Any] = build_openapi()
    return Reply(document)


@endpoint(
    bp,
    "GET",
    "/v1/services",
    summary="The service standard: requirements, procedure, time, fee, channels, classes "
    "(in English with Accept-Language: en)",
    tag="public",
    response=ServiceStandard,
    storage=False,
)
def services(ctx: Ctx) -> Reply:
    # The language follows Accept-Language (English on request), so caches keep one per language.
    return Reply(
        service_standard(ctx.lang),
        headers={
            "Cache-Control": "public, max-age=3600",
            "Vary": "Accept-Language",
            "Content-Language": ctx.lang,
        },
    )


class ContactCheck(RequestModel):
    """A phone number and/or e-mail address a person typed on a form's contact step."""

    phone: Phone | None = None
    email: Email | None = None


class ContactCheckOut(ResponseModel):
    phone: Annotated[str | None, Field(description="The number as it would be stored (E.164)")]
    email: str | None


@endpoint(
    bp,
    "POST",
    "/v1/contact-check",
    summary="Check a typed phone number and e-mail address by the rules of the submissions, "
    "so a form refuses them on their own step (400 naming every bad field)",
    tag="public",
    body=ContactCheck,
    response=ContactCheckOut,
    errors=(400,),
    storage=False,
)
def contact_check(ctx: Ctx, body: ContactCheck) -> ContactCheckOut:
    """The portal's contact steps ask this before moving on (issue 17, trial finding 3): the
    same Phone (E.164 by libphonenumber) and Email types POST /v1/audiences and
    /v1/complaints validate with; nothing is stored or logged. A malformed Idempotency-Key is a
    400 as on every public POST (nothing is stored, so a good one changes nothing)."""
    idempotency_key(ctx)
    return ContactCheckOut(phone=body.phone, email=body.email)
