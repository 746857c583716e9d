"""The signed reply letter on WhatsApp (issue 20 point 5): the schedule notice of an audience
request goes with the letter's PDF as a `document` message, uploaded first to the Graph API's
`/{phone-number-id}/media` (the local stand-in), inside the 24-hour window."""

from __future__ import annotations

from typing import Any

from chalice.test import Client

from dev.whatsapp_inbound import delivery, text_message
from tests.e2e.test_audiences import new_request, post, schedule_body
from tests.e2e.test_whatsapp_outbound import deliver
from tests.e2e.test_whatsapp_outbound import post as webhook

WA_ID = "6281211112222"  # the request's contact phone 0812-1111-2222


def schedule(client: Client, auth: Any) -> str:
    code, _ = new_request(client, review=False)
    desk = auth("front_desk")
    assert post(client, f"/v1/admin/audiences/{code}/review", None, desk).status_code == 200
    res = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(), desk)
    assert res.status_code == 200, res.json_body
    return code


def test_the_schedule_goes_with_the_signed_letter_as_a_document(
    client: Client, auth: Any, graph: Any
) -> None:
    # GIVEN the requester wrote on WhatsApp today (the 24-hour window is open)
    assert webhook(client, delivery([text_message(WA_ID, "Kapan jadwalnya?")])).status_code == 200
    code = schedule(client, auth)
    graph.sent.clear()
    # WHEN the outbox delivers
    deliver()
    # THEN the signed letter was uploaded as a PDF, then sent as a document after the notice
    [uploaded] = graph.uploaded
    assert uploaded["mime_type"] == "application/pdf"
    assert uploaded["data"].startswith(b"%PDF-") and b"/ByteRange" in uploaded["data"]
    assert uploaded["filename"] == f"surat-{code}.pdf"
    to_requester = [s["body"] for s in graph.sent if s["body"]["to"] == WA_ID]
    [document] = [b for b in to_requester if b["type"] == "document"]
    assert document["document"]["id"] == uploaded["id"]
    assert document["document"]["filename"] == f"surat-{code}.pdf"
    kinds = [b["type"] for b in to_requester]
    assert kinds.index("document") > kinds.index("text")  # the notice first, then its letter


def test_outside_the_window_the_template_goes_alone(client: Client, auth: Any, graph: Any) -> None:
    schedule(client, auth)
    deliver()
    assert graph.uploaded == []
    assert {s["body"]["type"] for s in graph.sent} == {"template"}
