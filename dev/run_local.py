"""`make run`: the whole service on this machine.

Amazon's DynamoDB Local (a child JVM, bound to 127.0.0.1 on a free port) holds the table in
a SQLite file under .local/ (LOCAL_STATE_DIR): every write the API acknowledged is on disk
when it answers. moto's S3 (in this process, 127.0.0.1, a free port) plays the upload bucket,
each upload written through to .local/s3/ before it is acknowledged. The table and bucket are
created if absent; a snapshot of an earlier version is imported once. `chalice local` serves
the API on 127.0.0.1:$PORT (default 8000) with the HS256 staff authorizer, and a timer runs
the SLA sweep. Ctrl-C or SIGTERM stops every process of the stack.

Local-only routes (a sign-in page, static web files) plug in through LOCAL_ROUTES.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dev import local_table, sign_in, static_site
from dev.localenv import REGION, ROOT, StateError, local_secrets, state_dir

# Local-only request hooks, tried in order before the API: each gets chalice local's request
# handler (a BaseHTTPRequestHandler) and returns True when it answered the request itself.
LOCAL_ROUTES: list[Callable[[Any], bool]] = [static_site.serve]  # web/dist beside the API


def configure_environment(dynamodb_endpoint: str, s3_endpoint: str, directory: Path) -> None:
    """The app's settings for the local stack: each service's endpoint, fake credentials,
    the per-checkout secrets."""
    secrets = local_secrets(directory)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(
        {
            "APP_ENV": "local",
            "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_endpoint,
            "AWS_ENDPOINT_URL_S3": s3_endpoint,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "LOCAL_JWT_SECRET": secrets["LOCAL_JWT_SECRET"],
            "CURSOR_SECRET": secrets["CURSOR_SECRET"],
            "TOKEN_SECRET": secrets["TOKEN_SECRET"],
            "POWERTOOLS_METRICS_DISABLED": os.environ.get("POWERTOOLS_METRICS_DISABLED", "true"),
        }
    )
    os.environ.setdefault("TABLE_NAME", "layanan-kesra")
    os.environ.setdefault("BUCKET_NAME", "layanan-kesra-uploads")
    for name in ("WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_ACCESS_TOKEN"):
        os.environ.setdefault(name, secrets[name])  # the environment's own win
    os.environ.setdefault("WHATSAPP_PHONE_NUMBER_ID", "100000000000001")


def start_whatsapp_recorder(directory: Path) -> Any:
    """The local Graph API (dev/graph_standin.py) that records every WhatsApp message the
    stack sends, unless WHATSAPP_API_BASE points elsewhere (a test's own stand-in): nothing
    goes to Meta under `make run`. Its address is kept in <state>/whatsapp.json for
    `make whatsapp-info` and dev/whatsapp_inbound. Returns the recorder, or None."""
    from dev.graph_standin import GraphStandIn

    recorder = None
    if not os.environ.get("WHATSAPP_API_BASE"):
        recorder = GraphStandIn(os.environ["WHATSAPP_ACCESS_TOKEN"])
        os.environ["WHATSAPP_API_BASE"] = recorder.start()
    (directory / "whatsapp.json").write_text(
        json.dumps({"whatsapp_api_base": os.environ["WHATSAPP_API_BASE"]})
    )
    return recorder


def ensure_table(ddb: Any, table: str) -> None:
    """Create the table with the template's definition (schema.py), TTL on."""
    from chalicelib.adapters.schema import TTL_ATTRIBUTE, table_definition

    ddb.create_table(**table_definition(table))
    ddb.update_time_to_live(
        TableName=table,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
    )


def ensure_storage(ddb: Any, s3: Any, create_table: bool = True) -> None:
    """The table (the template's definition, TTL on) and the bucket, each if absent."""
    table = os.environ["TABLE_NAME"]
    if create_table and table not in ddb.list_tables()["TableNames"]:
        ensure_table(ddb, table)
    bucket = os.environ["BUCKET_NAME"]
    if bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})


def make_handler_class() -> type:
    """chalice local's handler, answering the gateway's own errors as problem+json, the way
    the template's gateway responses do in AWS."""
    from http.server import BaseHTTPRequestHandler

    from chalice.local import (
        ChaliceRequestHandler,
        ForbiddenError,
        LocalGateway,
        LocalGatewayException,
        NotAuthorizedError,
    )

    from chalicelib.api.problems import (
        PROBLEM_CONTENT_TYPE,
        choose_language,
        problem_body,
        problem_json,
    )

    class AppGateway(LocalGateway):
        """OPTIONS goes to the app like any method (it answers the CORS preflight of public
        paths and 405 elsewhere), instead of chalice local's own CORS imitation."""

        def _has_user_defined_options_method(self, lambda_event: Any) -> bool:
            return True

    class ProblemRequestHandler(ChaliceRequestHandler):
        """Every method reaches the app (TRACE, CONNECT, QUERY, ...: 405 with Allow there,
        not http.server's 501 HTML), and the gateway's own errors are problem+json."""

        def __init__(
            self, request: Any, client_address: Any, server: Any, app_object: Any, config: Any
        ) -> None:
            self.local_gateway = AppGateway(app_object, config)
            BaseHTTPRequestHandler.__init__(self, request, client_address, server)

        def __getattr__(self, name: str) -> Any:
            # http.server looks up do_<METHOD>; a method it does not know is the app's to refuse.
            if name.startswith("do_") and name[3:].isalpha() and name[3:].isupper():
                return self._generic_handle
            raise AttributeError(name)

        def _send_http_response(self, code: int, headers: Any, body: Any) -> None:
            if self.command == "HEAD":  # RFC 9110 section 9.3.2: headers only
                body = b""
            super()._send_http_response(code, headers, body)

        def _lang(self) -> str:
            return choose_language(self.headers.get("accept-language"))

        def _send_error_response(self, error: LocalGatewayException) -> None:
            headers = dict(error.headers)
            request_id = headers.pop("x-amzn-RequestId", None) or str(uuid.uuid4())
            headers.pop("x-amzn-ErrorType", None)
            if headers.get("Content-Type") == PROBLEM_CONTENT_TYPE:
                body = error.body
            else:
                if isinstance(error, NotAuthorizedError):
                    code = "unauthenticated"
                elif isinstance(error, ForbiddenError) and b"Missing Authentication" in (
                    error.body or b""
                ):
                    code = "not_found"  # API Gateway's answer for an unknown path
                elif isinstance(error, ForbiddenError):
                    code = "forbidden"
                else:
                    code = "internal_error"
                doc = problem_body(code, self._lang(), request_id=request_id)
                body = problem_json(doc).encode()
                headers["Content-Type"] = PROBLEM_CONTENT_TYPE
                error = type(error)(headers, body)
                error.CODE = doc["status"]
            headers["X-Request-Id"] = request_id
            self._send_http_response(error.CODE, headers, body)

        def _generic_handle(self) -> None:
            try:
                for route in LOCAL_ROUTES:
                    if route(self):
                        return
                super()._generic_handle()
            except LocalGatewayException:
                raise
            except Exception:
                doc = problem_body("internal_error", self._lang(), request_id="local")
                self._send_http_response(
                    500, {"Content-Type": PROBLEM_CONTENT_TYPE}, problem_json(doc)
                )

        do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

        def log_message(self, format: str, *args: Any) -> None:
            # The request line only, its query values blanked: never headers (tokens), bodies
            # or query values (an attachment's `reason` may name a citizen).
            from chalicelib.observability import redact_query

            sys.stderr.write(f"{self.address_string()} {redact_query(format % args)}\n")

    return ProblemRequestHandler


# Pending connections the kernel queues before the server accepts them (socketserver's default
# is 5: a browser opening 6 connections at once, or a burst of 16, had SYNs dropped and retried
# after a second). Linux caps it at net.core.somaxconn.
LISTEN_BACKLOG = 128


def make_server_class() -> type:
    """chalice local's threaded HTTP server with a deep listen backlog (LISTEN_BACKLOG) and
    TCP_NODELAY on every accepted connection: http.server writes a response's headers and its
    body in two send() calls, and with Nagle's algorithm on the body waited for the client's
    delayed ACK of the headers (about 40 ms per response on a kept-alive connection)."""
    import socket

    from chalice.local import ThreadedHTTPServer

    class LocalServer(ThreadedHTTPServer):
        request_queue_size = LISTEN_BACKLOG

        def get_request(self) -> tuple[socket.socket, Any]:
            conn, address = super().get_request()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return conn, address

    return LocalServer


def build_server(host: str, port: int) -> Any:
    from chalice.cli.factory import CLIFactory
    from chalice.local import CustomLocalChalice, LocalChalice, LocalDevServer

    factory = CLIFactory(str(ROOT), environ=dict(os.environ))
    config = factory.create_config_obj(chalice_stage_name="local")
    app_obj = factory.load_chalice_app()
    sign_in.register(app_obj)  # POST /v1/local/sign-in: the local runner's only, never deployed
    # As chalice.local.create_local_server does: per-thread current_request.
    CustomLocalChalice.__bases__ = (LocalChalice, app_obj.__class__)
    app_obj.__class__ = CustomLocalChalice
    return LocalDevServer(
        app_obj,
        config,
        host,
        port,
        handler_cls=make_handler_class(),
        server_cls=make_server_class(),
    )


@dataclass
class Storage:
    """The running storage of the stack: DynamoDB Local and the S3 server."""

    directory: Path
    dynamodb: Any = None
    s3: Any = None
    restored_objects: int = 0
    imported: tuple[int, int] | None = None
    pids: list[int] = field(default_factory=list)

    def stop(self) -> None:
        if self.s3 is not None:
            self.s3.stop()
            self.s3 = None
        if self.dynamodb is not None:
            self.dynamodb.stop()
            self.dynamodb = None


def start_storage(directory: Path, storage: Storage) -> None:
    """Check the state, start DynamoDB Local and S3 on it, create what is absent, put the
    uploads back and import an old snapshot. StateError / StorageStartError / ObjectStateError
    (one line each) when it cannot; what was started is in `storage` for stop()."""
    import boto3
    from botocore.config import Config

    from dev import state
    from dev.dynamodb_local import DynamoDBLocal, wait_for_commits
    from dev.objects import S3Server

    # Every check before anything starts: a bad file stops the start at once.
    marker = state.read_marker(directory)
    state.check_marker(directory, marker)
    state.check_database(directory, marker)
    local_secrets(directory)
    objects = S3Server(directory / state.OBJECTS_DIR).disk.read_all(with_bodies=False)
    old_snapshot = state.read_old_snapshot(directory)

    storage.dynamodb = DynamoDBLocal(
        directory / state.DYNAMODB_DIR,
        log=lambda line: print(f"[dynamodb] {line}", file=sys.stderr),
    )
    ddb_endpoint = storage.dynamodb.start()
    storage.pids.append(storage.dynamodb.pid)
    wait_for_commits(ddb_endpoint)  # before the app builds its clients
    storage.s3 = S3Server(directory / state.OBJECTS_DIR)
    s3_endpoint = storage.s3.start()
    configure_environment(ddb_endpoint, s3_endpoint, directory)

    config = Config(retries={"max_attempts": 3, "mode": "standard"})
    ddb = boto3.client("dynamodb", region_name=REGION, endpoint_url=ddb_endpoint, config=config)
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=s3_endpoint, config=config)
    table = os.environ["TABLE_NAME"]
    create = state.check_table(directory, marker, ddb, table)
    if not create:  # uploads the table records must have their files under s3/
        state.check_uploads(directory, ddb, table, os.environ["BUCKET_NAME"], objects)
    ensure_storage(ddb, s3, create_table=create)
    if marker is None:
        state.write_marker(directory, table)
    storage.restored_objects = storage.s3.disk.restore(s3, objects)
    if old_snapshot is not None:
        storage.imported = state.import_old_snapshot(directory, old_snapshot, ddb, s3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)

    import logging

    from dev.dynamodb_local import StorageStartError
    from dev.objects import ObjectStateError

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request lines

    stop = threading.Event()
    server: Any = None

    def request_stop(signum: int, _frame: Any) -> None:
        if stop.is_set():
            return
        stop.set()
        if server is not None:
            threading.Thread(target=server.shutdown, daemon=True).start()
        else:
            raise KeyboardInterrupt  # still starting: unwind, stopping what started

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    try:
        directory = state_dir()
        hold = local_table.claim(directory, wait_seconds=30)  # make user/token may hold it briefly
    except StateError as exc:
        print(f"make run: {exc}", file=sys.stderr)
        return 2
    if hold is None:
        print(f"make run: another process is using {directory} (make run?)", file=sys.stderr)
        return 2
    storage = Storage(directory)
    recorder: Any = None
    try:
        start_storage(directory, storage)
        local_table.announce(
            directory, os.environ["AWS_ENDPOINT_URL_DYNAMODB"], os.environ["TABLE_NAME"]
        )
        recorder = start_whatsapp_recorder(directory)
        server = build_server(args.host, args.port)
    except (StateError, StorageStartError, ObjectStateError) as exc:
        storage.stop()
        print(f"make run: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        storage.stop()
        print(
            f"make run: cannot listen on {args.host}:{args.port}: {exc.strerror} (set PORT=...)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        storage.stop()
        print("[local] stopped", file=sys.stderr)
        return 130
    except BaseException:
        storage.stop()
        raise

    def sweeper() -> None:
        """`chalice local` never fires schedules: the local stack runs the sweep itself."""
        from datetime import UTC, datetime

        from chalicelib.jobs.sweep import run_sweep

        every = float(os.environ.get("LOCAL_SWEEP_INTERVAL_S", "60"))
        if every <= 0:
            return
        while not stop.wait(every):
            try:
                run_sweep(datetime.now(UTC).replace(microsecond=0))
            except Exception as exc:
                print(f"[local] sweep failed: {type(exc).__name__}", file=sys.stderr)

    threading.Thread(target=sweeper, name="sla-sweep", daemon=True).start()

    url = f"http://{args.host}:{args.port}"
    print(
        json.dumps(
            {
                "api": url,
                "dynamodb": os.environ["AWS_ENDPOINT_URL_DYNAMODB"],
                "s3": os.environ["AWS_ENDPOINT_URL_S3"],
                "state_dir": str(directory),
                "pids": [os.getpid(), *storage.pids],
                "objects": storage.restored_objects,
                "imported_snapshot": (
                    {"items": storage.imported[0], "objects": storage.imported[1]}
                    if storage.imported
                    else None
                ),
            }
        ),
        file=sys.stderr,
    )
    print(f"Layanan Kesra listening on {url}  (GET {url}/health, {url}/openapi.json)")
    print(
        f"WhatsApp webhook: {url}/v1/channels/whatsapp/webhook  (make whatsapp-info; "
        f"sent messages: {os.environ['WHATSAPP_API_BASE']}/recorded"
        + ("" if recorder is not None else ", not the stack's recorder")
        + ")"
    )
    print(
        "Staff token: make token ROLE=front_desk  (roles: front_desk, complaint_officer, "
        "complaint_team, supervisor, admin)"
    )
    sys.stdout.flush()
    try:
        if not stop.is_set():
            server.server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        local_table.withdraw(directory)
        server.server.server_close()
        if recorder is not None:
            recorder.stop()
        storage.stop()
        print("[local] stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
