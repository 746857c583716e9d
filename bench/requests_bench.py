"""`make bench`, part two: AWS round trips per request on the main routes (moto, in-process).

Counts every DynamoDB and S3 call one HTTP request makes, so a change that adds a read to a
hot path shows up here as a number, not as a slow page later.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import Any

import bench.sweep_bench  # noqa: F401 - sets the same local environment

os.environ.setdefault("BUCKET_NAME", "kesra-bench-uploads")
# 400 wrong tokens on one code are the point of the timing below: lift the per-code limit.
os.environ["TRACK_MAX_FAILURES"] = "1000"

NO_EVIDENCE = "POST /v1/complaints (no evidence, no key)"
ONE_EVIDENCE = "POST /v1/complaints (1 evidence file)"
QUEUE = "GET /v1/admin/complaints (queue)"
FILTERED = "GET …/complaints?class= (1 of 100 matches)"
# DynamoDB calls per request, the goals of issue 10 (point 11). Measured in a warm process:
# the calendar's overrides are cached for CALENDAR_CACHE_SECONDS, so a cold process adds one
# GetItem to its first submission.
# A filtered queue reads on until its page is full (adapters/queue.py): windows of 20, 40
# and 80 items cover a queue of 100, so three Queries (issue 17, point 7).
GOALS = {NO_EVIDENCE: 1, ONE_EVIDENCE: 2, QUEUE: 1, FILTERED: 3}
TIMING_RUNS = 200


class Calls:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, model: Any, **_: Any) -> None:
        self.counts[f"{model.service_model.service_name}:{model.name}"] += 1


def main() -> int:  # noqa: PLR0915 - one scripted walk through the routes, read top to bottom
    import boto3
    import requests
    from chalice.test import Client
    from moto import mock_aws

    from chalicelib import bootstrap
    from chalicelib.adapters.schema import table_definition
    from dev.localenv import mint_token
    from tests.files import PDF

    secret = os.environ["LOCAL_JWT_SECRET"]
    officer = {
        "Authorization": "Bearer " + mint_token(secret, "complaint_officer"),
        "Content-Type": "application/json",
    }
    public = {"Content-Type": "application/json"}
    rows: list[tuple[str, Counter[str]]] = []
    with mock_aws():
        boto3.client("dynamodb").create_table(**table_definition(os.environ["TABLE_NAME"]))
        boto3.client("s3").create_bucket(
            Bucket=os.environ["BUCKET_NAME"],
            CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"},
        )
        bootstrap.reset()
        from app import app

        calls = Calls()
        bootstrap.dynamo().client.meta.events.register("before-call", calls)
        bootstrap.upload_service()._files._client.meta.events.register("before-call", calls)  # type: ignore[attr-defined]

        with Client(app, stage_name="local") as client:

            def measure(
                label: str,
                method: str,
                path: str,
                body: Any = None,
                headers: dict[str, str] | None = None,
            ) -> Any:
                calls.counts.clear()
                res = getattr(client.http, method)(
                    path,
                    body=json.dumps(body) if body is not None else None,
                    headers=headers or public,
                )
                assert res.status_code < 300, (label, res.status_code, res.body[:300])
                rows.append((label, Counter(calls.counts)))
                return res.json_body

            complaint = {
                "subject": "Pelayanan lambat",
                "description": "Belum dijawab sejak lama.",
                "privacy": "anonymous",
            }
            client.http.post("/v1/complaints", body=json.dumps(complaint), headers=public)
            measure(NO_EVIDENCE, "post", "/v1/complaints", complaint)
            ticket = measure(
                "POST /v1/uploads",
                "post",
                "/v1/uploads",
                {
                    "purpose": "evidence",
                    "content_type": "application/pdf",
                    "size_bytes": len(PDF),
                    "filename": "a.pdf",
                },
            )
            requests.post(
                ticket["url"], data=ticket["fields"], files={"file": ("a.pdf", PDF)}, timeout=10
            )
            sub = measure(
                ONE_EVIDENCE,
                "post",
                "/v1/complaints",
                {
                    **complaint,
                    "evidence_upload_ids": [f"{ticket['upload_id']}.{ticket['upload_secret']}"],
                },
            )
            code, token = sub["tracking_code"], sub["access_token"]
            measure(
                "GET /v1/track/{code}",
                "get",
                f"/v1/track/{code}",
                headers={"X-Access-Token": token},
            )
            measure(QUEUE, "get", "/v1/admin/complaints", headers=officer)
            measure(
                "GET /v1/admin/complaints/{code}",
                "get",
                f"/v1/admin/complaints/{code}",
                headers=officer,
            )
            measure(
                "POST …/classify",
                "post",
                f"/v1/admin/complaints/{code}/classify",
                {"class": "normatif"},
                officer,
            )
            for _ in range(97):  # with the 3 above: 100 open complaints, 1 of them normatif
                client.http.post("/v1/complaints", body=json.dumps(complaint), headers=public)
            page = measure(FILTERED, "get", "/v1/admin/complaints?class=normatif", headers=officer)
            assert [i["code"] for i in page["items"]] == [code] and not page["next_cursor"], page
            from dev.staff_accounts import ensure_member

            ensure_member(
                boto3.client("dynamodb"), os.environ["TABLE_NAME"], "tim-1", "complaint_team"
            )
            measure(
                "POST …/assign",
                "post",
                f"/v1/admin/complaints/{code}/assign",
                {"assignee": "tim-1"},
                officer,
            )
            measure(
                "POST …/answer",
                "post",
                f"/v1/admin/complaints/{code}/answer",
                {"answer": "Sudah", "channel": "web"},
                officer,
            )
            measure(
                "GET /v1/track/{code} (answered)",
                "get",
                f"/v1/track/{code}",
                headers={"X-Access-Token": token},
            )
            measure(
                "POST /v1/track/{code}/survey",
                "post",
                f"/v1/track/{code}/survey",
                {"answers": {f"U{i}": 3 for i in range(1, 10)}},
                {**public, "X-Access-Token": token},
            )
            measure(
                "GET /v1/admin/reports/skm (12 months)",
                "get",
                "/v1/admin/reports/skm?from=2026-01&to=2026-12",
                headers=officer,
            )
            timings = time_tracking(client, code)
    print(f"{'request (warm process)':<42} {'DynamoDB':>9} {'goal':>5} {'S3':>4}  calls")
    for label, counts in rows:
        ddb = sum(v for k, v in counts.items() if k.startswith("dynamodb:"))
        s3 = sum(v for k, v in counts.items() if k.startswith("s3:"))
        detail = ", ".join(f"{k.split(':')[1]}×{v}" for k, v in sorted(counts.items()))
        goal = GOALS.get(label)
        mark = "" if goal is None else f"<={goal}"
        verdict = "" if goal is None else ("  ok" if ddb <= goal else "  OVER")
        print(f"{label:<42} {ddb:>9} {mark:>5} {s3:>4}  {detail}{verdict}")
    wrong, unknown = timings
    print(
        f"\nTracking, {TIMING_RUNS} tries each (medians, in-process moto): existing code with a "
        f"wrong token {wrong:.2f} ms, unknown code {unknown:.2f} ms; "
        f"ratio {wrong / unknown:.2f} (goal: the same work, about 1.0)"
    )
    return 0


def time_tracking(client: Any, code: str) -> tuple[float, float]:
    """Median milliseconds of GET /v1/track/{code} with a wrong token, and of an unknown code,
    alternated so that both see the same machine."""
    import statistics
    import time

    unknown = code[:-6] + ("ZZZZZZ" if not code.endswith("ZZZZZZ") else "YYYYYY")
    samples: dict[str, list[float]] = {"wrong": [], "unknown": []}
    headers = {"X-Access-Token": "bukan-token-yang-benar"}
    for _ in range(TIMING_RUNS):
        for name, target in (("wrong", code), ("unknown", unknown)):
            start = time.perf_counter()
            res = client.http.get(f"/v1/track/{target}", headers=headers)
            samples[name].append((time.perf_counter() - start) * 1000)
            assert res.status_code == 404, res.status_code
    return statistics.median(samples["wrong"]), statistics.median(samples["unknown"])


if __name__ == "__main__":
    sys.exit(main())
