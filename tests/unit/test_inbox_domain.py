"""The inbox's pure rules: the webhook signature, Meta's payload, the conversation's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.inbox import (
    MAX_MESSAGES,
    MAX_TEXT_BYTES,
    Attachment,
    Conversation,
    InboundMessage,
    contact_addresses,
    is_opt_out,
)
from chalicelib.domain.sla import SlaPolicy
from chalicelib.domain.whatsapp import (
    in_service_window,
    parse_webhook,
    sign,
    signature_valid,
)
from dev.whatsapp_inbound import delivery, media_message, status, text_message
from tests.clock import calendar


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    body = b'{"entry":[]}'
    header = sign("secret", body)
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert signature_valid("secret", body, header)
    assert signature_valid("secret", body, header.upper().replace("SHA256=", "sha256="))
    assert not signature_valid("secret", body + b" ", header)
    assert not signature_valid("other", body, header)
    assert not signature_valid("secret", body, None)
    assert not signature_valid("secret", body, header.replace("sha256=", "sha1="))
    assert not signature_valid("", body, sign("", body))  # no secret configured: nothing passes


def test_a_batch_is_read_across_entries_changes_and_kinds() -> None:
    payload = delivery(
        [
            text_message("6281234567890", "halo", at=1_790_000_000, mid="wamid.1"),
            media_message("6281234567890", "MEDIA1", "image/jpeg; codecs=x", caption="foto"),
            {
                "from": "6281234567890",
                "id": "wamid.3",
                "timestamp": "1790000100",
                "type": "location",
                "location": {"latitude": -0.03, "longitude": 109.33, "name": "Kantor"},
            },
            {"from": "not-a-number", "id": "wamid.bad", "timestamp": "1", "type": "text"},
        ],
        [status("wamid.OUT", "failed", error_code=131047), {"id": "x", "status": "weird"}],
        names={"6281234567890": "Budi"},
    )
    payload["entry"].append({"changes": [{"value": "broken"}]})
    batch = parse_webhook(payload)
    assert next(m.id for m in batch.messages) == "wamid.1"
    first, image, place = batch.messages
    assert first.sent_at == datetime.fromtimestamp(1_790_000_000, UTC)
    assert first.name == "Budi" and first.text == "halo"
    assert image.media is not None and image.media.mime_type == "image/jpeg"
    assert image.text == "foto"
    assert "Kantor" in place.text and "-0.03,109.33" in place.text
    assert [(s.id, s.status, s.error_code) for s in batch.statuses] == [
        ("wamid.OUT", "failed", "131047")
    ]
    assert batch.skipped == 3
    assert parse_webhook(None).messages == () and parse_webhook([1]).statuses == ()


def _message(at: datetime, mid: str = "m1", text: str = "halo") -> InboundMessage:
    return InboundMessage(mid, "whatsapp", "+6281234567890", "Budi", at, text)


def test_a_conversation_is_due_three_office_hours_after_its_first_message() -> None:
    cal = calendar()
    # Monday 15:00 local (UTC+7) -> due Tuesday 10:00 (domain.md's example)
    first = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    conversation = Conversation.start("INB-1", _message(first), cal, SlaPolicy())
    assert conversation.due_at == datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    later = conversation.add(_message(datetime(2026, 11, 24, 1, 0, tzinfo=UTC), "m2"))
    assert later.due_at == conversation.due_at
    assert later.last_received_at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    assert later.version == 2


def test_a_conversation_takes_messages_while_its_item_stays_small() -> None:
    """At most MAX_MESSAGES messages and MAX_TEXT_BYTES of UTF-8 text (DynamoDB's 400 KB
    item limit): a message past either starts a new conversation."""
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    conversation = Conversation.start("INB-1", _message(at), calendar(), SlaPolicy())
    for n in range(2, MAX_MESSAGES + 1):
        conversation = conversation.add(_message(at, f"m{n}"))
    assert len(conversation.messages) == MAX_MESSAGES
    assert not conversation.takes(_message(at, "one-more"))
    small = Conversation.start("INB-2", _message(at), calendar(), SlaPolicy())
    room = MAX_TEXT_BYTES - len(b"halo")
    assert small.takes(_message(at, "fits", "x" * room))
    assert not small.takes(_message(at, "too-big", "é" * (room // 2 + 1)))


def test_a_handled_conversation_takes_no_other_action() -> None:
    first = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    conversation = Conversation.start("INB-1", _message(first), calendar(), SlaPolicy())
    dismissed, audit = conversation.dismiss("spam", "officer", first)
    assert (audit.action, audit.from_state, audit.to_state, audit.note) == (
        "inbox.dismiss",
        "open",
        "dismissed",
        "spam",
    )
    with pytest.raises(InvalidTransition):
        dismissed.to_complaint("PGD-2611-AAAAAA", "officer", first)
    with pytest.raises(InvalidTransition):
        dismissed.add(_message(first, "m9"))


def test_description_names_refused_files() -> None:
    first = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    message = InboundMessage(
        "m1",
        "whatsapp",
        "+6281",
        None,
        first,
        "foto jalan",
        "image",
        (
            Attachment("image/jpeg", "a.jpg", "UP1"),
            Attachment("audio/ogg", "b.ogg", None, "unsupported_type"),
        ),
    )
    conversation = Conversation.start("INB-1", message, calendar(), SlaPolicy())
    assert conversation.attachment_ids == ("UP1",)
    assert conversation.as_description() == (
        "foto jalan\n[lampiran: a.jpg]\n[lampiran ditolak: b.ogg (unsupported_type)]"
    )


def test_opt_out_words_and_the_service_window() -> None:
    assert is_opt_out("BERHENTI") and is_opt_out(" stop! ") and not is_opt_out("jangan stop")
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert in_service_window(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), now)
    assert not in_service_window(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), now)
    assert not in_service_window(None, now)


def test_contact_addresses_of_a_reporter() -> None:
    assert contact_addresses("0812-3456-7890", "Budi@Example.go.id") == (
        ("whatsapp", "+6281234567890"),
        ("email", "budi@example.go.id"),
    )
    assert contact_addresses("+62 812 3456 7890", None) == (("whatsapp", "+6281234567890"),)
    assert contact_addresses(None, None) == ()
