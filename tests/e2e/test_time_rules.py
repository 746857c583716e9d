"""Times (issue 10 points 2 and 5): out-of-range times are 400 on their field, one unreadable
item never stops the sweep, every stored time reads back as itself, times shown to people
are local, and the time left stops with the clock."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import bootstrap
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from tests.clock import wib
from tests.e2e.helpers import audience_body
from tests.e2e.test_complaints import at, handle, intake, post, staff
from tests.e2e.test_sla_api import seed, sweep

Auth = Callable[..., dict[str, str]]
BAD_TIMES = ("0130-05-04T00:46:17Z", "0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-12:00")


@pytest.mark.parametrize("when", BAD_TIMES)
def test_times_outside_the_sane_range_are_400_on_their_field(
    client: Client, auth: Auth, when: str
) -> None:
    desk, admin = auth("front_desk"), auth("admin")
    complaint = {
        "subject": "Bantuan belum cair",
        "description": "Sudah tiga bulan belum ada kabar.",
        "privacy": "anonymous",
        "channel": "telepon",
        "received_at": when,
    }
    cases: list[tuple[str, dict[str, Any], dict[str, str], str]] = [
        ("/v1/admin/complaints", complaint, desk, "received_at"),
        (
            "/v1/admin/guestbook",
            {"name": "Budi", "institution": "Dinsos", "purpose": "Audiensi", "time_in": when},
            desk,
            "time_in",
        ),
        ("/v1/admin/jobs/sla-sweep", {"now": when}, admin, "now"),
    ]
    for path, body, headers, field in cases:
        res = post(client, path, body, headers)
        assert res.status_code == 400, (path, res.json_body)
        assert [e["field"] for e in res.json_body["errors"]] == [field], path
        assert "Sabtu, 1 Januari 2000" in res.json_body["errors"][0]["message"]
    walk_in = post(client, "/v1/admin/audiences", audience_body(client, received_at=when), desk)
    assert walk_in.status_code == 400
    assert [e["field"] for e in walk_in.json_body["errors"]] == ["received_at"]
    day = when[:10]
    listed = client.http.get(f"/v1/admin/guestbook?date={day}", headers=desk)
    assert listed.status_code == 400 and listed.json_body["errors"][0]["field"] == "date"
    assert sweep(client, auth).status_code == 200  # and the sweep still works


def test_one_unreadable_item_never_stops_the_sweep(client: Client, auth: Auth) -> None:
    import io

    from chalicelib.observability import logger

    seed("PGD-2611-GOOD01")
    client_ddb, table = boto3.client("dynamodb"), os.environ["TABLE_NAME"]
    client_ddb.put_item(  # damaged: a time no version could have written, on the sweep's index
        TableName=table,
        Item={
            "PK": {"S": "CMP#PGD-2611-BAD001"},
            "SK": {"S": "ITEM"},
            "kind": {"S": "complaint"},
            "code": {"S": "PGD-2611-BAD001"},
            "status": {"S": "classified"},
            "version": {"N": "1"},
            "sla_class": {"S": "normatif"},
            "received_at": {"S": "kemarin sore"},
            "due_at": {"S": "2026-11-30T09:00:00Z"},
            "reporter_name": {"S": "Rahmat Hidayat"},
            "GSI3PK": {"S": "DUE#0"},
            "GSI3SK": {"S": "2026-11-20T00:00:00Z#PGD-2611-BAD001"},
        },
    )
    buffer = io.StringIO()
    original = logger.registered_handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        res = sweep(client, auth, "2026-12-01T09:00:00+07:00")
    finally:
        logger.registered_handler.setStream(original)  # type: ignore[attr-defined]
    assert res.status_code == 200
    assert res.json_body["failed"] == 1 and res.json_body["fired"] == 1
    logged = buffer.getvalue()
    assert "PGD-2611-BAD001" in logged and "Rahmat" not in logged
    again = sweep(client, auth, "2026-12-01T09:05:00+07:00").json_body
    assert again["failed"] == 1 and again["fired"] == 0  # counted each time, never fatal


def test_an_item_stored_by_the_old_version_with_year_130_no_longer_breaks_the_sweep(
    client: Client, auth: Auth
) -> None:
    """The issue's example: received_at 0130-05-04T00:46:17Z was stored as `130-05-04...`
    (strftime's unpadded year) and every later sweep failed reading it back."""
    seed("PGD-2611-GOOD02")
    legacy = seed("PGD-2611-OLD130")
    client_ddb, table = boto3.client("dynamodb"), os.environ["TABLE_NAME"]
    client_ddb.update_item(
        TableName=table,
        Key={"PK": {"S": legacy.ref}, "SK": {"S": "ITEM"}},
        UpdateExpression="SET received_at = :r",
        ExpressionAttributeValues={":r": {"S": "130-05-04T00:46:17Z"}},
    )
    tracked = bootstrap.tracked_items().get_tracked("complaint", "PGD-2611-OLD130")
    assert tracked is not None and tracked.track.received_at.year == 130
    res = sweep(client, auth, "2026-12-01T09:00:00+07:00")
    assert res.status_code == 200
    assert res.json_body["fired"] == 2 and res.json_body["failed"] == 0


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(130, 5, 4, 0, 46, 17, tzinfo=UTC),
        datetime(2026, 11, 27, 3, 0, 0, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    ],
)
def test_every_stored_time_round_trips(moment: datetime) -> None:
    text = iso_utc(moment)
    assert len(text) == 20 and parse_iso_utc(text) == moment


def test_old_unpadded_years_still_read_back() -> None:
    assert parse_iso_utc("130-05-04T00:46:17Z") == datetime(130, 5, 4, 0, 46, 17, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_iso_utc("kemarin sore")


def test_audit_notes_and_recomputed_deadlines_show_local_time(client: Client, auth: Auth) -> None:
    with at(wib(2026, 11, 23, 9)):
        officer = staff(auth, "complaint_officer")
        code = intake(client, auth, wib(2026, 11, 23, 9))["code"]
        post(client, f"/v1/admin/complaints/{code}/classify", {"class": "normatif"}, officer)
    sweep(client, auth, "2026-11-30T16:00:01+07:00")
    with at(wib(2026, 11, 24, 9)):
        admin = staff(auth, "admin")
        put = client.http.put(
            "/v1/admin/calendar/2026",
            headers=admin,
            body=json.dumps({"added": [{"date": "2026-11-25", "name": "Libur biro"}]}),
        )
    assert put.status_code == 200, put.json_body
    trail = client.http.get(
        f"/v1/admin/complaints/{code}/audit?limit=100", headers=staff(auth, "supervisor")
    ).json_body["items"]
    by_action = {e["action"]: e for e in trail}
    assert "due 2026-11-30T16:00:00+07:00" in by_action["complaint.classified"]["note"]
    breach = by_action["escalation.breach"]["note"]
    assert "deadline 2026-11-30T16:00:00+07:00" in breach
    moved = by_action["sla.recomputed"]
    assert moved["from"].endswith("+07:00") and moved["to"].endswith("+07:00")
    assert not any("+00:00" in (e["note"] or "") for e in trail)


def test_time_left_stops_with_the_clock(client: Client, auth: Auth) -> None:
    with at(wib(2026, 11, 23, 9)):
        officer = staff(auth, "complaint_officer")
        answered = intake(client, auth, wib(2026, 11, 23, 9))["code"]
        paused = intake(client, auth, wib(2026, 11, 23, 9))["code"]
        handle(client, answered, officer, cls="normatif")
        post(
            client,
            f"/v1/admin/complaints/{answered}/answer",
            {"answer": "Sudah dijawab", "channel": "telepon"},
            officer,
        )
        post(client, f"/v1/admin/complaints/{paused}/request-info", {"message": "Data?"}, officer)
        first = {
            c: client.http.get(f"/v1/admin/complaints/{c}", headers=officer).json_body["sla"]
            for c in (answered, paused)
        }
    with at(wib(2026, 11, 27, 15)):
        later = staff(auth, "complaint_officer")
        for c in (answered, paused):
            sla = client.http.get(f"/v1/admin/complaints/{c}", headers=later).json_body["sla"]
            assert sla["remaining_seconds"] == first[c]["remaining_seconds"], c
        listed = client.http.get("/v1/admin/complaints", headers=later).json_body["items"]
        row = next(i for i in listed if i["code"] == paused)
        assert row["sla"]["remaining_seconds"] == first[paused]["remaining_seconds"]
    assert first[answered]["stopped"] and first[paused]["paused"]
    assert datetime.fromisoformat(first[answered]["due_at"]) - timedelta(
        seconds=first[answered]["remaining_seconds"]
    ) == wib(2026, 11, 23, 9)


def test_time_left_stops_with_the_reply_letter(client: Client, auth: Auth) -> None:
    from tests.e2e.test_audiences import letter, new_request, schedule_body

    code, _ = new_request(client)
    res = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), auth())
    assert res.status_code == 200, res.json_body
    stopped = res.json_body["sla"]
    declined_code, _ = new_request(client)
    declined = post(
        client,
        f"/v1/admin/audiences/{declined_code}/decline",
        {"reason": "Agenda penuh", "reply_letter": letter()},
        auth(),
    ).json_body["sla"]
    with at(datetime.now(UTC) + timedelta(days=3)):
        desk = staff(auth, "front_desk")
        for c, sla in ((code, stopped), (declined_code, declined)):
            now = client.http.get(f"/v1/admin/audiences/{c}", headers=desk).json_body["sla"]
            assert now["stopped"] and now["remaining_seconds"] == sla["remaining_seconds"]


def _damage(ref: str) -> None:
    """Give a stored item a time no version could have written (as a bad migration might)."""
    boto3.client("dynamodb").update_item(
        TableName=os.environ["TABLE_NAME"],
        Key={"PK": {"S": ref}, "SK": {"S": "ITEM"}},
        UpdateExpression="SET received_at = :r",
        ExpressionAttributeValues={":r": {"S": "kemarin sore"}},
    )


def test_one_unreadable_item_never_hides_a_staff_queue(client: Client, auth: Auth) -> None:
    """Like the sweep, the complaint and audience queues leave out (and log by code only) an
    item they cannot read back, instead of answering 500 for the whole desk."""
    import io

    from chalicelib.observability import logger

    received = datetime.now(UTC) - timedelta(hours=1)
    good = intake(client, auth, received)["tracking_code"]
    bad = intake(client, auth, received)["tracking_code"]
    _damage(f"CMP#{bad}")
    desk = staff(auth, "front_desk")
    good_aud = post(client, "/v1/admin/audiences", audience_body(client), desk).json_body
    bad_aud = post(client, "/v1/admin/audiences", audience_body(client), desk).json_body
    _damage(f"AUD#{bad_aud['tracking_code']}")
    officer, admin = staff(auth, "complaint_officer"), staff(auth, "admin")
    buffer = io.StringIO()
    original = logger.registered_handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        complaints = client.http.get("/v1/admin/complaints?limit=100", headers=officer)
        audiences = client.http.get("/v1/admin/audiences?limit=100", headers=admin)
    finally:
        logger.registered_handler.setStream(original)  # type: ignore[attr-defined]
    assert complaints.status_code == 200 and audiences.status_code == 200
    listed = [c["tracking_code"] for c in complaints.json_body["items"]]
    assert good in listed and bad not in listed
    listed = [a["tracking_code"] for a in audiences.json_body["items"]]
    assert good_aud["tracking_code"] in listed and bad_aud["tracking_code"] not in listed
    logged = buffer.getvalue()
    assert bad in logged and bad_aud["tracking_code"] in logged
    assert "Rahmat" not in logged  # the reporter's name never reaches a log
    detail = client.http.get(f"/v1/admin/complaints/{bad}", headers=officer)
    assert detail.status_code == 500 and detail.headers["Content-Type"].startswith(
        "application/problem+json"
    )
    assert "Traceback" not in detail.body.decode()


def test_the_monthly_report_counts_what_it_can_read_and_names_the_rest(
    client: Client, auth: Auth
) -> None:
    """A complaint damaged in storage after it was written: the kept counts still hold it
    as written (the report reads no item), and the recount (`recount=true`, which reads them
    all) leaves it out and names it, in JSON and CSV: nobody takes incomplete numbers for
    complete ones, and one damaged item never makes a 500 of the whole report."""
    received = datetime.now(UTC) - timedelta(hours=1)
    month = received.astimezone(wib(2026, 1, 1).tzinfo).strftime("%Y-%m")
    officer = staff(auth, "complaint_officer")
    before = client.http.get(f"/v1/admin/reports/monthly?month={month}", headers=officer)
    assert before.status_code == 200 and before.json_body["unreadable"] == []
    intake(client, auth, received)
    bad = intake(client, auth, received)["tracking_code"]
    _damage(f"CMP#{bad}")
    received_before = before.json_body["complaints"]["received"]
    counted = client.http.get(f"/v1/admin/reports/monthly?month={month}", headers=officer)
    assert counted.status_code == 200, counted.json_body
    assert counted.json_body["complaints"]["received"] == received_before + 2
    res = client.http.get(f"/v1/admin/reports/monthly?month={month}&recount=true", headers=officer)
    assert res.status_code == 200, res.json_body
    assert res.json_body["unreadable"] == [bad]
    assert res.json_body["complaints"]["received"] == received_before + 1  # the readable one
    csv = client.http.get(
        f"/v1/admin/reports/monthly?month={month}&format=csv&recount=true", headers=officer
    ).body.decode("utf-8-sig")
    assert f"Tidak terbaca (tidak dihitung);{bad}" in csv
