"""The API modules' imports point one way (issue 10, point 12: complaints and tracking
imported each other; the public track views now have one home). The cycle check of the whole
of chalicelib/ and dev/ is tests/unit/test_import_cycles.py."""

from __future__ import annotations

import ast
from pathlib import Path

API = Path(__file__).resolve().parents[2] / "chalicelib" / "api"


def _imports(path: Path) -> set[str]:
    """The chalicelib.api modules a file imports, at any depth (function-local too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("chalicelib.api."):
                names.add(node.module.split(".")[2])
            elif node.module == "chalicelib.api":
                names.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(
                a.name.split(".")[2] for a in node.names if a.name.startswith("chalicelib.api.")
            )
    return names


def test_public_track_views_have_one_home() -> None:
    complaint_modules = ("complaint_models", "complaint_views", "complaint_routes")
    for name in complaint_modules:
        assert "tracking" not in _imports(API / f"{name}.py")
    assert not set(complaint_modules) & _imports(API / "tracking.py")
    for name in (*[f"{m}.py" for m in complaint_modules], "tracking.py", "audience_views.py"):
        text = (API / name).read_text()
        assert "class TrackOut" not in text and "def complaint_track_view" not in text


def test_complaints_do_not_import_the_audience_routes() -> None:
    """Issue 18 point 1: what both features share lives in a shared module."""
    for name in ("complaint_models", "complaint_views", "complaint_routes"):
        assert not {m for m in _imports(API / f"{name}.py") if m.startswith("audience")}, name
