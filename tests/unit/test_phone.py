"""Phone numbers to E.164 (issue 19 point 4): the usual ways of typing one number are one
number; what is not a number is refused."""

from __future__ import annotations

import pytest

from chalicelib.domain.phone import InvalidPhoneNumber, is_e164, to_e164

SAME_NUMBER = [
    "0812-3456-7890",
    "+62 812 3456 7890",
    "0812.3456.7890",
    "081234567890",
    "62 812 3456 7890",
    "(+62) 812-3456-7890",
    "+62 (0)812 3456 7890",
    "\u202a0812-3456-7890\u202c",  # pasted from a right-to-left chat: direction marks
    "0812\u00a03456\u00a07890",  # no-break spaces
    "0812\u20113456\u20117890",  # non-breaking hyphens
    "\ufeff0812\u200b3456 7890",  # BOM and zero-width space
    "\uff10\uff18\uff11\uff12 3456 7890",  # full-width digits
]


@pytest.mark.parametrize("typed", SAME_NUMBER)
def test_every_usual_way_of_typing_a_number_is_the_same_number(typed: str) -> None:
    assert to_e164(typed) == "+6281234567890"


def test_landlines_and_foreign_numbers_keep_their_codes() -> None:
    assert to_e164("(0561) 736541") == "+62561736541"  # Pontianak
    assert to_e164("+1 202 555 0123") == "+12025550123"
    assert to_e164("+" + "6285828735503") == "+6285828735503"  # a WhatsApp wa_id


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "call me",
        "0812 000",
        "123",
        "0812-KESRA",
        "+62 812 3456 7890 ext. 12",
        "++62 812 3456 7890",
        "0812345678901234567",
        "0812\x003456 7890",
    ],
)
def test_what_is_not_a_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        to_e164(typed)


def test_the_stored_form_is_recognised() -> None:
    assert is_e164(to_e164("0812-3456-7890"))
    assert not is_e164("0812-3456-7890")
