"""Every phone number is stored in E.164 whatever way it was typed, on every route that takes
one; a number that is not one is a 400 on its field (issue 19 point 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chalice.test import Client

from tests.e2e.helpers import audience_body, submit
from tests.e2e.test_complaints import REPORTER, intake, public_complaint

Auth = Callable[..., dict[str, str]]
VISIT = {"name": "Budi Santoso", "institution": "Dinas Sosial", "purpose": "Audiensi"}
TYPED = (
    "0812-3456-7890",
    "+62 812 3456 7890",
    "0812.3456.7890",
    "\u202a0812\u20113456\u00a07890\u202c",
)


def test_the_guestbook_stores_one_number_however_it_was_typed(client: Client, auth: Auth) -> None:
    stored = set()
    for typed in TYPED:
        res = client.http.post(
            "/v1/admin/guestbook", body=json.dumps({**VISIT, "phone": typed}), headers=auth()
        )
        assert res.status_code == 201, res.json_body
        stored.add(res.json_body["phone"])
        again = client.http.get(f"/v1/admin/guestbook/{res.json_body['id']}", headers=auth())
        assert again.json_body["phone"] == res.json_body["phone"]
    assert stored == {"+6281234567890"}


def test_complaints_and_audiences_store_e164(client: Client, auth: Auth) -> None:
    web = public_complaint(client, reporter={**REPORTER, "phone": "0812.3456.7890"})
    assert web.status_code == 201, web.json_body
    desk = intake(
        client,
        auth,
        datetime.now(UTC) - timedelta(hours=1),
        reporter={"name": "Rahmat", "phone": "+62 812 3456 7890"},
    )
    assert desk["reporter"]["phone"] == "+6281234567890"
    audience = submit(client, audience_body(client))
    assert audience.status_code == 201, audience.json_body
    code = audience.json_body["tracking_code"]
    detail = client.http.get(f"/v1/admin/audiences/{code}", headers=auth("admin")).json_body
    assert detail["contact"]["phone"] == "+6281211112222"


def test_a_number_that_is_not_one_is_a_400_on_its_field(client: Client, auth: Auth) -> None:
    res = client.http.post(
        "/v1/admin/guestbook", body=json.dumps({**VISIT, "phone": "0812 000"}), headers=auth()
    )
    assert res.status_code == 400
    assert res.json_body["errors"] == [
        {
            "field": "phone",
            "message": "bukan nomor telepon yang sah; "
            "tulis misalnya 0812-3456-7890 atau +62 812 3456 7890",
        }
    ]
    en = public_complaint(
        client,
        reporter={**REPORTER, "phone": "call me"},
    )
    assert en.status_code == 400
    assert [e["field"] for e in en.json_body["errors"]] == ["reporter.phone"]
    english = client.http.post(
        "/v1/complaints",
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
        body=json.dumps(
            {
                "subject": "Pelayanan lambat",
                "description": "Surat saya belum dijawab.",
                "privacy": "named",
                "reporter": {"name": "Rahmat", "phone": "0812-KESRA"},
            }
        ),
    )
    assert english.status_code == 400
    assert english.json_body["errors"][0]["message"].startswith("is not a phone number")


def test_the_contact_check_names_every_bad_field_by_the_submissions_rules(client: Client) -> None:
    """Issue 17, trial finding 3: the portal's contact steps refuse "123" and "bukan-email"
    on their own step, by the same Phone and Email rules as POST /v1/audiences."""
    headers = {"Content-Type": "application/json"}
    bad = client.http.post(
        "/v1/contact-check",
        headers=headers,
        body=json.dumps({"phone": "123", "email": "bukan-email"}),
    )
    assert bad.status_code == 400
    by_field = {e["field"]: e["message"] for e in bad.json_body["errors"]}
    assert set(by_field) == {"phone", "email"}
    assert by_field["phone"].startswith("bukan nomor telepon yang sah")
    assert by_field["email"] == "alamat email tidak valid"
    body = audience_body(client)
    body["contact"] = {**body["contact"], "phone": "123", "email": "bukan-email"}
    audience = submit(client, body)
    assert audience.status_code == 400
    same = {e["field"]: e["message"] for e in audience.json_body["errors"]}
    assert same == {f"contact.{k}": v for k, v in by_field.items()}
    for typed in TYPED:
        good = client.http.post(
            "/v1/contact-check",
            headers=headers,
            body=json.dumps({"phone": typed, "email": "andi@singkawang.go.id"}),
        )
        assert good.status_code == 200, good.json_body
        assert good.json_body == {"phone": "+6281234567890", "email": "andi@singkawang.go.id"}
    empty = client.http.post("/v1/contact-check", headers=headers, body="{}")
    assert empty.status_code == 200 and empty.json_body == {"phone": None, "email": None}


def test_the_contact_check_refuses_a_malformed_idempotency_key(client: Client) -> None:
    """Every public POST documents Idempotency-Key as 1-64 printable ASCII characters; the
    contact check stores nothing, yet a malformed key is refused as on the others (the fuzzer
    found it answering 200 to a key with a control character)."""
    res = client.http.post(
        "/v1/contact-check",
        headers={"Content-Type": "application/json", "Idempotency-Key": "a\tb"},
        body=json.dumps({"phone": None, "email": None}),
    )
    assert res.status_code == 400
    assert [e["field"] for e in res.json_body["errors"]] == ["Idempotency-Key"]
    fine = client.http.post(
        "/v1/contact-check",
        headers={"Content-Type": "application/json", "Idempotency-Key": "kunci-1"},
        body="{}",
    )
    assert fine.status_code == 200
