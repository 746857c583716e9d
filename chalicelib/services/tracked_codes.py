"""A tracking code, routed to the service that owns it by its prefix (AUD- the audience
requests, PGD- the complaints): for the features that take any code (the SKM survey)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from ..domain.tracking import kind_of


class _Tracked(Protocol):
    @property
    def ref(self) -> str: ...

    @property
    def status(self) -> str: ...


class _Tracker(Protocol):
    def track(self, code: str, token: str | None, now: datetime) -> _Tracked: ...


class TrackedCodes:
    """`audiences` and `complaints` give the services on first use (a cold start builds only
    the one a code needs)."""

    def __init__(
        self, audiences: Callable[[], _Tracker], complaints: Callable[[], _Tracker]
    ) -> None:
        self._services = {"audience": audiences, "complaint": complaints}

    def track(self, code: str, token: str | None, now: datetime) -> tuple[str, str, str]:
        """(service, item ref, status) of the item a requester tracks, `now` in UTC. Raises
        NotFound for an unknown code, another prefix or a wrong token alike, and
        TooManyAttempts while the code is locked: exactly as tracking answers."""
        kind = kind_of(code)
        item = self._services[kind]().track(code, token, now)
        return kind, item.ref, item.status
