"""The local staff accounts: `make user USERNAME=.. ROLE=.. [PASSWORD=..] [NAME=..]`.

An account is the local stand-in for a Cognito user: its `sub` is its username, its roles
are its groups, and its password is kept only as an Argon2id hash (argon2-cffi, a
development dependency: none of this ships in the Lambda). They live in the local stack's
table (`PK=STAFF`, `SK=USER#<username>`, read by chalicelib.adapters.staff_directory), so the
API's staff directory knows everyone a local token names. `make token` registers its `SUB`
with its `ROLE` the same way (without a password: such an account cannot sign in).
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from datetime import UTC, datetime
from typing import Any

from chalicelib.adapters.staff_directory import STAFF_PK, staff_sk
from chalicelib.domain.staff import ROLES
from dev.dynamodb_local import StorageStartError
from dev.local_table import StackBusy, open_table
from dev.localenv import StateError

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
MIN_PASSWORD = 8


def hasher() -> Any:
    """Argon2id with the library's defaults (RFC 9106's second recommended option)."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    text: str = hasher().hash(password)
    return text


def _key(username: str) -> dict[str, Any]:
    return {"PK": {"S": STAFF_PK}, "SK": {"S": staff_sk(username)}}


def load_account(client: Any, table: str, username: str) -> dict[str, Any] | None:
    """The stored account (`sub`, `name`, `roles`, `password_hash` when set), or None."""
    from chalicelib.adapters.dynamo import from_item

    item = client.get_item(TableName=table, Key=_key(username), ConsistentRead=True).get("Item")
    return from_item(item) if item else None


def save_account(
    client: Any,
    table: str,
    username: str,
    roles: set[str],
    name: str | None = None,
    password_hash: str | None = None,
) -> str:
    """Create the account, or add the roles (and set the name and password, when given) to
    an existing one. Returns "created" or "updated"."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    names = {"#r": "roles", "#s": "sub", "#u": "updated_at", "#c": "created_at"}
    values: dict[str, Any] = {
        ":r": {"SS": sorted(roles)},
        ":s": {"S": username},
        ":now": {"S": now},
    }
    sets = ["#s = :s", "#u = :now", "#c = if_not_exists(#c, :now)"]
    if name:
        names["#n"] = "name"
        values[":n"] = {"S": name}
        sets.append("#n = :n")
    if password_hash:
        names["#p"] = "password_hash"
        values[":p"] = {"S": password_hash}
        sets.append("#p = :p")
    out = client.update_item(
        TableName=table,
        Key=_key(username),
        UpdateExpression="SET " + ", ".join(sets) + " ADD #r :r",
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
        ReturnValues="ALL_OLD",
    )
    return "updated" if out.get("Attributes") else "created"


def ensure_member(client: Any, table: str, sub: str, role: str) -> bool:
    """Register `sub` with `role` unless the directory has it already; True if it changed."""
    account = load_account(client, table, sub)
    if account is not None and role in account.get("roles", set()):
        return False
    save_account(client, table, sub, {role})
    return True


def _password(args: argparse.Namespace) -> str:
    given = os.environ.get("PASSWORD")
    if given:
        return given
    if not sys.stdin.isatty():
        raise SystemExit("make user: give PASSWORD=... or run it in a terminal to be asked")
    first = getpass.getpass(f"Password for {args.username}: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("make user: the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--username", required=True)
    parser.add_argument("--role", required=True, help="one of " + ", ".join(ROLES))
    parser.add_argument("--name", default="", help="display name (default: the username)")
    args = parser.parse_args(argv)
    if not USERNAME.fullmatch(args.username):
        print(
            "make user: USERNAME must be 2-64 letters, digits or . _ @ - (starting with a "
            "letter or digit)",
            file=sys.stderr,
        )
        return 2
    if args.role not in ROLES:
        print(f"make user: ROLE must be one of {', '.join(ROLES)}", file=sys.stderr)
        return 2
    password = _password(args)
    if len(password) < MIN_PASSWORD:
        print(f"make user: the password needs at least {MIN_PASSWORD} characters", file=sys.stderr)
        return 2
    try:
        with open_table() as (client, table):
            outcome = save_account(
                client,
                table,
                args.username,
                {args.role},
                args.name or None,
                hash_password(password),
            )
    except (StateError, StorageStartError, StackBusy) as exc:
        print(f"make user: {exc}", file=sys.stderr)
        return 2
    print(
        f"{outcome} {args.username} ({args.role}); sign in at the console or POST /v1/local/sign-in"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
