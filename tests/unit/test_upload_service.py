"""The upload service on in-memory fakes: what the file inspector keeps is what is stored,
and what it refuses is an upload_invalid naming the field, with nothing written."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import UploadInvalid, VersionConflict
from chalicelib.domain.uploads import FileRefused, Upload, upload_ref
from chalicelib.services.uploads import UploadService

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


class Files:
    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> tuple[str, dict[str, str]]:
        return "http://files.test/", {"key": key}

    def size(self, key: str) -> int | None:
        data = self.objects.get(key)
        return None if data is None else len(data)

    def read(self, key: str) -> bytes:
        return self.objects[key]

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = data

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str:
        return f"http://files.test/{key}"


class Uploads:
    def __init__(self) -> None:
        self.items: dict[str, Upload] = {}
        self.trail: list[AuditEntry] = []

    def add(self, upload: Upload) -> None:
        self.items[upload.id] = upload

    def get(self, upload_id: str) -> Upload | None:
        return self.items.get(upload_id)

    def save_verified(self, upload: Upload) -> None:
        if self.items[upload.id].state != "pending":
            raise VersionConflict()
        self.items[upload.id] = upload

    def audit(self, entry: AuditEntry) -> None:
        self.trail.append(entry)


class Inspector:
    """Keeps `b"clean:" + data`, or refuses with `reason`."""

    def __init__(self, reason: str | None = None) -> None:
        self.reason = reason
        self.seen: list[tuple[str, bytes]] = []

    def clean(self, content_type: str, data: bytes) -> bytes:
        self.seen.append((content_type, data))
        if self.reason:
            raise FileRefused(self.reason)
        return b"clean:" + data


def _landed(inspector: Inspector, data: bytes) -> tuple[UploadService, Files, Uploads, str]:
    files, repo = Files(), Uploads()
    service = UploadService(repo, files, new_id=lambda now: "UP1", inspector=inspector)
    ticket = service.start("identity", "image/jpeg", len(data), "ktp.jpg", NOW)
    files.objects[ticket.upload.quarantine_key] = data
    return service, files, repo, upload_ref(ticket.upload.id, ticket.secret)


def test_what_the_inspector_keeps_is_stored_verified_and_hashed() -> None:
    data = b"\xff\xd8\xff\xe0 a photo"
    inspector = Inspector()
    service, files, repo, ref = _landed(inspector, data)
    verified = service.verify(ref, "identity", "identity_upload_id", NOW)
    assert inspector.seen == [("image/jpeg", data)]
    assert files.objects == {"verified/identity/UP1": b"clean:" + data}  # quarantine gone
    assert verified.size == len(b"clean:" + data)
    assert verified.sha256 == hashlib.sha256(b"clean:" + data).hexdigest()
    assert repo.items["UP1"].state == "verified"


@pytest.mark.parametrize("reason", ["file_damaged", "pdf_encrypted", "image_too_large"])
def test_a_refused_file_names_the_field_and_writes_nothing(reason: str) -> None:
    service, files, repo, ref = _landed(Inspector(reason), b"\xff\xd8\xff broken")
    with pytest.raises(UploadInvalid) as refused:
        service.verify(ref, "identity", "identity_upload_id", NOW)
    assert (refused.value.field, refused.value.reason) == ("identity_upload_id", reason)
    assert list(files.objects) == ["quarantine/UP1"] and repo.items["UP1"].state == "pending"


def test_bytes_not_of_the_declared_type_never_reach_the_inspector() -> None:
    inspector = Inspector()
    service, _, _, ref = _landed(inspector, b"MZ\x90\x00 a program")
    with pytest.raises(UploadInvalid) as refused:
        service.verify(ref, "identity", "identity_upload_id", NOW)
    assert refused.value.reason == "type_mismatch" and inspector.seen == []


def test_an_upload_is_named_by_its_id_and_its_tickets_secret_never_the_id_alone() -> None:
    """Issue 17 (point 15): an upload id could be used by whoever learned it (a staff screen,
    an audit line, the object key); the secret comes only with the ticket, stored hashed."""
    service, _, repo, ref = _landed(Inspector(), b"\xff\xd8\xff\xe0 a photo")
    upload_id, secret = ref.split(".")
    assert repo.items[upload_id].secret_hash not in (None, secret) and len(secret) >= 32
    other = secrets.token_urlsafe(24)  # another ticket's secret
    for wrong in (upload_id, f"{upload_id}.", f"{upload_id}.{other}", f"{upload_id}.{secret}x"):
        with pytest.raises(UploadInvalid) as refused:
            service.check(wrong, "identity", "identity_upload_id", NOW)
        assert refused.value.reason == "not_found"
    assert service.check(ref, "identity", "identity_upload_id", NOW).state == "verified"


def test_opening_a_file_is_audited_with_its_kind_and_reason_as_facts() -> None:
    """Issue 17 (point 9): the console tells the line as "Kartu identitas dibuka oleh ... ·
    reason": the kind is the action's, the reason a fact of its own, never behind the id."""
    service, _, repo, ref = _landed(Inspector(), b"\xff\xd8\xff\xe0 a photo")
    verified = service.verify(ref, "identity", "identity_upload_id", NOW)
    repo.items[verified.id] = replace(verified, state="used", owner="AUD#AUD-2611-ABC123")
    service.view(verified.id, frozenset({"front_desk"}), "meja-1", "Verifikasi identitas", NOW)
    [line] = repo.trail
    assert (line.action, line.actor) == ("attachment.view.identity", "meja-1")
    assert dict(line.facts) == {"reason": "Verifikasi identitas"}


def test_the_console_mirrors_who_may_open_a_file() -> None:
    """The console offers "Buka" by web/src/staff/lib/readers.ts, a mirror of `READERS` and
    `AUDIENCE_IDENTITY_READERS` (issue 17 point 5: a supervisor was offered evidence the API
    refuses): the two name the same roles for each purpose."""
    import re

    from chalicelib.services.uploads import AUDIENCE_IDENTITY_READERS, READERS
    from tests.conftest import ROOT

    source = (ROOT / "web/src/staff/lib/readers.ts").read_text()
    mirrored = {
        purpose: frozenset(re.findall(r"'(\w+)'", roles))
        for purpose, roles in re.findall(r"^  (\w+): \[([^\]]*)\],$", source, re.M)
    }
    assert mirrored == dict(READERS)
    audience = re.search(r"AUDIENCE_IDENTITY_READERS: readonly Role\[\] = \[([^\]]*)\]", source)
    assert audience is not None
    assert frozenset(re.findall(r"'(\w+)'", audience.group(1))) == AUDIENCE_IDENTITY_READERS
