"""The satisfaction survey over HTTP: 30 seeded responses (complaints, audiences and a
front-desk visitor's code) against a hand calculation; publication; downloads; refusals."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from chalice.test import Client

from tests.clock import wib
from tests.e2e.helpers import audience_body
from tests.e2e.test_complaints import at, handle, post, public_complaint, staff

Auth = Callable[..., dict[str, str]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# One answer sheet per respondent, U1..U9 left to right. Rows 0-17 answer for complaints,
# rows 18-28 for audience requests, row 29 is the front-desk visitor with a survey code.
SHEETS = [
    "243334334", "243344444", "422343343", "343334443", "321243223", "343444424",
    "441444433", "423443344", "342432242", "331234424", "441444344", "433444442",
    "343344442", "433434424", "443234434", "332432444", "431422332", "243344332",
    "232233443", "332443344", "323444434", "442344344", "442442344", "442234233",
    "242334434", "421343444", "342234433", "242444434", "443424443", "431432444",
]  # fmt: skip

# The hand calculation (column sums of SHEETS, n = 30):
#   U1 98  U2 102  U3 65  U4 99  U5 104  U6 104  U7 105  U8 102  U9 102   (total 881)
#   NRR = sum / 30: 3.2667 3.4 2.1667 3.3 3.4667 3.4667 3.5 3.4 3.4
#   index = 881 / 270 = 3.26296... -> 3.2630; converted = 881 x 25 / 270 = 81.574... -> 81.57, B
HAND_NRR = {
    "U1": 3.2667, "U2": 3.4, "U3": 2.1667, "U4": 3.3, "U5": 3.4667,
    "U6": 3.4667, "U7": 3.5, "U8": 3.4, "U9": 3.4,
}  # fmt: skip
# Complaints only (rows 0-17, total 526): 526 x 25 / 162 = 81.1728 -> 81.17.
# Audiences with the visitor (rows 18-29, total 355): 355 x 25 / 108 = 82.1759 -> 82.18.


def answers(sheet: str) -> dict[str, int]:
    return {f"U{i + 1}": int(ch) for i, ch in enumerate(sheet)}


def survey(client: Client, code: str, token: str, body: dict[str, Any]) -> Any:
    return post(
        client,
        f"/v1/track/{code}/survey",
        body,
        {"Content-Type": "application/json", "X-Access-Token": token},
    )


def answered_complaint(client: Client, auth: Auth) -> dict[str, Any]:
    c = public_complaint(client).json_body
    code, officer = c["tracking_code"], staff(auth, "complaint_officer")
    handle(client, code, officer)
    res = post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        {"answer": "Sudah ditindaklanjuti", "channel": "web"},
        officer,
    )
    assert res.status_code == 200, res.json_body
    return dict(c)


def declined_audience(client: Client, auth: Auth) -> dict[str, Any]:
    res = post(client, "/v1/audiences", audience_body(client), {"Content-Type": "application/json"})
    a = res.json_body
    desk = staff(auth, "front_desk")
    post(client, f"/v1/admin/audiences/{a['tracking_code']}/review", None, desk)
    letter = {"date": "2026-11-10", "body": "Mohon maaf"}
    res = post(
        client,
        f"/v1/admin/audiences/{a['tracking_code']}/decline",
        {"reason": "Jadwal pimpinan penuh", "reply_letter": letter},
        desk,
    )
    assert res.status_code == 200, res.json_body
    return dict(a)


def visitor_code(client: Client, auth: Auth) -> str:
    desk = staff(auth, "front_desk")
    entry = post(
        client,
        "/v1/admin/guestbook",
        {"name": "Budi", "institution": "Dinas Sosial", "purpose": "Audiensi"},
        desk,
    ).json_body
    out = post(client, f"/v1/admin/guestbook/{entry['id']}/checkout", None, desk).json_body
    assert out["state"] == "checked_out"
    code: str = out["survey_code"]
    again = client.http.get(f"/v1/admin/guestbook/{entry['id']}", headers=desk).json_body
    assert "survey_code" not in again or again["survey_code"] is None  # shown once
    return code


def seed_november(client: Client, auth: Auth) -> None:
    profile = {"age_band": "30_39", "sex": "perempuan", "education": "s1", "occupation": "pns"}
    with at(wib(2026, 11, 10, 9)):
        for i, sheet in enumerate(SHEETS[:18]):
            c = answered_complaint(client, auth)
            body: dict[str, Any] = {"answers": answers(sheet)}
            if i == 0:
                body |= {"profile": profile, "suggestion": "Ruang tunggu perlu kipas angin."}
            res = survey(client, c["tracking_code"], c["access_token"], body)
            assert res.status_code == 201, res.json_body
            assert res.json_body["service"] == "complaint" and res.json_body["month"] == "2026-11"
        for _ in range(2):  # ended, never surveyed: in the population only
            answered_complaint(client, auth)
        for sheet in SHEETS[18:29]:
            a = declined_audience(client, auth)
            res = survey(client, a["tracking_code"], a["access_token"], {"answers": answers(sheet)})
            assert res.status_code == 201, res.json_body
        code = visitor_code(client, auth)
        res = post(
            client,
            "/v1/skm/responses",
            {"survey_code": code.lower().replace("-", " "), "answers": answers(SHEETS[29])},
            {"Content-Type": "application/json"},
        )
        assert res.status_code == 201, res.json_body
        assert res.json_body["service"] == "audience"


def report(client: Client, auth: Auth, **params: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in {"from": "2026-11", "to": "2026-11", **params}.items())
    return client.http.get(
        f"/v1/admin/reports/skm?{query}",
        headers={**staff(auth, "supervisor"), "Accept": XLSX if "xlsx" in query else "*/*"},
    )


def test_thirty_responses_match_the_hand_calculation_and_publish(
    client: Client, auth: Auth
) -> None:
    seed_november(client, auth)
    with at(wib(2026, 12, 2, 9)):
        check_report(client, auth)
        check_downloads(client, auth)
        plan = check_publication(client, auth)
    with at(wib(2026, 12, 3, 9)):
        october = {"from": "2026-10", "to": "2026-10", "follow_up": plan}
        empty = post(client, "/v1/admin/skm/publications", october, staff(auth, "admin"))
        assert empty.status_code == 400 and empty.json_body["errors"][0]["field"] == "from"
        published = client.http.get("/v1/skm/publications").json_body
        assert [p["from"] for p in published["items"]] == ["2026-11"]
        first = published["items"][0]
        assert (first["mutu"], first["converted_index"]) == ("B", 81.57)
        assert "suggestions" not in first and "published_by" not in json.dumps(first)


def check_report(client: Client, auth: Auth) -> None:
    res = report(client, auth)
    assert res.status_code == 200, res.json_body
    r = res.json_body
    assert (r["from"], r["to"], r["service"]) == ("2026-11", "2026-11", "all")
    assert r["responses"] == 30
    # population: 20 complaints answered, 11 audiences declined, 1 visitor checked out
    assert r["population"] == 32
    # Krejcie-Morgan: 3.841 x 32 x 0.25 / (0.0025 x 31 + 0.96025) = 29.61 -> 30
    assert r["minimum_sample"] == 30 and r["sample_sufficient"] is True
    assert {u["unsur"]: u["nrr"] for u in r["per_unsur"]} == HAND_NRR
    assert r["index"] == 3.263 and r["converted_index"] == 81.57
    assert (r["mutu"], r["kinerja"]) == ("B", "Baik")
    assert [u["unsur"] for u in r["weakest"]] == ["U3", "U1", "U4"]
    u3 = next(u for u in r["per_unsur"] if u["unsur"] == "U3")
    assert u3["nrr_weighted"] == 0.2407 and u3["converted"] == 54.17 and u3["mutu"] == "D"
    assert r["profile"]["sex"] == {"perempuan": 1, "tidak_diisi": 29}
    assert r["suggestions"] == ["Ruang tunggu perlu kipas angin."]
    assert "IKM 81,57 (mutu B" in r["note"]  # the reader's notation: decimal comma

    assert report(client, auth, service="complaint").json_body["converted_index"] == 81.17
    audience = report(client, auth, service="audience").json_body
    assert (audience["converted_index"], audience["responses"]) == (82.18, 12)
    assert audience["population"] == 12


def check_downloads(client: Client, auth: Auth) -> None:
    text = report(client, auth, format="csv").body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))  # Indonesian regional settings
    assert rows[0] == ["Bagian", "Unsur", "Uraian", "Nilai"]
    assert ["Ringkasan", "", "IKM (25-100)", "81,57"] in rows

    xlsx = report(client, auth, format="xlsx")
    assert xlsx.status_code == 200 and xlsx.headers["Content-Type"] == XLSX
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.body), read_only=True)
    assert book.sheetnames == ["Ringkasan", "Per unsur", "Profil responden", "Saran"]
    per_unsur = list(book["Per unsur"].iter_rows(values_only=True))
    assert per_unsur[0] == (
        "Unsur",
        "Nama unsur",
        "NRR",
        "NRR tertimbang",
        "Nilai konversi",
        "Mutu",
    )
    assert per_unsur[3][0] == "U3" and per_unsur[3][2] == 2.1667  # a number, not text
    summary = {row[2]: row[3] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["IKM (25-100)"] == 81.57 and summary["Jumlah responden"] == 30
    profile = list(book["Profil responden"].iter_rows(values_only=True))
    assert ("Jenis kelamin", "Perempuan", 1) in profile  # words, never sex/perempuan
    assert ("Jenis kelamin", "Tidak diisi", 29) in profile
    check_english_downloads(client, auth)


def check_english_downloads(client: Client, auth: Auth) -> None:
    """A newcomer's trial (issue 17 point 6): the SKM files from the English console were
    Indonesian, with ';' and decimal commas. In English: ',' and a decimal point, English
    words, and the respondent profile's choices in words, not codes."""
    english = {**staff(auth, "supervisor"), "Accept-Language": "en"}
    res = client.http.get(
        "/v1/admin/reports/skm?from=2026-11&to=2026-11&format=csv", headers=english
    )
    rows = list(csv.reader(io.StringIO(res.body.decode("utf-8-sig")), delimiter=","))
    assert rows[0] == ["Section", "Element", "Item", "Value"]
    assert ["Summary", "", "IKM (25-100)", "81.57"] in rows
    assert ["Period", "", "Service", "All services"] in rows
    assert ["Summary", "", "Sample sufficient", "no"] in rows or [
        "Summary",
        "",
        "Sample sufficient",
        "yes",
    ] in rows
    xlsx = client.http.get(
        "/v1/admin/reports/skm?from=2026-11&to=2026-11&format=xlsx",
        headers={**english, "Accept": XLSX},
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.body), read_only=True)
    assert book.sheetnames == ["Summary", "Per element", "Respondent profile", "Suggestions"]
    profile = list(book["Respondent profile"].iter_rows(values_only=True))
    assert profile[0] == ("Profile", "Choice", "Count")
    assert ("Sex", "Female", 1) in profile and ("Sex", "Not given", 29) in profile
    codes = {"sex", "perempuan", "tidak_diisi", "age_band", "all"}
    assert not codes & {cell for row in profile + rows for cell in row}


def check_publication(client: Client, auth: Auth) -> list[dict[str, str]]:
    plan = [
        {"unsur": "U3", "action": "Percepat surat jawaban", "who": "Kabag", "by": "2027-03-31"},
        {"unsur": "U1", "action": "Sederhanakan syarat", "who": "TU", "by": "2027-02-28"},
    ]
    body = {"from": "2026-11", "to": "2026-11", "follow_up": plan}
    missing = post(client, "/v1/admin/skm/publications", body, staff(auth, "supervisor"))
    assert missing.status_code == 400
    assert [e["message"] for e in missing.json_body["errors"]] == [
        "rencana tindak lanjut untuk unsur U4 belum ada"
    ]
    plan.append({"unsur": "U4", "action": "Tetap gratis", "who": "Kabag", "by": "2027-01-31"})
    denied = post(client, "/v1/admin/skm/publications", body, staff(auth, "complaint_officer"))
    assert denied.status_code == 403
    res = post(client, "/v1/admin/skm/publications", body, staff(auth, "supervisor"))
    assert res.status_code == 201, res.json_body
    assert res.json_body["converted_index"] == 81.57 and len(res.json_body["follow_up"]) == 3
    again = post(client, "/v1/admin/skm/publications", body, staff(auth, "admin"))
    assert again.status_code == 409 and again.json_body["code"] == "invalid_transition"
    return plan


def test_a_period_without_responses_has_no_index_and_says_so(client: Client, auth: Auth) -> None:
    res = client.http.get(
        "/v1/admin/reports/skm?from=2026-01&to=2026-03&service=complaint",
        headers=staff(auth, "complaint_officer"),
    )
    assert res.status_code == 200
    r = res.json_body
    assert (r["responses"], r["population"], r["minimum_sample"]) == (0, 0, 0)
    assert r["sample_sufficient"] is False
    assert r["index"] is None and r["converted_index"] is None and r["mutu"] is None
    assert r["per_unsur"] == [] and r["weakest"] == []
    assert r["note"] == "Belum ada jawaban SKM pada periode ini; indeks tidak dihitung."
    xlsx = client.http.get(
        "/v1/admin/reports/skm?from=2026-01&to=2026-01&format=xlsx",
        headers={**staff(auth, "admin"), "Accept": XLSX},
    )
    assert xlsx.status_code == 200 and xlsx.body[:2] == b"PK"
    from openpyxl import load_workbook

    summary = list(load_workbook(io.BytesIO(xlsx.body))["Ringkasan"].iter_rows(values_only=True))
    # the service filter in words, never the code 'all' (a newcomer's trial)
    assert ("Periode", "", "Layanan", "Semua layanan") in summary


def test_report_period_and_roles(client: Client, auth: Auth) -> None:
    bad = client.http.get(
        "/v1/admin/reports/skm?from=2026-12&to=2026-01", headers=staff(auth, "admin")
    )
    assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "to"
    desk = client.http.get(
        "/v1/admin/reports/skm?from=2026-01&to=2026-01", headers=staff(auth, "front_desk")
    )
    assert desk.status_code == 403


def test_the_requester_answers_once_after_the_service_ended(client: Client, auth: Auth) -> None:
    c = public_complaint(client).json_body
    code, token = c["tracking_code"], c["access_token"]
    body = {"answers": answers(SHEETS[0])}
    early = survey(client, code, token, body)
    assert early.status_code == 409 and early.json_body["code"] == "invalid_transition"
    assert early.json_body["detail"].startswith("Survei kepuasan dapat diisi setelah layanan")
    track = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    assert track["survey"] == "not_yet"
    officer = staff(auth, "complaint_officer")
    handle(client, code, officer)
    answered = post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        {"answer": "Selesai", "channel": "web"},
        officer,
    )
    assert answered.status_code == 200, answered.json_body
    assert survey(client, code, "wrong-token", body).status_code == 404
    track = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    assert track["survey"] == "open"
    assert survey(client, code, token, body).status_code == 201
    second = survey(client, code, token, body)
    assert second.status_code == 409 and second.json_body["code"] == "invalid_transition"
    track = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    assert track["survey"] == "done"


def test_all_nine_answers_are_required_and_each_missing_one_is_named(client: Client) -> None:
    res = post(
        client,
        "/v1/skm/responses",
        {"survey_code": "SKM-AAAA-BBBB", "answers": {"U1": 4, "U2": 5, "U5": 3, "U6": 3}},
        {"Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert res.status_code == 400
    errors = {e["field"]: e["message"] for e in res.json_body["errors"]}
    assert errors == {
        "answers.U2": "must be at most 4",
        "answers.U3": "is required",
        "answers.U4": "is required",
        "answers.U7": "is required",
        "answers.U8": "is required",
        "answers.U9": "is required",
    }


def test_a_visitor_code_is_taken_once(client: Client, auth: Auth) -> None:
    code = visitor_code(client, auth)
    body = {"survey_code": code, "answers": answers(SHEETS[1])}
    headers = {"Content-Type": "application/json"}
    assert post(client, "/v1/skm/responses", body, headers).status_code == 201
    again = post(client, "/v1/skm/responses", body, headers)
    assert again.status_code == 409 and again.json_body["code"] == "invalid_transition"
    unknown = post(client, "/v1/skm/responses", {**body, "survey_code": "SKM-2222-3333"}, headers)
    assert unknown.status_code == 404


def test_the_questionnaire_has_nine_elements_in_two_languages(client: Client) -> None:
    q = client.http.get("/v1/skm/questionnaire").json_body
    assert [e["code"] for e in q["elements"]] == [f"U{i}" for i in range(1, 10)]
    u1 = q["elements"][0]
    assert u1["name"] == {"id": "Persyaratan", "en": "Requirements"}
    assert [a["label"]["id"] for a in u1["answers"]] == [
        "Tidak sesuai",
        "Kurang sesuai",
        "Sesuai",
        "Sangat sesuai",
    ]
    assert [a["value"] for a in u1["answers"]] == [1, 2, 3, 4]
    assert {f["name"] for f in q["profile_fields"]} == {
        "age_band",
        "sex",
        "education",
        "occupation",
    }


def test_monthly_report_downloads_as_xlsx_with_numbers(client: Client, auth: Auth) -> None:
    with at(wib(2026, 11, 10, 9)):
        answered_complaint(client, auth)
        res = client.http.get(
            "/v1/admin/reports/monthly?month=2026-11&format=xlsx",
            headers={**staff(auth, "supervisor"), "Accept": XLSX},
        )
    assert res.status_code == 200 and res.headers["Content-Type"] == XLSX
    assert 'filename="rekap-2026-11.xlsx"' in res.headers["Content-Disposition"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(res.body))["Rekap bulanan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Bulan", "Bagian", "Kategori", "Nilai")
    assert ("2026-11", "Pengaduan", "Masuk bulan ini", 1) in rows
