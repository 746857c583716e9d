"""`POST /v1/local/sign-in`: the console's sign-in under `make run` (never in the Lambda).

`{username, password}` -> 200 `{token, token_type, expires_at, sub, roles}`: the same HS256
token `make token` prints, for a local staff account made with `make user`. A wrong password,
an unknown user and an account without a password (registered by `make token`) get the same
401 problem+json, after the same work (an Argon2 verification against a stand-in hash for an
unknown user) and a fixed delay, so neither the answer nor its time tells them apart.

The local runner adds the route to the app before serving (`register(app)`); the deployed
app never has it.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Annotated, Any

from chalice.app import Chalice, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dev.staff_accounts import hash_password, hasher

PATH = "/v1/local/sign-in"
FAILURE_DELAY_S = 1.0  # every failed sign-in costs the caller this long, on top of the hash
TOKEN_HOURS = 12.0


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class Verifier:
    """Checks a username and password against the stored accounts in constant work."""

    def __init__(self, load: Any, delay_s: float = FAILURE_DELAY_S) -> None:
        self._load = load  # username -> stored account dict or None
        self._hasher = hasher()
        self._stand_in = hash_password("stand-in password for unknown users")
        self._delay = delay_s

    def check(self, username: str, password: str) -> dict[str, Any] | None:
        """The account when the password is right; None otherwise (after the delay)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        account = self._load(username)
        stored = (account or {}).get("password_hash") or self._stand_in
        try:
            ok = bool(self._hasher.verify(stored, password)) and stored != self._stand_in
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and account is not None and account.get("roles"):
            found: dict[str, Any] = account
            return found
        time.sleep(self._delay)
        return None


def _problem(status_code: int, code: str, lang: str, errors: list[Any] | None = None) -> Response:
    from chalicelib.api.problems import (
        PROBLEM_CONTENT_TYPE,
        FieldProblem,
        problem_body,
        problem_json,
    )

    problems = [FieldProblem(e[0], e[1]) for e in errors] if errors else None
    body = problem_body(code, lang, errors=problems)
    if code == "unauthenticated":
        body["detail"] = (
            "Wrong username or password."
            if lang == "en"
            else "Nama pengguna atau kata sandi salah."
        )
    return Response(
        body=problem_json(body),
        status_code=status_code,
        headers={"Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store"},
    )


def register(app: Chalice, verifier: Verifier | None = None) -> None:
    """Add the sign-in route to `app` (the local runner's app object)."""
    from chalicelib.api.problems import choose_language

    state: dict[str, Verifier] = {}

    def get_verifier() -> Verifier:
        if "v" not in state:
            state["v"] = verifier or Verifier(_load_from_table)
        return state["v"]

    @app.route(PATH, methods=["POST"], content_types=["*/*"])
    def local_sign_in() -> Response:
        request = app.current_request
        assert request is not None
        headers = {k.lower(): v for k, v in dict(request.headers or {}).items()}
        lang = choose_language(headers.get("accept-language"))
        try:
            data = json.loads(request.raw_body or b"")
            body = SignIn.model_validate(data)
        except (ValueError, UnicodeDecodeError):
            fields = _bad_fields(request.raw_body)
            return _problem(400, "validation_failed", lang, fields)
        account = get_verifier().check(body.username, body.password)
        if account is None:
            return _problem(401, "unauthenticated", lang)
        return Response(
            body=json.dumps(_token_for(account), separators=(",", ":")),
            status_code=200,
            headers={"Content-Type": "application/json", "Cache-Control": "no-store"},
        )


def _bad_fields(raw: str | bytes | None) -> list[tuple[str, str]]:
    try:
        data = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        return [("body", "json_invalid")]
    if not isinstance(data, dict):
        return [("body", "model_type")]
    try:
        SignIn.model_validate(data)
    except ValidationError as exc:
        return [
            (".".join(str(p) for p in err["loc"]) or "body", err["type"])
            for err in exc.errors(include_url=False)
        ]
    return [("body", "invalid")]


def _load_from_table(username: str) -> dict[str, Any] | None:
    from chalicelib import bootstrap
    from chalicelib.adapters.staff_directory import STAFF_PK, staff_sk

    return bootstrap.dynamo().get(STAFF_PK, staff_sk(username))


def _token_for(account: dict[str, Any]) -> dict[str, Any]:
    import jwt

    from chalicelib.config import get_settings
    from dev.localenv import mint_token

    settings = get_settings()
    roles = sorted(account["roles"])
    token = mint_token(settings.local_jwt_secret or "", roles, account["sub"], TOKEN_HOURS)
    exp = jwt.decode(token, options={"verify_signature": False})["exp"]
    expires = datetime.fromtimestamp(exp, UTC)
    return {
        "token": token,
        "token_type": "Bearer",
        "expires_at": expires.astimezone(settings.tz).isoformat(),
        "sub": account["sub"],
        "roles": roles,
    }
