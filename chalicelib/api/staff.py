"""The staff directory as the console sees it: who can be offered work (e.g. assignees)."""

from __future__ import annotations

from typing import Annotated, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel

bp = Blueprint(__name__)

READ = frozenset({"complaint_officer", "supervisor", "admin"})
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
