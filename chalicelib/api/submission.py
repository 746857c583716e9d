"""Public POSTs: Idempotency-Key handling, and the once-shown access token of submissions."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from chalicelib import bootstrap
from chalicelib.api.common import SubmissionOut
from chalicelib.api.http import Ctx, Reply
from chalicelib.config import get_settings
from chalicelib.domain.errors import FieldError
from chalicelib.domain.tracking import derived_token, hash_token, new_token

if TYPE_CHECKING:
    from chalicelib.domain.sla import SlaTrack

MAX_KEY = 64


def idempotency_key(ctx: Ctx) -> str | None:
    """The Idempotency-Key header: 1-64 printable ASCII characters, as the document states
    (`^[ -~]+$`) for every public POST; None when absent. Raises FieldError (a 400 naming
    `Idempotency-Key`) otherwise. Routes that store nothing call it too, so the header means
    the same on every public POST."""
    key = ctx.headers.get("idempotency-key")
    if key is None:
        return None
    if not key:
        raise FieldError("Idempotency-Key", "string_too_short", min_length=1)
    if len(key) > MAX_KEY:
        raise FieldError("Idempotency-Key", "string_too_long", max_length=MAX_KEY)
    if not re.fullmatch(r"[ -~]+", key):
        raise FieldError("Idempotency-Key", "string_pattern_mismatch")
    return key


def idempotent(
    ctx: Ctx, route: str, body: BaseModel, produce: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """`produce()` once per Idempotency-Key and body (a retry answers the first result; the
    same key with another body is 409); without the header, simply `produce()`."""
    key = idempotency_key(ctx)
    if key is None:
        return produce()
    payload = body.model_dump(mode="json")
    return bootstrap.idempotency().run(
        route, key, payload, produce, lambda_context=ctx.lambda_context
    )


def track_replay_scope(route: str, code: str, token: str | None) -> str:
    """The idempotency scope of a route by tracking code: per code and per token, so that a
    replay never answers someone who sends the same key without the right token (they meet
    the tracking guard instead)."""
    return f"{route}:{code}:{hash_token(token or '')[:16]}"


class Submitted(Protocol):
    """What a submission creates: an audience request or a complaint."""

    @property
    def code(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def track(self) -> SlaTrack: ...


def receipt(item: Submitted) -> dict[str, Any]:
    """The citizen's receipt of a new item (SubmissionOut without the token): its tracking
    code, status, and the times of receipt and due in the bureau's local time (RFC 3339)."""
    tz = get_settings().tz
    return {
        "tracking_code": item.code,
        "status": item.status,
        "received_at": item.track.received_at.astimezone(tz).isoformat(),
        "due_at": item.track.due_at.astimezone(tz).isoformat(),
    }


def idempotent_submission(
    ctx: Ctx, route: str, body: BaseModel, create: Callable[[str], Submitted]
) -> Reply:
    """A submission with its access token: `create(token)` makes the item, answered with its
    receipt (201). On a replay the token is derived again from the key and the body, so the
    stored record never holds it."""
    key = idempotency_key(ctx)
    if key is None:
        token = new_token()
    else:
        canonical = json.dumps(
            body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        body_hash = hashlib.sha256(canonical.encode()).hexdigest()
        token = derived_token(get_settings().token_secret, f"{route}:{key}", body_hash)
    core = idempotent(ctx, route, body, lambda: receipt(create(token)))
    return Reply(SubmissionOut(**core, access_token=token), status=201)
