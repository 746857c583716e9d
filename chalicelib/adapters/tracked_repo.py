"""Items with an SLA clock in DynamoDB: the attributes every complaint and audience request
carries for its clock, queue place and sweep place, and the sweep's writes.

Item:  PK=CMP#<code>|AUD#<code>  SK=ITEM
       GSI1PK=QUEUE#<kind>#open      GSI1SK=<due_at>#<code>          (queues, most urgent first)
              QUEUE#<kind>#<status>  for a closed status (answered, closed, declined, ...)
       GSI3PK=DUE#<shard>            GSI3SK=<next_check_at>#<code>   (sparse: the sweep)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, key, update_clause
from chalicelib.adapters.item_write import claim, token_record, write_item
from chalicelib.adapters.outbox_repo import notification_put
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, VersionConflict
from chalicelib.domain.notification import Notification
from chalicelib.domain.public import Rating, TimelineEntry
from chalicelib.domain.sla import Escalation, EscalationPlan, SlaTrack
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.tracked import OPEN_STATUSES, TrackedItem, UnreadableItem, item_ref

T = TypeVar("T")

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

SK_ITEM = "ITEM"

# The states a staff queue shows by default share one GSI1 partition per kind, ordered by
# deadline: the default queue page is one Query, a subset of them one Query with a filter on
# `status`. Closed states keep a partition each (asked for one at a time).
QUEUE_OPEN: dict[str, frozenset[str]] = {
    "complaint": frozenset({"received", "classified", "in_progress", "awaiting_reporter"}),
    "audience": frozenset({"submitted", "in_review", "scheduled"}),
}


def queue_partition(kind: str, status: str) -> str:
    """The GSI1 partition of an item of `kind` in `status`."""
    return f"QUEUE#{kind}#open" if status in QUEUE_OPEN[kind] else f"QUEUE#{kind}#{status}"


def queue_query(kind: str, statuses: list[str]) -> tuple[list[str], dict[str, Any] | None]:
    """The partitions holding `statuses`, and the filter that keeps only those statuses when
    the open partition is read for a part of its states (None: no filter needed)."""
    partitions = sorted({queue_partition(kind, s) for s in statuses})
    wanted_open = QUEUE_OPEN[kind] & set(statuses)
    if not wanted_open or wanted_open == QUEUE_OPEN[kind]:
        return partitions, None
    names = sorted(set(statuses))
    return partitions, {
        "FilterExpression": "#qs IN (" + ", ".join(f":qs{i}" for i in range(len(names))) + ")",
        "ExpressionAttributeNames": {"#qs": "status"},
        "ExpressionAttributeValues": {f":qs{i}": {"S": n} for i, n in enumerate(names)},
    }


def queue_keys(kind: str, code: str, status: str, due_at: datetime) -> dict[str, str]:
    """GSI1 keys of a complaint or audience request: its queue partition (queue_partition)
    and its place there, deadline first (`<due_at, UTC, four-digit year>#<code>`)."""
    return {"GSI1PK": queue_partition(kind, status), "GSI1SK": f"{iso_utc(due_at)}#{code}"}


def upgraded_item(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A low-level DynamoDB item written by an older version, in today's layout: a complaint
    or audience request (`SK = ITEM`) gets its queue keys from queue_keys (older versions
    keyed every state `QUEUE#<kind>#<status>`) and, with it, its token record (token_record,
    which older versions did not write); any other item, or one lacking the attributes the
    keys come from, is returned as it was. Pure and repeatable: the same item in, the same
    items out. Used by the one-time import of an old local snapshot (dev/snapshot.py)."""
    kind = item.get("kind", item.get("entity", {})).get("S")
    if item.get("SK") != {"S": SK_ITEM} or kind not in QUEUE_OPEN:
        return [item]
    try:
        code, status = item["code"]["S"], item["status"]["S"]
        due_at = parse_iso_utc(item["due_at"]["S"])
    except (KeyError, TypeError, ValueError):
        return [item]
    keys = {k: {"S": v} for k, v in queue_keys(kind, code, status, due_at).items()}
    out = [{**item, **keys}]
    token_hash = item.get("token_hash", {}).get("S")
    if token_hash:
        out.append(token_record(item["PK"]["S"], token_hash))
    return out


def shard_of(code: str, shards: int) -> int:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) % shards


def _iso(at: datetime | None) -> str | None:
    return iso_utc(at) if at else None


def _dt(text: str | None) -> datetime | None:
    return parse_iso_utc(text) if text else None


def track_attributes(
    kind: str, code: str, status: str, track: SlaTrack, next_check_at: datetime | None, shards: int
) -> dict[str, Any]:
    """The SLA, queue and sweep attributes of an item; None means 'remove' in an update."""
    return {
        "sla_class": track.clock_class,
        "received_at": iso_utc(track.received_at),
        "due_at": iso_utc(track.due_at),
        "sla_credit_s": track.credit_seconds,
        "sla_paused_at": _iso(track.paused_at),
        "sla_stopped_at": _iso(track.stopped_at),
        "esc_reached": track.reached,
        "escalations": [
            {
                "level": e.level,
                "at": iso_utc(e.at),
                "deadline": iso_utc(e.deadline),
                "superseded": e.superseded,
                "notified": list(e.notified),
            }
            for e in track.history
        ],
        "next_check_at": _iso(next_check_at),
        **queue_keys(kind, code, status, track.due_at),
        "GSI3PK": f"DUE#{shard_of(code, shards)}" if next_check_at else None,
        "GSI3SK": f"{iso_utc(next_check_at)}#{code}" if next_check_at else None,
    }


def track_from(item: dict[str, Any]) -> SlaTrack:
    return SlaTrack(
        clock_class=item["sla_class"],
        received_at=parse_iso_utc(item["received_at"]),
        due_at=parse_iso_utc(item["due_at"]),
        credit_seconds=int(item.get("sla_credit_s", 0)),
        paused_at=_dt(item.get("sla_paused_at")),
        stopped_at=_dt(item.get("sla_stopped_at")),
        reached=item.get("esc_reached"),
        history=tuple(
            Escalation(
                level=e["level"],
                at=parse_iso_utc(e["at"]),
                deadline=parse_iso_utc(e["deadline"]),
                superseded=bool(e["superseded"]),
                notified=tuple(e.get("notified", [])),
            )
            for e in item.get("escalations", [])
        ),
    )


def tracked_from(item: dict[str, Any]) -> TrackedItem:
    return TrackedItem(
        kind=item["kind"],
        code=item["code"],
        status=item["status"],
        version=int(item["version"]),
        track=track_from(item),
        assignee=item.get("assignee"),
    )


# What reading back a damaged stored item raises (a missing attribute, a bad time or number).
READ_ERRORS = (KeyError, ValueError, TypeError, OverflowError, ArithmeticError)


def _code_of(item: dict[str, Any]) -> str:
    """What names a stored item in a log: its code (never its content)."""
    return str(item.get("code") or item.get("PK") or "?")


def read_page(
    items: Iterable[dict[str, Any]], parse: Callable[[dict[str, Any]], T]
) -> tuple[list[T], tuple[str, ...]]:
    """Each stored item parsed, and apart the codes of those that could not be (never their
    content): a list shows what it can read instead of failing on one damaged item."""
    parsed: list[T] = []
    unreadable: list[str] = []
    for item in items:
        try:
            parsed.append(parse(item))
        except READ_ERRORS:
            unreadable.append(_code_of(item))
    return parsed, tuple(unreadable)


def readable(item: dict[str, Any]) -> TrackedItem | UnreadableItem:
    """The item, or an UnreadableItem naming its code and the error (never its content)."""
    try:
        return tracked_from(item)
    except READ_ERRORS as exc:
        return UnreadableItem(_code_of(item), type(exc).__name__)


class DynamoTrackedItemRepository:
    def __init__(self, db: Dynamo, shards: int = 4) -> None:
        self._db = db
        self.shards = shards

    def _paged(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        start: dict[str, Any] | None = None
        while True:
            if start:
                kwargs["ExclusiveStartKey"] = start
            items, start = self._db.query(**kwargs)
            yield from items
            if not start:
                return

    def due(self, now: datetime) -> Iterator[TrackedItem | UnreadableItem]:
        upper = iso_utc(now) + "#~"  # '~' sorts after every code character
        for shard in range(self.shards):
            for item in self._paged(
                IndexName="GSI3",
                KeyConditionExpression="GSI3PK = :pk AND GSI3SK <= :upper",
                ExpressionAttributeValues={":pk": {"S": f"DUE#{shard}"}, ":upper": {"S": upper}},
            ):
                yield readable(item)

    def open_items(self) -> Iterator[TrackedItem | UnreadableItem]:
        """One paged Query per kind: the open queue partition, less the states whose clock
        has stopped (a scheduled audience shares the partition)."""
        for kind, statuses in OPEN_STATUSES.items():
            for item in self._paged(
                IndexName="GSI1",
                KeyConditionExpression="GSI1PK = :pk",
                ExpressionAttributeValues={":pk": {"S": queue_partition(kind, statuses[0])}},
            ):
                if item.get("status") in statuses:
                    yield readable(item)

    def open_counts(self, kind: str, now: datetime) -> tuple[int, int]:
        """(open, overdue) items of `kind` now: two `Select=COUNT` Queries on the open queue
        partition (no item is read back). Overdue: due before `now` while the clock runs,
        or paused after the deadline had passed (as the SLA view's `breached`)."""
        pk = {":pk": {"S": queue_partition(kind, next(iter(QUEUE_OPEN[kind])))}}
        open_n = self._db.count(
            IndexName="GSI1", KeyConditionExpression="GSI1PK = :pk", ExpressionAttributeValues=pk
        )
        overdue = self._db.count(
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk AND GSI1SK < :now",
            FilterExpression="attribute_not_exists(sla_stopped_at) AND "
            "(attribute_not_exists(sla_paused_at) OR sla_paused_at > due_at)",
            ExpressionAttributeValues={**pk, ":now": {"S": iso_utc(now)}},
        )
        return open_n, overdue

    def get_tracked(self, kind: str, code: str) -> TrackedItem | None:
        item = self._db.get(item_ref(kind, code), SK_ITEM)
        return tracked_from(item) if item else None

    def _update(
        self, before: TrackedItem, after: TrackedItem, next_check_at: datetime | None
    ) -> TransactWriteItemTypeDef:
        sets = track_attributes(
            after.kind, after.code, after.status, after.track, next_check_at, self.shards
        )
        sets["version"] = after.version
        update: dict[str, Any] = {
            "TableName": self._db.table,
            "Key": key(before.ref, SK_ITEM),
            **update_clause(sets, condition_version=before.version),
        }
        return {"Update": update}  # type: ignore[typeddict-item]

    def escalate(
        self,
        before: TrackedItem,
        after: TrackedItem,
        next_check_at: datetime | None,
        plan: EscalationPlan,
        audits: list[AuditEntry],
        notification: Notification,
    ) -> None:
        parts: list[TransactWriteItemTypeDef] = [self._update(before, after, next_check_at)]
        errors: list[Any] = [VersionConflict()]
        for level in (*plan.superseded, plan.fire):
            parts.append(
                {
                    "Put": {
                        "TableName": self._db.table,
                        "Item": {
                            "PK": {"S": before.ref},
                            "SK": {"S": f"ESC#{iso_utc(plan.deadline)}#{level}"},
                            "entity": {"S": "escalation"},
                            "level": {"S": level},
                            "superseded": {"BOOL": level != plan.fire},
                            "at": {"S": iso_utc(audits[-1].at)},
                        },
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                }
            )
            errors.append(AlreadyExists())
        for audit in audits:
            parts.append(audit_put(self._db, audit))
            errors.append(None)
        parts.append(notification_put(self._db, notification))
        errors.append(None)
        self._db.transact(parts, errors)

    def retime(
        self,
        before: TrackedItem,
        after: TrackedItem,
        next_check_at: datetime | None,
        audit: AuditEntry,
    ) -> None:
        self._db.transact(
            [self._update(before, after, next_check_at), audit_put(self._db, audit)],
            [VersionConflict(), None],
        )

    def create(
        self,
        item: TrackedItem,
        next_check_at: datetime | None,
        extra: dict[str, Any],
        audit: AuditEntry,
        notifications: tuple[Notification, ...] = (),
        claims: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """A new item with its clock, its audit line, its outbox messages and any unique
        claims (PK, SK) in one transaction; AlreadyExists if the code or a claim is taken."""
        values: dict[str, Any] = {
            "PK": item.ref,
            "SK": SK_ITEM,
            "entity": item.kind,
            "kind": item.kind,
            "code": item.code,
            "status": item.status,
            "version": item.version,
            "assignee": item.assignee,
            **extra,
            **track_attributes(
                item.kind, item.code, item.status, item.track, next_check_at, self.shards
            ),
        }
        taken = [claim(self._db, pk, sk, item.ref, AlreadyExists(claim=pk)) for pk, sk in claims]
        write_item(self._db, values, None, audit, notifications, taken)


# --- the public parts every complaint and audience request stores the same way -----------


def public_attributes(timeline: tuple[TimelineEntry, ...], rating: Rating | None) -> dict[str, Any]:
    return {
        "timeline": [{"at": iso_utc(t.at), "status": t.status, "note": t.note} for t in timeline],
        "rating": None
        if rating is None
        else {"score": rating.score, "comment": rating.comment, "at": iso_utc(rating.at)},
    }


def timeline_from(item: dict[str, Any]) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(parse_iso_utc(t["at"]), t["status"], t["note"])
        for t in item.get("timeline", [])
    )


def rating_from(item: dict[str, Any]) -> Rating | None:
    r = item.get("rating")
    return None if not r else Rating(int(r["score"]), r.get("comment"), parse_iso_utc(r["at"]))
