"""WhatsApp out (issue 19 point 3): notices through the outbox to a local Graph API stand-in:
a template outside the 24-hour window, free text inside it, retries that end `failed` with
Meta's error code, BERHENTI, and the officer's reply on the conversation's channel."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from chalice.test import Client

from dev.whatsapp_inbound import delivery, signed, text_message
from tests.conftest import TEST_WHATSAPP_SECRET

WEBHOOK = "/v1/channels/whatsapp/webhook"
PHONE = "0856-0000-0001"
WA_ID = "6285600000001"


def intake(client: Client, auth: Any, phone: str = PHONE) -> dict[str, Any]:
    r = client.http.post(
        "/v1/admin/complaints",
        headers=auth("complaint_officer"),
        body=json.dumps(
            {
                "subject": "Bantuan sosial belum cair",
                "description": "Sudah tiga bulan bantuan belum diterima.",
                "privacy": "named",
                "reporter": {"name": "Siti", "phone": phone},
                "channel": "telepon",
                "received_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            }
        ),
    )
    assert r.status_code == 201, r.body
    body: dict[str, Any] = r.json_body
    return body


def deliver(now: datetime | None = None) -> Any:
    from chalicelib import bootstrap

    return bootstrap.outbox_service().dispatch(now or datetime.now(UTC))


def notifications(client: Client, auth: Any) -> list[dict[str, Any]]:
    r = client.http.get("/v1/admin/notifications", headers=auth("admin"))
    assert r.status_code == 200, r.body
    items: list[dict[str, Any]] = r.json_body["items"]
    return items


def post(client: Client, payload: dict[str, Any]) -> Any:
    body, headers = signed(TEST_WHATSAPP_SECRET, payload)
    return client.http.post(WEBHOOK, body=body, headers=headers)


def test_receipt_outside_the_window_is_a_template(client: Client, auth: Any, graph: Any) -> None:
    # GIVEN a complaint taken by phone from a citizen who never wrote on WhatsApp
    made = intake(client, auth)
    # WHEN the sweep delivers the outbox
    swept = client.http.post("/v1/admin/jobs/sla-sweep", headers=auth("admin"), body="{}")
    assert swept.status_code == 200, swept.body
    # THEN the receipt went to their number as the approved template, with the code
    [sent] = graph.sent
    body = sent["body"]
    assert body["to"] == WA_ID
    assert body["type"] == "template"
    assert body["template"]["name"] == "kesra_pemberitahuan"
    assert body["template"]["language"] == {"code": "id"}
    values = [p["text"] for p in body["template"]["components"][0]["parameters"]]
    assert made["code"] in values
    [n] = [n for n in notifications(client, auth) if n["item_code"] == made["code"]]
    assert n["state"] == "sent"
    # AND Meta's report lands on it
    status = {"id": sent["id"], "status": "read", "timestamp": str(int(datetime.now().timestamp()))}
    post(client, delivery([], [status]))
    [n] = [n for n in notifications(client, auth) if n["item_code"] == made["code"]]
    assert n["delivery"] == "read"


def test_inside_the_window_a_notice_is_free_text(client: Client, auth: Any, graph: Any) -> None:
    made = intake(client, auth)
    deliver()
    # the citizen writes: their one open complaint, and the window opens
    post(client, delivery([text_message(WA_ID, "Kapan bantuan dicairkan?")]))
    officer = auth("complaint_officer")
    r = client.http.post(
        f"/v1/admin/complaints/{made['code']}/request-info",
        headers=officer,
        body=json.dumps({"message": "Mohon kirim nomor KK Anda."}),
    )
    assert r.status_code == 200, r.body
    deliver()
    first, second = graph.sent
    assert first["body"]["type"] == "template"
    assert second["body"]["type"] == "text"
    assert made["code"] in second["body"]["text"]["body"]


def test_failures_retry_with_backoff_then_fail_with_metas_code(
    client: Client, auth: Any, graph: Any
) -> None:
    from chalicelib.domain.notification import BACKOFF_SECONDS, MAX_ATTEMPTS

    made = intake(client, auth)
    for _ in range(MAX_ATTEMPTS):
        graph.fail_next(131026)  # Meta: the number is not on WhatsApp
    now = datetime.now(UTC)
    results = [deliver(now)]
    for delay in BACKOFF_SECONDS:
        now += timedelta(seconds=delay + 1)
        results.append(deliver(now))
    assert [r.retried for r in results] == [1, 1, 1, 1, 0]
    assert results[-1].failed == 1
    [n] = [n for n in notifications(client, auth) if n["item_code"] == made["code"]]
    assert n["state"] == "failed"
    assert n["last_error"] == "whatsapp: 131026"
    assert graph.sent == []


def test_berhenti_stops_every_later_message(client: Client, auth: Any, graph: Any) -> None:
    r = post(client, delivery([text_message(WA_ID, "BERHENTI")]))
    assert r.status_code == 200
    made = intake(client, auth)
    deliver()
    assert graph.sent == []
    from chalicelib import bootstrap
    from chalicelib.adapters.audit_store import read_trail

    assert [a.action for a in read_trail(bootstrap.dynamo(), "CONTACT#whatsapp")] == [
        "inbox.opt_out"
    ]
    [n] = [n for n in notifications(client, auth) if n["item_code"] == made["code"]]
    assert n["state"] == "sent"  # nothing left to try: the citizen said no


def test_the_officer_replies_on_the_conversations_channel(
    client: Client, auth: Any, graph: Any
) -> None:
    post(client, delivery([text_message("6281298765432", "Apakah kantor buka hari Sabtu?")]))
    officer = auth("complaint_officer")
    [conversation] = client.http.get("/v1/admin/inbox", headers=officer).json_body["items"]
    r = client.http.post(
        f"/v1/admin/inbox/{conversation['id']}/reply",
        headers=officer,
        body=json.dumps({"message": "Kantor buka Senin sampai Jumat, 08.00-16.00."}),
    )
    assert r.status_code == 202, r.body
    assert r.json_body["channel"] == "whatsapp"
    deliver()
    [sent] = graph.sent
    assert sent["body"]["to"] == "6281298765432"
    assert sent["body"]["type"] == "text"
    assert "Senin sampai Jumat" in sent["body"]["text"]["body"]
    missing = client.http.post(
        "/v1/admin/inbox/INB-000000-XXXXXX/reply",
        headers=officer,
        body=json.dumps({"message": "halo"}),
    )
    assert missing.status_code == 404


def test_the_complaint_page_thread_shows_delivery_status(
    client: Client, auth: Any, graph: Any
) -> None:
    made = intake(client, auth)
    deliver()
    post(client, delivery([text_message(WA_ID, "Kapan dicairkan?")]))
    [sent] = graph.sent
    status = {
        "id": sent["id"],
        "status": "delivered",
        "timestamp": str(int(datetime.now().timestamp())),
    }
    post(client, delivery([], [status]))
    r = client.http.get(
        f"/v1/admin/complaints/{made['code']}/thread", headers=auth("complaint_officer")
    )
    assert r.status_code == 200, r.body
    items = r.json_body["items"]
    assert [i["at"] for i in items] == sorted(i["at"] for i in items)  # in order of time
    out = next(i for i in items if i["direction"] == "out")
    reply = next(i for i in items if i["direction"] == "in")
    assert (out["state"], out["delivery"]) == ("sent", "delivered")
    assert made["code"] in out["subject"]
    assert reply["text"] == "Kapan dicairkan?"
    assert len(items) == 2
