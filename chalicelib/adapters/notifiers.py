"""Where outbox messages go: an SNS topic for staff alerts (subscriptions filter on the
`recipients` attribute), e-mail through SES where configured, and a recording notifier for
the local stack. Delivery errors become DeliveryFailed, which the outbox retries."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.ical_invite import Invite
from chalicelib.domain.errors import DeliveryFailed
from chalicelib.domain.notification import Notification


def _attributes(n: Notification) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": {"DataType": "String", "StringValue": n.kind},
        "item_code": {"DataType": "String", "StringValue": n.item_code},
        "recipients": {"DataType": "String.Array", "StringValue": json.dumps(list(n.recipients))},
    }
    if n.level:
        attrs["level"] = {"DataType": "String", "StringValue": n.level}
    return attrs


def staff_recipients(n: Notification) -> list[str]:
    return [r for r in n.recipients if r.startswith(("role:", "staff:"))]


class SnsNotifier:
    """Staff alerts only: a citizen's address never goes to the topic."""

    def __init__(self, client: Any, topic_arn: str) -> None:
        self._client = client
        self._topic = topic_arn

    def send(self, notification: Notification) -> None:
        if not staff_recipients(notification):
            return
        try:
            self._client.publish(
                TopicArn=self._topic,
                Subject=notification.subject[:100],
                Message=notification.body,
                MessageAttributes=_attributes(notification),
            )
        except (ClientError, BotoCoreError) as exc:
            raise DeliveryFailed(f"sns: {type(exc).__name__}") from exc


class SesNotifier:
    """E-mail: staff recipients to their configured addresses, and the requester to the
    address on the item, looked up at send time (the outbox holds no personal data).

    A message that carries a meeting (`invite(notification)` gives its Invite: a schedule, a
    reschedule, a cancellation) goes out as iMIP (RFC 6047): multipart/alternative with the
    text and `text/calendar; method=REQUEST` (or CANCEL), which Outlook and Gmail show with
    accept/decline, or apply as a cancellation. Others are plain text. A message that
    answers with a letter (`attachment(notification)` gives its file name and bytes: the
    signed reply letter) carries it as an application/pdf attachment (multipart/mixed)."""

    def __init__(
        self,
        client: Any,
        sender: str,
        addresses: Mapping[str, Sequence[str]],
        requester_email: Callable[[str, str], str | None],
        invite: Callable[[Notification], Invite | None] | None = None,
        attachment: Callable[[Notification], tuple[str, bytes] | None] | None = None,
    ) -> None:
        self._attachment = attachment
        self._client = client
        self._sender = sender
        self._addresses = addresses
        self._requester_email = requester_email
        self._invite = invite

    def send(self, notification: Notification) -> None:
        to = {a for r in notification.recipients for a in self._addresses.get(r, ())}
        if "requester" in notification.recipients:
            email = self._requester_email(notification.item_kind, notification.item_code)
            if email:
                to.add(email)
        if not to:
            return
        invite = self._invite(notification) if self._invite is not None else None
        try:
            attached = self._attachment(notification) if self._attachment is not None else None
            if invite is None:
                raw = text_message(self._sender, sorted(to), notification, attached)
            else:
                raw = imip_message(self._sender, sorted(to), notification, invite, attached)
            self._client.send_raw_email(
                Source=self._sender, Destinations=sorted(to), RawMessage={"Data": raw}
            )
        except (ClientError, BotoCoreError) as exc:
            raise DeliveryFailed(f"ses: {type(exc).__name__}") from exc


def imip_message(
    sender: str,
    to: Sequence[str],
    notification: Notification,
    invite: Invite,
    attached: tuple[str, bytes] | None = None,
) -> bytes:
    """An iMIP (RFC 6047) e-mail: multipart/alternative of the text and the iTIP invite as
    `text/calendar; charset=utf-8; method=<METHOD>` (the same bytes as the download)."""
    from email.message import EmailMessage
    from email.utils import formatdate

    from chalicelib.adapters.email_in import message_id

    message = EmailMessage()
    message["Subject"] = notification.subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(notification.created_at.timestamp())
    message["Message-ID"] = message_id(notification.id, notification.item_code)
    message.set_content(notification.body)
    message.add_alternative(invite.text, subtype="calendar", params={"method": invite.method})
    _attach(message, attached)
    return message.as_bytes()


def _attach(message: Any, attached: tuple[str, bytes] | None) -> None:
    """The letter as an application/pdf attachment (the message becomes multipart/mixed)."""
    if attached is not None:
        name, data = attached
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)


def text_message(
    sender: str,
    to: Sequence[str],
    notification: Notification,
    attached: tuple[str, bytes] | None = None,
) -> bytes:
    """A plain-text notice (RFC 5322) whose subject carries the tracking code and whose
    Message-ID is stable (`<notice id>.<tracking code>@...`), so a reply threads back onto
    the item (issue 19 point 6)."""
    from email.message import EmailMessage
    from email.utils import formatdate

    from chalicelib.adapters.email_in import message_id

    message = EmailMessage()
    message["Subject"] = notification.subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(notification.created_at.timestamp())
    message["Message-ID"] = message_id(notification.id, notification.item_code)
    message.set_content(notification.body)
    _attach(message, attached)
    return message.as_bytes()


class RequesterNeedsEmail:
    """Without SES nothing can reach a citizen: say so, and let the outbox retry and fail."""

    def send(self, notification: Notification) -> None:
        if "requester" in notification.recipients:
            raise DeliveryFailed("no e-mail channel configured (SES_SENDER)")


class FanOutNotifier:
    def __init__(self, notifiers: Sequence[Any]) -> None:
        self._notifiers = list(notifiers)

    def send(self, notification: Notification) -> None:
        for notifier in self._notifiers:
            notifier.send(notification)


class RecordingNotifier:
    """The local stack's delivery: keeps what was sent (for a developer to inspect)."""

    def __init__(self) -> None:
        self.sent: list[Notification] = []
        self._lock = threading.Lock()

    def send(self, notification: Notification) -> None:
        with self._lock:
            self.sent.append(notification)
