"""The citizen sees the outcome (the reply letter, a decline reason) and downloads the
meeting's invite with their token; the invite is an iTIP message mail clients act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.test import Client

from tests.e2e.test_audiences import letter, new_request, post, schedule_body

Auth = Callable[..., dict[str, str]]


def _track(client: Client, code: str, token: str, suffix: str = "") -> Any:
    return client.http.get(f"/v1/track/{code}{suffix}", headers={"X-Access-Token": token})


def _scheduled(client: Client, auth: Auth, **kw: Any) -> tuple[str, str, dict[str, str]]:
    code, token = new_request(client, review=False)
    desk = auth("front_desk")
    assert post(client, f"/v1/admin/audiences/{code}/review", None, desk).status_code == 200
    res = post(client, f"/v1/admin/audiences/{code}/schedule", schedule_body(**kw), desk)
    assert res.status_code == 200, res.json_body
    return code, token, desk


def test_tracking_shows_the_reply_letter_of_a_scheduled_request_never_the_attendees(
    client: Client, auth: Auth
) -> None:
    code, token, _ = _scheduled(client, auth, room="Aula Kesra")
    res = _track(client, code, token)
    assert res.status_code == 200
    body = res.json_body
    sent = letter()
    year = sent["date"][:4]
    letter_id = body["reply_letter"]["id"]
    assert body["reply_letter"] == {
        "number": f"400.9/0001/Kesra/{year}",
        "date": sent["date"],
        "text": sent["body"],
        "id": letter_id,
        "pdf_url": f"/v1/track/{code}/letter.pdf",
    }
    assert body["decline_reason"] is None
    assert body["schedule"]["room"] == "Aula Kesra"
    assert "Kepala Biro Kesra" not in res.body.decode()  # the bureau's attendees stay inside
    assert "bureau_attendees" not in res.body.decode()


def test_tracking_shows_the_reply_letter_and_reason_of_a_declined_request(
    client: Client, auth: Auth
) -> None:
    code, token = new_request(client, review=False)
    desk = auth("front_desk")
    assert _track(client, code, token).json_body["reply_letter"] is None
    post(client, f"/v1/admin/audiences/{code}/review", None, desk)
    res = post(
        client,
        f"/v1/admin/audiences/{code}/decline",
        {"reason": "Agenda pimpinan penuh bulan ini", "reply_letter": letter("007/9/KESRA")},
        desk,
    )
    assert res.status_code == 200, res.json_body
    body = _track(client, code, token).json_body
    assert body["status"] == "declined"
    assert body["decline_reason"] == "Agenda pimpinan penuh bulan ini"
    assert body["reply_letter"]["number"] == "007/9/KESRA"
    assert body["reply_letter"]["text"] == letter()["body"]
    assert body["schedule"] is None


def test_requester_downloads_the_same_invite_as_staff_with_their_token(
    client: Client, auth: Auth
) -> None:
    code, token, desk = _scheduled(client, auth)
    staff = client.http.get(f"/v1/admin/audiences/{code}/invite.ics", headers=desk)
    mine = _track(client, code, token, "/invite.ics")
    assert mine.status_code == 200 and staff.status_code == 200
    assert mine.body == staff.body
    assert mine.headers["Content-Type"] == staff.headers["Content-Type"]
    assert mine.headers["Content-Disposition"] == f'attachment; filename="{code}.ics"'


def test_public_invite_wrong_token_unknown_code_and_no_meeting(client: Client, auth: Auth) -> None:
    code, token, _ = _scheduled(client, auth)
    wrong = _track(client, code, "x" * 43, "/invite.ics")
    unknown = _track(client, "AUD-2611-ZZZZZZ", token, "/invite.ics")
    missing = client.http.get(f"/v1/track/{code}/invite.ics")
    complaint = _track(client, "PGD-2611-ZZZZZZ", token, "/invite.ics")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.body == unknown.body == missing.body == complaint.body
    assert wrong.headers["Content-Type"] == "application/problem+json"
    fresh, fresh_token = new_request(client, review=False)
    res = _track(client, fresh, fresh_token, "/invite.ics")
    assert res.status_code == 409 and res.json_body["code"] == "invalid_transition"


def _calendar(res: Any) -> Any:
    from icalendar import Calendar

    assert res.status_code == 200, res.body
    return Calendar.from_ical(res.body)


def test_invite_is_an_itip_request_then_cancel_mail_clients_act_on(
    client: Client, auth: Auth
) -> None:
    import vobject

    code, token, desk = _scheduled(client, auth)
    path = f"/v1/admin/audiences/{code}/invite.ics"
    res = client.http.get(path, headers=desk)
    assert res.headers["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    cal = _calendar(res)
    assert cal["METHOD"] == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:kesra@kalbarprov.go.id"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:siti@sambas.go.id"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["CN"] == "Siti Aminah"
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    uid = str(event["UID"])
    # an independent parser agrees
    other = vobject.readOne(res.body.decode())
    assert other.method.value == "REQUEST"
    assert other.vevent.attendee.value == "mailto:siti@sambas.go.id"
    assert other.vevent.attendee.params["RSVP"] == ["TRUE"]
    # the same state gives the same bytes (DTSTAMP is the last change, not the download time)
    assert client.http.get(path, headers=desk).body == res.body

    post(
        client,
        f"/v1/admin/audiences/{code}/schedule",
        schedule_body(start=(10, 0), end=(11, 0)),
        desk,
    )
    moved = _calendar(client.http.get(path, headers=desk)).walk("VEVENT")[0]
    assert str(moved["UID"]) == uid and moved["SEQUENCE"] == 1
    assert moved["DTSTAMP"].dt >= event["DTSTAMP"].dt

    post(client, f"/v1/admin/audiences/{code}/cancel", {"reason": "Berhalangan"}, desk)
    cancelled = _track(client, code, token, "/invite.ics")
    assert cancelled.headers["Content-Type"] == "text/calendar; charset=utf-8; method=CANCEL"
    cal = _calendar(cancelled)
    assert cal["METHOD"] == "CANCEL"
    (gone,) = cal.walk("VEVENT")
    assert str(gone["UID"]) == uid and gone["SEQUENCE"] == 2
    assert gone["STATUS"] == "CANCELLED"
    assert str(gone["ORGANIZER"]) == "mailto:kesra@kalbarprov.go.id"
    assert str(gone["ATTENDEE"]) == "mailto:siti@sambas.go.id"


def test_invite_routes_declare_their_calendar_content_type(client: Client) -> None:
    doc = client.http.get("/openapi.json").json_body
    for path in ("/v1/admin/audiences/{code}/invite.ics", "/v1/track/{tracking_code}/invite.ics"):
        ok = doc["paths"][path]["get"]["responses"]["200"]
        assert list(ok["content"]) == ["text/calendar"], path
        assert "method=REQUEST" in ok["description"] and "method=CANCEL" in ok["description"]


def test_schedule_and_cancel_mails_carry_the_invite_as_imip(client: Client, auth: Auth) -> None:
    """The requester's e-mail is what Outlook and Gmail act on: text/calendar with the
    method, the same invite as the download."""
    import email
    import email.policy

    import boto3
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    from chalicelib import bootstrap
    from chalicelib.adapters.notifiers import SesNotifier

    ses = boto3.client("ses")
    ses.verify_email_identity(EmailAddress="kesra@kalbarprov.go.id")
    notifier = SesNotifier(
        ses,
        "kesra@kalbarprov.go.id",
        {},
        bootstrap.requester_contact().email,
        bootstrap.requester_contact().invite,
    )
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].sent_messages

    def send(code: str, subject_word: str) -> Any:
        outbox = bootstrap.outbox_service().list_recent(100, None).items
        (note,) = [n for n in outbox if n.item_code == code and subject_word in n.subject]
        notifier.send(note)
        return sent[-1]

    def mail_of(code: str, subject_word: str) -> Any:
        raw = send(code, subject_word).raw_data
        return email.message_from_string(raw, policy=email.policy.default)

    code, token, desk = _scheduled(client, auth)
    mail = mail_of(code, "Jadwal")
    assert mail["To"] == "siti@sambas.go.id" and mail.get_content_type() == "multipart/alternative"
    text, calendar = mail.get_payload()
    assert text.get_content_type() == "text/plain" and code in text.get_content()
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    download = _track(client, code, token, "/invite.ics").body.decode()
    assert calendar.get_content().replace("\r\n", "\n") == download.replace("\r\n", "\n")

    post(client, f"/v1/admin/audiences/{code}/cancel", {"reason": "Berhalangan"}, desk)
    cancel = mail_of(code, "dibatalkan").get_payload()[1]
    assert cancel.get_param("method") == "CANCEL" and "STATUS:CANCELLED" in cancel.get_content()

    # a message without a meeting (the confirmation) is one plain-text part, no invite; like
    # every mail it goes out raw with its own Message-ID so that a reply threads back
    plain = email.message_from_string(send(code, "diterima").raw_data, policy=email.policy.default)
    assert plain["To"] == "siti@sambas.go.id" and plain.get_content_type() == "text/plain"
    assert code in plain.get_content() and "BEGIN:VCALENDAR" not in plain.get_content()
    assert plain["Message-ID"] and code in plain["Subject"]
