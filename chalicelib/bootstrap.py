"""The one place callers get boto3 clients, repositories and services, each built on first use.

Nothing here runs at import: a cold start pays only for what its first request touches.
The builders live in `chalicelib.wiring` (one module per area); this module keeps their public
names so the API, jobs, dev tools, tests and bench call `bootstrap.<name>()` as before.
Tests call reset() to rebuild everything against a fresh (moto) backend.
"""

from __future__ import annotations

from chalicelib.wiring.cases import (
    audience_service,
    complaint_service,
    guestbook_service,
    receipt_service,
    skm_service,
    tracked_codes,
)
from chalicelib.wiring.channels import (
    inbound_mail_store,
    inbox_repo,
    inbox_service,
    notifier,
    outbox_service,
    requester_contact,
    requester_letter,
    whatsapp_graph,
    whatsapp_notifier,
)
from chalicelib.wiring.letters import (
    letter_builder,
    letter_parts,
    letter_service,
    letter_settings,
    letter_signer,
    letter_signer_block,
    letter_signer_service,
    letterhead,
)
from chalicelib.wiring.registry import reset
from chalicelib.wiring.reports import report_service
from chalicelib.wiring.storage import (
    calendar_service,
    dynamo,
    idempotency,
    retimer,
    room_service,
    staff_directory,
    storage_fault,
    sweep_service,
    tracked_items,
    tracking_guard,
    upload_service,
)

__all__ = [
    "audience_service",
    "calendar_service",
    "complaint_service",
    "dynamo",
    "guestbook_service",
    "idempotency",
    "inbound_mail_store",
    "inbox_repo",
    "inbox_service",
    "letter_builder",
    "letter_parts",
    "letter_service",
    "letter_settings",
    "letter_signer",
    "letter_signer_block",
    "letter_signer_service",
    "letterhead",
    "notifier",
    "outbox_service",
    "receipt_service",
    "report_service",
    "requester_contact",
    "requester_letter",
    "reset",
    "retimer",
    "room_service",
    "skm_service",
    "staff_directory",
    "storage_fault",
    "sweep_service",
    "tracked_codes",
    "tracked_items",
    "tracking_guard",
    "upload_service",
    "whatsapp_graph",
    "whatsapp_notifier",
]
