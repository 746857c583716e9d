"""Queues across several state partitions of GSI1, merged by deadline, with one cursor."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.adapters.dynamo import Dynamo

INDEX_KEYS = ("PK", "SK", "GSI1PK", "GSI1SK")


def merged_query(
    db: Dynamo,
    partitions: list[str],
    limit: int,
    position: str | None,
    extra: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The `limit` items with the smallest GSI1SK (deadline first) over all partitions.

    The position remembers, per partition, the last item handed out (or that it is done),
    so the next page continues each partition where it stopped.
    """
    state: dict[str, Any] = json.loads(position) if position else {}
    fetched: list[tuple[str, dict[str, Any]]] = []
    exhausted: dict[str, bool] = {}
    for partition in partitions:
        if state.get(partition) == "done":
            continue
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": partition}},
            "Limit": limit,
            **(extra or {}),
        }
        if extra and "ExpressionAttributeValues" in extra:
            kwargs["ExpressionAttributeValues"] = {
                ":pk": {"S": partition},
                **extra["ExpressionAttributeValues"],
            }
        if isinstance(state.get(partition), dict):
            kwargs["ExclusiveStartKey"] = state[partition]
        items, last = db.query(**kwargs)
        exhausted[partition] = last is None
        fetched.extend((partition, i) for i in items)
    fetched.sort(key=lambda pi: str(pi[1]["GSI1SK"]))
    page = fetched[:limit]
    taken: dict[str, dict[str, Any]] = {}
    for partition, item in page:
        taken[partition] = {k: {"S": str(item[k])} for k in INDEX_KEYS}
    new_state: dict[str, Any] = {}
    for partition in partitions:
        if state.get(partition) == "done":
            new_state[partition] = "done"
            continue
        left_behind = any(p == partition for p, _ in fetched[limit:])
        if partition in taken:
            done = exhausted.get(partition, False) and not left_behind
            new_state[partition] = "done" if done else taken[partition]
        elif exhausted.get(partition) and not left_behind:
            new_state[partition] = "done"
        elif partition in state:
            new_state[partition] = state[partition]
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
