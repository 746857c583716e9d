"""Logger and metrics, created before the Chalice app so that logs are not printed twice.

Never log personal data (names, NIK, phone, e-mail, tokens): log ids, codes and counts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger, Metrics

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

SERVICE = "layanan-kesra"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="LayananKesra", service=SERVICE)

_tracer: Tracer | None = None


def get_tracer() -> Tracer:
    """X-Ray tracer, imported on first use: it is a cold-start cost most requests never need."""
    global _tracer  # noqa: PLW0603
    if _tracer is None:
        from aws_lambda_powertools import Tracer

        _tracer = Tracer(service=SERVICE)
    return _tracer


def flush_metrics() -> None:
    """Publish what this invocation recorded (EMF on stdout), then start afresh: with
    POWERTOOLS_METRICS_DISABLED Powertools neither prints nor clears."""
    if metrics.metric_set:
        metrics.flush_metrics(raise_on_empty_metrics=False)
    metrics.clear_metrics()


_QUERY = re.compile(r"\?([^\s\"#]*)")


def redact_query(text: str) -> str:
    """A request line with every query value replaced by `-`, names kept: `?reason=Budi` (a
    reason may hold a citizen's name) becomes `?reason=-`. Used wherever a URL is logged."""

    def names_only(match: re.Match[str]) -> str:
        names = [part.split("=", 1)[0] for part in match.group(1).split("&") if part]
        return "?" + "&".join(f"{name}=-" for name in names)

    return _QUERY.sub(names_only, text)
