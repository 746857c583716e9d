"""People and events in words (issue 17 point 9): the API names staff members by the full
name the staff directory holds (the signed-in member, the assignee, who answered, the actors
of an audit page) and gives each audit line its particulars as codes (`facts`), so the console
writes "Diklasifikasikan sebagai Normatif oleh Dewi Sartika (tim1)" instead of an action code
and an account id."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalice.test import Client

from tests.e2e.helpers import JSON

Auth = Callable[..., dict[str, str]]


def named(sub: str, role: str, name: str | None) -> str:
    """A directory member with a full name (as `make user FULL_NAME=...` writes it)."""
    import boto3

    from dev.staff_accounts import save_account

    save_account(boto3.client("dynamodb"), os.environ["TABLE_NAME"], sub, {role}, name=name)
    return sub


def token(auth: Auth, role: str, sub: str) -> dict[str, str]:
    exp = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    return auth(role, sub=sub, exp=exp)


def post(client: Client, path: str, body: Any, headers: dict[str, str]) -> Any:
    res = client.http.post(path, body=json.dumps(body), headers=headers)
    assert res.status_code in (200, 201), res.json_body
    return res.json_body


def test_the_directory_names_people_and_audit_lines_carry_their_facts(
    client: Client, auth: Auth
) -> None:
    named("petugas1", "complaint_officer", "Ani Lestari")
    named("tim1", "complaint_team", "Dewi Sartika")
    named("tim2", "complaint_team", None)  # no full name: the sub stands for it
    officer = token(auth, "complaint_officer", "petugas1")
    team = token(auth, "complaint_team", "tim1")

    me = client.http.get("/v1/admin/me", headers=team).json_body
    assert me == {"sub": "tim1", "name": "Dewi Sartika", "roles": ["complaint_team"]}
    assert (
        client.http.get("/v1/admin/me", headers=token(auth, "complaint_team", "tim2")).json_body[
            "name"
        ]
        is None
    )
    assert client.http.get("/v1/admin/me").status_code == 401

    body = {
        "subject": "Bantuan belum cair",
        "description": "Belum diterima.",
        "privacy": "named",
        "reporter": {"name": "Rahmat", "email": "rahmat@contoh.id"},
    }
    res = client.http.post("/v1/complaints", headers=JSON, body=json.dumps(body))
    code = res.json_body["tracking_code"]
    base = f"/v1/admin/complaints/{code}"
    post(client, f"{base}/classify", {"class": "ringan"}, officer)
    post(client, f"{base}/classify", {"class": "normatif", "note": "Soal aturan"}, officer)
    post(client, f"{base}/assign", {"assignee": "tim2"}, officer)
    post(client, f"{base}/assign", {"assignee": "tim1"}, officer)
    answered = post(
        client, f"{base}/answer", {"answer": "Cair pekan depan.", "channel": "telepon"}, team
    )
    assert answered["assignee"] == "tim1" and answered["assignee_name"] == "Dewi Sartika"
    assert answered["answer"]["by"] == "tim1" and answered["answer"]["by_name"] == "Dewi Sartika"

    queue = client.http.get("/v1/admin/complaints?status=answered", headers=officer).json_body
    row = next(i for i in queue["items"] if i["code"] == code)
    assert row["assignee_name"] == "Dewi Sartika"

    trail = client.http.get(f"{base}/audit", headers=officer).json_body
    lines = {
        (i["action"], i["facts"].get("class") or i["facts"].get("assignee")): i
        for i in trail["items"]
    }
    assert lines[("complaint.received", None)]["facts"] == {"channel": "web"}
    assert lines[("complaint.received", None)]["actor"] == "public"
    reclass = lines[("complaint.reclassified", "normatif")]
    assert reclass["actor"] == "petugas1"
    assert reclass["facts"]["previous"] == "ringan" and reclass["facts"]["note"] == "Soal aturan"
    assert reclass["facts"]["due"].endswith("+07:00")
    handover = lines[("complaint.assigned", "tim1")]
    assert handover["facts"] == {"assignee": "tim1", "previous_assignee": "tim2"}
    answer_facts = lines[("complaint.answered", None)]["facts"]
    assert answer_facts["channel"] == "telepon"  # and the answer letter's number, once issued
    assert re.fullmatch(r"400\.9/\d{4}/Kesra/\d{4}", answer_facts["letter"])
    assert set(answer_facts) == {"channel", "letter"}
    # Every staff member the page mentions, by full name; one without a name, the public and
    # the reporter are left out (the console shows the sub or says who they are).
    assert trail["names"] == {"petugas1": "Ani Lestari", "tim1": "Dewi Sartika"}
