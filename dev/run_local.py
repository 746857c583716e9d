"""`make run`: the whole service on this machine, in one process.

moto's threaded server (bound to 127.0.0.1, a free port) plays DynamoDB and S3; the table and
bucket are created if absent and the last snapshot is loaded; `chalice local` serves the API
on 127.0.0.1:$PORT (default 8000) with the HS256 staff authorizer; state is saved under
.local/ every 10 seconds while it changes and on SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

from dev import local_table, sign_in, static_site
from dev.localenv import REGION, ROOT, local_secrets, state_dir


def configure_environment(endpoint: str, directory: Path) -> None:
    secrets = local_secrets(directory)
    os.environ.update(
        {
            "APP_ENV": "local",
            "AWS_ENDPOINT_URL": endpoint,
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


def ensure_storage(ddb: Any, s3: Any) -> None:
    from chalicelib.adapters.schema import TTL_ATTRIBUTE, table_definition

    table = os.environ["TABLE_NAME"]
    if table not in ddb.list_tables()["TableNames"]:
        ddb.create_table(**table_definition(table))
        ddb.update_time_to_live(
            TableName=table,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
        )
    bucket = os.environ["BUCKET_NAME"]
    if bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})


def make_handler_class() -> type:
    """chalice local's handler, answering the gateway's own errors as problem+json, the way
    the template's gateway responses do in AWS."""
    from chalice.local import (
        ChaliceRequestHandler,
        ForbiddenError,
        LocalGatewayException,
        NotAuthorizedError,
    )

    from chalicelib.api.problems import (
        PROBLEM_CONTENT_TYPE,
        choose_language,
        problem_body,
        problem_json,
    )

    class ProblemRequestHandler(ChaliceRequestHandler):
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
                super()._generic_handle()
            except LocalGatewayException:
                raise
            except Exception:
                doc = problem_body("internal_error", self._lang(), request_id="local")
                self._send_http_response(
                    500, {"Content-Type": PROBLEM_CONTENT_TYPE}, problem_json(doc)
                )

        do_PUT = do_POST = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle
        do_GET = do_HEAD = static_site.static_first(_generic_handle)  # web/dist beside the API

        def log_message(self, format: str, *args: Any) -> None:
            # The request line only, its query values blanked: never headers (tokens), bodies
            # or query values (an attachment's `reason` may name a citizen).
            from chalicelib.observability import redact_query

            sys.stderr.write(f"{self.address_string()} {redact_query(format % args)}\n")

    return ProblemRequestHandler


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
    return LocalDevServer(app_obj, config, host, port, handler_cls=make_handler_class())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)

    import logging

    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request lines

    directory = state_dir()
    hold = local_table.claim(directory, wait_seconds=30)  # make user/token may hold it briefly
    if hold is None:
        print(f"another process is using {directory} (make run?)", file=sys.stderr)
        return 2
    storage = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    storage.start()
    _, storage_port = storage.get_host_and_port()
    endpoint = f"http://127.0.0.1:{storage_port}"
    configure_environment(endpoint, directory)

    ddb = boto3.client("dynamodb", region_name=REGION, endpoint_url=endpoint)
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
    ensure_storage(ddb, s3)
    local_table.announce(directory, endpoint, os.environ["TABLE_NAME"])

    from dev.snapshot import Snapshotter

    snapshots = Snapshotter(directory, ddb, s3)
    items, objects = snapshots.load()

    try:
        server = build_server(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc} (set PORT=...)", file=sys.stderr)
        storage.stop()
        return 2

    stop = threading.Event()
    lock = threading.Lock()

    def save(reason: str) -> None:
        with lock:
            try:
                if snapshots.save():
                    print(f"[local] state saved ({reason})", file=sys.stderr)
            except Exception as exc:
                print(f"[local] snapshot failed: {exc!r}", file=sys.stderr)

    def saver() -> None:
        every = float(os.environ.get("LOCAL_SNAPSHOT_INTERVAL_S", "10"))
        while not stop.wait(every):
            save("periodic")

    threading.Thread(target=saver, name="snapshot", daemon=True).start()

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
                print(f"[local] sweep failed: {exc!r}", file=sys.stderr)

    threading.Thread(target=sweeper, name="sla-sweep", daemon=True).start()

    def request_stop(signum: int, _frame: Any) -> None:
        if not stop.is_set():
            stop.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    url = f"http://{args.host}:{args.port}"
    print(
        json.dumps(
            {
                "api": url,
                "storage": endpoint,
                "state_dir": str(directory),
                "restored": {"items": items, "objects": objects},
            }
        ),
        file=sys.stderr,
    )
    print(f"Layanan Kesra listening on {url}  (GET {url}/health, {url}/openapi.json)")
    print(
        "Staff token: make token ROLE=front_desk  (roles: front_desk, complaint_officer, "
        "complaint_team, supervisor, admin)"
    )
    sys.stdout.flush()
    try:
        server.server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        save("shutdown")
        local_table.withdraw(directory)
        server.server.server_close()
        storage.stop()
        print("[local] stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
