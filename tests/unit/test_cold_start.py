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
    # The services and the domain's item and rule classes load with a route's first use: their
    # dataclasses cost a cold start more than all of the API's models (bench/import_bench.py).
    "chalicelib.services.audiences",
    "chalicelib.services.complaints",
    "chalicelib.services.guestbook",
    "chalicelib.services.ports",
    "chalicelib.domain.audience",
    "chalicelib.domain.complaint",
    "chalicelib.domain.sla",
    "chalicelib.domain.calendar",
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


def test_every_api_model_builds_with_the_names_it_imports_at_run_time() -> None:
    """The routes import the domain and services lazily (names for type hints only sit under
    TYPE_CHECKING); a pydantic model whose annotation used such a name would build only on
    its first request and fail there. Build each one now."""
    import importlib
    import pkgutil

    from pydantic import BaseModel

    import chalicelib.api

    built = 0
    for info in pkgutil.iter_modules(chalicelib.api.__path__):
        module = importlib.import_module(f"chalicelib.api.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                value.model_rebuild(force=True, raise_errors=True)
                built += 1
    assert built > 80
