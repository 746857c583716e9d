"""The letter signer over HTTP (issue 20 point 2): the admin sets who signs (name, rank, NIP,
position) and the next letter carries it, in its PDF and on verification; bad input names
every field; while nobody is set (neither stored nor in settings) a letter is previewed with
the placeholder but issuing is refused and nothing is stored."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chalice.test import Client

from tests.e2e.test_audiences import new_request, post, schedule_body

Auth = Callable[..., dict[str, str]]
URL = "/v1/admin/settings/letter-signer"
SIGNER = {
    "name": "Dr. H. Ahmad Kesra, S.Sos., M.Si.",
    "position": "Kepala Biro Kesejahteraan Rakyat",
    "rank": "Pembina Utama Muda (IV/c)",
    "nip": "19700101 199003 1 001",
}


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def put(client: Client, body: Any, headers: dict[str, str]) -> Any:
    return client.http.put(URL, body=json.dumps(body), headers=headers)


@pytest.fixture
def no_signer_in_settings() -> Iterator[None]:
    """Settings name nobody (as out of the box)."""
    from chalicelib import bootstrap
    from chalicelib.config import get_settings

    mp = pytest.MonkeyPatch()
    mp.delenv("LETTER_SIGNER_NAME", raising=False)
    mp.delenv("LETTER_SIGNER_SUB", raising=False)
    get_settings.cache_clear()
    bootstrap.reset()
    yield
    mp.undo()
    get_settings.cache_clear()
    bootstrap.reset()


def test_the_admin_sets_the_signer_and_the_next_letter_carries_it(
    client: Client, auth: Auth
) -> None:
    admin, desk = auth("admin"), auth("front_desk")
    before = client.http.get(URL, headers=desk)
    assert before.status_code == 200 and before.json_body["source"] == "settings"
    assert before.json_body["version"] == 0
    assert put(client, SIGNER, desk).status_code == 403  # only the admin writes
    assert client.http.get(URL, headers=auth("guest")).status_code in (401, 403)
    res = put(client, SIGNER, admin)
    assert res.status_code == 200, res.json_body
    assert res.headers["ETag"] == '"1"'
    got = res.json_body
    assert got["source"] == "stored" and got["nip"] == "197001011990031001"
    assert got["name"] == SIGNER["name"] and got["rank"] == SIGNER["rank"]
    assert client.http.get(URL, headers=desk).json_body == got
    # a stale If-Match is refused, the current one accepted
    stale = put(client, {**SIGNER, "rank": None}, {**admin, "If-Match": '"7"'})
    assert stale.status_code == 412
    # the next letter is signed by the stored signer
    code, _ = new_request(client)
    issued = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert issued.status_code == 200, issued.json_body
    letter = issued.json_body["reply_letter"]
    pdf = client.http.get(letter["pdf_url"], headers={**desk, "Accept": "application/pdf"})
    text = _text(pdf.body)
    assert SIGNER["name"] in text and "NIP 197001011990031001" in text
    assert SIGNER["rank"] in text and "Pejabat Uji Settings" not in text
    verified = client.http.get(f"/v1/letters/{letter['id']}").json_body
    assert verified["signer_name"] == SIGNER["name"]
    assert verified["signer_position"] == SIGNER["position"]


def test_bad_input_names_every_field_and_stores_nothing(client: Client, auth: Auth) -> None:
    admin = auth("admin")
    res = put(client, {"name": " ", "nip": "1970-01"}, admin)
    assert res.status_code == 400
    assert res.headers["Content-Type"].startswith("application/problem+json")
    fields = {e["field"]: e for e in res.json_body["errors"]}
    assert set(fields) == {"name", "position", "nip"}
    assert "18" in fields["nip"]["message"]
    english = put(client, {**SIGNER, "nip": "123"}, {**admin, "Accept-Language": "en"})
    assert english.status_code == 400
    assert [e["field"] for e in english.json_body["errors"]] == ["nip"]
    assert "18 digits" in english.json_body["errors"][0]["message"]
    assert client.http.get(URL, headers=admin).json_body["version"] == 0


def test_without_a_signer_the_preview_works_and_issuing_is_refused(
    client: Client, auth: Auth, no_signer_in_settings: None
) -> None:
    admin, desk = auth("admin"), auth("front_desk")
    shown = client.http.get(URL, headers=desk).json_body
    assert shown["source"] == "unset" and shown["name"] == "Pejabat Penandatangan"
    code, _ = new_request(client)
    preview = post(
        client,
        f"/v1/admin/audiences/{code}/schedule/preview",
        schedule_body(),
        {**desk, "Accept": "application/pdf"},
    )
    assert preview.status_code == 200 and "Pejabat Penandatangan" in _text(preview.body)
    refused = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert refused.status_code == 409
    assert refused.json_body["code"] == "signer_not_set"
    assert "Penandatangan surat belum ditetapkan" in refused.json_body["detail"]
    item = client.http.get(f"/v1/admin/audiences/{code}", headers=desk).json_body
    assert item["status"] == "in_review" and item["reply_letter"] is None  # nothing stored
    assert put(client, SIGNER, admin).status_code == 200
    issued = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert issued.status_code == 200, issued.json_body
    number = issued.json_body["reply_letter"]["number"]
    assert number.split("/")[1] == "0001"  # the refusal took no number


def test_without_a_signer_a_complaint_answer_is_refused_and_stays_unanswered(
    client: Client, auth: Auth, no_signer_in_settings: None
) -> None:
    from tests.e2e.test_complaint_letter import ANSWER
    from tests.e2e.test_complaints import REPORTER, handle, public_complaint, staff

    res = public_complaint(client, privacy="named", reporter=REPORTER)
    code = res.json_body["tracking_code"]
    officer = staff(auth, "complaint_officer")
    handle(client, code, officer)
    body = {"answer": ANSWER, "channel": "web"}
    preview = post(
        client,
        f"/v1/admin/complaints/{code}/answer/preview",
        body,
        {**officer, "Accept": "application/pdf"},
    )
    assert preview.status_code == 200 and "Pejabat Penandatangan" in _text(preview.body)
    refused = post(client, f"/v1/admin/complaints/{code}/answer", body, officer)
    assert refused.status_code == 409 and refused.json_body["code"] == "signer_not_set"
    english = post(
        client, f"/v1/admin/complaints/{code}/answer", body, {**officer, "Accept-Language": "en"}
    )
    assert english.json_body["title"] == "No letter signer set"
    item = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert item["status"] == "in_progress" and item.get("answer") is None


def test_who_changed_the_signer_is_named_by_the_directory(client: Client, auth: Auth) -> None:
    """Issue 17 point 9 (a newcomer's trial): the console wrote "Diubah ... oleh admin1"; the
    reply names the member as the staff directory holds them, for "Rina Admin (admin1)"."""
    from datetime import UTC, datetime, timedelta

    from tests.e2e.test_staff_names import named

    sub = named("admin1", "admin", "Rina Admin")
    exp = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    res = put(client, SIGNER, auth("admin", sub=sub, exp=exp))
    assert res.status_code == 200, res.json_body
    assert res.json_body["updated_by"] == "admin1"
    assert res.json_body["updated_by_name"] == "Rina Admin"
    again = client.http.get(URL, headers=auth("front_desk")).json_body
    assert again["updated_by_name"] == "Rina Admin"
