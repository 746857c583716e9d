"""A local stand-in for Meta's Graph API (WhatsApp Cloud API), never the internet.

`make run` starts one as the stack's WhatsApp recorder (WHATSAPP_API_BASE points at it unless
set): every message the bureau sends is recorded and answered with a `wamid`, like Meta does.
Tests start their own, with media to serve:

    GET  /{version}/{media-id}                -> {"url": ".../media/{media-id}", "mime_type": ...}
    GET  /media/{media-id}                    -> the bytes
    POST /{version}/{phone-number-id}/messages -> {"messages": [{"id": "wamid.LOCAL..."}]}
    POST /{version}/{phone-number-id}/media    <- multipart file -> {"id": ...} (kept in
                                                 `uploaded` and served like any media)
    PUT  /media/{media-id}                    <- a file to serve (dev/whatsapp_inbound)
    GET  /recorded                            -> every message sent, oldest first (JSON)

Every call needs `Authorization: Bearer <access token>` (401 otherwise, as Meta answers).
`fail_next(code)` makes the next send fail with Meta's error code (tests of retries).
"""

from __future__ import annotations

import itertools
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_COUNTER = itertools.count(1)


class GraphStandIn:
    def __init__(self, access_token: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.access_token = access_token
        self.media: dict[str, tuple[str, bytes]] = {}
        self.sent: list[dict[str, Any]] = []
        self.uploaded: list[dict[str, Any]] = []
        self._failures: list[tuple[int, int]] = []
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _answer(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, value: Any) -> None:
                self._answer(status, json.dumps(value).encode(), "application/json")

            def _authorized(self) -> bool:
                if self.headers.get("Authorization") == f"Bearer {standin.access_token}":
                    return True
                self._json(401, {"error": {"code": 190, "message": "Invalid OAuth access token"}})
                return False

            def do_GET(self) -> None:
                if self.path == "/recorded":
                    with standin._lock:
                        self._json(200, standin.sent)
                    return
                if not self._authorized():
                    return
                parts = self.path.strip("/").split("/")
                if len(parts) == 2 and parts[0] == "media" and parts[1] in standin.media:
                    mime, data = standin.media[parts[1]]
                    self._answer(200, data, mime)
                elif len(parts) == 2 and parts[1] in standin.media:
                    host, port = standin._server.server_address[:2]
                    mime = standin.media[parts[1]][0]
                    url = f"http://{host!s}:{port}/media/{parts[1]}"
                    self._json(200, {"url": url, "mime_type": mime, "id": parts[1]})
                else:
                    self._json(404, {"error": {"code": 100, "message": "Unknown media"}})

            def do_PUT(self) -> None:
                parts = self.path.strip("/").split("/")
                if not self._authorized():
                    return
                if len(parts) != 2 or parts[0] != "media":
                    self._json(404, {"error": {"code": 100, "message": "Unknown path"}})
                    return
                length = min(int(self.headers.get("Content-Length") or 0), 11 * 1024 * 1024)
                mime = self.headers.get("Content-Type") or "application/octet-stream"
                standin.add_media(parts[1], mime, self.rfile.read(length))
                self._json(200, {"id": parts[1]})

            def _upload(self, raw: bytes) -> None:
                """The Cloud API's media upload: multipart/form-data, `file` and `type`."""
                from email.parser import BytesParser
                from email.policy import HTTP

                head = f"Content-Type: {self.headers.get('Content-Type', '')}\r\n\r\n".encode()
                form = BytesParser(policy=HTTP).parsebytes(head + raw)
                fields = {
                    part.get_param("name", header="content-disposition"): part
                    for part in form.iter_parts()
                }
                file = fields.get("file")
                if file is None or fields.get("messaging_product") is None:
                    self._json(400, {"error": {"code": 100, "message": "file required"}})
                    return
                media_id = f"LOCALMEDIA{next(_COUNTER):08d}"
                payload = file.get_payload(decode=True)
                data = payload if isinstance(payload, bytes) else b""
                mime = (
                    str(fields["type"].get_payload())
                    if "type" in fields
                    else "application/octet-stream"
                )
                with standin._lock:
                    standin.media[media_id] = (mime, data)
                    standin.uploaded.append(
                        {
                            "id": media_id,
                            "filename": file.get_filename(),
                            "mime_type": mime,
                            "data": data,
                        }
                    )
                self._json(200, {"id": media_id})

            def do_POST(self) -> None:
                if not self._authorized():
                    return
                length = int(self.headers.get("Content-Length") or 0)
                if self.path.endswith("/media"):
                    self._upload(self.rfile.read(length))
                    return
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    self._json(400, {"error": {"code": 100, "message": "Invalid JSON"}})
                    return
                if not self.path.endswith("/messages"):
                    self._json(404, {"error": {"code": 100, "message": "Unknown path"}})
                    return
                with standin._lock:
                    if standin._failures:
                        status, code = standin._failures.pop(0)
                        self._json(status, {"error": {"code": code, "message": "stand-in"}})
                        return
                    wamid = f"wamid.LOCAL{next(_COUNTER):08d}"
                    standin.sent.append(
                        {"id": wamid, "at": datetime.now(UTC).isoformat(), "body": body}
                    )
                self._json(200, {"messages": [{"id": wamid}]})

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> str:
        self._thread.start()
        return self.base

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add_media(self, media_id: str, mime_type: str, data: bytes) -> None:
        self.media[media_id] = (mime_type, data)

    def fail_next(self, code: int, status: int = 400) -> None:
        """The next send answers `status` with Meta's error `code`."""
        with self._lock:
            self._failures.append((status, code))
