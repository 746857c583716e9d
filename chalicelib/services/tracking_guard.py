"""The gate in front of every public read or write by tracking code and access token.

Two promises (issue 10, point 9):

- an unknown code and an existing code with a wrong token do the same work: one read that
  fetches the code's stored token hash and its failure count together, one hash comparison
  (against a fixed dummy hash when there is no item), one counter update. The answer is the
  same NotFound; the time it takes says nothing about whether the code exists;
- wrong tokens are counted per code in the table (an atomic update with a TTL, so the count
  holds across processes and Lambda instances), in fixed windows (TRACK_FAILURE_WINDOW_S):
  after `max_failures` in one window, every wrong try on that code is TooManyAttempts (429
  with Retry-After) until the window ends, and no longer counted (no write). Unknown codes are
  counted the same way, so a 429 does not tell that a code exists either.

The right token always passes (issue 17, point 14): whoever knows a code could otherwise lock
its owner out with ten wrong tries. A token is 32 random bytes (256 bits): the limit keeps
wrong tries few and cheap; it is not what stops a token being guessed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Protocol, TypeVar

from ..domain.errors import NotFound, TooManyAttempts
from ..domain.timeutil import to_utc
from ..domain.tracked import item_ref
from ..domain.tracking import AccessProbe, token_matches
from .ports import AccessAttempts

# The hash compared when a code has no item: a SHA-256 no token hashes to (it is not hex).
DUMMY_HASH = "x" * 64


class _Tokened(Protocol):
    @property
    def token_hash(self) -> str | None: ...


T = TypeVar("T", bound=_Tokened)


def open_tracked(
    guard: TrackingGuard | None,
    kind: str,
    code: str,
    token: str | None,
    now: datetime,
    read: Callable[[str], T | None],
) -> T:
    """The item of `kind` (audience, complaint) a requester opens with its tracking `code` and
    access `token`, `now` in UTC: an unknown code and a wrong token are the same NotFound and
    cost the same (the guard, when there is one); TooManyAttempts while the code is locked.
    `read(code)` is the repository's read (None: no such item)."""
    if guard is not None:
        guard.check(item_ref(kind, code), code, token, now)
    item = read(code)
    if item is None or not token_matches(token, item.token_hash):
        raise NotFound()
    return item


class TrackingGuard:
    def __init__(self, attempts: AccessAttempts, max_failures: int) -> None:
        self._attempts = attempts
        self._max = max_failures

    def check(self, item_ref: str, code: str, token: str | None, now: datetime) -> None:
        """Pass if `token` opens `code`, however many wrong tries the code had; NotFound if
        not (unknown code or wrong token, alike); TooManyAttempts(retry_after=seconds) for a
        wrong token once `max_failures` wrong tokens were counted in the code's current
        window, until that window ends."""
        now = to_utc(now)
        probe = self._attempts.probe(item_ref, code, now)
        matches = token_matches(token, probe.token_hash or DUMMY_HASH)
        if matches and probe.token_hash is not None:
            return
        self._refuse_if_over(probe, now, self._max)
        after = self._attempts.record_failure(code, now)
        self._refuse_if_over(after, now, self._max + 1)  # racing tries past the limit
        raise NotFound()

    @staticmethod
    def _refuse_if_over(probe: AccessProbe, now: datetime, limit: int) -> None:
        if probe.window_ends is None or probe.window_ends <= now or probe.failures < limit:
            return
        wait = (probe.window_ends - now).total_seconds()
        raise TooManyAttempts(retry_after=max(1, math.ceil(wait)))
