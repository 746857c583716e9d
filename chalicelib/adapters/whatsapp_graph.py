"""Meta's Graph API for the WhatsApp Business Platform (Cloud API), over the standard
library's urllib: fetching a message's media and sending messages.

`{base}/{version}/{media-id}` answers the media's short-lived URL, which is then read with the
same bearer token; `{base}/{version}/{phone-number-id}/messages` sends; `{base}/{version}/{phone-number-id}/media`
takes a file (multipart/form-data) to send as a `document` message by its media id. Under tests and
`make run`, `base` is a local stand-in or the stack's recorder: nothing goes to the internet.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from chalicelib.domain.errors import DeliveryFailed
from chalicelib.domain.uploads import MAX_BYTES

TIMEOUT_S = 5


class GraphError(DeliveryFailed):
    """The Graph API refused or could not be reached; `error_code` is Meta's `error.code`
    when it answered one (e.g. 131047: outside the 24-hour window; 131026: not on WhatsApp)."""

    def __init__(self, detail: str, error_code: str | None = None) -> None:
        super().__init__(detail, error_code=error_code)
        self.error_code = error_code


def _request(url: str, **kwargs: Any) -> urllib.request.Request:
    """An HTTP(S) request only: a media URL in an answer is never a file: or other scheme."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise GraphError("graph: not an http(s) url")
    return urllib.request.Request(url, **kwargs)  # noqa: S310 - scheme checked above


class GraphApi:
    def __init__(self, base: str, version: str, access_token: str, phone_number_id: str) -> None:
        self._base = base.rstrip("/")
        self._version = version
        self._token = access_token
        self._phone_number_id = phone_number_id

    def _open(self, request: urllib.request.Request, limit: int, cut: bool = False) -> bytes:
        """The answer's body; longer than `limit`: GraphError, or (`cut`) its first
        `limit + 1` bytes, so the caller's size check refuses it."""
        request.add_header("Authorization", f"Bearer {self._token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:  # noqa: S310 - configured https base or a local stand-in
                data: bytes = answer.read(limit + 1)
        except urllib.error.HTTPError as exc:
            code = None
            with contextlib.suppress(ValueError, KeyError, TypeError):
                code = str(json.loads(exc.read(65536))["error"]["code"])
            raise GraphError(f"graph: HTTP {exc.code}", code) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise GraphError(f"graph: {type(exc).__name__}") from None
        if len(data) > limit and not cut:
            raise GraphError("graph: answer too large")
        return data

    def media(self, media_id: str) -> tuple[str, bytes]:
        """The media's MIME type and bytes (at most MAX_BYTES + 1: a larger one is refused by
        the file checks). Raises GraphError."""
        url = f"{self._base}/{self._version}/{urllib.parse.quote(media_id, safe='')}"
        meta = json.loads(self._open(_request(url), 65536))
        if not isinstance(meta, dict) or not isinstance(meta.get("url"), str):
            raise GraphError("graph: media without a url")
        data = self._open(_request(meta["url"]), MAX_BYTES, cut=True)
        return str(meta.get("mime_type") or ""), data

    def upload(self, filename: str, mime_type: str, data: bytes) -> str:
        """POST a file to `/{phone-number-id}/media` (multipart/form-data with
        `messaging_product`, `type` and `file`, as the Cloud API takes it); the media id
        Meta gives it, to send within 30 days. Raises GraphError."""
        import secrets

        boundary = f"kesra-{secrets.token_hex(16)}"
        safe_name = filename.replace('"', "").replace("\r", "").replace("\n", "")
        parts = [
            *(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
                for name, value in (("messaging_product", "whatsapp"), ("type", mime_type))
            ),
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{safe_name}"\r\nContent-Type: {mime_type}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        url = f"{self._base}/{self._version}/{self._phone_number_id}/media"
        request = _request(
            url,
            data=b"".join(parts),
            method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        answer = json.loads(self._open(request, 65536))
        if not isinstance(answer, dict) or not answer.get("id"):
            raise GraphError("graph: no media id in the answer")
        return str(answer["id"])

    def send(self, payload: dict[str, Any]) -> str:
        """POST one message (Cloud API's `messages` body); the `wamid` Meta gives it."""
        url = f"{self._base}/{self._version}/{self._phone_number_id}/messages"
        body = json.dumps({"messaging_product": "whatsapp", **payload}).encode()
        request = _request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        answer = json.loads(self._open(request, 65536))
        try:
            return str(answer["messages"][0]["id"])
        except (KeyError, IndexError, TypeError):
            raise GraphError("graph: no message id in the answer") from None
