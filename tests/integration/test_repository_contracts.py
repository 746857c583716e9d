"""One contract per repository, run on the in-memory fake, on moto and on DynamoDB Local:
the outbox, the calendar overrides, complaints, uploads and audience requests (the
guestbook's and the tracked items' contracts live beside their own tests)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.calendar import Overrides
from chalicelib.domain.complaint import Reporter
from chalicelib.domain.errors import AlreadyExists, FieldError, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.sla import SlaPolicy
from chalicelib.services.complaints import ComplaintService, NewComplaint, Staff
from chalicelib.services.ports import StoredOverrides
from tests.clock import calendar, wib
from tests.fakes import (
    FakeAudienceRepository,
    FakeCalendarRepository,
    FakeComplaintRepository,
    FakeOutboxRepository,
    FakeStaffDirectory,
    FakeUploadRepository,
    UnusedUploads,
)

BACKENDS = ["fake", "moto", "dynamodb_local"]
_ids = itertools.count()


def _real(request: pytest.FixtureRequest) -> Any:
    """Set up the requested real storage; its Dynamo (table helper)."""
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap

    return bootstrap.dynamo()


# --- the outbox -----------------------------------------------------------------------


def message(code: str, at: datetime) -> Notification:
    return Notification(
        id=f"NT-C{next(_ids):04d}",
        created_at=at,
        kind="escalation",
        item_kind="complaint",
        item_code=code,
        recipients=("role:supervisor",),
        subject="s",
        body="b",
        level="warning",
        next_attempt_at=at,
    )


@pytest.fixture(params=BACKENDS)
def outbox(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Any]]:
    """(repository, add(messages)): add puts new messages as the item writer does."""
    if request.param == "fake":
        fake = FakeOutboxRepository()
        yield fake, lambda ms: fake.messages.update({m.id: m for m in ms})
        return
    from chalicelib.adapters.outbox_repo import DynamoOutboxRepository, notification_put

    db = _real(request)
    yield (
        DynamoOutboxRepository(db),
        lambda ms: db.transact([notification_put(db, m) for m in ms], [None] * len(ms)),
    )


class TestOutboxRepositoryContract:
    def test_pending_is_what_is_due_oldest_first(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        late, early, future = (
            message("PGD-2", wib(2026, 11, 27, 10)),
            message("PGD-1", wib(2026, 11, 27, 9)),
            message("PGD-3", wib(2026, 11, 28, 9)),
        )
        add([late, early, future])
        assert [n.id for n in repo.pending(wib(2026, 11, 27, 11))] == [early.id, late.id]
        assert repo.pending(wib(2026, 11, 27, 8)) == []

    def test_replace_is_conditional_on_state_and_attempts(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        first = message("PGD-1", wib(2026, 11, 27, 9))
        add([first])
        claimed = first.claim(wib(2026, 11, 27, 9, 30))
        repo.replace(first, claimed)
        with pytest.raises(VersionConflict):
            repo.replace(first, claimed)  # a second dispatcher loses the claim
        assert repo.pending(wib(2026, 11, 27, 9, 30)) == []  # claimed: not due for a while
        repo.replace(claimed, claimed.sent(wib(2026, 11, 27, 9, 31)))
        assert repo.pending(wib(2026, 12, 31, 9)) == []
        (stored,) = repo.list_recent(5, None).items
        assert (stored.state, stored.attempts) == ("sent", 1)

    def test_list_recent_pages_newest_first(self, outbox: tuple[Any, Any]) -> None:
        repo, add = outbox
        ms = [message(f"PGD-{i}", wib(2026, 11, 27, 9) + timedelta(minutes=i)) for i in range(3)]
        add(ms)
        page = repo.list_recent(2, None)
        assert [n.id for n in page.items] == [ms[2].id, ms[1].id] and page.position
        rest = repo.list_recent(2, page.position)
        assert [n.id for n in rest.items] == [ms[0].id] and rest.position is None


# --- the calendar overrides -----------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def calendar_repo(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        return FakeCalendarRepository()
    from chalicelib.adapters.calendar_repo import DynamoCalendarRepository

    return DynamoCalendarRepository(_real(request))


class TestCalendarRepositoryContract:
    def test_put_is_conditional_on_the_version_read(self, calendar_repo: Any) -> None:
        assert calendar_repo.get(2026) is None
        first = StoredOverrides(
            2026,
            Overrides({date(2026, 12, 31): "Tambahan"}, frozenset({date(2026, 12, 24)})),
            1,
            wib(2026, 11, 27, 9),
            "admin-1",
        )
        audit = AuditEntry("CALENDAR#2026", wib(2026, 11, 27, 9), "admin-1", "calendar.replace")
        calendar_repo.put(first, 0, audit)
        assert calendar_repo.get(2026) == first
        with pytest.raises(VersionConflict):
            calendar_repo.put(first, 0, audit)  # someone else's first write
        second = StoredOverrides(2026, Overrides({}, frozenset()), 2, wib(2026, 11, 28, 9), "a-2")
        calendar_repo.put(second, 1, audit)
        assert calendar_repo.get(2026) == second
        assert calendar_repo.get(2027) is None


# --- complaints (through the service, which is what the contract serves) --------------

OFFICER = Staff("pejabat", frozenset({"complaint_officer"}))


@pytest.fixture(params=BACKENDS)
def complaints(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        repo: Any = FakeComplaintRepository()
    else:
        from chalicelib.adapters.complaint_repo import DynamoComplaintRepository
        from chalicelib.config import get_settings

        settings = get_settings()
        repo = DynamoComplaintRepository(_real(request), settings.tz, settings.due_shards, calendar)
    codes, ids = itertools.count(), itertools.count()
    return ComplaintService(
        repo,
        UnusedUploads(),  # type: ignore[arg-type]
        calendar,
        SlaPolicy(),
        new_code=lambda now: f"PGD-2611-{next(codes):06d}",
        new_id=lambda now: f"NT-{next(ids)}",
        directory=FakeStaffDirectory({"tim-1": {"complaint_team"}}),
    )


def intake(**kw: Any) -> NewComplaint:
    base: dict[str, Any] = {
        "subject": "Aduan",
        "description": "Isi aduan",
        "privacy": "named",
        "reporter": Reporter("Budi", "0812", "b@x.id"),
        "evidence_upload_ids": (),
    }
    return NewComplaint(**{**base, **kw})


class TestComplaintRepositoryContract:
    def test_create_then_get_round_trips(self, complaints: ComplaintService) -> None:
        made = complaints.submit(intake(), "public", "t0ken", wib(2026, 11, 27, 9))
        assert complaints.get(made.code, OFFICER) == made

    def test_lapor_tracking_ids_are_unique(self, complaints: ComplaintService) -> None:
        lapor = intake(channel="lapor", lapor_tracking_id="L-1", received_at=wib(2026, 11, 27, 8))
        complaints.submit(lapor, "desk", "t", wib(2026, 11, 27, 9))
        with pytest.raises((FieldError, AlreadyExists)):
            complaints.submit(lapor, "desk", "t", wib(2026, 11, 27, 9))

    def test_save_is_conditional_and_queue_and_assignee_follow(
        self, complaints: ComplaintService
    ) -> None:
        now = wib(2026, 11, 27, 9)
        made = complaints.submit(intake(), "public", "t", now)
        classified = complaints.classify(made.code, "normatif", None, OFFICER, now)
        with pytest.raises(VersionConflict):
            complaints.classify(made.code, "pengawasan", None, OFFICER, now, made.version)
        assigned = complaints.assign(made.code, "tim-1", OFFICER, now, classified.version)
        assert complaints.get(made.code, OFFICER) == assigned
        queue = complaints.queue(OFFICER, [assigned.status], None, 10, None)
        assert [c.code for c in queue.items] == [made.code]
        team = Staff("tim-1", frozenset({"complaint_team"}))
        assert [c.code for c in complaints.queue(team, None, None, 10, None).items] == [made.code]
        actions = [a.action for a in complaints.trail(made.code, OFFICER)]
        assert len(actions) == 3


# --- uploads ----------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def uploads_repo(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        return FakeUploadRepository()
    from chalicelib.adapters.upload_repo import DynamoUploadRepository

    return DynamoUploadRepository(_real(request))


class TestUploadRepositoryContract:
    def test_add_once_and_verify_only_a_pending_one(self, uploads_repo: Any) -> None:
        from dataclasses import replace

        from chalicelib.domain.uploads import Upload

        up = Upload("UP1", "evidence", "application/pdf", 300, "a.pdf", wib(2026, 11, 27, 9))
        uploads_repo.add(up)
        assert uploads_repo.get("UP1") == up and uploads_repo.get("UP2") is None
        with pytest.raises(VersionConflict):
            uploads_repo.add(up)
        verified = replace(up, state="verified", size=300, sha256="ab" * 32)
        uploads_repo.save_verified(verified)
        assert uploads_repo.get("UP1") == verified
        with pytest.raises(VersionConflict):
            uploads_repo.save_verified(verified)  # verified once


# --- audience requests ------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def audiences_repo(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        return FakeAudienceRepository()
    from chalicelib.adapters.audience_repo import DynamoAudienceRepository
    from chalicelib.config import get_settings

    settings = get_settings()
    return DynamoAudienceRepository(_real(request), settings.tz, settings.due_shards)


def audience(code: str) -> Any:
    from chalicelib.domain.audience import Audience, Contact
    from chalicelib.domain.public import TimelineEntry
    from chalicelib.domain.sla import SlaTrack

    received = wib(2026, 11, 23, 10)
    return Audience(
        code=code,
        status="submitted",
        institution_name="Dinas Sosial",
        institution_type="pemerintah_daerah",
        contact=Contact("Siti", "Kabid", "0812", "s@x.id"),
        topic="Koordinasi",
        purpose="Bantuan sosial",
        attendees=4,
        preferred_dates=(date(2026, 12, 2),),
        request_letter_upload_id="UP-L",
        identity_upload_id="UP-I",
        channel="web",
        track=SlaTrack.start(received, "audience", calendar(), SlaPolicy()),
        token_hash="h" * 64,
        created_by="public",
        timeline=(TimelineEntry(received, "submitted", "Permohonan diterima"),),
    )


class TestAudienceRepositoryContract:
    def test_create_save_queue_and_room_locks(self, audiences_repo: Any) -> None:
        from dataclasses import replace

        from chalicelib.domain.audience import Schedule
        from chalicelib.domain.errors import RoomConflict

        repo = audiences_repo
        a, b = audience("AUD-2611-AAAAAA"), audience("AUD-2611-BBBBBB")
        audit = AuditEntry(a.ref, wib(2026, 11, 23, 10), "public", "audience.submitted")
        repo.create(a, None, [], audit, [])
        repo.create(b, None, [], replace(audit, item_ref=b.ref), [])
        assert repo.get(a.code) == a
        with pytest.raises(AlreadyExists):
            repo.create(a, None, [], audit, [])
        tz = calendar().tz
        meeting = Schedule(wib(2026, 12, 2, 9), wib(2026, 12, 2, 10), "Aula", ("Kabiro",))
        slots = meeting.slots(tz)
        now = wib(2026, 11, 24, 9)

        def scheduled(x: Any) -> Any:
            return replace(x, status="scheduled", version=x.version + 1, schedule=meeting)

        move = AuditEntry(a.ref, now, "desk", "audience.scheduled")
        repo.save(a, scheduled(a), None, move, [], add_slots=slots)
        with pytest.raises(RoomConflict):  # the same room and hour for another request
            repo.save(b, scheduled(b), None, replace(move, item_ref=b.ref), [], add_slots=slots)
        assert repo.get(b.code) == b  # nothing of the refused write
        with pytest.raises(VersionConflict):
            repo.save(a, scheduled(a), None, move, [])  # a stale version
        held = repo.get(a.code)
        assert held.status == "scheduled" and held.schedule == meeting
        released = replace(held, status="cancelled", version=held.version + 1)
        repo.save(held, released, None, move, [], remove_slots=slots)
        repo.save(b, scheduled(b), None, replace(move, item_ref=b.ref), [], add_slots=slots)
        assert [x.code for x in repo.queue(["scheduled"], 10, None).items] == [b.code]
        assert len(repo.trail(a.code)) == 3


# --- filtered queues (issue 17, point 7) ---------------------------------------------


def _queries(complaints: ComplaintService) -> Any:
    """A counter of the DynamoDB Queries the service's store makes (None on the fake)."""
    db = getattr(complaints._repo, "_db", None)
    if db is None:
        return None
    from collections import Counter

    counts: Counter[str] = Counter()
    db.client.meta.events.register(
        "before-call.dynamodb.Query", lambda **_: counts.update(["Query"])
    )
    return counts


def _all_pages(fetch: Any) -> list[list[str]]:
    pages, position = [], None
    while True:
        page = fetch(position)
        pages.append([c.code for c in page.items])
        position = page.position
        if position is None:
            return pages


class TestFilteredQueuesAreFull:
    """100 complaints of which 3 match: the filter runs while the store reads, so the first
    page holds the 3 (and says it is the last), never an empty page with a cursor."""

    NOW = wib(2026, 11, 27, 9)

    def _hundred(self, complaints: ComplaintService) -> list[str]:
        codes = [complaints.submit(intake(), "public", "t", self.NOW).code for _ in range(100)]
        for code in codes[-3:]:  # the last in deadline order: a page cut first drops them
            complaints.classify(code, "pengawasan", None, OFFICER, self.NOW)
        return codes

    def test_class_state_and_sla_filters_fill_the_page(self, complaints: ComplaintService) -> None:
        codes = self._hundred(complaints)
        queries = _queries(complaints)
        later = self.NOW + timedelta(days=1)  # the 97 'ringan' ones (3 office hours) are late

        by_class = complaints.queue(OFFICER, None, "pengawasan", 20, None)
        assert [c.code for c in by_class.items] == codes[-3:] and by_class.position is None
        by_status = complaints.queue(OFFICER, ["classified"], None, 20, None)
        assert [c.code for c in by_status.items] == codes[-3:] and by_status.position is None
        on_track = complaints.queue(OFFICER, None, None, 20, None, "on_track", later)
        assert [c.code for c in on_track.items] == codes[-3:] and on_track.position is None
        if queries is not None:  # 20 + 40 + 80 items read: three Queries a filtered page
            assert queries["Query"] <= 3 * 3, queries

        late = _all_pages(
            lambda at: complaints.queue(OFFICER, None, None, 20, at, "breached", later)
        )
        assert [len(p) for p in late] == [20, 20, 20, 20, 17]
        flat = [code for page in late for code in page]
        assert flat == codes[:97]  # in deadline order, none twice, none skipped

    def test_a_page_cut_inside_the_matches_resumes_after_the_last_handed_out(
        self, complaints: ComplaintService
    ) -> None:
        codes = self._hundred(complaints)
        pages = _all_pages(lambda at: complaints.queue(OFFICER, None, "pengawasan", 2, at))
        assert pages == [codes[-3:-1], codes[-1:]]

    def test_a_team_members_filtered_queue_is_full(self, complaints: ComplaintService) -> None:
        team = Staff("tim-1", frozenset({"complaint_team"}))
        codes = [complaints.submit(intake(), "public", "t", self.NOW).code for _ in range(100)]
        for i, code in enumerate(codes):
            c = complaints.classify(
                code, "pengawasan" if i >= 97 else "ringan", None, OFFICER, self.NOW
            )
            complaints.assign(code, "tim-1", OFFICER, self.NOW, c.version)
        mine = complaints.queue(team, None, "pengawasan", 20, None)
        assert [c.code for c in mine.items] == codes[-3:] and mine.position is None
        on_track = complaints.queue(
            team, ["in_progress"], None, 20, None, "on_track", self.NOW + timedelta(days=1)
        )
        assert [c.code for c in on_track.items] == codes[-3:] and on_track.position is None


def test_an_audience_queue_of_one_open_state_is_full(audiences_repo: Any) -> None:
    """100 requests in the open partition, 3 of them in review: the state filter runs in the
    Query, and the page holds the 3 (DynamoDB applies Limit before the filter)."""
    from dataclasses import replace

    repo = audiences_repo
    made = [audience(f"AUD-2611-{i:06d}") for i in range(100)]
    for a in made:
        repo.create(a, None, [], AuditEntry(a.ref, wib(2026, 11, 23, 10), "public", "s"), [])
    for a in made[-3:]:
        after = replace(a, status="in_review", version=a.version + 1)
        repo.save(a, after, None, AuditEntry(a.ref, wib(2026, 11, 23, 11), "desk", "r"), [])
    page = repo.queue(["in_review"], 20, None)
    assert [x.code for x in page.items] == [a.code for a in made[-3:]]
    assert page.position is None


# --- the bureau's rooms (issue 17, point 8) ----------------------------------------------


@pytest.fixture(params=BACKENDS)
def rooms(request: pytest.FixtureRequest) -> Any:
    from chalicelib.services.rooms import RoomService
    from tests.fakes import FakeRoomRepository

    if request.param == "fake":
        return RoomService(FakeRoomRepository())
    from chalicelib.adapters.room_repo import DynamoRoomRepository

    return RoomService(DynamoRoomRepository(_real(request)))


class TestRoomRepositoryContract:
    NOW = wib(2026, 11, 27, 9)

    def test_add_rename_deactivate_and_read_back(self, rooms: Any) -> None:
        aula = rooms.add("Aula  Biro Kesra", 80, True, "admin-1", self.NOW)
        melati = rooms.add("Ruang Melati", 12, True, "admin-1", self.NOW)
        assert (aula.id, aula.name, melati.id) == ("R1", "Aula Biro Kesra", "R2")
        renamed = rooms.change("R2", "Ruang Anggrek", 10, False, "admin-2", self.NOW, 1)
        listed = rooms.rooms()
        assert [(r.id, r.name, r.capacity, r.active, r.version) for r in listed.rooms] == [
            ("R1", "Aula Biro Kesra", 80, True, 1),
            ("R2", "Ruang Anggrek", 10, False, 2),
        ]
        assert renamed == listed.rooms[1] and listed.version == 3
        assert listed.listed("ruang  ANGGREK") == renamed and listed.listed("Kafe") is None

    def test_every_bad_field_at_once_and_names_stay_unique(self, rooms: Any) -> None:
        from chalicelib.domain.errors import FieldErrors

        rooms.add("Aula", 80, True, "admin-1", self.NOW)
        with pytest.raises(FieldErrors) as caught:
            rooms.add(" aula ", 0, True, "admin-1", self.NOW)
        assert [(e.field, e.message_key) for e in caught.value.errors] == [
            ("name", "already_exists"),
            ("capacity", "greater_than_equal"),
        ]
        assert len(rooms.rooms().rooms) == 1  # nothing half-written

    def test_two_admins_renaming_one_room_at_once_one_wins(self, rooms: Any) -> None:
        from chalicelib.domain.errors import NotFound

        rooms.add("Aula", 80, True, "admin-1", self.NOW)
        rooms.change("R1", "Aula Utama", 80, True, "admin-1", self.NOW, 1)
        with pytest.raises(VersionConflict):  # the other admin read version 1 too
            rooms.change("R1", "Aula Besar", 80, False, "admin-2", self.NOW, 1)
        with pytest.raises(NotFound):
            rooms.change("R9", "X", 1, True, "admin-1", self.NOW, None)
        assert rooms.rooms().rooms[0].name == "Aula Utama"

    def test_a_write_racing_on_the_list_is_refused_by_the_store(self, rooms: Any) -> None:
        """The store's own condition: a list written on a stale version is refused, so two
        admins' changes never overwrite each other (the service redoes its change)."""
        from dataclasses import replace

        rooms.add("Aula", 80, True, "admin-1", self.NOW)
        stale = rooms.rooms()
        rooms.add("Melati", 12, True, "admin-2", self.NOW)
        audit = AuditEntry("ROOMS", self.NOW, "admin-1", "room.changed")
        with pytest.raises(VersionConflict):
            rooms._repo.put(replace(stale, version=stale.version + 1), stale.version, audit)
        assert [r.name for r in rooms.rooms().rooms] == ["Aula", "Melati"]


# --- the letter signer ----------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def signer_setting(request: pytest.FixtureRequest) -> Any:
    from chalicelib.domain.letter import Signer
    from chalicelib.services.letter_signer import LetterSignerService
    from tests.fakes import FakeSignerRepository

    settings = Signer("Kepala Biro Kesejahteraan Rakyat", "Dari Settings", "", "-")
    placeholder = Signer("Kepala Biro Kesejahteraan Rakyat", "Pejabat Penandatangan", "", "-")
    if request.param == "fake":
        repo: Any = FakeSignerRepository()
        db = None
    else:
        from chalicelib.adapters.signer_repo import DynamoSignerRepository

        db = _real(request)
        repo = DynamoSignerRepository(db)
    return LetterSignerService(repo, lambda: settings, lambda: placeholder), repo, db


class TestSignerRepositoryContract:
    NOW = wib(2026, 12, 7, 9)

    def test_set_read_back_and_audited(self, signer_setting: Any) -> None:
        service, repo, db = signer_setting
        assert service.current().source == "settings"
        first = service.set(
            " Dr. Ahmad ", "Kepala Biro Kesra", "", "19700101 199003 1 001", "admin-1", self.NOW
        )
        assert (first.name, first.nip, first.version) == ("Dr. Ahmad", "197001011990031001", 1)
        second = service.set(
            "Dr. Budi", "Kepala Biro Kesra", "Pembina (IV/a)", "197001011990031002",
            "admin-2", self.NOW, if_match=1,
        )  # fmt: skip
        got = repo.get()
        assert got == second and got.version == 2 and got.updated_by == "admin-2"
        choice = service.current()
        assert choice.source == "stored" and choice.signer.name == "Dr. Budi"
        assert choice.signer.rank == "Pembina (IV/a)"
        if db is not None:  # the audit lines sit under LETTER_SIGNER, one per change
            lines = db.query_all(
                KeyConditionExpression="PK = :pk AND begins_with(SK, :a)",
                ExpressionAttributeValues={":pk": {"S": "LETTER_SIGNER"}, ":a": {"S": "AUDIT#"}},
            )
            assert [line["action"] for line in lines] == ["letter_signer.set"] * 2
            assert lines[1]["to_state"].startswith("Kepala Biro Kesra: Dr. Budi")
        else:
            assert [a.actor for a in repo.audit] == ["admin-1", "admin-2"]

    def test_stale_writes_are_refused_and_store_nothing(self, signer_setting: Any) -> None:
        from chalicelib.domain.errors import FieldErrors
        from chalicelib.domain.letter_signer import StoredSigner

        service, repo, _ = signer_setting
        service.set("Dr. Ahmad", "Kepala Biro", "", "197001011990031001", "admin-1", self.NOW)
        with pytest.raises(VersionConflict):  # the other admin read no signer (version 0)
            service.set("Dr. Budi", "Kepala Biro", "", "197001011990031002", "a2", self.NOW, 0)
        audit = AuditEntry("LETTER_SIGNER", self.NOW, "admin-2", "letter_signer.set")
        late = StoredSigner("Dr. Citra", "Kepala Biro", "", "197001011990031003", 1)
        with pytest.raises(VersionConflict):  # the store's own condition: a first write twice
            repo.put(late, 0, audit)
        with pytest.raises(FieldErrors) as caught:
            service.set(" ", "", "", "12345", "admin-1", self.NOW)
        assert [(e.field, e.message_key) for e in caught.value.errors] == [
            ("name", "blank"),
            ("position", "blank"),
            ("nip", "nip_invalid"),
        ]
        assert repo.get().name == "Dr. Ahmad"
