"""`make bench`: what one escalation sweep costs, on moto, printed as a table.

1. DynamoDB items read by one sweep with 100 items due among 1,000 open, and among 10,000
   open: the sweep reads a sparse index by due time, so the backlog must not matter
   (ratio <= 1.05).
2. Wall time per escalated item against a baseline: one bare TransactWriteItems of the same
   shape (item update, escalation record, audit line, outbox message), same moto, same run.

A benchmark, not a test: it prints ratios and exits non-zero only if the read ratio fails.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.update(
    {
        "APP_ENV": "local",
        "LOCAL_JWT_SECRET": "bench-secret-0123456789abcdef0123456789",
        "CURSOR_SECRET": "bench-cursor-0123456789abcdef0123456789",
        "TOKEN_SECRET": "bench-token-0123456789abcdef01234567890",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "AWS_REGION": "ap-southeast-3",
        "TABLE_NAME": "kesra-bench",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)

DUE = 100
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


class ReadCounter:
    def __init__(self) -> None:
        self.items = 0
        self.calls = 0

    def __call__(self, http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name in ("Query", "Scan"):
            self.items += int(parsed.get("ScannedCount", 0))
            self.calls += 1
        elif model.name == "GetItem":
            self.items += 1 if parsed.get("Item") else 0
            self.calls += 1


def seed(client: Any, table: str, open_items: int) -> None:
    from chalicelib.adapters.dynamo import to_item
    from chalicelib.adapters.tracked_repo import track_attributes
    from chalicelib.domain.sla import SlaPolicy, SlaTrack
    from tests.clock import calendar

    cal, policy = calendar(), SlaPolicy()
    overdue = SlaTrack.start(NOW - timedelta(days=3), "ringan", cal, policy)
    future = SlaTrack.start(NOW + timedelta(days=30), "normatif", cal, policy)
    batch: list[dict[str, Any]] = []
    for i in range(open_items):
        code = f"PGD-BENCH-{i:06d}"
        track = overdue if i < DUE else future
        check = track.next_check_at(cal, policy)
        values = {
            "PK": f"CMP#{code}",
            "SK": "ITEM",
            "entity": "complaint",
            "kind": "complaint",
            "code": code,
            "status": "received",
            "version": 1,
            "subject": "x" * 80,
            **track_attributes("complaint", code, "received", track, check, 4),
        }
        batch.append({"PutRequest": {"Item": to_item(values)}})
        if len(batch) == 25:
            client.batch_write_item(RequestItems={table: batch})
            batch = []
    if batch:
        client.batch_write_item(RequestItems={table: batch})


class _Ok:
    status_code = 200
    headers: dict[str, str] = {}  # noqa: RUF012


def skip_writes(**_: Any) -> tuple[Any, dict[str, Any]]:
    """Answer TransactWriteItems without sending it (botocore skips the call when a
    before-call handler returns a response). moto copies every table on each transaction,
    which makes 100 writes among 10,000 items take minutes; the reads stay real."""
    return _Ok(), {}


def one_round(open_items: int, real_writes: bool) -> dict[str, float]:
    import boto3
    from moto import mock_aws

    from chalicelib import bootstrap
    from chalicelib.adapters.schema import table_definition

    table = os.environ["TABLE_NAME"]
    with mock_aws():
        client = boto3.client("dynamodb")
        client.create_table(**table_definition(table))
        seed(client, table, open_items)
        bootstrap.reset()
        service = bootstrap.sweep_service()
        counter = ReadCounter()
        events = bootstrap.dynamo().client.meta.events
        events.register("after-call.dynamodb", counter)
        if not real_writes:
            events.register("before-call.dynamodb.TransactWriteItems", skip_writes)  # type: ignore[arg-type]
        started = time.perf_counter()
        result = service.run(NOW)
        sweep_s = time.perf_counter() - started
        assert result.fired == DUE and result.failed == 0, result
        if not real_writes:
            return {"open": open_items, "items_read": counter.items, "read_calls": counter.calls}

        # Baseline: bare TransactWriteItems of the same shape on the same moto.
        db = bootstrap.dynamo()
        started = time.perf_counter()
        for i in range(DUE):
            pk = {"S": f"BASE#{i}"}
            db.client.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": table,
                            "Key": {"PK": pk, "SK": {"S": "ITEM"}},
                            "UpdateExpression": "SET #v = :v",
                            "ExpressionAttributeNames": {"#v": "version"},
                            "ExpressionAttributeValues": {":v": {"N": "2"}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": table,
                            "Item": {"PK": pk, "SK": {"S": "ESC#x#warning"}},
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                    {
                        "Put": {
                            "TableName": table,
                            "Item": {"PK": pk, "SK": {"S": "AUDIT#x"}, "a": {"S": "b" * 200}},
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                    {
                        "Put": {
                            "TableName": table,
                            "Item": {
                                "PK": {"S": f"NOTIF#{i}"},
                                "SK": {"S": "NOTIF"},
                                "b": {"S": "c" * 300},
                            },
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                ]
            )
        base_s = time.perf_counter() - started
    return {
        "open": open_items,
        "items_read": counter.items,
        "read_calls": counter.calls,
        "per_item_ms": sweep_s / DUE * 1000,
        "baseline_ms": base_s / DUE * 1000,
    }


def main() -> int:
    small = one_round(1_000, real_writes=True)
    large = one_round(10_000, real_writes=False)
    ratio = large["items_read"] / small["items_read"]
    print("Sweep reads (DynamoDB items read by one sweep, 100 due):")
    print(f"{'open items':>12} {'items read':>11} {'read calls':>11}")
    for r in (small, large):
        print(f"{r['open']:>12,} {r['items_read']:>11,.0f} {r['read_calls']:>11,.0f}")
    print(
        f"ratio 10,000 open / 1,000 open: {ratio:.3f} (goal <= 1.05): "
        f"{'ok' if ratio <= 1.05 else 'FAILED'}"
    )
    print()
    print("Sweep writes (1,000 open, 100 escalated, same moto):")
    print(f"{'ms per escalated item':>22} {'ms per bare txn':>16} {'ratio':>7}")
    print(
        f"{small['per_item_ms']:>22.2f} {small['baseline_ms']:>16.2f} "
        f"{small['per_item_ms'] / small['baseline_ms']:>7.2f}"
    )
    return 0 if ratio <= 1.05 else 1


if __name__ == "__main__":
    sys.exit(main())
