"""The local runner's sign-in (dev/sign_in.py) on a bare Chalice app, and the staff route.

The sign-in never ships: the deployed app has no such route (checked below)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import jwt
import pytest
from chalice.app import Chalice
from chalice.test import Client

from dev import sign_in
from dev.staff_accounts import hash_password
from tests.conftest import TEST_JWT_SECRET
from tests.e2e.helpers import register

Auth = Callable[..., dict[str, str]]
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def signing(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Client, list[float]]]:
    accounts = {
        "pejabat": {
            "sub": "pejabat",
            "roles": {"complaint_officer", "supervisor"},
            "password_hash": hash_password("rahasia-123"),
        },
        "tim-token": {"sub": "tim-token", "roles": {"complaint_team"}},  # from make token
    }
    slept: list[float] = []
    monkeypatch.setattr("dev.sign_in.time.sleep", slept.append)
    app = Chalice(app_name="sign-in-test")
    sign_in.register(app, sign_in.Verifier(accounts.get, delay_s=1.0))
    with Client(app) as client:
        yield client, slept


def attempt(client: Client, body: Any, lang: str | None = None) -> Any:
    headers = dict(JSON)
    if lang:
        headers["Accept-Language"] = lang
    return client.http.post(sign_in.PATH, headers=headers, body=json.dumps(body))


def test_the_right_password_gets_the_local_token(signing: tuple[Client, list[float]]) -> None:
    client, slept = signing
    res = attempt(client, {"username": "pejabat", "password": "rahasia-123"})
    assert res.status_code == 200 and slept == []
    body = res.json_body
    claims = jwt.decode(body["token"], TEST_JWT_SECRET, algorithms=["HS256"], issuer="kesra-local")
    assert claims["sub"] == "pejabat" == body["sub"]
    assert claims["cognito:groups"] == ["complaint_officer", "supervisor"] == body["roles"]
    assert body["expires_at"].endswith("+07:00") and res.headers["Cache-Control"] == "no-store"
    assert res.body.decode() == json.dumps(body, separators=(",", ":"))  # compact, as the API


def test_wrong_password_and_unknown_user_are_answered_alike_and_slowly(
    signing: tuple[Client, list[float]],
) -> None:
    client, slept = signing
    wrong = attempt(client, {"username": "pejabat", "password": "salah-sekali"})
    unknown = attempt(client, {"username": "siapa", "password": "salah-sekali"})
    no_password = attempt(
        client, {"username": "tim-token", "password": "stand-in password for unknown users"}
    )
    assert wrong.status_code == unknown.status_code == no_password.status_code == 401
    assert wrong.body == unknown.body == no_password.body
    assert wrong.json_body["detail"] == "Nama pengguna atau kata sandi salah."
    assert slept == [1.0, 1.0, 1.0]
    english = attempt(client, {"username": "siapa", "password": "x"}, lang="en")
    assert english.json_body["detail"] == "Wrong username or password."


def test_unknown_users_cost_a_hash_verification_too() -> None:
    calls: list[str] = []

    class CountingHasher:
        def __init__(self, real: Any) -> None:
            self.real = real

        def verify(self, stored: str, password: str) -> bool:
            calls.append(stored)
            return bool(self.real.verify(stored, password))

    verifier = sign_in.Verifier(lambda name: None, delay_s=0.0)
    verifier._hasher = CountingHasher(verifier._hasher)
    assert verifier.check("siapa", "apa saja") is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_bad_bodies_are_400_naming_the_field(signing: tuple[Client, list[float]]) -> None:
    client, _ = signing
    res = attempt(client, {"username": "pejabat"})
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == "password"
    res = attempt(client, {"username": "a", "password": "b", "role": "admin"})
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == "role"


def test_the_deployed_app_has_no_sign_in_route() -> None:
    from app import app

    assert sign_in.PATH not in app.routes


def test_staff_route_lists_the_directory_by_role(client: Client, auth: Auth) -> None:
    register("tim-1"), register("tim-2"), register("tim-2", "supervisor"), register("kb", "admin")
    res = client.http.get("/v1/admin/staff?role=complaint_team", headers=auth("complaint_officer"))
    assert res.status_code == 200
    assert res.json_body == {
        "items": [
            {"sub": "tim-1", "name": "tim-1", "roles": ["complaint_team"]},
            {"sub": "tim-2", "name": "tim-2", "roles": ["complaint_team", "supervisor"]},
        ],
        "next_cursor": None,
    }
    everyone = client.http.get("/v1/admin/staff", headers=auth("admin")).json_body["items"]
    assert [m["sub"] for m in everyone] == ["kb", "tim-1", "tim-2"]
    for role in ("front_desk", "complaint_team"):
        assert client.http.get("/v1/admin/staff", headers=auth(role)).status_code == 403
    bad = client.http.get("/v1/admin/staff?role=boss", headers=auth("admin"))
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "role"


@pytest.mark.slow
def test_make_user_then_sign_in_through_the_running_stack(tmp_path: Any) -> None:
    """On the real `make run` stack: an account made while it runs signs in, its token
    works, and `make token` registers its subject in the same directory."""
    import os
    import subprocess
    import sys

    from dev.stack import Stack
    from tests.conftest import ROOT

    stack = Stack(tmp_path / "state")
    stack.start()
    try:
        env = {**stack.env(), "PASSWORD": "rahasia-123"}
        made = subprocess.run(  # noqa: PLW1510 - the return code is asserted below
            [
                sys.executable,
                "-m",
                "dev.staff_accounts",
                "--username",
                "pejabat",
                "--role",
                "complaint_officer",
                "--name",
                "Pejabat Satu",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        status, _, signed = stack.request(
            "POST", sign_in.PATH, {"username": "pejabat", "password": "rahasia-123"}
        )
        assert status == 200 and signed["roles"] == ["complaint_officer"]
        wrong = stack.request("POST", sign_in.PATH, {"username": "pejabat", "password": "x"})
        unknown = stack.request("POST", sign_in.PATH, {"username": "nobody", "password": "x"})
        assert wrong[0] == unknown[0] == 401 and wrong[2] == unknown[2]
        env.pop("PASSWORD")
        token = subprocess.run(
            [sys.executable, "-m", "dev.token", "--role", "complaint_team", "--sub", "tim-9"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        assert token.stdout.count(".") == 2
        status, _, listed = stack.request(
            "GET", "/v1/admin/staff", headers={"Authorization": f"Bearer {signed['token']}"}
        )
        assert status == 200
        assert [(m["sub"], m["name"]) for m in listed["items"]] == [
            ("pejabat", "Pejabat Satu"),
            ("tim-9", "tim-9"),
        ]
        assert os.path.exists(tmp_path / "state" / "stack.json")
    finally:
        stack.stop()
    assert not os.path.exists(tmp_path / "state" / "stack.json")
