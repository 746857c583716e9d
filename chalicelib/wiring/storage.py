"""Wiring of the table, the bucket and the services every area shares: calendar, deadlines,
uploads, staff directory, rooms and the tracking-code guard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.config import get_settings
from chalicelib.wiring.registry import built, client, dated_id

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo import Dynamo
    from chalicelib.adapters.idempotency import Idempotency
    from chalicelib.adapters.tracked_repo import DynamoTrackedItemRepository
    from chalicelib.domain.errors import AppError
    from chalicelib.services.calendar import CalendarService, Retimer
    from chalicelib.services.ports import StaffDirectory
    from chalicelib.services.rooms import RoomService
    from chalicelib.services.sweep import SweepService
    from chalicelib.services.tracking_guard import TrackingGuard
    from chalicelib.services.uploads import UploadService


@built
def dynamo() -> Dynamo:
    from chalicelib.adapters.dynamo import Dynamo

    return Dynamo(client("dynamodb"), get_settings().table_name)


@built
def idempotency() -> Idempotency:
    from chalicelib.adapters.idempotency import Idempotency

    return Idempotency(dynamo().client, get_settings().table_name)


def storage_fault(exc: BaseException) -> AppError | None:
    """StorageUnavailable when `exc` is the store being busy or unreachable (a botocore
    timeout, lost connection or throttling, however wrapped); None otherwise."""
    from chalicelib.adapters.faults import storage_fault as fault

    return fault(exc)


@built
def calendar_service() -> CalendarService:
    from chalicelib.adapters.calendar_repo import DynamoCalendarRepository
    from chalicelib.adapters.holiday_library import library_holidays
    from chalicelib.services.calendar import CalendarService

    s = get_settings()
    return CalendarService(
        DynamoCalendarRepository(dynamo()),
        library_holidays,
        s.tz,
        s.office_open,
        s.office_close,
        cache_seconds=s.calendar_cache_seconds,
    )


@built
def tracked_items() -> DynamoTrackedItemRepository:
    from chalicelib.adapters.tracked_repo import DynamoTrackedItemRepository

    return DynamoTrackedItemRepository(dynamo(), shards=get_settings().due_shards)


@built
def retimer() -> Retimer:
    from chalicelib.services.calendar import Retimer

    return Retimer(tracked_items(), get_settings().sla_policy())


@built
def sweep_service() -> SweepService:
    from chalicelib.services.sweep import SweepService

    return SweepService(
        tracked_items(),
        calendar_service().calendar,
        get_settings().sla_policy(),
        new_id=dated_id("NT"),
    )


@built
def upload_service() -> UploadService:
    from chalicelib.adapters.file_check import LibraryFileInspector
    from chalicelib.adapters.s3_store import S3FileStore
    from chalicelib.adapters.upload_repo import DynamoUploadRepository
    from chalicelib.domain.ids import random_part
    from chalicelib.services.uploads import UploadService

    s = get_settings()
    files = S3FileStore(client("s3"), s.bucket_name, s.upload_sse)
    return UploadService(
        DynamoUploadRepository(dynamo()),
        files,
        new_id=lambda now: f"UP{now:%y%m%d}{random_part(10)}",
        inspector=LibraryFileInspector(),
    )


@built
def tracking_guard() -> TrackingGuard:
    from chalicelib.adapters.attempts_repo import DynamoAccessAttempts
    from chalicelib.services.tracking_guard import TrackingGuard

    s = get_settings()
    return TrackingGuard(
        DynamoAccessAttempts(dynamo(), s.track_failure_window_s), s.track_max_failures
    )


@built
def staff_directory() -> StaffDirectory:
    """AWS: the Cognito user pool's groups. Local: the staff accounts in the table."""
    from chalicelib.adapters import staff_directory as adapters

    s = get_settings()
    if s.app_env == "aws":
        pool = adapters.user_pool_id(s.cognito_user_pool_arn or "")
        return adapters.CognitoStaffDirectory(client("cognito-idp"), pool)
    return adapters.TableStaffDirectory(dynamo())


@built
def room_service() -> RoomService:
    """The bureau's rooms (one item, ROOMS/LIST)."""
    from chalicelib.adapters.room_repo import DynamoRoomRepository
    from chalicelib.services.rooms import RoomService

    return RoomService(DynamoRoomRepository(dynamo()))
