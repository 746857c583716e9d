"""Messages to the requester (the citizen who submitted an item): the address they go to and
which of them carry the meeting's calendar invite. The outbox holds no personal data, so
both are read from the item when a message is sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from ..domain.errors import InvalidTransition

if TYPE_CHECKING:
    from ..domain.audience import Audience
    from ..domain.complaint import Complaint
    from ..domain.inbox import Conversation
    from ..domain.notification import Notification

InviteT = TypeVar("InviteT")


class RequesterContact(Generic[InviteT]):
    """`audience(code)` reads an audience request (NotFound when there is none);
    `complaint(code)` a complaint, or None; `build_invite(audience, now)` makes the iTIP
    invite (RFC 5546) of its meeting, raising InvalidTransition when none was scheduled."""

    def __init__(
        self,
        audience: Callable[[str], Audience],
        complaint: Callable[[str], Complaint | None],
        build_invite: Callable[[Audience, datetime], InviteT],
        conversation: Callable[[str], Conversation | None] | None = None,
    ) -> None:
        self._conversation = conversation
        self._audience = audience
        self._complaint = complaint
        self._build_invite = build_invite

    def email(self, kind: str, code: str) -> str | None:
        """The e-mail address on the item of `kind` (`audience` or `complaint`) and `code`:
        the requester's contact, or the reporter's (None for an anonymous complaint, one
        without an address, or none stored). Raises NotFound for an unknown audience."""
        if kind == "conversation":
            c = self._conversation(code) if self._conversation is not None else None
            return c.sender if c is not None and c.channel == "email" else None
        if kind == "audience":
            return self._audience(code).contact.email
        complaint = self._complaint(code)
        if complaint is None or complaint.reporter is None:
            return None
        return complaint.reporter.email

    def phone(self, kind: str, code: str) -> str | None:
        """The WhatsApp number (E.164) a message about the item goes to: the requester's or
        the reporter's phone, or the number an inbox conversation (`kind` `conversation`)
        came from; None when there is none."""
        if kind == "conversation":
            c = self._conversation(code) if self._conversation is not None else None
            return c.sender if c is not None and c.channel == "whatsapp" else None
        phone: str | None
        if kind == "audience":
            phone = self._audience(code).contact.phone
        else:
            complaint = self._complaint(code)
            phone = complaint.reporter.phone if complaint and complaint.reporter else None
        if not phone:
            return None
        from ..domain.inbox import phone_address

        return phone_address(phone)

    def invite(self, notification: Notification) -> InviteT | None:
        """The meeting's invite for a message to the requester about it (schedule,
        reschedule, cancellation), built as of the message's creation; None for every other
        message, and for a cancellation before a meeting was ever set (plain text)."""
        n = notification
        if n.item_kind != "audience" or n.kind != "schedule" or "requester" not in n.recipients:
            return None
        try:
            return self._build_invite(self._audience(n.item_code), n.created_at)
        except InvalidTransition:
            return None
