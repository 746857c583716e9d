"""The tracking link in notices and the outbox forgetting the receipt's token (issue 19
point 3), on the domain alone."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.notification import MAX_ATTEMPTS, REDACTED, Notification
from chalicelib.domain.tracking import tracking_link

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
TOKEN = "Abc-_123xyz"


def receipt() -> Notification:
    link = tracking_link("https://kesra.example/", "PGD-2612-7KQ3MX", TOKEN)
    return Notification(
        id="NT-1",
        created_at=NOW,
        kind="confirmation",
        item_kind="complaint",
        item_code="PGD-2612-7KQ3MX",
        recipients=("requester",),
        subject="Pengaduan PGD-2612-7KQ3MX diterima",
        body=f"Pengaduan diterima.\n{link}\n",
        next_attempt_at=NOW,
        link=link,
        secret=TOKEN,
    )


def test_the_link_carries_code_and_token_in_the_fragment_only() -> None:
    assert (
        tracking_link("https://kesra.example/", "PGD-2612-7KQ3MX", TOKEN)
        == f"https://kesra.example/lacak#kode=PGD-2612-7KQ3MX&token={TOKEN}"
    )
    assert tracking_link("http://127.0.0.1:8000", "AUD-2612-AAAAAA") == (
        "http://127.0.0.1:8000/lacak#kode=AUD-2612-AAAAAA"
    )


def test_staff_see_the_body_without_the_token() -> None:
    n = receipt()
    assert TOKEN in n.body and TOKEN not in n.shown_body() and REDACTED in n.shown_body()


def test_delivered_the_notice_forgets_the_token() -> None:
    sent = receipt().claim(NOW).sent(NOW)
    assert sent.secret is None and sent.state == "sent"
    assert TOKEN not in sent.body and sent.link is not None and TOKEN not in sent.link
    assert "kode=PGD-2612-7KQ3MX" in sent.link


def test_the_token_stays_while_retrying_and_goes_when_given_up() -> None:
    n = receipt()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        n = n.claim(NOW).failed_attempt(NOW, "whatsapp: 131026")
        if attempt < MAX_ATTEMPTS:
            assert n.state == "pending" and n.secret == TOKEN and TOKEN in n.body
    assert n.state == "failed" and n.secret is None and TOKEN not in n.body


def test_a_notice_without_a_secret_is_unchanged() -> None:
    n = Notification(
        id="NT-2",
        created_at=NOW,
        kind="answer",
        item_kind="complaint",
        item_code="PGD-2612-7KQ3MX",
        recipients=("requester",),
        subject="s",
        body="b",
    )
    assert n.redacted() is n and n.shown_body() == "b"
