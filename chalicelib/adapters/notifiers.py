"""Where outbox messages go: an SNS topic for staff alerts (subscriptions filter on the
`recipients` attribute), e-mail through SES where configured, and a recording notifier for
the local stack. Delivery errors become DeliveryFailed, which the outbox retries."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

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


class SnsNotifier:
    def __init__(self, client: Any, topic_arn: str) -> None:
        self._client = client
        self._topic = topic_arn

    def send(self, notification: Notification) -> None:
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
    """E-mail to the addresses configured for each recipient (role:… or staff:…)."""

    def __init__(self, client: Any, sender: str, addresses: Mapping[str, Sequence[str]]) -> None:
        self._client = client
        self._sender = sender
        self._addresses = addresses

    def send(self, notification: Notification) -> None:
        to = sorted({a for r in notification.recipients for a in self._addresses.get(r, ())})
        if not to:
            return
        try:
            self._client.send_email(
                Source=self._sender,
                Destination={"ToAddresses": to},
                Message={
                    "Subject": {"Data": notification.subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": notification.body, "Charset": "UTF-8"}},
                },
            )
        except (ClientError, BotoCoreError) as exc:
            raise DeliveryFailed(f"ses: {type(exc).__name__}") from exc


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
