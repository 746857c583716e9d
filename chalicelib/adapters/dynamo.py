"""Thin helpers over the low-level DynamoDB client: typed values, transactions, error mapping.

ClientError never leaves this package: it becomes one of the domain's errors here.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from chalicelib.domain.errors import (
    AlreadyExists,
    AppError,
    StorageUnavailable,
    TransactionContended,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def to_item(values: Mapping[str, Any]) -> dict[str, Any]:
    """Python values -> DynamoDB typed attributes; None values are left out (sparse indexes)."""
    return {k: _serializer.serialize(v) for k, v in values.items() if v is not None}


def from_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


def key(pk: str, sk: str) -> dict[str, Any]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


def storage_error(exc: ClientError) -> AppError:
    """Map an unexpected ClientError to the domain's retryable storage error."""
    code = exc.response.get("Error", {}).get("Code", "Unknown")
    return StorageUnavailable(f"dynamodb: {code}", aws_code=code)


class Dynamo:
    """The table and its client; adapters share one instance."""

    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self.client = client
        self.table = table_name

    def get(self, pk: str, sk: str, *, consistent: bool = True) -> dict[str, Any] | None:
        try:
            out = self.client.get_item(
                TableName=self.table, Key=key(pk, sk), ConsistentRead=consistent
            )
        except ClientError as exc:
            raise storage_error(exc) from exc
        item = out.get("Item")
        return from_item(item) if item else None

    # A transaction cancelled only because another one held one of its items at that moment
    # (TransactionConflict) wrote nothing: it is tried again, a few times, after a short
    # random pause. Shared items (a month's report counts) make such meetings possible.
    CONFLICT_ATTEMPTS = 5

    def transact(
        self,
        items: Sequence[TransactWriteItemTypeDef],
        on_condition_failed: Sequence[AppError | None],
    ) -> None:
        """TransactWriteItems; a failed condition on item i raises on_condition_failed[i];
        one cancelled by a conflicting transaction only is retried (CONFLICT_ATTEMPTS)."""
        for attempt in range(1, self.CONFLICT_ATTEMPTS + 1):
            try:
                self.client.transact_write_items(TransactItems=list(items))
                return
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "")
                if code != "TransactionCanceledException":
                    raise storage_error(exc) from exc
                reasons = [
                    r.get("Code", "None") for r in exc.response.get("CancellationReasons", [])
                ]
                for index, reason in enumerate(reasons):
                    if reason == "ConditionalCheckFailed":
                        error = (
                            on_condition_failed[index] if index < len(on_condition_failed) else None
                        )
                        if error is not None:
                            raise error from exc
                conflict_only = "TransactionConflict" in reasons and all(
                    r in ("None", "TransactionConflict") for r in reasons
                )
                if not conflict_only:
                    raise storage_error(exc) from exc
                if attempt == self.CONFLICT_ATTEMPTS:  # the caller may retry from its read
                    raise TransactionContended(
                        "dynamodb: TransactionConflict", aws_code="TransactionConflict"
                    ) from exc
            time.sleep(random.uniform(0.005, 0.02) * attempt)  # noqa: S311 - jitter, not a secret

    def put(self, values: Mapping[str, Any]) -> None:
        """PutItem of plain values (to_item), unconditional."""
        try:
            self.client.put_item(TableName=self.table, Item=to_item(values))
        except ClientError as exc:
            raise storage_error(exc) from exc

    def put_if_absent(self, values: Mapping[str, Any]) -> None:
        """PutItem if no item has its key; AlreadyExists otherwise."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item(values),
                ConditionExpression="attribute_not_exists(PK)",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise AlreadyExists() from exc
            raise storage_error(exc) from exc

    def query(self, **kwargs: Any) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """One Query call; returns plain items and the raw LastEvaluatedKey."""
        try:
            out = self.client.query(TableName=self.table, **kwargs)
        except ClientError as exc:
            raise storage_error(exc) from exc
        return [from_item(i) for i in out.get("Items", [])], out.get("LastEvaluatedKey")

    def query_all(self, **kwargs: Any) -> list[dict[str, Any]]:
        """Every item of a Query, paged through."""
        out: list[dict[str, Any]] = []
        while True:
            items, start = self.query(**kwargs)
            out.extend(items)
            if not start:
                return out
            kwargs["ExclusiveStartKey"] = start

    def count(self, **kwargs: Any) -> int:
        """How many items a Query matches (Select=COUNT, paged through; no items returned)."""
        total = 0
        while True:
            try:
                out = self.client.query(TableName=self.table, Select="COUNT", **kwargs)
            except ClientError as exc:
                raise storage_error(exc) from exc
            total += int(out.get("Count", 0))
            start = out.get("LastEvaluatedKey")
            if not start:
                return total
            kwargs["ExclusiveStartKey"] = start


def update_clause(sets: Mapping[str, Any], condition_version: int | None = None) -> dict[str, Any]:
    """UpdateItem/Update arguments: SET every non-None value, REMOVE every None one; with
    `condition_version`, only if the stored version is that one."""
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    set_parts: list[str] = []
    remove_parts: list[str] = []
    for i, (attr, value) in enumerate(sets.items()):
        names[f"#a{i}"] = attr
        if value is None:
            remove_parts.append(f"#a{i}")
        else:
            values[f":v{i}"] = _serializer.serialize(value)
            set_parts.append(f"#a{i} = :v{i}")
    expression = ""
    if set_parts:
        expression += "SET " + ", ".join(set_parts)
    if remove_parts:
        expression += " REMOVE " + ", ".join(remove_parts)
    out: dict[str, Any] = {
        "UpdateExpression": expression.strip(),
        "ExpressionAttributeNames": names,
    }
    if condition_version is not None:
        names["#ver"] = "version"
        values[":expected_version"] = {"N": str(condition_version)}
        out["ConditionExpression"] = "#ver = :expected_version"
    if values:
        out["ExpressionAttributeValues"] = values
    return out
