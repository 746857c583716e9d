"""The one error hierarchy of the service; the API maps each class to a problem code."""

from __future__ import annotations


class AppError(Exception):
    """Base of every error the service raises on purpose."""

    code = "error"

    def __init__(self, detail: str | None = None, **params: object) -> None:
        super().__init__(detail or self.code)
        self.params = params


class NotFound(AppError):
    """The item does not exist, or the caller may not know that it does."""

    code = "not_found"


class InvalidTransition(AppError):
    """The item's state does not allow this action now. `rule` names the rule of domain.md's
    state machine that refuses it (e.g. `complaint.answer`); the API turns it into the
    problem's detail, with `state` (the item's status) and `allowed` (where it is allowed)."""

    code = "invalid_transition"

    def __init__(
        self, detail: str | None = None, rule: str | None = None, **params: object
    ) -> None:
        super().__init__(detail or rule, **params)
        self.rule = rule


class VersionConflict(AppError):
    """The item changed since the caller read it."""

    code = "version_conflict"


def check_version(current: int, if_match: int | None) -> None:
    """VersionConflict (412) unless `if_match` (the version an If-Match header named; None:
    no header or `*`) is the item's `current` version (RFC 9110 section 13.1.1)."""
    if if_match is not None and if_match != current:
        raise VersionConflict(current=current)


class AlreadyExists(AppError):
    """An item with this key exists already."""

    code = "already_exists"


class Forbidden(AppError):
    """The caller is known but their role may not do this."""

    code = "forbidden"


class Unauthenticated(AppError):
    """The caller is not known: no token, or a bad one."""

    code = "unauthenticated"


class FieldError(AppError):
    """A value is invalid for a rule the request schema cannot express."""

    code = "validation_failed"

    def __init__(self, field: str, message_key: str, **params: object) -> None:
        super().__init__(f"{field}: {message_key}", **params)
        self.field = field
        self.message_key = message_key


class FieldErrors(AppError):
    """Several values are invalid at once; each is a FieldError (all reported together)."""

    code = "validation_failed"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def raise_all(errors: list[FieldError]) -> None:
    """Raise the one error, or all of them together; nothing when the list is empty."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise FieldErrors(errors)


class StorageUnavailable(AppError):
    """The data store refused or failed a call; safe to retry later."""

    code = "storage_unavailable"


class TransactionContended(StorageUnavailable):
    """A transaction lost a race with another one on the same item (DynamoDB's
    TransactionConflict): nothing was written; safe to retry at once."""


class DeliveryFailed(AppError):
    """A notification could not be delivered this time; the outbox retries it."""

    code = "delivery_failed"


class RoomConflict(AppError):
    """The room is already booked for part of that time."""

    code = "room_conflict"


class ScheduleUnchanged(AppError):
    """A reschedule to the very meeting already set (same start, end and room): refused, so no
    letter number is used and the requester gets no second identical notice (issue 17)."""

    code = "schedule_unchanged"


class SignerNotSet(AppError):
    """No letter signer is set (neither in the console nor in settings): a letter is not
    issued signed by a placeholder; the admin sets one in Admin > Penandatangan surat."""

    code = "signer_not_set"


class IdempotencyConflict(AppError):
    """The Idempotency-Key was used with another request body."""

    code = "idempotency_conflict"


class IdempotencyInProgress(AppError):
    """The first request with this Idempotency-Key is still running; retry after
    `retry_after` seconds (a param)."""

    code = "idempotency_in_progress"


class TooManyAttempts(AppError):
    """Too many wrong access tokens for one tracking code in the current window; refused
    (even with the right token) for `retry_after` more seconds (a param)."""

    code = "too_many_attempts"


class UploadInvalid(AppError):
    """An upload cannot be used: the field that named it and why."""

    code = "upload_invalid"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class SequenceMoved(AppError):
    """The year's letter sequence moved since it was read (another letter was issued), or
    the number it gave is held by a letter typed in by staff (`taken`): read it and try again.
    Never reaches a client: the letter service retries."""

    code = "sequence_moved"

    def __init__(self, taken: bool = False) -> None:
        super().__init__("letter sequence moved", taken=taken)
        self.taken = taken
