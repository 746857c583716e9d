"""The local stack's storage: DynamoDB Local (the table) and the S3 server (the uploads) over
the state directory, checked, started and given what is absent; and the app's settings that
point at them. Used by `make run` (dev/run_local.py) and, for a moment, by the command-line
tools when no stack runs (dev/local_table.py)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dev import state
from dev.dynamodb_local import DynamoDBLocal, wait_for_commits
from dev.localenv import REGION, local_secrets
from dev.objects import S3Server


def configure_environment(dynamodb_endpoint: str, s3_endpoint: str, directory: Path) -> None:
    """The app's settings for the local stack: each service's endpoint, fake credentials,
    the per-checkout secrets."""
    secrets = local_secrets(directory)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(
        {
            "APP_ENV": "local",
            "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_endpoint,
            "AWS_ENDPOINT_URL_S3": s3_endpoint,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "LOCAL_JWT_SECRET": secrets["LOCAL_JWT_SECRET"],
            "CURSOR_SECRET": secrets["CURSOR_SECRET"],
            "TOKEN_SECRET": secrets["TOKEN_SECRET"],
            "POWERTOOLS_METRICS_DISABLED": os.environ.get("POWERTOOLS_METRICS_DISABLED", "true"),
        }
    )
    os.environ.setdefault("TABLE_NAME", "layanan-kesra")
    os.environ.setdefault("BUCKET_NAME", "layanan-kesra-uploads")
    # the bureau's self-signed letter certificate, made once on the first letter
    os.environ.setdefault("LETTER_SIGNING_DIR", str(directory / "letter-signing"))
    for name in ("WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_ACCESS_TOKEN"):
        os.environ.setdefault(name, secrets[name])  # the environment's own win
    os.environ.setdefault("WHATSAPP_PHONE_NUMBER_ID", "100000000000001")


def ensure_table(ddb: Any, table: str) -> None:
    """Create the table with the template's definition (schema.py), TTL on."""
    from chalicelib.adapters.schema import TTL_ATTRIBUTE, table_definition

    ddb.create_table(**table_definition(table))
    ddb.update_time_to_live(
        TableName=table,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
    )


def ensure_storage(ddb: Any, s3: Any, create_table: bool = True) -> None:
    """The table (the template's definition, TTL on) and the bucket, each if absent."""
    table = os.environ["TABLE_NAME"]
    if create_table and table not in ddb.list_tables()["TableNames"]:
        ensure_table(ddb, table)
    bucket = os.environ["BUCKET_NAME"]
    if bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})


@dataclass
class Storage:
    """The running storage of the stack: DynamoDB Local and the S3 server."""

    directory: Path
    dynamodb: Any = None
    s3: Any = None
    restored_objects: int = 0
    pids: list[int] = field(default_factory=list)

    def stop(self) -> None:
        if self.s3 is not None:
            self.s3.stop()
            self.s3 = None
        if self.dynamodb is not None:
            self.dynamodb.stop()
            self.dynamodb = None


def start_storage(directory: Path, storage: Storage) -> None:
    """Check the state, start DynamoDB Local and S3 on it, create what is absent, put the
    uploads back. StateError / StorageStartError / ObjectStateError
    (one line each) when it cannot; what was started is in `storage` for stop()."""
    import boto3
    from botocore.config import Config

    # Every check before anything starts: a bad file stops the start at once.
    marker = state.read_marker(directory)
    state.check_marker(directory, marker)
    state.check_database(directory, marker)
    local_secrets(directory)
    state.check_no_old_snapshot(directory)
    objects = S3Server(directory / state.OBJECTS_DIR).disk.read_all(with_bodies=False)

    storage.dynamodb = DynamoDBLocal(
        directory / state.DYNAMODB_DIR,
        log=lambda line: print(f"[dynamodb] {line}", file=sys.stderr),
    )
    ddb_endpoint = storage.dynamodb.start()
    storage.pids.append(storage.dynamodb.pid)
    wait_for_commits(ddb_endpoint)  # before the app builds its clients
    storage.s3 = S3Server(directory / state.OBJECTS_DIR)
    s3_endpoint = storage.s3.start()
    configure_environment(ddb_endpoint, s3_endpoint, directory)

    config = Config(retries={"max_attempts": 3, "mode": "standard"})
    ddb = boto3.client("dynamodb", region_name=REGION, endpoint_url=ddb_endpoint, config=config)
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=s3_endpoint, config=config)
    table = os.environ["TABLE_NAME"]
    create = state.check_table(directory, marker, ddb, table)
    if not create:  # uploads the table records must have their files under s3/
        state.check_uploads(directory, ddb, table, os.environ["BUCKET_NAME"], objects)
    ensure_storage(ddb, s3, create_table=create)
    if create:
        # A new, empty table: every item it will hold counts itself in the monthly report's
        # counts, so no month ever needs the one-time recount (adapters/report_counts.py).
        from chalicelib.adapters.dynamo import Dynamo
        from chalicelib.adapters.report_counts import FROM_THE_START, ReportCounts

        ReportCounts(Dynamo(ddb, table)).start(FROM_THE_START)
    if marker is None:
        state.write_marker(directory, table)
    storage.restored_objects = storage.s3.disk.restore(s3, objects)
