"""Phone numbers: one stored form, E.164 (`+6281234567890`), whatever way a person typed it.

Every phone number the service keeps (portal forms, the console's intakes and guestbook,
WhatsApp senders) goes through `to_e164` before it is stored or compared, so `0812-3456-7890`,
`+62 812 3456 7890`, `0812.3456.7890` and the same digits pasted with invisible marks are one
number. Parsing and validity come from Google's libphonenumber metadata (the `phonenumbers`
package, pinned as its metadata-only build `phonenumberslite` in requirements.txt), imported
on first use: it is not loaded by a cold start that never sees a phone number.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_REGION = "ID"  # a number without a country code is Indonesian (Kalimantan Barat)

# What a person may type around the digits: spaces, brackets, dots, slashes and dashes (the
# Unicode hyphens and dashes too, U+2010-U+2015 and the minus sign). Letters are refused:
# libphonenumber would read `0812-KESRA` as a vanity number.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_TYPED = re.compile(r"[0-9 ()\-./+]{1,40}")


class InvalidPhoneNumber(ValueError):
    """The text is not a phone number that can be dialled (libphonenumber's `is_valid_number`
    for its country), or carries an extension E.164 cannot hold. The API answers it as a
    400 on the field (`phone_invalid`)."""


def _typed_text(text: str) -> str:
    """`text` with its invisible format marks (Unicode category Cf: U+202A/U+202C direction
    marks, zero-width spaces, U+FEFF) removed, compatibility forms folded (NFKC: full-width
    digits, NBSP and the other spaces become ASCII), dashes made `-`, and trimmed."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    folded = unicodedata.normalize("NFKC", visible).translate(_DASHES)
    return " ".join(folded.split())


def to_e164(text: str, region: str = DEFAULT_REGION) -> str:
    """The number `text` as E.164: `+`, country code and national number, digits only
    (`"0812-3456-7890"` -> `"+6281234567890"`). A number without `+` is read in `region`
    (ISO 3166-1 alpha-2, default `ID`): its leading trunk `0` is dropped, and a number typed
    as `62 812...` is recognised as already carrying Indonesia's code. A WhatsApp `wa_id`
    (digits with the country code, no `+`) is passed as `"+" + wa_id`.

    Raises InvalidPhoneNumber for letters, an extension, or a number libphonenumber does not
    hold valid (too short or long for its country, an unassigned prefix). Pure: no I/O;
    about 20 ms to import the metadata on the first call of a process, microseconds after."""
    typed = _typed_text(text)
    if not _TYPED.fullmatch(typed) or typed.count("+") > 1:
        raise InvalidPhoneNumber(text)
    import phonenumbers  # heavy metadata: loaded on the first phone number only

    try:
        number = phonenumbers.parse(typed, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhoneNumber(text) from None
    if number.extension or not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_e164(text: str) -> bool:
    """Whether `text` is already in the stored form (`+` and 8-15 digits, ITU-T E.164)."""
    return re.fullmatch(r"\+[1-9][0-9]{7,14}", text) is not None
