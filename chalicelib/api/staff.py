"""The staff directory as the console sees it: who can be offered work (e.g. assignees)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel

bp = Blueprint(__name__)

READ = frozenset({"complaint_officer", "supervisor", "admin"})
EVERY_ROLE = frozenset({"front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"})
Role = Literal["front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"]


class StaffQuery(RequestModel):
    role: Annotated[Role | None, Field(description="Only members holding this role")] = None


class StaffOut(ResponseModel):
    sub: Annotated[str, Field(description="What tokens and `assign` name")]
    name: str
    roles: list[Role]


class StaffPage(ResponseModel):
    items: list[StaffOut]
    next_cursor: Annotated[None, Field(description="Always null: the directory is one page")]


@endpoint(
    bp,
    "GET",
    "/v1/admin/staff",
    summary="Staff members of the directory (Cognito groups in AWS, local accounts under "
    "make run), e.g. ?role=complaint_team for the assignees a complaint can be given to",
    tag="staff",
    roles=READ,
    query=StaffQuery,
    response=StaffPage,
)
def list_staff(ctx: Ctx, query: StaffQuery) -> StaffPage:
    members = bootstrap.staff_directory().members(query.role)
    return StaffPage(
        items=[
            StaffOut.model_validate({"sub": m.sub, "name": m.name, "roles": sorted(m.roles)})
            for m in members
        ],
        next_cursor=None,
    )


class MeOut(ResponseModel):
    sub: Annotated[str, Field(description="The token's subject")]
    name: Annotated[
        str | None, Field(description="Full name from the staff directory; null when unknown")
    ]
    roles: list[Role]


@endpoint(
    bp,
    "GET",
    "/v1/admin/me",
    summary="The signed-in staff member as the directory knows them (full name, roles), "
    "for the console's header",
    tag="staff",
    roles=EVERY_ROLE,
    response=MeOut,
)
def me(ctx: Ctx) -> MeOut:
    assert ctx.principal is not None
    names = staff_names([ctx.principal.sub])
    roles = sorted(r for r in ctx.principal.roles if r in EVERY_ROLE)
    return MeOut.model_validate(
        {"sub": ctx.principal.sub, "name": names.get(ctx.principal.sub), "roles": roles}
    )


def staff_names(subs: Iterable[str | None]) -> dict[str, str]:
    """`{sub: full name}` of the staff members among `subs`, from the staff directory, so the
    console names people ("Dewi Sartika") instead of their account ids ("tim1").

    One directory read: a GetItem for one sub, the whole directory (one Query; Cognito's
    cached groups in AWS) for several, none when `subs` holds no name. A sub the directory
    does not know (a former member, `public`, `reporter`, `system:...`) and a member whose
    name is only their sub are left out: the caller shows the sub itself.
    """
    wanted = {s for s in subs if s and s not in ("public", "reporter", "requester")}
    wanted = {s for s in wanted if not s.startswith("system:")}
    if not wanted:
        return {}
    directory = bootstrap.staff_directory()
    if len(wanted) == 1:
        (sub,) = wanted
        member = directory.get(sub)
        members = [member] if member else []
    else:
        members = [m for m in directory.members() if m.sub in wanted]
    return {m.sub: m.name for m in members if m.name and m.name != m.sub}
