"""What the citizens' portal needs of the contract: the next working days for its date
picker, what the tracking view allows now (reply, rate), and the headers it sends, named in
/openapi.json so the typed client carries them."""

from __future__ import annotations

import json
import re
from datetime import date

import time_machine
from chalice.test import Client

from tests.clock import wib
from tests.e2e.helpers import JSON, audience_body, register, submit
from tests.e2e.test_complaints import Auth, post, public_complaint, staff


def test_working_days_skip_weekends_and_holidays(client: Client) -> None:
    # Thursday 24 December 2026, 10:00 in Pontianak: Christmas and the weekend follow.
    with time_machine.travel(wib(2026, 12, 24, 10), tick=False):
        res = client.http.get("/v1/working-days?count=5")
    assert res.status_code == 200
    assert res.headers["Cache-Control"] == "public, max-age=600"
    body = res.json_body
    assert body["today"] == "2026-12-24"
    days = [date.fromisoformat(d) for d in body["working_days"]]
    assert len(days) == 5 and days == sorted(days)
    assert all(d > date(2026, 12, 24) and d.weekday() < 5 for d in days)
    assert date(2026, 12, 25) not in days  # Hari Raya Natal
    bad = client.http.get("/v1/working-days?count=0")
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "count"


def test_a_typed_date_is_checked_alone_and_written_as_people_write_dates(client: Client) -> None:
    """The portal's "Tanggal lain" asks before the uploads (issue 17 point 4): a holiday, a
    weekend, a past day are refused with the rule's own message, and every date in it is
    written out ("Jumat, 25 Desember 2026"), never ISO; a working day passes."""
    with time_machine.travel(wib(2026, 12, 21, 10), tick=False):  # Monday
        holiday = client.http.get("/v1/working-days?count=1&date=2026-12-25")
        weekend = client.http.get(
            "/v1/working-days?count=1&date=2026-12-26", headers={"Accept-Language": "en"}
        )
        past = client.http.get("/v1/working-days?count=1&date=2026-12-18")
        far = client.http.get("/v1/working-days?count=1&date=2028-01-03")
        fine = client.http.get("/v1/working-days?count=1&date=2026-12-28")
    assert holiday.status_code == 400
    assert holiday.json_body["errors"] == [
        {
            "field": "date",
            "message": "Jumat, 25 Desember 2026 adalah hari libur (Hari Raya Natal), "
            "bukan hari kerja",
        }
    ]
    assert weekend.json_body["errors"] == [
        {
            "field": "date",
            "message": "Saturday, 26 December 2026 falls on a weekend, not a working day",
        }
    ]
    assert past.status_code == 400 and past.json_body["errors"][0]["field"] == "date"
    assert far.json_body["errors"][0]["message"] == (
        "tanggal harus antara Senin, 21 Desember 2026 dan Rabu, 22 Desember 2027"
    )
    assert fine.status_code == 200 and fine.json_body["working_days"] == ["2026-12-22"]
    for res in (holiday, weekend, past, far):
        assert not re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", json.dumps(res.json_body))


def test_preferred_dates_refused_at_submit_say_the_date_in_words(client: Client) -> None:
    with time_machine.travel(wib(2026, 12, 21, 10), tick=False):
        res = submit(client, audience_body(client, preferred_dates=["2026-12-28", "2026-12-25"]))
    assert res.status_code == 400
    assert res.json_body["errors"] == [
        {
            "field": "preferred_dates.1",
            "message": "Jumat, 25 Desember 2026 adalah hari libur (Hari Raya Natal), "
            "bukan hari kerja",
        }
    ]


def test_tracking_says_when_to_reply_and_when_to_rate(client: Client, auth: Auth) -> None:
    res = public_complaint(client)
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    me = {**JSON, "X-Access-Token": token}
    officer = staff(auth, "complaint_officer", "pejabat-1")

    def view() -> dict[str, object]:
        body: dict[str, object] = client.http.get(f"/v1/track/{code}", headers=me).json_body
        return body

    assert (view()["can_reply"], view()["can_rate"]) == (False, False)
    post(client, f"/v1/admin/complaints/{code}/classify", {"class": "normatif"}, officer)
    post(client, f"/v1/admin/complaints/{code}/assign", {"assignee": register("tim-1")}, officer)
    post(client, f"/v1/admin/complaints/{code}/request-info", {"message": "Nomor surat?"}, officer)
    assert view()["can_reply"] is True
    post(client, f"/v1/track/{code}/messages", {"message": "Nomor 12/2026"}, me)
    assert view()["can_reply"] is False
    post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        {"answer": "Selesai.", "channel": "web"},
        officer,
    )
    assert view()["can_rate"] is True
    assert post(client, f"/v1/track/{code}/rating", {"score": 4}, me).status_code == 200
    assert (view()["can_rate"], view()["rated"]) == (False, True)


def test_openapi_names_the_headers_a_browser_sends(client: Client) -> None:
    doc = client.http.get("/openapi.json").json_body

    def headers(path: str, method: str) -> dict[str, bool]:
        """The header parameters but Accept-Language (which every operation reads)."""
        params = doc["paths"][path][method].get("parameters", [])
        return {
            p["name"]: p["required"]
            for p in params
            if p["in"] == "header" and p["name"] != "Accept-Language"
        }

    # X-Access-Token is not `required` in the schema's sense: without it the answer is the
    # same 404 as for a wrong token or an unknown code (api.md), never a 400.
    assert headers("/v1/track/{tracking_code}", "get") == {"X-Access-Token": False}
    assert headers("/v1/track/{tracking_code}/messages", "post") == {
        "X-Access-Token": False,
        "Idempotency-Key": False,
    }
    for path in ("/v1/uploads", "/v1/audiences", "/v1/complaints"):
        assert headers(path, "post") == {"Idempotency-Key": False}
    assert "Idempotency-Key" not in headers("/v1/admin/complaints", "post")
