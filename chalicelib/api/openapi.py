"""OpenAPI 3.1, generated from the endpoint registry and the pydantic models; never by hand."""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chalicelib.api.http import REGISTRY, EndpointSpec
from chalicelib.api.models import Problem
from chalicelib.api.problems import PROBLEM_CONTENT_TYPE
from chalicelib.config import APP_VERSION

REF = "#/components/schemas/{model}"
STATUS_TEXT = {
    200: "OK",
    201: "Created",
    400: "Invalid request (validation_failed)",
    401: "Not authenticated",
    403: "Role not allowed",
    404: "Not found",
    409: "Conflict with the item's state",
    412: "Stale If-Match (version_conflict)",
    413: "Body over 256 KiB",
    415: "Body is not JSON",
    422: "Upload invalid",
    429: "Too many wrong access tokens for this code (too_many_attempts); see Retry-After",
    500: "Server error, with request_id",
}
# What a non-JSON success body is, beyond its media type.
MEDIA_NOTES = {
    "text/calendar": (
        "An iTIP (RFC 5546) message; the Content-Type names the body's METHOD "
        "(RFC 5545 section 3.7.2): text/calendar; charset=utf-8; method=REQUEST, "
        "or method=CANCEL once the meeting is cancelled"
    ),
}


def _model_pairs(
    specs: list[EndpointSpec],
) -> list[tuple[type[BaseModel], Literal["validation", "serialization"]]]:
    pairs: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [
        (Problem, "serialization")
    ]
    for s in specs:
        if s.body is not None:
            pairs.append((s.body, "validation"))
        if s.response is not None:
            pairs.append((s.response, "serialization"))
    return list(dict.fromkeys(pairs))


def _parameters(spec: EndpointSpec) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    if spec.query is not None:
        schema = spec.query.model_json_schema(ref_template=REF)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
            if "description" in prop:
                param["description"] = prop.pop("description")
            param["schema"] = prop
            params.append(param)
    if spec.path.startswith("/v1/track/"):
        params.append(
            {
                "name": "X-Access-Token",
                "in": "header",
                "required": True,
                "description": "The access token the submission returned (shown once)",
                "schema": {"type": "string"},
            }
        )
    if spec.roles is None and spec.method == "POST":
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "1-64 characters; a retry with the same key and body answers "
                "the first response, another body gets 409 idempotency_conflict",
                "schema": {"type": "string", "minLength": 1, "maxLength": 64},
            }
        )
    if spec.etag and spec.method != "GET":
        params.append(
            {
                "name": "If-Match",
                "in": "header",
                "required": False,
                "description": 'The version last read, quoted: "3". A stale one gets 412.',
                "schema": {"type": "string"},
            }
        )
    return params


def _problem(status: int, problem_ref: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": STATUS_TEXT.get(status, "Error"),
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": problem_ref}}},
    }
    if status in (409, 429):  # 429, and 409 idempotency_in_progress: when to come back
        out["headers"] = {
            "Retry-After": {
                "schema": {"type": "integer", "minimum": 1},
                "description": "Seconds to wait before retrying (429; 409 in progress only)",
            }
        }
    return out


def _operation(spec: EndpointSpec, refs: dict[Any, Any], problem_ref: str) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": spec.method.lower() + "_" + re.sub(r"\W+", "_", spec.path).strip("_"),
        "summary": spec.summary,
        "tags": [spec.tag],
    }
    params = _parameters(spec)
    if params:
        op["parameters"] = params
    if spec.body is not None:
        op["requestBody"] = {
            "required": spec.body_required,
            "content": {"application/json": {"schema": refs[(spec.body, "validation")]}},
        }
    ok: dict[str, Any] = {
        "description": STATUS_TEXT.get(spec.status, "OK"),
        "headers": {"X-Request-Id": {"schema": {"type": "string"}}},
    }
    if spec.etag:
        ok["headers"]["ETag"] = {"schema": {"type": "string"}, "description": "The item's version"}
    if spec.response is not None:
        ok["content"] = {spec.media_type: {"schema": refs[(spec.response, "serialization")]}}
    elif spec.media_type != "application/json":
        ok["content"] = {spec.media_type: {"schema": {"type": "string"}}}
        ok["description"] = MEDIA_NOTES.get(spec.media_type, ok["description"])
    responses: dict[str, Any] = {str(spec.status): ok}
    codes = set(spec.errors) | {500}
    if spec.body is not None:
        codes |= {400, 413, 415}
    if spec.query is not None:
        codes.add(400)
    if spec.roles is not None:
        codes |= {401, 403}
        op["security"] = [{"StaffBearer": []}]
        op["description"] = "Roles: " + ", ".join(sorted(spec.roles))
    for code in sorted(codes):
        responses[str(code)] = _problem(code, problem_ref)
    op["responses"] = responses
    return op


@functools.cache
def build_openapi() -> dict[str, Any]:
    specs = list(REGISTRY)
    refs, defs = models_json_schema(_model_pairs(specs), ref_template=REF)
    problem_ref = refs[(Problem, "serialization")]["$ref"]
    paths: dict[str, dict[str, Any]] = {}
    for spec in specs:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, refs, problem_ref)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Layanan Kesra API",
            "version": APP_VERSION,
            "description": (
                "Public services of Biro Kesejahteraan Rakyat, Provinsi Kalimantan Barat: "
                "audience requests (fasilitasi audiensi) and complaints (pengaduan). "
                "Errors are RFC 9457 problem details; Accept-Language: en for English."
            ),
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": defs.get("$defs", {}),
            "securitySchemes": {
                "StaffBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }
