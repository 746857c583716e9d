"""List cursors are opaque: encrypted and authenticated, not base64 JSON (issue 10, point 9)."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.domain.errors import FieldError

SECRET = "s" * 40
POSITION = json.dumps(
    {
        "PK": {"S": "CMP#PGD-2611-7KQ3MX"},
        "SK": {"S": "ITEM"},
        "GSI1PK": {"S": "QUEUE#complaint#open"},
        "GSI1SK": {"S": "2026-11-30T09:00:00Z#PGD-2611-7KQ3MX"},
    }
)


def _decoded_bytes(cursor: str) -> bytes:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))


def test_a_cursor_shows_no_keys_codes_or_times() -> None:
    # GIVEN a resume key naming a tracking code, index keys and a deadline
    cursor = encode_cursor(POSITION, "complaints:open", SECRET)
    assert cursor is not None
    # WHEN the cursor is decoded the way a curious client would
    raw = _decoded_bytes(cursor)
    # THEN none of it is readable
    for secret_part in (b"PGD-2611-7KQ3MX", b"GSI1PK", b"QUEUE#", b"2026-11-30", b'{"PK"'):
        assert secret_part not in raw
    assert decode_cursor(cursor, "complaints:open", SECRET) == POSITION


def test_two_cursors_of_one_position_differ() -> None:
    first = encode_cursor(POSITION, "complaints:open", SECRET)
    second = encode_cursor(POSITION, "complaints:open", SECRET)
    assert first != second  # a fresh nonce: equal positions cannot be spotted


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=255))
def test_any_changed_byte_is_refused(index: int, xor: int) -> None:
    cursor = encode_cursor(POSITION, "complaints:open", SECRET)
    assert cursor is not None
    raw = bytearray(_decoded_bytes(cursor))
    i = index % len(raw)
    raw[i] ^= xor or 1
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(FieldError):
        decode_cursor(forged, "complaints:open", SECRET)


@pytest.mark.parametrize("cut", [1, 16, 17, 33])
def test_a_truncated_cursor_is_refused(cut: int) -> None:
    cursor = encode_cursor("p", "s", SECRET)
    assert cursor is not None
    with pytest.raises(FieldError):
        decode_cursor(cursor[:cut], "s", SECRET)


def test_a_cursor_of_another_list_is_refused() -> None:
    cursor = encode_cursor(POSITION, "complaints:open", SECRET)
    with pytest.raises(FieldError):
        decode_cursor(cursor, "complaints:closed", SECRET)
