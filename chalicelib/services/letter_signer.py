"""Use cases of the letter signer (issue 20 point 2): the admin sets who signs the bureau's
letters (name, pangkat/golongan, NIP, jabatan) without a redeploy; every letter takes the
stored signer, else the one settings name (LETTER_SIGNER_*), else none yet (preview only).
Each change is conditional on the version read and audited (item LETTER_SIGNER, action
`letter_signer.set`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.audit import AuditEntry
from ..domain.errors import VersionConflict
from ..domain.letter import Signer
from ..domain.letter_signer import SignerChoice, StoredSigner, checked, choose
from ..domain.timeutil import to_utc
from .ports import SignerRepository

AUDIT_REF = "LETTER_SIGNER"


@dataclass(frozen=True, slots=True)
class SignerView:
    """What the console shows: the signer letters take now, its source, and the stored
    setting's version and last change (None before the admin set one)."""

    choice: SignerChoice
    stored: StoredSigner | None


class LetterSignerService:
    """`from_settings` gives the signer settings name (None when they name nobody) and
    `placeholder` the block a preview carries while none is set."""

    def __init__(
        self,
        repo: SignerRepository,
        from_settings: Callable[[], Signer | None],
        placeholder: Callable[[], Signer],
    ) -> None:
        self._repo = repo
        self._from_settings = from_settings
        self._placeholder = placeholder

    def current(self) -> SignerChoice:
        """The signer a letter takes now: one GetItem (plus the staff directory only when
        nothing is stored and settings name the signer by their sub)."""
        stored = self._repo.get()
        if stored is not None:
            return choose(stored, None, self._placeholder())
        return choose(None, self._from_settings(), self._placeholder())

    def view(self) -> SignerView:
        """The signer as the console shows it."""
        stored = self._repo.get()
        settings = None if stored is not None else self._from_settings()
        return SignerView(choose(stored, settings, self._placeholder()), stored)

    def set(
        self,
        name: str,
        position: str,
        rank: str,
        nip: str,
        actor: str,
        now: datetime,
        if_match: int | None = None,
    ) -> StoredSigner:
        """Store the signer; FieldErrors naming every bad field (name and position blank,
        NIP not 18 digits). VersionConflict when `if_match` is not the stored version (0 or
        None for the first) or another admin changed it between this read and this write."""
        name, position, rank, nip = checked(name, position, rank, nip)
        current = self._repo.get()
        version = current.version if current else 0
        if if_match is not None and if_match != version:
            raise VersionConflict()
        stored = StoredSigner(name, position, rank, nip, version + 1, to_utc(now), actor)
        audit = AuditEntry(
            AUDIT_REF,
            to_utc(now),
            actor,
            "letter_signer.set",
            _describe(current) if current else None,
            _describe(stored),
            None,
        )
        self._repo.put(stored, version, audit)
        return stored


def _describe(s: StoredSigner) -> str:
    """The signer as an audit line shows it: `position: name, rank, NIP nip`."""
    rank = f", {s.rank}" if s.rank else ""
    return f"{s.position}: {s.name}{rank}, NIP {s.nip}"
