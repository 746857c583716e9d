"""The WhatsApp Business Platform (Cloud API) as the bureau sees it: the webhook's signature,
its payload, the 24-hour customer-service window. Pure: no HTTP, no clock.

Sources: Meta's "Webhooks" (X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw body
with the app secret), "Webhooks components" (entry x changes x value.messages / statuses) and
"Customer service windows" (free-form messages within 24 hours of the user's last message;
templates outside it).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

SERVICE_WINDOW = timedelta(hours=24)
STATUSES = ("sent", "delivered", "read", "failed")
MEDIA_KINDS = ("image", "document", "audio", "video", "sticker", "voice")


def signature_valid(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=<hex HMAC-SHA256 of raw_body keyed with app_secret>`,
    compared in constant time (hmac.compare_digest). Missing or malformed: False."""
    if not header or not app_secret:
        return False
    scheme, _, given = header.strip().partition("=")
    if scheme.lower() != "sha256" or not given:
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.strip().lower().encode())


def sign(app_secret: str, raw_body: bytes) -> str:
    """The X-Hub-Signature-256 value Meta sends for `raw_body` (for the dev command, tests)."""
    return "sha256=" + hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Media:
    """A file a message refers to: fetched from the Graph API by `media_id`."""

    media_id: str
    mime_type: str
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class WaMessage:
    """One inbound message: `wa_id` is the sender's number in digits (country code first,
    no `+`); `sent_at` Meta's timestamp (UTC)."""

    id: str
    wa_id: str
    name: str | None
    sent_at: datetime
    kind: str
    text: str
    media: Media | None = None


@dataclass(frozen=True, slots=True)
class WaStatus:
    """A delivery report of a message the bureau sent (`id`: the `wamid` the send answered)."""

    id: str
    status: str
    at: datetime
    error_code: str | None = None


@dataclass(frozen=True, slots=True)
class WebhookBatch:
    messages: tuple[WaMessage, ...]
    statuses: tuple[WaStatus, ...]
    skipped: int = 0  # entries of a shape we do not know (logged as a count, never content)


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(str(value)), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _text_of(kind: str, m: dict[str, Any]) -> str:
    body = m.get(kind) if isinstance(m.get(kind), dict) else {}
    assert isinstance(body, dict)
    if kind == "text":
        return str(body.get("body") or "")
    if kind == "location":
        lat, lon = body.get("latitude"), body.get("longitude")
        place = " - ".join(str(body[k]) for k in ("name", "address") if body.get(k))
        point = f"https://maps.google.com/?q={lat},{lon}" if lat is not None else ""
        return " ".join(p for p in (f"[lokasi] {place}".strip(), point) if p)
    if kind == "button":
        return str(body.get("text") or "")
    if kind == "interactive":
        reply = body.get("button_reply") or body.get("list_reply") or {}
        return str(reply.get("title") or "") if isinstance(reply, dict) else ""
    return str(body.get("caption") or "")


def parse_webhook(payload: Any) -> WebhookBatch:
    """The messages and status callbacks of one webhook delivery, in order. Meta batches:
    `entry[] -> changes[] -> value.{contacts, messages, statuses}`; a piece that does not
    have the documented shape is skipped and counted, never an error (Meta would retry)."""
    messages: list[WaMessage] = []
    statuses: list[WaStatus] = []
    skipped = 0
    entries = payload.get("entry") if isinstance(payload, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                skipped += 1
                continue
            names = {
                str(c.get("wa_id")): (c.get("profile") or {}).get("name")
                for c in value.get("contacts") or []
                if isinstance(c, dict) and isinstance(c.get("profile") or {}, dict)
            }
            for m in value.get("messages") or []:
                parsed = _message(m, names)
                if parsed is None:
                    skipped += 1
                else:
                    messages.append(parsed)
            for s in value.get("statuses") or []:
                status = _status(s)
                if status is None:
                    skipped += 1
                else:
                    statuses.append(status)
    return WebhookBatch(tuple(messages), tuple(statuses), skipped)


def _message(m: Any, names: dict[str, Any]) -> WaMessage | None:
    if not isinstance(m, dict):
        return None
    mid, wa_id, kind = m.get("id"), str(m.get("from") or ""), str(m.get("type") or "")
    at = _time(m.get("timestamp"))
    if not isinstance(mid, str) or not mid or not wa_id.isdigit() or at is None or not kind:
        return None
    media = None
    body = m.get(kind)
    if kind in MEDIA_KINDS and isinstance(body, dict) and body.get("id"):
        media = Media(
            str(body["id"]),
            str(body.get("mime_type") or "application/octet-stream").split(";")[0].strip(),
            str(body["filename"]) if body.get("filename") else None,
        )
    name = names.get(wa_id)
    return WaMessage(
        id=mid[:200],
        wa_id=wa_id,
        name=str(name)[:120] if name else None,
        sent_at=at,
        kind=kind,
        text=_text_of(kind, m)[:4096],
        media=media,
    )


def _status(s: Any) -> WaStatus | None:
    if not isinstance(s, dict):
        return None
    sid, status, at = s.get("id"), s.get("status"), _time(s.get("timestamp"))
    if not isinstance(sid, str) or status not in STATUSES or at is None:
        return None
    code = None
    errors = s.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        code = str(errors[0].get("code")) if errors[0].get("code") is not None else None
    return WaStatus(sid[:200], str(status), at, code)


def in_service_window(last_inbound_at: datetime | None, now: datetime) -> bool:
    """Free-form text may go out: the citizen wrote within the last 24 hours."""
    return last_inbound_at is not None and now - last_inbound_at < SERVICE_WINDOW


def e164_of(wa_id: str) -> str:
    """A WhatsApp id (digits, country code first) as E.164 through `to_e164`:
    `6281234567890` -> `+6281234567890`. An id libphonenumber does not hold valid (a new
    prefix its metadata does not know yet) is kept as `+` and its digits: Meta delivered
    the message, so the number reaches WhatsApp, and the message must not be lost."""
    from .phone import InvalidPhoneNumber, to_e164

    try:
        return to_e164("+" + wa_id)
    except InvalidPhoneNumber:
        return "+" + wa_id
