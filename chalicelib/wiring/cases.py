"""Wiring of the tracked cases: audiences, complaints, the guestbook and the SKM survey.

The guestbook and SKM live here with the cases because their builders form one loop, tied
lazily: an audience checks its guestbook entry, the guestbook issues SKM invites, and the
survey looks tracking codes up in the audiences and complaints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.config import get_settings
from chalicelib.wiring.letters import letter_builder, letter_parts, letter_service, letterhead
from chalicelib.wiring.registry import built, dated_id
from chalicelib.wiring.storage import (
    calendar_service,
    dynamo,
    staff_directory,
    tracking_guard,
    upload_service,
)

if TYPE_CHECKING:
    from chalicelib.services.audiences import AudienceService
    from chalicelib.services.complaints import ComplaintService
    from chalicelib.services.guestbook import GuestbookService
    from chalicelib.services.receipts import ReceiptService
    from chalicelib.services.skm import SkmService
    from chalicelib.services.tracked_codes import TrackedCodes


@built
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
        new_code=dated_id(AUDIENCE_PREFIX, "%y%m"),
        new_id=dated_id("NT"),
        guestbook_exists=guestbook_exists,
        ahead_days=s.sane_time_ahead_days,
        guard=tracking_guard(),
        letters=letter_service(),
        letter_parts=letter_parts,
        portal_base_url=s.portal_base_url,
    )


@built
def complaint_repo() -> Any:
    """The complaints' repository (adapters.complaint_repo.DynamoComplaintRepository)."""
    from chalicelib.adapters.complaint_repo import DynamoComplaintRepository

    s = get_settings()
    return DynamoComplaintRepository(
        dynamo(), s.tz, s.due_shards, lambda: calendar_service().calendar()
    )


@built
def complaint_service() -> ComplaintService:
    from chalicelib.domain.tracking import COMPLAINT_PREFIX
    from chalicelib.services.complaints import ComplaintService

    s = get_settings()
    return ComplaintService(
        complaint_repo(),
        upload_service(),
        calendar_service().calendar,
        s.sla_policy(),
        new_code=dated_id(COMPLAINT_PREFIX, "%y%m"),
        new_id=dated_id("NT"),
        directory=staff_directory(),
        guard=tracking_guard(),
        portal_base_url=s.portal_base_url,
        letters=letter_service(),
        letter_parts=letter_parts,
    )


@built
def tracked_codes() -> TrackedCodes:
    from chalicelib.services.tracked_codes import TrackedCodes

    return TrackedCodes(audience_service, complaint_service)


@built
def guestbook_service() -> GuestbookService:
    from chalicelib.adapters.guestbook_repo import DynamoGuestbookRepository
    from chalicelib.services.guestbook import GuestbookService

    return GuestbookService(
        DynamoGuestbookRepository(dynamo(), get_settings().tz),
        new_id=dated_id("BT"),
        invites=lambda now: skm_service().new_invite(now),
    )


@built
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


@built
def receipt_service() -> ReceiptService:
    """The front desk's receipts (tanda terima), built like the letters (letter_builder)."""
    from chalicelib.data import load_json
    from chalicelib.services.receipts import ReceiptService

    s = get_settings()
    return ReceiptService(
        audience_service(),
        complaint_service(),
        letter_builder(),
        lambda: load_json("standar_pelayanan.json"),
        letterhead,
        s.portal_base_url,
        s.tz,
    )
