"""Audience requests in DynamoDB: AUD#<code>/ITEM with the SLA, queue, sweep and month
attributes (tracked_repo), room locks ROOM#<room>#<date>/SLOT#HH:MM, audit lines."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from chalicelib.adapters.audit_store import read_trail
from chalicelib.adapters.dynamo import Dynamo
from chalicelib.adapters.item_write import claim, release, token_put, uploads_used, write_item
from chalicelib.adapters.letter_repo import DynamoLetterRepository
from chalicelib.adapters.month import received_in
from chalicelib.adapters.queue import merged_query
from chalicelib.adapters.report_counts import CountedKind
from chalicelib.adapters.tracked_repo import (
    SK_ITEM,
    public_attributes,
    queue_query,
    rating_from,
    read_page,
    timeline_from,
    track_attributes,
    track_from,
)
from chalicelib.domain.audience import (
    Audience,
    Contact,
    ReplyLetter,
    Schedule,
)
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import RoomConflict
from chalicelib.domain.letter import Letter
from chalicelib.domain.notification import Notification
from chalicelib.domain.places import normalize_room
from chalicelib.domain.report import audience_figures
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import UploadUse
from chalicelib.services.ports import MonthCounts, Page

if TYPE_CHECKING:
    pass


def _dt(text: str | None) -> datetime | None:
    return parse_iso_utc(text) if text else None


class DynamoAudienceRepository:
    def __init__(self, db: Dynamo, tz: ZoneInfo, shards: int) -> None:
        self._db = db
        self._tz = tz
        self._shards = shards
        self._counting: CountedKind[Audience] = CountedKind(
            db, tz, "audience", audience_figures, self._audience
        )

    # --- codec --------------------------------------------------------------------------

    def _values(
        self, a: Audience, next_check_at: datetime | None, counted: frozenset[str]
    ) -> dict[str, Any]:
        month = a.track.received_at.astimezone(self._tz).strftime("%Y-%m")
        s, letter = a.schedule, a.reply_letter
        return {
            "PK": a.ref,
            "SK": SK_ITEM,
            "entity": "audience",
            "kind": "audience",
            "code": a.code,
            "status": a.status,
            "version": a.version,
            "institution_name": a.institution_name,
            "institution_type": a.institution_type,
            "contact": {
                "name": a.contact.name,
                "position": a.contact.position,
                "phone": a.contact.phone,
                "email": a.contact.email,
            },
            "topic": a.topic,
            "purpose": a.purpose,
            "attendees": a.attendees,
            "preferred_dates": [d.isoformat() for d in a.preferred_dates],
            "request_letter_upload_id": a.request_letter_upload_id,
            "identity_upload_id": a.identity_upload_id,
            "channel": a.channel,
            "token_hash": a.token_hash,
            "created_by": a.created_by,
            "guestbook_id": a.guestbook_id,
            "schedule": None
            if s is None
            else {
                "start": iso_utc(s.start),
                "end": iso_utc(s.end),
                "room": s.room,
                "bureau_attendees": list(s.bureau_attendees),
                "sequence": s.sequence,
            },
            "reply_letter": None
            if letter is None
            else {
                "number": letter.number,
                "date": letter.date.isoformat(),
                "body": letter.body,
                "id": letter.id,
            },
            "decline_reason": a.decline_reason,
            "cancel_reason": a.cancel_reason,
            **public_attributes(a.timeline, a.rating),
            "counted": sorted(counted),
            "GSI2PK": f"MONTH#audience#{month}",
            "GSI2SK": f"{iso_utc(a.track.received_at)}#{a.code}",
            **track_attributes("audience", a.code, a.status, a.track, next_check_at, self._shards),
        }

    @staticmethod
    def _audience(item: dict[str, Any]) -> Audience:
        c, s, letter = item["contact"], item.get("schedule"), item.get("reply_letter")
        return Audience(
            code=item["code"],
            status=item["status"],
            institution_name=item["institution_name"],
            institution_type=item["institution_type"],
            contact=Contact(c["name"], c["position"], c["phone"], c.get("email")),
            topic=item["topic"],
            purpose=item["purpose"],
            attendees=int(item["attendees"]),
            preferred_dates=tuple(date.fromisoformat(d) for d in item["preferred_dates"]),
            request_letter_upload_id=item["request_letter_upload_id"],
            identity_upload_id=item["identity_upload_id"],
            channel=item["channel"],
            track=track_from(item),
            token_hash=item["token_hash"],
            created_by=item["created_by"],
            guestbook_id=item.get("guestbook_id"),
            timeline=timeline_from(item),
            schedule=None
            if not s
            else Schedule(
                start=parse_iso_utc(s["start"]),
                end=parse_iso_utc(s["end"]),
                room=s["room"],
                bureau_attendees=tuple(s.get("bureau_attendees", [])),
                sequence=int(s.get("sequence", 0)),
            ),
            reply_letter=None
            if not letter
            else ReplyLetter(
                letter["number"],
                date.fromisoformat(letter["date"]),
                letter["body"],
                letter.get("id"),
            ),
            decline_reason=item.get("decline_reason"),
            cancel_reason=item.get("cancel_reason"),
            rating=rating_from(item),
            version=int(item["version"]),
            counted=frozenset(item["counted"]) if "counted" in item else None,
        )

    # --- writes -------------------------------------------------------------------------

    def create(
        self,
        audience: Audience,
        next_check_at: datetime | None,
        uploads: list[UploadUse],
        audit: AuditEntry,
        notifications: list[Notification],
    ) -> None:
        counted = self._counting.figures(audience)
        values = self._values(audience, next_check_at, counted)
        extra = uploads_used(self._db, uploads, audience.ref)
        extra.append(token_put(self._db, audience.ref, audience.token_hash))
        extra += self._counting.parts(None, counted, audience.track.received_at, audience.code)
        write_item(self._db, values, None, audit, notifications, extra)

    def save(
        self,
        before: Audience,
        after: Audience,
        next_check_at: datetime | None,
        audit: AuditEntry,
        notifications: list[Notification],
        add_slots: set[tuple[str, str]] | None = None,
        remove_slots: set[tuple[str, str]] | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> None:
        extra = [
            claim(self._db, pk, sk, after.ref, RoomConflict()) for pk, sk in sorted(add_slots or ())
        ]
        extra += [release(self._db, pk, sk, after.ref) for pk, sk in sorted(remove_slots or ())]
        if letter is not None:
            extra += DynamoLetterRepository(self._db).issue_parts(*letter)
        counted = self._counting.figures(after)
        values = self._values(after, next_check_at, counted)
        stored = self._counting.stored(before.counted, before.ref)
        extra += self._counting.parts(stored, counted, after.track.received_at, after.code)
        write_item(
            self._db,
            values,
            before.version,
            audit,
            notifications,
            extra,
            uncounted=stored is None,
        )

    # --- reads --------------------------------------------------------------------------

    def get(self, code: str) -> Audience | None:
        item = self._db.get(f"AUD#{code}", SK_ITEM)
        return self._audience(item) if item else None

    def queue(self, statuses: list[str], limit: int, position: str | None) -> Page[Audience]:
        partitions, by_status = queue_query("audience", statuses)
        items, next_position = merged_query(self._db, partitions, limit, position, by_status)
        audiences, unreadable = read_page(items, self._audience)
        return Page(audiences, next_position, unreadable)

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The month's report counts (report_counts.CountedKind.month): one Query."""
        return self._counting.month(month, now)

    def received_in(self, month: str) -> Page[Audience]:
        audiences, unreadable = read_page(received_in(self._db, "audience", month), self._audience)
        return Page(audiences, None, unreadable)

    def trail(self, code: str) -> list[AuditEntry]:
        return read_trail(self._db, f"AUD#{code}")

    def room_slots_on(self, room: str, day: date) -> list[tuple[str, str]]:
        """("HH:MM", owner ref) of each lock ROOM#<room>#<day>/SLOT#HH:MM, by time."""
        found: list[tuple[str, str]] = []
        start: dict[str, Any] | None = None
        while True:
            kwargs: dict[str, Any] = {
                "KeyConditionExpression": "PK = :pk AND begins_with(SK, :slot)",
                "ExpressionAttributeValues": {
                    ":pk": {"S": f"ROOM#{normalize_room(room)}#{day.isoformat()}"},
                    ":slot": {"S": "SLOT#"},
                },
            }
            if start:
                kwargs["ExclusiveStartKey"] = start
            items, start = self._db.query(**kwargs)
            found.extend((i["SK"].removeprefix("SLOT#"), i["owner"]) for i in items)
            if not start:
                return found
