"""The upload bucket: presigned browser uploads pinned by policy, reads, copies, short links."""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.dynamo import storage_error


class S3FileStore:
    def __init__(self, client: Any, bucket: str, sse: str) -> None:
        self._client = client
        self._bucket = bucket
        self._sse = sse

    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> tuple[str, dict[str, str]]:
        """The policy pins the key (by generate_presigned_post), the type, the size range
        and server-side encryption; S3 refuses a form that breaks any of them."""
        try:
            post = self._client.generate_presigned_post(
                Bucket=self._bucket,
                Key=key,
                Fields={"Content-Type": content_type, "x-amz-server-side-encryption": self._sse},
                Conditions=[
                    {"Content-Type": content_type},
                    ["content-length-range", 1, max_bytes],
                    {"x-amz-server-side-encryption": self._sse},
                ],
                ExpiresIn=expires_in,
            )
        except ClientError as exc:
            raise storage_error(exc) from exc
        return str(post["url"]), {k: str(v) for k, v in post["fields"].items()}

    def size(self, key: str) -> int | None:
        try:
            head = self._client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise storage_error(exc) from exc
        return int(head["ContentLength"])

    def read(self, key: str) -> bytes:
        try:
            data: bytes = self._client.get_object(Bucket=self._bucket, Key=key)["Body"].read()
        except ClientError as exc:
            raise storage_error(exc) from exc
        return data

    def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self._client.put_object(
                Bucket=self._bucket,
                Key=key,
                Body=data,
                ContentType=content_type,
                ServerSideEncryption=self._sse,
            )
        except ClientError as exc:
            raise storage_error(exc) from exc

    def delete(self, key: str) -> None:
        try:
            self._client.delete_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            raise storage_error(exc) from exc

    def presigned_get(self, key: str, expires_in: int, filename: str) -> str:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)[:100] or "berkas"
        url: str = self._client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": f'attachment; filename="{safe}"',
            },
            ExpiresIn=expires_in,
        )
        return url
