"""The contract's fault kinds from issue 10 (points 1, 4 and 10), each an example that failed
before: deep JSON, control characters, every field problem at once, sentences for choices
and list lengths, 405 with Allow, If-Match *, 503 for a busy or unreachable store, the
Bearer scheme in any case, CORS for the configured origins, `tracking_code` on staff views.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError
from chalice.test import Client

from chalicelib import bootstrap
from chalicelib.config import get_settings
from tests.e2e.helpers import JSON

Auth = Callable[..., dict[str, str]]
COMPLAINT = {
    "subject": "Pelayanan lambat",
    "description": "Surat saya belum dijawab sejak lama.",
    "privacy": "named",
    "reporter": {"name": "Rahmat", "phone": "0813-5555-6666"},
}


def post(client: Client, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    text = body if isinstance(body, str) else json.dumps(body)
    return client.http.post(path, body=text, headers={**JSON, **(headers or {})})


def errors(res: Any) -> dict[str, str]:
    assert res.status_code == 400, res.json_body
    assert res.headers["Content-Type"] == "application/problem+json"
    return {e["field"]: e["message"] for e in res.json_body["errors"]}


def test_deeply_nested_json_is_a_400_not_a_recursion_error(client: Client) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    res = post(client, "/v1/complaints", deep)
    assert errors(res) == {"body": "JSON ini bersarang terlalu dalam untuk diolah"}
    inside = '{"subject": ' + deep + "}"
    assert post(client, "/v1/complaints", inside).status_code == 400
    assert errors(post(client, "/v1/complaints", "{")) == {"body": "bukan JSON yang sah"}


@pytest.mark.parametrize("bad", ["Pelayanan\x00lambat", "Pelayanan\x1blambat", "Layanan\x85"])
def test_control_characters_are_refused_naming_the_field(client: Client, bad: str) -> None:
    res = post(client, "/v1/complaints", {**COMPLAINT, "subject": bad})
    assert errors(res) == {"subject": "tidak boleh berisi karakter kontrol (misalnya NUL)"}
    nested = {**COMPLAINT, "reporter": {"name": "Rah\x00mat"}}
    assert errors(post(client, "/v1/complaints", nested)) == {
        "reporter.name": "tidak boleh berisi karakter kontrol (misalnya NUL)"
    }


def test_text_keeps_newlines_and_is_trimmed_after_its_length_is_checked(
    client: Client, auth: Auth
) -> None:
    body = {
        "name": "  Budi \u3000",
        "institution": "Dinas\tSosial",
        "purpose": "Audiensi\r\nlanjutan",
    }
    res = post(client, "/v1/admin/guestbook", body, auth("front_desk"))
    assert res.status_code == 201, res.json_body
    assert res.json_body["name"] == "Budi" and res.json_body["purpose"] == "Audiensi\r\nlanjutan"
    blank = post(
        client, "/v1/admin/guestbook", {**body, "name": " \u00a0\u2003"}, auth("front_desk")
    )
    assert errors(blank) == {"name": "tidak boleh kosong"}


def test_every_field_problem_comes_back_at_once_cross_field_rules_included(
    client: Client,
) -> None:
    body = {**COMPLAINT, "subject": "x", "privacy": "anonymous"}
    assert errors(post(client, "/v1/complaints", body)) == {
        "subject": "terlalu pendek (minimal 3 karakter)",
        "reporter": "tidak boleh diisi untuk pengaduan anonim",
    }
    named = {"subject": "x", "description": "pendek", "privacy": "named"}
    assert set(errors(post(client, "/v1/complaints", named))) == {
        "subject",
        "description",
        "reporter",
    }


def test_staff_intake_reports_the_lapor_rule_with_the_other_problems(
    client: Client, auth: Auth
) -> None:
    body = {
        **COMPLAINT,
        "description": "x",
        "channel": "lapor",
        "received_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
    }
    res = post(client, "/v1/admin/complaints", body, auth("complaint_officer"))
    assert errors(res) == {
        "description": "terlalu pendek (minimal 10 karakter)",
        "lapor_tracking_id": "wajib diisi untuk pengaduan dari SP4N-LAPOR!",
    }


def test_a_schema_error_no_longer_hides_the_services_rules(client: Client, auth: Auth) -> None:
    """The fresh-user trial's example: attendees 0 with a Sunday and a past preferred date
    answered only `attendees`; the dates came back on the next try. And a staff intake's
    future receipt hid behind a short description."""
    from tests.e2e.helpers import audience_body

    body = audience_body(client)
    body.update(attendees=0, preferred_dates=["2026-12-06", "2026-11-02", "kemarin"])
    with_time = datetime(2026, 11, 25, 3, tzinfo=UTC)  # Wednesday 10:00 WIB
    import time_machine

    with time_machine.travel(with_time, tick=False):
        problems = errors(post(client, "/v1/audiences", body))
    assert set(problems) == {
        "attendees",
        "preferred_dates.0",
        "preferred_dates.1",
        "preferred_dates.2",
    }, problems
    assert "Minggu" in problems["preferred_dates.0"]  # 6 December 2026 is a Sunday
    assert problems["preferred_dates.1"] == "tidak boleh di masa lalu"
    intake = {
        **COMPLAINT,
        "description": "x",
        "channel": "telepon",
        "received_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
    }
    res = post(client, "/v1/admin/complaints", intake, auth("complaint_officer"))
    assert errors(res) == {
        "description": "terlalu pendek (minimal 10 karakter)",
        "received_at": "tidak boleh di masa depan",
    }


def test_an_empty_form_field_is_named_as_missing_whatever_its_constraint(
    client: Client, auth: Auth
) -> None:
    """A form sends an untouched field as "": "wajib diisi", not "at least 3 characters" or
    "must be RFC 3339" (the trial's console messages)."""
    body = {"subject": "", "description": "", "privacy": "", "channel": "", "received_at": ""}
    res = post(client, "/v1/admin/complaints", body, auth("complaint_officer"))
    assert errors(res) == dict.fromkeys(
        ("subject", "description", "privacy", "channel", "received_at"), "wajib diisi"
    )
    english = post(
        client, "/v1/admin/complaints", body, {**auth("complaint_officer"), "Accept-Language": "en"}
    )
    assert set(errors(english).values()) == {"is required"}


def test_choices_and_list_lengths_are_sentences_in_the_request_language(
    client: Client,
) -> None:
    body = {**COMPLAINT, "privacy": "public", "evidence_upload_ids": ["ABCDEFGH"] * 6}
    problems = errors(post(client, "/v1/complaints", body))
    assert problems["privacy"] == (
        "Isian ini harus salah satu dari: named, confidential, atau anonymous."
    )
    assert problems["evidence_upload_ids"] == (
        "Daftar ini berisi paling banyak 5 butir; terkirim 6."
    )
    english = errors(post(client, "/v1/complaints", body, {"Accept-Language": "en"}))
    assert english["privacy"] == "This field must be one of: named, confidential or anonymous."
    assert english["evidence_upload_ids"] == "This list holds at most 5 items; 6 were sent."


def test_a_time_no_calendar_can_hold_is_a_400_on_the_field(client: Client, auth: Auth) -> None:
    for now in ("0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-12:00"):
        res = post(client, "/v1/admin/jobs/sla-sweep", {"now": now}, auth("admin"))
        assert list(errors(res)) == ["now"]


def test_a_method_the_path_lacks_is_405_problem_with_allow(client: Client, auth: Auth) -> None:
    res = client.http.delete("/v1/complaints")
    assert res.status_code == 405 and res.headers["Allow"] == "POST, OPTIONS"
    assert res.headers["Content-Type"] == "application/problem+json"
    assert res.json_body["code"] == "method_not_allowed"
    staff = client.http.put("/v1/admin/guestbook", headers=auth("front_desk"))
    assert staff.status_code == 405 and set(staff.headers["Allow"].split(", ")) == {"GET", "POST"}


def test_if_match_star_means_any_current_version(client: Client, auth: Auth) -> None:
    body = {"name": "Budi", "institution": "Dinas Sosial", "purpose": "Audiensi"}
    entry = post(client, "/v1/admin/guestbook", body, auth("front_desk")).json_body
    res = post(
        client,
        f"/v1/admin/guestbook/{entry['id']}/checkout",
        {},
        {**auth("front_desk"), "If-Match": "*"},
    )
    assert res.status_code == 200, res.json_body
    bad = post(
        client, "/v1/admin/guestbook/x/checkout", {}, {**auth("front_desk"), "If-Match": "3"}
    )
    assert errors(bad) == {"If-Match": 'harus berupa versi dalam tanda kutip, misalnya "3"'}


@pytest.fixture
def faulty_store(client: Client) -> Iterator[Callable[[Exception], None]]:
    """Make every DynamoDB call fail with `exc`, injected by a botocore before-call handler."""
    events = bootstrap.dynamo().client.meta.events
    handlers: list[Callable[..., None]] = []

    def inject(exc: Exception) -> None:
        def fail(**_: Any) -> None:
            raise exc

        handlers.append(fail)
        events.register("before-call.dynamodb", fail)

    yield inject
    for handler in handlers:
        events.unregister("before-call.dynamodb", handler)


@pytest.mark.parametrize(
    "fault",
    [
        ReadTimeoutError(endpoint_url="https://dynamodb.ap-southeast-3.amazonaws.com"),
        ClientError(
            {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow"}},
            "GetItem",
        ),
    ],
    ids=["read_timeout", "throttled"],
)
def test_a_busy_or_unreachable_store_is_503_never_500(
    client: Client, auth: Auth, faulty_store: Callable[[Exception], None], fault: Exception
) -> None:
    faulty_store(fault)
    reads = [
        client.http.get("/v1/admin/complaints/PGD-2611-7KQ3MX", headers=auth("complaint_officer")),
        client.http.get("/v1/track/PGD-2611-7KQ3MX", headers={"X-Access-Token": "x" * 40}),
        post(client, "/v1/complaints", COMPLAINT, {"Idempotency-Key": "k-1"}),
    ]
    for res in reads:
        assert res.status_code == 503, res.json_body
        assert res.json_body["code"] == "storage_unavailable"
        assert res.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "Bearer", "bEaReR"])
def test_the_bearer_scheme_is_case_insensitive(client: Client, auth: Auth, scheme: str) -> None:
    token = auth("supervisor")["Authorization"].split(" ", 1)[1]
    res = client.http.get("/v1/admin/guestbook", headers={"Authorization": f"{scheme} {token}"})
    assert res.status_code == 200, res.json_body
    basic = client.http.get("/v1/admin/guestbook", headers={"Authorization": f"Basic {token}"})
    assert basic.status_code == 401


@pytest.fixture
def origins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(
        "ALLOWED_ORIGINS", "https://kalbarprov.go.id, https://dinsos.kalbarprov.go.id"
    )
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("ALLOWED_ORIGINS")
    get_settings.cache_clear()


def test_public_routes_answer_cors_for_the_configured_origins(
    client: Client, auth: Auth, origins: None
) -> None:
    origin = "https://dinsos.kalbarprov.go.id"
    pre = client.http.request(
        "OPTIONS",
        "/v1/complaints",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
    )
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == origin
    assert pre.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert "Idempotency-Key" in pre.headers["Access-Control-Allow-Headers"]
    assert pre.headers["Vary"] == "Origin"
    res = post(client, "/v1/complaints", COMPLAINT, {"Origin": origin})
    assert res.status_code == 201 and res.headers["Access-Control-Allow-Origin"] == origin
    assert "X-Request-Id" in res.headers["Access-Control-Expose-Headers"]
    track = client.http.get("/v1/track/PGD-0", headers={"Origin": origin})
    assert track.status_code == 404 and track.headers["Access-Control-Allow-Origin"] == origin

    stranger = post(client, "/v1/complaints", COMPLAINT, {"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in stranger.headers
    staff = client.http.get("/v1/admin/guestbook", headers={**auth("front_desk"), "Origin": origin})
    assert "Access-Control-Allow-Origin" not in staff.headers


def test_no_cors_by_default(client: Client) -> None:
    res = client.http.request(
        "OPTIONS", "/v1/complaints", headers={"Origin": "https://kalbarprov.go.id"}
    )
    assert res.status_code == 204 and res.headers["Allow"] == "POST, OPTIONS"
    assert "Access-Control-Allow-Origin" not in res.headers


def test_staff_views_name_the_code_tracking_code(client: Client, auth: Auth) -> None:
    officer = auth("complaint_officer")
    body = {
        **COMPLAINT,
        "channel": "telepon",
        "received_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
    }
    item = post(client, "/v1/admin/complaints", body, officer).json_body
    assert item["tracking_code"] == item["code"] and item["code"].startswith("PGD-")
    detail = client.http.get(f"/v1/admin/complaints/{item['code']}", headers=officer).json_body
    assert detail["tracking_code"] == item["code"]
    queue = client.http.get("/v1/admin/complaints", headers=officer).json_body
    assert all(i["tracking_code"] == i["code"] for i in queue["items"])
    doc = client.http.get("/openapi.json").json_body["components"]["schemas"]
    assert "tracking_code" in doc["ComplaintOut"]["properties"]
    assert "tracking_code" in doc["AudienceOut"]["properties"]
