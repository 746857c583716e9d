"""The SLA machinery through HTTP and the scheduled handler, on moto."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import bootstrap
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from chalicelib.domain.tracked import TrackedItem
from tests.clock import calendar, wib

Auth = Callable[..., dict[str, str]]
CAL = calendar()
POLICY = SlaPolicy()


def seed(
    code: str,
    cls: str = "normatif",
    received: Any = None,
    kind: str = "complaint",
    status: str = "classified",
) -> TrackedItem:
    cal = bootstrap.calendar_service().calendar()  # library dates and the bureau's overrides
    track = SlaTrack.start(received or wib(2026, 11, 23, 10), cls, cal, POLICY)
    item = TrackedItem(kind=kind, code=code, status=status, version=1, track=track)
    bootstrap.tracked_items().create(
        item,
        track.next_check_at(cal, POLICY),
        {"subject": "seeded"},
        AuditEntry(item.ref, track.received_at, "test", "create"),
    )
    return item


def sweep(client: Client, auth: Auth, now: str | None = None, role: str = "admin") -> Any:
    body = json.dumps({"now": now}) if now else None
    return client.http.post("/v1/admin/jobs/sla-sweep", body=body, headers=auth(role))


def notifications(client: Client, auth: Auth) -> list[dict[str, Any]]:
    res = client.http.get("/v1/admin/notifications?limit=100", headers=auth("supervisor"))
    assert res.status_code == 200
    items: list[dict[str, Any]] = res.json_body["items"]
    return items


def test_sweep_route_escalates_once_per_level_and_notifies(client: Client, auth: Auth) -> None:
    seed("PGD-2611-AAAAAA")
    before = sweep(client, auth, "2026-11-27T15:59:00+07:00").json_body
    assert before == {
        "checked": 0,
        "fired": 0,
        "superseded": 0,
        "failed": 0,
        "now": "2026-11-27T15:59:00+07:00",
    }
    warned = sweep(client, auth, "2026-11-27T16:00:00+07:00").json_body
    assert (warned["checked"], warned["fired"]) == (1, 1)
    again = sweep(client, auth, "2026-11-27T16:05:00+07:00").json_body
    assert again["fired"] == 0
    late = sweep(client, auth, "2026-12-02T09:00:00+07:00").json_body
    assert (late["fired"], late["superseded"]) == (1, 1)  # follow-up fires, breach superseded
    sent = notifications(client, auth)
    assert [(n["level"], n["state"]) for n in sent] == [
        ("breach_followup", "sent"),
        ("warning", "sent"),
    ]
    assert sent[0]["recipients"] == ["role:head_of_bureau"]
    assert sent[0]["created_at"].endswith("+07:00")
    trail = bootstrap.tracked_items()._db.query(  # the audit trail holds all three levels
        KeyConditionExpression="PK = :pk AND begins_with(SK, :a)",
        ExpressionAttributeValues={":pk": {"S": "CMP#PGD-2611-AAAAAA"}, ":a": {"S": "AUDIT#"}},
    )[0]
    assert sorted(a["action"] for a in trail if a["action"].startswith("escalation")) == [
        "escalation.breach",
        "escalation.breach_followup",
        "escalation.warning",
    ]


def test_sweep_route_is_admin_only_and_now_is_local_only(
    client: Client, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sweep(client, auth, role="supervisor").status_code == 403
    assert sweep(client, auth).status_code == 200  # no body: now
    from chalicelib.api import operations
    from chalicelib.config import get_settings

    aws_like = get_settings().model_copy(update={"app_env": "aws"})
    monkeypatch.setattr(operations, "get_settings", lambda: aws_like)
    refused = sweep(client, auth, "2026-11-27T16:00:00+07:00")
    assert refused.status_code == 400
    assert refused.json_body["errors"][0]["field"] == "now"


def test_a_throttled_item_is_escalated_on_the_next_run(client: Client, auth: Auth) -> None:
    from botocore.exceptions import ClientError

    for code in ("PGD-2611-T00001", "PGD-2611-T00002", "PGD-2611-T00003"):
        seed(code)

    def throttle_one(params: dict[str, Any], **kwargs: Any) -> None:
        if "PGD-2611-T00002" in json.dumps(params.get("TransactItems", []), default=str):
            raise ClientError(
                {"Error": {"Code": "ThrottlingException", "Message": "x"}}, "TransactWriteItems"
            )

    events = bootstrap.dynamo().client.meta.events
    events.register("before-parameter-build.dynamodb.TransactWriteItems", throttle_one)
    first = sweep(client, auth, "2026-11-27T16:00:00+07:00").json_body
    assert (first["fired"], first["failed"]) == (2, 1)
    events.unregister("before-parameter-build.dynamodb.TransactWriteItems", throttle_one)
    second = sweep(client, auth, "2026-11-27T16:05:00+07:00").json_body
    assert (second["checked"], second["fired"], second["failed"]) == (1, 1, 0)
    assert sorted(n["item_code"] for n in notifications(client, auth)) == [
        "PGD-2611-T00001",
        "PGD-2611-T00002",
        "PGD-2611-T00003",
    ]


def test_scheduled_handler_runs_and_fails_loudly_on_failures(client: Client) -> None:
    from botocore.exceptions import ClientError

    from chalicelib.jobs.sweep import SweepIncomplete

    event = client.events.generate_cw_event(
        source="aws.events", detail_type="Scheduled Event", detail={}, resources=[]
    )
    out = client.lambda_.invoke("sla_sweep", event)
    assert set(out.payload) == {"checked", "fired", "superseded", "failed"}

    seed("PGD-2611-F00001", received=wib(2026, 1, 5, 10))  # long overdue: due at any real now

    def throttle(**kwargs: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "ThrottlingException", "Message": "x"}}, "TransactWriteItems"
        )

    bootstrap.dynamo().client.meta.events.register(
        "before-parameter-build.dynamodb.TransactWriteItems", throttle
    )
    with pytest.raises(SweepIncomplete):
        client.lambda_.invoke("sla_sweep", event)


def test_calendar_read_and_change_moves_open_deadlines(client: Client, auth: Auth) -> None:
    import time_machine

    res = client.http.get("/v1/admin/calendar/2026", headers=auth("front_desk"))
    assert res.status_code == 200 and res.headers["ETag"] == '"0"'
    dates = {d["date"]: d for d in res.json_body["non_working_dates"]}
    assert dates["2026-03-19"] == {
        "date": "2026-03-19",
        "name": "Hari Suci Nyepi",
        "source": "library",
    }
    assert dates["2026-12-24"]["name"].startswith("Cuti Bersama")

    item = seed("PGD-2612-XXXXXX", received=wib(2026, 12, 17, 10))  # due Mon 28 Dec 16:00
    sweep(client, auth, "2026-12-23T16:00:00+07:00")  # warning fired (1 wd before: 23 Dec)
    body = {"added": [{"date": "2026-12-28", "name": "Cuti bersama tambahan"}], "removed": []}
    with time_machine.travel(wib(2026, 12, 23, 17), tick=False):
        put = client.http.put(
            "/v1/admin/calendar/2026",
            body=json.dumps(body),
            headers={**auth("admin"), "If-Match": '"0"'},
        )
    assert put.status_code == 200, put.json_body
    assert put.json_body["version"] == 1 and put.json_body["recomputed"]["moved"] == 1
    moved = bootstrap.tracked_items().get_tracked("complaint", item.code)
    assert moved is not None and moved.track.due_at == wib(2026, 12, 29, 16)
    assert moved.track.reached == "warning"  # its new warning time (23 Dec) has passed
    later = seed("PGD-2612-YYYYYY", received=wib(2026, 12, 18, 10))
    assert later.track.due_at == wib(2026, 12, 30, 16)  # new items use the new calendar

    stale = client.http.put(
        "/v1/admin/calendar/2026",
        body=json.dumps(body),
        headers={**auth("admin"), "If-Match": '"0"'},
    )
    assert stale.status_code == 412
    assert (
        client.http.put(
            "/v1/admin/calendar/2026", body=json.dumps(body), headers=auth("supervisor")
        ).status_code
        == 403
    )
    bad = client.http.put(
        "/v1/admin/calendar/2026",
        body=json.dumps({"removed": ["2026-12-23"]}),
        headers=auth("admin"),
    )
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "removed"
    assert client.http.get("/v1/admin/calendar/20x6", headers=auth()).status_code == 400


def test_calendar_change_rearms_a_level_that_moved_into_the_future(
    client: Client, auth: Auth
) -> None:
    import time_machine

    item = seed("PGD-2612-ZZZZZZ", received=wib(2026, 12, 14, 10))  # due Mon 21 Dec 16:00
    sweep(client, auth, "2026-12-18T16:00:00+07:00")  # warning (Fri 18 Dec 16:00) fired
    body = {"added": [{"date": "2026-12-18", "name": "Libur daerah"}]}
    with time_machine.travel(wib(2026, 12, 18, 17), tick=False):
        res = client.http.put(
            "/v1/admin/calendar/2026", body=json.dumps(body), headers=auth("admin")
        )
    assert res.status_code == 200
    moved = bootstrap.tracked_items().get_tracked("complaint", item.code)
    assert moved is not None and moved.track.due_at == wib(2026, 12, 22, 16)
    assert moved.track.reached is None  # its warning moved to Mon 21 Dec 16:00: re-armed
    assert sweep(client, auth, "2026-12-21T15:59:00+07:00").json_body["fired"] == 0
    assert sweep(client, auth, "2026-12-21T16:00:00+07:00").json_body["fired"] == 1
    levels = [e["level"] for e in notifications(client, auth)]
    assert levels == ["warning", "warning"]  # once per deadline: the old one and the new one


def test_sweep_publishes_its_metrics(
    client: Client, auth: Auth, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed("PGD-2611-M00001")
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    capsys.readouterr()
    sweep(client, auth, "2026-12-02T09:00:00+07:00")
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith('{"_aws"')]
    names = {
        m["Name"] for line in lines for d in line["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]
    }
    assert {
        "SlaItemsChecked",
        "SlaWarnings",
        "SlaBreaches",
        "SlaFollowups",
        "SlaSweepFailures",
        "SlaSweepDuration",
        "NotificationsSent",
        "Requests",
    } <= names
    values = {k: v for line in lines for k, v in line.items() if k.startswith("Sla")}
    assert values["SlaFollowups"] == [1.0] and values["SlaItemsChecked"] == [1.0]
