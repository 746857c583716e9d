"""`make token ROLE=<role> [SUB=<id>]`: print a local staff JWT for the local stack."""

from __future__ import annotations

import argparse
import sys

from dev.localenv import local_secrets, mint_token

ROLES = ("front_desk", "complaint_officer", "complaint_team", "supervisor", "admin")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", required=True, choices=ROLES)
    parser.add_argument("--sub", default=None, help="the staff member's id (default local-<role>)")
    parser.add_argument("--hours", type=float, default=12.0)
    args = parser.parse_args(argv)
    print(mint_token(local_secrets()["LOCAL_JWT_SECRET"], args.role, args.sub, args.hours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
