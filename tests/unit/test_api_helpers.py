"""Pure helpers of the API layer: language choice, problem bodies, cursors, roles."""

from __future__ import annotations

import base64

import pytest

from chalicelib.api.auth import parse_groups, principal_from_context
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.problems import FieldProblem, choose_language, problem_body
from chalicelib.domain.errors import FieldError

SECRET = "s" * 40


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "id"),
        ("", "id"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("en;q=0.5,id;q=0.8", "id"),
        ("fr", "id"),
        ("fr,en;q=0.2", "en"),
        ("en;q=0", "id"),
    ],
)
def test_choose_language(header: str | None, lang: str) -> None:
    assert choose_language(header) == lang


def test_problem_body_4xx_has_no_request_id_and_5xx_has_one() -> None:
    four = problem_body("not_found", "id", request_id="r-1")
    assert "request_id" not in four and four["status"] == 404
    five = problem_body("internal_error", "en", request_id="r-1")
    assert five["request_id"] == "r-1" and five["status"] == 500


def test_field_messages_are_translated_with_their_parameters() -> None:
    problem = FieldProblem("name", "string_too_long", {"max_length": 120})
    body_id = problem_body("validation_failed", "id", errors=[problem])
    body_en = problem_body("validation_failed", "en", errors=[problem])
    assert body_id["errors"] == [
        {"field": "name", "message": "terlalu panjang (maksimal 120 karakter)"}
    ]
    assert body_en["errors"][0]["message"] == "too long (at most 120 characters)"


def test_cursor_roundtrip_and_last_page() -> None:
    position = '{"PK":{"S":"x"}}'
    cursor = encode_cursor(position, "guestbook:2026-11-27", SECRET)
    assert cursor is not None
    # Opaque: neither the position nor its base64 shows (a bare "PK" may appear by chance).
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    assert position.encode() not in raw
    assert base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")[:8] not in cursor
    assert decode_cursor(cursor, "guestbook:2026-11-27", SECRET) == '{"PK":{"S":"x"}}'
    assert encode_cursor(None, "scope", SECRET) is None
    assert decode_cursor(None, "scope", SECRET) is None


@pytest.mark.parametrize("mutate", ["flip", "scope", "secret", "garbage"])
def test_cursor_tampering_is_detected(mutate: str) -> None:
    cursor = encode_cursor("position-1", "guestbook:2026-11-27", SECRET)
    assert cursor is not None
    scope, secret = "guestbook:2026-11-27", SECRET
    if mutate == "flip":
        cursor = ("A" if cursor[0] != "A" else "B") + cursor[1:]
    elif mutate == "scope":
        scope = "guestbook:2026-11-28"
    elif mutate == "secret":
        secret = "t" * 40
    else:
        cursor = "not-a-cursor"
    with pytest.raises(FieldError) as err:
        decode_cursor(cursor, scope, secret)
    assert err.value.field == "cursor"


@pytest.mark.parametrize(
    ("value", "roles"),
    [
        (["front_desk", "admin"], {"front_desk", "admin"}),
        ("front_desk", {"front_desk"}),
        ("front_desk,admin", {"front_desk", "admin"}),
        ("[front_desk admin]", {"front_desk", "admin"}),
        ("", set()),
        (None, set()),
    ],
)
def test_parse_groups_accepts_list_and_gateway_strings(value: object, roles: set[str]) -> None:
    assert parse_groups(value) == roles


def test_principal_needs_claims_with_a_subject() -> None:
    assert principal_from_context({}) is None
    assert principal_from_context({"authorizer": {"claims": {"cognito:groups": "admin"}}}) is None
    p = principal_from_context({"authorizer": {"claims": {"sub": "u1", "cognito:groups": "admin"}}})
    assert p is not None and p.sub == "u1" and p.roles == {"admin"}
