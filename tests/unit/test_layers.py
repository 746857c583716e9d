"""The layers of architecture.md, checked on the source: adapters are the only code that
imports boto3 or botocore (at any depth, function-local imports too), and the domain is pure
Python (no chalice, boto3, adapters, services or api)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHALICELIB = ROOT / "chalicelib"
AWS = ("boto3", "botocore")


def imported(source: str) -> set[str]:
    """Every module name an import statement in `source` names, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _top(names: set[str], roots: tuple[str, ...]) -> set[str]:
    return {n for n in names if n.split(".")[0] in roots}


def aws_importers() -> dict[str, set[str]]:
    """Modules outside chalicelib/adapters/ (and app.py) that import boto3 or botocore."""
    found: dict[str, set[str]] = {}
    for path in [ROOT / "app.py", *CHALICELIB.rglob("*.py")]:
        if CHALICELIB / "adapters" in path.parents:
            continue
        hits = _top(imported(path.read_text(encoding="utf-8")), AWS)
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    return found


def test_only_adapters_import_boto3() -> None:
    assert aws_importers() == {}


def test_a_function_local_boto3_import_is_found() -> None:
    source = "def f():\n    import boto3\n    from botocore.config import Config\n"
    assert _top(imported(source), AWS) == {"boto3", "botocore.config"}


def test_the_domain_imports_no_outer_layer() -> None:
    outer = ("chalice", *AWS, "chalicelib.adapters", "chalicelib.services", "chalicelib.api")
    for path in (CHALICELIB / "domain").rglob("*.py"):
        names = imported(path.read_text(encoding="utf-8"))
        bad = {n for n in names if any(n == o or n.startswith(o + ".") for o in outer)}
        assert not bad, (path.name, bad)
