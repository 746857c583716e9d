"""The complaint's answer as a letter over HTTP (issue 20): previewed unsigned (no number
taken), issued with the answer, shown on tracking and the staff view, downloaded with the
token (404 without), verified without the reporter's name, signed (pyHanko validates it), and
carried by the answer notice (e-mail attachment, WhatsApp document)."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from chalice.test import Client

from dev.whatsapp_inbound import delivery, text_message
from tests.e2e.test_complaints import REPORTER, Auth, handle, intake, post, public_complaint, staff
from tests.e2e.test_whatsapp_outbound import deliver
from tests.e2e.test_whatsapp_outbound import post as webhook

PDF = {"Accept": "application/pdf"}
ANSWER = "Bantuan Saudara telah dicairkan pada tanggal 3 Desember 2026 melalui Bank Kalbar."


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _validate(pdf: bytes) -> tuple[bool, bool]:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(  # type: ignore[no-untyped-call]
        str(Path(os.environ["LETTER_SIGNING_DIR"]) / "cert.pem")
    )
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    status = validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[root])
    )
    return status.bottom_line, status.intact


def _answered(client: Client, auth: Auth, privacy: str = "named") -> tuple[str, str, Any]:
    reporter = None if privacy == "anonymous" else REPORTER
    res = public_complaint(client, privacy=privacy, reporter=reporter)
    assert res.status_code == 201, res.json_body
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    officer = staff(auth, "complaint_officer")
    handle(client, code, officer)
    answered = post(
        client, f"/v1/admin/complaints/{code}/answer", {"answer": ANSWER, "channel": "web"}, officer
    )
    assert answered.status_code == 200, answered.json_body
    return code, token, answered.json_body


def test_preview_is_an_unsigned_draft_that_takes_no_number(client: Client, auth: Auth) -> None:
    res = public_complaint(client)
    code = res.json_body["tracking_code"]
    officer = {**staff(auth, "complaint_officer"), **PDF}
    body = {"answer": ANSWER, "channel": "web"}
    early = post(client, f"/v1/admin/complaints/{code}/answer/preview", body, officer)
    assert early.status_code == 409  # not yet classified and assigned: no answer, no letter
    handle(client, code, staff(auth, "complaint_officer"))
    preview = post(client, f"/v1/admin/complaints/{code}/answer/preview", body, officer)
    assert preview.status_code == 200, preview.body[:300]
    assert preview.headers["Content-Type"] == "application/pdf"
    text = _text(preview.body)
    assert "PRATINJAU" in text and ANSWER in text
    assert b"/ByteRange" not in preview.body  # not signed
    item = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert item["status"] == "in_progress" and item["reply_letter"] is None
    # no number was consumed: the next answer letter takes the sequence's next number
    first = _answered(client, auth)[2]["reply_letter"]["number"]
    answered = post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        body,
        staff(auth, "complaint_officer"),
    ).json_body["reply_letter"]["number"]
    seq = [int(n.split("/")[1]) for n in (first, answered)]
    assert seq[1] == seq[0] + 1


def test_the_answer_issues_a_signed_letter_the_reporter_downloads_with_the_token(
    client: Client, auth: Auth
) -> None:
    code, token, item = _answered(client, auth)
    letter = item["reply_letter"]
    assert letter["pdf_url"] == f"/v1/admin/complaints/{code}/letter.pdf"
    assert letter["body"] == ANSWER and len(letter["id"]) >= 22
    view = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    public = view["reply_letter"]
    assert public["id"] == letter["id"] and public["number"] == letter["number"]
    assert public["pdf_url"] == f"/v1/track/{code}/letter.pdf"
    mine = client.http.get(public["pdf_url"], headers={"X-Access-Token": token, **PDF})
    assert mine.status_code == 200 and mine.body.startswith(b"%PDF-")
    assert "attachment" in mine.headers["Content-Disposition"]
    for headers in ({**PDF}, {"X-Access-Token": "x" * 43, **PDF}):
        assert client.http.get(public["pdf_url"], headers=headers).status_code == 404
    staff_copy = client.http.get(letter["pdf_url"], headers={**staff(auth, "supervisor"), **PDF})
    assert staff_copy.status_code == 200 and staff_copy.body == mine.body
    assert client.http.get(letter["pdf_url"], headers=PDF).status_code == 401
    text = _text(mine.body)
    order = [
        "BIRO KESEJAHTERAAN RAKYAT",
        f"Nomor : {letter['number']}",
        "Hal : Jawaban atas Pengaduan",
        f"Yth. Saudara/i {REPORTER['name']}",
        f"pengaduan Saudara nomor {code}",
        ANSWER,
        "NIP",
    ]
    at = [text.find(part) for part in order]
    assert -1 not in at and at == sorted(at), (at, text)
    assert _validate(mine.body) == (True, True)
    changed = bytearray(mine.body)
    middle = len(changed) // 3
    changed[middle] = changed[middle] ^ 0x01
    assert _validate(bytes(changed)) != (True, True)


def test_verification_never_names_the_reporter(client: Client, auth: Auth) -> None:
    code, token, item = _answered(client, auth)
    res = client.http.get(f"/v1/letters/{item['reply_letter']['id']}")
    assert res.status_code == 200
    v = res.json_body
    assert v["kind"] == "complaint_answer" and v["status"] == "stands"
    assert v["subject"] == "Jawaban atas Pengaduan"
    assert v["addressee_institution"] == "Pelapor"
    pdf = client.http.get(f"/v1/track/{code}/letter.pdf", headers={"X-Access-Token": token, **PDF})
    assert v["sha256"] == hashlib.sha256(pdf.body).hexdigest()
    shown = res.body.decode()
    for private in (REPORTER["name"], "Rahmat", REPORTER["email"], REPORTER["phone"]):
        assert private not in shown


def test_a_confidential_or_anonymous_reporter_reads_yth_pelapor(client: Client, auth: Auth) -> None:
    for privacy in ("confidential", "anonymous"):
        code, token, _ = _answered(client, auth, privacy)
        pdf = client.http.get(
            f"/v1/track/{code}/letter.pdf", headers={"X-Access-Token": token, **PDF}
        )
        text = _text(pdf.body)
        assert "Yth. Pelapor" in text, privacy
        assert "Rahmat" not in text and "Saudara/i" not in text, privacy


def test_the_answer_notice_carries_the_letter(client: Client, auth: Any, graph: Any) -> None:
    """WhatsApp (window open): the answer notice, then the signed letter as a document; the
    e-mail's attachment comes from the same look-up (requester_letter), which gives nothing
    for a notice older than the answer (a request for information)."""
    from chalicelib.domain.notification import Notification
    from chalicelib.wiring.channels import requester_letter

    wa_id = "6285600000077"
    before = datetime.now(UTC) - timedelta(minutes=1)
    assert (
        webhook(client, delivery([text_message(wa_id, "Bagaimana kabarnya?")])).status_code == 200
    )
    reporter = {"name": "Siti", "phone": "0856-0000-0077", "email": "siti@contoh.id"}
    code = intake(client, auth, datetime.now(UTC).replace(microsecond=0), reporter=reporter)["code"]
    officer = staff(auth, "complaint_officer")
    handle(client, code, officer)
    deliver()  # the receipt
    graph.uploaded.clear()
    graph.sent.clear()
    body = {"answer": ANSWER, "channel": "whatsapp"}
    res = post(client, f"/v1/admin/complaints/{code}/answer", body, officer)
    assert res.status_code == 200, res.json_body
    deliver()
    [uploaded] = graph.uploaded
    assert uploaded["filename"] == f"surat-{code}.pdf" and b"/ByteRange" in uploaded["data"]
    to_reporter = [s["body"] for s in graph.sent if s["body"]["to"] == wa_id]
    kinds = [b["type"] for b in to_reporter]
    assert "document" in kinds and kinds.index("document") > kinds.index("text")
    [document] = [b for b in to_reporter if b["type"] == "document"]
    assert document["document"]["id"] == uploaded["id"]

    def notice(created: datetime) -> Notification:
        return Notification("NT-1", created, "answer", "complaint", code, ("requester",), "s", "b")

    attached = requester_letter(notice(datetime.now(UTC)))
    assert attached is not None and attached == (f"surat-{code}.pdf", uploaded["data"])
    assert requester_letter(notice(before)) is None  # an earlier request for information


def test_a_refused_answer_stores_nothing_and_takes_no_number(client: Client, auth: Auth) -> None:
    first = _answered(client, auth)[2]["reply_letter"]["number"]
    res = public_complaint(client)
    code = res.json_body["tracking_code"]
    officer = staff(auth, "complaint_officer")
    version = handle(client, code, officer)["version"]
    body = {"answer": ANSWER, "channel": "web"}
    stale = post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        body,
        {**officer, "If-Match": f'"{version - 1}"'},
    )
    assert stale.status_code == 412
    item = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert item["status"] == "in_progress" and item["answer"] is None
    assert item["reply_letter"] is None
    done = post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        body,
        {**officer, "If-Match": f'"{version}"'},
    )
    assert done.status_code == 200, done.json_body
    numbers = [int(n.split("/")[1]) for n in (first, done.json_body["reply_letter"]["number"])]
    assert numbers[1] == numbers[0] + 1  # no gap: the refused answer took no number
    again = post(client, f"/v1/admin/complaints/{code}/answer", body, officer)
    assert again.status_code == 409  # answered once: no second letter
