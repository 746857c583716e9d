"""Complaints in DynamoDB: CMP#<code>/ITEM with the SLA, queue, sweep, month and assignee
attributes; LAPOR#<id>/CLAIM keeps LAPOR tracking ids unique; audit lines alongside."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.adapters.audit_store import read_trail
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.adapters.inbox_items import contact_pk, inbox_parts
from chalicelib.adapters.item_write import Part, claim, token_put, uploads_used, write_item
from chalicelib.adapters.letter_repo import DynamoLetterRepository
from chalicelib.adapters.month import received_in
from chalicelib.adapters.queue import GSI4, and_filters, merged_query
from chalicelib.adapters.report_counts import CountedKind
from chalicelib.adapters.tracked_repo import (
    READ_ERRORS,
    SK_ITEM,
    public_attributes,
    queue_query,
    rating_from,
    read_page,
    timeline_from,
    track_attributes,
    track_from,
)
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.complaint import (
    OPEN,
    Answer,
    Complaint,
    Message,
    Reporter,
)
from chalicelib.domain.errors import FieldError
from chalicelib.domain.inbox import InboxChange, contact_addresses
from chalicelib.domain.letter import Letter
from chalicelib.domain.notification import Notification
from chalicelib.domain.report import complaint_figures
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.domain.uploads import UploadUse
from chalicelib.services.ports import MonthCounts, Page


def _by_class(clock_class: str | None) -> dict[str, Any] | None:
    """The FilterExpression keeping one SLA clock class (None: no filter)."""
    if not clock_class:
        return None
    return {
        "FilterExpression": "sla_class = :cls",
        "ExpressionAttributeValues": {":cls": {"S": clock_class}},
    }


class DynamoComplaintRepository:
    """`calendar`: the working calendar a complaint's time to answer is counted with in its
    month's report counts (report_counts.py), as of each write."""

    def __init__(
        self, db: Dynamo, tz: ZoneInfo, shards: int, calendar: Callable[[], WorkingCalendar]
    ) -> None:
        self._db = db
        self._tz = tz
        self._shards = shards
        self._counting: CountedKind[Complaint] = CountedKind(
            db,
            tz,
            "complaint",
            lambda c: complaint_figures(c, calendar()),
            self._complaint,
        )

    def _values(
        self, c: Complaint, next_check_at: datetime | None, counted: frozenset[str]
    ) -> dict[str, Any]:
        month = c.track.received_at.astimezone(self._tz).strftime("%Y-%m")
        r, a = c.reporter, c.answer
        assigned_open = c.assignee is not None and c.status in OPEN
        return {
            "PK": c.ref,
            "SK": SK_ITEM,
            "entity": "complaint",
            "kind": "complaint",
            "code": c.code,
            "status": c.status,
            "version": c.version,
            "channel": c.channel,
            "privacy": c.privacy,
            # anonymous: no identity attribute at all
            "reporter": None if r is None else {"name": r.name, "phone": r.phone, "email": r.email},
            "subject": c.subject,
            "description": c.description,
            "evidence_upload_ids": list(c.evidence_upload_ids),
            "token_hash": c.token_hash,
            "created_by": c.created_by,
            "lapor_tracking_id": c.lapor_tracking_id,
            "classification": c.classification,
            "assignee": c.assignee,
            "paused_from": c.paused_from,
            "answer": None
            if a is None
            else {
                "text": a.text,
                "channel": a.channel,
                "at": iso_utc(a.at),
                "by": a.by,
                "letter_id": a.letter_id,
                "letter_number": a.letter_number,
            },
            "reject_reason": c.reject_reason,
            "forwarded_to": c.forwarded_to,
            "forward_note": c.forward_note,
            "messages": [
                {"at": iso_utc(m.at), "sender": m.sender, "text": m.text} for m in c.messages
            ],
            **public_attributes(c.timeline, c.rating),
            "GSI2PK": f"MONTH#complaint#{month}",
            "GSI2SK": f"{iso_utc(c.track.received_at)}#{c.code}",
            "counted": sorted(counted),
            "GSI4PK": f"ASSIGNEE#{c.assignee}" if assigned_open else None,
            "GSI4SK": f"{iso_utc(c.track.due_at)}#{c.code}" if assigned_open else None,
            **track_attributes("complaint", c.code, c.status, c.track, next_check_at, self._shards),
        }

    @staticmethod
    def _complaint(item: dict[str, Any]) -> Complaint:
        r, a = item.get("reporter"), item.get("answer")
        return Complaint(
            code=item["code"],
            status=item["status"],
            channel=item["channel"],
            privacy=item["privacy"],
            reporter=None if not r else Reporter(r["name"], r.get("phone"), r.get("email")),
            subject=item["subject"],
            description=item["description"],
            evidence_upload_ids=tuple(item.get("evidence_upload_ids", [])),
            track=track_from(item),
            token_hash=item["token_hash"],
            created_by=item["created_by"],
            lapor_tracking_id=item.get("lapor_tracking_id"),
            classification=item.get("classification"),
            assignee=item.get("assignee"),
            paused_from=item.get("paused_from"),
            answer=None
            if not a
            else Answer(
                a["text"],
                a["channel"],
                parse_iso_utc(a["at"]),
                a["by"],
                a.get("letter_id"),
                a.get("letter_number"),
            ),
            reject_reason=item.get("reject_reason"),
            forwarded_to=item.get("forwarded_to"),
            forward_note=item.get("forward_note"),
            rating=rating_from(item),
            messages=tuple(
                Message(parse_iso_utc(m["at"]), m["sender"], m["text"])
                for m in item.get("messages", [])
            ),
            timeline=timeline_from(item),
            version=int(item["version"]),
            counted=frozenset(item["counted"]) if "counted" in item else None,
        )

    def _contact_links(self, before: Complaint | None, after: Complaint) -> list[Part]:
        """The inbox's link from each address of the reporter to an open complaint: put when
        it opens, deleted when it ends (so one Query of an address finds its open items)."""
        was_open = before is not None and before.status in OPEN
        is_open = after.status in OPEN
        if was_open == is_open or after.reporter is None:
            return []
        parts: list[Part] = []
        for channel, address in contact_addresses(after.reporter.phone, after.reporter.email):
            key = {"PK": contact_pk(channel, address), "SK": f"CMP#{after.code}"}
            if is_open:
                parts.append(({"Put": {"TableName": self._db.table, "Item": to_item(key)}}, None))
            else:
                parts.append(({"Delete": {"TableName": self._db.table, "Key": to_item(key)}}, None))
        return parts

    def create(
        self,
        complaint: Complaint,
        next_check_at: datetime | None,
        uploads: list[UploadUse],
        audit: AuditEntry,
        notifications: list[Notification],
        inbox: InboxChange | None = None,
    ) -> None:
        extra = uploads_used(self._db, uploads, complaint.ref)
        extra += self._contact_links(None, complaint)
        extra += inbox_parts(self._db, self._tz, inbox, complaint.ref)
        extra.append(token_put(self._db, complaint.ref, complaint.token_hash))
        if complaint.lapor_tracking_id:
            taken = FieldError("lapor_tracking_id", "already_exists")
            extra.append(
                claim(
                    self._db, f"LAPOR#{complaint.lapor_tracking_id}", "CLAIM", complaint.ref, taken
                )
            )
        counted = self._counting.figures(complaint)
        extra += self._counting.parts(None, counted, complaint.track.received_at, complaint.code)
        write_item(
            self._db,
            self._values(complaint, next_check_at, counted),
            None,
            audit,
            notifications,
            extra,
        )

    def get(self, code: str) -> Complaint | None:
        item = self._db.get(f"CMP#{code}", SK_ITEM)
        return self._complaint(item) if item else None

    def by_lapor(self, lapor_id: str) -> Complaint | None:
        """Two GetItems: the LAPOR id's claim, then the complaint that holds it."""
        claim_item = self._db.get(f"LAPOR#{lapor_id}", "CLAIM")
        if not claim_item:
            return None
        item = self._db.get(claim_item["owner"], SK_ITEM)
        return self._complaint(item) if item else None

    def save(
        self,
        before: Complaint,
        after: Complaint,
        next_check_at: datetime | None,
        audit: AuditEntry,
        notifications: list[Notification],
        inbox: InboxChange | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> None:
        """The change with its audit line, messages, inbox records and the letter it issues
        (with the sequence value its number came from: letter_repo.issue_parts): one
        transaction."""
        extra = self._contact_links(before, after)
        extra += inbox_parts(self._db, self._tz, inbox, after.ref)
        if letter is not None:
            extra += DynamoLetterRepository(self._db).issue_parts(*letter)
        counted = self._counting.figures(after)
        stored = self._counting.stored(before.counted, before.ref)
        extra += self._counting.parts(stored, counted, after.track.received_at, after.code)
        write_item(
            self._db,
            self._values(after, next_check_at, counted),
            before.version,
            audit,
            notifications,
            extra,
            uncounted=stored is None,
        )

    def queue(
        self,
        statuses: list[str],
        limit: int,
        position: str | None,
        clock_class: str | None = None,
        keep: Callable[[Complaint], bool] | None = None,
    ) -> Page[Complaint]:
        """The open queue (GSI1), deadline first; the state and class filters run in
        DynamoDB, `keep` on each complaint as it is read (merged_query: pages are full)."""
        partitions, by_status = queue_query("complaint", statuses)
        items, next_position = merged_query(
            self._db,
            partitions,
            limit,
            position,
            and_filters(by_status, _by_class(clock_class)),
            self._keep(keep),
        )
        complaints, unreadable = read_page(items, self._complaint)
        return Page(complaints, next_position, unreadable)

    def assigned_to(
        self,
        sub: str,
        limit: int,
        position: str | None,
        statuses: list[str] | None = None,
        clock_class: str | None = None,
        keep: Callable[[Complaint], bool] | None = None,
    ) -> Page[Complaint]:
        """A team member's open complaints (GSI4, deadline first), filtered as `queue`."""
        by_status: dict[str, Any] | None = None
        if statuses:
            by_status = {
                "FilterExpression": "#qs IN ("
                + ", ".join(f":qs{i}" for i in range(len(statuses)))
                + ")",
                "ExpressionAttributeNames": {"#qs": "status"},
                "ExpressionAttributeValues": {f":qs{i}": {"S": s} for i, s in enumerate(statuses)},
            }
        items, next_position = merged_query(
            self._db,
            [f"ASSIGNEE#{sub}"],
            limit,
            position,
            and_filters(by_status, _by_class(clock_class)),
            self._keep(keep),
            GSI4,
        )
        complaints, unreadable = read_page(items, self._complaint)
        return Page(complaints, next_position, unreadable)

    def _keep(
        self, keep: Callable[[Complaint], bool] | None
    ) -> Callable[[dict[str, Any]], bool] | None:
        """`keep` on a stored item; an item that cannot be read is kept, for read_page to
        name it (never silently dropped by a filter)."""
        if keep is None:
            return None
        test = keep

        def on_item(item: dict[str, Any]) -> bool:
            try:
                complaint = self._complaint(item)
            except READ_ERRORS:
                return True
            return test(complaint)

        return on_item

    def month_counts(self, month: str, now: datetime) -> MonthCounts:
        """The month's report counts (report_counts.CountedKind.month): one Query."""
        return self._counting.month(month, now)

    def received_in(self, month: str) -> Page[Complaint]:
        complaints, unreadable = read_page(
            received_in(self._db, "complaint", month), self._complaint
        )
        return Page(complaints, None, unreadable)

    def trail(self, code: str) -> list[AuditEntry]:
        return read_trail(self._db, f"CMP#{code}")
