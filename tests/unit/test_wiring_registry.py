"""The wiring's registry: every builder is built once and reset() forgets them all, with no
hand-kept list (issue 18: bootstrap only wires)."""

from __future__ import annotations

from chalicelib import bootstrap
from chalicelib.wiring import registry


def test_a_builder_is_built_once_and_reset_forgets_it() -> None:
    calls: list[int] = []

    @registry.built
    def thing() -> object:
        calls.append(1)
        return object()

    first = thing()
    assert thing() is first and len(calls) == 1
    bootstrap.reset()
    assert thing() is not first and len(calls) == 2


def test_every_cached_builder_of_bootstrap_is_registered() -> None:
    """A builder cached by functools.cache alone (outside the registry) would survive reset()."""
    registered = {id(b) for b in registry._BUILT}
    cached = [
        name for name in bootstrap.__all__ if hasattr(getattr(bootstrap, name), "cache_clear")
    ]
    assert len(cached) >= 20
    assert [n for n in cached if id(getattr(bootstrap, n)) not in registered] == []
