"""Uploaded files (request letters, identity documents, evidence): what they may be, how a
landed file is judged, and the metadata that must not be kept (EXIF, GPS).

Pure: bytes in, bytes out. The S3 side lives in the adapters.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .errors import AppError
from .timeutil import to_utc

PURPOSES = ("request_letter", "identity", "evidence")
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_BYTES = 10 * 1024 * 1024
UPLOAD_WINDOW = timedelta(minutes=10)


class UploadInvalid(AppError):
    """An upload cannot be used: the field that named it and why."""

    code = "upload_invalid"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Upload:
    """One file: declared on request, verified after it lands, used once by one item."""

    id: str
    purpose: str
    content_type: str
    declared_size: int
    filename: str
    created_at: datetime
    state: str = "pending"  # pending | verified | used
    size: int | None = None
    sha256: str | None = None
    owner: str | None = None  # the item that used it, e.g. AUD#AUD-2611-XXXXXX

    @property
    def quarantine_key(self) -> str:
        return f"quarantine/{self.id}"

    @property
    def verified_key(self) -> str:
        return f"verified/{self.purpose}/{self.id}"

    @property
    def expires_at(self) -> datetime:
        return self.created_at + UPLOAD_WINDOW

    def verified(self, size: int, sha256: str) -> Upload:
        return replace(self, state="verified", size=size, sha256=sha256)


def sniff(head: bytes) -> str | None:
    """The real type by magic bytes; None for anything we do not accept."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def judge(
    upload: Upload, field: str, purpose: str, size: int | None, head: bytes, now: datetime
) -> None:
    """Raise UploadInvalid naming the first defect of a pending upload that should have landed."""
    if upload.purpose != purpose:
        raise UploadInvalid(field, "wrong_purpose")
    if upload.state == "used":
        raise UploadInvalid(field, "already_used")
    if upload.state == "verified":
        return
    if size is None:
        expired = to_utc(now) > upload.expires_at
        raise UploadInvalid(field, "expired" if expired else "not_uploaded")
    if size == 0:
        raise UploadInvalid(field, "empty")
    if size > MAX_BYTES or size != upload.declared_size:
        raise UploadInvalid(field, "too_large" if size > MAX_BYTES else "size_mismatch")
    if sniff(head) != upload.content_type:
        raise UploadInvalid(field, "type_mismatch")


# --- metadata stripping -----------------------------------------------------------------
# Hand-written on purpose: re-encoding through an imaging library would change the image,
# and the small EXIF libraries are unmaintained. Only whole segments/chunks are dropped.

_JPEG_DROP = {
    0xE1,
    0xE2,
    0xE3,
    0xE4,
    0xE5,
    0xE6,
    0xE7,
    0xE8,
    0xE9,
    0xEA,
    0xEB,
    0xEC,
    0xED,
    0xEF,
    0xFE,
}
# APP1 (Exif, XMP), APP2-APP13, APP15 and COM go; APP0 (JFIF) and APP14 (Adobe colour) stay.


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG without EXIF/GPS/XMP/IPTC segments and comments; pixels untouched."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("bad JPEG segment")
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[i:]
            return bytes(out)
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        segment = data[i : i + 2 + length]
        if marker not in _JPEG_DROP:
            out += segment
        i += 2 + length
    raise ValueError("JPEG without image data")


_PNG_DROP = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}


def strip_png_metadata(data: bytes) -> bytes:
    """The PNG without eXIf and text chunks."""
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("not a PNG")
    out = bytearray(signature)
    i = len(signature)
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        chunk = data[i : i + 12 + length]
        if kind not in _PNG_DROP:
            out += chunk
        i += 12 + length
        if kind == b"IEND":
            break
    return bytes(out)


def strip_metadata(content_type: str, data: bytes) -> bytes:
    if content_type == "image/jpeg":
        return strip_jpeg_metadata(data)
    if content_type == "image/png":
        return strip_png_metadata(data)
    return data
