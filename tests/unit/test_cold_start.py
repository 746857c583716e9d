"""Cold start: importing the app loads no AWS SDK, tracer, JWT or other heavy library."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = (
    "boto3",
    "aws_xray_sdk",
    "jwt",
    "holidays",
    "icalendar",
    "PIL",
    "pypdf",
    "chalicelib.adapters.dynamo",
    "chalicelib.adapters.file_check",
    "importlib.metadata",  # pydantic's plugin loader, answered in app.py (plugins are off)
)


def test_importing_the_app_loads_nothing_heavy() -> None:
    code = (
        "import json, sys; import app; "
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_tracer_is_built_on_first_use_only() -> None:
    code = (
        "import json, sys; from chalicelib import observability as o; "
        "before = 'aws_xray_sdk' in sys.modules; o.get_tracer(); "
        "print(json.dumps([before, o.get_tracer() is o.get_tracer()]))"
    )
    env = {**os.environ, "POWERTOOLS_TRACE_DISABLED": "true"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, True]


def test_the_plugin_loader_app_py_answers_for_is_where_pydantic_looks() -> None:
    """app.py stands in for pydantic.plugin._loader (pinned pydantic): if an upgrade moves it,
    this fails instead of the stand-in silently doing nothing."""
    import inspect

    from pydantic.plugin import _loader, _schema_validator

    assert callable(_loader.get_plugins)
    assert "from ._loader import get_plugins" in inspect.getsource(_schema_validator)
