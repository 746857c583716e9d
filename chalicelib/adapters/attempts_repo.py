"""Wrong-token counters per tracking code, and the one read a tracking request starts with.

Counter: PK=ATTEMPTS#<sha256 of the code, 32 hex>#<window number>  SK=TRACK
         failures (N), window_ends (N, epoch seconds), expires_at (TTL: window end + 1 h).
Windows are fixed spans of `window_seconds` counted from the epoch, so a window's counter is
one key: counting is a single unconditional ADD (atomic in DynamoDB), the same one call for
every wrong try, whether the code exists or not. The code is hashed so that any string a
client sends makes a small, fixed-size key.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.dynamo import Dynamo, from_item, key, storage_error
from chalicelib.adapters.item_write import TOKEN_SK
from chalicelib.domain.tracking import AccessProbe

SK = "TRACK"
CLEANUP_AFTER = timedelta(hours=1)


def attempts_pk(code: str, window: int) -> str:
    return f"ATTEMPTS#{hashlib.sha256(code.encode()).hexdigest()[:32]}#{window}"


def _when(epoch: Any) -> datetime | None:
    return datetime.fromtimestamp(int(epoch), UTC) if epoch is not None else None


class DynamoAccessAttempts:
    def __init__(self, db: Dynamo, window_seconds: int) -> None:
        self._db = db
        self._window = window_seconds

    def _window_of(self, now: datetime) -> tuple[int, int]:
        """(window number, its end in epoch seconds)."""
        number = int(now.timestamp()) // self._window
        return number, (number + 1) * self._window

    def probe(self, item_ref: str, code: str, now: datetime) -> AccessProbe:
        """One BatchGetItem, strongly consistent, of the item's small token record
        (`<PK>/TOKEN`, never the whole item) and the code's counter of the current window: the
        same read whether or not the item exists."""
        number, _ = self._window_of(now)
        counter_pk = attempts_pk(code, number)
        request: dict[str, Any] = {
            self._db.table: {
                "Keys": [key(item_ref, TOKEN_SK), key(counter_pk, SK)],
                "ProjectionExpression": "PK, token_hash, failures, window_ends",
                "ConsistentRead": True,
            }
        }
        found: dict[str, dict[str, Any]] = {}
        for _ in range(5):  # unprocessed keys come back only under throttling
            try:
                out = self._db.client.batch_get_item(RequestItems=request)
            except ClientError as exc:
                raise storage_error(exc) from exc
            for raw in out.get("Responses", {}).get(self._db.table, []):
                item = from_item(raw)
                found[item["PK"]] = item
            request = dict(out.get("UnprocessedKeys") or {})
            if not request:
                break
        else:
            raise storage_error(
                ClientError({"Error": {"Code": "ThrottlingException"}}, "BatchGetItem")
            )
        item, counter = found.get(item_ref, {}), found.get(counter_pk, {})
        return AccessProbe(
            token_hash=item.get("token_hash"),
            failures=int(counter.get("failures", 0)),
            window_ends=_when(counter.get("window_ends")),
        )

    def record_failure(self, code: str, now: datetime) -> AccessProbe:
        """+1 on the current window's counter (created at 1): one atomic UpdateItem, so
        racing processes never lose a count."""
        number, ends = self._window_of(now)
        try:
            out = self._db.client.update_item(
                TableName=self._db.table,
                Key=key(attempts_pk(code, number), SK),
                UpdateExpression="ADD failures :one SET window_ends = :ends, expires_at = :ttl",
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":ends": {"N": str(ends)},
                    ":ttl": {"N": str(ends + int(CLEANUP_AFTER.total_seconds()))},
                },
                ReturnValues="ALL_NEW",
            )
        except ClientError as exc:
            raise storage_error(exc) from exc
        stored = from_item(out["Attributes"])
        return AccessProbe(
            token_hash=None,
            failures=int(stored["failures"]),
            window_ends=_when(stored["window_ends"]),
        )
