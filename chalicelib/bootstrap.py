"""The one place that builds boto3 clients, repositories and services, each on first use.

Nothing here runs at import: a cold start pays only for what its first request touches.
Tests call reset() to rebuild everything against a fresh (moto) backend.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from chalicelib.config import get_settings

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo import Dynamo
    from chalicelib.adapters.ical_invite import Invite
    from chalicelib.adapters.idempotency import Idempotency
    from chalicelib.adapters.inbox_repo import DynamoInboxRepository
    from chalicelib.adapters.tracked_repo import DynamoTrackedItemRepository
    from chalicelib.adapters.whatsapp_graph import GraphApi
    from chalicelib.domain.errors import AppError
    from chalicelib.domain.notification import Notification
    from chalicelib.services.audiences import AudienceService
    from chalicelib.services.calendar import CalendarService, Retimer
    from chalicelib.services.complaints import ComplaintService
    from chalicelib.services.guestbook import GuestbookService
    from chalicelib.services.inbox import InboxService
    from chalicelib.services.letters import LetterService
    from chalicelib.services.outbox import OutboxService
    from chalicelib.services.ports import FileStore, Notifier, StaffDirectory
    from chalicelib.services.reports import ReportService
    from chalicelib.services.requester_contact import RequesterContact
    from chalicelib.services.rooms import RoomService
    from chalicelib.services.skm import SkmService
    from chalicelib.services.sweep import SweepService
    from chalicelib.services.tracked_codes import TrackedCodes
    from chalicelib.services.tracking_guard import TrackingGuard
    from chalicelib.services.uploads import UploadService


def _client(service: str) -> Any:
    import boto3
    from botocore.config import Config

    settings = get_settings()
    if settings.tracing_enabled:
        from chalicelib.observability import get_tracer

        get_tracer()  # X-Ray patches botocore before the first client is built
    return boto3.client(  # type: ignore[call-overload]
        service,
        region_name=settings.aws_region,
        config=Config(
            connect_timeout=2,
            read_timeout=5,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )


@functools.cache
def dynamo() -> Dynamo:
    from chalicelib.adapters.dynamo import Dynamo

    return Dynamo(_client("dynamodb"), get_settings().table_name)


def _dated_id(prefix: str, date_format: str = "%y%m%d") -> Any:
    from chalicelib.domain.ids import dated_code

    tz = get_settings().tz
    return lambda now: dated_code(prefix, now, tz, date_format)


@functools.cache
def guestbook_service() -> GuestbookService:
    from chalicelib.adapters.guestbook_repo import DynamoGuestbookRepository
    from chalicelib.services.guestbook import GuestbookService

    return GuestbookService(
        DynamoGuestbookRepository(dynamo(), get_settings().tz),
        new_id=_dated_id("BT"),
        invites=lambda now: skm_service().new_invite(now),
    )


@functools.cache
def skm_service() -> SkmService:
    from chalicelib.adapters.skm_repo import DynamoSkmRepository
    from chalicelib.domain.ids import random_part
    from chalicelib.services.skm import SkmService

    s = get_settings()
    return SkmService(
        DynamoSkmRepository(dynamo()),
        s.skm_rules(),
        s.tz,
        new_id=lambda: random_part(16),
        lookup=tracked_codes().track,
    )


@functools.cache
def tracked_codes() -> TrackedCodes:
    from chalicelib.services.tracked_codes import TrackedCodes

    return TrackedCodes(audience_service, complaint_service)


@functools.cache
def calendar_service() -> CalendarService:
    from chalicelib.adapters.calendar_repo import DynamoCalendarRepository
    from chalicelib.adapters.holiday_library import library_holidays
    from chalicelib.services.calendar import CalendarService

    s = get_settings()
    return CalendarService(
        DynamoCalendarRepository(dynamo()),
        library_holidays,
        s.tz,
        s.office_open,
        s.office_close,
        cache_seconds=s.calendar_cache_seconds,
    )


@functools.cache
def tracked_items() -> DynamoTrackedItemRepository:
    from chalicelib.adapters.tracked_repo import DynamoTrackedItemRepository

    return DynamoTrackedItemRepository(dynamo(), shards=get_settings().due_shards)


@functools.cache
def retimer() -> Retimer:
    from chalicelib.services.calendar import Retimer

    return Retimer(tracked_items(), get_settings().sla_policy())


@functools.cache
def sweep_service() -> SweepService:
    from chalicelib.services.sweep import SweepService

    return SweepService(
        tracked_items(),
        calendar_service().calendar,
        get_settings().sla_policy(),
        new_id=_dated_id("NT"),
    )


@functools.cache
def notifier() -> Notifier:
    """Local: a recording notifier. AWS: the SNS topic, and SES where a sender is set. Both:
    WhatsApp where the bureau's number is set (under `make run`: the local recorder)."""
    from chalicelib.adapters import notifiers

    s = get_settings()
    chain: list[Any] = []
    if s.app_env == "local":
        chain.append(notifiers.RecordingNotifier())
    else:
        chain.append(notifiers.SnsNotifier(_client("sns"), s.alert_topic_arn or ""))
        if s.ses_sender:
            chain.append(
                notifiers.SesNotifier(
                    _client("ses"),
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
    )


def requester_letter(notification: Notification) -> tuple[str, bytes] | None:
    """The signed reply letter for a message to the requester that answers with one (an
    audience's schedule, reschedule, cancellation or decline), read when the message is sent."""
    n = notification
    if n.item_kind != "audience" or "requester" not in n.recipients:
        return None
    if n.kind not in ("schedule", "decline"):
        return None
    letter = audience_service().get(n.item_code).reply_letter
    if letter is None or letter.id is None:
        return None
    _, pdf = letter_service().pdf(letter.id)
    return f"surat-{n.item_code}.pdf", pdf


@functools.cache
def requester_contact() -> RequesterContact[Invite]:
    from chalicelib.adapters.ical_invite import invite_ics, organizer_address
    from chalicelib.services.requester_contact import RequesterContact

    organizer = organizer_address(get_settings().ses_sender)
    return RequesterContact(
        lambda code: audience_service().get(code),
        lambda code: _complaint_repo().get(code),
        lambda audience, now: invite_ics(audience, now, organizer),
        lambda conversation_id: inbox_repo().get(conversation_id),
    )


@functools.cache
def outbox_service() -> OutboxService:
    from chalicelib.adapters.outbox_repo import DynamoOutboxRepository
    from chalicelib.services.outbox import OutboxService

    return OutboxService(DynamoOutboxRepository(dynamo()), notifier())


@functools.cache
def upload_service() -> UploadService:
    from chalicelib.adapters.file_check import LibraryFileInspector
    from chalicelib.adapters.s3_store import S3FileStore
    from chalicelib.adapters.upload_repo import DynamoUploadRepository
    from chalicelib.domain.ids import random_part
    from chalicelib.services.uploads import UploadService

    s = get_settings()
    files = S3FileStore(_client("s3"), s.bucket_name, s.upload_sse)
    return UploadService(
        DynamoUploadRepository(dynamo()),
        files,
        new_id=lambda now: f"UP{now:%y%m%d}{random_part(10)}",
        inspector=LibraryFileInspector(),
    )


def letter_settings() -> Any:
    """The settings every letter takes (domain.letter.LetterSettings)."""
    from chalicelib.domain.letter import LetterSettings

    s = get_settings()
    return LetterSettings(
        pattern=s.letter_number_pattern,
        classification=s.letter_classification,
        unit_code=s.letter_unit_code,
        signer_sub=s.letter_signer_sub,
        signer_position=s.letter_signer_position,
        signer_rank=s.letter_signer_rank,
        signer_nip=s.letter_signer_nip,
        signer_name=s.letter_signer_name,
        copies=s.letter_copies_list(),
        verify_base_url=s.portal_base_url,
    )


def letter_signer() -> Any:
    """pyHanko's signer: the local self-signed bureau certificate (LETTER_SIGNING_DIR, made
    once), or the KMS key with its certificate from settings (AWS)."""
    from pathlib import Path

    from chalicelib.adapters import letter_sign

    s = get_settings()
    if s.letter_kms_key_id and s.letter_certificate_pem:
        return letter_sign.kms_signer(_client("kms"), s.letter_kms_key_id, s.letter_certificate_pem)
    if not s.letter_signing_dir:
        raise RuntimeError("LETTER_SIGNING_DIR or LETTER_KMS_KEY_ID is needed to sign letters")
    directory = Path(s.letter_signing_dir)
    letter_sign.self_signed_certificate(
        directory, "Biro Kesejahteraan Rakyat", "Pemerintah Provinsi Kalimantan Barat"
    )
    return letter_sign.local_signer(directory)


@functools.cache
def letter_service() -> LetterService:
    from chalicelib.adapters.letter_builder import InProcessLetterBuilder, LambdaLetterBuilder
    from chalicelib.adapters.letter_repo import DynamoLetterRepository
    from chalicelib.adapters.s3_store import S3FileStore
    from chalicelib.services.letters import LetterService

    s = get_settings()
    builder: Any = (
        LambdaLetterBuilder(_client("lambda"), s.letter_function_name)
        if s.letter_function_name
        else InProcessLetterBuilder(letter_signer)
    )
    return LetterService(
        DynamoLetterRepository(dynamo()),
        S3FileStore(_client("s3"), s.bucket_name, s.upload_sse),
        builder,
        letter_settings,
    )


def letter_parts() -> Any:
    """services.audiences.LetterParts: the signer, the kop and the Tembusan, as now."""
    from chalicelib.services.audiences import LetterParts

    return LetterParts(letter_signer_block(), letterhead(), get_settings().letter_copies_list())


def letter_signer_block() -> Any:
    """The signature block: position, rank and NIP from settings, the name from the staff
    directory (LETTER_SIGNER_SUB) or LETTER_SIGNER_NAME."""
    from chalicelib.domain.letter import Signer

    s = get_settings()
    name = s.letter_signer_name
    if s.letter_signer_sub:
        member = staff_directory().get(s.letter_signer_sub)
        if member is not None and member.name:
            name = member.name
    return Signer(s.letter_signer_position, name, s.letter_signer_rank, s.letter_signer_nip)


def letterhead() -> Any:
    """The kop from the service standard's data file (address, website, telephone, e-mail)."""
    from chalicelib.data import load_json
    from chalicelib.domain.letter import letterhead_from_standard

    return letterhead_from_standard(
        load_json("standar_pelayanan.json"), get_settings().letter_place
    )


@functools.cache
def tracking_guard() -> TrackingGuard:
    from chalicelib.adapters.attempts_repo import DynamoAccessAttempts
    from chalicelib.services.tracking_guard import TrackingGuard

    s = get_settings()
    return TrackingGuard(
        DynamoAccessAttempts(dynamo(), s.track_failure_window_s), s.track_max_failures
    )


@functools.cache
def audience_service() -> AudienceService:
    from chalicelib.adapters.audience_repo import DynamoAudienceRepository
    from chalicelib.domain.errors import NotFound
    from chalicelib.domain.tracking import AUDIENCE_PREFIX
    from chalicelib.services.audiences import AudienceService

    s = get_settings()

    def guestbook_exists(entry_id: str) -> bool:
        try:
            guestbook_service().get(entry_id)
        except NotFound:
            return False
        return True

    return AudienceService(
        DynamoAudienceRepository(dynamo(), s.tz, s.due_shards),
        upload_service(),
        calendar_service().calendar,
        s.sla_policy(),
        new_code=_dated_id(AUDIENCE_PREFIX, "%y%m"),
        new_id=_dated_id("NT"),
        guestbook_exists=guestbook_exists,
        ahead_days=s.sane_time_ahead_days,
        guard=tracking_guard(),
        letters=letter_service(),
        letter_parts=letter_parts,
    )


@functools.cache
def staff_directory() -> StaffDirectory:
    """AWS: the Cognito user pool's groups. Local: the staff accounts in the table."""
    from chalicelib.adapters import staff_directory as adapters

    s = get_settings()
    if s.app_env == "aws":
        pool = adapters.user_pool_id(s.cognito_user_pool_arn or "")
        return adapters.CognitoStaffDirectory(_client("cognito-idp"), pool)
    return adapters.TableStaffDirectory(dynamo())


@functools.cache
def room_service() -> RoomService:
    """The bureau's rooms (one item, ROOMS/LIST)."""
    from chalicelib.adapters.room_repo import DynamoRoomRepository
    from chalicelib.services.rooms import RoomService

    return RoomService(DynamoRoomRepository(dynamo()))


@functools.cache
def complaint_service() -> ComplaintService:
    from chalicelib.domain.tracking import COMPLAINT_PREFIX
    from chalicelib.services.complaints import ComplaintService

    s = get_settings()
    return ComplaintService(
        _complaint_repo(),
        upload_service(),
        calendar_service().calendar,
        s.sla_policy(),
        new_code=_dated_id(COMPLAINT_PREFIX, "%y%m"),
        new_id=_dated_id("NT"),
        directory=staff_directory(),
        guard=tracking_guard(),
    )


@functools.cache
def inbox_repo() -> DynamoInboxRepository:
    from chalicelib.adapters.inbox_repo import DynamoInboxRepository

    return DynamoInboxRepository(dynamo(), get_settings().tz)


@functools.cache
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
        new_id=_dated_id("INB"),
        new_message_id=_dated_id("NT"),
        media=whatsapp_graph(),
        reports=inbox_repo(),
        outbox=DynamoOutboxRepository(dynamo()),
    )


@functools.cache
def inbound_mail_store() -> FileStore:
    """The bucket SES stores inbound e-mail in (INBOUND_EMAIL_BUCKET)."""
    from chalicelib.adapters.s3_store import S3FileStore

    s = get_settings()
    return S3FileStore(_client("s3"), s.inbound_email_bucket or "", s.upload_sse)


@functools.cache
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


@functools.cache
def _complaint_repo() -> Any:
    from chalicelib.adapters.complaint_repo import DynamoComplaintRepository

    s = get_settings()
    return DynamoComplaintRepository(
        dynamo(), s.tz, s.due_shards, lambda: calendar_service().calendar()
    )


@functools.cache
def report_service() -> ReportService:
    from chalicelib.adapters.audience_repo import DynamoAudienceRepository
    from chalicelib.services.reports import ReportService

    s = get_settings()
    return ReportService(
        _complaint_repo(),
        DynamoAudienceRepository(dynamo(), s.tz, s.due_shards),
        calendar_service().calendar,
        tracked_items(),
        dismissed=lambda month: inbox_repo().dismissed_in(month),
    )


@functools.cache
def idempotency() -> Idempotency:
    from chalicelib.adapters.idempotency import Idempotency

    return Idempotency(dynamo().client, get_settings().table_name)


def storage_fault(exc: BaseException) -> AppError | None:
    """StorageUnavailable when `exc` is the store being busy or unreachable (a botocore
    timeout, lost connection or throttling, however wrapped); None otherwise."""
    from chalicelib.adapters.faults import storage_fault as fault

    return fault(exc)


def reset() -> None:
    """Forget every built client and service (tests; a changed environment)."""
    for built in (
        dynamo,
        guestbook_service,
        calendar_service,
        tracked_items,
        retimer,
        sweep_service,
        notifier,
        outbox_service,
        upload_service,
        audience_service,
        letter_service,
        idempotency,
        tracking_guard,
        complaint_service,
        room_service,
        staff_directory,
        _complaint_repo,
        inbox_repo,
        inbox_service,
        whatsapp_graph,
        inbound_mail_store,
        report_service,
        skm_service,
        tracked_codes,
        requester_contact,
    ):
        built.cache_clear()
