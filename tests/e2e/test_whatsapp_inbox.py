"""WhatsApp in (issue 19 points 1-2): the signed webhook, the inbox, and what the complaint
officer does with a conversation. GIVEN / WHEN / THEN, over chalice.test.Client on moto."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalice.test import Client

from dev.whatsapp_inbound import delivery, media_message, signed, status, text_message
from tests.conftest import TEST_WHATSAPP_SECRET, TEST_WHATSAPP_VERIFY

WEBHOOK = "/v1/channels/whatsapp/webhook"
SENDER = "6281234567890"


def post(client: Client, payload: dict[str, Any], secret: str = TEST_WHATSAPP_SECRET) -> Any:
    body, headers = signed(secret, payload)
    return client.http.post(WEBHOOK, body=body, headers=headers)


def inbox(client: Client, auth: Callable[..., dict[str, str]]) -> list[dict[str, Any]]:
    r = client.http.get("/v1/admin/inbox", headers=auth("complaint_officer"))
    assert r.status_code == 200, r.body
    items: list[dict[str, Any]] = r.json_body["items"]
    return items


def ago(seconds: int) -> int:
    return int(time.time()) - seconds


def test_verification_answers_the_challenge_only_for_our_token(client: Client) -> None:
    ok = client.http.get(
        f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token={TEST_WHATSAPP_VERIFY}&hub.challenge=12345"
    )
    assert ok.status_code == 200
    assert ok.body == b"12345"
    assert ok.headers["Content-Type"].startswith("text/plain")
    wrong = client.http.get(
        f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=12345"
    )
    assert wrong.status_code == 403
    assert b"12345" not in wrong.body
    no_mode = client.http.get(f"{WEBHOOK}?hub.verify_token={TEST_WHATSAPP_VERIFY}&hub.challenge=1")
    assert no_mode.status_code == 403


def test_unsigned_and_wrongly_signed_posts_store_nothing(client: Client, auth: Any) -> None:
    payload = delivery([text_message(SENDER, "Jalan rusak di depan kantor camat")])
    body = json.dumps(payload).encode()
    unsigned = client.http.post(WEBHOOK, body=body, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401
    assert unsigned.headers["Content-Type"] == "application/problem+json"
    wrong = post(client, payload, secret="not-the-app-secret-at-all-0123456789")
    assert wrong.status_code == 401
    # signed for another body: a tampered delivery
    _, headers = signed(TEST_WHATSAPP_SECRET, delivery([text_message(SENDER, "lain")]))
    tampered = client.http.post(WEBHOOK, body=body, headers=headers)
    assert tampered.status_code == 401
    assert inbox(client, auth) == []


def test_a_batch_of_two_messages_and_a_status_in_one_delivery(client: Client, auth: Any) -> None:
    from chalicelib import bootstrap

    # GIVEN a message the bureau sent earlier through the outbox on WhatsApp
    intake = client.http.post(
        "/v1/admin/complaints",
        headers=auth("complaint_officer"),
        body=json.dumps(
            {
                "subject": "Bantuan sosial belum cair",
                "description": "Sudah tiga bulan bantuan belum diterima.",
                "privacy": "named",
                "reporter": {"name": "Siti", "phone": "+6285600000001"},
                "channel": "telepon",
                "received_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
            }
        ),
    )
    assert intake.status_code == 201, intake.body
    sent = next(
        n
        for n in bootstrap.outbox_service().list_recent(10, None).items
        if n.item_code == intake.json_body["code"]
    )
    bootstrap.inbox_repo().remember_sent("wamid.OUT1", sent.id, sent.created_at)
    # WHEN one delivery carries two messages of one sender and a delivery report
    first, second = ago(600), ago(300)
    payload = delivery(
        [
            text_message(SENDER, "Selamat pagi, lampu jalan mati", at=first, mid="wamid.A1"),
            text_message(SENDER, "Sudah seminggu", at=second, mid="wamid.A2"),
        ],
        [status("wamid.OUT1", "delivered")],
        names={SENDER: "Budi"},
    )
    r = post(client, payload)
    # THEN both messages are one conversation and the report is on the outbox message
    assert r.status_code == 200, r.body
    assert r.json_body == {"messages": 2, "stored": 2, "statuses": 1}
    [conversation] = inbox(client, auth)
    assert conversation["channel"] == "whatsapp"
    assert conversation["sender"] == "+" + SENDER
    assert conversation["sender_name"] == "Budi"
    assert [m["text"] for m in conversation["messages"]] == [
        "Selamat pagi, lampu jalan mati",
        "Sudah seminggu",
    ]
    assert datetime.fromisoformat(conversation["first_received_at"]).timestamp() == first
    reported = next(
        n for n in bootstrap.outbox_service().list_recent(10, None).items if n.id == sent.id
    )
    assert reported.delivery == "delivered"
    # AND a replay of the same delivery is a no-op
    again = post(client, payload)
    assert again.status_code == 200
    assert again.json_body["stored"] == 0
    [same] = inbox(client, auth)
    assert len(same["messages"]) == 2
    # AND an older report does not move the state back
    post(client, delivery([], [status("wamid.OUT1", "sent")]))
    after = [n for n in bootstrap.outbox_service().list_recent(10, None).items if n.id == sent.id]
    assert after[0].delivery == "delivered"


def test_longest_waiting_first(client: Client, auth: Any) -> None:
    post(client, delivery([text_message("6281111111111", "baru saja", at=ago(60))]))
    post(client, delivery([text_message("6282222222222", "sudah lama", at=ago(3600))]))
    senders = [c["sender"] for c in inbox(client, auth)]
    assert senders == ["+6282222222222", "+6281111111111"]
    denied = client.http.get("/v1/admin/inbox", headers=auth("front_desk"))
    assert denied.status_code == 403


def test_conversation_to_complaint_keeps_the_first_message_time(client: Client, auth: Any) -> None:
    from chalicelib import bootstrap
    from chalicelib.config import get_settings
    from chalicelib.domain.sla import RINGAN, deadline

    first = ago(7200)
    post(client, delivery([text_message(SENDER, "Pelayanan KTP lambat", at=first)]))
    post(client, delivery([text_message(SENDER, "Mohon ditindaklanjuti", at=ago(100))]))
    [conversation] = inbox(client, auth)
    r = client.http.post(
        f"/v1/admin/inbox/{conversation['id']}/complaint",
        headers=auth("complaint_officer"),
        body=json.dumps({"subject": "Pelayanan KTP lambat", "privacy": "named"}),
    )
    assert r.status_code == 201, r.body
    complaint = r.json_body
    received = datetime.fromisoformat(complaint["received_at"])
    assert received.timestamp() == first
    cal = bootstrap.calendar_service().calendar()
    expected_due = deadline(received, RINGAN, cal, get_settings().sla_policy())
    assert datetime.fromisoformat(complaint["due_at"]) == expected_due
    assert complaint["channel"] == "whatsapp"
    assert complaint["reporter"]["phone"] == "+" + SENDER
    assert "Pelayanan KTP lambat" in complaint["description"]
    assert "Mohon ditindaklanjuti" in complaint["description"]
    assert complaint["access_token"]
    assert inbox(client, auth) == []
    again = client.http.post(
        f"/v1/admin/inbox/{conversation['id']}/complaint",
        headers=auth("complaint_officer"),
        body=json.dumps({"subject": "lagi", "privacy": "named"}),
    )
    assert again.status_code == 409
    handled = client.http.get(
        f"/v1/admin/inbox/{conversation['id']}", headers=auth("complaint_officer")
    )
    assert handled.json_body["status"] == "complaint"
    assert handled.json_body["item_code"] == complaint["code"]


def test_a_reply_on_whatsapp_resumes_a_paused_clock(client: Client, auth: Any) -> None:
    post(client, delivery([text_message(SENDER, "Jembatan desa rusak", at=ago(900))]))
    [conversation] = inbox(client, auth)
    officer = auth("complaint_officer")
    made = client.http.post(
        f"/v1/admin/inbox/{conversation['id']}/complaint",
        headers=officer,
        body=json.dumps({"subject": "Jembatan desa rusak", "privacy": "named"}),
    ).json_body
    code = made["code"]
    paused = client.http.post(
        f"/v1/admin/complaints/{code}/request-info",
        headers=officer,
        body=json.dumps({"message": "Di desa mana tepatnya?"}),
    )
    assert paused.json_body["status"] == "awaiting_reporter"
    # WHEN the citizen answers on WhatsApp (their one open complaint)
    r = post(client, delivery([text_message(SENDER, "Desa Sungai Ambawang", mid="wamid.R1")]))
    assert r.json_body["stored"] == 1
    # THEN it lands on the complaint, not in the inbox, and the clock runs again
    assert inbox(client, auth) == []
    now = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert now["status"] == "received"
    assert now["messages"][-1] == {
        "at": now["messages"][-1]["at"],
        "sender": "reporter",
        "text": "Desa Sungai Ambawang",
    }
    assert now["due_at"] >= made["due_at"]
    # AND the replayed message is not added twice
    post(client, delivery([text_message(SENDER, "Desa Sungai Ambawang", mid="wamid.R1")]))
    again = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert len(again["messages"]) == len(now["messages"])


def test_dismiss_is_audited_and_attach_joins_an_open_complaint(client: Client, auth: Any) -> None:
    officer = auth("complaint_officer")
    post(client, delivery([text_message("6283333333333", "promo pulsa murah")]))
    post(client, delivery([text_message("6284444444444", "tambahan: foto menyusul")]))
    spam, extra = sorted(inbox(client, auth), key=lambda c: c["sender"])
    bad = client.http.post(
        f"/v1/admin/inbox/{spam['id']}/dismiss", headers=officer, body=json.dumps({})
    )
    assert bad.status_code == 400
    r = client.http.post(
        f"/v1/admin/inbox/{spam['id']}/dismiss",
        headers=officer,
        body=json.dumps({"reason": "Pesan promosi, bukan pengaduan"}),
    )
    assert r.status_code == 200, r.body
    assert r.json_body["status"] == "dismissed"
    from chalicelib import bootstrap
    from chalicelib.adapters.audit_store import read_trail
    from chalicelib.config import get_settings

    trail = read_trail(bootstrap.dynamo(), f"CONV#{spam['id']}")
    assert [(a.action, a.note) for a in trail] == [
        ("inbox.dismiss", "Pesan promosi, bukan pengaduan")
    ]
    month = datetime.now().astimezone(get_settings().tz).strftime("%Y-%m")
    assert bootstrap.inbox_repo().dismissed_in(month) == 1
    report = client.http.get(
        f"/v1/admin/reports/monthly?month={month}", headers=auth("supervisor")
    ).json_body
    assert report["complaints"]["conversations_dismissed"] == 1
    assert report["complaints"]["received"] == 0  # counted apart, never as a complaint
    # attach the other one to an existing open complaint
    intake = client.http.post(
        "/v1/admin/complaints",
        headers=officer,
        body=json.dumps(
            {
                "subject": "Drainase tersumbat",
                "description": "Air menggenang di jalan utama.",
                "privacy": "anonymous",
                "channel": "kotak_pengaduan",
                "received_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
            }
        ),
    ).json_body
    attached = client.http.post(
        f"/v1/admin/inbox/{extra['id']}/attach",
        headers=officer,
        body=json.dumps({"code": intake["code"]}),
    )
    assert attached.status_code == 200, attached.body
    assert attached.json_body["messages"][-1]["text"] == "tambahan: foto menyusul"
    assert inbox(client, auth) == []


def test_media_is_fetched_checked_and_a_fake_picture_refused(
    client: Client, auth: Any, graph: Any
) -> None:
    from tests.files import png

    graph.add_media("M-GOOD", "image/png", png())
    graph.add_media("M-FAKE", "image/jpeg", b"this is not a picture at all" * 10)
    r = post(
        client,
        delivery(
            [
                media_message(SENDER, "M-GOOD", "image/png", caption="foto jalan"),
                media_message(SENDER, "M-FAKE", "image/jpeg"),
                media_message(SENDER, "M-GONE", "image/jpeg"),
            ]
        ),
    )
    assert r.status_code == 200, r.body
    [conversation] = inbox(client, auth)
    kept, fake, gone = (m["attachments"][0] for m in conversation["messages"])
    assert kept["upload_id"] and kept["refused"] is None
    assert conversation["messages"][0]["text"] == "foto jalan"
    assert fake["upload_id"] is None and fake["refused"] == "type_mismatch"
    assert gone["upload_id"] is None and gone["refused"] == "unavailable"
    # the kept file is the complaint's evidence once the officer makes one
    made = client.http.post(
        f"/v1/admin/inbox/{conversation['id']}/complaint",
        headers=auth("complaint_officer"),
        body=json.dumps({"subject": "Jalan rusak", "privacy": "named"}),
    ).json_body
    assert made["evidence_upload_ids"] == [kept["upload_id"]]
    link = client.http.get(
        f"/v1/admin/attachments/{kept['upload_id']}?reason=memeriksa%20bukti",
        headers=auth("complaint_officer"),
    )
    assert link.status_code == 200, link.body


def test_a_full_conversation_hands_the_address_to_a_new_one(client: Client, auth: Any) -> None:
    """One conversation is one item (DynamoDB: 400 KB at most): 30 long messages from one
    address (4,096 two-byte characters each, 8 KB) fill the first at 24 messages (200 KB of
    text); the rest start a second conversation, and both wait in the inbox."""
    from chalicelib.domain.inbox import MAX_TEXT_BYTES

    sender = "6283333333333"
    text = "é" * 4096
    per_conversation = MAX_TEXT_BYTES // len(text.encode())
    assert per_conversation == 24
    start = ago(7200)
    for n in range(30):
        assert post(client, delivery([text_message(sender, text, at=start + n)])).status_code == 200
    mine = [c for c in inbox(client, auth) if c["sender"] == f"+{sender}"]
    assert [len(c["messages"]) for c in mine] == [24, 6]
    first, second = mine
    assert first["messages"][-1]["received_at"] < second["messages"][0]["received_at"]
    # a later message lands on the new conversation, not on the full one
    post(client, delivery([text_message(sender, "masih menunggu", at=start + 40)]))
    again = [c for c in inbox(client, auth) if c["sender"] == f"+{sender}"]
    assert [len(c["messages"]) for c in again] == [24, 7]
