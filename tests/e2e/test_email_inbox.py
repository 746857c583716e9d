"""E-mail in and out (issue 19 points 5-6): a message to the bureau's address lands in the
inbox with its files checked; a reply to a notice threads back onto its complaint when the
sender is the reporter; the local SMTP listener feeds the same parser."""

from __future__ import annotations

import json
import smtplib
import socket
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from chalice.test import Client

from tests.files import PDF

OFFICER = "complaint_officer"


def mail(
    sender: str = "Budi Santoso <Budi@Example.ID>",
    subject: str = "Pengaduan bantuan sosial",
    text: str = "Bantuan sosial belum diterima sejak Juni.",
    pdf: bytes | None = None,
    in_reply_to: str | None = None,
    at: datetime | None = None,
) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "kesra@kalbarprov.go.id"
    m["Subject"] = subject
    m["Date"] = format_datetime(at or datetime.now(UTC) - timedelta(minutes=30))
    m["Message-ID"] = f"<{abs(hash((sender, subject, text)))}@mail.example.id>"
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content(text)
    if pdf is not None:
        m.add_attachment(pdf, maintype="application", subtype="pdf", filename="surat.pdf")
    return m.as_bytes()


def receive(raw: bytes) -> str:
    from chalicelib.jobs.email_in import receive_raw_email

    return receive_raw_email(raw, datetime.now(UTC).replace(microsecond=0))


def inbox(client: Client, auth: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.http.get(
        "/v1/admin/inbox", headers=auth(OFFICER)
    ).json_body["items"]
    return items


def test_an_email_with_a_pdf_becomes_a_conversation(client: Client, auth: Any) -> None:
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    assert receive(mail(pdf=PDF, at=at)) == "conversation"
    [c] = inbox(client, auth)
    assert c["channel"] == "email"
    assert c["sender"] == "budi@example.id"
    assert c["sender_name"] == "Budi Santoso"
    assert datetime.fromisoformat(c["first_received_at"]) == at
    [m] = c["messages"]
    assert m["subject"] == "Pengaduan bantuan sosial"
    assert m["text"] == "Bantuan sosial belum diterima sejak Juni."
    [a] = m["attachments"]
    assert a["filename"] == "surat.pdf" and a["upload_id"] and a["refused"] is None
    # the same message again (SES or a client retrying) is stored once
    assert receive(mail(pdf=PDF, at=at)) == "duplicate"
    made = client.http.post(
        f"/v1/admin/inbox/{c['id']}/complaint",
        headers=auth(OFFICER),
        body=json.dumps({"subject": "Bantuan sosial", "privacy": "named"}),
    ).json_body
    assert made["reporter"]["email"] == "budi@example.id"
    assert made["channel"] == "email"
    assert made["evidence_upload_ids"] == [a["upload_id"]]


def test_a_reply_to_a_request_for_information_threads_onto_its_complaint(
    client: Client, auth: Any
) -> None:
    from chalicelib import bootstrap
    from chalicelib.adapters.email_in import message_id

    officer = auth(OFFICER)
    made = client.http.post(
        "/v1/admin/complaints",
        headers=officer,
        body=json.dumps(
            {
                "subject": "Izin rumah ibadah",
                "description": "Permohonan izin belum ada kabar.",
                "privacy": "named",
                "reporter": {"name": "Ani", "email": "ani@example.id"},
                "channel": "email",
                "received_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            }
        ),
    ).json_body
    code = made["code"]
    # the reporter also has another open complaint: without threading it would wait
    client.http.post(
        "/v1/admin/complaints",
        headers=officer,
        body=json.dumps(
            {
                "subject": "Lain",
                "description": "Pengaduan lain dari pelapor yang sama.",
                "privacy": "named",
                "reporter": {"name": "Ani", "email": "ani@example.id"},
                "channel": "email",
                "received_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            }
        ),
    )
    client.http.post(
        f"/v1/admin/complaints/{code}/request-info",
        headers=officer,
        body=json.dumps({"message": "Mohon lampirkan surat permohonan."}),
    )
    asked = next(
        n
        for n in bootstrap.outbox_service().list_recent(20, None).items
        if n.item_code == code and n.kind == "answer"
    )
    # WHEN the reporter answers the notice (In-Reply-To its Message-ID, subject without code)
    raw = mail(
        sender="Ani <ani@example.id>",
        subject="Re: mohon informasi tambahan",
        text="Surat permohonan terlampir.",
        in_reply_to=message_id(asked.id, code),
    )
    assert receive(raw) == "complaint"
    # THEN it is the reporter's message on that complaint and the clock runs again
    after = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert after["status"] == "received"
    assert after["messages"][-1]["text"] == "Surat permohonan terlampir."
    assert inbox(client, auth) == []
    # AND someone else naming the code in the subject does not land on it
    stranger = mail(sender="x@example.id", subject=f"Re: Pengaduan {code}", text="saya juga")
    assert receive(stranger) == "conversation"
    assert len(inbox(client, auth)) == 1


def test_outbound_mail_carries_the_code_and_a_stable_message_id() -> None:
    from email import message_from_bytes, policy

    from chalicelib.adapters.email_in import parse_email
    from chalicelib.adapters.notifiers import text_message
    from chalicelib.domain.notification import Notification

    n = Notification(
        id="NT-261206-ABCDEF",
        created_at=datetime.now(UTC),
        kind="answer",
        item_kind="complaint",
        item_code="PGD-2612-7KQ3MX",
        recipients=("requester",),
        subject="Pengaduan PGD-2612-7KQ3MX: jawaban / tindak lanjut",
        body="Jawaban.",
    )
    raw = text_message("kesra@kalbarprov.go.id", ["ani@example.id"], n)
    sent = message_from_bytes(raw, policy=policy.default)
    assert sent["Message-ID"] == "<NT-261206-ABCDEF.PGD-2612-7KQ3MX@birokesra.kalbarprov.go.id>"
    assert "PGD-2612-7KQ3MX" in str(sent["Subject"])
    assert raw == text_message("kesra@kalbarprov.go.id", ["ani@example.id"], n)  # stable
    reply = mail(
        sender="ani@example.id", subject="Re: terima kasih", in_reply_to=sent["Message-ID"]
    )
    assert parse_email(reply, datetime.now(UTC)).thread == "PGD-2612-7KQ3MX"


def test_html_only_mail_is_read_as_text() -> None:
    from chalicelib.adapters.email_in import parse_email

    m = EmailMessage()
    m["From"] = "warga@example.id"
    m["Subject"] = "Halo"
    m.set_content(
        "<html><head><style>p{}</style></head><body><p>Jalan <b>rusak</b></p><p>Tolong</p></body></html>",
        subtype="html",
    )
    parsed = parse_email(m.as_bytes(), datetime.now(UTC))
    assert parsed.text == "Jalan rusak\nTolong"


def test_the_local_smtp_listener_feeds_the_inbox(client: Client, auth: Any) -> None:
    from dev import smtp_listener

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    listener = smtp_listener.start("127.0.0.1", port)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.sendmail(
                "citra@example.id", ["kesra@kalbarprov.go.id"], mail(sender="citra@example.id")
            )
    finally:
        listener.stop()
    [c] = inbox(client, auth)
    assert c["sender"] == "citra@example.id"
