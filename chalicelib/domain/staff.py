"""Staff members as the staff directory knows them: who may be offered and assigned work.

The directory is the Cognito user pool's groups in AWS and the local staff accounts in the
table under `make run` (services/ports.StaffDirectory). A member's `sub` is what tokens and
assignments name.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES: tuple[str, ...] = (
    "front_desk",
    "complaint_officer",
    "complaint_team",
    "supervisor",
    "admin",
)


@dataclass(frozen=True, slots=True)
class StaffMember:
    """One staff member: `sub` (the token's subject), a display `name`, and the roles
    (Cognito groups) they hold."""

    sub: str
    name: str
    roles: frozenset[str]
