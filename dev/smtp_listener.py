"""The local stack's mailbox (issue 19 point 5): an SMTP listener on 127.0.0.1 (aiosmtpd;
port LOCAL_SMTP_PORT, default 2525) that hands every message it accepts to the same parser
and inbox as SES does in AWS (chalicelib/jobs/email_in.py). Any mail client, or

    python - <<'PY'
    import smtplib
    from email.message import EmailMessage
    m = EmailMessage(); m["From"] = "warga@example.id"; m["To"] = "kesra@kalbarprov.go.id"
    m["Subject"] = "Pengaduan"; m.set_content("Jalan rusak")
    smtplib.SMTP("127.0.0.1", 2525).send_message(m)
    PY

tests it. Only `make run` starts it; nothing here is deployed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

DEFAULT_PORT = 2525


class InboxHandler:
    """aiosmtpd's DATA hook: the raw message into the inbox; 250 when it landed (a
    redelivery too), 550 for a message without a sender, 451 (try again) on a failure."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        from chalicelib.jobs.email_in import receive_raw_email

        raw = envelope.original_content or envelope.content
        try:
            outcome = receive_raw_email(bytes(raw), datetime.now(UTC).replace(microsecond=0))
        except Exception as exc:  # the sender retries; never a trace to the client
            print(f"[smtp] message not stored: {type(exc).__name__}", flush=True)
            return "451 4.3.0 Try again later"
        if outcome == "refused":
            return "550 5.1.7 No sender address"
        return "250 OK"


def start(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> Any:
    """The listener, started (aiosmtpd's Controller runs its own thread); .stop() ends it."""
    from aiosmtpd.controller import Controller

    controller = Controller(
        InboxHandler(), hostname=host, port=port, data_size_limit=15 * 1024 * 1024
    )
    controller.start()
    return controller


def start_or_none(host: str, port: int) -> Any:
    """`start`, or None when the port is taken (another stack on this machine has it): the
    stack runs on without e-mail in rather than not at all, and says so at start."""
    try:
        return start(host, port)
    except Exception:  # aiosmtpd re-raises the bind error of its own thread
        return None
