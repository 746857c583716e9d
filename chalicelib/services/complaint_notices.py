"""The notices of pengaduan to the reporter (receipt, request for information, answer), each
with the portal's tracking link."""

from __future__ import annotations

from datetime import datetime

from ..domain.complaint import Complaint
from ..domain.notification import Notification
from ..domain.timeutil import to_utc
from ..domain.tracking import tracking_link


def reachable(c: Complaint) -> bool:
    """Whether the reporter left an address a notice can go to (e-mail or phone)."""
    return c.reporter is not None and bool(c.reporter.email or c.reporter.phone)


def reporter_notice(
    c: Complaint,
    kind: str,
    notice_id: str,
    now: datetime,
    portal: str,
    token: str | None = None,
) -> Notification:
    """A notice of `kind` ("confirmation", "request_info", "answer") to the reporter of `c`
    with the portal's tracking link (`portal`: its base URL): the receipt's (`token` given,
    only at intake) opens the status at once; later ones carry the code only. `now` is UTC."""
    subjects = {
        "confirmation": f"Pengaduan {c.code} diterima",
        "request_info": f"Pengaduan {c.code}: mohon informasi tambahan",
        "answer": f"Pengaduan {c.code}: jawaban / tindak lanjut",
    }
    link = tracking_link(portal, c.code, token)
    opens = (
        "Buka tautan ini untuk melihat statusnya (simpan pesan ini; jangan dibagikan)"
        if token
        else "Lihat statusnya di tautan ini dengan kode akses Anda"
    )
    body = f"{subjects[kind]}.\nNomor pelacakan: {c.code}\n{opens}:\n{link}\n"
    return Notification(
        id=notice_id,
        created_at=to_utc(now),
        kind="answer" if kind == "request_info" else kind,
        item_kind="complaint",
        item_code=c.code,
        recipients=("requester",),
        subject=subjects[kind],
        body=body,
        next_attempt_at=to_utc(now),
        link=link,
        secret=token,
    )
