"""Uploads: the presigned POST's policy, and every defect refused after the file lands."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import bootstrap
from tests.e2e.helpers import JSON, audience_body, id_of, ref, start_upload, submit, upload
from tests.files import (
    PDF,
    cmyk_jpeg,
    encrypted_pdf,
    jpeg_with_fill_bytes,
    jpeg_with_gps,
    phone_photo_orientation_6,
    png,
    png_with_text_chunks,
    progressive_jpeg_with_app1_between_scans,
)

Auth = Callable[..., dict[str, str]]


def test_presigned_post_policy_pins_key_type_size_and_encryption(client: Client) -> None:
    ticket = start_upload(client, "identity", PDF)
    assert ticket["max_bytes"] == 10 * 1024 * 1024
    assert ticket["expires_at"].endswith("+07:00")
    fields = ticket["fields"]
    assert fields["key"] == f"quarantine/{ticket['upload_id']}"
    policy = json.loads(base64.b64decode(fields["policy"]))
    conditions = policy["conditions"]
    assert {"key": fields["key"]} in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    assert ["content-length-range", 1, 10 * 1024 * 1024] in conditions
    assert {"x-amz-server-side-encryption": "aws:kms"} in conditions
    assert {"bucket": "kesra-test-uploads"} in conditions
    # expiry: ten minutes from now (give or take the test's own run time)
    from datetime import UTC, datetime, timedelta

    expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert abs(expires - (datetime.now(UTC) + timedelta(minutes=10))) < timedelta(seconds=30)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {
                "purpose": "selfie",
                "content_type": "application/pdf",
                "size_bytes": 10,
                "filename": "a",
            },
            "purpose",
        ),
        (
            {"purpose": "identity", "content_type": "image/gif", "size_bytes": 10, "filename": "a"},
            "content_type",
        ),
        (
            {
                "purpose": "identity",
                "content_type": "image/png",
                "size_bytes": 11 * 1024 * 1024,
                "filename": "a",
            },
            "size_bytes",
        ),
        (
            {"purpose": "identity", "content_type": "image/png", "size_bytes": 0, "filename": "a"},
            "size_bytes",
        ),
        (
            {
                "purpose": "identity",
                "content_type": "image/png",
                "size_bytes": 9,
                "filename": "../x",
            },
            "filename",
        ),
    ],
)
def test_declaring_a_bad_upload_is_refused(
    client: Client, body: dict[str, object], field: str
) -> None:
    res = client.http.post("/v1/uploads", headers=JSON, body=json.dumps(body))
    assert res.status_code == 400 and res.json_body["errors"][0]["field"] == field


def _refused(client: Client, field: str, reason_id: str, reason: str, **ids: str) -> None:
    """The submission is 422 upload_invalid naming `field`, with the message `reason_id`
    (Indonesian) and the stable word `reason` (e.g. `type_mismatch`)."""
    res = submit(client, audience_body(client, **ids))
    assert res.status_code == 422, res.json_body
    assert res.json_body["code"] == "upload_invalid"
    ((error),) = res.json_body["errors"]
    assert error["field"] == field and error["message"] == reason_id
    assert error["reason"] == reason and reason.isidentifier()


def test_spoofed_type_is_refused(client: Client) -> None:
    fake = upload(client, "identity", b"MZ\x90\x00 this is an exe" * 3, "application/pdf")
    _refused(
        client,
        "identity_upload_id",
        "isi berkas tidak sesuai jenisnya (PDF, JPEG atau PNG)",
        "type_mismatch",
        identity_upload_id=fake,
    )


def test_empty_file_is_refused(client: Client) -> None:
    empty = upload(client, "identity", b"", "application/pdf", size=5)
    _refused(client, "identity_upload_id", "berkas kosong", "empty", identity_upload_id=empty)


def test_oversize_file_is_refused(client: Client) -> None:
    big = upload(
        client, "identity", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf", size=1000
    )
    _refused(
        client,
        "identity_upload_id",
        "berkas lebih dari 10 MiB",
        "too_large",
        identity_upload_id=big,
    )


def test_size_other_than_declared_is_refused(client: Client) -> None:
    other = upload(client, "identity", PDF, "application/pdf", size=len(PDF) + 1)
    _refused(
        client,
        "identity_upload_id",
        "ukuran berkas tidak sama dengan yang dinyatakan",
        "size_mismatch",
        identity_upload_id=other,
    )


def test_never_uploaded_and_unknown_and_expired(client: Client) -> None:
    ticket = start_upload(client, "identity", PDF)
    _refused(
        client,
        "identity_upload_id",
        "berkas belum diunggah",
        "not_uploaded",
        identity_upload_id=ref(ticket),
    )
    _refused(
        client,
        "identity_upload_id",
        "tidak ditemukan",
        "not_found",
        identity_upload_id="UP000000NOPE." + "x" * 32,
    )
    from datetime import UTC, datetime, timedelta

    import time_machine

    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=11), tick=False):
        _refused(
            client,
            "identity_upload_id",
            "waktu unggah sudah habis; minta tautan unggah baru",
            "expired",
            identity_upload_id=ref(ticket),
        )


def test_a_leaked_upload_id_is_useless_without_its_tickets_secret(
    client: Client, auth: Auth
) -> None:
    """Issue 17 (point 15): whoever learned an upload id (a staff screen, an audit line, the
    object key in the presigned form) could name it in their own submission."""
    mine = upload(client, "identity")
    upload_id, secret = mine.split(".")
    other_secret = start_upload(client, "identity", PDF)["upload_secret"]
    assert other_secret != secret
    # the schema wants the secret; a bare id is a 400 naming the field
    bare = submit(client, audience_body(client, identity_upload_id=upload_id))
    assert bare.status_code == 400 and bare.json_body["errors"][0]["field"] == "identity_upload_id"
    for wrong in (f"{upload_id}.{other_secret}", f"{upload_id}.{'A' * 32}"):
        _refused(
            client, "identity_upload_id", "tidak ditemukan", "not_found", identity_upload_id=wrong
        )
    # the holder of the ticket still can; what is stored and shown to staff is the id alone
    made = submit(client, audience_body(client, identity_upload_id=mine))
    assert made.status_code == 201, made.json_body
    code = made.json_body["tracking_code"]
    item = client.http.get(f"/v1/admin/audiences/{code}", headers=auth("front_desk")).json_body
    assert item["identity_upload_id"] == upload_id and secret not in json.dumps(item)


def test_upload_for_another_purpose_is_refused(client: Client) -> None:
    letter = upload(client, "request_letter")
    _refused(
        client,
        "identity_upload_id",
        "berkas diunggah untuk keperluan lain",
        "wrong_purpose",
        identity_upload_id=letter,
    )


def test_already_used_upload_is_refused_and_nothing_is_half_written(
    client: Client, auth: Auth
) -> None:
    body = audience_body(client)
    assert submit(client, body).status_code == 201
    again = audience_body(client, identity_upload_id=body["identity_upload_id"])
    _refused(
        client,
        "identity_upload_id",
        "berkas sudah dipakai untuk permohonan lain",
        "already_used",
        identity_upload_id=again["identity_upload_id"],
        request_letter_upload_id=again["request_letter_upload_id"],
    )
    listed = client.http.get("/v1/admin/audiences", headers=auth("front_desk")).json_body
    assert len(listed["items"]) == 1  # the refused request left nothing behind
    # and its fresh request letter is still usable
    third = audience_body(client, request_letter_upload_id=again["request_letter_upload_id"])
    assert submit(client, third).status_code == 201


def test_jpeg_exif_and_gps_are_stripped_png_text_too(client: Client) -> None:
    from PIL import Image

    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS is there before
    jpeg_id = upload(client, "identity", original, "image/jpeg")
    png_id = upload(client, "request_letter", png(), "image/png")
    res = submit(
        client, audience_body(client, identity_upload_id=jpeg_id, request_letter_upload_id=png_id)
    )
    assert res.status_code == 201
    store = bootstrap.upload_service()._files
    kept = store.read(f"verified/identity/{id_of(jpeg_id)}")
    image = Image.open(io.BytesIO(kept))
    assert dict(image.getexif()) == {}
    assert b"GPS" not in kept and b"KameraMerk" not in kept and b"secret comment" not in kept
    assert image.size == (16, 16)
    kept_png = store.read(f"verified/request_letter/{id_of(png_id)}")
    assert b"Budi Santoso" not in kept_png and Image.open(io.BytesIO(kept_png)).size == (8, 8)
    assert store.size(f"quarantine/{id_of(jpeg_id)}") is None  # the quarantined original is gone


def test_real_world_pictures_are_accepted_and_stored_upright_without_metadata(
    client: Client,
) -> None:
    """A JPEG with fill bytes before a marker was refused (422); a phone photo was stored
    sideways once its EXIF was stripped."""
    from PIL import Image

    photo = upload(client, "identity", phone_photo_orientation_6(), "image/jpeg")
    letter = upload(client, "request_letter", jpeg_with_fill_bytes(), "image/jpeg")
    res = submit(
        client, audience_body(client, identity_upload_id=photo, request_letter_upload_id=letter)
    )
    assert res.status_code == 201, res.json_body
    store = bootstrap.upload_service()._files
    upright = Image.open(io.BytesIO(store.read(f"verified/identity/{id_of(photo)}")))
    assert upright.size == (20, 40) and dict(upright.getexif()) == {}
    red, blue = upright.getpixel((10, 5)), upright.getpixel((10, 35))
    assert red[0] > 150 > red[2] and blue[2] > 150 > blue[0]  # type: ignore[index]
    assert Image.open(io.BytesIO(store.read(f"verified/request_letter/{id_of(letter)}"))).size == (
        40,
        20,
    )


def test_evidence_pictures_lose_metadata_hidden_between_scans_and_in_text_chunks(
    client: Client,
) -> None:
    """A progressive JPEG kept an APP1 placed between its scans (XMP naming a person)."""
    from PIL import Image

    from tests.e2e.test_complaints import public_complaint

    made = [
        (progressive_jpeg_with_app1_between_scans(), "image/jpeg"),
        (png_with_text_chunks(), "image/png"),
        (cmyk_jpeg(), "image/jpeg"),
    ]
    ids = [upload(client, "evidence", data, kind) for data, kind in made]
    res = public_complaint(client, evidence_upload_ids=ids)
    assert res.status_code == 201, res.json_body
    store = bootstrap.upload_service()._files
    for upload_id, (original, _) in zip(ids, made, strict=True):
        kept = store.read(f"verified/evidence/{id_of(upload_id)}")
        assert b"Budi Santoso" not in kept and b"Gajah Mada" not in kept
        assert b"KameraMerk" not in kept and b"secret comment" not in kept
        assert Image.open(io.BytesIO(kept)).size == Image.open(io.BytesIO(original)).size


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n<!DOCTYPE html><html><script>alert(1)</script></html>\n", "file_damaged"),
        (b"%PDF-1.4\n\x7fELF\x02\x01\x01" + b"\x00" * 300, "file_damaged"),
        (encrypted_pdf("rahasia"), "pdf_encrypted"),
    ],
    ids=["html", "executable", "password"],
)
def test_a_pdf_the_library_cannot_open_is_refused(client: Client, data: bytes, reason: str) -> None:
    from chalicelib.api.problems import field_messages

    fake = upload(client, "identity", data, "application/pdf")
    message = field_messages()[reason]["id"]
    _refused(client, "identity_upload_id", message, reason, identity_upload_id=fake)


@pytest.mark.parametrize("size", ["5", True], ids=["string", "boolean"])
def test_an_integer_field_takes_a_json_integer_only(client: Client, size: object) -> None:
    body = {"purpose": "identity", "content_type": "image/png", "size_bytes": size}
    body["filename"] = "a.png"
    res = client.http.post("/v1/uploads", headers=JSON, body=json.dumps(body))
    assert res.status_code == 400, res.json_body
    assert res.json_body["errors"] == [
        {
            "field": "size_bytes",
            "message": "Isian ini harus berupa bilangan bulat tanpa tanda kutip, misalnya 5.",
        }
    ]
    ok = client.http.post("/v1/uploads", headers=JSON, body=json.dumps(body | {"size_bytes": 5.0}))
    assert ok.status_code == 201  # 5.0 is an integer to JSON Schema, so to the server too
    compact = json.dumps(ok.json_body, ensure_ascii=False, separators=(",", ":"))
    assert ok.body.decode() == compact  # compact JSON, as every other answer


def test_a_form_can_have_a_landed_file_checked_at_once(client: Client) -> None:
    """Trial 2: a damaged PDF showed "Terunggah" and was refused only after Kirim on the last
    page. POST /v1/uploads/{id}/check runs the submission's check now, with the secret."""
    bad = start_upload(client, "evidence", b"%PDF-1.4\n\x7fELF\x02\x01\x01" + b"\x00" * 300)
    requests_post(bad, b"%PDF-1.4\n\x7fELF\x02\x01\x01" + b"\x00" * 300)
    body = {"upload_secret": bad["upload_secret"], "purpose": "evidence"}
    res = client.http.post(
        f"/v1/uploads/{bad['upload_id']}/check", headers=JSON, body=json.dumps(body)
    )
    assert res.status_code == 422, res.json_body
    assert res.json_body["errors"][0]["field"] == "file"
    assert res.json_body["errors"][0]["reason"] == "file_damaged"

    good = start_upload(client, "evidence", PDF)
    requests_post(good, PDF)
    body = {"upload_secret": "not-the-secret", "purpose": "evidence"}
    path = f"/v1/uploads/{good['upload_id']}/check"
    wrong = client.http.post(path, headers=JSON, body=json.dumps(body))
    assert wrong.status_code == 422 and wrong.json_body["errors"][0]["reason"] == "not_found"
    body["upload_secret"] = good["upload_secret"]
    for _ in range(2):  # idempotent
        res = client.http.post(path, headers=JSON, body=json.dumps(body))
        assert res.status_code == 200, res.json_body
        assert res.json_body["state"] == "verified" and res.json_body["size"] > 0

    from tests.e2e.test_complaints import public_complaint

    done = public_complaint(client, evidence_upload_ids=[ref(good)])
    assert done.status_code == 201, done.json_body


def requests_post(ticket: dict[str, Any], data: bytes) -> None:
    import requests

    url, fields = str(ticket["url"]), ticket["fields"]
    res = requests.post(url, data=fields, files={"file": ("f", data)}, timeout=10)
    assert res.status_code in (200, 201, 204), res.text
