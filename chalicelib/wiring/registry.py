"""The registry of cached builders: each builder runs once, on first use; reset() forgets all.

A builder registers itself by its decorator, so reset() has no hand-kept list to forget one.
Nothing here imports boto3 at import time (the cold-start test).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from chalicelib.config import get_settings

T = TypeVar("T")

_BUILT: list[Any] = []


def built(build: Callable[[], T]) -> Callable[[], T]:
    """`build` cached (functools.cache: built on the first call, then the same object) and
    registered, so reset() forgets it."""
    cached = functools.cache(build)
    _BUILT.append(cached)
    return cached


def reset() -> None:
    """Forget every built client and service (tests; a changed environment)."""
    for cached in _BUILT:
        cached.cache_clear()


def client(service: str) -> Any:
    """A boto3 client for `service` in the configured region: connect timeout 2 s, read
    timeout 5 s, 3 attempts in botocore's standard retry mode; X-Ray patches botocore first
    when tracing is on."""
    import boto3
    from botocore.config import Config

    settings = get_settings()
    if settings.tracing_enabled:
        from chalicelib.observability import get_tracer

        get_tracer()  # X-Ray patches botocore before the first client is built
    return boto3.client(  # type: ignore[call-overload]
        service,
        region_name=settings.aws_region,
        config=Config(
            connect_timeout=2,
            read_timeout=5,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )


def dated_id(prefix: str, date_format: str = "%y%m%d") -> Any:
    """A function of `now` (UTC datetime) giving a new id: `prefix`, the local date in
    `date_format` and a random part (domain.ids.dated_code)."""
    from chalicelib.domain.ids import dated_code

    tz = get_settings().tz
    return lambda now: dated_code(prefix, now, tz, date_format)
