"""The bureau's rooms: the admin keeps the list (name, capacity, active); the scheduling
roles read it to offer rooms in the week view. Meetings still take any place's name."""

from __future__ import annotations

from typing import Annotated, Any

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.problems import FieldProblem
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.domain.rooms import CAPACITY_MAX, NAME_MAX, Room

bp = Blueprint(__name__)

ADMIN = frozenset({"admin"})
READ = frozenset({"front_desk", "supervisor", "admin"})  # those who see the scheduling


class RoomIn(RequestModel):
    name: Annotated[
        str,
        Field(
            min_length=1,
            max_length=NAME_MAX,
            description="Unique among the bureau's rooms, compared as the room locks compare "
            "(spaces collapsed, case ignored)",
        ),
    ]
    capacity: Annotated[int, Field(ge=1, le=CAPACITY_MAX, description="People")]
    active: Annotated[
        bool, Field(description="False: no longer offered; old meetings keep its name")
    ] = True

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """A name of spaces only is missing (the service's rule, named even when another
        field fails)."""
        name = data.get("name")
        if isinstance(name, str) and name and not name.strip():
            return [FieldProblem("name", "missing")]
        return []


class NewRoomIn(RoomIn):
    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """As RoomIn, and a name another room has (one read of the list, only for a body
        that failed elsewhere: a valid one is checked by the service)."""
        problems = super().rule_problems(data)
        name = data.get("name")
        if not problems and isinstance(name, str) and name.strip():
            from chalicelib.domain.errors import AppError

            try:
                taken = bootstrap.room_service().rooms().listed(name)
            except AppError:  # the store cannot answer now: the next try will say it
                taken = None
            if taken is not None:
                problems.append(FieldProblem("name", "already_exists"))
        return problems


class RoomOut(ResponseModel):
    id: Annotated[str, Field(description="Stable across renames (R1, R2, ...)")]
    name: str
    capacity: int
    active: bool
    version: Annotated[int, Field(description="This room's version (its ETag)")]


class RoomList(ResponseModel):
    items: list[RoomOut]
    next_cursor: Annotated[None, Field(description="Always null: the list is one page")]


def _out(room: Room) -> RoomOut:
    return RoomOut(
        id=room.id,
        name=room.name,
        capacity=room.capacity,
        active=room.active,
        version=room.version,
    )


def _reply(room: Room, status: int = 200) -> Reply:
    return Reply(_out(room), status=status, headers={"ETag": f'"{room.version}"'})


@endpoint(
    bp,
    "GET",
    "/v1/admin/rooms",
    summary="The bureau's rooms, active or not, in the order they were added",
    tag="rooms",
    roles=READ,
    response=RoomList,
)
def list_rooms(ctx: Ctx) -> RoomList:
    rooms = bootstrap.room_service().rooms()
    return RoomList(items=[_out(r) for r in rooms.rooms], next_cursor=None)


@endpoint(
    bp,
    "POST",
    "/v1/admin/rooms",
    summary="Add a room (audited)",
    tag="rooms",
    roles=ADMIN,
    body=NewRoomIn,
    response=RoomOut,
    status=201,
    errors=(409,),
    etag=True,
)
def add_room(ctx: Ctx, body: NewRoomIn) -> Reply:
    room = bootstrap.room_service().add(body.name, body.capacity, body.active, ctx.actor, ctx.now)
    return _reply(room, status=201)


@endpoint(
    bp,
    "PUT",
    "/v1/admin/rooms/{room_id}",
    summary="Rename, resize or (de)activate a room (If-Match: its version; audited)",
    tag="rooms",
    roles=ADMIN,
    body=RoomIn,
    response=RoomOut,
    errors=(404, 409, 412),
    etag=True,
)
def change_room(ctx: Ctx, room_id: str, body: RoomIn) -> Reply:
    room = bootstrap.room_service().change(
        room_id,
        body.name,
        body.capacity,
        body.active,
        ctx.actor,
        ctx.now,
        if_match=ctx.if_match(),
    )
    return _reply(room)
