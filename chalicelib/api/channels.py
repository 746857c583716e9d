"""The bureau's own channels coming in: Meta's WhatsApp webhook (issue 19 point 1).

Public (Meta calls it), but a POST counts only with a valid X-Hub-Signature-256 over the raw
body; in AWS it also sits behind the WAF's rate rule like every public route."""

from __future__ import annotations

from typing import Annotated

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.errors import Forbidden, Unauthenticated
from chalicelib.observability import logger

bp = Blueprint(__name__)

WEBHOOK = "/v1/channels/whatsapp/webhook"


class VerifyQuery(RequestModel):
    mode: Annotated[str | None, Field(alias="hub.mode", max_length=40)] = None
    verify_token: Annotated[str | None, Field(alias="hub.verify_token", max_length=200)] = None
    challenge: Annotated[str | None, Field(alias="hub.challenge", max_length=200)] = None


class WebhookOut(ResponseModel):
    messages: Annotated[int, Field(description="Messages in this delivery")]
    stored: Annotated[int, Field(description="Of them, stored now (the rest: seen before)")]
    statuses: Annotated[int, Field(description="Delivery reports applied to the outbox")]


@endpoint(
    bp,
    "GET",
    WEBHOOK,
    summary="Meta's webhook verification: hub.challenge back when hub.verify_token matches",
    tag="channels",
    query=VerifyQuery,
    errors=(403,),
    media_type="text/plain",
    storage=False,
)
def verify_webhook(ctx: Ctx, query: VerifyQuery) -> Reply:
    import hmac

    expected = get_settings().whatsapp_verify_token
    given = query.verify_token or ""
    if (
        query.mode != "subscribe"
        or not expected
        or not query.challenge
        or not hmac.compare_digest(expected.encode(), given.encode())
    ):
        raise Forbidden()
    return Reply(query.challenge, content_type="text/plain; charset=utf-8")


@endpoint(
    bp,
    "POST",
    WEBHOOK,
    summary=(
        "Meta's WhatsApp webhook: messages and delivery reports, signed with "
        "X-Hub-Signature-256 (sha256=HMAC of the raw body with the app secret)"
    ),
    tag="channels",
    response=WebhookOut,
    errors=(400, 401),
    raw_body=True,
)
def whatsapp_webhook(ctx: Ctx) -> WebhookOut:
    import json

    from chalicelib.domain.whatsapp import parse_webhook, signature_valid

    body = bp.current_request.raw_body or b""
    raw = body.encode() if isinstance(body, str) else body
    secret = get_settings().whatsapp_app_secret or ""
    if not signature_valid(secret, raw, ctx.headers.get("x-hub-signature-256")):
        raise Unauthenticated()  # nothing stored
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        payload = None
    batch = parse_webhook(payload)
    stored, statuses = bootstrap.inbox_service().receive_whatsapp(batch, ctx.now)
    if batch.skipped:  # a count only: never a number or a text
        logger.info("whatsapp webhook: pieces skipped", extra={"skipped": batch.skipped})
    return WebhookOut(messages=len(batch.messages), stored=stored, statuses=statuses)
