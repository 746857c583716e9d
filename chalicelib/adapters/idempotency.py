"""Idempotent public POSTs with Powertools' idempotency utility, on our own table.

Records: PK=IDEMPOTENCY#<route>, SK=<hash of the key>, TTL `expires_at` one hour. The
request body is validated: the same key with another body is an IdempotencyConflict, and the
same key while the first request still runs is IdempotencyInProgress. What is
stored is the response without the access token (the API derives the token again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.domain.errors import IdempotencyConflict, IdempotencyInProgress

# What a client is told to wait when the first request with its key is still running: a
# submission takes well under a second, so two seconds is one retry, not a busy loop.
IN_PROGRESS_RETRY_S = 2


class Idempotency:
    def __init__(self, client: Any, table: str, ttl_seconds: int = 3600) -> None:
        self._client = client
        self._table = table
        self._ttl = ttl_seconds

    def run(
        self,
        route: str,
        key: str,
        body: dict[str, Any],
        fn: Callable[[], dict[str, Any]],
        lambda_context: Any = None,
    ) -> dict[str, Any]:
        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
            idempotent_function,
        )
        from aws_lambda_powertools.utilities.idempotency.exceptions import (
            IdempotencyAlreadyInProgressError,
            IdempotencyValidationError,
        )

        store = DynamoDBPersistenceLayer(
            table_name=self._table,
            key_attr="PK",
            sort_key_attr="SK",
            static_pk_value=f"IDEMPOTENCY#{route}",
            expiry_attr="expires_at",
            boto3_client=self._client,
        )
        config = IdempotencyConfig(
            event_key_jmespath="key",
            payload_validation_jmespath="body",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=self._ttl,
            hash_function="sha256",
        )
        if lambda_context is not None:
            config.register_lambda_context(lambda_context)  # in-progress records expire with it

        @idempotent_function(
            data_keyword_argument="request", persistence_store=store, config=config
        )  # type: ignore[untyped-decorator]
        def handle(request: dict[str, Any]) -> dict[str, Any]:
            return fn()

        try:
            result: dict[str, Any] = handle(request={"key": key, "body": body})
        except IdempotencyAlreadyInProgressError as exc:
            raise IdempotencyInProgress(retry_after=IN_PROGRESS_RETRY_S) from exc
        except IdempotencyValidationError as exc:
            raise IdempotencyConflict() from exc
        return result
