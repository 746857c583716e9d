"""The local stack's persistence: what is saved comes back, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
from moto import mock_aws

from chalicelib.adapters.schema import table_definition
from dev.snapshot import MANIFEST, Snapshotter

REGION: Any = "ap-southeast-3"


def _clients() -> tuple[Any, Any]:
    ddb = boto3.client("dynamodb", region_name=REGION)
    s3 = boto3.client("s3", region_name=REGION)
    ddb.create_table(**table_definition("t"))
    s3.create_bucket(Bucket="bkt", CreateBucketConfiguration={"LocationConstraint": REGION})
    return ddb, s3


def test_save_then_load_into_empty_storage_restores_items_and_objects(tmp_path: Path) -> None:
    blob = bytes(range(256)) * 50
    with mock_aws():
        ddb, s3 = _clients()
        for i in range(30):  # more than one BatchWrite of 25
            ddb.put_item(
                TableName="t",
                Item={
                    "PK": {"S": f"P{i}"},
                    "SK": {"S": "X"},
                    "n": {"N": str(i)},
                    "bin": {"B": b"\x00\xff"},
                },
            )
        s3.put_object(
            Bucket="bkt",
            Key="quarantine/a.pdf",
            Body=blob,
            ContentType="application/pdf",
            Metadata={"purpose": "identity"},
        )
        snap = Snapshotter(tmp_path, ddb, s3)
        assert snap.save() is True
        assert snap.save() is False  # nothing changed: nothing written
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest["format"] == 1

    with mock_aws():  # a fresh, empty moto: as after a restart
        ddb, s3 = _clients()
        restored = Snapshotter(tmp_path, ddb, s3)
        assert restored.load() == (30, 1)
        item = ddb.get_item(TableName="t", Key={"PK": {"S": "P7"}, "SK": {"S": "X"}})["Item"]
        assert item["n"] == {"N": "7"} and item["bin"] == {"B": b"\x00\xff"}
        obj = s3.get_object(Bucket="bkt", Key="quarantine/a.pdf")
        assert obj["Body"].read() == blob
        assert obj["ContentType"] == "application/pdf"
        assert obj["Metadata"] == {"purpose": "identity"}
        assert restored.save() is False  # loaded state equals the saved one


def test_deleted_objects_are_garbage_collected(tmp_path: Path) -> None:
    with mock_aws():
        ddb, s3 = _clients()
        s3.put_object(Bucket="bkt", Key="k", Body=b"one")
        snap = Snapshotter(tmp_path, ddb, s3)
        snap.save()
        assert len(list((tmp_path / "objects").iterdir())) == 1
        s3.delete_object(Bucket="bkt", Key="k")
        assert snap.save() is True
        assert list((tmp_path / "objects").iterdir()) == []
