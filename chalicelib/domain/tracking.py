"""Public tracking: a short readable code and a secret access token, stored only as a hash.

With an Idempotency-Key the token is derived (HMAC) from the key and the request, so that a
replay can show the same token without the token being stored anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from .errors import NotFound

# The tracking code's prefix names the service (domain.md: AUD-2611-7KQ3MX, PGD-2611-7KQ3MX).
AUDIENCE_PREFIX = "AUD"
COMPLAINT_PREFIX = "PGD"


def kind_of(code: str) -> Literal["audience", "complaint"]:
    """`audience` for an `AUD-` tracking code, `complaint` for `PGD-`; raises NotFound for any
    other code (as for an unknown one)."""
    if code.startswith(f"{AUDIENCE_PREFIX}-"):
        return "audience"
    if code.startswith(f"{COMPLAINT_PREFIX}-"):
        return "complaint"
    raise NotFound()


TRACKING_PATH = "/lacak"  # the portal's tracking page (web/src/citizen/paths.ts PATHS.track)


def tracking_link(portal_base_url: str, code: str, token: str | None = None) -> str:
    """The portal's tracking page for `code`, e.g.
    "https://kesra.example/lacak#kode=PGD-2611-7KQ3MX&token=..."; the code and the access
    token ride in the fragment, which a browser never sends to a server (the page reads
    `kode` and `token` from it: web/src/citizen/features/tracking). Without `token` the
    page opens with the code filled in and asks for the token."""
    from urllib.parse import urlencode

    fields = {"kode": code, **({"token": token} if token else {})}
    return f"{portal_base_url.rstrip('/')}{TRACKING_PATH}#{urlencode(fields)}"


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def derived_token(secret: str, idempotency_key: str, payload_hash: str) -> str:
    mac = hmac.new(secret.encode(), f"{idempotency_key}\x00{payload_hash}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str | None, stored_hash: str | None) -> bool:
    """Constant-time comparison; a missing token or hash never matches."""
    if not token or not stored_hash:
        return False
    return hmac.compare_digest(hash_token(token), stored_hash)


@dataclass(frozen=True, slots=True)
class AccessProbe:
    """What one read tells about a code: its stored token hash (None: no such item) and the
    failures counted in the current window (`window_ends`, UTC; None: no window open)."""

    token_hash: str | None
    failures: int = 0
    window_ends: datetime | None = None
