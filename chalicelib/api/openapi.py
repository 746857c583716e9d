"""OpenAPI 3.1, generated from the endpoint registry and the pydantic models; never by hand."""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from chalicelib.api.cors import allowed_methods
from chalicelib.api.models import Problem
from chalicelib.api.problems import PROBLEM_CONTENT_TYPE
from chalicelib.api.registry import REGISTRY, EndpointSpec
from chalicelib.api.validation import IF_MATCH_PATTERN, TEXT_PATTERN
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
    503: "Storage busy or unreachable (storage_unavailable); retry shortly",
}
# What a non-JSON success body is, beyond its media type.
MEDIA_NOTES = {
    "text/calendar": (
        "An iTIP (RFC 5546) message; the Content-Type names the body's METHOD "
        "(RFC 5545 section 3.7.2): text/calendar; charset=utf-8; method=REQUEST, "
        "or method=CANCEL once the meeting is cancelled"
    ),
}

# Path parameters: what the server accepts. Codes and ids of any other shape are simply not
# found (404), so they are plain strings here.
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
    "code": {"type": "string", "description": "Tracking code, e.g. PGD-2611-7KQ3MX"},
    "tracking_code": {"type": "string", "description": "Tracking code, e.g. AUD-2611-7KQ3MX"},
}
ACCESS_TOKEN = {
    "name": "X-Access-Token",
    "in": "header",
    "required": False,
    "description": "The access token the submission gave. Missing or wrong: 404, as for an "
    "unknown code.",
    "schema": {"type": "string"},
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "1-64 printable characters. A retry with the same key and body answers the "
    "first response; the same key with another body is 409 idempotency_conflict.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[ -~]+$"},
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": 'The version last read, quoted ("3"), or *. A stale one gets 412.',
    "schema": {"type": "string", "pattern": IF_MATCH_PATTERN, "examples": ['"1"', "*"]},
}
ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "Problem details in Indonesian (default) or English (en).",
    "schema": {"type": "string"},
}


class RequestSchema(GenerateJsonSchema):
    """Request strings without a pattern, format or choice of their own get TEXT_PATTERN:
    no control characters, not blank. The server checks the same (api/http.py)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        if self.mode == "validation" and not {"pattern", "format", "enum", "const"} & set(out):
            out["pattern"] = TEXT_PATTERN
        return out


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
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": dict(PATH_PARAMETERS.get(name, {"type": "string"})),
        }
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    if spec.query is not None:
        schema = spec.query.model_json_schema(ref_template=REF, schema_generator=RequestSchema)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
            if "description" in prop:
                param["description"] = prop.pop("description")
            param["schema"] = prop
            params.append(param)
    params += [dict(h) for h in _headers(spec)]
    return params


def _headers(spec: EndpointSpec) -> list[dict[str, Any]]:
    """The request headers a route reads, by the conventions of api.md: the track routes read
    X-Access-Token, public POSTs Idempotency-Key, staff actions on versioned items If-Match."""
    headers = [ACCEPT_LANGUAGE]
    if spec.path.startswith("/v1/track/"):
        headers.append(ACCESS_TOKEN)
    if spec.roles is None and spec.method == "POST":
        headers.append(IDEMPOTENCY_KEY)
    if spec.etag and spec.method != "GET" and spec.status != 201:  # a creation has no version
        headers.append(IF_MATCH)
    return headers


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


def _error_codes(spec: EndpointSpec) -> set[int]:
    """Every error status a route can answer besides its own `errors`."""
    codes = set(spec.errors) | {500}
    if spec.storage:
        codes.add(503)
    if spec.method in ("POST", "PUT", "PATCH"):
        codes |= {400, 413}
    if spec.body is not None:
        codes |= {400, 413, 415}
    checked = {h["name"] for h in _headers(spec)} & {"Idempotency-Key", "If-Match"}
    if spec.query is not None or checked or "{year}" in spec.path:
        codes.add(400)
    if spec.roles is None and spec.method == "POST":
        codes.add(409)
    return codes


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
    for media in spec.downloads:  # the same answer as a file (?format=csv|xlsx)
        ok.setdefault("content", {})[media.split(";")[0]] = {
            "schema": {"type": "string", "contentMediaType": media.split(";")[0]}
        }
    responses: dict[str, Any] = {str(spec.status): ok}
    codes = _error_codes(spec)
    if spec.roles is not None:
        codes |= {401, 403}
        op["security"] = [{"StaffBearer": []}]
        op["description"] = "Roles: " + ", ".join(sorted(spec.roles))
    for code in sorted(codes):
        responses[str(code)] = _problem(code, problem_ref)
    op["responses"] = responses
    return op


def _preflight(path: str, problem_ref: str) -> dict[str, Any]:
    """OPTIONS on a public path: the CORS preflight (api/http.py)."""
    methods = ", ".join(allowed_methods(path))
    text = {"schema": {"type": "string"}}
    return {
        "operationId": "options_" + re.sub(r"\W+", "_", path).strip("_"),
        "summary": "CORS preflight: the methods, and the grant for an origin in ALLOWED_ORIGINS",
        "tags": ["public"],
        "parameters": [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": dict(PATH_PARAMETERS.get(name, {"type": "string"})),
            }
            for name in re.findall(r"{(\w+)}", path)
        ],
        "responses": {
            "204": {
                "description": f"Allow: {methods}. With an allowed Origin also "
                "Access-Control-Allow-Origin/-Methods/-Headers/-Max-Age; otherwise no grant.",
                "headers": {
                    "Allow": text,
                    "Access-Control-Allow-Origin": text,
                    "Access-Control-Allow-Methods": text,
                    "Access-Control-Allow-Headers": text,
                    "Access-Control-Max-Age": text,
                },
            },
            "500": _problem(500, problem_ref),
        },
    }


@functools.cache
def build_openapi() -> dict[str, Any]:
    specs = list(REGISTRY)
    refs, defs = models_json_schema(
        _model_pairs(specs), ref_template=REF, schema_generator=RequestSchema
    )
    problem_ref = refs[(Problem, "serialization")]["$ref"]
    paths: dict[str, dict[str, Any]] = {}
    for spec in specs:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, refs, problem_ref)
    for path in sorted({s.path for s in specs if s.roles is None}):
        paths[path]["options"] = _preflight(path, problem_ref)
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
