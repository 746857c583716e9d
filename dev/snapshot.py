"""The snapshot that versions before DynamoDB Local kept under .local/, read once to import it.

Format 1 (written by those versions every 10 seconds while moto held the table):

    snapshot.json  {"format": 1,
                    "tables": {table: [low-level DynamoDB item, ...]},   binary values as
                                                                          {"__b64__": base64}
                    "buckets": {bucket: [{"key", "sha256", "content_type", "metadata"}, ...]}}
    objects/<sha256>  each object's bytes, named by their SHA-256

Nothing writes this format any more: dev/state.py imports it on the first start of a newer
version and then moves it aside.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "snapshot.json"
OBJECTS = "objects"


def decode(value: Any) -> Any:
    """JSON back to low-level DynamoDB values: {"__b64__": ...} becomes bytes."""
    if isinstance(value, dict):
        if set(value) == {"__b64__"}:
            return base64.b64decode(value["__b64__"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value: Any) -> Any:
    """The inverse of decode (tests write old snapshots with it)."""
    if isinstance(value, bytes):
        return {"__b64__": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


class SnapshotError(ValueError):
    """The snapshot is damaged; `path` names the file."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why


def read_snapshot(directory: Path) -> tuple[dict[str, list[Any]], list[dict[str, Any]]]:
    """(items by table, objects with their bytes) of the snapshot in `directory`, every
    object's SHA-256 checked; SnapshotError naming the first bad file."""
    manifest = directory / MANIFEST
    try:
        state = json.loads(manifest.read_text(encoding="utf-8"))
        if state.get("format") != 1:
            raise SnapshotError(manifest, f"of an unknown format {state.get('format')!r}")
        tables = decode(state["tables"])
        buckets = state["buckets"]
        if not isinstance(tables, dict) or not isinstance(buckets, dict):
            raise SnapshotError(manifest, "damaged")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, SnapshotError):
            raise
        raise SnapshotError(manifest, "damaged") from None
    objects: list[dict[str, Any]] = []
    for bucket, entries in buckets.items():
        for entry in entries:
            path = directory / OBJECTS / str(entry.get("sha256", ""))
            try:
                data = path.read_bytes()
            except OSError:
                raise SnapshotError(path, "missing") from None
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise SnapshotError(path, "damaged (its bytes do not match their SHA-256)")
            objects.append({"bucket": bucket, **entry, "body": data})
    return tables, objects


def upgraded_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The snapshot's low-level items brought to today's layout by the adapter's own
    upgraded_item (complaints and audience requests: queue keys of the open-queue partition,
    their `<PK>/TOKEN` record); one item per key (a BatchWriteItem refuses two puts of one
    key), the snapshot's own item winning over an added token record."""
    from chalicelib.adapters.tracked_repo import upgraded_item

    out: dict[tuple[Any, Any], dict[str, Any]] = {}
    added: dict[tuple[Any, Any], dict[str, Any]] = {}
    for item in items:
        first, *more = upgraded_item(item)
        out[(str(first.get("PK")), str(first.get("SK")))] = first
        for extra in more:
            added[(str(extra["PK"]), str(extra["SK"]))] = extra
    return list(out.values()) + [v for k, v in added.items() if k not in out]


def import_snapshot(
    snapshot: tuple[dict[str, list[Any]], list[dict[str, Any]]], ddb: Any, s3: Any
) -> tuple[int, int]:
    """Write every item and object that read_snapshot returned into the (new) storage:
    BatchWriteItem of 25 puts, PutObject; importing twice writes the same again. Tables
    not there yet are made with the template's definition. Returns (items, objects), the
    counts of the snapshot (the token records added by upgraded_items are not counted)."""
    tables, objects = snapshot
    from chalicelib.adapters.schema import table_definition

    n_items = 0
    existing = set(ddb.list_tables()["TableNames"])
    for table, old_items in tables.items():
        if table not in existing:
            ddb.create_table(**table_definition(table))
        items = upgraded_items(old_items)
        for start in range(0, len(items), 25):
            pending: dict[str, Any] = {
                table: [{"PutRequest": {"Item": i}} for i in items[start : start + 25]]
            }
            while pending:
                pending = ddb.batch_write_item(RequestItems=pending).get("UnprocessedItems", {})
        n_items += len(old_items)
    buckets = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    for obj in objects:
        if obj["bucket"] not in buckets:
            s3.create_bucket(
                Bucket=obj["bucket"],
                CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name},
            )
            buckets.add(obj["bucket"])
        kwargs: dict[str, Any] = {"Bucket": obj["bucket"], "Key": obj["key"], "Body": obj["body"]}
        if obj.get("content_type"):
            kwargs["ContentType"] = obj["content_type"]
        if obj.get("metadata"):
            kwargs["Metadata"] = obj["metadata"]
        s3.put_object(**kwargs)
    return n_items, len(objects)
