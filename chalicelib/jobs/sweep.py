"""The scheduled escalation sweep (every 5 minutes), then the outbox delivery."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Blueprint, CloudWatchEvent, Rate

from chalicelib import bootstrap
from chalicelib.observability import flush_metrics, logger, metrics

bp = Blueprint(__name__)

LEVEL_METRICS = {
    "warning": "SlaWarnings",
    "breach": "SlaBreaches",
    "breach_followup": "SlaFollowups",
}


class SweepIncomplete(RuntimeError):
    """Some items could not be escalated; the next run retries them. Raised so that the
    invocation counts as failed (retry policy, dead-letter queue, alarm)."""


def run_sweep(now: datetime) -> dict[str, Any]:
    """One sweep at `now` and one outbox delivery; reports counts, logs and metrics."""
    started = time.perf_counter()
    result = bootstrap.sweep_service().run(now)
    delivery = bootstrap.outbox_service().dispatch(now)
    elapsed_ms = (time.perf_counter() - started) * 1000
    metrics.add_metric(name="SlaItemsChecked", unit=MetricUnit.Count, value=result.checked)
    metrics.add_metric(name="SlaSweepFailures", unit=MetricUnit.Count, value=result.failed)
    metrics.add_metric(name="SlaSweepDuration", unit=MetricUnit.Milliseconds, value=elapsed_ms)
    for level, name in LEVEL_METRICS.items():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=result.levels.get(level, 0))
    metrics.add_metric(name="NotificationsSent", unit=MetricUnit.Count, value=delivery.sent)
    metrics.add_metric(name="NotificationsFailed", unit=MetricUnit.Count, value=delivery.failed)
    summary = {
        "checked": result.checked,
        "fired": result.fired,
        "superseded": result.superseded,
        "failed": result.failed,
    }
    log = logger.warning if result.failed else logger.info
    log(
        "sla sweep",
        extra={
            **summary,
            "raced": result.raced,
            "levels": dict(result.levels),
            "failures": result.failures[:20],
            "notifications": {
                "sent": delivery.sent,
                "retried": delivery.retried,
                "failed": delivery.failed,
                "raced": delivery.raced,
            },
            "duration_ms": round(elapsed_ms, 1),
            "now": now.isoformat(),
        },
    )
    return summary


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="sla_sweep")
def scheduled_sweep(event: CloudWatchEvent) -> dict[str, Any]:
    try:
        summary = run_sweep(datetime.now(UTC).replace(microsecond=0))
    finally:
        flush_metrics()
    if summary["failed"]:
        raise SweepIncomplete(f"{summary['failed']} item(s) not escalated; the next run retries")
    return summary
