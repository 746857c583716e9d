"""Use cases of the inbox (issue 19): a message from the bureau's own channels lands by
itself, with its true receipt time, where it belongs; the complaint officer turns a
conversation into a complaint, attaches it to an item, or dismisses it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol

from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.complaint import Complaint, Reporter
from ..domain.errors import AlreadyExists, DeliveryFailed, NotFound, VersionConflict
from ..domain.inbox import (
    MESSAGE_KINDS,
    Attachment,
    Contact,
    Conversation,
    InboundMessage,
    is_opt_out,
)
from ..domain.notification import Notification
from ..domain.sla import SlaPolicy
from ..domain.timeutil import to_utc
from ..domain.uploads import FileRefused, UploadUse
from ..domain.whatsapp import Media, WebhookBatch, e164_of
from .complaints import ComplaintService, NewComplaint, Staff
from .ports import Page
from .uploads import UploadService

Outcome = Literal["conversation", "complaint", "duplicate", "opted_out"]


class InboxRepository(Protocol):
    def contact(self, channel: str, address: str) -> Contact:
        """What the store knows of one address, in one read."""

    def get(self, conversation_id: str) -> Conversation | None: ...

    def open_conversations(self, limit: int, position: str | None) -> Page[Conversation]:
        """Open conversations, longest waiting first (no Scan)."""

    def start(
        self,
        conversation: Conversation,
        uploads: tuple[UploadUse, ...] = (),
        after_full: str | None = None,
    ) -> None:
        """Store a new conversation, its message's id and its address's open pointer, in one
        transaction (the pointer taken from the full conversation `after_full` when given):
        AlreadyExists for a message stored before, VersionConflict when the address opened
        another conversation meanwhile."""

    def append(
        self,
        before: Conversation,
        after: Conversation,
        message: InboundMessage,
        uploads: tuple[UploadUse, ...] = (),
    ) -> None:
        """A later message (AlreadyExists: stored before; VersionConflict: changed)."""

    def close(self, before: Conversation, after: Conversation, audit: AuditEntry) -> None:
        """A dismissed conversation with its audit line (VersionConflict if changed)."""

    def opt_out(self, message: InboundMessage, audit: AuditEntry) -> None:
        """The address asks for no more messages (AlreadyExists: stored before)."""

    def seen(self, channel: str, message_id: str) -> bool:
        """Whether a message with this channel id was stored already."""

    def add_reply(
        self, conversation: Conversation, notification: Notification, audit: AuditEntry
    ) -> None:
        """The bureau's reply in the outbox with its audit line, if the conversation is
        still there (NotFound otherwise)."""


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A file that came with a message: its declared type and name, and its bytes (None when
    the channel could not hand them over, e.g. the Graph API refused the media id)."""

    content_type: str
    filename: str
    data: bytes | None


class MediaSource(Protocol):
    def media(self, media_id: str) -> tuple[str, bytes]:
        """A message's media: its MIME type and bytes. DeliveryFailed when it cannot."""


class InboxService:
    ATTEMPTS = 3

    def __init__(
        self,
        repo: InboxRepository,
        complaints: ComplaintService,
        uploads: UploadService,
        calendar: Callable[[], WorkingCalendar],
        policy: SlaPolicy,
        new_id: Callable[[datetime], str],
        new_message_id: Callable[[datetime], str] | None = None,
        media: MediaSource | None = None,
        reports: DeliveryReports | None = None,
        outbox: DeliveryLog | None = None,
    ) -> None:
        self._media = media
        self._new_message_id = new_message_id or new_id
        self._reports = reports
        self._outbox = outbox
        self._repo = repo
        self._complaints = complaints
        self._uploads = uploads
        self._calendar = calendar
        self._policy = policy
        self._new_id = new_id

    # --- inbound ----------------------------------------------------------------------------

    def receive(
        self,
        message: InboundMessage,
        now: datetime,
        files: tuple[IncomingFile, ...] = (),
        thread: str | None = None,
    ) -> Outcome:
        """Store one inbound message once (a redelivery: `duplicate`). BERHENTI / STOP on
        WhatsApp: the address gets no more messages (`opted_out`, audited). Otherwise, in
        order: the complaint `thread` names (an e-mail's tracking code or the item its
        Message-ID answers) when its reporter has this address; the address's open
        conversation; its one open complaint, as the citizen's message (a paused clock
        resumes); else a new conversation, due 3 office hours after the message.

        A text message to a new conversation costs two store calls: the address's Query and
        one transaction."""
        if files and self._repo.seen(message.channel, message.id):
            return "duplicate"  # Meta's retry of a media message: fetch nothing again
        if message.channel == "whatsapp" and is_opt_out(message.text) and not files:
            try:
                self._repo.opt_out(
                    message,
                    AuditEntry(
                        f"CONTACT#{message.channel}", to_utc(now), "citizen", "inbox.opt_out"
                    ),
                )
            except AlreadyExists:
                return "duplicate"
            return "opted_out"
        message, uploads = self._keep_files(message, files, now)
        contact = self._repo.contact(message.channel, message.sender)
        try:
            if thread and thread in contact.open_complaints:
                self._complaints.channel_message(thread, message, uploads, now)
                return "complaint"
            for _ in range(self.ATTEMPTS):
                try:
                    return self._land(contact, message, uploads, now)
                except VersionConflict:
                    contact = self._repo.contact(message.channel, message.sender)
            raise VersionConflict()
        except AlreadyExists:
            return "duplicate"

    def _land(
        self,
        contact: Contact,
        message: InboundMessage,
        uploads: tuple[UploadUse, ...],
        now: datetime,
    ) -> Outcome:
        full: str | None = None
        if contact.open_conversation is not None:
            before = self._repo.get(contact.open_conversation)
            if before is not None and before.status == "open":
                if before.takes(message):
                    self._repo.append(before, before.add(message), message, uploads)
                    return "conversation"
                full = before.id  # a new conversation takes the address over
        if contact.open_conversation is None and len(contact.open_complaints) == 1:
            self._complaints.channel_message(contact.open_complaints[0], message, uploads, now)
            return "complaint"
        conversation = Conversation.start(
            self._new_id(now), message, self._calendar(), self._policy
        )
        self._repo.start(conversation, uploads, after_full=full)
        return "conversation"

    def _keep_files(
        self, message: InboundMessage, files: tuple[IncomingFile, ...], now: datetime
    ) -> tuple[InboundMessage, tuple[UploadUse, ...]]:
        """Each file through the upload checks: kept (a verified upload the write claims) or
        refused with its reason, noted on the message."""
        attachments: list[Attachment] = list(message.attachments)
        uploads: list[UploadUse] = []
        for i, f in enumerate(files):
            if f.data is None:
                attachments.append(Attachment(f.content_type, f.filename, refused="unavailable"))
                continue
            try:
                upload = self._uploads.accept_bytes(
                    "evidence", f.content_type, f.filename, f.data, now
                )
            except FileRefused as exc:
                attachments.append(Attachment(f.content_type, f.filename, refused=exc.reason))
                continue
            attachments.append(Attachment(f.content_type, f.filename, upload.id))
            uploads.append(UploadUse(upload, f"attachments.{i}"))
        return replace(message, attachments=tuple(attachments)), tuple(uploads)

    def receive_whatsapp(self, batch: WebhookBatch, now: datetime) -> tuple[int, int]:
        """One webhook delivery: each message stored once (its media fetched and checked),
        each delivery report applied to its outbox message. Returns (messages stored now,
        reports applied)."""
        stored = 0
        for m in batch.messages:
            files: tuple[IncomingFile, ...] = ()
            if m.media is not None:
                if self._repo.seen("whatsapp", m.id):
                    continue  # a retry of a media message: fetch nothing again
                files = (self._fetch(m.media, m.id),)
            message = InboundMessage(
                id=m.id,
                channel="whatsapp",
                sender=e164_of(m.wa_id),
                sender_name=m.name,
                received_at=m.sent_at,
                text=m.text,
                kind=m.kind if m.kind in MESSAGE_KINDS else "text",
            )
            if self.receive(message, now, files) != "duplicate":
                stored += 1
        applied = 0
        for s in batch.statuses:
            if self._reports is not None and self._outbox is not None:
                applied += record_status(
                    self._reports, self._outbox, s.id, s.status, s.at, s.error_code
                )
        return stored, applied

    def _fetch(self, media: Media, message_id: str) -> IncomingFile:
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
        name = (
            media.filename or f"whatsapp-{media.media_id}.{extension.get(media.mime_type, 'bin')}"
        )
        if self._media is None:
            return IncomingFile(media.mime_type, name, None)
        try:
            _, data = self._media.media(media.media_id)
        except DeliveryFailed:
            return IncomingFile(media.mime_type, name, None)
        return IncomingFile(media.mime_type, name, data)

    # --- the complaint officer --------------------------------------------------------------

    def open_conversations(self, limit: int, position: str | None) -> Page[Conversation]:
        return self._repo.open_conversations(limit, position)

    def get(self, conversation_id: str) -> Conversation:
        conversation = self._repo.get(conversation_id)
        if conversation is None:
            raise NotFound()
        return conversation

    def to_complaint(
        self,
        conversation_id: str,
        subject: str,
        description: str | None,
        privacy: str,
        token: str,
        staff: Staff,
        now: datetime,
    ) -> Complaint:
        """A complaint made of the conversation, in one transaction with the conversation's
        closing: received at the first message's time (its clock runs from there), on the
        conversation's channel, the sender as the reporter's phone or e-mail (none when
        `anonymous`), the messages as its description (after the officer's own, if any), the
        kept files as its evidence."""
        conversation = self.get(conversation_id)
        conversation._require("complaint")
        reporter = None
        if privacy != "anonymous":
            name = conversation.sender_name or conversation.sender
            phone = conversation.sender if conversation.channel == "whatsapp" else None
            email = conversation.sender if conversation.channel == "email" else None
            reporter = Reporter(name, phone, email)
        text = conversation.as_description()
        new = NewComplaint(
            subject=subject,
            description=f"{description}\n\n{text}" if description else text,
            privacy=privacy,
            reporter=reporter,
            evidence_upload_ids=(),
            channel=conversation.channel,
            received_at=conversation.first_received_at,
            conversation=conversation,
        )
        return self._complaints.submit(new, staff.sub, token, now)

    def attach(self, conversation_id: str, code: str, staff: Staff, now: datetime) -> Complaint:
        """The conversation added to the open complaint `code` as the citizen's message (a
        paused clock resumes), its files as evidence: one transaction."""
        conversation = self.get(conversation_id)
        conversation._require("attach")
        return self._complaints.attach_conversation(code, conversation, staff, now)

    def reply(self, conversation_id: str, text: str, staff: Staff, now: datetime) -> Notification:
        """The officer's answer on the conversation's own channel (WhatsApp: free text, the
        citizen wrote within 24 hours or a template opens it; e-mail), through the outbox."""
        conversation = self.get(conversation_id)
        now = to_utc(now)
        notification = Notification(
            id=self._new_message_id(now),
            created_at=now,
            kind="reply",
            item_kind="conversation",
            item_code=conversation.id,
            recipients=("requester",),
            subject="Balasan Biro Kesra Provinsi Kalimantan Barat",
            body=text,
            next_attempt_at=now,
        )
        audit = AuditEntry(conversation.ref, now, staff.sub, "inbox.reply", note=notification.id)
        self._repo.add_reply(conversation, notification, audit)
        return notification

    def dismiss(
        self, conversation_id: str, reason: str, staff: Staff, now: datetime
    ) -> Conversation:
        """Not a complaint: closed with the reason and an audit line."""
        before = self.get(conversation_id)
        after, audit = before.dismiss(reason, staff.sub, now)
        self._repo.close(before, after, audit)
        return after


class DeliveryReports(Protocol):
    def sent_notification(self, channel_id: str) -> str | None:
        """The outbox message a channel's message id was sent for, or None."""


class DeliveryLog(Protocol):
    def record_delivery(
        self, notification_id: str, status: str, at: datetime, error_code: str | None
    ) -> bool: ...


def record_status(
    reports: DeliveryReports,
    outbox: DeliveryLog,
    channel_id: str,
    status: str,
    at: datetime,
    error_code: str | None,
) -> bool:
    """A channel's delivery report (sent, delivered, read, failed) on the outbox message it
    belongs to; False for a message the bureau did not send through the outbox."""
    notification_id = reports.sent_notification(channel_id)
    if notification_id is None:
        return False
    return outbox.record_delivery(notification_id, status, at, error_code)
