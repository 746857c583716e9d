"""The outbox: one record per message, sent after the commit, retried with backoff."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .timeutil import to_utc

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (60, 300, 900, 3600)
CLAIM_SECONDS = 300  # a claimed message not marked within this is retried


@dataclass(frozen=True, slots=True)
class Notification:
    """A message to staff or to the requester. Holds codes and roles, never personal data:
    a requester's address is looked up from the item at send time."""

    id: str
    created_at: datetime
    kind: str  # confirmation | schedule | decline | answer | escalation
    item_kind: str
    item_code: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    level: str | None = None
    state: str = "pending"  # pending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    # What the channel reported after the send (WhatsApp status callbacks): sent, delivered,
    # read or failed, with the channel's error code (Meta's `errors[0].code`) when failed.
    channel: str | None = None  # the channel it went out on: whatsapp | email
    delivery: str | None = None
    delivery_error: str | None = None
    delivery_at: datetime | None = None
    # The portal's tracking link the notice carries (domain.tracking.tracking_link). The
    # receipt's link holds the access token in its fragment (issue 19 point 3): that token,
    # known in clear only at intake, is `secret`, and stays in `body`/`link` only until the
    # notice is delivered or given up (redacted(); staff views show shown_body()).
    link: str | None = None
    secret: str | None = None

    def shown_body(self) -> str:
        """The body as staff may see it: the secret (access token) masked."""
        return _masked(self.body, self.secret)

    def redacted(self) -> Notification:
        """The notice without its secret: the token left the body and the link (the outbox
        keeps the message as sent, minus what only the citizen may hold)."""
        if not self.secret:
            return self
        return replace(
            self,
            body=_masked(self.body, self.secret),
            link=_masked(self.link, self.secret) if self.link else self.link,
            secret=None,
        )

    def sent_on(self, channel: str, now: datetime) -> Notification:
        """Sent on `channel` (the channel's own report, if any, comes later)."""
        return replace(self.sent(now), channel=channel)

    def claim(self, now: datetime) -> Notification:
        """Take it for one attempt; another dispatcher will not take it for CLAIM_SECONDS."""
        return replace(
            self,
            attempts=self.attempts + 1,
            next_attempt_at=to_utc(now) + timedelta(seconds=CLAIM_SECONDS),
        )

    def sent(self, now: datetime) -> Notification:
        """Delivered: the secret goes (redacted())."""
        return replace(
            self.redacted(),
            state="sent",
            sent_at=to_utc(now),
            next_attempt_at=None,
            last_error=None,
        )

    def failed_attempt(self, now: datetime, error: str) -> Notification:
        if self.attempts >= MAX_ATTEMPTS:  # given up: the secret goes too
            return replace(
                self.redacted(), state="failed", next_attempt_at=None, last_error=error[:500]
            )
        delay = BACKOFF_SECONDS[min(self.attempts - 1, len(BACKOFF_SECONDS) - 1)]
        return replace(
            self, next_attempt_at=to_utc(now) + timedelta(seconds=delay), last_error=error[:500]
        )


REDACTED = "(disembunyikan)"


def _masked(text: str, secret: str | None) -> str:
    return text.replace(secret, REDACTED) if secret else text


DELIVERY_RANK = {"sent": 1, "delivered": 2, "read": 3, "failed": 4}


def later_delivery(current: str | None, reported: str) -> bool:
    """A channel's report moves a message's delivery state forward only: Meta may send
    `read` before `delivered`, and a late `sent` must not undo either. `failed` always wins."""
    return DELIVERY_RANK.get(reported, 0) > DELIVERY_RANK.get(current or "", 0)
