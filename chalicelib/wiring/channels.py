"""Wiring of the channels to citizens and staff: the notifier chain (SNS, SES e-mail,
WhatsApp), the requester's contact, the outbox, the inbox and the inbound-mail bucket."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.config import get_settings
from chalicelib.wiring.cases import audience_service, complaint_repo, complaint_service
from chalicelib.wiring.letters import letter_service
from chalicelib.wiring.registry import built, client, dated_id
from chalicelib.wiring.storage import calendar_service, dynamo, upload_service

if TYPE_CHECKING:
    from chalicelib.adapters.ical_invite import Invite
    from chalicelib.adapters.inbox_repo import DynamoInboxRepository
    from chalicelib.adapters.whatsapp_graph import GraphApi
    from chalicelib.domain.notification import Notification
    from chalicelib.services.inbox import InboxService
    from chalicelib.services.outbox import OutboxService
    from chalicelib.services.ports import FileStore, Notifier
    from chalicelib.services.requester_contact import RequesterContact


@built
def notifier() -> Notifier:
    """Local: a recording notifier. AWS: the SNS topic, and SES where a sender is set. Both:
    WhatsApp where the bureau's number is set (under `make run`: the local recorder)."""
    from chalicelib.adapters import notifiers

    s = get_settings()
    chain: list[Any] = []
    if s.app_env == "local":
        chain.append(notifiers.RecordingNotifier())
    else:
        chain.append(notifiers.SnsNotifier(client("sns"), s.alert_topic_arn or ""))
        if s.ses_sender:
            chain.append(
                notifiers.SesNotifier(
                    client("ses"),
                    s.ses_sender,
                    s.alert_emails(),
                    requester_contact().email,
                    requester_contact().invite,
                    requester_letter,
                )
            )
        elif not s.whatsapp_sends:
            chain.append(notifiers.RequesterNeedsEmail())
    if s.whatsapp_sends:
        chain.append(whatsapp_notifier())
    return chain[0] if len(chain) == 1 else notifiers.FanOutNotifier(chain)


def whatsapp_notifier() -> Notifier:
    from datetime import UTC, datetime

    from chalicelib.adapters.whatsapp_notifier import WhatsAppNotifier

    return WhatsAppNotifier(
        whatsapp_graph(),
        inbox_repo(),
        requester_contact().phone,
        get_settings().whatsapp_templates(),
        lambda: datetime.now(UTC).replace(microsecond=0),
        requester_letter,
    )


def requester_letter(notification: Notification) -> tuple[str, bytes] | None:
    """The signed letter for a message to the requester that answers with one (an
    audience's schedule, reschedule, cancellation or decline; a complaint's answer, not an
    earlier request for information), read when the message is sent."""
    n = notification
    if "requester" not in n.recipients:
        return None
    letter_id: str | None = None
    if n.item_kind == "audience" and n.kind in ("schedule", "decline"):
        letter = audience_service().get(n.item_code).reply_letter
        letter_id = letter.id if letter else None
    elif n.item_kind == "complaint" and n.kind == "answer":
        complaint = complaint_repo().get(n.item_code)
        answer = complaint.answer if complaint else None
        if answer is not None and n.created_at >= answer.at:
            letter_id = answer.letter_id
    if letter_id is None:
        return None
    _, pdf = letter_service().pdf(letter_id)
    return f"surat-{n.item_code}.pdf", pdf


@built
def requester_contact() -> RequesterContact[Invite]:
    from chalicelib.adapters.ical_invite import invite_ics, organizer_address
    from chalicelib.services.requester_contact import RequesterContact

    organizer = organizer_address(get_settings().ses_sender)
    return RequesterContact(
        lambda code: audience_service().get(code),
        lambda code: complaint_repo().get(code),
        lambda audience, now: invite_ics(audience, now, organizer),
        lambda conversation_id: inbox_repo().get(conversation_id),
    )


@built
def outbox_service() -> OutboxService:
    from chalicelib.adapters.outbox_repo import DynamoOutboxRepository
    from chalicelib.services.outbox import OutboxService

    return OutboxService(DynamoOutboxRepository(dynamo()), notifier())


@built
def inbox_repo() -> DynamoInboxRepository:
    from chalicelib.adapters.inbox_repo import DynamoInboxRepository

    return DynamoInboxRepository(dynamo(), get_settings().tz)


@built
def inbox_service() -> InboxService:
    from chalicelib.adapters.outbox_repo import DynamoOutboxRepository
    from chalicelib.services.inbox import InboxService

    s = get_settings()
    return InboxService(
        inbox_repo(),
        complaint_service(),
        upload_service(),
        calendar_service().calendar,
        s.sla_policy(),
        new_id=dated_id("INB"),
        new_message_id=dated_id("NT"),
        media=whatsapp_graph(),
        reports=inbox_repo(),
        outbox=DynamoOutboxRepository(dynamo()),
    )


@built
def inbound_mail_store() -> FileStore:
    """The bucket SES stores inbound e-mail in (INBOUND_EMAIL_BUCKET)."""
    from chalicelib.adapters.s3_store import S3FileStore

    s = get_settings()
    return S3FileStore(client("s3"), s.inbound_email_bucket or "", s.upload_sse)


@built
def whatsapp_graph() -> GraphApi:
    """The Graph API client of the bureau's number (WHATSAPP_API_BASE: Meta's, or under
    tests and `make run` a local stand-in)."""
    from chalicelib.adapters.whatsapp_graph import GraphApi

    s = get_settings()
    return GraphApi(
        s.whatsapp_api_base,
        s.whatsapp_api_version,
        s.whatsapp_access_token or "",
        s.whatsapp_phone_number_id or "",
    )
