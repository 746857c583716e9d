"""`make run`: the whole service on this machine.

Amazon's DynamoDB Local (a child JVM, bound to 127.0.0.1 on a free port) holds the table in
a SQLite file under .local/ (LOCAL_STATE_DIR): every write the API acknowledged is on disk
when it answers. moto's S3 (in this process, 127.0.0.1, a free port) plays the upload bucket,
each upload written through to .local/s3/ before it is acknowledged. The table and bucket are
created if absent. `chalice local` serves
the API on 127.0.0.1:$PORT (default 8000) with the HS256 staff authorizer, and a timer runs
the SLA sweep. Ctrl-C or SIGTERM stops every process of the stack.

The storage is dev/storage.py's, the HTTP server dev/chalice_local.py's (with its local-only
routes, LOCAL_ROUTES); the sign-in route is dev/sign_in.py's.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from dev import local_table, sign_in
from dev.chalice_local import build_server
from dev.localenv import StateError, state_dir
from dev.storage import Storage, start_storage


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
    mailbox: Any = None
    # the letters' QR code opens this stack's portal (/verifikasi#<id>)
    os.environ.setdefault("PORTAL_BASE_URL", f"http://127.0.0.1:{args.port}")
    try:
        start_storage(directory, storage)
        local_table.announce(
            directory, os.environ["AWS_ENDPOINT_URL_DYNAMODB"], os.environ["TABLE_NAME"]
        )
        recorder = start_whatsapp_recorder(directory)
        # POST /v1/local/sign-in: the local runner's only, never deployed
        server = build_server(args.host, args.port, [sign_in.register])
        from dev import smtp_listener

        smtp_port = int(os.environ.get("LOCAL_SMTP_PORT", str(smtp_listener.DEFAULT_PORT)))
        mailbox = smtp_listener.start_or_none(args.host, smtp_port)
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
    # the tools (make whatsapp-info, dev.whatsapp_inbound) find the API here, whatever PORT
    local_table.announce(
        directory, os.environ["AWS_ENDPOINT_URL_DYNAMODB"], os.environ["TABLE_NAME"], api=url
    )
    print(
        json.dumps(
            {
                "api": url,
                "dynamodb": os.environ["AWS_ENDPOINT_URL_DYNAMODB"],
                "s3": os.environ["AWS_ENDPOINT_URL_S3"],
                "state_dir": str(directory),
                "pids": [os.getpid(), *storage.pids],
                "objects": storage.restored_objects,
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
    if mailbox is not None:
        print(f"E-mail in: SMTP on {args.host}:{smtp_port} (LOCAL_SMTP_PORT) into the inbox")
    else:
        print(f"E-mail in: port {smtp_port} is taken, no SMTP listener (set LOCAL_SMTP_PORT)")
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
        if mailbox is not None:
            mailbox.stop()
        storage.stop()
        print("[local] stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
