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
    from dev.chalice_local import make_handler_class

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


def _calls_of(client: Client, path: str, token: str) -> tuple[int, list[str]]:
    seen: list[str] = []

    def record(model: Any, **_: Any) -> None:
        seen.append(model.name)

    events = bootstrap.dynamo().client.meta.events
    events.register("before-call.dynamodb", record)
    try:
        res = client.http.get(path, headers={"X-Access-Token": token})
    finally:
        events.unregister("before-call.dynamodb", record)
    return res.status_code, seen


def test_unknown_code_and_wrong_token_do_the_same_work(client: Client) -> None:
    # GIVEN an existing complaint
    code = submit(client).json_body["tracking_code"]
    unknown = code[:-6] + ("ZZZZZZ" if not code.endswith("ZZZZZZ") else "YYYYYY")
    # WHEN it is tracked with a wrong token, and an unknown code is tracked
    wrong = _calls_of(client, f"/v1/track/{code}", "salah")
    missing = _calls_of(client, f"/v1/track/{unknown}", "salah")
    # THEN both answer 404 after the very same storage calls
    assert wrong == missing == (404, ["BatchGetItem", "UpdateItem"])
    a = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": "salah"})
    b = client.http.get(f"/v1/track/{unknown}", headers={"X-Access-Token": "salah"})
    assert a.body == b.body


@pytest.mark.parametrize("existing", [True, False])
def test_wrong_tokens_are_limited_per_code_until_the_window_ends(
    client: Client, existing: bool
) -> None:
    from datetime import UTC, datetime, timedelta

    import time_machine

    from chalicelib.config import get_settings

    limit, window = get_settings().track_max_failures, get_settings().track_failure_window_s
    res = submit(client)
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    if not existing:
        code = code[:-6] + "QQQQQQ"
    # the start of a window (windows are fixed spans from the epoch)
    start = datetime.fromtimestamp((int(datetime.now(UTC).timestamp()) // window + 1) * window, UTC)
    with time_machine.travel(start, tick=False):
        # GIVEN `limit` wrong tokens, each a plain 404
        for _ in range(limit):
            wrong = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": "tebak"})
            assert wrong.status_code == 404
        # WHEN more wrong tries come
        for _ in range(2):
            locked = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": "tebak"})
            # THEN each is 429 problem+json with Retry-After
            assert locked.status_code == 429
            assert locked.headers["Content-Type"] == "application/problem+json"
            assert locked.json_body["code"] == "too_many_attempts"
            assert 1 <= int(locked.headers["Retry-After"]) <= window
            seconds = int(locked.headers["Retry-After"])  # a citizen reads the wait itself
            wait = f"{-(-seconds // 60)} menit" if seconds >= 60 else f"{seconds} detik"
            detail = locked.json_body["detail"]
            assert "Retry-After" not in detail and f"coba lagi dalam {wait}" in detail
        # and the other public routes by code are locked the same way for a wrong token
        message = client.http.post(
            f"/v1/track/{code}/messages",
            body=json.dumps({"message": "Tambahan"}),
            headers={**JSON, "X-Access-Token": "tebak"},
        )
        assert message.status_code == 429
        # while the right token still opens the code and its routes (issue 17, point 14)
        owner = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token})
        assert owner.status_code == (200 if existing else 429)
        if existing:
            added = client.http.post(
                f"/v1/track/{code}/messages",
                body=json.dumps({"message": "Tambahan"}),
                headers={**JSON, "X-Access-Token": token},
            )
            assert added.status_code in (200, 201), added.json_body
    with time_machine.travel(start + timedelta(seconds=window + 1), tick=False):
        # once the window has ended the right token opens it again
        after = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token})
        assert after.status_code == (200 if existing else 404)


def test_the_count_holds_across_processes(client: Client) -> None:
    """Two guards (two Lambda instances) share one count: it lives in the table."""
    from datetime import UTC, datetime

    from chalicelib.adapters.attempts_repo import DynamoAccessAttempts
    from chalicelib.domain.errors import NotFound, TooManyAttempts
    from chalicelib.services.tracking_guard import TrackingGuard

    code = submit(client).json_body["tracking_code"]
    now = datetime.now(UTC)
    first = TrackingGuard(DynamoAccessAttempts(bootstrap.dynamo(), 600), 3)
    second = TrackingGuard(DynamoAccessAttempts(bootstrap.dynamo(), 600), 3)
    for guard in (first, second, first):
        with pytest.raises(NotFound):
            guard.check(f"CMP#{code}", code, "salah", now)
    with pytest.raises(TooManyAttempts):
        second.check(f"CMP#{code}", code, "salah", now)


def test_a_replay_by_key_never_answers_without_the_right_token(client: Client) -> None:
    # GIVEN a reporter's message sent with an Idempotency-Key
    res = client.http.post(
        "/v1/complaints",
        body=json.dumps({**COMPLAINT, "privacy": "named", "reporter": {"name": "Siti Aminah"}}),
        headers=JSON,
    )
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    body = json.dumps({"message": "Nomor rekening saya 1234567890"})
    first = client.http.post(
        f"/v1/track/{code}/messages",
        body=body,
        headers={**JSON, "X-Access-Token": token, "Idempotency-Key": "kunci-1"},
    )
    assert first.status_code == 200
    # WHEN someone replays the same key and body without the token
    replay = client.http.post(
        f"/v1/track/{code}/messages",
        body=body,
        headers={**JSON, "X-Access-Token": "tebakan", "Idempotency-Key": "kunci-1"},
    )
    # THEN they get the 404 of a wrong token, not the first response
    assert replay.status_code == 404
    assert b"1234567890" not in replay.body
