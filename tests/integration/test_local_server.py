"""`make run`'s HTTP server (dev/chalice_local.py): the parts of `chalice local` it builds on, pinned
to the locked chalice version, and what it changes on them (issue 17, point 12)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import chalice
import chalice.local

from dev import chalice_local

ROOT = Path(__file__).resolve().parents[2]


def test_chalice_local_is_the_locked_version_with_the_internals_we_override() -> None:
    """dev/chalice_local.py subclasses chalice.local's handler, gateway and server, overrides
    private methods and swaps the app's class: a chalice upgrade must come with a new look at
    that module (and no other module may reach into chalice.local)."""
    pinned = re.search(r"^chalice==(\S+)$", (ROOT / "requirements-dev.txt").read_text(), re.M)
    assert pinned is not None and chalice.__version__ == pinned.group(1) == "1.34.0"
    handler = chalice.local.ChaliceRequestHandler
    for name in ("_send_http_response", "_send_error_response", "_generic_handle"):
        assert callable(getattr(handler, name)), name
    assert callable(chalice.local.LocalGateway._has_user_defined_options_method)
    assert issubclass(chalice_local.make_server_class(), chalice.local.ThreadedHTTPServer)
    params = chalice.local.LocalDevServer.__init__.__code__.co_varnames
    assert "handler_cls" in params and "server_cls" in params


def test_accepted_connections_have_nagle_off_and_the_backlog_is_deep() -> None:
    """A response is two writes (headers, body): with Nagle's algorithm on, the body waited for
    the client's delayed ACK (~40 ms a response on a kept-alive connection). A backlog of 5
    dropped a burst's SYNs (retried after 1 s)."""
    server = chalice_local.make_server_class()(("127.0.0.1", 0), object)
    try:
        assert server.request_queue_size >= 128
        with socket.create_connection(server.server_address[:2], timeout=5):
            conn, _ = server.get_request()
            try:
                assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            finally:
                conn.close()
    finally:
        server.server_close()


def test_only_one_module_reaches_into_chalice_local() -> None:
    """dev/chalice_local.py is the one home of what this project changes on chalice local."""
    users = sorted(
        p.name
        for p in (ROOT / "dev").glob("*.py")
        if re.search(r"^\s*(from chalice\.local import|import chalice\.local)", p.read_text(), re.M)
    )
    assert users == ["chalice_local.py"]
