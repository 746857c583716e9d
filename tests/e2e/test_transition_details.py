"""Issue 10 point 3 over HTTP: the shortcuts of the examples are 409 `invalid_transition`
with a detail naming the rule, in the request's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chalice.test import Client

from tests.e2e.test_complaints import intake, post, staff

Auth = Callable[..., dict[str, str]]
ANSWER = {"answer": "Sudah kami tindak lanjuti.", "channel": "telepon"}


def test_answering_an_unclassified_or_unassigned_complaint_is_409(
    client: Client, auth: Auth
) -> None:
    officer = staff(auth, "complaint_officer")
    code = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    received = post(client, f"/v1/admin/complaints/{code}/answer", ANSWER, officer)
    assert received.status_code == 409 and received.json_body["code"] == "invalid_transition"
    assert "Diterima" in received.json_body["detail"]
    assert "diklasifikasikan" in received.json_body["detail"]
    english = post(
        client, f"/v1/admin/complaints/{code}/answer", ANSWER, {**officer, "Accept-Language": "en"}
    )
    assert english.json_body["detail"].startswith(
        "A complaint in state Received cannot be answered"
    )
    assign = post(client, f"/v1/admin/complaints/{code}/assign", {"assignee": "tim-1"}, officer)
    assert assign.status_code == 409 and assign.json_body["detail"] != received.json_body["detail"]
    post(client, f"/v1/admin/complaints/{code}/classify", {"class": "normatif"}, officer)
    classified = post(client, f"/v1/admin/complaints/{code}/answer", ANSWER, officer)
    assert classified.status_code == 409 and "Diklasifikasi" in classified.json_body["detail"]
    detail = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    assert detail["status"] == "classified" and detail["answer"] is None  # nothing written
