"""Keep the embedded storage's data across restarts, through the public AWS API only.

moto keeps nothing on disk, so the local stack saves every table's items and every object
under .local/: objects as content-addressed files (written once), and a manifest
(snapshot.json) replaced atomically. A save that finds nothing changed writes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

MANIFEST = "snapshot.json"
OBJECTS = "objects"


def _encode(value: Any) -> Any:
    """Low-level DynamoDB values are JSON but for binary (bytes): base64 them."""
    if isinstance(value, bytes):
        return {"__b64__": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__b64__"}:
            return base64.b64decode(value["__b64__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class Snapshotter:
    def __init__(self, directory: Path, dynamodb: Any, s3: Any) -> None:
        self.dir = directory
        self.ddb = dynamodb
        self.s3 = s3
        self._last_digest: str | None = None
        self._etag_to_sha: dict[tuple[str, str, str], str] = {}
        (self.dir / OBJECTS).mkdir(parents=True, exist_ok=True)

    # --- save -------------------------------------------------------------------------
    def _items(self, table: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"TableName": table}
        while True:
            page = self.ddb.scan(**kwargs)  # dev only: the deployed code never scans
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return items
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _store_object(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self.dir / OBJECTS / sha
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return sha

    def _objects(self, bucket: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                cache_key = (bucket, obj["Key"], obj["ETag"])
                head = self.s3.head_object(Bucket=bucket, Key=obj["Key"])
                sha = self._etag_to_sha.get(cache_key)
                if sha is None or not (self.dir / OBJECTS / sha).exists():
                    body = self.s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
                    sha = self._store_object(body)
                    self._etag_to_sha[cache_key] = sha
                out.append(
                    {
                        "key": obj["Key"],
                        "sha256": sha,
                        "content_type": head.get("ContentType"),
                        "metadata": head.get("Metadata", {}),
                    }
                )
        return out

    def collect(self) -> dict[str, Any]:
        tables = {t: self._items(t) for t in self.ddb.list_tables()["TableNames"]}
        buckets = {b["Name"]: self._objects(b["Name"]) for b in self.s3.list_buckets()["Buckets"]}
        return {"format": 1, "tables": _encode(tables), "buckets": buckets}

    def save(self) -> bool:
        """Write the snapshot if anything changed since the last one; True if written."""
        state = self.collect()
        text = json.dumps(state, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest == self._last_digest:
            return False
        path = self.dir / MANIFEST
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        self._last_digest = digest
        self._collect_garbage(state)
        return True

    def _collect_garbage(self, state: dict[str, Any]) -> None:
        live = {o["sha256"] for objs in state["buckets"].values() for o in objs}
        for path in (self.dir / OBJECTS).iterdir():
            if path.name not in live and not path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)

    # --- load -------------------------------------------------------------------------
    def load(self) -> tuple[int, int]:
        """Put a saved snapshot back into empty storage; returns (items, objects) restored."""
        path = self.dir / MANIFEST
        if not path.exists():
            return 0, 0
        state = json.loads(path.read_text(encoding="utf-8"))
        n_items = n_objects = 0
        for table, items in _decode(state["tables"]).items():
            for start in range(0, len(items), 25):
                batch = [{"PutRequest": {"Item": i}} for i in items[start : start + 25]]
                pending: dict[str, Any] = {table: batch}
                while pending:
                    pending = self.ddb.batch_write_item(RequestItems=pending).get(
                        "UnprocessedItems", {}
                    )
            n_items += len(items)
        for bucket, objects in state["buckets"].items():
            for obj in objects:
                data = (self.dir / OBJECTS / obj["sha256"]).read_bytes()
                kwargs: dict[str, Any] = {"Bucket": bucket, "Key": obj["key"], "Body": data}
                if obj.get("content_type"):
                    kwargs["ContentType"] = obj["content_type"]
                if obj.get("metadata"):
                    kwargs["Metadata"] = obj["metadata"]
                self.s3.put_object(**kwargs)
                n_objects += 1
        # What was just loaded is what is on disk: the next save writes only real changes.
        self._last_digest = hashlib.sha256(
            json.dumps(self.collect(), sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()
        return n_items, n_objects
