"""Staff auth: the local HS256 authorizer, roles checked in the handler, the route table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from chalice.test import Client

from tests.conftest import ROOT
from tests.e2e.conftest import make_token

Auth = Callable[..., dict[str, str]]
ROLES = ("front_desk", "complaint_officer", "complaint_team", "supervisor", "admin")
VISIT = {"name": "A", "institution": "B", "purpose": "C"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def test_no_token_is_401(client: Client) -> None:
    res = client.http.get("/v1/admin/guestbook")
    assert res.status_code == 401  # the local runner turns this body into problem+json


@pytest.mark.parametrize(
    "token",
    [
        make_token("front_desk", exp=int(time.time()) - 5),
        make_token("front_desk", secret="another-secret-0123456789abcdef0123456789"),
        make_token("front_desk", iss="someone-else"),
        make_token("front_desk", iss=None),
        make_token("front_desk", sub=None),
        "not.a.jwt",
    ],
    ids=["expired", "bad-signature", "wrong-issuer", "no-issuer", "no-subject", "garbage"],
)
def test_bad_tokens_are_401_problem(client: Client, token: str) -> None:
    res = client.http.get("/v1/admin/guestbook", headers=bearer(token))
    assert res.status_code == 401
    assert res.headers["Content-Type"] == "application/problem+json"
    assert res.json_body["code"] == "unauthenticated"


def test_alg_none_token_is_refused(client: Client) -> None:
    import jwt

    token = jwt.encode(
        {
            "sub": "x",
            "iss": "kesra-local",
            "exp": int(time.time()) + 60,
            "cognito:groups": ["admin"],
        },
        key="",
        algorithm="none",
    )
    assert client.http.get("/v1/admin/guestbook", headers=bearer(token)).status_code == 401


def test_token_without_groups_is_403(client: Client) -> None:
    res = client.http.get("/v1/admin/guestbook", headers=bearer(make_token(None)))
    assert res.status_code == 403 and res.json_body["code"] == "forbidden"


def test_groups_as_a_string_work(client: Client) -> None:
    token = make_token("front_desk", **{"cognito:groups": "front_desk"})
    assert client.http.get("/v1/admin/guestbook", headers=bearer(token)).status_code == 200


EXPECTED = {
    # role: (may write, may read)
    "front_desk": (True, True),
    "complaint_officer": (False, False),
    "complaint_team": (False, False),
    "supervisor": (False, True),
    "admin": (True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_against_the_guestbook(client: Client, auth: Auth, role: str) -> None:
    may_write, may_read = EXPECTED[role]
    seeded = client.http.post("/v1/admin/guestbook", body=json.dumps(VISIT), headers=auth("admin"))
    entry_id = seeded.json_body["id"]
    write = client.http.post("/v1/admin/guestbook", body=json.dumps(VISIT), headers=auth(role))
    read = client.http.get("/v1/admin/guestbook", headers=auth(role))
    one = client.http.get(f"/v1/admin/guestbook/{entry_id}", headers=auth(role))
    checkout = client.http.post(f"/v1/admin/guestbook/{entry_id}/checkout", headers=auth(role))
    assert write.status_code == (201 if may_write else 403)
    assert read.status_code == (200 if may_read else 403)
    assert one.status_code == (200 if may_read else 403)
    assert checkout.status_code == (200 if may_write else 403)
    if not may_write:
        assert write.json_body["code"] == "forbidden"


def test_recorded_by_is_the_token_subject(client: Client, auth: Auth) -> None:
    res = client.http.post(
        "/v1/admin/guestbook", body=json.dumps(VISIT), headers=auth("front_desk", sub="petugas-07")
    )
    assert res.json_body["recorded_by"] == "petugas-07"


ROUTE_DUMP = """
import json
from app import app
out = {}
for path, methods in app.routes.items():
    for method, entry in methods.items():
        a = entry.authorizer
        out[f"{method} {path}"] = type(a).__name__ if a is not None else None
print(json.dumps(out))
"""


def _routes_in_mode(app_env: str) -> dict[str, str | None]:
    env = {
        **os.environ,
        "APP_ENV": app_env,
        "COGNITO_USER_POOL_ARN": "arn:aws:cognito-idp:ap-southeast-3:123456789012:userpool/x",
        "ALERT_TOPIC_ARN": "arn:aws:sns:ap-southeast-3:123456789012:alerts",
    }
    out = subprocess.run(
        [sys.executable, "-c", ROUTE_DUMP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    routes: dict[str, str | None] = json.loads(out.stdout.strip().splitlines()[-1])
    return routes


@pytest.mark.parametrize(
    ("mode", "kind"), [("local", "ChaliceAuthorizer"), ("aws", "CognitoUserPoolAuthorizer")]
)
def test_every_admin_route_carries_the_authorizer_in_both_modes(mode: str, kind: str) -> None:
    routes = _routes_in_mode(mode)
    admin = {r: a for r, a in routes.items() if r.split(" ", 1)[1].startswith("/v1/admin")}
    public = {r: a for r, a in routes.items() if r not in admin}
    assert admin, "no admin routes found"
    assert all(a == kind for a in admin.values()), admin
    assert all(a is None for a in public.values()), public
