"""The front desk's receipt as a PDF (issue 20 point 6): staff who took an item get its
one-page receipt with the code and token the create answer gave them; a token that does not
open the item is refused as an unknown code is (problem+json), whatever staff role asks; the
citizen's routes are unchanged; nothing personal reaches the logs."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from chalice.test import Client

from tests.e2e.helpers import audience_body

Auth = Any


def _text(pdf: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(reader.pages[0].extract_text().split())


def _h(response: Any, name: str) -> str:
    """A response header by its name in any case."""
    return str({k.lower(): v for k, v in response.headers.items()}[name])


def _walk_in(client: Client, auth: Auth) -> dict[str, Any]:
    r = client.http.post(
        "/v1/admin/audiences", headers=auth("front_desk"), body=json.dumps(audience_body(client))
    )
    assert r.status_code == 201, r.body
    return dict(r.json_body)


def _intake(client: Client, auth: Auth) -> dict[str, Any]:
    received = (datetime.now(UTC) - timedelta(minutes=30)).replace(microsecond=0)
    r = client.http.post(
        "/v1/admin/complaints",
        headers=auth("complaint_officer"),
        body=json.dumps(
            {
                "subject": "Bantuan sosial belum cair",
                "description": "Sudah tiga bulan bantuan belum diterima.",
                "privacy": "named",
                "reporter": {"name": "Rahmawati Kusuma", "phone": "0813-9999-8888"},
                "channel": "tatap_muka",
                "received_at": received.isoformat(),
            }
        ),
    )
    assert r.status_code == 201, r.body
    return dict(r.json_body)


def receipt(client: Client, headers: dict[str, str], code: str, token: str) -> Any:
    """POST /v1/admin/receipts as the console sends it (Accept: application/pdf)."""
    return client.http.post(
        "/v1/admin/receipts",
        headers={"Accept": "application/pdf", **headers},
        body=json.dumps({"tracking_code": code, "access_token": token}),
    )


def test_the_front_desk_gets_a_walk_ins_receipt_as_one_pdf_page(client: Client, auth: Auth) -> None:
    made = _walk_in(client, auth)
    code, token = made["code"], made["access_token"]
    r = receipt(client, auth("front_desk"), code, token)
    assert r.status_code == 200, r.body
    assert _h(r, "content-type") == "application/pdf"
    assert f'filename="tanda-terima-{code}.pdf"' in _h(r, "content-disposition")
    assert _h(r, "cache-control") == "private, no-store"
    pages, text = _text(r.body)
    assert pages == 1
    at = [text.find(s) for s in ("TANDA TERIMA", "Permohonan Audiensi", code, token, " WIB")]
    assert -1 not in at and at == sorted(at), text
    assert "Tatap muka di loket Biro Kesra" in text


def test_a_complaint_taken_by_staff_gets_its_receipt_in_english_on_request(
    client: Client, auth: Auth
) -> None:
    made = _intake(client, auth)
    code, token = made["code"], made["access_token"]
    headers = {**auth("complaint_officer"), "Accept-Language": "en"}
    r = receipt(client, headers, code, token)
    assert r.status_code == 200, r.body
    assert f'filename="receipt-{code}.pdf"' in _h(r, "content-disposition")
    pages, text = _text(r.body)
    assert pages == 1
    at = [text.find(s) for s in ("RECEIPT", "Complaint", code, token, " at ", "WIB")]
    assert -1 not in at and at == sorted(at), text
    assert "In person, to the complaints officer" in text
    assert "Rahmawati" not in text  # the receipt names no person


def test_a_token_that_does_not_open_the_item_is_refused_like_an_unknown_code(
    client: Client, auth: Auth
) -> None:
    first, other = _intake(client, auth), _intake(client, auth)
    desk = auth("front_desk")
    forged = receipt(client, desk, first["code"], other["access_token"])
    assert forged.status_code == 404
    assert _h(forged, "content-type") == "application/problem+json"
    assert other["access_token"] not in forged.body.decode()
    unknown = receipt(client, desk, "PGD-2612-ZZZZZ", other["access_token"])
    assert unknown.status_code == 404 and unknown.json_body["code"] == forged.json_body["code"]
    odd = receipt(client, desk, "XYZ-1", other["access_token"])
    assert odd.status_code == 404
    blank = client.http.post("/v1/admin/receipts", headers=desk, body=json.dumps({}))
    assert blank.status_code == 400
    assert _h(blank, "content-type") == "application/problem+json"
    assert {e["field"] for e in blank.json_body["errors"]} == {"tracking_code", "access_token"}
    # the right token still opens it (wrong tries never lock the owner out)
    assert receipt(client, desk, first["code"], first["access_token"]).status_code == 200


def test_only_desk_roles_and_never_the_public(client: Client, auth: Auth) -> None:
    made = _intake(client, auth)
    args = (made["code"], made["access_token"])
    assert receipt(client, {"Content-Type": "application/json"}, *args).status_code == 401
    assert receipt(client, auth("supervisor"), *args).status_code == 403
    assert receipt(client, auth("admin"), *args).status_code == 200


def test_the_citizens_routes_are_unchanged_and_the_logs_hold_nothing_personal(
    client: Client, auth: Auth
) -> None:
    from chalicelib.observability import logger

    made = _intake(client, auth)
    code, token = made["code"], made["access_token"]
    buffer = io.StringIO()
    handler = logger.registered_handler
    original = handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        assert receipt(client, auth("front_desk"), code, token).status_code == 200
        assert receipt(client, auth("front_desk"), code, "wrong-" + token[6:]).status_code == 404
    finally:
        handler.setStream(original)  # type: ignore[attr-defined]
    text = buffer.getvalue()
    assert "request" in text
    for secret in (token, token[6:], "Rahmawati", "0813-9999-8888"):
        assert secret not in text
    tracked = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token})
    assert tracked.status_code == 200 and tracked.json_body["kind"] == "complaint"
    assert "access_token" not in tracked.json_body
    public = client.http.post(
        "/v1/receipts",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"tracking_code": code, "access_token": token}),
    )
    assert public.status_code in (403, 404)  # no public receipt route


def test_wrong_tokens_count_toward_the_codes_limit_as_on_the_tracking_page(
    client: Client, auth: Auth
) -> None:
    from chalicelib.config import get_settings

    made = _intake(client, auth)
    code, token = made["code"], made["access_token"]
    desk = auth("front_desk")
    limit = get_settings().track_max_failures
    for _ in range(limit):
        assert receipt(client, desk, code, "x" * 43).status_code == 404
    locked = receipt(client, desk, code, "x" * 43)
    assert locked.status_code == 429 and "retry-after" in {k.lower() for k in locked.headers}
    # the same count as the tracking page: the citizen's wrong tries and the desk's are one
    assert client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": "y"}).status_code == 429
    assert receipt(client, desk, code, token).status_code == 200  # the right token passes
