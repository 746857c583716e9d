"""`make bench`, the WhatsApp webhook (issue 19 point 6, Done when):

1. DynamoDB calls per inbound message, counted in-process on moto: a text from a new number
   (a new conversation: goal at most 2, the address's Query and one transaction), a later
   message on the open conversation, and Meta's redelivery of a message already stored.
2. The webhook's median answer time under `make run` (a fresh stack over loopback, signed
   deliveries of one text message each from new numbers): goal at most 50 ms.

A benchmark, not a test: no timed assertion; it exits non-zero only when a request fails.

    python -m bench.webhook_bench [--requests 200]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import bench.sweep_bench  # noqa: F401 - sets the same local environment

CALLS_GOAL = 2
MEDIAN_GOAL_MS = 50.0
SECRET = "bench-whatsapp-app-secret-0123456789abcdef"  # noqa: S105 - the bench's own
os.environ.setdefault("BUCKET_NAME", "kesra-bench-uploads")


def count_calls() -> list[tuple[str, int]]:
    import boto3
    from chalice.test import Client
    from moto import mock_aws

    from chalicelib import bootstrap
    from chalicelib.adapters.schema import table_definition
    from chalicelib.config import get_settings
    from dev.whatsapp_inbound import delivery, signed, text_message

    os.environ["WHATSAPP_APP_SECRET"] = SECRET
    get_settings.cache_clear()
    rows: list[tuple[str, int]] = []
    with mock_aws():
        boto3.client("dynamodb").create_table(**table_definition(os.environ["TABLE_NAME"]))
        bootstrap.reset()
        from app import app

        counts: Counter[str] = Counter()
        bootstrap.dynamo().client.meta.events.register(
            "before-call", lambda model, **_: counts.update([model.name])
        )
        with Client(app, stage_name="local") as client:

            def post(label: str, payload: dict[str, Any]) -> None:
                body, headers = signed(SECRET, payload)
                counts.clear()
                res = client.http.post("/v1/channels/whatsapp/webhook", body=body, headers=headers)
                assert res.status_code == 200, res.body
                rows.append((label, sum(counts.values())))

            post("warm-up", delivery([text_message("6281200000000", "halo")]))
            first = delivery([text_message("6281211111111", "Jalan rusak di depan kantor")])
            post("new conversation (text)", first)
            post("later message, same number", delivery([text_message("6281211111111", "tolong")]))
            post("redelivery (already stored)", first)
    return rows[1:]


def webhook_median(requests: int) -> list[float]:
    from dev.stack import Stack
    from dev.whatsapp_inbound import delivery, signed, text_message

    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp) / "state", sweep_interval=0)
        stack.start()
        try:
            secrets = json.loads((stack.state / "secrets.json").read_text())
            secret = secrets["WHATSAPP_APP_SECRET"]
            conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
            took: list[float] = []
            for i in range(requests + 20):
                wa_id = f"62812{i:08d}"
                body, headers = signed(secret, delivery([text_message(wa_id, f"pesan {i}")]))
                t0 = time.perf_counter()
                conn.request("POST", "/v1/channels/whatsapp/webhook", body=body, headers=headers)
                res = conn.getresponse()
                res.read()
                if res.status != 200:
                    raise RuntimeError(f"webhook answered {res.status}")
                if i >= 20:  # the first ones warm imports, clients and caches
                    took.append((time.perf_counter() - t0) * 1000)
            return took
        finally:
            stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    print("WhatsApp webhook: DynamoDB calls per inbound message (moto, in-process)")
    for label, calls in count_calls():
        goal = f"  (goal <= {CALLS_GOAL})" if label.startswith("new conversation") else ""
        print(f"  {label:<32} {calls:>3}{goal}")
    took = webhook_median(args.requests)
    median = statistics.median(took)
    print(
        f"WhatsApp webhook under make run: median {median:.1f} ms over {len(took)} deliveries "
        f"(goal <= {MEDIAN_GOAL_MS:.0f} ms), p90 {statistics.quantiles(took, n=10)[8]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
