"""`make token ROLE=<role> [SUB=<id>]`: print a local staff JWT for the local stack.

The token's subject (default `local-<role>`) is registered with the role in the local staff
directory when it is not there yet (dev/staff_accounts.py), so every token names someone
the directory knows: the console offers them as an assignee, `assign` accepts them.
"""

from __future__ import annotations

import argparse
import sys

from dev.dynamodb_local import StorageStartError
from dev.local_table import StackBusy, open_table
from dev.localenv import StateError, local_secrets, mint_token
from dev.staff_accounts import ensure_member

ROLES = ("front_desk", "complaint_officer", "complaint_team", "supervisor", "admin")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", required=True, choices=ROLES)
    parser.add_argument("--sub", default=None, help="the staff member's id (default local-<role>)")
    parser.add_argument("--hours", type=float, default=12.0)
    parser.add_argument(
        "--no-register", action="store_true", help="do not add the subject to the directory"
    )
    args = parser.parse_args(argv)
    sub = args.sub or f"local-{args.role}"
    try:
        secret = local_secrets()["LOCAL_JWT_SECRET"]  # a damaged state stops before any write
        if not args.no_register:
            with open_table() as (client, table):
                ensure_member(client, table, sub, args.role)
    except (StateError, StorageStartError, StackBusy) as exc:
        print(f"make token: {exc}", file=sys.stderr)
        return 2
    print(mint_token(secret, args.role, sub, args.hours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
