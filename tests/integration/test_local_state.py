"""The local stack's state on disk: uploads written through to disk and checked when read back;
an old snapshot (no longer imported) stops the start."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import pytest

from dev.localenv import StateError

REGION: Any = "ap-southeast-3"


def test_an_old_snapshot_stops_the_start_naming_the_checkout_that_imports_it(
    tmp_path: Path,
) -> None:
    """The snapshot of the versions before DynamoDB Local is no longer imported (issue 18
    point 8): a directory still holding one never starts as if empty."""
    from dev import state

    state.check_no_old_snapshot(tmp_path)  # nothing there: no complaint
    (tmp_path / "snapshot.json").write_text('{"format": 1, "tables": {}, "buckets": {}}')
    with pytest.raises(StateError) as refused:
        state.check_no_old_snapshot(tmp_path)
    line = str(refused.value)
    assert "\n" not in line and "snapshot.json is the snapshot of a version before" in line
    assert f"git checkout {state.SNAPSHOT_IMPORTER}" in line and "aside" in line
    assert (tmp_path / "snapshot.json").exists()  # kept where it was


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
