"""The Chalice app: registers blueprints, middleware and schedules; nothing else."""

from __future__ import annotations

import os

# We install no pydantic plugin: skip pydantic's scan of every package's entry points, a
# cold-start cost (see `make bench`). Before anything imports pydantic.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__":
    # With plugins off, pydantic's loader (pydantic.plugin._loader, pinned pydantic 2.14)
    # would still import importlib.metadata (about 30 ms of CPU, with email and zipfile) to
    # answer "no plugins": answer it here instead. tests/unit/test_cold_start.py checks the
    # loader is still where this expects it.
    import sys
    import types

    _no_plugins = types.ModuleType("pydantic.plugin._loader")
    _no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault("pydantic.plugin._loader", _no_plugins)

# The Powertools Logger is created before the Chalice app, or every line prints twice.
from chalicelib.observability import logger  # isort: skip

from chalice.app import Chalice

from chalicelib.api import (
    audience_routes,
    auth,
    channels,
    complaint_routes,
    guestbook,
    inbox,
    letter_signer,
    letters,
    operations,
    public,
    receipts,
    reports,
    rooms,
    skm,
    staff,
    tracking,
    uploads,
)
from chalicelib.api.middleware import http_middleware
from chalicelib.api.spreadsheet import XLSX_TYPE
from chalicelib.config import get_settings
from chalicelib.jobs import email_in, sweep

settings = get_settings()  # fail at start, naming the bad setting

app = Chalice(app_name="layanan-kesra")
app.log = logger  # type: ignore[assignment]
app.api.binary_types.append(XLSX_TYPE)  # report downloads (send Accept: that type, or */*)
app.api.binary_types.append("application/pdf")  # letters and receipts (issue 20)
app.register_middleware(http_middleware, "http")
app.register_blueprint(auth.auth_bp)
app.register_blueprint(public.bp)
app.register_blueprint(guestbook.bp)
app.register_blueprint(operations.bp)
app.register_blueprint(uploads.bp)
app.register_blueprint(audience_routes.bp)
app.register_blueprint(tracking.bp)
app.register_blueprint(letters.bp)
app.register_blueprint(receipts.bp)
app.register_blueprint(complaint_routes.bp)
app.register_blueprint(reports.bp)
app.register_blueprint(skm.bp)
app.register_blueprint(staff.bp)
app.register_blueprint(rooms.bp)
app.register_blueprint(letter_signer.bp)
app.register_blueprint(channels.bp)
app.register_blueprint(inbox.bp)
app.register_blueprint(sweep.bp)
app.register_blueprint(email_in.bp)
