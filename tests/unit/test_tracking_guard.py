"""The tracking guard on an in-memory counter: equal work, and the lock (issue 10, point 9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import tracking
from chalicelib.domain.errors import NotFound, TooManyAttempts
from chalicelib.domain.tracking import AccessProbe, hash_token
from chalicelib.services import tracking_guard
from chalicelib.services.tracking_guard import TrackingGuard

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
WINDOW = 600


class FakeAttempts:
    def __init__(self, items: dict[str, str]) -> None:
        self.items = items  # item ref -> token hash
        self.counts: dict[tuple[str, int], int] = {}
        self.calls: list[str] = []

    def _window(self, now: datetime) -> tuple[int, datetime]:
        n = int(now.timestamp()) // WINDOW
        return n, datetime.fromtimestamp((n + 1) * WINDOW, UTC)

    def probe(self, item_ref: str, code: str, now: datetime) -> AccessProbe:
        self.calls.append("probe")
        n, ends = self._window(now)
        count = self.counts.get((code, n), 0)
        return AccessProbe(self.items.get(item_ref), count, ends if count else None)

    def record_failure(self, code: str, now: datetime) -> AccessProbe:
        self.calls.append("record_failure")
        n, ends = self._window(now)
        self.counts[(code, n)] = self.counts.get((code, n), 0) + 1
        return AccessProbe(None, self.counts[(code, n)], ends)


def test_unknown_code_and_wrong_token_hash_and_store_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashed: list[str] = []
    real = tracking.hash_token

    def counting(token: str) -> str:
        hashed.append(token)
        return real(token)

    monkeypatch.setattr(tracking, "hash_token", counting)
    fake = FakeAttempts({"CMP#PGD-1": hash_token("benar")})
    guard = TrackingGuard(fake, 5)
    work = []
    for ref, code in (("CMP#PGD-1", "PGD-1"), ("CMP#PGD-2", "PGD-2")):
        hashed.clear()
        fake.calls.clear()
        with pytest.raises(NotFound):
            guard.check(ref, code, "salah", NOW)
        work.append((list(fake.calls), len(hashed)))
    assert work[0] == work[1] == (["probe", "record_failure"], 1)
    assert hash_token("salah") != tracking_guard.DUMMY_HASH


def test_wrong_tokens_are_locked_after_the_limit_the_right_token_never() -> None:
    """Issue 17 (point 14): ten wrong tries by anyone who knew a code locked its owner out."""
    fake = FakeAttempts({"CMP#PGD-1": hash_token("benar")})
    guard = TrackingGuard(fake, 3)
    guard.check("CMP#PGD-1", "PGD-1", "benar", NOW)  # the right token passes
    for _ in range(3):
        with pytest.raises(NotFound):
            guard.check("CMP#PGD-1", "PGD-1", "salah", NOW)
    fake.calls.clear()
    with pytest.raises(TooManyAttempts) as locked:
        guard.check("CMP#PGD-1", "PGD-1", "salah", NOW + timedelta(seconds=10))
    assert locked.value.params["retry_after"] == WINDOW - 10
    assert fake.calls == ["probe"]  # a locked wrong try is not written
    for _ in range(5):  # the owner, while wrong tries are locked out
        guard.check("CMP#PGD-1", "PGD-1", "benar", NOW + timedelta(seconds=20))
    with pytest.raises(TooManyAttempts):
        guard.check("CMP#PGD-1", "PGD-1", "salah", NOW + timedelta(seconds=30))
    with pytest.raises(NotFound):  # the next window counts afresh
        guard.check("CMP#PGD-1", "PGD-1", "salah", NOW + timedelta(seconds=WINDOW))
