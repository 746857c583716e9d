"""The local upload bucket: moto's S3 server, with every object written through to disk.

moto plays S3 (presigned POST with its policy, head/get/put/copy/delete, presigned GET, SSE
headers) but keeps objects in memory only. Here every request that changes a bucket is
followed, before its answer leaves, by writing the changed objects to
`<dir>/<bucket>/<name>.data` and `.json` (key, SHA-256, type, metadata, encryption), each
fsynced and renamed into place: an upload that got its 204 is on disk. At start the objects
are put back into moto after their SHA-256 is checked. Objects live in moto as temporary
files (MOTO_S3_DEFAULT_KEY_BUFFER_SIZE), not in the process's memory.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

os.environ.setdefault("MOTO_S3_DEFAULT_KEY_BUFFER_SIZE", str(64 * 1024))

MUTATING = frozenset({"PUT", "POST", "DELETE"})


class ObjectStateError(RuntimeError):
    """An object file is damaged or missing; str() names it and says what to do."""


def _name(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=") or "_"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DiskObjects:
    """The objects of every bucket under `directory`, mirrored from moto's S3 backend."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.lock = threading.Lock()
        # (bucket, key) -> (etag, last_modified) of what is on disk
        self._seen: dict[tuple[str, str], tuple[str, str]] = {}
        self._restoring = False  # putting back what is on disk: note it, write nothing

    # --- start ------------------------------------------------------------------------
    def read_all(self, with_bodies: bool = True) -> list[dict[str, Any]]:
        """Every stored object as {bucket, key, path, body, content_type, metadata,
        encryption}, each file's bytes checked against its SHA-256 (read in blocks; `body`
        is None without `with_bodies`). ObjectStateError when a file is unreadable or its
        bytes fail their SHA-256."""
        out: list[dict[str, Any]] = []
        if not self.dir.exists():
            return out
        for bucket_dir in sorted(p for p in self.dir.iterdir() if p.is_dir()):
            for meta_path in sorted(bucket_dir.glob("*.json")):
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                    key = meta["key"]
                    sha = meta["sha256"]
                except (OSError, ValueError, KeyError, TypeError):
                    raise ObjectStateError(
                        f"{meta_path} is damaged: restore it from a backup, or delete it and "
                        f"its .data file to drop that one upload"
                    ) from None
                data_path = meta_path.with_suffix(".data")
                digest = hashlib.sha256()
                try:
                    with open(data_path, "rb") as fh:
                        while block := fh.read(1 << 20):
                            digest.update(block)
                    body = data_path.read_bytes() if with_bodies else None
                except OSError:
                    raise ObjectStateError(
                        f"{data_path} is missing: restore it from a backup, or delete "
                        f"{meta_path.name} to drop that one upload"
                    ) from None
                if digest.hexdigest() != sha:
                    raise ObjectStateError(
                        f"{data_path} does not match its recorded SHA-256: restore it from a "
                        f"backup, or delete it and {meta_path.name} to drop that one upload"
                    )
                out.append(
                    {
                        "bucket": bucket_dir.name,
                        "key": key,
                        "path": data_path,
                        "body": body,
                        "content_type": meta.get("content_type"),
                        "metadata": meta.get("metadata") or {},
                        "encryption": meta.get("encryption"),
                    }
                )
        return out

    def restore(self, s3: Any, objects: list[dict[str, Any]]) -> int:
        """Put the objects read_all() listed back into a fresh moto (through `s3`, a boto3
        client), one file at a time; they are on disk already, so the write-through only
        notes them. Returns how many."""
        existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
        self._restoring = True
        try:
            for obj in objects:
                if obj["bucket"] in existing:  # else a bucket the stack no longer uses
                    self._put_back(s3, obj)
        finally:
            self._restoring = False
        return len(objects)

    @staticmethod
    def _put_back(s3: Any, obj: dict[str, Any]) -> None:
        with open(obj["path"], "rb") as body:
            kwargs: dict[str, Any] = {"Bucket": obj["bucket"], "Key": obj["key"], "Body": body}
            if obj["content_type"]:
                kwargs["ContentType"] = obj["content_type"]
            if obj["metadata"]:
                kwargs["Metadata"] = obj["metadata"]
            if obj["encryption"]:
                kwargs["ServerSideEncryption"] = obj["encryption"]
            s3.put_object(**kwargs)

    # --- write-through ----------------------------------------------------------------
    def sync(self, backend: Any, bucket_names: Iterable[str]) -> None:
        """Write what changed in these buckets of moto's backend; drop what was deleted.
        Call with self.lock held and no other change to the buckets in flight."""
        for bucket_name in bucket_names:
            bucket = backend.buckets.get(bucket_name)
            if bucket is None:
                continue
            folder = self.dir / bucket_name
            folder.mkdir(parents=True, exist_ok=True)
            live: set[str] = set()
            for key_name, fake in list(bucket.keys.items()):
                if fake is None or getattr(fake, "is_delete_marker", False):
                    continue
                live.add(key_name)
                stamp = (str(fake.etag), str(fake.last_modified))
                if self._seen.get((bucket_name, key_name)) == stamp:
                    continue
                if self._restoring:
                    self._seen[(bucket_name, key_name)] = stamp
                    continue
                body = fake.value
                headers = {str(k).lower(): str(v) for k, v in dict(fake.metadata).items()}
                meta = {
                    "key": key_name,
                    "sha256": hashlib.sha256(body).hexdigest(),
                    "size": len(body),
                    "content_type": headers.get("content-type"),
                    "metadata": {
                        k[len("x-amz-meta-") :]: v
                        for k, v in headers.items()
                        if k.startswith("x-amz-meta-")
                    },
                    "encryption": fake.encryption,
                }
                stem = folder / _name(key_name)
                _write_atomic(stem.with_suffix(".data"), body)
                _write_atomic(stem.with_suffix(".json"), json.dumps(meta).encode())
                _fsync_dir(folder)
                self._seen[(bucket_name, key_name)] = stamp
            for bucket_key in [k for k in self._seen if k[0] == bucket_name]:
                if bucket_key[1] not in live:
                    stem = folder / _name(bucket_key[1])
                    stem.with_suffix(".json").unlink(missing_ok=True)  # the commit point first
                    stem.with_suffix(".data").unlink(missing_ok=True)
                    del self._seen[bucket_key]
            _fsync_dir(folder)

    def middleware(self, app: Callable[..., Any], backend: Callable[[], Any]) -> Callable[..., Any]:
        """WSGI wrapper: a changing request is answered only after its objects are on disk.
        Changing requests run one at a time (reads do not wait)."""

        def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            if environ.get("REQUEST_METHOD") not in MUTATING:
                return app(environ, start_response)
            captured: list[Any] = []

            def capture(status: str, headers: list[Any], exc_info: Any = None) -> Any:
                captured[:] = [status, headers, exc_info]
                return lambda _data: None

            with self.lock:
                chunks = app(environ, capture)
                try:
                    body = b"".join(chunks)
                finally:
                    close = getattr(chunks, "close", None)
                    if close:
                        close()
                status = captured[0]
                if status[:1] == "2":
                    bucket = environ.get("PATH_INFO", "/").lstrip("/").split("/", 1)[0]
                    try:
                        self.sync(backend(), [bucket] if bucket else list(backend().buckets))
                    except OSError as exc:
                        status = "503 Service Unavailable"
                        body = (
                            b"<Error><Code>ServiceUnavailable</Code><Message>"
                            + f"local object store: {exc.strerror}".encode()
                            + b"</Message></Error>"
                        )
                        captured[1] = [("Content-Type", "application/xml")]
            headers = [(k, v) for k, v in captured[1] if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
            start_response(status, headers)
            return [body]

        return wrapped


class S3Server:
    """moto's S3 on 127.0.0.1 (a free port), written through to `directory`."""

    def __init__(self, directory: Path) -> None:
        self.disk = DiskObjects(directory)
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        from moto.core.models import DEFAULT_ACCOUNT_ID
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from moto.s3.models import s3_backends
        from werkzeug.serving import make_server

        app = DomainDispatcherApplication(create_backend_app)
        wrapped = self.disk.middleware(app, lambda: s3_backends[DEFAULT_ACCOUNT_ID]["global"])
        self._server = make_server(
            "127.0.0.1", 0, wrapped, threaded=True, request_handler=MotoRequestHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="s3", kwargs={"poll_interval": 0.2}, daemon=True
        )
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
