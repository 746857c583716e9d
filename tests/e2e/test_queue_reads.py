"""The complaint queue page is one Query (issue 10, point 11): open states share a partition
ordered by deadline; a state asked for is a filter on it, a closed state its own partition."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from chalice.test import Client

from chalicelib import bootstrap
from tests.e2e.test_complaints import Auth, handle, intake, post, staff


def _queries(client: Client, path: str, headers: dict[str, str]) -> tuple[Any, int]:
    seen: list[str] = []

    def record(model: Any, **_: Any) -> None:
        seen.append(model.name)

    events = bootstrap.dynamo().client.meta.events
    events.register("before-call.dynamodb", record)
    try:
        res = client.http.get(path, headers=headers)
    finally:
        events.unregister("before-call.dynamodb", record)
    assert res.status_code == 200, res.json_body
    return res.json_body, seen.count("Query")


def test_the_queue_page_is_one_query_in_deadline_order(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    now = datetime.now(UTC)
    # GIVEN complaints in three open states and one answered
    received = intake(client, auth, now - timedelta(hours=1))["code"]
    classified = intake(client, auth, now - timedelta(hours=2))["code"]
    post(client, f"/v1/admin/complaints/{classified}/classify", {"class": "normatif"}, officer)
    working = intake(client, auth, now - timedelta(hours=3))["code"]
    handle(client, working, officer)
    answered = intake(client, auth, now - timedelta(hours=4))["code"]
    handle(client, answered, officer)
    res = post(
        client,
        f"/v1/admin/complaints/{answered}/answer",
        {"answer": "Sudah ditangani", "channel": "web"},
        officer,
    )
    assert res.status_code == 200
    client.http.get("/v1/admin/complaints", headers=officer)  # warm the calendar cache
    # WHEN the default queue is read THEN one Query gives every open one, most urgent first
    page, queries = _queries(client, "/v1/admin/complaints", officer)
    assert queries == 1
    codes = [i["code"] for i in page["items"]]
    assert set(codes) == {received, classified, working}
    assert [i["due_at"] for i in page["items"]] == sorted(i["due_at"] for i in page["items"])
    # a state of the open partition: one Query with a filter on the state
    page, queries = _queries(client, "/v1/admin/complaints?status=classified", officer)
    assert queries == 1 and [i["code"] for i in page["items"]] == [classified]
    # a closed state: its own partition, one Query
    page, queries = _queries(client, "/v1/admin/complaints?status=answered", officer)
    assert queries == 1 and [i["code"] for i in page["items"]] == [answered]


def test_open_queue_pages_follow_the_deadline_across_cursors(client: Client, auth: Auth) -> None:
    officer = staff(auth, "complaint_officer")
    now = datetime.now(UTC)
    made = [intake(client, auth, now - timedelta(minutes=10 * i))["code"] for i in range(5)]
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        path = "/v1/admin/complaints?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.http.get(path, headers=officer).json_body
        seen += [i["code"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
