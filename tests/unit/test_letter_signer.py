"""The letter signer (issue 20 point 2): its checks (name and position required, the NIP 18
digits, spaces between groups dropped), the order letters take it in (stored, then settings,
else the placeholder: preview only), one read per letter, and the refusal to issue a letter
signed by the placeholder."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.errors import FieldErrors, SignerNotSet
from chalicelib.domain.letter import Signer
from chalicelib.domain.letter_signer import StoredSigner, checked, choose, nip_ok
from chalicelib.services.audience_letters import LetterParts
from chalicelib.services.letter_signer import LetterSignerService
from tests.clock import wib
from tests.fakes import FakeSignerRepository

SETTINGS = Signer("Kepala Biro Kesejahteraan Rakyat", "Dari Settings", "", "-")
PLACEHOLDER = Signer("Kepala Biro Kesejahteraan Rakyat", "Pejabat Penandatangan", "", "-")
STORED = StoredSigner("Dr. Ahmad", "Kepala Biro Kesra", "Pembina (IV/a)", "197001011990031001")


@pytest.mark.parametrize(
    ("nip", "ok"),
    [
        ("197001011990031001", True),
        ("19700101 199003 1 001", True),
        ("19700101199003100", False),  # 17
        ("1970010119900310011", False),  # 19
        ("19700101-199003-1-001", False),
        ("١٩٧٠٠١٠١١٩٩٠٠٣١٠٠١", False),  # digits, but not ASCII ones
        ("", False),
        ("-", False),
    ],
)
def test_an_nip_is_18_digits(nip: str, ok: bool) -> None:
    assert nip_ok(nip) is ok


def test_checked_trims_and_names_every_bad_field() -> None:
    assert checked(" Dr. A ", " Kepala ", " ", "19700101 199003 1 001") == (
        "Dr. A",
        "Kepala",
        "",
        "197001011990031001",
    )
    with pytest.raises(FieldErrors) as caught:
        checked("  ", "", "Pembina", "1970")
    assert [(e.field, e.message_key) for e in caught.value.errors] == [
        ("name", "blank"),
        ("position", "blank"),
        ("nip", "nip_invalid"),
    ]


def test_the_stored_signer_comes_first_then_settings_then_the_placeholder() -> None:
    stored = choose(STORED, SETTINGS, PLACEHOLDER)
    assert stored.source == "stored" and stored.signer == STORED.signer() and stored.is_set
    assert stored.signer.nip == "197001011990031001"
    assert choose(None, SETTINGS, PLACEHOLDER).signer == SETTINGS
    unset = choose(None, None, PLACEHOLDER)
    assert unset.source == "unset" and unset.signer == PLACEHOLDER and not unset.is_set


def test_one_read_per_letter_and_settings_only_asked_when_nothing_is_stored() -> None:
    asked: list[int] = []

    def settings() -> Signer | None:
        asked.append(1)
        return SETTINGS

    repo = FakeSignerRepository()
    service = LetterSignerService(repo, settings, lambda: PLACEHOLDER)
    assert service.current().signer == SETTINGS and repo.reads == 1 and len(asked) == 1
    service.set("Dr. Ahmad", "Kepala Biro Kesra", "", "197001011990031001", "a", wib(2026, 12, 7))
    repo.reads = 0
    assert service.current().signer.name == "Dr. Ahmad"
    assert repo.reads == 1 and len(asked) == 1  # the staff directory is not asked
    audit = repo.audit[-1]
    assert audit.item_ref == "LETTER_SIGNER" and audit.action == "letter_signer.set"


def test_a_letter_is_not_issued_signed_by_the_placeholder() -> None:
    head: Any = object()
    parts = LetterParts(PLACEHOLDER, head, (), signer_set=False)
    with pytest.raises(SignerNotSet):
        parts.for_issuing()
    ready = LetterParts(SETTINGS, head, ())
    assert ready.for_issuing() is ready


def test_the_refusal_has_a_problem_in_both_languages() -> None:
    from chalicelib.data import load_json

    problems = load_json("problems.json")
    p = problems["problems"]["signer_not_set"]
    assert p["status"] == 409
    assert p["id"]["title"] == "Penandatangan belum ditetapkan"
    assert "Admin" in p["id"]["detail"] and "Admin" in p["en"]["detail"]
    assert "18" in problems["fields"]["nip_invalid"]["id"]
    assert "18" in problems["fields"]["nip_invalid"]["en"]


def test_the_api_states_the_domains_limits() -> None:
    from chalicelib.api import letter_signer as api
    from chalicelib.domain import letter_signer as domain

    assert (api.NAME_MAX, api.POSITION_MAX, api.RANK_MAX) == (
        domain.NAME_MAX,
        domain.POSITION_MAX,
        domain.RANK_MAX,
    )
