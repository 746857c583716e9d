"""Post a correctly signed WhatsApp webhook delivery to the local stack, as Meta would.

    .venv/bin/python -m dev.whatsapp_inbound --text "Jalan di depan kantor rusak"
    .venv/bin/python -m dev.whatsapp_inbound --image photo.jpg --text "fotonya"

The app secret comes from WHATSAPP_APP_SECRET or .local/secrets.json (`make whatsapp-info`);
the URL from --url (default: the running `make run`'s webhook, found in <state>/stack.json
whatever its PORT; with no stack running, one line and exit 2). An image is
first handed to the stack's Graph API recorder, which then serves it when the webhook fetches
the media, as Meta's Graph API does. The payload builders are shared with the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from chalicelib.domain.whatsapp import sign

PHONE_NUMBER_ID = "100000000000001"


def text_message(
    wa_id: str, text: str, at: int | None = None, mid: str | None = None
) -> dict[str, Any]:
    return {
        "from": wa_id,
        "id": mid or f"wamid.DEV{secrets.token_hex(12)}",
        "timestamp": str(at if at is not None else int(time.time())),
        "type": "text",
        "text": {"body": text},
    }


def media_message(
    wa_id: str,
    media_id: str,
    mime_type: str,
    kind: str = "image",
    caption: str | None = None,
    at: int | None = None,
    mid: str | None = None,
    filename: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"id": media_id, "mime_type": mime_type, "sha256": "-"}
    if caption:
        body["caption"] = caption
    if filename:
        body["filename"] = filename
    return {
        "from": wa_id,
        "id": mid or f"wamid.DEV{secrets.token_hex(12)}",
        "timestamp": str(at if at is not None else int(time.time())),
        "type": kind,
        kind: body,
    }


def status(
    wamid: str, state: str, at: int | None = None, error_code: int | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": wamid,
        "status": state,
        "timestamp": str(at if at is not None else int(time.time())),
        "recipient_id": "6280000000000",
    }
    if error_code is not None:
        out["errors"] = [{"code": error_code, "title": "stand-in error"}]
    return out


def delivery(
    messages: list[dict[str, Any]] = (),  # type: ignore[assignment]
    statuses: list[dict[str, Any]] = (),  # type: ignore[assignment]
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One webhook delivery (entry x changes x value), as Meta batches it."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6285828735503", "phone_number_id": PHONE_NUMBER_ID},
    }
    if messages:
        senders = {m["from"] for m in messages}
        value["contacts"] = [
            {"profile": {"name": (names or {}).get(s, "Warga")}, "wa_id": s}
            for s in sorted(senders)
        ]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
    }


def signed(secret: str, payload: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """The raw body and the headers Meta sends with it."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return body, {"Content-Type": "application/json", "X-Hub-Signature-256": sign(secret, body)}


def local_setting(name: str) -> str | None:
    """A WhatsApp setting of the local stack: the environment's, else the one `make run`
    generated (<state>/secrets.json) or started (<state>/whatsapp.json)."""
    value = os.environ.get(name.upper())
    if value:
        return value
    directory = state_directory()
    for file in ("secrets.json", "whatsapp.json"):
        try:
            data = json.loads((directory / file).read_text())
        except (OSError, ValueError):
            continue
        found = data.get(name.upper()) or data.get(name.lower())
        if found:
            return str(found)
    return None


WEBHOOK_PATH = "/v1/channels/whatsapp/webhook"
NO_STACK = "no local stack is running in {}: start it with `make run` (or give --url)"


def state_directory() -> Path:
    """The local state directory (LOCAL_STATE_DIR, default .local), as `make run` uses it."""
    from dev.localenv import ROOT

    return Path(os.environ.get("LOCAL_STATE_DIR", ROOT / ".local"))


def local_webhook_url() -> str | None:
    """The webhook URL of the `make run` that runs over this state directory (its address is
    in <state>/stack.json, whatever PORT it listens on); None when no stack runs."""
    from dev.local_table import running_api

    api = running_api(state_directory())
    return f"{api}{WEBHOOK_PATH}" if api else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the webhook (default: the running make run's)")
    parser.add_argument("--sender", default="6281234567890", help="WhatsApp id (digits)")
    parser.add_argument("--name", default="Warga Uji")
    parser.add_argument("--text", default="Halo, saya ingin mengadukan layanan.")
    parser.add_argument("--image", type=Path, help="a JPEG or PNG to send with the text")
    args = parser.parse_args(argv)
    url = args.url or local_webhook_url()
    if url is None:
        print(NO_STACK.format(state_directory()), file=sys.stderr)
        return 2
    secret = local_setting("whatsapp_app_secret")
    if not secret:
        print("no WHATSAPP_APP_SECRET and no .local/secrets.json: start `make run` first")
        return 2
    try:
        return _post(url, secret, args)
    except urllib.error.HTTPError as exc:
        print(f"the webhook answered {exc.code}: {exc.read().decode(errors='replace')[:200]}")
        return 1
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        print(f"cannot reach the local stack at {url} ({reason})", file=sys.stderr)
        return 2


def _post(url: str, secret: str, args: argparse.Namespace) -> int:
    messages = [text_message(args.sender, args.text)]
    if args.image:
        base = local_setting("whatsapp_api_base")
        token = local_setting("whatsapp_access_token") or ""
        media_id = f"DEV{secrets.token_hex(8)}"
        mime = "image/png" if args.image.suffix.lower() == ".png" else "image/jpeg"
        put = urllib.request.Request(  # noqa: S310 - the local recorder
            f"{base}/media/{media_id}",
            data=args.image.read_bytes(),
            method="PUT",
            headers={"Content-Type": mime, "Authorization": f"Bearer {token}"},
        )
        urllib.request.urlopen(put, timeout=10).close()  # noqa: S310
        messages.append(media_message(args.sender, media_id, mime, caption=None))
    body, headers = signed(secret, delivery(messages, names={args.sender: args.name}))
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        print(answer.status, answer.read().decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
