"""Uploaded files (request letters, identity documents, evidence): what they may be, how a
landed file is judged, and the metadata that must not be kept (EXIF, GPS).

Pure: the rules only. Opening a file (Pillow, pypdf) and the S3 side live in the adapters.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .errors import UploadInvalid
from .timeutil import to_utc

PURPOSES = ("request_letter", "identity", "evidence")
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_BYTES = 10 * 1024 * 1024
UPLOAD_WINDOW = timedelta(minutes=10)
# A picture larger than this is refused (`image_too_large`): Pillow holds 4 bytes a pixel
# (RGB, CMYK) and turning a photo upright holds it twice, 320 MB at 40 megapixels, what the
# function's 512 MB allow. A photo that large is over 10 MiB as a JPEG anyway.
MAX_PIXELS = 40_000_000


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
    # SHA-256 (hex) of the secret given with the ticket (issue 17, point 15): a submission
    # names the upload by `<id>.<secret>`, so whoever learns the id alone (a staff screen, an
    # audit line, the object key) cannot use it. None for files the bureau received itself
    # (a WhatsApp media): no public submission can name those.
    secret_hash: str | None = None

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


@dataclass(frozen=True, slots=True)
class UploadUse:
    """A checked upload that a submission claims (its clean copy already under verified/,
    `upload.size` and `upload.sha256` those of that copy), and the request field naming it."""

    upload: Upload
    field: str


def upload_ref(upload_id: str, secret: str) -> str:
    """What a submission names an upload by: its id and its ticket's secret, joined by a dot."""
    return f"{upload_id}.{secret}"


def hash_upload_secret(secret: str) -> str:
    """The stored form of an upload's secret: SHA-256, hex (the secret is 192 random bits)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def split_ref(ref: str) -> tuple[str, str]:
    """(upload id, secret) of `upload_ref(...)`; a bare id gives an empty secret."""
    upload_id, _, secret = ref.partition(".")
    return upload_id, secret


def secret_opens(upload: Upload, secret: str) -> bool:
    """Whether `secret` is the one given with `upload`'s ticket (constant-time compare)."""
    if not secret or upload.secret_hash is None:
        return False
    return hmac.compare_digest(hash_upload_secret(secret), upload.secret_hash)


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


class FileRefused(Exception):
    """A landed file that the file inspector (a library, behind the FileInspector port) cannot
    open as its declared type, or will not keep: `reason` is a message key
    (`file_damaged`, `pdf_encrypted`, `image_too_large`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
