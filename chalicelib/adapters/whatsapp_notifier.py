"""Messages to the citizen on WhatsApp (issue 19 point 3), through the outbox like e-mail.

Inside Meta's 24-hour customer-service window (the citizen wrote to the bureau in the last 24
hours) the notice goes as free text; outside it only an approved template may open the
conversation (Meta's rule): WHATSAPP_TEMPLATES_JSON names the template and its language per
notice kind (`*` for every other kind), its body filled with the notice's subject, the
tracking code and the portal's tracking link (the receipt's with the access token in its
fragment, issue 19 point 3): the approved template's body has {{1}}, {{2}} and {{3}}. A number that wrote BERHENTI / STOP gets nothing more. A refusal or an
unreachable Graph API is DeliveryFailed with Meta's error code (`whatsapp: 131047`), which the
outbox retries with backoff and shows in the staff view once it gives up.

A notice that answers with a letter (`attachment(notification)`: the signed reply letter's
file name and PDF, issue 20 point 5) also sends it as a `document` message: uploaded first to
`/{phone-number-id}/media`, then sent by its media id after the notice. Meta allows that free
message only inside the 24-hour window; outside it the template goes alone (its link opens
the tracking page, where the letter can be downloaded).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from chalicelib.adapters.whatsapp_graph import GraphError
from chalicelib.domain.errors import DeliveryFailed
from chalicelib.domain.inbox import Contact
from chalicelib.domain.notification import Notification
from chalicelib.domain.whatsapp import in_service_window


class Sender(Protocol):
    def send(self, payload: dict[str, Any]) -> str: ...

    def upload(self, filename: str, mime_type: str, data: bytes) -> str: ...


class ContactBook(Protocol):
    def contact(self, channel: str, address: str) -> Contact: ...

    def remember_sent(self, wamid: str, notification_id: str, at: datetime) -> None: ...


class WhatsAppNotifier:
    def __init__(
        self,
        graph: Sender,
        contacts: ContactBook,
        phone_of: Callable[[str, str], str | None],
        templates: Mapping[str, tuple[str, str]],
        now: Callable[[], datetime],
        attachment: Callable[[Notification], tuple[str, bytes] | None] | None = None,
    ) -> None:
        self._attachment = attachment
        self._graph = graph
        self._contacts = contacts
        self._phone_of = phone_of
        self._templates = templates
        self._now = now

    def payload(self, n: Notification, to: str, contact: Contact, now: datetime) -> dict[str, Any]:
        """The Cloud API body: free text in the window, else the kind's template."""
        digits = to.lstrip("+")
        if in_service_window(contact.last_inbound_at, now):
            return {
                "recipient_type": "individual",
                "to": digits,
                "type": "text",
                "text": {"preview_url": False, "body": f"{n.subject}\n\n{n.body}"[:4096]},
            }
        template = self._templates.get(n.kind) or self._templates.get("*")
        if template is None:
            raise DeliveryFailed(f"whatsapp: no template for {n.kind} outside the 24-hour window")
        name, language = template
        return {
            "recipient_type": "individual",
            "to": digits,
            "type": "template",
            "template": {
                "name": name,
                "language": {"code": language},
                "components": [
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": n.subject[:200]},
                            {"type": "text", "text": n.item_code},
                            {"type": "text", "text": n.link or "-"},
                        ],
                    }
                ],
            },
        }

    def send(self, notification: Notification) -> None:
        if "requester" not in notification.recipients:
            return
        to = self._phone_of(notification.item_kind, notification.item_code)
        if not to:
            return
        contact = self._contacts.contact("whatsapp", to)
        if contact.opted_out:
            return  # BERHENTI / STOP: never again on WhatsApp
        now = self._now()
        body = self.payload(notification, to, contact, now)
        letter = None
        if body["type"] == "text" and self._attachment is not None:
            letter = self._attachment(notification)
        try:
            # the file first: a refused upload sends nothing, and the outbox retries it all
            media_id = (
                self._graph.upload(letter[0], "application/pdf", letter[1]) if letter else None
            )
            wamid = self._graph.send(body)
            self._contacts.remember_sent(wamid, notification.id, now)
            if letter and media_id:
                document = {
                    "recipient_type": "individual",
                    "to": body["to"],
                    "type": "document",
                    "document": {
                        "id": media_id,
                        "filename": letter[0],
                        "caption": notification.subject[:1024],
                    },
                }
                self._contacts.remember_sent(self._graph.send(document), notification.id, now)
        except GraphError as exc:
            raise DeliveryFailed(f"whatsapp: {exc.error_code or exc}") from None


def templates_from(data: Mapping[str, Any] | None) -> dict[str, tuple[str, str]]:
    """WHATSAPP_TEMPLATES_JSON's {kind: [name, language]}; the default: one generic template
    `kesra_pemberitahuan` in Indonesian for every kind."""
    if not data:
        return {"*": ("kesra_pemberitahuan", "id")}
    return {str(k): (str(v[0]), str(v[1])) for k, v in data.items()}
