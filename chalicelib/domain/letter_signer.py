"""Who signs the bureau's letters (issue 20 point 2): the signer the admin sets in the console
(name, pangkat/golongan, NIP, jabatan; one stored setting), else the one settings name
(LETTER_SIGNER_*), else nobody yet: a letter is then only previewed, with a placeholder in
its signature block, and issuing it is refused (SignerNotSet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import FieldError, FieldErrors
from .letter import Signer

NIP_LENGTH = 18
NAME_MAX = 120
POSITION_MAX = 160
RANK_MAX = 120

PLACEHOLDER_NAME = "Pejabat Penandatangan"
"""The name a preview carries while no signer is set (never on an issued letter)."""


def normalize_nip(nip: str) -> str:
    """The NIP as stored: its digits, the spaces people write between its groups dropped
    ("19700101 199003 1 001" is "197001011990031001")."""
    return "".join(nip.split())


def nip_ok(nip: str) -> bool:
    """An NIP (Nomor Induk Pegawai) is 18 digits."""
    n = normalize_nip(nip)
    return len(n) == NIP_LENGTH and n.isascii() and n.isdigit()


@dataclass(frozen=True, slots=True)
class StoredSigner:
    """The signer as the admin set it; `version` counts its changes (the write condition)."""

    name: str
    position: str
    rank: str
    nip: str
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = None

    def signer(self) -> Signer:
        """The letter's signature block."""
        return Signer(self.position, self.name, self.rank, self.nip)


def checked(name: str, position: str, rank: str, nip: str) -> tuple[str, str, str, str]:
    """The signer's fields trimmed, the NIP as digits; FieldErrors naming every bad field
    (`name`, `position`: blank; `nip`: not 18 digits)."""
    name, position, rank = name.strip(), position.strip(), rank.strip()
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("name", "blank"))
    if not position:
        errors.append(FieldError("position", "blank"))
    if not nip_ok(nip):
        errors.append(FieldError("nip", "nip_invalid"))
    if errors:
        raise FieldErrors(errors)
    return name, position, rank, normalize_nip(nip)


@dataclass(frozen=True, slots=True)
class SignerChoice:
    """The signer a letter takes now and where it came from: `stored` (set in the console),
    `settings` (LETTER_SIGNER_*) or `unset` (the placeholder: preview only)."""

    signer: Signer
    source: str

    @property
    def is_set(self) -> bool:
        return self.source != "unset"


def choose(
    stored: StoredSigner | None, from_settings: Signer | None, placeholder: Signer
) -> SignerChoice:
    """The stored signer first, then the one settings name, else the placeholder."""
    if stored is not None:
        return SignerChoice(stored.signer(), "stored")
    if from_settings is not None:
        return SignerChoice(from_settings, "settings")
    return SignerChoice(placeholder, "unset")
