"""Public submissions: Idempotency-Key handling and the once-shown access token."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from chalicelib import bootstrap
from chalicelib.api.common import SubmissionOut
from chalicelib.api.http import Ctx, Reply
from chalicelib.config import get_settings
from chalicelib.domain.errors import FieldError
from chalicelib.domain.tracking import derived_token, new_token

MAX_KEY = 64


def idempotent_submission(
    ctx: Ctx, route: str, body: BaseModel, create: Callable[[str], dict[str, Any]]
) -> Reply:
    """Run `create(token)` once per Idempotency-Key and body. A retry with the same key and
    body answers the first response, token included (the token is derived from the key and
    the body, so the stored record never holds it); another body gets 409."""
    key = ctx.headers.get("idempotency-key")
    payload = body.model_dump(mode="json")
    if key is None:
        token = new_token()
        core = create(token)
    else:
        if not 1 <= len(key) <= MAX_KEY or not key.isprintable():
            raise FieldError("Idempotency-Key", "string_too_long", max_length=MAX_KEY)
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        body_hash = hashlib.sha256(canonical.encode()).hexdigest()
        token = derived_token(get_settings().token_secret, f"{route}:{key}", body_hash)
        core = bootstrap.idempotency().run(
            route, key, payload, lambda: create(token), lambda_context=ctx.lambda_context
        )
    return Reply(SubmissionOut(**core, access_token=token), status=201)
