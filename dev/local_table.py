"""How the command-line tools (`make user`, `make token`) reach the local stack's table.

`make run` holds an exclusive lock on `<state dir>/stack.lock` while it runs and writes its
storage endpoint to `<state dir>/stack.json`. A tool that finds the lock taken writes through
that endpoint; one that gets the lock starts the stack's storage itself for the few seconds
it needs (holding the lock, so a `make run` started meanwhile waits for it) and stops it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dev import state
from dev.dynamodb_local import DynamoDBLocal, wait_for_commits
from dev.localenv import REGION, StateError, state_dir
from dev.storage import ensure_table

LOCK_FILE = "stack.lock"
STACK_FILE = "stack.json"


class StackBusy(RuntimeError):
    """Another `make run` holds this state directory."""


def claim(directory: Path, wait_seconds: float = 0.0) -> IO[str] | None:
    """Take the state directory's lock (waiting up to `wait_seconds`); None if another
    process holds it. Keep the returned file open as long as the lock is needed. StateError
    (one line naming the file) when the lock file cannot be opened for writing."""
    path = directory / LOCK_FILE
    try:
        handle = path.open("a+")
    except OSError as exc:
        raise StateError(
            f"cannot write to {path} ({exc.strerror or exc}): make it and {directory} writable "
            "by this user, or set LOCAL_STATE_DIR to a writable directory"
        ) from None
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                return None
            time.sleep(0.1)


def announce(directory: Path, dynamodb_endpoint: str, table: str, api: str | None = None) -> None:
    """Tell the tools where the running stack's table is and, once it listens, its API's
    base URL (`api`, e.g. "http://127.0.0.1:8000"); call with the lock held."""
    path = directory / STACK_FILE
    tmp = path.with_name(STACK_FILE + ".tmp")
    info: dict[str, Any] = {"pid": os.getpid(), "dynamodb": dynamodb_endpoint, "table": table}
    if api:
        info["api"] = api
    tmp.write_text(json.dumps(info))
    os.replace(tmp, path)


def running_api(directory: Path) -> str | None:
    """The base URL of the API of the `make run` that holds `directory` ("http://host:port"),
    or None when none runs there (no stack.json, no API announced yet, or its process gone
    after a hard kill)."""
    try:
        info = json.loads((directory / STACK_FILE).read_text())
    except (OSError, ValueError):
        return None
    api = info.get("api") if isinstance(info, dict) else None
    if not isinstance(api, str) or not api:
        return None
    try:
        os.kill(int(info["pid"]), 0)
    except ProcessLookupError:
        return None
    except (PermissionError, KeyError, TypeError, ValueError):
        pass
    return api


def withdraw(directory: Path) -> None:
    """The stack stops: its endpoint is no longer valid."""
    with contextlib.suppress(FileNotFoundError):
        (directory / STACK_FILE).unlink()


def _client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "dynamodb",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - the local emulator's dummy credentials
    )


@contextlib.contextmanager
def _own_storage(directory: Path) -> Iterator[tuple[Any, str]]:
    """The stack's table, on its own DynamoDB Local started here for a moment (the stack is
    not running): the same checks as `make run` first (StateError on a damaged file)."""
    marker = state.read_marker(directory)
    state.check_marker(directory, marker)
    state.check_database(directory, marker)
    state.check_no_old_snapshot(directory)
    server = DynamoDBLocal(directory / state.DYNAMODB_DIR)
    endpoint = server.start()
    undo = wait_for_commits(endpoint)
    try:
        ddb = _client(endpoint)
        table = os.environ.get("TABLE_NAME", "layanan-kesra")
        if state.check_table(directory, marker, ddb, table):
            ensure_table(ddb, table)
        if marker is None:
            state.write_marker(directory, table)
        yield ddb, table
    finally:
        undo()
        server.stop()


def _running_stack(directory: Path, wait_seconds: float = 120.0) -> dict[str, Any]:
    """The running stack's endpoint; a stack still starting is waited for."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            info: dict[str, Any] = json.loads((directory / STACK_FILE).read_text())
            return info
        except (FileNotFoundError, ValueError):
            if time.monotonic() >= deadline:
                raise StackBusy(
                    f"another process holds {directory / LOCK_FILE} but announced no storage"
                ) from None
            time.sleep(0.2)


@contextlib.contextmanager
def open_table(directory: Path | None = None) -> Iterator[tuple[Any, str]]:
    """(DynamoDB client, table name) of the local stack's table, running or not."""
    directory = directory or state_dir()
    lock = claim(directory)
    if lock is None:
        info = _running_stack(directory)
        yield _client(info["dynamodb"]), info["table"]
        return
    try:
        with _own_storage(directory) as opened:
            yield opened
    finally:
        lock.close()
