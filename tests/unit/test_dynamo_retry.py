"""Dynamo.transact: a transaction cancelled only by a conflicting one (it wrote nothing) is
tried again; a failed condition is never retried and raises its own error."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.domain.errors import StorageUnavailable, VersionConflict

PARTS: list[Any] = [
    {
        "Update": {
            "TableName": "t",
            "Key": {"PK": {"S": "A"}, "SK": {"S": "B"}},
            "UpdateExpression": "ADD n :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }
]


def _cancelled(*reasons: str) -> dict[str, Any]:
    return {
        "service_error_code": "TransactionCanceledException",
        "service_message": "Transaction cancelled",
        "http_status_code": 400,
        "response_meta": {},
        "service_error_meta": {},
    } | {"modeled_fields": {"CancellationReasons": [{"Code": r} for r in reasons]}}


def _db() -> tuple[Dynamo, Stubber]:
    client = boto3.client("dynamodb", region_name="ap-southeast-3")
    return Dynamo(client, "t"), Stubber(client)


def test_a_conflict_is_retried_until_it_lands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("chalicelib.adapters.dynamo.time.sleep", lambda s: None)
    db, stub = _db()
    stub.add_client_error("transact_write_items", **_cancelled("TransactionConflict"))
    stub.add_client_error("transact_write_items", **_cancelled("None", "TransactionConflict"))
    stub.add_response("transact_write_items", {})
    with stub:
        db.transact(PARTS, [None])
    stub.assert_no_pending_responses()


def test_a_failed_condition_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("chalicelib.adapters.dynamo.time.sleep", lambda s: None)
    db, stub = _db()
    stub.add_client_error(
        "transact_write_items", **_cancelled("ConditionalCheckFailed", "TransactionConflict")
    )
    with stub, pytest.raises(VersionConflict):
        db.transact(PARTS, [VersionConflict()])


def test_conflicts_give_up_after_a_few_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("chalicelib.adapters.dynamo.time.sleep", lambda s: None)
    db, stub = _db()
    for _ in range(Dynamo.CONFLICT_ATTEMPTS):
        stub.add_client_error("transact_write_items", **_cancelled("TransactionConflict"))
    with stub, pytest.raises(StorageUnavailable):
        db.transact(PARTS, [None])
    stub.assert_no_pending_responses()
