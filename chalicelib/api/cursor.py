"""Opaque list cursors: the store's resume point, encrypted and authenticated, bound to its list.

A cursor carries a DynamoDB resume key, which names item keys, tracking codes and deadlines:
a client must neither read nor change it. The construction is encrypt-then-MAC with two keys
derived from `CURSOR_SECRET`, built only on HMAC-SHA256 (the standard library's `hmac` and
`hashlib`, backed by OpenSSL):

- encryption: HMAC-SHA256 used as a PRF in counter mode (block i of the key stream is
  HMAC(k_enc, nonce || i)), XORed with the position; a fresh random 16-byte nonce per cursor,
  so two cursors of the same position differ;
- authentication: HMAC-SHA256(k_mac, version || nonce || ciphertext || scope), truncated to
  16 bytes, checked in constant time before anything is decrypted. `scope` (the list and its
  filters) is authenticated but not carried, so a cursor cannot be replayed on another list.

Why not AES-GCM: it needs `cryptography`, 4.5 MiB zipped, a cold-start cost on every Lambda for
a few hundred bytes per list page; a pure-Python AES would be slow and unvetted. A PRF in
counter mode with encrypt-then-MAC under independent keys is a textbook authenticated
encryption (IND-CCA2: Bellare and Namprempre, 2000). The cursor's length still shows the
position's length, which says nothing about the data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from chalicelib.domain.errors import FieldError

VERSION = b"\x01"
NONCE_BYTES = 16
TAG_BYTES = 16
_BLOCK = hashlib.sha256().digest_size


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _keys(secret: str) -> tuple[bytes, bytes]:
    """Independent encryption and MAC keys, derived from the one setting."""
    root = secret.encode()
    return (
        hmac.new(root, b"kesra cursor v1 encryption", hashlib.sha256).digest(),
        hmac.new(root, b"kesra cursor v1 authentication", hashlib.sha256).digest(),
    )


def _keystream_xor(key: bytes, nonce: bytes, data: bytes) -> bytes:
    stream = bytearray()
    for counter in range((len(data) + _BLOCK - 1) // _BLOCK):
        stream += hmac.new(key, nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))


def _tag(key: bytes, nonce: bytes, ciphertext: bytes, scope: str) -> bytes:
    scope_bytes = scope.encode()
    message = VERSION + nonce + len(ciphertext).to_bytes(4, "big") + ciphertext + scope_bytes
    return hmac.new(key, message, hashlib.sha256).digest()[:TAG_BYTES]


def encode_cursor(position: str | None, scope: str, secret: str) -> str | None:
    """The cursor for `position` on the list `scope`; None stays None (the last page).
    Text, URL-safe base64 without padding."""
    if position is None:
        return None
    enc_key, mac_key = _keys(secret)
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = _keystream_xor(enc_key, nonce, position.encode())
    return _b64(VERSION + nonce + ciphertext + _tag(mac_key, nonce, ciphertext, scope))


def decode_cursor(cursor: str | None, scope: str, secret: str) -> str | None:
    """The position inside a cursor; FieldError('cursor', 'cursor_invalid') if it was altered,
    made with another secret or for another list."""
    if not cursor:
        return None
    try:
        raw = _unb64(cursor)
    except (ValueError, TypeError) as exc:
        raise FieldError("cursor", "cursor_invalid") from exc
    if len(raw) < 1 + NONCE_BYTES + TAG_BYTES or raw[:1] != VERSION:
        raise FieldError("cursor", "cursor_invalid")
    nonce = raw[1 : 1 + NONCE_BYTES]
    ciphertext, tag = raw[1 + NONCE_BYTES : -TAG_BYTES], raw[-TAG_BYTES:]
    enc_key, mac_key = _keys(secret)
    if not hmac.compare_digest(tag, _tag(mac_key, nonce, ciphertext, scope)):
        raise FieldError("cursor", "cursor_invalid")
    try:
        return _keystream_xor(enc_key, nonce, ciphertext).decode()
    except UnicodeDecodeError as exc:  # only with a forged tag, which the check above stops
        raise FieldError("cursor", "cursor_invalid") from exc
