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


def test_the_complaint_officer_answers_a_classified_complaint_without_assigning_it(
    client: Client, auth: Auth
) -> None:
    """Trial of issue 17, finding 4: api.md lets the complaint officer answer; a "Ringan"
    complaint due in 3 office hours needs no detour through a team member."""
    officer = staff(auth, "complaint_officer")
    code = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    post(client, f"/v1/admin/complaints/{code}/classify", {"class": "ringan"}, officer)
    answered = post(client, f"/v1/admin/complaints/{code}/answer", ANSWER, officer)
    assert answered.status_code == 200, answered.json_body
    assert answered.json_body["status"] == "answered"
    assert answered.json_body["assignee"] is None
    assert answered.json_body["answer"]["text"] == ANSWER["answer"]
