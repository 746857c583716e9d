"""DynamoDB Local on disk keeps every write it acknowledged through a kill -9 of its JVM."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import boto3

from chalicelib.adapters.schema import table_definition
from dev.dynamodb_local import DynamoDBLocal, wait_for_commits

TABLE = "kesra-durability"


def _key(name: str) -> dict[str, Any]:
    return {"PK": {"S": name}, "SK": {"S": "X"}}


def _writes(ddb: Any, n: int) -> set[str]:
    """One write of every kind the adapters use, each acknowledged; returns the keys that
    must exist afterwards."""
    ddb.put_item(
        TableName=TABLE, Item=_key(f"put{n}"), ConditionExpression="attribute_not_exists(PK)"
    )
    ddb.update_item(
        TableName=TABLE,
        Key=_key(f"put{n}"),
        UpdateExpression="SET v = :v",
        ExpressionAttributeValues={":v": {"N": str(n)}},
    )
    ddb.batch_write_item(RequestItems={TABLE: [{"PutRequest": {"Item": _key(f"batch{n}")}}]})
    ddb.delete_item(TableName=TABLE, Key=_key(f"gone{n - 1}"))
    ddb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": _key(f"tx{n}")}},
            {"Put": {"TableName": TABLE, "Item": _key(f"gone{n}")}},
        ]
    )  # the last write before the kill: the one DynamoDB Local answers before its COMMIT
    return {f"put{n}", f"batch{n}", f"tx{n}", f"gone{n}"}


def test_every_acknowledged_write_survives_kill_9(tmp_path: Path) -> None:
    expected: set[str] = set()
    for n in range(3):
        server = DynamoDBLocal(tmp_path)
        endpoint = server.start()
        undo = wait_for_commits(endpoint)
        try:
            ddb = boto3.client("dynamodb", endpoint_url=endpoint)
            if n == 0:
                ddb.create_table(**table_definition(TABLE))
            else:
                items = ddb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
                assert {i["PK"]["S"] for i in items} == expected, f"after kill {n}"
                assert ddb.get_item(TableName=TABLE, Key=_key(f"put{n - 1}"))["Item"]["v"] == {
                    "N": str(n - 1)
                }
            expected = (expected - {f"gone{n - 1}"}) | _writes(ddb, n)
        finally:
            undo()
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        server.stop()
    server = DynamoDBLocal(tmp_path)
    ddb = boto3.client("dynamodb", endpoint_url=server.start())
    try:
        items = ddb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
        assert {i["PK"]["S"] for i in items} == expected
    finally:
        server.stop()
