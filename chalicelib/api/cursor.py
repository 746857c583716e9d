"""Opaque, tamper-evident list cursors: the store's resume point, bound to the query, signed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from chalicelib.domain.errors import FieldError

_MAC_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(position: str | None, scope: str, secret: str) -> str | None:
    """None stays None (last page). `scope` names the query so a cursor cannot jump lists."""
    if position is None:
        return None
    payload = json.dumps({"p": position, "s": scope}, separators=(",", ":")).encode()
    mac = hmac.new(secret.encode(), payload, hashlib.sha256).digest()[:_MAC_BYTES]
    return _b64(payload) + "." + _b64(mac)


def decode_cursor(cursor: str | None, scope: str, secret: str) -> str | None:
    """The position inside a cursor; FieldError('cursor') if altered or for another list."""
    if not cursor:
        return None
    try:
        payload_text, mac_text = cursor.split(".", 1)
        payload = _unb64(payload_text)
        mac = _unb64(mac_text)
    except (ValueError, TypeError) as exc:
        raise FieldError("cursor", "cursor_invalid") from exc
    expected = hmac.new(secret.encode(), payload, hashlib.sha256).digest()[:_MAC_BYTES]
    if not hmac.compare_digest(mac, expected):
        raise FieldError("cursor", "cursor_invalid")
    data = json.loads(payload)
    if data.get("s") != scope or not isinstance(data.get("p"), str):
        raise FieldError("cursor", "cursor_invalid")
    return str(data["p"])
