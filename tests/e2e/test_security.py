"""What an attacker learns and keeps trying (issue 10, point 9), through HTTP on moto."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import bootstrap
from tests.e2e.helpers import JSON

COMPLAINT = {
    "subject": "Pelayanan lambat",
    "description": "Surat saya belum dijawab sejak lama.",
    "privacy": "anonymous",
}


def submit(client: Client, headers: dict[str, str] | None = None) -> Any:
    return client.http.post(
        "/v1/complaints", body=json.dumps(COMPLAINT), headers={**JSON, **(headers or {})}
    )


def test_same_key_while_the_first_is_in_flight_is_409_in_progress(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a submission whose first request with an Idempotency-Key is still running
    service = bootstrap.complaint_service()
    real_submit = service.submit
    during: list[Any] = []

    def slow_submit(*args: Any, **kwargs: Any) -> Any:
        # WHEN a retry with the same key and body arrives meanwhile
        during.append(submit(client, {"Idempotency-Key": "k-flight"}))
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(service, "submit", slow_submit)
    first = submit(client, {"Idempotency-Key": "k-flight"})
    # THEN the retry is told to come back, with its own code (not the different-body one)
    assert first.status_code == 201
    (retry,) = during
    assert retry.status_code == 409
    assert retry.headers["Content-Type"] == "application/problem+json"
    assert retry.json_body["code"] == "idempotency_in_progress"
    assert int(retry.headers["Retry-After"]) >= 1
    # and once the first is done, the retry answers the first response
    monkeypatch.setattr(service, "submit", real_submit)
    again = submit(client, {"Idempotency-Key": "k-flight"})
    assert again.status_code == 201 and again.json_body == first.json_body


def test_the_local_runner_logs_no_query_values(capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN the local runner's request handler (the one `make run` serves with)
    from dev.run_local import make_handler_class

    handler: Any = make_handler_class()

    class Line:
        def address_string(self) -> str:
            return "127.0.0.1"

    # WHEN it logs a request whose query holds a citizen's name
    request_line = '"GET /v1/admin/attachments/UP1?reason=Surat+Budi+Santoso&x=1 HTTP/1.1"'
    handler.log_message(Line(), "%s %s %s", request_line, "200", "-")
    # THEN the line keeps the path and the parameter names, not their values
    logged = capsys.readouterr().err
    assert "/v1/admin/attachments/UP1?reason=-&x=-" in logged
    assert "Budi" not in logged and "Santoso" not in logged


def test_request_logs_carry_no_query_values(client: Client, auth: Any) -> None:
    import io

    from chalicelib.observability import logger

    buffer = io.StringIO()
    handler = logger.registered_handler
    original = handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        res = client.http.get(
            "/v1/admin/attachments/UP0000000000?reason=Periksa+surat+Budi+Santoso",
            headers=auth("complaint_officer"),
        )
    finally:
        handler.setStream(original)  # type: ignore[attr-defined]
    assert res.status_code == 404
    text = buffer.getvalue()
    assert '"message":"request"' in text.replace(" ", "")
    assert "Budi" not in text and "Santoso" not in text
