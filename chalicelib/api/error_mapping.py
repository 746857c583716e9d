"""Errors -> RFC 9457 problem+json responses, in this one place: the request's own problems
(bad JSON, a body too large, invalid fields) and the domain's errors (AppError)."""

from __future__ import annotations

from chalice.app import Response

from chalicelib import bootstrap
from chalicelib.api.problems import (
    PROBLEM_CONTENT_TYPE,
    FieldProblem,
    problem_body,
    problem_json,
    problem_status,
    too_many_attempts_detail,
)
from chalicelib.api.rule_messages import transition_detail
from chalicelib.domain.errors import (
    AppError,
    FieldError,
    FieldErrors,
    InvalidTransition,
    UploadInvalid,
)
from chalicelib.observability import logger


class ProblemRaised(Exception):
    """A request refused before its handler runs: the problem `code` and its field problems."""

    def __init__(self, code: str, errors: list[FieldProblem] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.errors = errors


class BadRequest(ProblemRaised):
    """validation_failed (400), naming every bad field at once."""

    def __init__(self, errors: list[FieldProblem]) -> None:
        super().__init__("validation_failed", errors)


def problem_response(
    code: str,
    lang: str,
    *,
    errors: list[FieldProblem] | None = None,
    request_id: str | None = None,
    headers: dict[str, str] | None = None,
    detail: str | None = None,
) -> Response:
    """A problem+json response of `code` in `lang` (`id` or `en`); a 5xx names `request_id`."""
    body = problem_body(code, lang, errors=errors, request_id=request_id, detail=detail)
    return Response(
        body=problem_json(body),
        status_code=problem_status(code),
        headers={"Content-Type": PROBLEM_CONTENT_TYPE, **(headers or {})},
    )


def app_error_response(exc: AppError, lang: str) -> Response:
    """Our own errors, mapped to problem details in this one place."""
    if isinstance(exc, UploadInvalid):
        return problem_response(
            "upload_invalid", lang, errors=[FieldProblem(exc.field, exc.reason)]
        )
    if isinstance(exc, FieldError):
        problem = FieldProblem(exc.field, exc.message_key, dict(exc.params))
        return problem_response("validation_failed", lang, errors=[problem])
    if isinstance(exc, FieldErrors):
        problems = [FieldProblem(e.field, e.message_key, dict(e.params)) for e in exc.errors]
        return problem_response("validation_failed", lang, errors=problems)
    if isinstance(exc, InvalidTransition):
        detail = transition_detail(exc.rule, lang, dict(exc.params))
        return problem_response(exc.code, lang, detail=detail)
    if exc.code == "storage_unavailable":
        logger.warning("storage unavailable", extra={"error": str(exc)})
    retry_after = exc.params.get("retry_after")
    headers = None
    detail = None
    if isinstance(retry_after, int | float):  # 429 and 409 in progress: when to come back
        headers = {"Retry-After": str(max(1, int(retry_after)))}
        if exc.code == "too_many_attempts":  # a citizen reads this: the wait, not a header
            detail = too_many_attempts_detail(lang, max(1, int(retry_after)))
    return problem_response(exc.code, lang, headers=headers, detail=detail)


def error_response(exc: Exception, lang: str, request_id: str, route: str) -> Response:
    """Any exception a view raised: a refused request, one of ours, the store being busy
    (503), or else a 500 naming the request id, logged with its stack under `route`
    (`POST /v1/...`); never a stack trace to the client."""
    if isinstance(exc, ProblemRaised):
        return problem_response(exc.code, lang, errors=exc.errors)
    if isinstance(exc, AppError):
        return app_error_response(exc, lang)
    fault = bootstrap.storage_fault(exc)
    if fault is not None:
        return app_error_response(fault, lang)
    logger.exception("unhandled error", extra={"route": route})
    return problem_response("internal_error", lang, request_id=request_id)
