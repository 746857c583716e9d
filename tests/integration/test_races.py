"""Races on Amazon DynamoDB Local: real threads, no lock serializing them, exactly one winner.

Each race starts its threads at a barrier so that they read the same state before any of
them writes (the race that matters). Setup goes through the HTTP test client; the racing
calls are the services the HTTP handlers call, run from several threads at once on the one
set of boto3 clients, as `chalice local` does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import bootstrap
from chalicelib.domain.errors import IdempotencyInProgress, RoomConflict, VersionConflict
from tests.clock import local_today
from tests.conftest import ROOT
from tests.e2e.conftest import make_token
from tests.e2e.helpers import JSON, audience_body, register, submit


def staff(role: str) -> dict[str, str]:
    """Headers with a token minted now (a module-level one would expire in a long run)."""
    return {"Authorization": f"Bearer {make_token(role)}", **JSON}


@pytest.fixture
def client(aws_local: None) -> Iterator[Client]:
    from app import app

    with Client(app, stage_name="local", project_dir=str(ROOT)) as c:
        yield c


def race(n: int, call: Callable[[int], Any]) -> list[Any]:
    """Run call(0..n-1) in n threads released together; each result or raised exception."""
    barrier = threading.Barrier(n)
    out: list[Any] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = call(i)
        except Exception as exc:  # the outcome under test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    # a thread still running would read as None, a "winner": say so instead
    assert not any(t.is_alive() for t in threads), "a racing call did not finish in 120 s"
    return out


def complaint(client: Client, classify: bool = True) -> tuple[str, str, int]:
    """A public complaint (code, access token), classified by the officer and assigned to a
    team member (in progress: it may be answered or rejected); its version."""
    body = {"subject": "Pelayanan lambat", "description": "Belum dijawab.", "privacy": "anonymous"}
    res = client.http.post("/v1/complaints", headers=JSON, body=json.dumps(body))
    assert res.status_code == 201, res.json_body
    code, token = res.json_body["tracking_code"], res.json_body["access_token"]
    if not classify:
        return code, token, 1
    done = client.http.post(
        f"/v1/admin/complaints/{code}/classify",
        headers=staff("complaint_officer"),
        body=json.dumps({"class": "normatif"}),
    )
    assert done.status_code == 200, done.json_body
    done = client.http.post(
        f"/v1/admin/complaints/{code}/assign",
        headers=staff("complaint_officer"),
        body=json.dumps({"assignee": register("tim-race")}),
    )
    assert done.status_code == 200, done.json_body
    return code, token, int(done.json_body["version"])


def officer() -> Any:
    from chalicelib.services.complaints import Staff

    return Staff("staff-complaint_officer", frozenset({"complaint_officer"}))


def test_two_staff_actions_with_one_if_match_one_wins(client: Client) -> None:
    service = bootstrap.complaint_service()
    for round_ in range(6):
        code, _, version = complaint(client)
        now = datetime.now(UTC)

        def act(
            i: int, code: str = code, version: int = version, now: datetime = now, r: int = round_
        ) -> Any:
            if i == 0 or r % 2:  # odd rounds: two answers; even: answer against reject
                return service.answer(code, f"Jawaban {i}", "web", officer(), now, version)
            return service.reject(code, f"Alasan {i}", officer(), now, version)

        outcomes = race(2, act)
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(winners) == 1, outcomes
        assert [type(o) for o in outcomes if isinstance(o, Exception)] == [VersionConflict]
        stored = service.get(code, officer())
        assert stored.version == version + 1 and stored.status == winners[0].status
        assert stored.status in ("answered", "rejected")


def test_no_acknowledged_write_vanishes(client: Client) -> None:
    """Six reporters' messages at once: every call that returned is in the item; the others
    were told (VersionConflict), none silently overwritten."""
    service = bootstrap.complaint_service()
    code, token, version = complaint(client)
    acknowledged: list[str] = []
    for attempt in range(4):  # the losers try again, as a client would
        texts = [f"pesan {attempt}-{i}" for i in range(6)]

        def say(i: int, texts: list[str] = texts) -> Any:
            return service.reporter_message(code, token, texts[i], datetime.now(UTC))

        outcomes = race(6, say)
        assert all(isinstance(o, VersionConflict) for o in outcomes if isinstance(o, Exception))
        won = [texts[i] for i, o in enumerate(outcomes) if not isinstance(o, Exception)]
        assert won, outcomes  # someone always wins (a late thread may win after it, too)
        acknowledged += won
    stored = service.get(code, officer())
    assert sorted(m.text for m in stored.messages) == sorted(acknowledged)
    assert stored.version == version + len(acknowledged)


def _working_day(days_ahead: int) -> date:
    cal = bootstrap.calendar_service().calendar()
    return cal.next_working_day(local_today() + timedelta(days=days_ahead))


def _evening_utc() -> datetime:
    """17:30 UTC of the coming day: 00:30 in Pontianak, already the next day there."""
    return datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(17, 30), UTC)


# Issue 17 (point 19): this test failed in a `make test` of the evening (UTC). Not the race: its
# reply letter was dated date.today(), the machine's UTC date, and the service (rightly) refused
# a letter dated before the request's local (WIB) day of receipt. Run at both clocks now.
@pytest.mark.parametrize("clock", ["now", "evening_utc"])
def test_one_room_slot_is_booked_once(client: Client, clock: str) -> None:
    if clock == "now":
        _book_one_room_slot_once(client)
        return
    import time_machine

    with time_machine.travel(_evening_utc(), tick=True):
        _book_one_room_slot_once(client)


def _book_one_room_slot_once(client: Client) -> None:
    from chalicelib.domain.audience import Schedule
    from chalicelib.domain.letter import LetterRequest

    service = bootstrap.audience_service()
    codes = []
    for _ in range(3):
        res = submit(client, audience_body(client))
        assert res.status_code == 201, res.json_body
        code = res.json_body["tracking_code"]
        reviewed = client.http.post(
            f"/v1/admin/audiences/{code}/review", headers=staff("front_desk")
        )
        assert reviewed.status_code == 200, reviewed.json_body
        codes.append((code, int(reviewed.json_body["version"])))
    tz = bootstrap.calendar_service().calendar().tz
    day = _working_day(7)
    letter = LetterRequest(date=local_today(), note="Dengan hormat")
    now = datetime.now(UTC)

    def book(i: int, start: time) -> Any:
        code, version = codes[i]
        meeting = Schedule(
            datetime.combine(day, start, tz),
            datetime.combine(day, start, tz) + timedelta(hours=1),
            "Ruang Rapat Kesra",
            ("Kepala Biro",),
        )
        return service.schedule(code, meeting, letter, "desk", now, version)

    outcomes = race(3, lambda i: book(i, time(9, 0)))
    won = [i for i, o in enumerate(outcomes) if not isinstance(o, Exception)]
    assert len(won) == 1, outcomes
    assert all(isinstance(o, RoomConflict) for o in outcomes if isinstance(o, Exception))
    for i in range(3):  # the losers hold nothing: another hour is free for them
        if i not in won:
            code, version = codes[i]
            assert service.get(code).version == version
            assert book(i, time(10 + i, 0)).status == "scheduled"


def test_five_concurrent_sweeps_escalate_and_notify_once(client: Client) -> None:
    from chalicelib.jobs.sweep import run_sweep
    from tests.clock import wib
    from tests.e2e.test_sla_api import seed

    codes = [f"PGD-2611-R{i:05d}" for i in range(6)]
    for code in codes:
        seed(code)
    run_sweep(wib(2026, 11, 27, 16))  # the warnings, one sweep
    sent = bootstrap.notifier().sent  # type: ignore[attr-defined]
    before = len(sent)
    outcomes = race(5, lambda _i: run_sweep(wib(2026, 12, 2, 9)))  # breach_followup is due
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(o["fired"] for o in outcomes) == len(codes)
    followups = [n.item_code for n in sent[before:] if n.level == "breach_followup"]
    assert sorted(followups) == codes  # each one notified exactly once
    stored = bootstrap.outbox_service().list_recent(100, None).items
    assert sorted(n.item_code for n in stored if n.level == "breach_followup") == codes
    assert not bootstrap.outbox_service()._repo.pending(wib(2026, 12, 31, 9))


def test_overlapping_deliveries_leave_nothing_pending(client: Client) -> None:
    """A later sweep takes over a message whose claim ran out while the first one was still
    sending it: the first one's last write loses, and it goes on with the others."""
    from chalicelib.domain.notification import CLAIM_SECONDS
    from chalicelib.services.outbox import OutboxService
    from tests.clock import wib
    from tests.e2e.test_sla_api import seed

    for i in range(4):
        seed(f"PGD-2611-O{i:05d}")
    bootstrap.sweep_service().run(wib(2026, 11, 27, 16))  # four warnings in the outbox
    repo = bootstrap.outbox_service()._repo
    first_now = wib(2026, 11, 27, 16, 1)
    later_now = first_now + timedelta(seconds=CLAIM_SECONDS + 1)
    delivered: list[str] = []

    class SlowNotifier:
        def __init__(self) -> None:
            self.overtaken = False

        def send(self, notification: Any) -> None:
            delivered.append(notification.id)
            if not self.overtaken:  # while the first is sent, a later sweep runs
                self.overtaken = True
                OutboxService(repo, Recording()).dispatch(later_now)

    class Recording:
        def send(self, notification: Any) -> None:
            delivered.append(notification.id)

    result = OutboxService(repo, SlowNotifier()).dispatch(first_now)
    assert result.raced == 1
    assert not repo.pending(wib(2026, 12, 31, 9))  # every message reached a final state
    states = {n.id: n.state for n in repo.list_recent(100, None).items}
    assert set(states.values()) == {"sent"} and len(states) == 4
    assert sorted(set(delivered)) == sorted(states)


def test_one_idempotency_key_creates_one_complaint(client: Client) -> None:
    """Five identical submissions with one Idempotency-Key at once: one complaint; the others
    answer the same, or are told the first is still in progress (idempotency_in_progress)."""
    from chalicelib.services.complaints import NewComplaint

    service = bootstrap.complaint_service()
    idem = bootstrap.idempotency()
    body = {"subject": "Sama", "description": "Kiriman ganda", "privacy": "anonymous"}
    new = NewComplaint("Sama", "Kiriman ganda", "anonymous", None, ())

    def submit_once(_i: int) -> Any:
        def create() -> dict[str, Any]:
            c = service.submit(new, "public", "token-" + str(_i), datetime.now(UTC))
            return {"tracking_code": c.code}

        return idem.run("POST /v1/complaints", "key-1", body, create)

    outcomes = race(5, submit_once)
    done = [o for o in outcomes if not isinstance(o, Exception)]
    assert done and all(isinstance(o, IdempotencyInProgress) for o in outcomes if o not in done)
    assert len({o["tracking_code"] for o in done}) == 1
    queue = service.queue(officer(), ["received"], None, 50, None)
    assert [c.subject for c in queue.items].count("Sama") == 1


def test_one_upload_is_used_by_one_submission(client: Client) -> None:
    """Two complaints naming the same evidence file at once: one gets it, the other is told
    it is already used, and nothing of it is written."""
    from chalicelib.domain.errors import UploadInvalid
    from chalicelib.services.complaints import NewComplaint
    from tests.e2e.helpers import upload

    service = bootstrap.complaint_service()
    evidence = upload(client, "evidence")

    def send(i: int) -> Any:
        new = NewComplaint(f"Bukti {i}", "Satu berkas", "anonymous", None, (evidence,))
        return service.submit(new, "public", f"token-{i}", datetime.now(UTC))

    outcomes = race(2, send)
    won = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(won) == 1, outcomes
    (lost,) = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(lost, UploadInvalid), lost
    queue = service.queue(officer(), ["received"], None, 50, None)
    assert [c.subject for c in queue.items if c.subject.startswith("Bukti")] == [won[0].subject]
