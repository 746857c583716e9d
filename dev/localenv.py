"""Where the local stack keeps its state, and the secrets it and `make token` share."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REGION = "ap-southeast-3"


class StateError(RuntimeError):
    """The local state cannot be used; str() is one line naming the file and what to do."""


def state_dir() -> Path:
    """The state directory (LOCAL_STATE_DIR, default .local/), made if absent. StateError (one
    line naming it) when it cannot be made or written: the stack keeps its table, uploads,
    secrets and lock there, so a read-only one stops every tool before it starts anything."""
    import tempfile

    path = Path(os.environ.get("LOCAL_STATE_DIR", ROOT / ".local"))
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):  # a real write: chmod alone does not stop root
            pass
    except OSError as exc:
        raise StateError(
            f"cannot write to the state directory {path} ({exc.strerror or exc}): make it "
            "writable, or set LOCAL_STATE_DIR to a writable directory"
        ) from None
    return path


_NEW_SECRETS_EFFECT = (
    "staff tokens and list cursors made before then stop working; citizens' tracking "
    "tokens are kept as hashes in the table and keep working"
)


def local_secrets(directory: Path | None = None) -> dict[str, Any]:
    """Per-checkout random secrets, made once and kept under .local/ (git-ignored).

    Made quietly in a new state directory; StateError (one line) when secrets.json is
    damaged, or missing while the directory already holds a table (state.json or DynamoDB
    Local's file): new secrets there would silently invalidate every staff token."""
    directory = directory or state_dir()
    path = directory / "secrets.json"
    # The WhatsApp ones stand in for a Meta app's under `make run` (`make whatsapp-info`);
    # WHATSAPP_* in the environment win over them.
    wanted = (
        "LOCAL_JWT_SECRET",
        "CURSOR_SECRET",
        "TOKEN_SECRET",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_ACCESS_TOKEN",
    )
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text())
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            raise StateError(
                f"{path} is damaged: restore it from a backup, or write {{}} into it to make "
                f"new secrets ({_NEW_SECRETS_EFFECT})"
            ) from None
    elif (directory / "state.json").exists() or (
        directory / "dynamodb" / "shared-local-instance.db"
    ).exists():
        raise StateError(
            f"{path} is missing but {directory} holds data: restore it from a backup, or write "
            f"{{}} into it to make new secrets ({_NEW_SECRETS_EFFECT})"
        )
    if all(k in data for k in wanted):
        return data
    for name in wanted:  # a state dir from an older version gets the new ones added
        data.setdefault(name, secrets.token_urlsafe(48))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data))
    tmp.chmod(0o600)
    os.replace(tmp, path)
    return data


def mint_token(
    secret: str, role: str | list[str], sub: str | None = None, hours: float = 12.0
) -> str:
    """A local HS256 staff token: `role` is one role or the list of the account's roles."""
    import time

    import jwt

    now = int(time.time())
    roles = [role] if isinstance(role, str) else list(role)
    subject = sub or f"local-{roles[0]}"
    claims = {
        "sub": subject,
        "cognito:username": subject,
        "cognito:groups": roles,
        "iss": "kesra-local",
        "iat": now,
        "exp": now + int(hours * 3600),
        "token_use": "id",
    }
    return jwt.encode(claims, secret, algorithm="HS256")
