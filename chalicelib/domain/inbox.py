"""Kotak masuk: what a citizen wrote on the bureau's own channels (WhatsApp, e-mail) before
anyone has made it an item (issue 19).

A message from an address with no open conversation starts one; later messages from that
address join it until the complaint officer turns it into a complaint, attaches it to an
existing item, or dismisses it as not a complaint (with a reason, audited). The clock of an
unclassified complaint (3 office hours, the standard's `ringan` class) runs from the first
message: `due_at` is what the officer has to beat.

Pure: time, the working calendar and the SLA policy are arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .audit import AuditEntry
from .calendar import WorkingCalendar
from .errors import InvalidTransition
from .sla import RINGAN, SlaPolicy, deadline
from .timeutil import to_utc
from .uploads import UploadUse

CHANNELS = ("whatsapp", "email")
STATES = ("open", "complaint", "attached", "dismissed")
MESSAGE_KINDS = ("text", "image", "document", "audio", "location", "email")
MAX_TEXT = 4096  # WhatsApp's own limit for a text message, in characters
# One conversation is one DynamoDB item, and an item holds at most 400 KB: past either
# limit a later message from the address starts a new conversation (Conversation.takes).
MAX_MESSAGES = 100
MAX_TEXT_BYTES = 200_000  # the messages' text, UTF-8


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that came with a message: kept as a checked upload (`upload_id`), or refused
    by the same file checks as uploads (`refused`: the reason's message key, e.g.
    `type_mismatch`, `file_damaged`, `unsupported_type`): noted, never silently dropped."""

    content_type: str
    filename: str
    upload_id: str | None = None
    refused: str | None = None


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message as a channel delivered it. `id`: the channel's own id (WhatsApp's
    `wamid...`, an e-mail's Message-ID), which makes a redelivery a no-op. `sender`: E.164
    (`+62...`) for WhatsApp, the lower-cased address for e-mail. `received_at`: the channel's
    own time of receipt (UTC): the SLA clock starts there."""

    id: str
    channel: str
    sender: str
    sender_name: str | None
    received_at: datetime
    text: str
    kind: str = "text"
    attachments: tuple[Attachment, ...] = ()
    subject: str | None = None
    # E-mail threading: the Message-IDs this message answers (In-Reply-To and References).
    replies_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conversation:
    """The messages of one address waiting for the complaint officer."""

    id: str
    channel: str
    sender: str
    sender_name: str | None
    messages: tuple[InboundMessage, ...]
    due_at: datetime
    status: str = "open"
    item_code: str | None = None  # the complaint it became or was attached to
    dismiss_reason: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    version: int = 1

    @property
    def ref(self) -> str:
        return f"CONV#{self.id}"

    @property
    def first_received_at(self) -> datetime:
        return self.messages[0].received_at

    @property
    def last_received_at(self) -> datetime:
        return max(m.received_at for m in self.messages)

    @property
    def attachment_ids(self) -> tuple[str, ...]:
        """The kept files of every message, in order (refused ones have none)."""
        return tuple(
            a.upload_id for m in self.messages for a in m.attachments if a.upload_id is not None
        )

    @staticmethod
    def start(
        conversation_id: str, message: InboundMessage, cal: WorkingCalendar, policy: SlaPolicy
    ) -> Conversation:
        """A new conversation from its first message; due 3 office hours after it (the
        standard's clock of an unclassified complaint, SlaPolicy's `ringan` limit)."""
        return Conversation(
            id=conversation_id,
            channel=message.channel,
            sender=message.sender,
            sender_name=message.sender_name,
            messages=(message,),
            due_at=deadline(message.received_at, RINGAN, cal, policy),
        )

    def takes(self, message: InboundMessage) -> bool:
        """Whether `message` still fits this conversation: at most MAX_MESSAGES messages and
        MAX_TEXT_BYTES of text (UTF-8), so that the stored item stays well under DynamoDB's
        400 KB item limit (an e-mail may carry 20,000 characters). A message that does not
        fit starts a new conversation for the same address; the full one stays in the inbox."""
        if len(self.messages) >= MAX_MESSAGES:
            return False
        size = sum(len(m.text.encode()) for m in (*self.messages, message))
        return size <= MAX_TEXT_BYTES

    def add(self, message: InboundMessage) -> Conversation:
        """A later message from the same address (kept in the order of receipt). Refused
        (InvalidTransition `inbox.message`) once the conversation was handled."""
        self._require("message")
        messages = tuple(sorted((*self.messages, message), key=lambda m: m.received_at))
        return replace(
            self,
            messages=messages,
            sender_name=self.sender_name or message.sender_name,
            version=self.version + 1,
        )

    def _require(self, action: str) -> None:
        if self.status != "open":
            raise InvalidTransition(rule=f"inbox.{action}", state=self.status, allowed="open")

    def _close(
        self, action: str, to: str, actor: str, now: datetime, note: str, **changes: object
    ) -> tuple[Conversation, AuditEntry]:
        self._require(action)
        now = to_utc(now)
        after = replace(
            self,
            status=to,
            closed_at=now,
            closed_by=actor,
            version=self.version + 1,
            **changes,  # type: ignore[arg-type]
        )
        return after, AuditEntry(self.ref, now, actor, f"inbox.{action}", "open", to, note)

    def to_complaint(self, code: str, actor: str, now: datetime) -> tuple[Conversation, AuditEntry]:
        """Made into the complaint `code` (its receipt: the first message's time)."""
        return self._close("complaint", "complaint", actor, now, code, item_code=code)

    def attach(self, code: str, actor: str, now: datetime) -> tuple[Conversation, AuditEntry]:
        """Added to the existing item `code` as the citizen's message."""
        return self._close("attach", "attached", actor, now, code, item_code=code)

    def dismiss(self, reason: str, actor: str, now: datetime) -> tuple[Conversation, AuditEntry]:
        """Not a complaint (spam, a greeting, a wrong number): closed with the reason, counted
        apart in the monthly report."""
        return self._close("dismiss", "dismissed", actor, now, reason, dismiss_reason=reason)

    def as_description(self) -> str:
        """The messages as one text, oldest first, for a complaint's description."""
        parts = []
        for m in self.messages:
            line = m.text.strip()
            if m.subject and m.channel == "email":
                line = f"{m.subject}\n{line}" if line else m.subject
            notes = [
                f"[lampiran ditolak: {a.filename} ({a.refused})]"
                if a.refused
                else f"[lampiran: {a.filename}]"
                for a in m.attachments
            ]
            parts.append("\n".join(p for p in (line, *notes) if p))
        return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class InboxChange:
    """What a complaint's write records for the inbox in the same transaction: a message
    stored once by its channel id (`seen`, which also refreshes the address's reply window),
    its kept files recorded as the item's (`uploads`), and a conversation handled (`closed`: before, after, its audit line)."""

    seen: InboundMessage | None = None
    uploads: tuple[UploadUse, ...] = ()
    closed: tuple[Conversation, Conversation, AuditEntry] | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """What the store knows of one address (one read): its open conversation, the open
    complaints that carry it, when it last wrote (WhatsApp's 24-hour customer-service window
    runs from there) and whether it asked for no more messages (BERHENTI / STOP)."""

    channel: str
    address: str
    open_conversation: str | None = None
    open_complaints: tuple[str, ...] = ()
    last_inbound_at: datetime | None = None
    opted_out: bool = False


STOP_WORDS = frozenset({"berhenti", "stop", "unsubscribe", "stop promotions"})


def is_opt_out(text: str) -> bool:
    """A message that is only BERHENTI or STOP (any case, trailing punctuation ignored):
    the citizen asks for no more messages (Meta's opt-out rule for business messages)."""
    return text.strip().strip(".!").strip().lower() in STOP_WORDS


def phone_address(phone: str) -> str | None:
    """A stored phone number as the inbox's WhatsApp address: E.164 through `to_e164`
    (numbers are stored that way already; an older stored one is read the same way). None
    for one that is not a number."""
    from .phone import InvalidPhoneNumber, to_e164

    try:
        return to_e164(phone)
    except InvalidPhoneNumber:
        return None


def contact_addresses(phone: str | None, email: str | None) -> tuple[tuple[str, str], ...]:
    """The inbox addresses of a reporter's contact: (`whatsapp`, E.164) and (`email`,
    lower-cased address), for those given."""
    out: list[tuple[str, str]] = []
    if phone and (address := phone_address(phone)):
        out.append(("whatsapp", address))
    if email:
        out.append(("email", email.strip().lower()))
    return tuple(out)
