"""Fasilitasi audiensi end to end through HTTP on moto."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib import bootstrap
from tests.e2e.conftest import make_token
from tests.e2e.helpers import JSON, audience_body, id_of, submit, working_day

Auth = Callable[..., dict[str, str]]
TZ_OFFSET = "+07:00"


def later(days: int, hour: int, minute: int = 0) -> str:
    """A local time on the first working day at least `days` from today, on the quarter hour."""
    d = working_day(days)
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}:00{TZ_OFFSET}"


def letter(n: str | None = None) -> dict[str, str]:
    """A reply letter dated today (local Pontianak); numbered by the year's sequence unless
    `n` is a number typed in (issued outside the system: unique)."""
    today = datetime.now(UTC).astimezone(datetime.fromisoformat(later(0, 9)).tzinfo).date()
    typed = {"number": n} if n else {}
    return {**typed, "date": today.isoformat(), "body": "Dengan hormat, ..."}


def schedule_body(
    room: str = "Ruang Rapat Kesra",
    start: tuple[int, int] = (9, 0),
    end: tuple[int, int] = (10, 0),
    days: int = 7,
) -> dict[str, Any]:
    return {
        "start": later(days, *start),
        "end": later(days, *end),
        "room": room,
        "bureau_attendees": ["Kepala Biro Kesra", "Kabag Kesejahteraan Sosial"],
        "reply_letter": letter(),
    }


def post(client: Client, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.http.post(
        path, body=json.dumps(body) if body is not None else None, headers=headers
    )


def new_request(client: Client, review: bool = True) -> tuple[str, str]:
    """A public request, reviewed by the front desk unless `review=False` (domain.md: only a
    reviewed request is scheduled or declined)."""
    res = submit(client, audience_body(client))
    assert res.status_code == 201, res.json_body
    code = res.json_body["tracking_code"]
    if review:
        desk = {"Authorization": f"Bearer {make_token('front_desk')}", **JSON}
        assert post(client, f"/v1/admin/audiences/{code}/review", None, desk).status_code == 200
    return code, res.json_body["access_token"]


def test_public_submission_answers_code_token_and_three_working_day_deadline(
    client: Client,
) -> None:
    res = submit(client, audience_body(client))
    assert res.status_code == 201
    body = res.json_body
    assert body["tracking_code"].startswith("AUD-") and len(body["access_token"]) >= 40
    assert body["status"] == "submitted"
    assert body["due_at"].endswith("T16:00:00+07:00")
    stored = bootstrap.audience_service().get(body["tracking_code"])
    assert body["access_token"] not in json.dumps(stored.__repr__())  # only its hash is kept
    assert stored.token_hash != body["access_token"]


def test_missing_documents_save_nothing(client: Client, auth: Auth) -> None:
    body = audience_body(client)
    del body["identity_upload_id"]
    res = submit(client, body)
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == "identity_upload_id"
    assert client.http.get("/v1/admin/audiences", headers=auth()).json_body["items"] == []


def test_validation_names_nested_fields(client: Client) -> None:
    body = audience_body(client, attendees=0, preferred_dates=[], institution_type="ormas")
    body["contact"]["email"] = "not-an-email"
    res = submit(client, body)
    fields = {e["field"] for e in res.json_body["errors"]}
    assert fields == {"attendees", "preferred_dates", "institution_type", "contact.email"}


def test_idempotent_replay_returns_the_first_response_token_included(
    client: Client, auth: Auth
) -> None:
    body = audience_body(client)
    first = submit(client, body, key="req-123")
    again = submit(client, body, key="req-123")
    assert first.status_code == again.status_code == 201
    assert first.json_body == again.json_body
    assert len(client.http.get("/v1/admin/audiences", headers=auth()).json_body["items"]) == 1
    other = submit(client, {**body, "attendees": 9}, key="req-123")
    assert other.status_code == 409 and other.json_body["code"] == "idempotency_conflict"
    tracked = client.http.get(
        f"/v1/track/{first.json_body['tracking_code']}",
        headers={"X-Access-Token": again.json_body["access_token"]},
    )
    assert tracked.status_code == 200
    too_long = submit(client, body, key="k" * 65)
    assert (
        too_long.status_code == 400
        and too_long.json_body["errors"][0]["field"] == "Idempotency-Key"
    )


def test_tracking_unknown_code_and_wrong_token_are_byte_identical(client: Client) -> None:
    code, token = new_request(client, review=False)
    ok = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token})
    assert ok.status_code == 200
    view = ok.json_body
    assert view["kind"] == "audience" and view["status"] == "submitted"
    assert [t["status"] for t in view["timeline"]] == ["submitted"]
    assert "contact" not in view and "created_by" not in json.dumps(view)
    wrong = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token[:-2] + "xx"})
    unknown = client.http.get("/v1/track/AUD-2611-ZZZZZZ", headers={"X-Access-Token": token})
    missing = client.http.get(f"/v1/track/{code}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.body == unknown.body == missing.body


def test_staff_workflow_schedule_held_rating(client: Client, auth: Auth) -> None:
    code, token = new_request(client, review=False)
    desk = auth("front_desk", sub="petugas-1")
    reviewed = post(client, f"/v1/admin/audiences/{code}/review", None, desk)
    assert reviewed.status_code == 200 and reviewed.json_body["status"] == "in_review"
    assert (
        reviewed.json_body["sla"]["state"] == "on_track"
        and not reviewed.json_body["sla"]["stopped"]
    )
    scheduled = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert scheduled.status_code == 200, scheduled.json_body
    item = scheduled.json_body
    year = item["reply_letter"]["date"][:4]
    assert item["status"] == "scheduled"
    assert item["reply_letter"]["number"] == f"400.9/0001/Kesra/{year}"  # the year's first
    assert (
        item["sla"]["stopped"] and item["sla"]["on_time"] is True
    )  # the reply letter stopped the clock
    # the requester sees start, end and room, never the bureau's attendees
    view = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    assert set(view["schedule"]) == {"start", "end", "room"}
    assert "Kepala Biro" not in json.dumps(view)
    early = post(client, f"/v1/admin/audiences/{code}/held", None, desk)
    assert early.status_code == 409  # not before its start
    too_early_rating = post(
        client, f"/v1/track/{code}/rating", {"score": 5}, {**JSON, "X-Access-Token": token}
    )
    assert too_early_rating.status_code == 409
    as_text = post(
        client, f"/v1/track/{code}/rating", {"score": "5"}, {**JSON, "X-Access-Token": token}
    )
    assert as_text.status_code == 400 and as_text.json_body["errors"][0]["field"] == "score"
    start = datetime.fromisoformat(item["schedule"]["start"])
    at = start + timedelta(minutes=30)
    with time_machine.travel(at, tick=False):
        desk_then = auth(
            "front_desk", sub="petugas-1", exp=int((at + timedelta(hours=1)).timestamp())
        )
        held = post(client, f"/v1/admin/audiences/{code}/held", None, desk_then)
    assert held.status_code == 200 and held.json_body["status"] == "held"
    with time_machine.travel(at + timedelta(hours=2), tick=False):
        rated = post(
            client,
            f"/v1/track/{code}/rating",
            {"score": 4, "comment": "Cepat"},
            {**JSON, "X-Access-Token": token},
        )
        twice = post(
            client, f"/v1/track/{code}/rating", {"score": 5}, {**JSON, "X-Access-Token": token}
        )
    assert rated.status_code == 200 and rated.json_body["rated"] is True
    assert twice.status_code == 409 and twice.json_body["code"] == "invalid_transition"
    trail = client.http.get(
        f"/v1/admin/audiences/{code}/audit", headers=auth("supervisor")
    ).json_body["items"]
    assert [e["action"] for e in trail] == [
        "audience.submitted",
        "audience.in_review",
        "audience.scheduled",
        "audience.held",
        "audience.rated",
    ]
    assert trail[1]["actor"] == "petugas-1" and trail[1]["from"] == "submitted"


def test_illegal_transitions_are_409(client: Client, auth: Auth) -> None:
    code, _ = new_request(client, review=False)
    desk = auth("front_desk")
    assert post(client, f"/v1/admin/audiences/{code}/held", None, desk).status_code == 409
    # issue 10: scheduling or declining a request never reviewed is no longer a shortcut
    for path, body in [
        ("schedule", schedule_body()),
        ("decline", {"reason": "Di luar kewenangan", "reply_letter": letter()}),
        ("cancel", {"reason": "Batal saja"}),
    ]:
        res = post(client, f"/v1/admin/audiences/{code}/{path}", body, desk)
        assert res.status_code == 409 and res.json_body["code"] == "invalid_transition", path
        detail = res.json_body["detail"]
        assert "Diajukan" in detail and "submitted" not in detail, path  # words, not codes
    res = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert "tinjau permohonan dulu" in res.json_body["detail"]  # and the step to take
    english = post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(),
        {**desk, "Accept-Language": "en"},
    )
    assert "review the request first" in english.json_body["detail"]
    assert post(client, f"/v1/admin/audiences/{code}/review", None, desk).status_code == 200
    declined = post(
        client,
        f"/v1/admin/audiences/{code}/decline",
        {"reason": "Di luar kewenangan", "reply_letter": letter()},
        desk,
    )
    assert declined.status_code == 200 and declined.json_body["sla"]["stopped"]
    details = set()
    cases: list[tuple[str, Any]] = [
        ("review", None),
        ("schedule", schedule_body()),
        ("cancel", {"reason": "Batal saja"}),
        ("decline", {"reason": "Lagi", "reply_letter": letter()}),
    ]
    for path, body in cases:
        res = post(client, f"/v1/admin/audiences/{code}/{path}", body, desk)
        assert res.status_code == 409 and res.json_body["code"] == "invalid_transition", path
        details.add(res.json_body["detail"])
    assert len(details) == 4  # each refusal names its own rule, not one generic sentence


def test_meetings_outside_office_hours_or_working_days_are_refused(
    client: Client, auth: Auth
) -> None:
    code, _ = new_request(client)
    sunday = working_day(7)
    while sunday.weekday() != 6:
        sunday += timedelta(days=1)
    body = {
        **schedule_body(),
        "start": f"{sunday.isoformat()}T22:00:00+07:00",
        "end": f"{sunday.isoformat()}T23:00:00+07:00",
    }
    res = post(client, f"/v1/admin/audiences/{code}/schedule", body, auth())
    assert res.status_code == 400
    errors = [(e["field"], e["message"]) for e in res.json_body["errors"]]
    assert any(f == "start" and "Minggu" in m for f, m in errors), errors
    assert any(f == "start" and "jam kantor" in m for f, m in errors), errors
    assert any(f == "end" and "jam kantor" in m for f, m in errors), errors
    late_letter = {**schedule_body(), "reply_letter": {**letter(), "date": later(30, 9)[:10]}}
    res = post(client, f"/v1/admin/audiences/{code}/schedule", late_letter, auth())
    assert res.status_code == 400
    assert [e["field"] for e in res.json_body["errors"]] == ["reply_letter.date"]
    early_letter = {**letter(), "date": "2020-01-02"}
    res = post(
        client,
        f"/v1/admin/audiences/{code}/decline",
        {"reason": "Di luar kewenangan", "reply_letter": early_letter},
        auth(),
    )
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == "reply_letter.date"
    assert bootstrap.audience_service().get(code).status == "in_review"


def test_schedule_names_every_bad_field_at_once_in_words(client: Client, auth: Auth) -> None:
    """Issue 17 (a new user's trial): no bureau attendee on a Sunday gave a raw schema sentence
    ("Daftar ini harus berisi sedikitnya 1 butir; terkirim 0.") and the day's problem only after
    that was fixed. One 400 names both, in words (English on request)."""
    code, _ = new_request(client)
    sunday = working_day(7)
    while sunday.weekday() != 6:
        sunday += timedelta(days=1)
    body = {
        **schedule_body(),
        "start": f"{sunday.isoformat()}T09:00:00+07:00",
        "end": f"{sunday.isoformat()}T10:00:00+07:00",
        "bureau_attendees": [],
    }
    path = f"/v1/admin/audiences/{code}/schedule"
    res = post(client, path, body, auth())
    assert res.status_code == 400
    assert res.headers["Content-Type"].startswith("application/problem+json")
    errors = {e["field"]: e["message"] for e in res.json_body["errors"]}
    assert errors["bureau_attendees"] == "Isi sedikitnya 1 butir."
    assert "Minggu" in errors["start"], errors
    english = post(client, path, body, {**auth(), "Accept-Language": "en"}).json_body["errors"]
    assert {e["field"]: e["message"] for e in english}["bureau_attendees"] == (
        "Add at least 1 item(s)."
    )


def test_preferred_dates_must_be_working_days(client: Client) -> None:
    saturday = working_day(7)
    while saturday.weekday() != 5:
        saturday += timedelta(days=1)
    body = audience_body(client, preferred_dates=[working_day(7).isoformat(), saturday.isoformat()])
    res = submit(client, body)
    assert res.status_code == 400
    assert [e["field"] for e in res.json_body["errors"]] == ["preferred_dates.1"]
    assert "Sabtu" in res.json_body["errors"][0]["message"]


def test_stale_if_match_is_412(client: Client, auth: Auth) -> None:
    code, _ = new_request(client, review=False)
    res = post(client, f"/v1/admin/audiences/{code}/review", None, {**auth(), "If-Match": '"7"'})
    assert res.status_code == 412
    ok = post(client, f"/v1/admin/audiences/{code}/review", None, {**auth(), "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'


def test_roles(client: Client, auth: Auth) -> None:
    code, _ = new_request(client, review=False)
    assert (
        client.http.get(f"/v1/admin/audiences/{code}", headers=auth("supervisor")).status_code
        == 200
    )
    assert (
        post(client, f"/v1/admin/audiences/{code}/review", None, auth("supervisor")).status_code
        == 403
    )
    for role in ("complaint_officer", "complaint_team"):
        assert client.http.get(f"/v1/admin/audiences/{code}", headers=auth(role)).status_code == 403


def test_a_room_never_holds_two_overlapping_meetings(client: Client, auth: Auth) -> None:
    desk = auth("front_desk")
    a, _ = new_request(client)
    b, _ = new_request(client)
    c, _ = new_request(client)
    assert (
        post(
            client,
            f"/v1/admin/audiences/{a}/schedule",
            schedule_body(start=(9, 0), end=(10, 30)),
            desk,
        ).status_code
        == 200
    )
    clash = post(
        client,
        f"/v1/admin/audiences/{b}/schedule",
        schedule_body(room="  ruang rapat KESRA ", start=(10, 15), end=(11, 0)),
        desk,
    )
    assert clash.status_code == 409 and clash.json_body["code"] == "room_conflict"
    assert bootstrap.audience_service().get(b).status == "in_review"  # nothing half-written
    assert (
        post(
            client,
            f"/v1/admin/audiences/{b}/schedule",
            schedule_body(start=(10, 30), end=(11, 0)),
            desk,
        ).status_code
        == 200
    )
    other_room = post(
        client,
        f"/v1/admin/audiences/{c}/schedule",
        schedule_body(room="Aula", start=(9, 0), end=(10, 0)),
        desk,
    )
    assert other_room.status_code == 200
    # rescheduling A frees its old slots and bumps the invite's SEQUENCE
    moved = post(
        client, f"/v1/admin/audiences/{a}/schedule", schedule_body(start=(13, 0), end=(14, 0)), desk
    )
    assert moved.status_code == 200 and moved.json_body["schedule"]["sequence"] == 1
    d, _ = new_request(client)
    assert (
        post(
            client,
            f"/v1/admin/audiences/{d}/schedule",
            schedule_body(start=(9, 0), end=(10, 0)),
            desk,
        ).status_code
        == 200
    )
    # cancelling frees the slots too
    assert (
        post(
            client, f"/v1/admin/audiences/{d}/cancel", {"reason": "Pemohon berhalangan"}, desk
        ).status_code
        == 200
    )
    e, _ = new_request(client)
    assert (
        post(
            client,
            f"/v1/admin/audiences/{e}/schedule",
            schedule_body(start=(9, 0), end=(9, 30)),
            desk,
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [((10, 0), (9, 0), "end"), ((9, 10), (10, 0), "start"), ((8, 0), (17, 0), "end")],
)
def test_bad_meeting_times(
    client: Client, auth: Auth, start: tuple[int, int], end: tuple[int, int], field: str
) -> None:
    code, _ = new_request(client)
    res = post(
        client, f"/v1/admin/audiences/{code}/schedule", schedule_body(start=start, end=end), auth()
    )
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == field


class SerializedWrites:
    """Both staff read the request and compute their schedule at the same time; their writes
    reach the store one at a time, as DynamoDB serializes conditional transactions (moto's
    in-process backend is not thread-safe, the lock stands in for that)."""

    def __init__(self, real: Any, barrier: threading.Barrier, lock: threading.Lock) -> None:
        self._real, self._barrier, self._lock = real, barrier, lock

    def get(self, code: str) -> Any:
        with self._lock:
            found = self._real.get(code)
        self._barrier.wait()
        return found

    def save(self, *args: Any) -> None:
        with self._lock:
            self._real.save(*args)


def test_two_staff_scheduling_the_same_slot_at_once_cannot_both_win(
    client: Client, auth: Auth
) -> None:
    from chalicelib.domain.audience import Schedule
    from chalicelib.domain.errors import RoomConflict
    from chalicelib.domain.letter import LetterRequest

    a, _ = new_request(client)
    b, _ = new_request(client)
    service = bootstrap.audience_service()
    barrier, lock = threading.Barrier(2), threading.Lock()
    service._repo = SerializedWrites(service._repo, barrier, lock)  # type: ignore[assignment]
    start = datetime.fromisoformat(later(9, 9))
    outcomes: list[str] = []

    def schedule(code: str) -> None:
        try:
            service.schedule(
                code,
                Schedule(start, start + timedelta(hours=1), "Aula", ("Kabag",)),
                LetterRequest(date=datetime.now(UTC).astimezone(start.tzinfo).date(), note="x"),
                "staff",
                datetime.now(UTC),
            )
            outcomes.append("won")
        except RoomConflict:
            outcomes.append("room_conflict")

    threads = [threading.Thread(target=schedule, args=(code,)) for code in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["room_conflict", "won"]


def test_invite_is_rfc5545_and_parses_back_with_an_independent_parser(
    client: Client, auth: Auth
) -> None:
    import vobject

    code, _ = new_request(client)
    desk = auth("front_desk")
    assert (
        client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk).status_code == 409
    )
    post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(room="Aula Kesra"), desk)
    res = client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk)
    assert res.status_code == 200 and res.headers["Content-Type"].startswith("text/calendar")
    cal = vobject.readOne(res.body.decode())
    event = cal.vevent
    assert cal.method.value == "REQUEST"
    assert event.uid.value == f"{code}@birokesra.kalbarprov.go.id"
    assert event.location.value == "Aula Kesra" and event.sequence.value == "0"
    assert "kesra@kalbarprov.go.id" in event.organizer.value
    start = event.dtstart.value
    assert start.utcoffset() == timedelta(0)
    assert start.astimezone(UTC) == datetime.fromisoformat(later(7, 9)).astimezone(UTC)
    post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(room="Aula Kesra", start=(10, 0), end=(11, 0)),
        desk,
    )
    again = vobject.readOne(
        client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk).body.decode()
    )
    assert again.vevent.sequence.value == "1" and again.vevent.uid.value == event.uid.value
    post(client, f"/v1/admin/audiences/{code}/cancel", {"reason": "Berhalangan"}, desk)
    cancelled = vobject.readOne(
        client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk).body.decode()
    )
    assert cancelled.method.value == "CANCEL" and cancelled.vevent.status.value == "CANCELLED"
    assert int(cancelled.vevent.sequence.value) == 2


def test_walk_in_entry_links_the_guestbook_and_shows_the_token_once(
    client: Client, auth: Auth
) -> None:
    desk = auth("front_desk")
    visit = post(
        client,
        "/v1/admin/guestbook",
        {"name": "Siti", "institution": "Dinsos", "purpose": "Audiensi"},
        desk,
    )
    received = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0).isoformat()
    body = audience_body(client, received_at=received, guestbook_id=visit.json_body["id"])
    res = post(client, "/v1/admin/audiences", body, desk)
    assert res.status_code == 201, res.json_body
    item = res.json_body
    assert item["channel"] == "front_desk" and item["guestbook_id"] == visit.json_body["id"]
    assert (
        item["access_token"]
        and item["received_at"]
        == datetime.fromisoformat(received)
        .astimezone(datetime.fromisoformat(item["received_at"]).tzinfo)
        .isoformat()
    )
    detail = client.http.get(f"/v1/admin/audiences/{item['code']}", headers=desk).json_body
    assert detail["access_token"] is None  # shown once
    bad = post(
        client, "/v1/admin/audiences", audience_body(client, guestbook_id="BT-000000-NOPE00"), desk
    )
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "guestbook_id"
    future = post(
        client, "/v1/admin/audiences", audience_body(client, received_at=later(2, 9)), desk
    )
    assert future.status_code == 400 and future.json_body["errors"][0]["field"] == "received_at"


def test_queue_most_urgent_first_and_paginated(client: Client, auth: Auth) -> None:
    desk = auth("front_desk")
    now = datetime.now(UTC).replace(microsecond=0)
    codes = []
    # Two weeks apart, so the three due dates differ on any weekday and around any holiday:
    # received on a Sunday and on the Friday before, two requests are due the same day
    # (3 working days from Monday), and equal dues come back in no set order.
    for days_ago in (1, 29, 15):
        body = audience_body(client, received_at=(now - timedelta(days=days_ago)).isoformat())
        codes.append(post(client, "/v1/admin/audiences", body, desk).json_body["code"])
    post(client, f"/v1/admin/audiences/{codes[0]}/review", None, desk)  # another state, same queue
    first = client.http.get("/v1/admin/audiences?limit=2", headers=desk).json_body
    second = client.http.get(
        f"/v1/admin/audiences?limit=2&cursor={first['next_cursor']}", headers=desk
    ).json_body
    seen = [i["code"] for i in first["items"] + second["items"]]
    assert seen == [codes[1], codes[2], codes[0]]
    assert second["next_cursor"] is None
    dues = [i["due_at"] for i in first["items"] + second["items"]]
    assert dues == sorted(dues)
    only = client.http.get("/v1/admin/audiences?status=in_review", headers=desk).json_body
    assert [i["code"] for i in only["items"]] == [codes[0]]


def test_sla_fields_and_escalations_from_the_sweep(client: Client, auth: Auth) -> None:
    code, _ = new_request(client)
    detail = client.http.get(f"/v1/admin/audiences/{code}", headers=auth()).json_body
    due = datetime.fromisoformat(detail["due_at"])
    res = client.http.post(
        "/v1/admin/jobs/sla-sweep",
        headers=auth("admin"),
        body=json.dumps({"now": (due + timedelta(seconds=5)).isoformat()}),
    )
    assert res.json_body["fired"] >= 1
    detail = client.http.get(f"/v1/admin/audiences/{code}", headers=auth()).json_body
    assert [(e["level"], e["superseded"]) for e in detail["escalations"]] == [
        ("warning", True),
        ("breach", False),
    ]
    assert detail["escalations"][1]["notified"] == ["role:supervisor"]


def test_requester_is_notified_through_the_outbox(client: Client, auth: Auth) -> None:
    code, _ = new_request(client)
    post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), auth())
    notes = client.http.get("/v1/admin/notifications", headers=auth("supervisor")).json_body[
        "items"
    ]
    mine = [(n["kind"], n["recipients"]) for n in notes if n["item_code"] == code]
    assert sorted(mine) == [("confirmation", ["requester"]), ("schedule", ["requester"])]
    assert all("Siti" not in n["subject"] for n in notes)  # no personal data in messages


def test_an_audiences_identity_document_opens_for_its_handlers_and_is_audited(
    client: Client, auth: Auth
) -> None:
    """The roles that review and schedule audiences (front desk, admin) open the requester's
    identity scan, as does the complaint officer; the supervisor and the complaint team do not
    (trial 2, finding 2). Every opening is on the audit trail with who and why."""
    body = audience_body(client)
    code = submit(client, body).json_body["tracking_code"]
    path = f"/v1/admin/attachments/{id_of(body['identity_upload_id'])}?reason=Verifikasi+identitas"
    for role in ("supervisor", "complaint_team"):
        assert client.http.get(path, headers=auth(role)).status_code == 403
    desk = client.http.get(path, headers=auth("front_desk", sub="meja-1"))
    assert desk.status_code == 200, desk.json_body
    ok = client.http.get(path, headers=auth("complaint_officer", sub="pejabat-1"))
    assert ok.status_code == 200 and ok.headers["Cache-Control"] == "no-store"
    assert "X-Amz-Expires=300" in ok.json_body["url"] or "Expires=" in ok.json_body["url"]
    letter_path = f"/v1/admin/attachments/{id_of(body['request_letter_upload_id'])}?reason=Telaah"
    assert client.http.get(letter_path, headers=auth("front_desk")).status_code == 200
    assert (
        client.http.get(
            f"/v1/admin/attachments/{id_of(body['identity_upload_id'])}",
            headers=auth("complaint_officer"),
        ).status_code
        == 400
    )
    trail = client.http.get(f"/v1/admin/audiences/{code}/audit", headers=auth("admin")).json_body[
        "items"
    ]
    views = [(e["action"], e["actor"]) for e in trail if e["action"].startswith("attachment")]
    assert views == [
        ("attachment.view.identity", "meja-1"),
        ("attachment.view.identity", "pejabat-1"),
        ("attachment.view.request_letter", "staff-front_desk"),
    ]
    assert "Verifikasi identitas" in trail[1]["note"] and "Verifikasi identitas" in trail[2]["note"]


def test_week_view_lists_a_rooms_meetings_merged_from_its_slots(client: Client, auth: Auth) -> None:
    desk = auth("front_desk")
    a, _ = new_request(client)
    b, _ = new_request(client)
    body_a = schedule_body(start=(9, 0), end=(10, 30))
    assert post(client, f"/v1/admin/audiences/{a}/schedule", body_a, desk).status_code == 200
    body_b = schedule_body(room="Aula", start=(9, 0), end=(10, 0))
    assert post(client, f"/v1/admin/audiences/{b}/schedule", body_b, desk).status_code == 200
    day = body_a["start"][:10]
    res = client.http.get(
        f"/v1/admin/meetings?room=ruang%20rapat%20kesra&from={day}&days=5", headers=desk
    )
    assert res.status_code == 200, res.json_body
    assert res.json_body["from"] == day and res.json_body["days"] == 5
    assert res.json_body["meetings"] == [
        {"code": a, "start": body_a["start"], "end": body_a["end"]}
    ]  # one meeting from six quarter-hour locks; the Aula's meeting is not in this room
    nothing = client.http.get(f"/v1/admin/meetings?room=Aula&from={day}&days=0", headers=desk)
    assert nothing.status_code == 400
    forbidden = client.http.get(
        f"/v1/admin/meetings?room=Aula&from={day}", headers=auth("complaint_team")
    )
    assert forbidden.status_code == 403


def test_a_walk_in_gives_a_phone_and_no_email(client: Client, auth: Auth) -> None:
    """Most visitors at the desk give a phone number only (issue 17 point 3): the walk-in is
    taken without an e-mail address, scheduled, and its invite still builds (no ATTENDEE);
    the portal's form still needs one, and the phone stays required."""
    desk = auth("front_desk")
    body = audience_body(client)
    body["contact"] = {k: v for k, v in body["contact"].items() if k != "email"}
    res = post(client, "/v1/admin/audiences", body, desk)
    assert res.status_code == 201, res.json_body
    code = res.json_body["code"]
    assert res.json_body["contact"]["email"] is None
    assert res.json_body["contact"]["phone"] == "+6281211112222"
    assert post(client, f"/v1/admin/audiences/{code}/review", None, desk).status_code == 200
    scheduled = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert scheduled.status_code == 200, scheduled.json_body
    invite = client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk)
    assert invite.status_code == 200 and "ATTENDEE" not in invite.body.decode()
    no_phone = dict(body, contact={**body["contact"], "phone": None})
    refused = post(client, "/v1/admin/audiences", no_phone, desk)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json_body["errors"]] == ["contact.phone"]
    public = submit(client, dict(audience_body(client), contact=body["contact"]))
    assert public.status_code == 400
    assert [e["field"] for e in public.json_body["errors"]] == ["contact.email"]


def test_the_audience_timeline_comes_in_english_for_staff_and_tracking(
    client: Client, auth: Auth
) -> None:
    """Fresh-user trial: the console's audience page in English kept "Permohonan diterima"
    while the complaint page was translated; the staff view and the public tracking view both
    say the stored Indonesian notes in English on request (PUBLIC_NOTES_EN)."""
    made = submit(client, audience_body(client)).json_body
    code, token = made["tracking_code"], made["access_token"]
    desk = auth("front_desk")
    staff = client.http.get(f"/v1/admin/audiences/{code}", headers=desk).json_body
    assert [e["note"] for e in staff["timeline"]] == ["Permohonan diterima"]
    english = client.http.get(
        f"/v1/admin/audiences/{code}", headers={**desk, "Accept-Language": "en"}
    ).json_body
    assert [e["note"] for e in english["timeline"]] == ["Request received"]
    reviewed = client.http.post(
        f"/v1/admin/audiences/{code}/review", headers={**desk, "Accept-Language": "en"}
    ).json_body
    assert [e["note"] for e in reviewed["timeline"]][-1] == "The request is being reviewed"
    tracked = client.http.get(
        f"/v1/track/{code}", headers={"X-Access-Token": token, "Accept-Language": "en"}
    ).json_body
    assert [e["note"] for e in tracked["timeline"]][-1] == "The request is being reviewed"
