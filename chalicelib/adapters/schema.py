"""The single DynamoDB table: keys and indexes as docs/data-model.md describes them.

The local stack and the tests create the table from this; infra/ declares the same shape.
"""

from __future__ import annotations

from typing import Any

# (index name, partition key attribute, sort key attribute)
GSIS: tuple[tuple[str, str, str], ...] = (
    ("GSI1", "GSI1PK", "GSI1SK"),  # lists: guestbook by day, queues by state, outbox list
    ("GSI2", "GSI2PK", "GSI2SK"),  # reports: items by month of receipt
    ("GSI3", "GSI3PK", "GSI3SK"),  # sparse: what is due (sweep, outbox retries)
    ("GSI4", "GSI4PK", "GSI4SK"),  # sparse: complaints by assignee
)

TTL_ATTRIBUTE = "expires_at"


def table_definition(table_name: str) -> dict[str, Any]:
    """CreateTable arguments, on-demand billing."""
    attributes = {"PK", "SK"} | {a for _, pk, sk in GSIS for a in (pk, sk)}
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)
        ],
        "KeySchema": [
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": name,
                "KeySchema": [
                    {"AttributeName": pk, "KeyType": "HASH"},
                    {"AttributeName": sk, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for name, pk, sk in GSIS
        ],
    }
