"""The one place that builds boto3 clients, repositories and services, each on first use.

Nothing here runs at import: a cold start pays only for what its first request touches.
Tests call reset() to rebuild everything against a fresh (moto) backend.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from chalicelib.config import get_settings

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo import Dynamo
    from chalicelib.services.guestbook import GuestbookService


@functools.cache
def dynamo() -> Dynamo:
    import boto3
    from botocore.config import Config

    from chalicelib.adapters.dynamo import Dynamo

    settings = get_settings()
    if settings.tracing_enabled:
        from chalicelib.observability import get_tracer

        get_tracer()  # X-Ray patches botocore before the first client is built
    client = boto3.client(
        "dynamodb",
        region_name=settings.aws_region,
        config=Config(
            connect_timeout=2,
            read_timeout=5,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )
    return Dynamo(client, settings.table_name)


@functools.cache
def guestbook_service() -> GuestbookService:
    from chalicelib.adapters.guestbook_repo import DynamoGuestbookRepository
    from chalicelib.domain.ids import dated_code
    from chalicelib.services.guestbook import GuestbookService

    tz = get_settings().tz
    return GuestbookService(
        DynamoGuestbookRepository(dynamo(), tz), new_id=lambda now: dated_code("BT", now, tz)
    )


def reset() -> None:
    """Forget every built client and service (tests; a changed environment)."""
    for built in (dynamo, guestbook_service):
        built.cache_clear()
