"""Per-request middleware: request id on every response and in the logs, metrics flushed,
CORS on the public routes, and Chalice's own error bodies (405 with its Allow, 400) turned
into problem+json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Response

from chalicelib.api.cors import cors_headers
from chalicelib.api.error_mapping import problem_response
from chalicelib.api.http import request_id_of
from chalicelib.api.problems import PROBLEM_CONTENT_TYPE, choose_language
from chalicelib.api.registry import public_path
from chalicelib.observability import flush_metrics, logger, metrics

_CHALICE_CODES = {
    405: "method_not_allowed",
    400: "validation_failed",
    404: "not_found",
    415: "unsupported_media_type",
    413: "payload_too_large",
    403: "forbidden",
    401: "unauthenticated",
}


def _translate_chalice_error(response: Response, lang: str) -> Response:
    """Chalice answers some errors itself as {"Code", "Message"}: make them problem+json."""
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    if response.status_code < 400 or headers.get("content-type") == PROBLEM_CONTENT_TYPE:
        return response
    body = response.body
    if isinstance(body, str | bytes):
        try:
            body = json.loads(body)
        except ValueError:
            return response
    if not isinstance(body, dict) or "Code" not in body:
        return response
    code = _CHALICE_CODES.get(response.status_code, "internal_error")
    keep = {k: str(v) for k, v in (response.headers or {}).items() if k.lower() == "allow"}
    return problem_response(code, lang, headers=keep)


def http_middleware(event: Any, get_response: Callable[[Any], Response]) -> Response:
    request_id = request_id_of(event)
    logger.append_keys(request_id=request_id)
    lang = choose_language((event.headers or {}).get("accept-language"))
    try:
        response = _translate_chalice_error(get_response(event), lang)
        status = response.status_code
        metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
        if status >= 500:
            metrics.add_metric(name="ServerErrors", unit=MetricUnit.Count, value=1)
        elif status >= 400:
            metrics.add_metric(name="ClientErrors", unit=MetricUnit.Count, value=1)
        logger.info(
            "request",
            extra={
                "method": event.method,
                "route": event.context.get("resourcePath"),
                "status": status,
            },
        )
        extra = {"X-Request-Id": request_id}
        headers = {k.lower(): v for k, v in (event.headers or {}).items()}
        route = (event.context or {}).get("resourcePath")
        if event.method != "OPTIONS" and public_path(route):
            extra.update(cors_headers(headers.get("origin")))
        response.headers = {**(response.headers or {}), **extra}
        return response
    finally:
        flush_metrics()
        logger.remove_keys(["request_id"])
