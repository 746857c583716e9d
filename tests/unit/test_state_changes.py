"""The state-change routes come from a table (api/state_changes.py, issue 18 point 2): the
OpenAPI document they make is byte for byte the one the hand-written routes made, and every
row names a service method that takes the arguments the row passes."""

from __future__ import annotations

import hashlib
import inspect
import json
from datetime import UTC, datetime
from typing import Any

import pytest

import app  # noqa: F401 - registers every route
from chalicelib.api import audience_routes, complaint_routes
from chalicelib.api.openapi import build_openapi
from chalicelib.api.state_changes import StateChange
from chalicelib.services.audiences import AudienceService
from chalicelib.services.complaints import ComplaintService

# sha256 of each operation as /openapi.json serves it (json.dumps, ensure_ascii=False,
# compact), taken from the hand-written routes before the table replaced them. A deliberate
# change of one of these routes changes its hash: print the new one and update it here.
BEFORE_THE_TABLE = {
    "/v1/admin/audiences/{code}/review": "e531d1142e86bc2f338ea80962e893ba0144e2d5e11b3cbc636dce5327c42b18",
    "/v1/admin/audiences/{code}/schedule": "a8711b7e16e1d51d36ac0fcf02cb0f01e01fdc534c9cc1a346e4263ffc2e5154",
    "/v1/admin/audiences/{code}/decline": "febedabab9f1dbfab7b0b08147079bc2885f8739157b6559c6574a837cfb5ee6",
    "/v1/admin/audiences/{code}/held": "b2b25e7025dc12b2543d992afd482f06432460a741aff4981a7a44e3932dfd06",
    "/v1/admin/audiences/{code}/cancel": "1dd0ab66498a25a81ea430159db42e29ba2a0d899a0727937749b91ae38d33f2",
    "/v1/admin/complaints/{code}/classify": "325a68bd783d5e2c00defd02b8ea2d7ca4005011af71f0592c8c9c3a09109b58",
    "/v1/admin/complaints/{code}/assign": "396e31e70c40137656ed4a79451d64b8ba81fd41b99684edd7406cd6700b5505",
    "/v1/admin/complaints/{code}/request-info": "5728a0496d5587e737233d6723ab306b69da51f3ae5ebc95924c261f2a0baa85",
    "/v1/admin/complaints/{code}/answer": "ce7b3d8ee0bbd36e559b6f3b3b97fb9b4b8b699607a7987410d7bfbdb79e7c54",
    "/v1/admin/complaints/{code}/close": "6dd4a2755cd709e0fcbc3602264a91235d43b15b78ea53c4aa8767935276425a",
    "/v1/admin/complaints/{code}/reject": "93aeaabc8ef2cfa88834730d1e6b746f90fde72c627868624a5811d3af498b13",
    "/v1/admin/complaints/{code}/forward": "9f390d1213639025eccb25f15dd79e81982cc992865de9c900437185bf0d9be2",
}
TABLES = [
    (audience_routes.FEATURE, audience_routes.STATE_CHANGES, AudienceService),
    (complaint_routes.FEATURE, complaint_routes.STATE_CHANGES, ComplaintService),
]


def _served(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def test_the_table_makes_the_same_operations_byte_for_byte() -> None:
    paths = build_openapi()["paths"]
    table_paths = {f"{f.prefix}/{{code}}/{r.action}" for f, rows, _ in TABLES for r in rows}
    assert table_paths == set(BEFORE_THE_TABLE)
    for path, digest in BEFORE_THE_TABLE.items():
        assert hashlib.sha256(_served(paths[path])).hexdigest() == digest, path


def test_a_changed_operation_changes_its_hash() -> None:
    """The comparison above can fail: one changed word gives another digest."""
    op = build_openapi()["paths"]["/v1/admin/audiences/{code}/review"]
    changed = {**op, "post": {**op["post"], "summary": "submitted -> in review"}}
    digest = BEFORE_THE_TABLE["/v1/admin/audiences/{code}/review"]
    assert hashlib.sha256(_served(changed)).hexdigest() != digest


class _AnyBody:
    """Stands for a parsed body: every attribute is another one, iterating gives nothing."""

    def __getattr__(self, name: str) -> _AnyBody:
        return _AnyBody()

    def __iter__(self) -> Any:
        return iter(())


@pytest.mark.parametrize(
    ("row", "service"),
    [(row, service) for _, rows, service in TABLES for row in rows],
    ids=lambda v: v.action if isinstance(v, StateChange) else "",
)
def test_every_row_calls_a_service_method_that_takes_its_arguments(
    row: StateChange, service: type
) -> None:
    method = getattr(service, row.service_method)
    args = row.args(_AnyBody()) if row.body is not None else ()
    now = datetime(2026, 11, 30, 3, tzinfo=UTC)
    inspect.signature(method).bind(object(), "AUD-2611-AAAAAA", *args, "who", now, 3)
    if row.body is None:
        assert row.args(None) == ()
