"""Wiring of the monthly reports (complaints, audiences, deadlines, dismissed inbox
conversations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.config import get_settings
from chalicelib.wiring.cases import complaint_repo
from chalicelib.wiring.channels import inbox_repo
from chalicelib.wiring.registry import built
from chalicelib.wiring.storage import calendar_service, dynamo, tracked_items

if TYPE_CHECKING:
    from chalicelib.services.reports import ReportService


@built
def report_service() -> ReportService:
    from chalicelib.adapters.audience_repo import DynamoAudienceRepository
    from chalicelib.services.reports import ReportService

    s = get_settings()
    return ReportService(
        complaint_repo(),
        DynamoAudienceRepository(dynamo(), s.tz, s.due_shards),
        calendar_service().calendar,
        tracked_items(),
        dismissed=lambda month: inbox_repo().dismissed_in(month),
    )
