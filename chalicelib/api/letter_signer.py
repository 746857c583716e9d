"""The letter signer (issue 20 point 2): the admin sets who signs the bureau's letters (name,
pangkat/golongan, NIP, jabatan) without a redeploy; staff who issue letters read it (the
console warns them while none is set: issuing is refused until then)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.problems import FieldProblem
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings

if TYPE_CHECKING:
    from chalicelib.services.letter_signer import SignerView

bp = Blueprint(__name__)

# domain.letter_signer's limits (the domain loads with the route's first use: cold start)
NAME_MAX, POSITION_MAX, RANK_MAX = 120, 160, 120

ADMIN = frozenset({"admin"})
# those who issue letters (audience replies, complaint answers) and the supervisor
READ = frozenset({"front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"})


class LetterSignerIn(RequestModel):
    name: Annotated[
        str, Field(min_length=1, max_length=NAME_MAX, description="Full name with titles")
    ]
    position: Annotated[
        str,
        Field(
            min_length=1,
            max_length=POSITION_MAX,
            description="Jabatan, e.g. Kepala Biro Kesejahteraan Rakyat",
        ),
    ]
    rank: Annotated[
        str | None,
        Field(
            max_length=RANK_MAX,
            description="Pangkat/golongan, e.g. Pembina Tk. I (IV/b); null or absent: none",
        ),
    ] = None
    nip: Annotated[
        str,
        Field(
            min_length=1,
            max_length=30,
            description="18 digits; spaces between the groups are dropped",
        ),
    ]

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[FieldProblem]:
        """An NIP that is not 18 digits, named even when another field fails."""
        from chalicelib.domain.letter_signer import nip_ok

        nip = data.get("nip")
        if isinstance(nip, str) and nip.strip() and not nip_ok(nip):
            return [FieldProblem("nip", "nip_invalid")]
        return []


class LetterSignerOut(ResponseModel):
    name: str
    position: str
    rank: str
    nip: str
    source: Annotated[
        Literal["stored", "settings", "unset"],
        Field(
            description="stored: set in the console; settings: LETTER_SIGNER_*; unset: "
            "nobody yet (name is the preview's placeholder; issuing a letter is refused)"
        ),
    ]
    version: Annotated[int, Field(description="The stored setting's version (0: none yet)")]
    updated_at: datetime | None
    updated_by: str | None
    updated_by_name: Annotated[
        str | None, Field(description="The full name the staff directory holds for updated_by")
    ] = None


def _reply(view: SignerView) -> Reply:
    s, stored = view.choice.signer, view.stored
    body = LetterSignerOut(
        name=s.name,
        position=s.position,
        rank=s.rank,
        nip=s.nip,
        source=view.choice.source,  # type: ignore[arg-type]
        version=stored.version if stored else 0,
        updated_at=stored.updated_at.astimezone(get_settings().tz)
        if stored and stored.updated_at
        else None,
        updated_by=stored.updated_by if stored else None,
        updated_by_name=_name(stored.updated_by if stored else None),
    )
    return Reply(body, headers={"ETag": f'"{body.version}"'})


def _name(sub: str | None) -> str | None:
    """The staff directory's full name of `sub` (None when unknown or no sub): the console
    writes "Diubah ... oleh Rina Admin (admin1)", never the bare account (issue 17 point 9)."""
    if not sub:
        return None
    from chalicelib.api.staff import staff_names

    return staff_names([sub]).get(sub)


@endpoint(
    bp,
    "GET",
    "/v1/admin/settings/letter-signer",
    summary="Who signs the bureau's letters now, and where that comes from",
    tag="settings",
    roles=READ,
    response=LetterSignerOut,
    etag=True,
)
def get_letter_signer(ctx: Ctx) -> Reply:
    return _reply(bootstrap.letter_signer_service().view())


@endpoint(
    bp,
    "PUT",
    "/v1/admin/settings/letter-signer",
    summary="Set who signs the bureau's letters (If-Match: its version; audited)",
    tag="settings",
    roles=ADMIN,
    body=LetterSignerIn,
    response=LetterSignerOut,
    errors=(412,),
    etag=True,
)
def put_letter_signer(ctx: Ctx, body: LetterSignerIn) -> Reply:
    from chalicelib.domain.letter_signer import SignerChoice
    from chalicelib.services.letter_signer import SignerView

    stored = bootstrap.letter_signer_service().set(
        body.name,
        body.position,
        body.rank or "",
        body.nip,
        ctx.actor,
        ctx.now,
        if_match=ctx.if_match(),
    )
    return _reply(SignerView(SignerChoice(stored.signer(), "stored"), stored))
