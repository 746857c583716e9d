"""The receipt's tracking link (issue 19 point 3): the receipt notice carries the portal's
tracking page with the code and the access token in its fragment, so nobody types the
token; the outbox keeps the token only until that notice is delivered (or given up); later
notices carry the code only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from chalice.test import Client

from tests.e2e.test_whatsapp_outbound import deliver, intake


def stored_outbox(code: str) -> list[dict[str, Any]]:
    """The raw outbox items about `code`, as DynamoDB holds them."""
    from chalicelib import bootstrap

    db = bootstrap.dynamo()
    return db.query_all(
        IndexName="GSI4",
        KeyConditionExpression="GSI4PK = :pk",
        ExpressionAttributeValues={":pk": {"S": f"THREAD#{code}"}},
    )


def link_in(sent: dict[str, Any]) -> str:
    """The tracking link of a message the Graph API stand-in received."""
    body = sent["body"]
    if body["type"] == "template":
        return str(body["template"]["components"][0]["parameters"][2]["text"])
    [link] = [str(w) for w in body["text"]["body"].split() if "/lacak#" in w]
    return link


def test_the_receipts_link_opens_tracking_and_the_outbox_forgets_the_token(
    client: Client, auth: Any, graph: Any
) -> None:
    # GIVEN a complaint taken for a citizen with a WhatsApp number
    made = intake(client, auth)
    code, token = made["code"], made["access_token"]
    # WHILE the receipt waits in the outbox, staff never see the token
    thread = client.http.get(f"/v1/admin/complaints/{code}/thread", headers=auth("supervisor"))
    assert thread.status_code == 200 and token not in thread.body.decode()
    assert any(
        token in json.dumps(i, default=str) for i in stored_outbox(code)
    )  # needed to send it
    # WHEN the outbox delivers the receipt
    assert deliver().sent == 1
    [sent] = graph.sent
    link = link_in(sent)
    # THEN its link is the portal's tracking page with code and token in the fragment
    parts = urlsplit(link)
    assert parts.path == "/lacak" and parts.query == ""
    fragment = parse_qs(parts.fragment)
    assert fragment == {"kode": [code], "token": [token]}
    # AND what it holds opens the tracking view
    opened = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": fragment["token"][0]})
    assert opened.status_code == 200, opened.body
    # AND the outbox no longer holds the token
    items = stored_outbox(code)
    assert items and all(token not in json.dumps(i, default=str) for i in items)
    assert "(disembunyikan)" in json.dumps(items, default=str)
    # AND a later notice carries the tracking link with the code only
    r = client.http.post(
        f"/v1/admin/complaints/{code}/request-info",
        headers=auth("complaint_officer"),
        body=json.dumps({"message": "Mohon kirim nomor KK Anda."}),
    )
    assert r.status_code == 200, r.body
    deliver()
    later = link_in(graph.sent[-1])
    assert parse_qs(urlsplit(later).fragment) == {"kode": [code]}


def test_a_receipt_given_up_forgets_the_token_too(client: Client, auth: Any, graph: Any) -> None:
    from chalicelib.domain.notification import BACKOFF_SECONDS, MAX_ATTEMPTS

    made = intake(client, auth)
    for _ in range(MAX_ATTEMPTS):
        graph.fail_next(131026)
    now = datetime.now(UTC)
    deliver(now)
    assert any(
        made["access_token"] in json.dumps(i, default=str) for i in stored_outbox(made["code"])
    )
    for delay in BACKOFF_SECONDS:
        now += timedelta(seconds=delay + 1)
        deliver(now)
    items = stored_outbox(made["code"])
    assert items[0]["state"] == "failed"
    assert all(made["access_token"] not in json.dumps(i, default=str) for i in items)
