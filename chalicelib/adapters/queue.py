"""Queues across several partitions of a GSI, merged by their sort key (the deadline), with
one cursor; a filtered queue reads on until its page is full.

A filter (a DynamoDB FilterExpression, and/or `keep`, a test on each stored item that the
store cannot evaluate, such as an SLA state on the working calendar) is applied while the
partition is read, never after the page is cut: a page holds `limit` matching items, or
every matching item left. DynamoDB applies `Limit` before the FilterExpression, so a
filtered partition is read in Queries of growing size until enough items match.

Round trips (counted by `make bench`): an unfiltered partition costs one Query per page. A
filtered one costs one Query per window: `limit` items, then twice as many as the window
before, up to MAX_WINDOW items (and DynamoDB's own 1 MB per Query), at most MAX_QUERIES
Queries per partition per page. With a page of 20 that is 1 Query for up to 20 items read,
4 for 300, 7 for 2,260, 10 (the cap) for 5,260. Only when the cap stops a partition before
its page is full is the page cut where that partition's reading stopped (everything before
that point is in the page, in order; the cursor resumes there), so a page can be short only
behind more than ~5,000 non-matching items. No Scan: every read is a Query on one partition.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.adapters.dynamo import Dynamo

MAX_WINDOW = 1000
MAX_QUERIES = 10

Keep = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Index:
    """A GSI a queue is read from: its name and its partition and sort key attributes."""

    name: str
    pk: str
    sk: str

    @property
    def keys(self) -> tuple[str, ...]:
        return ("PK", "SK", self.pk, self.sk)


GSI1 = Index("GSI1", "GSI1PK", "GSI1SK")
GSI4 = Index("GSI4", "GSI4PK", "GSI4SK")


@dataclass(frozen=True, slots=True)
class _Run:
    """One partition read for one page: the items that matched (in sort order), where the
    reading stopped (a typed LastEvaluatedKey; None: the partition was read to its end)."""

    matched: list[dict[str, Any]]
    frontier: dict[str, Any] | None


def _read_until(
    db: Dynamo,
    index: Index,
    partition: str,
    limit: int,
    start: dict[str, Any] | None,
    extra: dict[str, Any] | None,
    keep: Keep | None,
) -> _Run:
    """Query one partition from `start` until `limit` items matched, the partition ended or
    MAX_QUERIES Queries were made (the windows are described in the module's docstring)."""
    kwargs: dict[str, Any] = {
        "IndexName": index.name,
        "KeyConditionExpression": f"{index.pk} = :pk",
        **(extra or {}),
        "ExpressionAttributeValues": {
            ":pk": {"S": partition},
            **(extra or {}).get("ExpressionAttributeValues", {}),
        },
    }
    window, frontier = limit, start
    matched: list[dict[str, Any]] = []
    for _ in range(MAX_QUERIES):
        args = {**kwargs, "Limit": window}
        if frontier:
            args["ExclusiveStartKey"] = frontier
        items, frontier = db.query(**args)
        matched.extend(i for i in items if keep is None or keep(i))
        if frontier is None or len(matched) >= limit:
            break
        window = min(window * 2, MAX_WINDOW)
    return _Run(matched, frontier)


def merged_query(
    db: Dynamo,
    partitions: list[str],
    limit: int,
    position: str | None,
    extra: dict[str, Any] | None = None,
    keep: Keep | None = None,
    index: Index = GSI1,
) -> tuple[list[dict[str, Any]], str | None]:
    """The `limit` matching items with the smallest sort key (deadline first) over all
    partitions of `index`, and the position of the next page (None: the last page).

    `extra`: FilterExpression arguments (and_filters); `keep`: a test on each stored item
    (plain values), applied as it is read. The position remembers, per partition, the last
    item handed out, where its reading stopped, or that it is done, so the next page goes
    on where this one ended and never repeats or skips an item.
    """
    state: dict[str, Any] = json.loads(position) if position else {}
    runs: dict[str, _Run] = {}
    for partition in partitions:
        if state.get(partition) == "done":
            continue
        start = state[partition] if isinstance(state.get(partition), dict) else None
        runs[partition] = _read_until(db, index, partition, limit, start, extra, keep)
    fetched = sorted(
        ((p, item) for p, run in runs.items() for item in run.matched),
        key=lambda pi: str(pi[1][index.sk]),
    )
    # A partition stopped by the cap before its page was full: nothing past where it stopped
    # is known, so nothing of any partition past that point may be handed out yet.
    stops = [
        str(run.frontier[index.sk]["S"])
        for run in runs.values()
        if run.frontier is not None and len(run.matched) < limit
    ]
    known = [pi for pi in fetched if not stops or str(pi[1][index.sk]) <= min(stops)]
    page = known[:limit]
    taken: dict[str, dict[str, Any]] = {}
    for partition, item in page:
        taken[partition] = {k: {"S": str(item[k])} for k in index.keys}
    handed = {id(item) for _, item in page}
    new_state: dict[str, Any] = {}
    for partition in partitions:
        if partition not in runs:
            new_state[partition] = state[partition]
            continue
        run = runs[partition]
        left_behind = any(p == partition and id(i) not in handed for p, i in fetched)
        if left_behind:
            if partition in taken:
                new_state[partition] = taken[partition]
            elif partition in state:
                new_state[partition] = state[partition]
        else:
            new_state[partition] = run.frontier if run.frontier is not None else "done"
    more = any(v != "done" for v in new_state.values()) or len(new_state) < len(partitions)
    return [i for _, i in page], (
        json.dumps(new_state, separators=(",", ":"), sort_keys=True) if more else None
    )


def and_filters(*filters: dict[str, Any] | None) -> dict[str, Any] | None:
    """Query arguments of several filters joined with AND (None when there are none)."""
    present = [f for f in filters if f]
    if not present:
        return None
    out: dict[str, Any] = {
        "FilterExpression": " AND ".join(f"({f['FilterExpression']})" for f in present)
    }
    for part in ("ExpressionAttributeNames", "ExpressionAttributeValues"):
        merged = {k: v for f in present for k, v in f.get(part, {}).items()}
        if merged:
            out[part] = merged
    return out
