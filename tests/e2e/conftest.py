from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chalice.test import Client

from tests.conftest import ROOT, TEST_JWT_SECRET, TEST_WHATSAPP_ACCESS


@pytest.fixture
def client(aws: None) -> Iterator[Client]:
    from app import app

    with Client(app, stage_name="local", project_dir=str(ROOT)) as c:
        yield c


def make_token(role: str | list[str] | None = "front_desk", **overrides: Any) -> str:
    import time

    import jwt

    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": f"staff-{role if isinstance(role, str) else 'x'}",
        "iss": "kesra-local",
        "iat": now,
        "exp": now + 4 * 3600,  # outlives a slow full run: some modules mint at import
    }
    if role is not None:
        claims["cognito:groups"] = [role] if isinstance(role, str) else role
    secret = overrides.pop("secret", TEST_JWT_SECRET)
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


@pytest.fixture
def auth() -> Callable[..., dict[str, str]]:
    def headers(role: str | list[str] | None = "front_desk", **overrides: Any) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {make_token(role, **overrides)}",
            "Content-Type": "application/json",
        }

    return headers


@pytest.fixture
def graph(aws: None) -> Iterator[Any]:
    """A local Graph API stand-in (media, sending), the app pointed at it."""
    from chalicelib import bootstrap
    from chalicelib.config import get_settings
    from dev.graph_standin import GraphStandIn

    standin = GraphStandIn(TEST_WHATSAPP_ACCESS)
    base = standin.start()
    mp = pytest.MonkeyPatch()
    mp.setenv("WHATSAPP_API_BASE", base)
    mp.setenv("WHATSAPP_ACCESS_TOKEN", TEST_WHATSAPP_ACCESS)
    get_settings.cache_clear()
    bootstrap.reset()
    yield standin
    standin.stop()
    mp.undo()
    get_settings.cache_clear()
    bootstrap.reset()
