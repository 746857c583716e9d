"""The staff directory's two adapters (services/ports.StaffDirectory).

- `CognitoStaffDirectory` (AWS): the members of the user pool's five groups, read with
  `ListUsersInGroup` (one paginated call per group), kept for a minute in a warm process.
- `TableStaffDirectory` (`make run`): the local staff accounts in the table, one partition
  (`PK=STAFF`, `SK=USER#<sub>`), read with one Query or one GetItem. `make user` and
  `make token` write them (dev/staff_accounts.py); the password hash they may carry is never
  read here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.domain.errors import StorageUnavailable
from chalicelib.domain.staff import ROLES, StaffMember

STAFF_PK = "STAFF"


def staff_sk(sub: str) -> str:
    return f"USER#{sub}"


def member_from(item: dict[str, Any]) -> StaffMember:
    return StaffMember(
        sub=str(item["sub"]),
        name=str(item.get("name") or item["sub"]),
        roles=frozenset(str(r) for r in item.get("roles", [])),
    )


class TableStaffDirectory:
    """The local staff accounts (`make user`, `make token`) stored in the table."""

    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def members(self, role: str | None = None) -> list[StaffMember]:
        found: list[StaffMember] = []
        start: dict[str, Any] | None = None
        while True:
            kwargs: dict[str, Any] = {
                "KeyConditionExpression": "PK = :pk",
                "ExpressionAttributeValues": {":pk": {"S": STAFF_PK}},
                "ProjectionExpression": "#s, #n, #r",
                "ExpressionAttributeNames": {"#s": "sub", "#n": "name", "#r": "roles"},
            }
            if start:
                kwargs["ExclusiveStartKey"] = start
            items, start = self._db.query(**kwargs)
            found.extend(member_from(i) for i in items)
            if not start:
                break
        return sorted((m for m in found if role is None or role in m.roles), key=lambda m: m.sub)

    def get(self, sub: str) -> StaffMember | None:
        item = self._db.get(STAFF_PK, staff_sk(sub))
        return member_from(item) if item else None


def user_pool_id(arn: str) -> str:
    """`arn:aws:cognito-idp:<region>:<account>:userpool/<id>` -> `<id>`."""
    return arn.rsplit("/", 1)[-1]


class CognitoStaffDirectory:
    """Members of the user pool's groups (one group per role). Disabled users are left out:
    they cannot sign in, so they are never offered work. Read at most once a minute per warm
    process (`cache_seconds`)."""

    def __init__(
        self,
        client: Any,
        pool_id: str,
        cache_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._pool = pool_id
        self._ttl = cache_seconds
        self._clock = clock
        self._cached: dict[str, StaffMember] | None = None
        self._read_at = 0.0

    def _group(self, role: str) -> list[dict[str, Any]]:
        users: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"UserPoolId": self._pool, "GroupName": role, "Limit": 60}
        while True:
            try:
                out = self._client.list_users_in_group(**kwargs)
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "Unknown")
                if code == "ResourceNotFoundException":
                    return users  # the group does not exist (yet): nobody holds the role
                raise StorageUnavailable(f"cognito-idp: {code}", aws_code=code) from exc
            users.extend(out.get("Users", []))
            token = out.get("NextToken")
            if not token:
                return users
            kwargs["NextToken"] = token

    def _all(self) -> dict[str, StaffMember]:
        now = self._clock()
        if self._cached is not None and now - self._read_at < self._ttl:
            return self._cached
        names: dict[str, str] = {}
        roles: dict[str, set[str]] = {}
        for role in ROLES:
            for user in self._group(role):
                if user.get("Enabled") is False:
                    continue
                attrs = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                sub = attrs.get("sub") or user["Username"]
                names[sub] = attrs.get("name") or attrs.get("email") or user["Username"]
                roles.setdefault(sub, set()).add(role)
        self._cached = {
            sub: StaffMember(sub, names[sub], frozenset(held)) for sub, held in roles.items()
        }
        self._read_at = now
        return self._cached

    def members(self, role: str | None = None) -> list[StaffMember]:
        return sorted(
            (m for m in self._all().values() if role is None or role in m.roles),
            key=lambda m: m.sub,
        )

    def get(self, sub: str) -> StaffMember | None:
        return self._all().get(sub)
