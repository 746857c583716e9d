"""What the local stack keeps under .local/ (LOCAL_STATE_DIR), checked before it starts.

    .local/state.json                        what this directory holds (written once)
    .local/dynamodb/shared-local-instance.db DynamoDB Local's SQLite file: the table
    .local/s3/<bucket>/*.data, *.json        the uploads, one file each plus its SHA-256
    .local/secrets.json                      the local signing secrets (make token)

A damaged or missing file stops the start with one line (StateError) naming it and saying
what to do: never a start without the data, never bytes that fail their checksum.

Versions before DynamoDB Local (never released) kept a snapshot (`snapshot.json` and
`objects/`) that this version no longer imports: a directory that still holds one stops the
start with one line saying how to import it with an older checkout.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dev.dynamodb_local import DB_FILE
from dev.localenv import StateError

MARKER = "state.json"
FORMAT = 2
DYNAMODB_DIR = "dynamodb"
OBJECTS_DIR = "s3"
OLD_MANIFEST = "snapshot.json"
OLD_OBJECTS = "objects"


def _move_aside_hint(directory: Path) -> str:
    return f"or move {directory} aside to start with no data"


def read_marker(directory: Path) -> dict[str, Any] | None:
    """state.json's content, None before the first start; StateError if damaged."""
    path = directory / MARKER
    if not path.exists():
        return None
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(marker, dict) or marker.get("format") != FORMAT:
            raise ValueError("unknown format")
    except (OSError, ValueError):
        raise StateError(
            f"{path} is damaged: restore it from a backup, {_move_aside_hint(directory)}"
        ) from None
    return marker


def write_marker(directory: Path, table: str) -> None:
    """Record that this directory holds the table: from now on its file must be there."""
    path = directory / MARKER
    tmp = path.with_name(MARKER + ".tmp")
    body = {"format": FORMAT, "table": table, "created_at": datetime.now(UTC).isoformat()}
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(body, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def check_database(directory: Path, marker: dict[str, Any] | None) -> None:
    """The SQLite file must be there once the marker says so, and must pass SQLite's own
    quick_check; StateError otherwise."""
    path = directory / DYNAMODB_DIR / DB_FILE
    if not path.exists():
        if marker is not None:
            raise StateError(
                f"{path} is missing (the local state was created on "
                f"{marker.get('created_at', '?')}): restore it from a backup, "
                f"{_move_aside_hint(directory)}"
            )
        return
    try:
        with sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
        db.close()
    except sqlite3.Error as exc:
        raise StateError(
            f"{path} is damaged ({exc}): restore it from a backup, {_move_aside_hint(directory)}"
        ) from None
    if rows != [("ok",)]:
        raise StateError(
            f"{path} is damaged (SQLite: {rows[0][0]}): restore it from a backup, "
            f"{_move_aside_hint(directory)}"
        )


def check_marker(directory: Path, marker: dict[str, Any] | None) -> None:
    """A state directory whose table file exists must have its state.json: StateError when
    it is gone (never recreated silently over data it did not record)."""
    database = directory / DYNAMODB_DIR / DB_FILE
    if marker is None and database.exists():
        raise StateError(
            f"{directory / MARKER} is missing but {database} holds data: restore it from a "
            f"backup, {_move_aside_hint(directory)}"
        )


def check_uploads(
    directory: Path, ddb: Any, table: str, bucket: str, objects: list[dict[str, Any]]
) -> None:
    """Every upload the table records as used (an item's attachment, under
    `verified/<purpose>/<id>`) must have its file among `objects` (DiskObjects.read_all):
    StateError naming what is missing otherwise. A Scan of the local table at start only
    (dev/, never a request path)."""
    on_disk = {o["key"] for o in objects if o["bucket"] == bucket}
    missing: list[str] = []
    recorded = 0
    pages = ddb.get_paginator("scan").paginate(
        TableName=table,
        FilterExpression="entity = :u AND #s = :used",
        ExpressionAttributeNames={"#s": "state", "#i": "id", "#p": "purpose"},
        ExpressionAttributeValues={":u": {"S": "upload"}, ":used": {"S": "used"}},
        ProjectionExpression="#i, #p",
    )
    for page in pages:
        for item in page.get("Items", []):
            recorded += 1
            key = f"verified/{item['purpose']['S']}/{item['id']['S']}"
            if key not in on_disk:
                missing.append(key)
    if not missing:
        return
    objects_dir = directory / OBJECTS_DIR
    if not objects_dir.exists():
        raise StateError(
            f"{objects_dir} is missing but the table holds {recorded} uploaded files: restore "
            f"it from a backup, {_move_aside_hint(directory)}"
        )
    raise StateError(
        f"{objects_dir / bucket} lacks {len(missing)} of the {recorded} uploaded files the "
        f"table holds (e.g. {missing[0]}): restore them from a backup, "
        f"{_move_aside_hint(directory)}"
    )


def check_table(directory: Path, marker: dict[str, Any] | None, ddb: Any, table: str) -> bool:
    """True if the table must be created. StateError when the marker says it was made but
    the database does not have it (a file replaced by another one)."""
    present = table in ddb.list_tables()["TableNames"]
    if present:
        return False
    if marker is not None and marker.get("table") == table:
        raise StateError(
            f"{directory / DYNAMODB_DIR / DB_FILE} has no table {table}: restore the file "
            f"from a backup, {_move_aside_hint(directory)}"
        )
    return True


# The last commit that imports the snapshot of the versions before DynamoDB Local (format 1,
# November 2026, never released); this version no longer does.
SNAPSHOT_IMPORTER = "199999b43b93"


def check_no_old_snapshot(directory: Path) -> None:
    """StateError (one line) when `directory` still holds the snapshot of a version before
    DynamoDB Local: its data would be silently left behind, so the start stops and says how
    to import it (one start with SNAPSHOT_IMPORTER) or to move it aside."""
    manifest = directory / OLD_MANIFEST
    if manifest.exists():
        raise StateError(
            f"{manifest} is the snapshot of a version before DynamoDB Local, which this version "
            f"no longer imports: import it with one start of an older checkout (git checkout "
            f"{SNAPSHOT_IMPORTER}; make run; stop it; git checkout -), or move {manifest} and "
            f"{directory / OLD_OBJECTS} aside to start without it"
        )
