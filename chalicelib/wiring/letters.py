"""Wiring of the reply letters: their settings, signer (local certificate or KMS), kop,
signature block and the letter service with its builder (in process or the letters Lambda)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.config import get_settings
from chalicelib.wiring.registry import built, client
from chalicelib.wiring.storage import dynamo, staff_directory

if TYPE_CHECKING:
    from chalicelib.services.letter_signer import LetterSignerService
    from chalicelib.services.letters import LetterService


def letter_settings() -> Any:
    """The settings every letter takes (domain.letter.LetterSettings)."""
    from chalicelib.domain.letter import LetterSettings

    s = get_settings()
    return LetterSettings(
        pattern=s.letter_number_pattern,
        classification=s.letter_classification,
        unit_code=s.letter_unit_code,
        signer_sub=s.letter_signer_sub,
        signer_position=s.letter_signer_position,
        signer_rank=s.letter_signer_rank,
        signer_nip=s.letter_signer_nip,
        signer_name=s.letter_signer_name,
        copies=s.letter_copies_list(),
        verify_base_url=s.portal_base_url,
    )


def letter_signer() -> Any:
    """pyHanko's signer: the local self-signed bureau certificate (LETTER_SIGNING_DIR, made
    once), or the KMS key with its certificate from settings (AWS)."""
    from pathlib import Path

    from chalicelib.adapters import letter_sign

    s = get_settings()
    if s.letter_kms_key_id and s.letter_certificate_pem:
        return letter_sign.kms_signer(client("kms"), s.letter_kms_key_id, s.letter_certificate_pem)
    if not s.letter_signing_dir:
        raise RuntimeError("LETTER_SIGNING_DIR or LETTER_KMS_KEY_ID is needed to sign letters")
    directory = Path(s.letter_signing_dir)
    letter_sign.self_signed_certificate(
        directory, "Biro Kesejahteraan Rakyat", "Pemerintah Provinsi Kalimantan Barat"
    )
    return letter_sign.local_signer(directory)


@built
def letter_builder() -> Any:
    """Who builds letters and receipts: the letters function (LETTER_FUNCTION_NAME, AWS) or
    this process (fpdf2 and pyHanko installed: `make run`, tests)."""
    from chalicelib.adapters.letter_builder import InProcessLetterBuilder, LambdaLetterBuilder

    s = get_settings()
    if s.letter_function_name:
        return LambdaLetterBuilder(client("lambda"), s.letter_function_name)
    return InProcessLetterBuilder(letter_signer)


@built
def letter_service() -> LetterService:
    from chalicelib.adapters.letter_repo import DynamoLetterRepository
    from chalicelib.adapters.s3_store import S3FileStore
    from chalicelib.services.letters import LetterService

    s = get_settings()
    return LetterService(
        DynamoLetterRepository(dynamo()),
        S3FileStore(client("s3"), s.bucket_name, s.upload_sse),
        letter_builder(),
        letter_settings,
    )


def letter_parts() -> Any:
    """services.audience_letters.LetterParts: the signer (the stored one, else settings'; one
    GetItem), the kop and the Tembusan, as now."""
    from chalicelib.services.audience_letters import LetterParts

    choice = letter_signer_service().current()
    return LetterParts(
        choice.signer, letterhead(), get_settings().letter_copies_list(), choice.is_set
    )


@built
def letter_signer_service() -> LetterSignerService:
    """The letter signer the admin sets (one item, SETTINGS/LETTER_SIGNER), with settings'
    signer as the fallback (services.letter_signer.LetterSignerService)."""
    from chalicelib.adapters.signer_repo import DynamoSignerRepository
    from chalicelib.services.letter_signer import LetterSignerService

    return LetterSignerService(
        DynamoSignerRepository(dynamo()), letter_signer_block, signer_placeholder
    )


def letter_signer_block() -> Any:
    """The signature block settings name, or None when they name nobody: position, rank and
    NIP from settings, the name from the staff directory (LETTER_SIGNER_SUB) or
    LETTER_SIGNER_NAME."""
    from chalicelib.domain.letter import Signer

    s = get_settings()
    name = (s.letter_signer_name or "").strip()
    if s.letter_signer_sub:
        member = staff_directory().get(s.letter_signer_sub)
        if member is not None and member.name:
            name = member.name
    if not name:
        return None
    return Signer(s.letter_signer_position, name, s.letter_signer_rank, s.letter_signer_nip)


def signer_placeholder() -> Any:
    """The block a preview carries while no signer is set (issuing is refused then)."""
    from chalicelib.domain.letter import Signer
    from chalicelib.domain.letter_signer import PLACEHOLDER_NAME

    s = get_settings()
    return Signer(s.letter_signer_position, PLACEHOLDER_NAME, s.letter_signer_rank, "-")


def letterhead() -> Any:
    """The kop from the service standard's data file (address, website, telephone, e-mail)."""
    from chalicelib.data import load_json
    from chalicelib.domain.letter import letterhead_from_standard

    return letterhead_from_standard(
        load_json("standar_pelayanan.json"), get_settings().letter_place
    )
