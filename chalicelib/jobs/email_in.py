"""E-mail in (issue 19 point 5): one raw message into the inbox, or onto the complaint it
answers. In AWS an SES receipt rule stores the raw message in the inbound bucket and invokes
`inbound_email` (below) with the SES event; under `make run` the local SMTP listener
(dev/smtp_listener.py) calls `receive_raw_email` with the bytes it received."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalice.app import Blueprint

from chalicelib import bootstrap
from chalicelib.observability import logger

bp = Blueprint(__name__)


def receive_raw_email(raw: bytes, now: datetime) -> str:
    """Parse (stdlib `email`, policy=default) and land one message; its attachments pass the
    same file checks as uploads. Returns the outcome (`conversation`, `complaint`,
    `duplicate`, `refused` for a message without a sender). Logs the outcome only: never an
    address or a text."""
    from chalicelib.adapters.email_in import parse_email
    from chalicelib.domain.inbox import InboundMessage
    from chalicelib.services.inbox import IncomingFile

    try:
        parsed = parse_email(raw, now)
    except ValueError:
        logger.info("inbound e-mail refused: no sender address")
        return "refused"
    message = InboundMessage(
        id=parsed.message_id,
        channel="email",
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        received_at=parsed.received_at,
        text=parsed.text,
        kind="email",
        subject=parsed.subject or None,
        replies_to=parsed.replies_to,
    )
    files = tuple(IncomingFile(f.content_type, f.filename, f.data) for f in parsed.files)
    outcome = bootstrap.inbox_service().receive(message, now, files, thread=parsed.thread)
    logger.info("inbound e-mail", extra={"outcome": outcome, "files": len(files)})
    return outcome


@bp.lambda_function(name="inbound_email")
def inbound_email(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """SES receipt rule action (after its S3 action stored the raw message under
    `INBOUND_EMAIL_PREFIX<messageId>` in INBOUND_EMAIL_BUCKET): read it and land it."""
    from chalicelib.config import get_settings

    settings = get_settings()
    now = datetime.now(UTC).replace(microsecond=0)
    outcomes = []
    for record in event.get("Records", []):
        mail_id = record.get("ses", {}).get("mail", {}).get("messageId")
        if not mail_id or not settings.inbound_email_bucket:
            continue
        raw = bootstrap.inbound_mail_store().read(f"{settings.inbound_email_prefix}{mail_id}")
        outcomes.append(receive_raw_email(raw, now))
    return {"outcomes": outcomes}
