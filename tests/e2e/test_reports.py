"""The monthly report on a seeded October 2026, against numbers worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from babel.numbers import parse_decimal
from chalice.test import Client

from tests.clock import wib
from tests.e2e.helpers import audience_body
from tests.e2e.test_complaints import at, handle, intake, post, public_complaint, staff

Auth = Callable[..., dict[str, str]]


def seed_october(client: Client, auth: Auth) -> None:
    def officer() -> dict[str, str]:
        return staff(auth, "complaint_officer")

    # C1: Mon 5 Oct 09:00, ringan, answered 11:00 (due 12:00): on time, 120 office min, 0 wd; rated 5; closed
    with at(wib(2026, 10, 5, 9)):
        c1 = intake(client, auth, wib(2026, 10, 5, 9), channel="tatap_muka")
        handle(client, c1["code"], officer(), cls="ringan")
    with at(wib(2026, 10, 5, 11)):
        post(
            client,
            f"/v1/admin/complaints/{c1['code']}/answer",
            {"answer": "Selesai", "channel": "tatap_muka"},
            officer(),
        )
        post(client, f"/v1/admin/complaints/{c1['code']}/close", None, officer())
        post(
            client,
            f"/v1/track/{c1['code']}/rating",
            {"score": 5},
            {"Content-Type": "application/json", "X-Access-Token": c1["access_token"]},
        )
    # C2: Tue 6 Oct 10:00, normatif (due Tue 13 Oct 16:00), answered Wed 14 Oct 09:00: late,
    #     office minutes 360 + 3*480 + 2*480 + 60 = 2820, working days 6
    with at(wib(2026, 10, 6, 10)):
        c2 = intake(client, auth, wib(2026, 10, 6, 10), channel="whatsapp")
        handle(client, c2["code"], officer(), cls="normatif")
    with at(wib(2026, 10, 14, 9)):
        post(
            client,
            f"/v1/admin/complaints/{c2['code']}/answer",
            {"answer": "Maaf terlambat", "channel": "whatsapp"},
            officer(),
        )
    # C3: Wed 7 Oct 14:00, e-mail, anonymous, never classified: open
    with at(wib(2026, 10, 7, 14)):
        intake(
            client, auth, wib(2026, 10, 7, 14), channel="email", privacy="anonymous", reporter=None
        )
    # C4: Thu 8 Oct 09:00, LAPOR, non_pengawasan, rejected
    with at(wib(2026, 10, 8, 9)):
        c4 = intake(
            client,
            auth,
            wib(2026, 10, 8, 9),
            channel="lapor",
            lapor_tracking_id="LAPOR-2026-10-0001",
        )
        post(
            client,
            f"/v1/admin/complaints/{c4['code']}/classify",
            {"class": "non_pengawasan"},
            officer(),
        )
        post(
            client,
            f"/v1/admin/complaints/{c4['code']}/reject",
            {"reason": "Di luar kewenangan biro"},
            officer(),
        )
    # C5: Fri 30 Oct 15:00 on the web, normatif, answered Mon 2 Nov 10:00: on time, 60 + 120 = 180 min, 1 wd; rated 3
    with at(wib(2026, 10, 30, 15)):
        c5 = public_complaint(client).json_body
        handle(client, c5["tracking_code"], officer(), cls="normatif")
    with at(wib(2026, 11, 2, 10)):
        post(
            client,
            f"/v1/admin/complaints/{c5['tracking_code']}/answer",
            {"answer": "Sudah", "channel": "web"},
            officer(),
        )
        post(
            client,
            f"/v1/track/{c5['tracking_code']}/rating",
            {"score": 3},
            {"Content-Type": "application/json", "X-Access-Token": c5["access_token"]},
        )
    # C6: 1 Nov: another month
    with at(wib(2026, 11, 1, 9)):
        intake(client, auth, wib(2026, 11, 1, 9), channel="telepon")

    def desk() -> dict[str, str]:
        return staff(auth, "front_desk")

    letter = {"date": "2026-10-07", "body": "Surat jawaban"}
    # A1: Mon 5 Oct 10:00 (due Thu 8 Oct 16:00), scheduled Wed 7 Oct: on time
    with at(wib(2026, 10, 5, 10)):
        a1 = post(
            client,
            "/v1/admin/audiences",
            audience_body(client, received_at=wib(2026, 10, 5, 10).isoformat()),
            desk(),
        ).json_body
    with at(wib(2026, 10, 7, 10)):
        post(client, f"/v1/admin/audiences/{a1['code']}/review", None, desk())
        res = post(
            client,
            f"/v1/admin/audiences/{a1['code']}/schedule",
            {
                "start": "2026-10-15T09:00:00+07:00",
                "end": "2026-10-15T10:00:00+07:00",
                "room": "Aula",
                "bureau_attendees": ["Kabag"],
                "reply_letter": letter,
            },
            desk(),
        )
        assert res.status_code == 200, res.json_body
    # A2: Tue 6 Oct 09:00 (due Fri 9 Oct 16:00), declined Mon 12 Oct: late
    with at(wib(2026, 10, 6, 9)):
        a2 = post(
            client,
            "/v1/admin/audiences",
            audience_body(client, received_at=wib(2026, 10, 6, 9).isoformat()),
            desk(),
        ).json_body
    with at(wib(2026, 10, 12, 9)):
        post(client, f"/v1/admin/audiences/{a2['code']}/review", None, desk())
        post(
            client,
            f"/v1/admin/audiences/{a2['code']}/decline",
            {"reason": "Jadwal penuh", "reply_letter": letter},
            desk(),
        )
    # A3: 20 Oct, still waiting
    with at(wib(2026, 10, 20, 9)):
        post(
            client,
            "/v1/admin/audiences",
            audience_body(client, received_at=wib(2026, 10, 20, 9).isoformat()),
            desk(),
        )


def test_monthly_report_json_matches_the_hand_count(client: Client, auth: Auth) -> None:
    seed_october(client, auth)
    res = client.http.get(
        "/v1/admin/reports/monthly?month=2026-10", headers=staff(auth, "supervisor")
    )
    assert res.status_code == 200
    r: dict[str, Any] = res.json_body
    c = r["complaints"]
    assert c["received"] == 5
    assert c["by_class"] == {
        "belum_diklasifikasi": 1,
        "non_pengawasan": 1,
        "normatif": 2,
        "ringan": 1,
    }
    assert c["by_channel"] == {"email": 1, "lapor": 1, "tatap_muka": 1, "web": 1, "whatsapp": 1}
    assert c["by_state"] == {"answered": 2, "closed": 1, "received": 1, "rejected": 1}
    assert c["answered_by_class"] == {
        "normatif": {"on_time": 1, "late": 1},
        "ringan": {"on_time": 1, "late": 0},
    }
    assert c["median_office_minutes_to_answer"] == 180.0  # of 120, 2820, 180
    assert c["median_working_days_to_answer"] == 1.0  # of 0, 6, 1
    assert c["average_rating"] == 4.0 and c["ratings"] == 2
    assert r["audiences"] == {
        "received": 3,
        "by_channel": {"front_desk": 3},
        "by_state": {"declined": 1, "scheduled": 1, "submitted": 1},
        "scheduled": 1,
        "declined": 1,
        "on_time": 1,
        "late": 1,
        "average_rating": None,
        "ratings": 0,
    }
    # the kept counts equal a recount of every stored item
    recount = client.http.get(
        "/v1/admin/reports/monthly?month=2026-10&recount=true", headers=staff(auth, "supervisor")
    )
    assert recount.status_code == 200 and recount.json_body == r


def _number(text: str, lang: str) -> Decimal:
    """A cell read as the spreadsheet of that locale reads it (CLDR's decimal and group
    symbols, via Babel): '86,11' is 86.11 in `id`; in `en` a comma would be grouping."""
    return parse_decimal(text, locale=lang, strict=True)


def _csv(client: Client, auth: Auth, lang: str) -> list[list[str]]:
    res = client.http.get(
        "/v1/admin/reports/monthly?month=2026-10&format=csv",
        headers={**staff(auth, "complaint_officer"), "Accept-Language": lang},
    )
    assert res.status_code == 200 and res.headers["Content-Type"].startswith("text/csv")
    name = "rekap-2026-10.csv" if lang == "id" else "report-2026-10.csv"  # the reader's words
    assert f'filename="{name}"' in res.headers["Content-Disposition"]
    assert res.body.startswith("\ufeff".encode())
    text = res.body.decode("utf-8-sig")
    # The separator of the locale's regional settings: Indonesian Excel's list separator is
    # ';' (its decimal mark is ','); English is ','.
    return list(csv.reader(io.StringIO(text), delimiter=";" if lang == "id" else ","))


def test_monthly_report_csv_opens_in_an_indonesian_spreadsheet(client: Client, auth: Auth) -> None:
    seed_october(client, auth)
    rows = _csv(client, auth, "id")
    assert rows[0] == ["Bulan", "Bagian", "Kategori", "Nilai"]
    assert all(len(row) == 4 and row[0] == "2026-10" for row in rows[1:])
    table = {(row[1], row[2]): row[3] for row in rows[1:]}
    assert _number(table[("Pengaduan", "Masuk bulan ini")], "id") == 5
    # "Diterima" names only the state (a newcomer read "Pengaduan;Diterima" as the state too)
    assert ("Pengaduan", "Diterima") not in table
    # code values are words, as on the console: no 'normatif', 'web', 'answered'
    assert _number(table[("Pengaduan dijawab terlambat", "Normatif")], "id") == 1
    assert _number(table[("Pengaduan menurut saluran", "Situs web")], "id") == 1
    assert _number(table[("Pengaduan menurut status", "Dijawab")], "id") == 2
    assert _number(table[("Pengaduan menurut klasifikasi", "Belum diklasifikasi")], "id") == 1
    assert _number(table[("Median waktu menjawab pengaduan", "Menit jam kerja")], "id") == 180
    assert _number(table[("Audiensi", "Tidak difasilitasi")], "id") == 1
    assert _number(table[("Audiensi menurut status", "Dijadwalkan")], "id") == 1
    assert _number(table[("Audiensi menurut saluran", "Meja depan")], "id") == 3
    codes = {"normatif", "web", "answered", "front_desk", "belum_diklasifikasi", "submitted"}
    assert not codes & {cell for row in rows for cell in row}
    # a fraction carries the decimal comma and reads back as that number
    assert table[("Penilaian pengaduan", "Rata-rata (1-5)")] == "4"
    assert table[("Median waktu menjawab pengaduan", "Hari kerja")] == "1"


def test_csv_fractions_follow_the_locale(client: Client, auth: Auth) -> None:
    # C1 rated 5 and C5 rated 3 in seed_october; a third October complaint rated 5 makes
    # the average 13/3, a fraction.
    seed_october(client, auth)
    with at(wib(2026, 10, 21, 9)):
        c = intake(client, auth, wib(2026, 10, 21, 9), channel="whatsapp")
        handle(client, c["code"], staff(auth, "complaint_officer"), cls="ringan")
    with at(wib(2026, 10, 21, 10)):
        post(
            client,
            f"/v1/admin/complaints/{c['code']}/answer",
            {"answer": "Selesai", "channel": "whatsapp"},
            staff(auth, "complaint_officer"),
        )
        rated = post(
            client,
            f"/v1/track/{c['code']}/rating",
            {"score": 5},
            {"Content-Type": "application/json", "X-Access-Token": c["access_token"]},
        )
        assert rated.status_code in (200, 201), rated.json_body
    indonesian = {(r[1], r[2]): r[3] for r in _csv(client, auth, "id")[1:]}
    english = {(r[1], r[2]): r[3] for r in _csv(client, auth, "en")[1:]}
    assert indonesian[("Penilaian pengaduan", "Rata-rata (1-5)")] == "4,33"
    assert _number(indonesian[("Penilaian pengaduan", "Rata-rata (1-5)")], "id") == Decimal("4.33")
    assert english[("Complaint ratings", "Average (1-5)")] == "4.33"
    assert _number(english[("Complaint ratings", "Average (1-5)")], "en") == Decimal("4.33")
    assert english[("Complaints by channel", "WhatsApp")] == "2"
    assert _csv(client, auth, "en")[0] == ["Month", "Section", "Category", "Value"]


def test_open_now_counts_both_services(client: Client, auth: Auth) -> None:
    seed_october(client, auth)
    # at 2 Nov 2026: C3 (unclassified, due 7 Oct) and the November complaint C6 are open, C3
    # overdue; of the audiences A1 is scheduled (open, clock stopped), A3 submitted (due 23
    # Oct: overdue)
    with at(wib(2026, 11, 2, 12)):
        res = client.http.get("/v1/admin/reports/open", headers=staff(auth, "supervisor"))
    assert res.status_code == 200, res.json_body
    assert res.json_body["complaints"] == {"open": 2, "overdue": 2}
    assert res.json_body["audiences"] == {"open": 2, "overdue": 1}
    front = client.http.get("/v1/admin/reports/open", headers=staff(auth, "front_desk"))
    assert front.status_code == 403


def test_report_roles_and_bad_month(client: Client, auth: Auth) -> None:
    assert (
        client.http.get(
            "/v1/admin/reports/monthly?month=2026-10", headers=staff(auth, "front_desk")
        ).status_code
        == 403
    )
    bad = client.http.get("/v1/admin/reports/monthly?month=2026-13", headers=staff(auth, "admin"))
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "month"
    empty = client.http.get(
        "/v1/admin/reports/monthly?month=2025-01", headers=staff(auth, "admin")
    ).json_body
    assert empty["complaints"]["received"] == 0 and json.dumps(empty)
