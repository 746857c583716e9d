"""The monthly recap's running counts in DynamoDB, kept in the transactions that change items.

    REPORT#<kind>#<yyyy-mm> / SHARD#<n>   one counter attribute per figure name ("received",
                                          "state:answered", "answer_minutes:180", ...): the
                                          sum over the month's items of their figures
                                          (domain/report.py); n = hash of the code % SHARDS
    REPORT#<kind>#<yyyy-mm> / COUNTED     every item of the month stored before counting
                                          began has been counted (the one-time recount), with
                                          the codes it could not read
    REPORT / SINCE                        `since` (UTC): items stored from then on count
                                          themselves; a month starting at or after it needs
                                          no recount

An item stores the figures it is counted under (`counted`, a list); writing the item adds
figure_change(stored, new) to its shard with `ADD` in the same TransactWriteItems, which is
conditional on the item's version: the counts move exactly when the item does, or not at all.
A stored item without `counted` (written before counting began) is counted once, either by
its next write (conditional on `attribute_not_exists(counted)`) or by the month's one-time
recount (the same condition): never twice.

The shards spread concurrent writes of one month over several counter items (DynamoDB
cancels a transaction that meets another on the same item: Dynamo.transact retries those).
`kind` is open: another service counts its items the same way under a kind of its own (e.g.
dismissed inbox conversations).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from chalicelib.adapters.dynamo import Dynamo, key
from chalicelib.adapters.month import uncounted_in
from chalicelib.adapters.tracked_repo import READ_ERRORS
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.report import figure_change
from chalicelib.domain.timeutil import iso_utc
from chalicelib.services.ports import MonthCounts

if TYPE_CHECKING:
    from chalicelib.adapters.item_write import Part

SHARDS = 4
COUNTED_SK = "COUNTED"
SINCE_KEY = ("REPORT", "SINCE")
# `since` of a table created with counting on: every item ever stored counts itself.
FROM_THE_START = "0001-01-01T00:00:00Z"
COUNTED_ATTRIBUTE = "counted"


def counts_pk(kind: str, month: str) -> str:
    return f"REPORT#{kind}#{month}"


def month_of(at: datetime, tz: ZoneInfo) -> str:
    """The local month (`YYYY-MM`) an instant falls in: the month an item is reported in."""
    return at.astimezone(tz).strftime("%Y-%m")


def shard_of(code: str) -> int:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) % SHARDS


def add_counts(db: Dynamo, kind: str, month: str, code: str, change: Mapping[str, int]) -> Part:
    """The Update adding `change` ({figure: +1/-1}) to the item's shard of its month's counts
    (ADD creates what is missing). Unconditional: it rides on the item's conditional write."""
    names = {f"#c{i}": name for i, name in enumerate(change)}
    values = {f":d{i}": {"N": str(delta)} for i, delta in enumerate(change.values())}
    update: dict[str, Any] = {
        "TableName": db.table,
        "Key": key(counts_pk(kind, month), f"SHARD#{shard_of(code)}"),
        "UpdateExpression": "ADD " + ", ".join(f"#c{i} :d{i}" for i in range(len(change))),
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
    }
    return {"Update": update}, None  # type: ignore[typeddict-item]


class ReportCounts:
    """Reads a month's counts (one Query), `since`, and writes the recount's marker."""

    def __init__(self, db: Dynamo) -> None:
        self._db = db
        self._since: str | None = None  # once known, it never changes

    def read(self, kind: str, month: str) -> MonthCounts:
        """One consistent Query of the month's partition: the shards summed, the marker."""
        total: Counter[str] = Counter()
        complete = False
        unreadable: tuple[str, ...] = ()
        for item in self._db.query_all(
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": counts_pk(kind, month)}},
            ConsistentRead=True,
        ):
            if item["SK"] == COUNTED_SK:
                complete = True
                unreadable = tuple(item.get("unreadable", []))
            elif item["SK"].startswith("SHARD#"):
                for name, value in item.items():
                    if name not in ("PK", "SK"):
                        total[name] += int(value)
        return MonthCounts(total, complete, unreadable)

    def since(self, now: datetime) -> str:
        """When counting began (UTC, ISO); first asked: `now`, stored if absent (a valid
        bound: every item this code stores counts itself, and older ones are before it)."""
        if self._since is None:
            found = self._db.get(*SINCE_KEY)
            if found is None:
                self.start(iso_utc(now))
                found = self._db.get(*SINCE_KEY)
            assert found is not None
            self._since = str(found["since"])
        return self._since

    def start(self, since: str) -> None:
        """Store `since` if absent (a table created with counting on: FROM_THE_START)."""
        with contextlib.suppress(AlreadyExists):  # stored before: the first one stays
            self._db.put_if_absent({"PK": SINCE_KEY[0], "SK": SINCE_KEY[1], "since": since})

    def mark_counted(self, kind: str, month: str, unreadable: list[str], now: datetime) -> None:
        """The month's one-time recount is done (repeatable: the last one wins)."""
        self._db.put(
            {
                "PK": counts_pk(kind, month),
                "SK": COUNTED_SK,
                "at": iso_utc(now),
                "unreadable": sorted(unreadable),
            }
        )


def month_start(month: str, tz: ZoneInfo) -> str:
    """The UTC instant (ISO) the local month `YYYY-MM` begins."""
    year, mon = (int(x) for x in month.split("-"))
    return iso_utc(datetime(year, mon, 1, tzinfo=tz))


T = TypeVar("T")


class CountedKind(Generic[T]):
    """The counting of one kind of item for its repository: the counter parts of a write, and
    a month's counts (with the month's one-time recount of items stored before counting)."""

    def __init__(
        self,
        db: Dynamo,
        tz: ZoneInfo,
        kind: str,
        figures: Callable[[T], frozenset[str]],
        parse: Callable[[dict[str, Any]], T],
        counts: ReportCounts | None = None,
    ) -> None:
        self._db = db
        self._tz = tz
        self.kind = kind
        self.figures = figures
        self._parse = parse
        self._counts = counts or ReportCounts(db)

    def parts(
        self,
        before: frozenset[str] | None,
        after: frozenset[str],
        received_at: datetime,
        code: str,
    ) -> list[Part]:
        """What a write of the item adds to its month's counts (nothing if its figures are
        unchanged); `before` None: never counted, so all of `after`."""
        change = figure_change(before or (), after)
        if not change:
            return []
        return [add_counts(self._db, self.kind, month_of(received_at, self._tz), code, change)]

    def stored(self, counted: frozenset[str] | None, ref: str) -> frozenset[str] | None:
        """The figures the stored item `ref` is counted under: `counted` as it was read, or,
        for an item read without them (stored before counting began, or built elsewhere), the
        stored item's own (one GetItem); None: not counted yet."""
        if counted is not None:
            return counted
        item = self._db.get(ref, "ITEM")
        return frozenset(item[COUNTED_ATTRIBUTE]) if item and COUNTED_ATTRIBUTE in item else None

    def month(self, month: str, now: datetime) -> MonthCounts:
        """The month's counts. A month that began before counting did and has no COUNTED
        marker is first recounted once: each stored item of it without `counted` is counted
        in a transaction of its own (conditional on its version and on still being uncounted),
        the unreadable ones named in the marker."""
        state = self._counts.read(self.kind, month)
        if state.complete or month_start(month, self._tz) >= self._counts.since(now):
            return MonthCounts(state.counts, True, state.unreadable)
        unreadable: list[str] = []
        for item in uncounted_in(self._db, self.kind, month):
            try:
                keys = self.figures(self._parse(item))
                version = int(item["version"])
            except READ_ERRORS:
                unreadable.append(str(item.get("code") or item.get("PK") or "?"))
                continue
            self._count_stored(item, version, keys, month)
        self._counts.mark_counted(self.kind, month, unreadable, now)
        return self._counts.read(self.kind, month)

    def _count_stored(
        self, item: dict[str, Any], version: int, keys: frozenset[str], month: str
    ) -> None:
        update: dict[str, Any] = {
            "TableName": self._db.table,
            "Key": key(item["PK"], item["SK"]),
            "UpdateExpression": "SET #counted = :keys",
            "ConditionExpression": "#v = :v AND attribute_not_exists(#counted)",
            "ExpressionAttributeNames": {"#counted": COUNTED_ATTRIBUTE, "#v": "version"},
            "ExpressionAttributeValues": {
                ":keys": {"L": [{"S": k} for k in sorted(keys)]},
                ":v": {"N": str(version)},
            },
        }
        counter, _ = add_counts(
            self._db, self.kind, month, str(item["code"]), figure_change((), keys)
        )
        # VersionConflict: written meanwhile, and that write counted it (every write does)
        with contextlib.suppress(VersionConflict):
            self._db.transact([{"Update": update}, counter], [VersionConflict(), None])  # type: ignore[typeddict-item]
