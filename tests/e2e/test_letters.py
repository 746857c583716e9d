"""The reply letter as a document over HTTP: issued with the schedule, previewed first,
downloaded by the requester (token) and staff, verified by anyone (stands / superseded /
unknown), and named by the letter that replaces it."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

from chalice.test import Client

from tests.e2e.test_audiences import new_request, post, schedule_body

Auth = Callable[..., dict[str, str]]
PDF_ACCEPT = {"Accept": "application/pdf"}


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _scheduled(client: Client, auth: Auth, **kw: Any) -> tuple[str, str, dict[str, Any]]:
    code, token = new_request(client)
    res = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(**kw), auth())
    assert res.status_code == 200, res.json_body
    return code, token, res.json_body


def test_preview_is_an_unsigned_draft_and_stores_nothing(client: Client, auth: Auth) -> None:
    code, _ = new_request(client)
    desk = {**auth(), **PDF_ACCEPT}
    res = post(client, f"/v1/admin/audiences/{code}/schedule/preview", schedule_body(), desk)
    assert res.status_code == 200, res.body[:300]
    assert res.headers["Content-Type"] == "application/pdf"
    text = _text(res.body)
    assert "PRATINJAU" in text and "(diberikan saat surat diterbitkan)" in text
    assert b"/ByteRange" not in res.body  # not signed
    item = client.http.get(f"/v1/admin/audiences/{code}", headers=auth()).json_body
    assert item["status"] == "in_review" and item["reply_letter"] is None
    # the preview checks what issuing checks: a meeting on a past day is refused the same way
    past = post(
        client, f"/v1/admin/audiences/{code}/schedule/preview", schedule_body(days=-3), desk
    )
    assert past.status_code == 400 and past.json_body["errors"][0]["field"] == "start"


def test_requester_and_staff_download_the_same_signed_letter_and_verify_it(
    client: Client, auth: Auth
) -> None:
    code, token, item = _scheduled(client, auth, room="Aula Kesra")
    letter = item["reply_letter"]
    assert letter["pdf_url"] == f"/v1/admin/audiences/{code}/letter.pdf"
    staff = client.http.get(letter["pdf_url"], headers={**auth(), **PDF_ACCEPT})
    assert staff.status_code == 200 and staff.body.startswith(b"%PDF-")
    track = client.http.get(
        f"/v1/track/{code}/letter.pdf", headers={"X-Access-Token": token, **PDF_ACCEPT}
    )
    assert track.status_code == 200 and track.body == staff.body
    assert "attachment" in track.headers["Content-Disposition"]
    wrong = client.http.get(
        f"/v1/track/{code}/letter.pdf", headers={"X-Access-Token": "x" * 43, **PDF_ACCEPT}
    )
    assert wrong.status_code == 404
    text = _text(track.body)
    assert letter["number"] in text and "Aula Kesra" in text
    assert "Kepala Biro Kesra" not in text  # the bureau's attendees stay inside
    verified = client.http.get(f"/v1/letters/{letter['id']}")
    assert verified.status_code == 200
    v = verified.json_body
    assert v["status"] == "stands" and v["superseded_by"] is None
    assert v["sha256"] == hashlib.sha256(track.body).hexdigest()
    assert v["number"] == letter["number"] and v["kind"] == "audience_schedule"
    assert v["subject"] == "Jawaban Permohonan Audiensi"
    assert v["addressee_institution"] == item["institution_name"]
    assert item["contact"]["name"] not in verified.body.decode()  # never a private name
    assert len(letter["id"]) >= 22  # 128 random bits


def test_a_reschedule_supersedes_the_letter_and_unknown_ids_are_404(
    client: Client, auth: Auth
) -> None:
    code, _, item = _scheduled(client, auth)
    old = item["reply_letter"]
    moved = post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(start=(13, 0), end=(14, 0)),
        {**auth(), "If-Match": f'"{item["version"]}"'},
    )
    assert moved.status_code == 200, moved.json_body
    new = moved.json_body["reply_letter"]
    assert new["id"] != old["id"] and new["number"] != old["number"]
    was = client.http.get(f"/v1/letters/{old['id']}").json_body
    assert was["status"] == "superseded" and was["superseded_by"] == new["id"]
    assert was["superseded_by_number"] == new["number"]
    now = client.http.get(f"/v1/letters/{new['id']}").json_body
    assert now["status"] == "stands" and now["replaces"] == old["id"]
    for unknown in ("AAAAAAAAAAAAAAAAAAAAAA", "x"):
        res = client.http.get(f"/v1/letters/{unknown}")
        assert res.status_code == 404 and res.json_body["code"] == "not_found"
    cancelled = post(
        client, f"/v1/admin/audiences/{code}/cancel", {"reason": "Pimpinan berhalangan"}, auth()
    )
    assert cancelled.status_code == 200, cancelled.json_body
    last = cancelled.json_body["reply_letter"]
    assert client.http.get(f"/v1/letters/{new['id']}").json_body["status"] == "superseded"
    cancel_letter = client.http.get(f"/v1/letters/{last['id']}").json_body
    assert cancel_letter["kind"] == "audience_cancel" and cancel_letter["replaces"] == new["id"]


def test_scheduling_the_same_meeting_again_is_409_and_uses_no_number(
    client: Client, auth: Auth
) -> None:
    """Issue 17: a second click on 'Jadwalkan' with unchanged data issued letter 0002 that
    superseded 0001. The same start, end and room is refused: the letter stands, the item
    is untouched, and the next real move takes the very next number."""
    code, _, item = _scheduled(client, auth)
    issued = item["reply_letter"]
    again = post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(),
        {**auth(), "If-Match": f'"{item["version"]}"'},
    )
    assert again.status_code == 409, again.json_body
    assert again.json_body["code"] == "schedule_unchanged"
    assert again.json_body["title"] == "Jadwal tidak berubah"
    after = client.http.get(f"/v1/admin/audiences/{code}", headers=auth()).json_body
    assert after["version"] == item["version"] and after["reply_letter"]["id"] == issued["id"]
    assert client.http.get(f"/v1/letters/{issued['id']}").json_body["status"] == "stands"
    moved = post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(start=(13, 0), end=(14, 0)),
        {**auth(), "If-Match": f'"{item["version"]}"'},
    )
    assert moved.status_code == 200, moved.json_body
    seq = [int(n["number"].split("/")[1]) for n in (issued, moved.json_body["reply_letter"])]
    assert seq[1] == seq[0] + 1


def test_cancel_preview_is_a_draft_that_issues_nothing(client: Client, auth: Auth) -> None:
    code, _, item = _scheduled(client, auth)
    issued = item["reply_letter"]
    desk = {**auth(), **PDF_ACCEPT}
    url = f"/v1/admin/audiences/{code}/cancel/preview"
    res = post(client, url, {"reason": "Pimpinan berhalangan"}, desk)
    assert res.status_code == 200, res.body[:300]
    assert res.headers["Content-Type"] == "application/pdf"
    text = _text(res.body)
    assert "PRATINJAU" in text and "Pimpinan berhalangan" in text
    assert b"/ByteRange" not in res.body  # not signed
    after = client.http.get(f"/v1/admin/audiences/{code}", headers=auth()).json_body
    assert after["status"] == "scheduled" and after["version"] == item["version"]
    assert after["reply_letter"]["id"] == issued["id"]
    assert client.http.get(f"/v1/letters/{issued['id']}").json_body["status"] == "stands"
    bad = post(client, url, {"reason": "", "extra": 1}, auth())
    assert bad.status_code == 400, bad.json_body  # the API's validation status
    assert bad.headers["Content-Type"].startswith("application/problem+json")
    assert {e["field"] for e in bad.json_body["errors"]} >= {"reason", "extra"}
    # the next letter takes the number the preview did not use
    cancelled = post(
        client, f"/v1/admin/audiences/{code}/cancel", {"reason": "Pimpinan berhalangan"}, auth()
    )
    assert cancelled.status_code == 200, cancelled.json_body
    seq = [int(n["number"].split("/")[1]) for n in (issued, cancelled.json_body["reply_letter"])]
    assert seq[1] == seq[0] + 1


def test_a_typed_number_is_checked_unique(client: Client, auth: Auth) -> None:
    a, _ = new_request(client)
    b, _ = new_request(client)
    typed = {"number": "400.9/0777/Kesra/2026"}
    first = post(
        client,
        f"/v1/admin/audiences/{a}/schedule",
        {**schedule_body(), "reply_letter": typed},
        auth(),
    )
    assert first.status_code == 200 and first.json_body["reply_letter"]["number"] == typed["number"]
    again = post(
        client,
        f"/v1/admin/audiences/{b}/decline",
        {"reason": "Di luar kewenangan", "reply_letter": {"number": "400.9/0777/KESRA/2026"}},
        auth(),
    )
    assert again.status_code == 400
    assert [e["field"] for e in again.json_body["errors"]] == ["reply_letter.number"]
    assert "sudah pernah diterbitkan" in again.json_body["errors"][0]["message"]
    item = client.http.get(f"/v1/admin/audiences/{b}", headers=auth()).json_body
    assert item["status"] == "in_review"  # nothing half-written


def test_the_requesters_schedule_email_carries_the_signed_letter(
    client: Client, auth: Auth
) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from chalicelib import bootstrap
    from chalicelib.domain.notification import Notification

    code, token, _ = _scheduled(client, auth)
    notice = Notification(
        id="NT-1",
        created_at=datetime.now(UTC),
        kind="schedule",
        item_kind="audience",
        item_code=code,
        recipients=("requester",),
        subject="Jadwal audiensi",
        body="...",
    )
    attached = bootstrap.requester_letter(notice)
    track = client.http.get(
        f"/v1/track/{code}/letter.pdf", headers={"X-Access-Token": token, **PDF_ACCEPT}
    )
    assert attached == (f"surat-{code}.pdf", track.body)
    staff_only = replace(notice, recipients=("role:supervisor",))
    assert bootstrap.requester_letter(staff_only) is None


def test_the_audit_line_of_a_schedule_or_decline_names_the_issued_letter_as_a_fact(
    client: Client, auth: Auth
) -> None:
    """Issue 17, trial finding 2: the facts carried the draft's empty number, so the console
    fell back to "Status berubah …" and the raw note "Ruang Melati; letter 400.9/…"."""
    from tests.e2e.test_audiences import letter

    code, _, item = _scheduled(client, auth, room="Ruang Melati")
    reader = auth("supervisor")
    trail = client.http.get(f"/v1/admin/audiences/{code}/audit", headers=reader).json_body
    line = next(e for e in trail["items"] if e["action"] == "audience.scheduled")
    assert line["facts"]["letter"] == item["reply_letter"]["number"] != ""
    assert line["facts"]["room"] == "Ruang Melati"
    assert line["facts"]["start"] < line["facts"]["end"]  # the meeting's end too, for its time
    declined_code, _ = new_request(client)
    body = {"reason": "Di luar kewenangan biro", "reply_letter": letter()}
    res = post(client, f"/v1/admin/audiences/{declined_code}/decline", body, auth())
    assert res.status_code == 200, res.json_body
    trail = client.http.get(f"/v1/admin/audiences/{declined_code}/audit", headers=reader)
    line = next(e for e in trail.json_body["items"] if e["action"] == "audience.declined")
    assert line["facts"] == {
        "reason": "Di luar kewenangan biro",
        "letter": res.json_body["reply_letter"]["number"],
    }
