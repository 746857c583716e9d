"""The bureau's rooms over HTTP (issue 17, point 8): the admin keeps them, the scheduling
roles read them, meetings still take any place, and a renamed room's old name reads back."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from chalice.test import Client

from tests.e2e.test_audiences import new_request, post, schedule_body

Auth = Callable[..., dict[str, str]]


def put(client: Client, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.http.put(path, body=json.dumps(body), headers=headers)


def test_the_admin_keeps_the_rooms_and_the_desk_reads_them(client: Client, auth: Auth) -> None:
    admin, desk = auth("admin"), auth("front_desk")
    made = post(client, "/v1/admin/rooms", {"name": "Ruang Melati", "capacity": 12}, admin)
    assert made.status_code == 201 and made.headers["ETag"] == '"1"'
    assert made.json_body == {
        "id": "R1",
        "name": "Ruang Melati",
        "capacity": 12,
        "active": True,
        "version": 1,
    }
    listed = client.http.get("/v1/admin/rooms", headers=desk)
    assert listed.status_code == 200 and [r["name"] for r in listed.json_body["items"]] == [
        "Ruang Melati"
    ]
    refused = post(client, "/v1/admin/rooms", {"name": "Aula", "capacity": 50}, desk)
    assert refused.status_code == 403
    assert client.http.get("/v1/admin/rooms", headers=auth("complaint_team")).status_code == 403


def test_bad_input_names_every_field_and_writes_nothing(client: Client, auth: Auth) -> None:
    admin = auth("admin")
    post(client, "/v1/admin/rooms", {"name": "Aula", "capacity": 50}, admin)
    bad = post(client, "/v1/admin/rooms", {"name": "", "capacity": 0}, admin)
    assert bad.headers["Content-Type"].startswith("application/problem+json")
    assert {e["field"] for e in bad.json_body["errors"]} == {"name", "capacity"}
    taken = post(client, "/v1/admin/rooms", {"name": "  AULA ", "capacity": 5000}, admin)
    assert taken.headers["Content-Type"].startswith("application/problem+json")
    problems = {e["field"]: e["message"] for e in taken.json_body["errors"]}
    assert problems.keys() == {"name", "capacity"} and "terdaftar" in problems["name"]
    listed = client.http.get("/v1/admin/rooms", headers=admin).json_body["items"]
    assert [r["name"] for r in listed] == ["Aula"]


def test_two_admins_renaming_one_room_at_once(client: Client, auth: Auth) -> None:
    one, two = auth("admin", sub="admin-1"), auth("admin", sub="admin-2")
    post(client, "/v1/admin/rooms", {"name": "Aula", "capacity": 50}, one)
    first = put(
        client,
        "/v1/admin/rooms/R1",
        {"name": "Aula Utama", "capacity": 50},
        {**one, "If-Match": '"1"'},
    )
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    second = put(
        client,
        "/v1/admin/rooms/R1",
        {"name": "Aula Besar", "capacity": 60, "active": False},
        {**two, "If-Match": '"1"'},
    )
    assert second.status_code == 412
    assert second.headers["Content-Type"].startswith("application/problem+json")
    gone = put(client, "/v1/admin/rooms/R9", {"name": "X", "capacity": 1}, one)
    assert gone.status_code == 404
    items = client.http.get("/v1/admin/rooms", headers=one).json_body["items"]
    assert [(r["name"], r["active"]) for r in items] == [("Aula Utama", True)]


def test_meetings_take_a_listed_room_or_any_place_and_old_names_read_back(
    client: Client, auth: Auth
) -> None:
    admin, desk = auth("admin"), auth("front_desk")
    post(client, "/v1/admin/rooms", {"name": "Ruang Melati", "capacity": 12}, admin)
    listed, _ = new_request(client)
    outside, _ = new_request(client)
    clash, _ = new_request(client)
    ok = post(client, f"/v1/admin/audiences/{listed}/schedule", schedule_body("Ruang Melati"), desk)
    assert ok.status_code == 200, ok.json_body
    place = schedule_body("Kantor Dinas Sosial Kab. Sambas")
    assert post(client, f"/v1/admin/audiences/{outside}/schedule", place, desk).status_code == 200
    # the listed room matched by name, as the room locks match: same hour, other spelling
    same = post(
        client, f"/v1/admin/audiences/{clash}/schedule", schedule_body("ruang  MELATI"), desk
    )
    assert same.status_code == 409
    put(
        client,
        "/v1/admin/rooms/R1",
        {"name": "Ruang Anggrek", "capacity": 12, "active": False},
        admin,
    )
    detail = client.http.get(f"/v1/admin/audiences/{listed}", headers=desk).json_body
    assert detail["schedule"]["room"] == "Ruang Melati"  # the old name, as the letter printed it
    week = client.http.get(
        f"/v1/admin/meetings?room=Ruang%20Melati&from={schedule_body()['start'][:10]}&days=1",
        headers=desk,
    ).json_body
    assert [m["code"] for m in week["meetings"]] == [listed]
