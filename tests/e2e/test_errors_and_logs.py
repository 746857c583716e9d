"""Server errors reveal nothing; Chalice's errors are problems too; logs keep no personal data."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from chalice.test import Client

from chalicelib import bootstrap

Auth = Callable[..., dict[str, str]]


def test_unexpected_error_is_500_problem_with_request_id_and_no_trace(
    client: Client, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def list_day(self, *a: object, **k: object) -> None:
            raise RuntimeError("secret internal detail /var/task/x.py")

    monkeypatch.setattr(bootstrap, "guestbook_service", lambda: Broken())
    res = client.http.get("/v1/admin/guestbook", headers=auth())
    assert res.status_code == 500
    assert res.headers["Content-Type"] == "application/problem+json"
    body = res.json_body
    assert body["code"] == "internal_error"
    assert body["request_id"] == res.headers["X-Request-Id"]
    text = res.body.decode()
    assert "secret internal detail" not in text and "Traceback" not in text


def test_method_not_allowed_is_a_problem(client: Client) -> None:
    res = client.http.delete("/health")
    assert res.status_code == 405
    assert res.headers["Content-Type"] == "application/problem+json"
    assert res.json_body["code"] == "method_not_allowed"


def test_storage_throttling_is_a_503_problem(client: Client, auth: Auth) -> None:
    from botocore.exceptions import ClientError

    def throttle(**kwargs: object) -> None:
        raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "x"}}, "Query")

    db = bootstrap.dynamo()
    db.client.meta.events.register("before-call.dynamodb.Query", throttle)
    res = client.http.get("/v1/admin/guestbook", headers=auth())
    assert res.status_code == 503 and res.json_body["code"] == "storage_unavailable"


def test_logs_carry_request_ids_and_no_personal_data(client: Client, auth: Auth) -> None:
    import io

    from chalicelib.observability import logger

    buffer = io.StringIO()
    handler = logger.registered_handler
    original = handler.setStream(buffer)  # type: ignore[attr-defined]
    visit = {
        "name": "Rahmawati Kusuma",
        "institution": "Yayasan X",
        "purpose": "Audiensi",
        "phone": "0813-9999-8888",
    }
    headers = auth()
    res = client.http.post("/v1/admin/guestbook", body=json.dumps(visit), headers=headers)
    client.http.post(
        "/v1/admin/guestbook", body=json.dumps({**visit, "phone": "bad"}), headers=headers
    )
    handler.setStream(original)  # type: ignore[attr-defined]
    assert res.status_code == 201
    text = buffer.getvalue()
    lines = [json.loads(x) for x in text.splitlines() if x.startswith("{")]
    requests = [x for x in lines if x.get("message") == "request"]
    assert requests and all(x.get("request_id") for x in requests)
    for secret in ("Rahmawati", "0813-9999-8888", headers["Authorization"].split()[1]):
        assert secret not in text
