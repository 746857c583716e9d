"""`make run`'s HTTP server: `chalice local`, with what this project changes on it, in this one
module (its private methods and classes are overridden here and nowhere else;
tests/integration/test_local_server.py pins them to the locked chalice version).

- Every method reaches the app (OPTIONS answers the CORS preflight of public paths, others
  405 with Allow) instead of http.server's 501 HTML or chalice local's CORS imitation.
- The gateway's own errors (401, 403, an unknown path) are problem+json, as the template's
  gateway responses are in AWS.
- HEAD answers headers only; request lines are logged with their query values blanked.
- A deep listen backlog and TCP_NODELAY on every accepted connection.
- Local-only routes (the web files, LOCAL_ROUTES) are tried before the API.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from dev import static_site
from dev.localenv import ROOT

# Local-only request hooks, tried in order before the API: each gets chalice local's request
# handler (a BaseHTTPRequestHandler) and returns True when it answered the request itself.
LOCAL_ROUTES: list[Callable[[Any], bool]] = [static_site.serve]  # web/dist beside the API


def make_handler_class() -> type:
    """chalice local's handler, answering the gateway's own errors as problem+json, the way
    the template's gateway responses do in AWS."""
    from http.server import BaseHTTPRequestHandler

    from chalice.local import (
        ChaliceRequestHandler,
        ForbiddenError,
        LocalGateway,
        LocalGatewayException,
        NotAuthorizedError,
    )

    from chalicelib.api.problems import (
        PROBLEM_CONTENT_TYPE,
        choose_language,
        problem_body,
        problem_json,
    )

    class AppGateway(LocalGateway):
        """OPTIONS goes to the app like any method (it answers the CORS preflight of public
        paths and 405 elsewhere), instead of chalice local's own CORS imitation."""

        def _has_user_defined_options_method(self, lambda_event: Any) -> bool:
            return True

    class ProblemRequestHandler(ChaliceRequestHandler):
        """Every method reaches the app (TRACE, CONNECT, QUERY, ...: 405 with Allow there,
        not http.server's 501 HTML), and the gateway's own errors are problem+json."""

        def __init__(
            self, request: Any, client_address: Any, server: Any, app_object: Any, config: Any
        ) -> None:
            self.local_gateway = AppGateway(app_object, config)
            BaseHTTPRequestHandler.__init__(self, request, client_address, server)

        def __getattr__(self, name: str) -> Any:
            # http.server looks up do_<METHOD>; a method it does not know is the app's to refuse.
            if name.startswith("do_") and name[3:].isalpha() and name[3:].isupper():
                return self._generic_handle
            raise AttributeError(name)

        def _send_http_response(self, code: int, headers: Any, body: Any) -> None:
            if self.command == "HEAD":  # RFC 9110 section 9.3.2: headers only
                body = b""
            super()._send_http_response(code, headers, body)

        def _lang(self) -> str:
            return choose_language(self.headers.get("accept-language"))

        def _send_error_response(self, error: LocalGatewayException) -> None:
            headers = dict(error.headers)
            request_id = headers.pop("x-amzn-RequestId", None) or str(uuid.uuid4())
            headers.pop("x-amzn-ErrorType", None)
            if headers.get("Content-Type") == PROBLEM_CONTENT_TYPE:
                body = error.body
            else:
                if isinstance(error, NotAuthorizedError):
                    code = "unauthenticated"
                elif isinstance(error, ForbiddenError) and b"Missing Authentication" in (
                    error.body or b""
                ):
                    code = "not_found"  # API Gateway's answer for an unknown path
                elif isinstance(error, ForbiddenError):
                    code = "forbidden"
                else:
                    code = "internal_error"
                doc = problem_body(code, self._lang(), request_id=request_id)
                body = problem_json(doc).encode()
                headers["Content-Type"] = PROBLEM_CONTENT_TYPE
                error = type(error)(headers, body)
                error.CODE = doc["status"]
            headers["X-Request-Id"] = request_id
            self._send_http_response(error.CODE, headers, body)

        def _generic_handle(self) -> None:
            try:
                for route in LOCAL_ROUTES:
                    if route(self):
                        return
                super()._generic_handle()
            except LocalGatewayException:
                raise
            except Exception:
                doc = problem_body("internal_error", self._lang(), request_id="local")
                self._send_http_response(
                    500, {"Content-Type": PROBLEM_CONTENT_TYPE}, problem_json(doc)
                )

        do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

        def log_message(self, format: str, *args: Any) -> None:
            # The request line only, its query values blanked: never headers (tokens), bodies
            # or query values (an attachment's `reason` may name a citizen).
            from chalicelib.observability import redact_query

            sys.stderr.write(f"{self.address_string()} {redact_query(format % args)}\n")

    return ProblemRequestHandler


# Pending connections the kernel queues before the server accepts them (socketserver's default
# is 5: a browser opening 6 connections at once, or a burst of 16, had SYNs dropped and retried
# after a second). Linux caps it at net.core.somaxconn.
LISTEN_BACKLOG = 128


def make_server_class() -> type:
    """chalice local's threaded HTTP server with a deep listen backlog (LISTEN_BACKLOG) and
    TCP_NODELAY on every accepted connection: http.server writes a response's headers and its
    body in two send() calls, and with Nagle's algorithm on the body waited for the client's
    delayed ACK of the headers (about 40 ms per response on a kept-alive connection)."""
    import socket

    from chalice.local import ThreadedHTTPServer

    class LocalServer(ThreadedHTTPServer):
        request_queue_size = LISTEN_BACKLOG

        def get_request(self) -> tuple[socket.socket, Any]:
            conn, address = super().get_request()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return conn, address

    return LocalServer


def build_server(host: str, port: int, extensions: Sequence[Callable[[Any], None]] = ()) -> Any:
    """chalice local's dev server for the app of this checkout (stage `local`) on
    `host:port`, each of `extensions` called with the app first (local-only routes).
    OSError when the port cannot be bound."""
    from chalice.cli.factory import CLIFactory
    from chalice.local import CustomLocalChalice, LocalChalice, LocalDevServer

    factory = CLIFactory(str(ROOT), environ=dict(os.environ))
    config = factory.create_config_obj(chalice_stage_name="local")
    app_obj = factory.load_chalice_app()
    for extend in extensions:
        extend(app_obj)
    # As chalice.local.create_local_server does: per-thread current_request.
    CustomLocalChalice.__bases__ = (LocalChalice, app_obj.__class__)
    app_obj.__class__ = CustomLocalChalice
    return LocalDevServer(
        app_obj,
        config,
        host,
        port,
        handler_cls=make_handler_class(),
        server_cls=make_server_class(),
    )
