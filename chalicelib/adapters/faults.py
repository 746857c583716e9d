"""The one mapping of botocore's failures to the domain's StorageUnavailable (503).

A store that is busy (throttled) or unreachable (connect or read timeout, connection closed)
is a retryable condition for the client, never a server bug. Adapters raise what they raise;
the API's error edge and the jobs ask `storage_fault` about anything unexpected, following
the exception's causes (a library such as Powertools may wrap the botocore error).
"""

from __future__ import annotations

from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ReadTimeoutError,
)

from chalicelib.domain.errors import StorageUnavailable

# Error codes of DynamoDB and S3 that mean "busy or unavailable, retry later".
BUSY_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "SlowDown",
        "RequestTimeout",
        "503",
    }
)
UNREACHABLE = (
    ReadTimeoutError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ConnectionClosedError,
    HTTPClientError,
)


def storage_fault(exc: BaseException) -> StorageUnavailable | None:
    """StorageUnavailable when `exc` (or one of its causes) is a botocore timeout, a lost
    connection or a busy/unavailable error code; None for anything else."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, StorageUnavailable):
            return current
        if isinstance(current, UNREACHABLE):
            return StorageUnavailable(f"unreachable: {type(current).__name__}")
        if isinstance(current, ClientError):
            code = str(current.response.get("Error", {}).get("Code", ""))
            if code in BUSY_CODES:
                return StorageUnavailable(f"busy: {code}", aws_code=code)
        current = current.__cause__ or current.__context__
    return None
