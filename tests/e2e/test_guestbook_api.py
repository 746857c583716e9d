"""The guestbook through HTTP (chalice.test.Client on moto): the pattern later slices copy."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chalice.test import Client, HTTPResponse

Auth = Callable[..., dict[str, str]]
VISIT = {"name": "Budi Santoso", "institution": "Dinas Sosial Kab. Sambas", "purpose": "Audiensi"}


def post(client: Client, path: str, body: object, headers: dict[str, str]) -> HTTPResponse:
    return client.http.post(path, body=json.dumps(body), headers=headers)


def test_front_desk_writes_a_visitor_in_and_reads_them_back(client: Client, auth: Auth) -> None:
    created = post(client, "/v1/admin/guestbook", {**VISIT, "phone": "0812-3456-7890"}, auth())
    assert created.status_code == 201
    body = created.json_body
    assert body["id"].startswith("BT-") and body["state"] == "present"
    assert body["time_in"].endswith("+07:00")
    assert created.headers["ETag"] == '"1"'
    assert created.headers["X-Request-Id"]
    got = client.http.get(f"/v1/admin/guestbook/{body['id']}", headers=auth("supervisor"))
    assert got.status_code == 200 and got.json_body == body


def test_time_in_given_is_kept_and_listed_under_its_local_day(client: Client, auth: Auth) -> None:
    # 16:30 UTC on 26 Nov is 23:30 on 26 Nov in Pontianak; 17:30 UTC is 00:30 on the 27th.
    post(client, "/v1/admin/guestbook", {**VISIT, "time_in": "2026-11-26T16:30:00Z"}, auth())
    post(client, "/v1/admin/guestbook", {**VISIT, "time_in": "2026-11-26T17:30:00Z"}, auth())
    day26 = client.http.get("/v1/admin/guestbook?date=2026-11-26", headers=auth())
    day27 = client.http.get("/v1/admin/guestbook?date=2026-11-27", headers=auth())
    assert [i["time_in"] for i in day26.json_body["items"]] == ["2026-11-26T23:30:00+07:00"]
    assert [i["time_in"] for i in day27.json_body["items"]] == ["2026-11-27T00:30:00+07:00"]


def test_list_paginates_with_an_opaque_tamper_evident_cursor(client: Client, auth: Auth) -> None:
    base = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
    for i in range(5):
        t = (base + timedelta(minutes=10 * i)).isoformat()
        assert (
            post(client, "/v1/admin/guestbook", {**VISIT, "time_in": t}, auth()).status_code == 201
        )
    seen: list[str] = []
    url = "/v1/admin/guestbook?date=2026-11-25&limit=2"
    cursor = None
    for _ in range(5):
        page = client.http.get(url + (f"&cursor={cursor}" if cursor else ""), headers=auth())
        assert page.status_code == 200
        seen += [i["time_in"] for i in page.json_body["items"]]
        cursor = page.json_body["next_cursor"]
        if cursor is None:
            break
        assert "GUESTBOOK" not in cursor  # opaque
        tampered = client.http.get(url + f"&cursor=x{cursor}", headers=auth())
        assert tampered.status_code == 400
        assert tampered.json_body["errors"][0]["field"] == "cursor"
        other_day = client.http.get(
            f"/v1/admin/guestbook?date=2026-11-24&cursor={cursor}", headers=auth()
        )
        assert other_day.status_code == 400
    assert len(seen) == 5 and seen == sorted(seen)


def test_checkout_then_again_is_invalid_transition(client: Client, auth: Auth) -> None:
    entry = post(client, "/v1/admin/guestbook", VISIT, auth()).json_body
    path = f"/v1/admin/guestbook/{entry['id']}/checkout"
    out = client.http.post(path, headers=auth())  # no body: time out = now
    assert out.status_code == 200
    assert out.json_body["state"] == "checked_out" and out.json_body["version"] == 2
    assert out.headers["ETag"] == '"2"'
    again = client.http.post(path, headers=auth())
    assert again.status_code == 409 and again.json_body["code"] == "invalid_transition"


def test_stale_if_match_is_412_and_current_one_succeeds(client: Client, auth: Auth) -> None:
    entry = post(client, "/v1/admin/guestbook", VISIT, auth()).json_body
    path = f"/v1/admin/guestbook/{entry['id']}/checkout"
    stale = client.http.post(path, headers={**auth(), "If-Match": '"9"'})
    assert stale.status_code == 412 and stale.json_body["code"] == "version_conflict"
    bad = client.http.post(path, headers={**auth(), "If-Match": "nine"})
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "If-Match"
    ok = client.http.post(path, headers={**auth(), "If-Match": '"1"'})
    assert ok.status_code == 200


def test_unknown_entry_is_404_problem(client: Client, auth: Auth) -> None:
    res = client.http.post("/v1/admin/guestbook/BT-000000-XXXXXX/checkout", headers=auth())
    assert res.status_code == 404
    assert res.headers["Content-Type"] == "application/problem+json"
    assert res.json_body["code"] == "not_found"


def test_validation_names_each_bad_field_in_indonesian(client: Client, auth: Auth) -> None:
    body = {"institution": "", "purpose": "x" * 501, "phone": "call me", "nickname": "B"}
    res = post(client, "/v1/admin/guestbook", body, auth())
    assert res.status_code == 400
    assert res.headers["Content-Type"] == "application/problem+json"
    problem = res.json_body
    assert problem["code"] == "validation_failed" and problem["status"] == 400
    errors = {e["field"]: e["message"] for e in problem["errors"]}
    assert errors["name"] == "wajib diisi"
    assert errors["nickname"] == "kolom tidak dikenal"
    assert errors["purpose"] == "terlalu panjang (maksimal 500 karakter)"
    assert set(errors) == {"name", "institution", "purpose", "phone", "nickname"}
    assert "request_id" not in problem and "instance" not in problem


def test_validation_in_english_on_request(client: Client, auth: Auth) -> None:
    res = post(
        client,
        "/v1/admin/guestbook",
        {"institution": "I", "purpose": "P"},
        {**auth(), "Accept-Language": "en-GB,en;q=0.9"},
    )
    assert res.status_code == 400
    assert res.json_body["title"] == "Invalid data"
    assert res.json_body["errors"] == [{"field": "name", "message": "is required"}]


def test_time_in_rules(client: Client, auth: Auth) -> None:
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    res = post(client, "/v1/admin/guestbook", {**VISIT, "time_in": future}, auth())
    assert res.status_code == 400
    assert res.json_body["errors"] == [{"field": "time_in", "message": "tidak boleh di masa depan"}]
    naive = post(client, "/v1/admin/guestbook", {**VISIT, "time_in": "2026-11-27T09:00:00"}, auth())
    assert naive.status_code == 400 and naive.json_body["errors"][0]["field"] == "time_in"


def test_body_format_errors(client: Client, auth: Auth) -> None:
    not_json = client.http.post(
        "/v1/admin/guestbook",
        body="name=Budi",
        headers={**auth(), "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_json.status_code == 415 and not_json.json_body["code"] == "unsupported_media_type"
    broken = client.http.post("/v1/admin/guestbook", body="{", headers=auth())
    assert broken.status_code == 400 and broken.json_body["errors"][0]["field"] == "body"
    array = client.http.post("/v1/admin/guestbook", body="[]", headers=auth())
    assert array.status_code == 400
    huge = post(client, "/v1/admin/guestbook", {**VISIT, "purpose": "x" * (300 * 1024)}, auth())
    assert huge.status_code == 413 and huge.json_body["code"] == "payload_too_large"


def test_bad_query_parameters(client: Client, auth: Auth) -> None:
    bad_date = client.http.get("/v1/admin/guestbook?date=27-11-2026", headers=auth())
    assert bad_date.status_code == 400 and bad_date.json_body["errors"][0]["field"] == "date"
    bad_limit = client.http.get("/v1/admin/guestbook?limit=500", headers=auth())
    assert bad_limit.status_code == 400
    assert bad_limit.json_body["errors"] == [{"field": "limit", "message": "maksimal 100"}]
    unknown = client.http.get("/v1/admin/guestbook?sort=asc", headers=auth())
    assert unknown.status_code == 400 and unknown.json_body["errors"][0]["field"] == "sort"


def test_nothing_half_written_when_validation_fails(client: Client, auth: Auth) -> None:
    post(client, "/v1/admin/guestbook", {**VISIT, "phone": "bad"}, auth())
    listed = client.http.get("/v1/admin/guestbook", headers=auth())
    assert listed.json_body == {"items": [], "next_cursor": None}


def test_bodyless_actions_accept_an_empty_object_and_name_unknown_fields(
    client: Client, auth: Auth
) -> None:
    from tests.e2e.test_audiences import new_request

    code, _ = new_request(client, review=False)
    ok = client.http.post(f"/v1/admin/audiences/{code}/review", body="{}", headers=auth())
    assert ok.status_code == 200
    extra = client.http.post(
        f"/v1/admin/audiences/{code}/held", body='{"when": "now"}', headers=auth()
    )
    assert extra.status_code == 400 and extra.json_body["errors"] == [
        {"field": "when", "message": "kolom tidak dikenal"}
    ]
