"""Pengaduan end to end through HTTP on moto."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib import bootstrap
from tests.clock import wib
from tests.e2e.helpers import JSON, id_of, register, upload

Auth = Callable[..., dict[str, str]]
CHANNELS = ("tatap_muka", "kotak_pengaduan", "whatsapp", "telepon", "faksimile", "email", "lapor")
REPORTER = {"name": "Rahmat Hidayat", "phone": "0813-5555-6666", "email": "rahmat@contoh.id"}


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with time_machine.travel(moment, tick=False):
        yield


def staff(auth: Auth, role: str, sub: str | None = None) -> dict[str, str]:
    """A token valid at the (possibly travelled) current time."""
    exp = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    return auth(role, sub=sub or f"staff-{role}", exp=exp)


def post(client: Client, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.http.post(
        path, body=json.dumps(body) if body is not None else None, headers=headers
    )


def handle(
    client: Client, code: str, officer: dict[str, str], member: str = "tim-1", cls: str = "ringan"
) -> dict[str, Any]:
    """Classify (unless already) and assign to a registered team member: what domain.md
    requires before an answer."""
    detail = client.http.get(f"/v1/admin/complaints/{code}", headers=officer).json_body
    if detail["class"] is None:
        res = post(client, f"/v1/admin/complaints/{code}/classify", {"class": cls}, officer)
        assert res.status_code == 200, res.json_body
    res = post(
        client, f"/v1/admin/complaints/{code}/assign", {"assignee": register(member)}, officer
    )
    assert res.status_code == 200, res.json_body
    body: dict[str, Any] = res.json_body
    return body


def public_complaint(
    client: Client,
    privacy: str = "named",
    reporter: Any = REPORTER,
    key: str | None = None,
    **extra: Any,
) -> Any:
    body: dict[str, Any] = {
        "subject": "Pelayanan lambat",
        "description": "Surat saya belum dijawab sejak lama.",
        "privacy": privacy,
        **extra,
    }
    if reporter is not None:
        body["reporter"] = reporter
    headers = dict(JSON)
    if key:
        headers["Idempotency-Key"] = key
    return client.http.post("/v1/complaints", headers=headers, body=json.dumps(body))


def intake(
    client: Client,
    auth: Auth,
    received: datetime,
    channel: str = "telepon",
    privacy: str = "named",
    reporter: Any = REPORTER,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "subject": "Bantuan belum cair",
        "description": "Sudah tiga bulan belum ada kabar.",
        "privacy": privacy,
        "channel": channel,
        "received_at": received.isoformat(),
        **extra,
    }
    if reporter is not None:
        body["reporter"] = reporter
    if channel == "lapor" and "lapor_tracking_id" not in extra:
        body["lapor_tracking_id"] = f"LAPOR-{received:%H%M%S}-{privacy}"
    res = post(client, "/v1/admin/complaints", body, staff(auth, "complaint_officer"))
    assert res.status_code == 201, res.json_body
    item: dict[str, Any] = res.json_body
    return item


def test_public_intake_runs_on_the_ringan_clock_until_classified(client: Client) -> None:
    with at(wib(2026, 11, 23, 15)):  # Mon 15:00
        res = public_complaint(client)
    assert res.status_code == 201
    assert res.json_body["status"] == "received"
    assert res.json_body["due_at"] == "2026-11-24T10:00:00+07:00"  # 3 office hours


@pytest.mark.parametrize("channel", CHANNELS)
def test_staff_intake_from_every_channel_runs_from_the_true_receipt(
    client: Client, auth: Auth, channel: str
) -> None:
    with at(wib(2026, 11, 24, 9)):
        item = intake(client, auth, wib(2026, 11, 23, 15), channel=channel)
    assert item["channel"] == channel and item["received_at"] == "2026-11-23T15:00:00+07:00"
    assert item["due_at"] == "2026-11-24T10:00:00+07:00" and item["access_token"]
    if channel == "lapor":
        assert item["lapor_tracking_id"]


def test_intake_rules(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    base = {
        "subject": "Judul aduan",
        "description": "Isi aduan yang cukup panjang.",
        "privacy": "named",
        "reporter": REPORTER,
        "channel": "telepon",
    }
    future = post(
        client,
        "/v1/admin/complaints",
        {**base, "received_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()},
        officer,
    )
    assert future.status_code == 400 and future.json_body["errors"][0]["field"] == "received_at"
    no_lapor_id = post(
        client,
        "/v1/admin/complaints",
        {**base, "channel": "lapor", "received_at": datetime.now(UTC).isoformat()},
        officer,
    )
    assert (
        no_lapor_id.status_code == 400
        and no_lapor_id.json_body["errors"][0]["field"] == "lapor_tracking_id"
    )
    web = post(
        client,
        "/v1/admin/complaints",
        {**base, "channel": "web", "received_at": datetime.now(UTC).isoformat()},
        officer,
    )
    assert web.status_code == 400 and web.json_body["errors"][0]["field"] == "channel"
    first = intake(
        client,
        auth,
        datetime.now(UTC) - timedelta(hours=1),
        channel="lapor",
        lapor_tracking_id="LAPOR-77",
    )
    assert first["lapor_tracking_id"] == "LAPOR-77"
    dup = post(
        client,
        "/v1/admin/complaints",
        {
            **base,
            "channel": "lapor",
            "lapor_tracking_id": "LAPOR-77",
            "received_at": datetime.now(UTC).isoformat(),
        },
        officer,
    )
    assert dup.status_code == 400 and dup.json_body["errors"] == [
        {"field": "lapor_tracking_id", "message": "sudah terdaftar"}
    ]
    assert (
        post(
            client,
            "/v1/admin/complaints",
            {**base, "received_at": datetime.now(UTC).isoformat()},
            staff(auth, "supervisor"),
        ).status_code
        == 403
    )


def test_privacy_rules_on_intake(client: Client) -> None:
    anon_with_reporter = public_complaint(client, "anonymous", REPORTER)
    assert anon_with_reporter.status_code == 400
    assert anon_with_reporter.json_body["errors"][0] == {
        "field": "reporter",
        "message": "tidak boleh diisi untuk pengaduan anonim",
    }
    named_without = public_complaint(client, "named", None)
    assert (
        named_without.status_code == 400
        and named_without.json_body["errors"][0]["field"] == "reporter"
    )


def test_confidential_identity_is_masked_for_every_role_but_the_officer(
    client: Client, auth: Auth
) -> None:
    item = intake(client, auth, datetime.now(UTC) - timedelta(hours=1), privacy="confidential")
    code = item["code"]
    officer = staff(auth, "complaint_officer")
    post(client, f"/v1/admin/complaints/{code}/classify", {"class": "ringan"}, officer)
    assign = post(
        client, f"/v1/admin/complaints/{code}/assign", {"assignee": register("tim-1")}, officer
    )
    assert assign.status_code == 200, assign.json_body
    officer = client.http.get(
        f"/v1/admin/complaints/{code}", headers=staff(auth, "complaint_officer")
    ).json_body
    assert officer["reporter"] == {**REPORTER, "phone": "+6281355556666", "masked": False}
    for headers in (
        staff(auth, "admin"),
        staff(auth, "supervisor"),
        staff(auth, "complaint_team", "tim-1"),
    ):
        seen = client.http.get(f"/v1/admin/complaints/{code}", headers=headers).json_body
        assert seen["reporter"]["masked"] is True
        assert seen["reporter"]["name"] == "R*****"  # not the name's length
        assert (
            "Rahmat" not in json.dumps(seen)
            and "5555" not in json.dumps(seen)
            and "rahmat@" not in json.dumps(seen)
        )
        assert seen["reporter"]["name"].startswith("R") and "*" in seen["reporter"]["name"]


def test_anonymous_leaves_no_identity_in_table_logs_or_responses(
    client: Client, auth: Auth
) -> None:
    from chalicelib.observability import logger

    buffer = io.StringIO()
    handler = logger.registered_handler
    original = handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        res = public_complaint(
            client, "anonymous", None, description="Saya Joko Widodo dari Sambas, pelayanan lambat."
        )
        code = res.json_body["tracking_code"]
        detail = client.http.get(
            f"/v1/admin/complaints/{code}", headers=staff(auth, "complaint_officer")
        ).json_body
    finally:
        handler.setStream(original)  # type: ignore[attr-defined]
    assert detail["reporter"] is None and detail["privacy"] == "anonymous"
    raw = bootstrap.dynamo().get(f"CMP#{code}", "ITEM")
    assert raw is not None and "reporter" not in raw
    assert "Joko" not in buffer.getvalue() and "reporter" not in buffer.getvalue()
    notes = client.http.get("/v1/admin/notifications", headers=staff(auth, "supervisor")).json_body[
        "items"
    ]
    assert not [n for n in notes if n["item_code"] == code]  # nobody to notify


def test_classify_recomputes_from_receipt_and_reclassify_again(client: Client, auth: Auth) -> None:
    with at(wib(2026, 11, 24, 9)):
        item = intake(client, auth, wib(2026, 11, 23, 10))  # Mon 10:00, due (ringan) Mon 13:00
        officer = staff(auth, "complaint_officer", "pejabat-1")
        code = item["code"]
        assert item["due_at"] == "2026-11-23T13:00:00+07:00" and item["sla"]["state"] == "breached"
        res = post(
            client,
            f"/v1/admin/complaints/{code}/classify",
            {"class": "normatif", "note": "Soal prosedur"},
            officer,
        )
        assert res.status_code == 200
        assert res.json_body["status"] == "classified" and res.json_body["class"] == "normatif"
        assert (
            res.json_body["due_at"] == "2026-11-30T16:00:00+07:00"
            and res.json_body["sla"]["state"] == "on_track"
        )
        again = post(
            client, f"/v1/admin/complaints/{code}/classify", {"class": "pengawasan"}, officer
        )
        assert (
            again.json_body["due_at"] == "2027-02-22T16:00:00+07:00"
        )  # 60 working days from 23 Nov
        bad = post(client, f"/v1/admin/complaints/{code}/classify", {"class": "berat"}, officer)
        assert bad.status_code == 400 and bad.json_body["errors"][0]["field"] == "class"
        trail = client.http.get(f"/v1/admin/complaints/{code}/audit", headers=officer).json_body[
            "items"
        ]
    assert [e["action"] for e in trail] == [
        "complaint.received",
        "complaint.classified",
        "complaint.reclassified",
    ]
    assert trail[1]["actor"] == "pejabat-1"


def test_pause_and_resume_move_the_deadline_by_exactly_the_paused_office_time(
    client: Client, auth: Auth
) -> None:
    with at(wib(2026, 11, 23, 10)):
        res = public_complaint(client)
        code, token = res.json_body["tracking_code"], res.json_body["access_token"]
        officer = staff(auth, "complaint_officer")
        post(
            client, f"/v1/admin/complaints/{code}/classify", {"class": "normatif"}, officer
        )  # due Mon 30 Nov 16:00
    with at(wib(2026, 11, 24, 15, 30)):
        paused = post(
            client,
            f"/v1/admin/complaints/{code}/request-info",
            {"message": "Mohon kirim nomor surat."},
            staff(auth, "complaint_officer"),
        )
        assert (
            paused.json_body["status"] == "awaiting_reporter" and paused.json_body["sla"]["paused"]
        )
    with at(wib(2026, 11, 27, 23)):  # the sweep never touches a paused clock
        swept = client.http.post("/v1/admin/jobs/sla-sweep", headers=staff(auth, "admin"))
        assert swept.json_body["fired"] == 0
    with at(wib(2026, 11, 25, 9, 0)):
        view = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
        assert view["messages"][-1] == {
            "at": "2026-11-24T15:30:00+07:00",
            "sender": "bureau",
            "text": "Mohon kirim nomor surat.",
        }
        resumed = post(
            client,
            f"/v1/track/{code}/messages",
            {"message": "Nomor surat 12/2026."},
            {**JSON, "X-Access-Token": token},
        )
    assert resumed.status_code == 200
    assert resumed.json_body["status"] == "classified"  # back where it was
    # paused Tue 15:30 -> Wed 09:00 = 30 + 60 office minutes; 16:00 + 90 min -> Tue 1 Dec 09:30
    assert resumed.json_body["due_at"] == "2026-12-01T09:30:00+07:00"
    trail = client.http.get(
        f"/v1/admin/complaints/{code}/audit", headers=staff(auth, "complaint_officer")
    ).json_body["items"]
    actions = [e["action"] for e in trail]
    assert "complaint.paused" in actions and "complaint.resumed" in actions
    assert "5400 office seconds credited" in trail[actions.index("complaint.resumed")]["note"]


def test_assignment_scopes_the_team_member(client: Client, auth: Auth) -> None:
    mine = intake(client, auth, datetime.now(UTC) - timedelta(hours=2))["code"]
    theirs = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    officer = staff(auth, "complaint_officer")
    post(client, f"/v1/admin/complaints/{mine}/classify", {"class": "normatif"}, officer)
    unknown = post(client, f"/v1/admin/complaints/{mine}/assign", {"assignee": "tim-7"}, officer)
    assert unknown.status_code == 400 and unknown.json_body["errors"][0]["field"] == "assignee"
    register("tim-7"), register("tim-8"), register("pejabat-x", "complaint_officer")
    not_team = post(
        client, f"/v1/admin/complaints/{mine}/assign", {"assignee": "pejabat-x"}, officer
    )
    assert (
        not_team.status_code == 400
        and "Tim Pengelola" in not_team.json_body["errors"][0]["message"]
    )
    assigned = post(client, f"/v1/admin/complaints/{mine}/assign", {"assignee": "tim-7"}, officer)
    assert (
        assigned.json_body["status"] == "in_progress" and assigned.json_body["assignee"] == "tim-7"
    )
    post(client, f"/v1/admin/complaints/{theirs}/classify", {"class": "normatif"}, officer)
    post(client, f"/v1/admin/complaints/{theirs}/assign", {"assignee": "tim-8"}, officer)
    team7 = staff(auth, "complaint_team", "tim-7")
    listed = client.http.get("/v1/admin/complaints", headers=team7).json_body["items"]
    assert [i["code"] for i in listed] == [mine]
    # Not assigned to them: the same 404 as a code that does not exist (not 403).
    hidden = client.http.get(f"/v1/admin/complaints/{theirs}", headers=team7)
    unknown = client.http.get("/v1/admin/complaints/PGD-0000-XXXXXX", headers=team7)
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.body == unknown.body
    assert (
        post(
            client,
            f"/v1/admin/complaints/{theirs}/answer",
            {"answer": "Jawaban", "channel": "web"},
            team7,
        ).status_code
        == 404
    )
    assert (
        post(
            client, f"/v1/admin/complaints/{mine}/classify", {"class": "ringan"}, team7
        ).status_code
        == 403
    )
    answered = post(
        client,
        f"/v1/admin/complaints/{mine}/answer",
        {"answer": "Bantuan cair pekan depan.", "channel": "telepon"},
        team7,
    )
    assert answered.status_code == 200 and answered.json_body["status"] == "answered"
    assert answered.json_body["sla"]["stopped"] and answered.json_body["answer"]["by"] == "tim-7"
    assert (
        client.http.get("/v1/admin/complaints", headers=team7).json_body["items"] == []
    )  # no longer open


def test_answer_notifies_the_reporter_and_tracking_shows_it_then_rating_once(
    client: Client, auth: Auth
) -> None:
    res = public_complaint(client)
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    officer = staff(auth, "complaint_officer", "pejabat-9")
    early = post(
        client, f"/v1/track/{code}/rating", {"score": 5}, {**JSON, "X-Access-Token": token}
    )
    assert early.status_code == 409
    handle(client, code, officer)
    post(
        client,
        f"/v1/admin/complaints/{code}/answer",
        {"answer": "Sudah kami tindak lanjuti.", "channel": "web"},
        officer,
    )
    view = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token}).json_body
    assert view["status"] == "answered" and view["answer"]["text"] == "Sudah kami tindak lanjuti."
    assert "pejabat-9" not in json.dumps(view)  # never staff names
    notes = client.http.get("/v1/admin/notifications", headers=staff(auth, "supervisor")).json_body[
        "items"
    ]
    assert sorted(n["kind"] for n in notes if n["item_code"] == code) == ["answer", "confirmation"]
    rated = post(
        client,
        f"/v1/track/{code}/rating",
        {"score": 5, "comment": "Terima kasih"},
        {**JSON, "X-Access-Token": token},
    )
    assert rated.status_code == 200 and rated.json_body["rated"] is True
    assert (
        post(
            client, f"/v1/track/{code}/rating", {"score": 1}, {**JSON, "X-Access-Token": token}
        ).status_code
        == 409
    )
    closed = post(client, f"/v1/admin/complaints/{code}/close", None, officer)
    assert closed.json_body["status"] == "closed"


def test_every_illegal_transition_is_409(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    code = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    assert (
        post(client, f"/v1/admin/complaints/{code}/close", None, officer).status_code == 409
    )  # not answered
    rejected = post(
        client, f"/v1/admin/complaints/{code}/reject", {"reason": "Duplikat PGD lain"}, officer
    )
    assert (
        rejected.json_body["status"] == "rejected"
        and rejected.json_body["reject_reason"] == "Duplikat PGD lain"
    )
    for path, body in [
        ("classify", {"class": "normatif"}),
        ("request-info", {"message": "Info lagi"}),
        ("answer", {"answer": "Jawab", "channel": "web"}),
        ("close", None),
        ("reject", {"reason": "Lagi lagi"}),
        ("forward", {"to_agency": "Dinas Sosial"}),
        ("assign", {"assignee": "tim-1"}),
    ]:
        res = post(client, f"/v1/admin/complaints/{code}/{path}", body, officer)
        assert res.status_code == 409 and res.json_body["code"] == "invalid_transition", path
    other = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    forwarded = post(
        client,
        f"/v1/admin/complaints/{other}/forward",
        {"to_agency": "Ombudsman RI", "note": "Kewenangan pusat"},
        officer,
    )
    assert (
        forwarded.json_body["status"] == "forwarded"
        and forwarded.json_body["forwarded_to"] == "Ombudsman RI"
    )
    assert (
        post(
            client,
            f"/v1/admin/complaints/{other}/answer",
            {"answer": "Jawab", "channel": "web"},
            officer,
        ).status_code
        == 409
    )
    third = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    post(client, f"/v1/admin/complaints/{third}/request-info", {"message": "Mohon info"}, officer)
    assert (
        post(
            client,
            f"/v1/admin/complaints/{third}/answer",
            {"answer": "Jawab", "channel": "web"},
            officer,
        ).status_code
        == 409
    )
    assert (
        post(
            client, f"/v1/admin/complaints/{third}/request-info", {"message": "Lagi"}, officer
        ).status_code
        == 409
    )


def test_stale_version_is_412_and_writes_are_conditional(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    code = intake(client, auth, datetime.now(UTC) - timedelta(hours=1))["code"]
    first = post(
        client,
        f"/v1/admin/complaints/{code}/classify",
        {"class": "normatif"},
        {**officer, "If-Match": '"1"'},
    )
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    stale = post(
        client,
        f"/v1/admin/complaints/{code}/assign",
        {"assignee": register("tim-1")},
        {**officer, "If-Match": '"1"'},
    )
    assert stale.status_code == 412 and stale.json_body["code"] == "version_conflict"
    # without If-Match the write is still conditional on the version read
    service = bootstrap.complaint_service()
    from chalicelib.domain.errors import VersionConflict
    from chalicelib.services.complaints import Staff

    before = service.get(code, Staff("x", frozenset({"admin"})))
    service.assign(code, register("tim-2"), Staff("x", frozenset({"admin"})), datetime.now(UTC))
    with pytest.raises(VersionConflict):
        service._repo.save(
            before, before, None, service.trail(code, Staff("x", frozenset({"admin"})))[0], []
        )


def test_queue_most_urgent_first_with_class_and_sla_filters(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    with at(wib(2026, 11, 25, 9)):
        a = intake(client, auth, wib(2026, 11, 24, 9))["code"]  # ringan due Tue 12:00 (breached)
        b = intake(client, auth, wib(2026, 11, 25, 8))["code"]  # ringan due Wed 11:00 (on track)
        c = intake(client, auth, wib(2026, 11, 23, 9))["code"]
        post(
            client,
            f"/v1/admin/complaints/{c}/classify",
            {"class": "normatif"},
            staff(auth, "complaint_officer"),
        )  # due 30 Nov
        page = client.http.get(
            "/v1/admin/complaints?limit=2", headers=staff(auth, "complaint_officer")
        ).json_body
        rest = client.http.get(
            f"/v1/admin/complaints?limit=2&cursor={page['next_cursor']}",
            headers=staff(auth, "complaint_officer"),
        ).json_body
        by_class = client.http.get(
            "/v1/admin/complaints?class=normatif", headers=staff(auth, "complaint_officer")
        ).json_body
        breached = client.http.get(
            "/v1/admin/complaints?sla=breached", headers=staff(auth, "complaint_officer")
        ).json_body
    assert [i["code"] for i in page["items"] + rest["items"]] == [a, b, c]
    assert [i["code"] for i in by_class["items"]] == [c]
    assert [i["code"] for i in breached["items"]] == [a]
    assert officer


def test_a_filtered_queue_page_is_full_100_items_3_match(client: Client, auth: Auth) -> None:
    """Issue 17.7: the SLA filter ran after the store's page, so `?sla=on_track` over 97 late
    complaints ahead of 3 on time answered an empty page with a cursor."""
    with at(wib(2026, 11, 25, 9)):
        officer = staff(auth, "complaint_officer")
        for _ in range(97):
            intake(client, auth, wib(2026, 11, 24, 9))  # ringan, due Tue 12:00: breached
        fresh = [intake(client, auth, wib(2026, 11, 25, 8))["code"] for _ in range(3)]
        page = client.http.get(
            "/v1/admin/complaints?sla=on_track&limit=20", headers=officer
        ).json_body
        late = client.http.get("/v1/admin/complaints?sla=breached&limit=20", headers=officer)
    assert "items" in page, page
    assert sorted(i["code"] for i in page["items"]) == sorted(fresh)
    assert page["next_cursor"] is None
    assert len(late.json_body["items"]) == 20 and late.json_body["next_cursor"]


def test_escalations_appear_on_the_complaint(client: Client, auth: Auth) -> None:
    with at(wib(2026, 11, 23, 15)):
        code = intake(client, auth, wib(2026, 11, 23, 15))["code"]  # due Tue 10:00
    with at(wib(2026, 11, 24, 9, 30)):
        client.http.post("/v1/admin/jobs/sla-sweep", headers=staff(auth, "admin"))
        detail = client.http.get(
            f"/v1/admin/complaints/{code}", headers=staff(auth, "complaint_officer")
        ).json_body
    assert detail["sla"]["state"] == "warning"
    assert [(e["level"], e["notified"]) for e in detail["escalations"]] == [
        ("warning", ["role:complaint_team"])
    ]


def test_idempotent_public_complaint(client: Client) -> None:
    first = public_complaint(client, key="abc-1")
    again = public_complaint(client, key="abc-1")
    assert first.json_body == again.json_body
    changed = public_complaint(client, key="abc-1", subject="Lain")
    assert changed.status_code == 409


def test_evidence_uploads_and_team_access(client: Client, auth: Auth) -> None:
    evidence = upload(client, "evidence")
    res = public_complaint(client, evidence_upload_ids=[evidence])
    assert res.status_code == 201
    code = res.json_body["tracking_code"]
    officer = staff(auth, "complaint_officer")
    path = f"/v1/admin/attachments/{id_of(evidence)}?reason=Periksa+bukti"
    assert (
        client.http.get(path, headers=staff(auth, "complaint_team", "tim-x")).status_code == 404
    )  # not assigned: as if it did not exist
    handle(client, code, officer, "tim-x")
    assert client.http.get(path, headers=staff(auth, "complaint_team", "tim-x")).status_code == 200
    assert client.http.get(path, headers=staff(auth, "front_desk")).status_code == 403
    too_many = public_complaint(client, evidence_upload_ids=[evidence] * 6)
    assert (
        too_many.status_code == 400
        and too_many.json_body["errors"][0]["field"] == "evidence_upload_ids"
    )
    reused = public_complaint(client, evidence_upload_ids=[evidence])
    assert (
        reused.status_code == 422
        and reused.json_body["errors"][0]["field"] == "evidence_upload_ids.0"
    )


def test_messages_route_is_for_complaints_and_needs_the_token(client: Client) -> None:
    res = public_complaint(client)
    code = res.json_body["tracking_code"]
    wrong = post(
        client,
        f"/v1/track/{code}/messages",
        {"message": "Tambahan info"},
        {**JSON, "X-Access-Token": "nope"},
    )
    assert wrong.status_code == 404
    extra = post(
        client,
        f"/v1/track/{code}/messages",
        {"message": "Tambahan info"},
        {**JSON, "X-Access-Token": res.json_body["access_token"]},
    )
    assert (
        extra.status_code == 200 and extra.json_body["status"] == "received"
    )  # nothing paused: just added
    assert extra.json_body["messages"][-1]["sender"] == "reporter"


def test_every_public_post_honours_idempotency_keys(client: Client) -> None:
    declare = {
        "purpose": "evidence",
        "content_type": "application/pdf",
        "size_bytes": 10,
        "filename": "a.pdf",
    }
    headers = {**JSON, "Idempotency-Key": "up-1"}
    first = client.http.post("/v1/uploads", headers=headers, body=json.dumps(declare))
    again = client.http.post("/v1/uploads", headers=headers, body=json.dumps(declare))
    assert first.status_code == again.status_code == 201
    assert first.json_body["upload_id"] == again.json_body["upload_id"]
    res = public_complaint(client)
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    message_headers = {**JSON, "X-Access-Token": token, "Idempotency-Key": "msg-1"}
    for _ in range(2):  # a retry over a flaky phone connection
        sent = post(
            client, f"/v1/track/{code}/messages", {"message": "Ini tambahan saya"}, message_headers
        )
        assert sent.status_code == 200
    assert [m["text"] for m in sent.json_body["messages"]] == ["Ini tambahan saya"]
    other = post(client, f"/v1/track/{code}/messages", {"message": "Lain lagi"}, message_headers)
    assert other.status_code == 409 and other.json_body["code"] == "idempotency_conflict"


def test_the_queue_finds_a_complaint_by_its_lapor_id(client: Client, auth: Auth) -> None:
    found = intake(
        client,
        auth,
        datetime.now(UTC) - timedelta(hours=1),
        channel="lapor",
        lapor_tracking_id="LAPOR-4242",
    )
    officer = auth("complaint_officer")
    res = client.http.get("/v1/admin/complaints?lapor_id=LAPOR-4242", headers=officer)
    assert res.status_code == 200
    assert [i["code"] for i in res.json_body["items"]] == [found["code"]]
    assert res.json_body["next_cursor"] is None
    none = client.http.get("/v1/admin/complaints?lapor_id=LAPOR-0000", headers=officer)
    assert none.status_code == 200 and none.json_body["items"] == []
    # a team member learns nothing of a complaint not assigned to them
    team = auth("complaint_team", sub="someone")
    res = client.http.get("/v1/admin/complaints?lapor_id=LAPOR-4242", headers=team)
    assert res.status_code == 200 and res.json_body["items"] == []
