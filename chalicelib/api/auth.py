"""Staff authentication: which authorizer guards /v1/admin, and the roles a request carries.

In AWS, API Gateway's Cognito user-pool authorizer verifies the token before the function
runs, so the Lambda bundles no crypto. With APP_ENV=local, a Chalice custom authorizer takes
its place, verifies HS256 tokens signed with LOCAL_JWT_SECRET, and puts the same claims in
the same place (requestContext.authorizer.claims). Roles are checked in every handler in
both modes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from chalice.app import AuthRequest, AuthResponse, Blueprint, CognitoUserPoolAuthorizer

from chalicelib.api.problems import PROBLEM_CONTENT_TYPE, problem_body, problem_json
from chalicelib.config import get_settings

ROLES = ("front_desk", "complaint_officer", "complaint_team", "supervisor", "admin")
AUTHORIZER_NAME = "StaffAuthorizer"

auth_bp = Blueprint(__name__)


@dataclass(frozen=True, slots=True)
class Principal:
    sub: str
    roles: frozenset[str]


def parse_groups(value: Any) -> frozenset[str]:
    """cognito:groups as a list, or as the string API Gateway passes ("a,b" or "[a b]")."""
    if value is None:
        return frozenset()
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value if v)
    text = str(value).strip().strip("[]")
    return frozenset(p for p in re.split(r"[,\s]+", text) if p)


def principal_from_context(request_context: dict[str, Any]) -> Principal | None:
    """The caller, from the claims the authorizer left in the request context."""
    claims = (request_context.get("authorizer") or {}).get("claims")
    if not isinstance(claims, dict) or not claims.get("sub"):
        return None
    return Principal(sub=str(claims["sub"]), roles=parse_groups(claims.get("cognito:groups")))


def _unauthorized() -> Exception:
    """What the local gateway answers for a bad token: 401 problem+json, as API Gateway's
    gateway response template does in AWS."""
    from chalice.local import NotAuthorizedError  # dev-only module, local mode only

    body = problem_json(problem_body("unauthenticated"))
    return NotAuthorizedError({"Content-Type": PROBLEM_CONTENT_TYPE}, body.encode())


def bearer_credentials(header: str) -> str:
    """The token of an Authorization header: `Bearer <token>` with the scheme in any case
    (RFC 7235 section 2.1: auth-scheme is case-insensitive) or, as API Gateway's Cognito
    authorizer takes it, the bare token. Another scheme gives ValueError."""
    scheme, sep, rest = header.strip().partition(" ")
    if not sep:
        return scheme
    if scheme.lower() != "bearer":
        raise ValueError("not a bearer credential")
    return rest.strip()


def verify_local_token(token: str) -> dict[str, Any]:
    """Claims of a valid local HS256 token; raises ValueError for any defect."""
    import jwt  # PyJWT: development dependency, used only with APP_ENV=local

    settings = get_settings()
    raw = bearer_credentials(token)
    try:
        claims: dict[str, Any] = jwt.decode(
            raw,
            settings.local_jwt_secret or "",
            algorithms=["HS256"],
            issuer=settings.local_jwt_issuer,
            options={"require": ["exp", "iss", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise ValueError(type(exc).__name__) from exc
    return claims


def _local_authorizer(auth_request: AuthRequest) -> AuthResponse:
    try:
        claims = verify_local_token(auth_request.token or "")
    except ValueError:
        raise _unauthorized() from None
    context: dict[str, Any] = {"claims": claims}
    return AuthResponse(routes=["*"], principal_id=str(claims["sub"]), context=context)


def _build_authorizer() -> Any:
    settings = get_settings()
    if settings.app_env == "local":
        return auth_bp.authorizer(name=AUTHORIZER_NAME)(_local_authorizer)
    return CognitoUserPoolAuthorizer(
        AUTHORIZER_NAME, provider_arns=[settings.cognito_user_pool_arn or ""]
    )


staff_authorizer = _build_authorizer()
