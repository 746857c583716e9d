"""No module in chalicelib/ over 400 lines (issue 18: one file, one job, small enough to read
at once)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400


def too_long(root: Path, limit: int = LIMIT) -> dict[str, int]:
    """The Python modules under `root` with more than `limit` lines, by path: line count."""
    out: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            out[str(path.relative_to(root.parent))] = lines
    return out


def test_no_chalicelib_module_is_over_400_lines() -> None:
    assert too_long(ROOT / "chalicelib") == {}


def test_a_long_module_is_found(tmp_path: Path) -> None:
    """The check can fail: a 401-line module is reported, a 400-line one is not."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "long.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (package / "fits.py").write_text("x = 1\n" * 400, encoding="utf-8")
    assert too_long(package) == {"pkg/long.py": 401}
