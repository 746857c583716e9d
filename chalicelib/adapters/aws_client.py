"""The one place a boto3 client is built (architecture.md: adapters are the only code that
imports boto3). boto3 is imported on the first call, never at import time (the cold-start
test)."""

from __future__ import annotations

from typing import Any


def client(service: str, region: str) -> Any:
    """A boto3 client for `service` (e.g. "dynamodb", "kms") in `region` (e.g.
    "ap-southeast-3"): connect timeout 2 s, read timeout 5 s, 3 attempts in botocore's standard
    retry mode. Credentials come from boto3's usual chain (the Lambda role in AWS)."""
    import boto3
    from botocore.config import Config

    return boto3.client(  # type: ignore[call-overload]
        service,
        region_name=region,
        config=Config(
            connect_timeout=2,
            read_timeout=5,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )
