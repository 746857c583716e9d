"""The monthly report's counts (adapters/report_counts.py) on moto and on DynamoDB Local: kept
in each item's own transaction, equal to a recount, read with a few requests; items stored
before counting began are counted once (by their next write or the month's one-time
recount, never both); a refused write moves no count; concurrent writes all count."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from typing import Any

import pytest

from chalicelib.domain.complaint import Reporter
from chalicelib.domain.errors import VersionConflict
from chalicelib.domain.sla import SlaPolicy
from chalicelib.services.complaints import ComplaintService, NewComplaint, Staff
from chalicelib.services.reports import ReportService
from tests.clock import calendar, wib
from tests.fakes import FakeStaffDirectory, UnusedUploads

OFFICER = Staff("pejabat", frozenset({"complaint_officer"}))
NOW = wib(2026, 11, 3, 9)


class Desk:
    """The complaint service and the report service on one real table."""

    def __init__(self, db: Any) -> None:
        from chalicelib.adapters.audience_repo import DynamoAudienceRepository
        from chalicelib.adapters.complaint_repo import DynamoComplaintRepository

        tz = calendar().tz
        self.db = db
        self.complaints = DynamoComplaintRepository(db, tz, 4, calendar)
        self.audiences = DynamoAudienceRepository(db, tz, 4)
        codes = itertools.count()
        self.service = ComplaintService(
            self.complaints,
            UnusedUploads(),  # type: ignore[arg-type]
            calendar,
            SlaPolicy(),
            new_code=lambda now: f"PGD-2610-{next(codes):06d}",
            new_id=lambda now: f"NT-{next(codes)}",
            directory=FakeStaffDirectory({"tim-1": {"complaint_team"}}),
        )
        self.reports = ReportService(self.complaints, self.audiences, calendar)

    def intake(self, day: int, hour: int = 9, channel: str = "telepon") -> str:
        new = NewComplaint(
            subject="Aduan",
            description="Isi aduan",
            privacy="named",
            reporter=Reporter("Budi", "0812", "b@x.id"),
            evidence_upload_ids=(),
            channel=channel,
            received_at=wib(2026, 10, day, hour),
        )
        return self.service.submit(new, "desk", "t0ken", wib(2026, 10, day, hour)).code

    def answer(self, code: str, cls: str, at: Any) -> None:
        self.service.classify(code, cls, None, OFFICER, at)
        self.service.assign(code, "tim-1", OFFICER, at)
        self.service.answer(code, "Jawaban", "telepon", OFFICER, at)

    def reads(self) -> Counter[str]:
        """Count the DynamoDB calls the table's client makes from now on."""
        calls: Counter[str] = Counter()
        self.db.client.meta.events.register(
            "before-call.dynamodb.*",
            lambda model, **_: calls.update([model.name]),
        )
        return calls


@pytest.fixture(params=["moto", "dynamodb_local"])
def desk(request: pytest.FixtureRequest) -> Desk:
    request.getfixturevalue("aws" if request.param == "moto" else "aws_local")
    from chalicelib import bootstrap

    return Desk(bootstrap.dynamo())


def _forget_counting(desk: Desk) -> None:
    """Make the table look as it did before counting existed: no `counted` on the items,
    no counts, no SINCE (the layout of stored data made by older versions)."""
    db = desk.db
    for item in db.query_all(
        IndexName="GSI2",
        KeyConditionExpression="GSI2PK = :pk",
        ExpressionAttributeValues={":pk": {"S": "MONTH#complaint#2026-10"}},
    ):
        db.client.update_item(
            TableName=db.table,
            Key={"PK": {"S": item["PK"]}, "SK": {"S": item["SK"]}},
            UpdateExpression="REMOVE #c",
            ExpressionAttributeNames={"#c": "counted"},
        )
    for pk in ("REPORT#complaint#2026-10", "REPORT#audience#2026-10", "REPORT"):
        for item in db.query_all(
            KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": {"S": pk}}
        ):
            db.client.delete_item(
                TableName=db.table, Key={"PK": {"S": item["PK"]}, "SK": {"S": item["SK"]}}
            )


def test_counts_follow_every_write_and_equal_a_recount(desk: Desk) -> None:
    a, b, c = desk.intake(5), desk.intake(6, channel="whatsapp"), desk.intake(7)
    desk.answer(a, "ringan", wib(2026, 10, 5, 11))
    desk.answer(b, "normatif", wib(2026, 10, 14, 9))
    desk.service.rate(a, "t0ken", 4, None, wib(2026, 10, 6, 9))
    with pytest.raises(VersionConflict):  # a refused write moves no count
        desk.service.classify(c, "pengawasan", None, OFFICER, NOW, if_match=99)
    from chalicelib.adapters.report_counts import FROM_THE_START, ReportCounts

    ReportCounts(desk.db).start(FROM_THE_START)  # as `make run` does on a new table
    calls = desk.reads()
    counted = desk.reports.monthly("2026-10", NOW)
    assert counted == desk.reports.recount("2026-10")
    assert counted.complaints_received == 3
    assert counted.by_state == {"answered": 2, "received": 1}
    assert counted.by_class == {"belum_diklasifikasi": 1, "normatif": 1, "ringan": 1}
    # a: 120 office minutes; b: 7 h on 6 Oct + 5 days x 8 h + 1 h on 14 Oct = 2,880 -> 2,900
    assert counted.median_office_minutes_to_answer == (120 + 2900) / 2
    assert (counted.average_rating, counted.ratings) == (4.0, 1)
    # the counted report: one Query per kind (and the recount: one per kind, reading all)
    assert calls["GetItem"] == 2 and calls["PutItem"] == 0, calls  # SINCE, once per kind
    calls.clear()
    desk.reports.monthly("2026-10", NOW)
    assert calls == Counter({"Query": 2}), calls  # SINCE is known now


def test_items_stored_before_counting_are_counted_once(desk: Desk) -> None:
    a, b, c = desk.intake(5), desk.intake(6), desk.intake(7)
    desk.answer(a, "ringan", wib(2026, 10, 5, 11))
    expected = desk.reports.recount("2026-10")
    _forget_counting(desk)
    # a legacy item written again before the month's first report counts itself once
    desk.service.classify(b, "normatif", None, OFFICER, NOW)
    expected_after = desk.reports.recount("2026-10")
    assert expected_after != expected
    calls = desk.reads()
    first = desk.reports.monthly("2026-10", NOW)  # the one-time recount of a and c
    assert first == expected_after
    assert calls["TransactWriteItems"] == 2, calls  # a and c; b counted itself
    calls.clear()
    assert desk.reports.monthly("2026-10", NOW) == expected_after
    assert calls["TransactWriteItems"] == 0 and calls["Query"] == 2, calls  # marker: done
    # and later writes keep the counts right
    desk.answer(c, "ringan", wib(2026, 10, 7, 10))
    assert desk.reports.monthly("2026-10", NOW) == desk.reports.recount("2026-10")


def test_an_unreadable_legacy_item_is_named_not_counted(desk: Desk) -> None:
    desk.intake(5)
    bad = desk.intake(6)
    _forget_counting(desk)
    desk.db.client.update_item(
        TableName=desk.db.table,
        Key={"PK": {"S": f"CMP#{bad}"}, "SK": {"S": "ITEM"}},
        UpdateExpression="REMOVE #s",
        ExpressionAttributeNames={"#s": "subject"},
    )
    report = desk.reports.monthly("2026-10", NOW)
    assert report.complaints_received == 1 and report.unreadable == [bad]
    assert desk.reports.monthly("2026-10", NOW).unreadable == [bad]  # kept in the marker


def test_concurrent_writes_of_one_month_all_count(request: pytest.FixtureRequest) -> None:
    """Eight threads take complaints into one month at once on DynamoDB Local: their
    transactions meet on the month's counts; every one lands and counts once."""
    request.getfixturevalue("aws_local")
    from chalicelib import bootstrap

    desk = Desk(bootstrap.dynamo())
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def take(n: int) -> None:
        try:
            start.wait()
            for i in range(5):
                desk.intake(1 + (n * 5 + i) % 28, channel="telepon")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=take, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = desk.reports.monthly("2026-10", NOW)
    assert report.complaints_received == 40
    assert report == desk.reports.recount("2026-10")
