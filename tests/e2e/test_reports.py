"""The monthly report on a seeded October 2026, against numbers worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

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

    letter = {"number": "1/KESRA", "date": "2026-10-07", "body": "Surat jawaban"}
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
        "scheduled": 1,
        "declined": 1,
        "on_time": 1,
        "late": 1,
        "average_rating": None,
    }


def test_monthly_report_csv_opens_cleanly(client: Client, auth: Auth) -> None:
    seed_october(client, auth)
    res = client.http.get(
        "/v1/admin/reports/monthly?month=2026-10&format=csv",
        headers=staff(auth, "complaint_officer"),
    )
    assert res.status_code == 200 and res.headers["Content-Type"].startswith("text/csv")
    assert res.body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(res.body.decode("utf-8-sig"))))
    assert rows[0] == ["Bulan", "Bagian", "Kategori", "Nilai"]
    table = {(row[1], row[2]): row[3] for row in rows[1:]}
    assert table[("Pengaduan", "Diterima")] == "5"
    assert table[("Dijawab terlambat", "normatif")] == "1"
    assert table[("Median waktu jawab", "Menit jam kerja")] == "180"
    assert table[("Audiensi", "Ditolak")] == "1"
    assert all(row[0] == "2026-10" for row in rows[1:])


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
