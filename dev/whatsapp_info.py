"""`make whatsapp-info`: what to type into Meta's app dashboard (or a test) for the local
stack's WhatsApp webhook: its URL, the verify token and the app secret `make run` generated
into <state>/secrets.json (or took from the environment), and where sent messages are
recorded. Prints secrets: for the developer's own terminal."""

from __future__ import annotations

import sys

from dev.whatsapp_inbound import NO_STACK, local_setting, local_webhook_url, state_directory


def main() -> int:
    """Print the running stack's webhook and settings (0); one line and 2 when none runs."""
    url = local_webhook_url()
    if url is None:
        print(NO_STACK.format(state_directory()).replace(" (or give --url)", ""), file=sys.stderr)
        return 2
    secret = local_setting("whatsapp_app_secret")
    if not secret:
        print("no WhatsApp settings yet: start the stack once with `make run`", file=sys.stderr)
        return 2
    base = local_setting("whatsapp_api_base") or "(started by make run)"
    print(f"webhook URL         {url}")
    print(f"WHATSAPP_VERIFY_TOKEN {local_setting('whatsapp_verify_token')}")
    print(f"WHATSAPP_APP_SECRET   {secret}")
    print(f"WHATSAPP_ACCESS_TOKEN {local_setting('whatsapp_access_token')}")
    print(f"WHATSAPP_API_BASE     {base}  (messages sent: {base}/recorded)")
    print("try it: .venv/bin/python -m dev.whatsapp_inbound --text 'Halo' [--image foto.jpg]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
