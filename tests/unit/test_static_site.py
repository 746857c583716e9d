"""dev/static_site.py: which file answers which path, and how it is cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from dev.static_site import cache_control, is_api_path, resolve


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "staff").mkdir()
    (tmp_path / "index.html").write_text("portal")
    (tmp_path / "staff" / "index.html").write_text("console")
    (tmp_path / "assets" / "citizen-abc123.js").write_text("js")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


def test_files_entries_and_fallbacks(dist: Path) -> None:
    root = dist.resolve()
    assert resolve("/", dist) == (root / "index.html", False)
    assert resolve("/assets/citizen-abc123.js", dist) == (root / "assets/citizen-abc123.js", False)
    assert resolve("/lacak", dist) == (root / "index.html", True)
    assert resolve("/tanda-terima/PGD-2611-7KQ3MX", dist) == (root / "index.html", True)
    assert resolve("/staff", dist) == (root / "staff/index.html", False)
    assert resolve("/staff/", dist) == (root / "staff/index.html", False)
    assert resolve("/staff/antrian/PGD-1", dist) == (root / "staff/index.html", True)


def test_missing_files_and_escapes_are_404(dist: Path) -> None:
    assert resolve("/assets/gone-123.js", dist) is None
    assert resolve("/../../etc/passwd", dist) is None
    assert resolve("/%2e%2e/%2e%2e/etc/passwd", dist) is None


def test_the_api_keeps_its_paths() -> None:
    assert is_api_path("/v1/services") and is_api_path("/health") and is_api_path("/openapi.json")
    assert not is_api_path("/") and not is_api_path("/v1x") and not is_api_path("/lacak")


def test_hashed_assets_are_immutable_html_revalidates(dist: Path) -> None:
    root = dist.resolve()
    assert "immutable" in cache_control(root / "assets/citizen-abc123.js", dist)
    assert cache_control(root / "index.html", dist) == "no-cache"
    assert cache_control(root / "favicon.svg", dist) == "public, max-age=3600"
