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
    """A boto3 client for `service` in the configured region (adapters.aws_client: timeouts
    and retries); X-Ray patches botocore first when tracing is on."""
    from chalicelib.adapters.aws_client import client as build

    settings = get_settings()
    if settings.tracing_enabled:
        from chalicelib.observability import get_tracer

        get_tracer()  # X-Ray patches botocore before the first client is built
    return build(service, settings.aws_region)


def dated_id(prefix: str, date_format: str = "%y%m%d") -> Any:
    """A function of `now` (UTC datetime) giving a new id: `prefix`, the local date in
    `date_format` and a random part (domain.ids.dated_code)."""
    from chalicelib.domain.ids import dated_code

    tz = get_settings().tz
    return lambda now: dated_code(prefix, now, tz, date_format)
