"""The local stack's state on disk: an old snapshot imported into DynamoDB Local once, uploads
written through to disk and checked when read back."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import boto3
import pytest

from dev.localenv import StateError
from dev.snapshot import encode

REGION: Any = "ap-southeast-3"


def write_old_snapshot(directory: Path, table: str, items: list[Any], blob: bytes) -> None:
    """snapshot.json and objects/ as versions before DynamoDB Local wrote them."""
    sha = hashlib.sha256(blob).hexdigest()
    (directory / "objects").mkdir(parents=True)
    (directory / "objects" / sha).write_bytes(blob)
    manifest = {
        "format": 1,
        "tables": {table: encode(items)},
        "buckets": {
            os.environ["BUCKET_NAME"]: [
                {
                    "key": "verified/identity/UP1",
                    "sha256": sha,
                    "content_type": "application/pdf",
                    "metadata": {"purpose": "identity"},
                }
            ]
        },
    }
    (directory / "snapshot.json").write_text(json.dumps(manifest))


def test_an_old_snapshot_is_imported_once_then_set_aside(aws_local: None, tmp_path: Path) -> None:
    from chalicelib import bootstrap
    from dev import state

    table = os.environ["TABLE_NAME"]
    items = [
        {"PK": {"S": f"P{i}"}, "SK": {"S": "X"}, "n": {"N": str(i)}, "bin": {"B": b"\x00\xff"}}
        for i in range(30)  # more than one BatchWriteItem of 25
    ]
    blob = bytes(range(256)) * 50
    write_old_snapshot(tmp_path, table, items, blob)
    ddb = bootstrap.dynamo().client
    s3 = boto3.client("s3", region_name=REGION)

    snapshot = state.read_old_snapshot(tmp_path)
    assert state.import_old_snapshot(tmp_path, snapshot, ddb, s3) == (30, 1)
    item = ddb.get_item(TableName=table, Key={"PK": {"S": "P7"}, "SK": {"S": "X"}})["Item"]
    assert item["n"] == {"N": "7"} and item["bin"] == {"B": b"\x00\xff"}
    obj = s3.get_object(Bucket=os.environ["BUCKET_NAME"], Key="verified/identity/UP1")
    assert obj["Body"].read() == blob and obj["ContentType"] == "application/pdf"
    assert obj["Metadata"] == {"purpose": "identity"}

    assert not (tmp_path / "snapshot.json").exists() and not (tmp_path / "objects").exists()
    (aside,) = tmp_path.glob("imported-snapshot-*")
    assert (aside / "snapshot.json").exists() and len(list((aside / "objects").iterdir())) == 1
    assert state.read_old_snapshot(tmp_path) is None  # never imported twice


def old_tracked_item(kind: str, code: str, status: str, token: str) -> dict[str, Any]:
    """A complaint or audience request as the moto-era versions stored it: GSI1 keyed
    `QUEUE#<kind>#<status>`, no `<PK>/TOKEN` record beside it."""
    from chalicelib.adapters.dynamo import to_item
    from chalicelib.domain.tracking import hash_token

    received, due = "2026-11-23T01:00:00Z", "2026-11-30T09:00:00Z"
    values: dict[str, Any] = {
        "PK": f"{'CMP' if kind == 'complaint' else 'AUD'}#{code}",
        "SK": "ITEM",
        "entity": kind,
        "kind": kind,
        "code": code,
        "status": status,
        "version": 1,
        "channel": "web",
        "token_hash": hash_token(token),
        "created_by": "public",
        "timeline": [{"at": received, "status": status, "note": "Diterima."}],
        "sla_class": "ringan" if kind == "complaint" else "audience",
        "received_at": received,
        "due_at": due,
        "sla_credit_s": 0,
        "esc_reached": None,
        "escalations": [],
        "GSI1PK": f"QUEUE#{kind}#{status}",
        "GSI1SK": f"{due}#{code}",
    }
    if kind == "complaint":
        values |= {"privacy": "anonymous", "subject": "Jalan rusak", "description": "Belum."}
        values |= {"evidence_upload_ids": [], "messages": []}
    else:
        values |= {
            "institution_name": "Yayasan Contoh",
            "institution_type": "yayasan",
            "contact": {"name": "Sari", "position": "Ketua", "phone": "0812", "email": None},
            "topic": "Silaturahmi",
            "purpose": "Perkenalan",
            "attendees": 3,
            "preferred_dates": ["2026-12-01"],
            "request_letter_upload_id": "UP1",
            "identity_upload_id": "UP2",
        }
    return to_item(values)


def test_imported_complaints_and_audiences_show_in_queues_and_track_with_their_token(
    aws_local: None, tmp_path: Path
) -> None:
    from chalice.test import Client

    from app import app
    from chalicelib import bootstrap
    from dev import state
    from dev.snapshot import import_snapshot
    from tests.conftest import ROOT
    from tests.e2e.conftest import make_token

    table = os.environ["TABLE_NAME"]
    cmp_code, aud_code = "PGD-2611-7KQ3MX", "AUD-2611-7KQ3MY"
    items = [
        old_tracked_item("complaint", cmp_code, "received", "cmp-token"),
        old_tracked_item("audience", aud_code, "submitted", "aud-token"),
    ]
    write_old_snapshot(tmp_path, table, items, b"%PDF-1.4 letter")
    ddb = bootstrap.dynamo().client
    s3 = boto3.client("s3", region_name=REGION)
    snapshot = state.read_old_snapshot(tmp_path)
    import_snapshot(snapshot, ddb, s3)  # a crash before the set-aside: the next start repeats it
    assert state.import_old_snapshot(tmp_path, snapshot, ddb, s3) == (2, 1)
    officer = {"Authorization": f"Bearer {make_token('complaint_officer')}"}
    with Client(app, stage_name="local", project_dir=str(ROOT)) as client:
        queue = client.http.get("/v1/admin/complaints", headers=officer)
        assert queue.status_code == 200, queue.json_body
        assert [i["code"] for i in queue.json_body["items"]] == [cmp_code]
        for code, token in ((cmp_code, "cmp-token"), (aud_code, "aud-token")):
            seen = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": token})
            assert seen.status_code == 200, seen.json_body
            assert seen.json_body["status"] in {"received", "submitted"}
            wrong = client.http.get(f"/v1/track/{code}", headers={"X-Access-Token": "nope"})
            assert wrong.status_code == 404
    aud = ddb.get_item(TableName=table, Key={"PK": {"S": f"AUD#{aud_code}"}, "SK": {"S": "ITEM"}})
    assert aud["Item"]["GSI1PK"] == {"S": "QUEUE#audience#open"}


def test_a_damaged_old_snapshot_names_the_file_and_imports_nothing(tmp_path: Path) -> None:
    from dev import state

    blob = b"%PDF-1.4 original"
    write_old_snapshot(tmp_path, "t", [], blob)
    sha = hashlib.sha256(blob).hexdigest()
    (tmp_path / "objects" / sha).write_bytes(b"%PDF-1.4 changed!")
    with pytest.raises(StateError, match=f"objects/{sha}.*do not match their SHA-256"):
        state.read_old_snapshot(tmp_path)
    (tmp_path / "snapshot.json").write_text('{"format": 1, "tables": ')
    with pytest.raises(StateError, match=r"snapshot\.json .* is damaged"):
        state.read_old_snapshot(tmp_path)


def test_uploads_are_on_disk_when_acknowledged_and_checked_when_read_back(
    tmp_path: Path,
) -> None:
    from dev.objects import ObjectStateError, S3Server

    server = S3Server(tmp_path)
    endpoint = server.start()
    try:
        s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
        bucket = "kesra-disk-test"
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_object(Bucket=bucket, Key="quarantine/a", Body=b"one", ContentType="text/plain")
        s3.copy_object(
            Bucket=bucket,
            Key="verified/a",
            CopySource={"Bucket": bucket, "Key": "quarantine/a"},
            ServerSideEncryption="AES256",
        )
        s3.delete_object(Bucket=bucket, Key="quarantine/a")
        stored = {o["key"]: o for o in server.disk.read_all()}  # from disk, not from moto
        assert set(stored) == {"verified/a"}
        assert stored["verified/a"]["body"] == b"one"
        assert stored["verified/a"]["encryption"] == "AES256"
        (data,) = (tmp_path / bucket).glob("*.data")
        data.write_bytes(b"two")
        with pytest.raises(ObjectStateError, match=r"\.data does not match its recorded SHA-256"):
            server.disk.read_all()
    finally:
        server.stop()


def test_used_uploads_without_their_files_stop_the_start(aws_local: None, tmp_path: Path) -> None:
    from chalicelib import bootstrap
    from dev import state

    table, bucket = os.environ["TABLE_NAME"], os.environ["BUCKET_NAME"]
    ddb = bootstrap.dynamo().client
    for i, st in enumerate(("used", "used", "pending")):
        item = {"PK": {"S": f"UPLOAD#UP{i}"}, "SK": {"S": "UPLOAD"}, "entity": {"S": "upload"}}
        item |= {"id": {"S": f"UP{i}"}, "purpose": {"S": "identity"}, "state": {"S": st}}
        ddb.put_item(TableName=table, Item=item)
    with pytest.raises(StateError, match=r"/s3 is missing but the table holds 2 uploaded files"):
        state.check_uploads(tmp_path, ddb, table, bucket, [])
    (tmp_path / "s3" / bucket).mkdir(parents=True)
    here = [{"bucket": bucket, "key": "verified/identity/UP0"}]
    with pytest.raises(StateError, match=r"lacks 1 of the 2 .*verified/identity/UP1"):
        state.check_uploads(tmp_path, ddb, table, bucket, here)
    here.append({"bucket": bucket, "key": "verified/identity/UP1"})
    state.check_uploads(tmp_path, ddb, table, bucket, here)  # all there: no error


def test_missing_secrets_or_marker_stop_only_a_directory_that_holds_data(tmp_path: Path) -> None:
    from dev import state
    from dev.localenv import local_secrets

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert set(local_secrets(fresh)) >= {"LOCAL_JWT_SECRET", "CURSOR_SECRET"}  # quietly made

    used = tmp_path / "used"
    used.mkdir()
    state.write_marker(used, "layanan-kesra")
    with pytest.raises(StateError, match=r"secrets\.json is missing but .* holds data") as info:
        local_secrets(used)
    assert "\n" not in str(info.value) and "tracking tokens" in str(info.value)
    assert not (used / "secrets.json").exists()  # nothing made over the data

    (used / "secrets.json").write_text("[1, 2")
    with pytest.raises(StateError, match="damaged") as info:
        local_secrets(used)
    assert "keep working" in str(info.value) and "staff tokens" in str(info.value)
    (used / "secrets.json").write_text("{}")  # the documented way to new secrets
    assert "LOCAL_JWT_SECRET" in local_secrets(used)

    (used / "state.json").unlink()
    (used / "dynamodb").mkdir()
    (used / "dynamodb" / "shared-local-instance.db").write_bytes(b"")
    with pytest.raises(StateError, match=r"state\.json is missing but .* holds data"):
        state.check_marker(used, state.read_marker(used))
    state.check_marker(fresh, None)  # nothing there yet: the first start


@pytest.mark.parametrize("tool", ["token", "user"])
def test_token_and_user_print_one_line_for_damaged_state(
    tool: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dev import staff_accounts, token

    monkeypatch.setenv("LOCAL_STATE_DIR", str(tmp_path))
    if tool == "token":
        (tmp_path / "secrets.json").write_text("[1")
        code = token.main(["--role", "front_desk"])
    else:
        (tmp_path / "state.json").write_text("{not json")
        monkeypatch.setenv("PASSWORD", "a-long-enough-password")
        code = staff_accounts.main(["--username", "sari", "--role", "front_desk"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"make {tool}: ") and "is damaged" in err
    assert err.count("\n") == 1 and "Traceback" not in err
