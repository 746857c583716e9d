"""Use cases of fasilitasi audiensi: submission (public and walk-in), tracking, the staff
workflow with the reply letter, and the requester's rating."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..domain.audience import (
    PUBLIC_NOTES,
    Audience,
    BookedMeeting,
    Contact,
    Schedule,
    booked_meetings,
    preferred_date_problems,
)
from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.errors import (
    AlreadyExists,
    FieldError,
    NotFound,
    check_version,
    raise_all,
)
from ..domain.letter import Letter, LetterRequest
from ..domain.notification import Notification
from ..domain.public import TimelineEntry
from ..domain.sla import SlaPolicy, SlaTrack
from ..domain.timeutil import long_date_time, to_utc
from ..domain.tracking import hash_token, tracking_link
from ..domain.uploads import UploadUse
from .audience_letters import LetterParts, ReplyLetters
from .letters import LetterService
from .ports import AudienceRepository, Page
from .tracking_guard import TrackingGuard, open_tracked
from .uploads import UploadService

OPEN = ["submitted", "in_review", "scheduled"]


@dataclass(frozen=True, slots=True)
class NewAudience:
    institution_name: str
    institution_type: str
    contact: Contact
    topic: str
    purpose: str
    attendees: int
    preferred_dates: tuple[date, ...]
    request_letter_upload_id: str
    identity_upload_id: str
    received_at: datetime | None = None
    guestbook_id: str | None = None


class AudienceService:
    CODE_ATTEMPTS = 3

    def __init__(
        self,
        repo: AudienceRepository,
        uploads: UploadService,
        calendar: Callable[[], WorkingCalendar],
        policy: SlaPolicy,
        new_code: Callable[[datetime], str],
        new_id: Callable[[datetime], str],
        guestbook_exists: Callable[[str], bool],
        ahead_days: int = 366,
        guard: TrackingGuard | None = None,
        letters: LetterService | None = None,
        letter_parts: Callable[[], LetterParts] | None = None,
        portal_base_url: str = "http://127.0.0.1:8000",
    ) -> None:
        self._portal = portal_base_url
        self._replies = ReplyLetters(calendar, letters, letter_parts)
        self._guard = guard
        self._ahead_days = ahead_days
        self._repo = repo
        self._uploads = uploads
        self._calendar = calendar
        self._policy = policy
        self._new_code = new_code
        self._new_id = new_id
        self._guestbook_exists = guestbook_exists

    # --- submission ---------------------------------------------------------------------

    def submit(
        self, new: NewAudience, channel: str, actor: str, token: str, now: datetime
    ) -> Audience:
        now = to_utc(now)
        received = to_utc(new.received_at) if new.received_at else now
        if received > now:
            raise FieldError("received_at", "in_future")
        if new.guestbook_id and not self._guestbook_exists(new.guestbook_id):
            raise FieldError("guestbook_id", "not_found")
        raise_all(
            preferred_date_problems(
                new.preferred_dates, received, now, self._calendar(), self._ahead_days
            )
        )
        uploads = [
            UploadUse(self._uploads.check(upload_id, purpose, field, now), field)
            for upload_id, purpose, field in (
                (new.request_letter_upload_id, "request_letter", "request_letter_upload_id"),
                (new.identity_upload_id, "identity", "identity_upload_id"),
            )
        ]
        cal = self._calendar()
        track = SlaTrack.start(received, "audience", cal, self._policy)
        for _ in range(self.CODE_ATTEMPTS):
            audience = Audience(
                code=self._new_code(now),
                status="submitted",
                institution_name=new.institution_name,
                institution_type=new.institution_type,
                contact=new.contact,
                topic=new.topic,
                purpose=new.purpose,
                attendees=new.attendees,
                preferred_dates=new.preferred_dates,
                # the checked uploads' ids: never the refs, which carry their secrets
                request_letter_upload_id=uploads[0].upload.id,
                identity_upload_id=uploads[1].upload.id,
                channel=channel,
                track=track,
                token_hash=hash_token(token),
                created_by=actor,
                guestbook_id=new.guestbook_id,
                timeline=(TimelineEntry(received, "submitted", PUBLIC_NOTES["submitted"]),),
            )
            audit = AuditEntry(
                audience.ref,
                now,
                actor,
                "audience.submitted",
                None,
                "submitted",
                channel,
                {"channel": channel},
            )
            message = self._message(audience, "confirmation", now, token)
            try:
                self._repo.create(
                    audience,
                    track.next_check_at(cal, self._policy),
                    uploads,
                    audit,
                    [message],
                )
            except AlreadyExists:
                continue  # the random code collided: draw another
            self._uploads.settle(uploads)
            return audience
        raise AlreadyExists("could not allocate a tracking code")

    # --- reading ------------------------------------------------------------------------

    def get(self, code: str) -> Audience:
        audience = self._repo.get(code)
        if audience is None:
            raise NotFound()
        return audience

    def track(self, code: str, token: str | None, now: datetime) -> Audience:
        """The requester's view: an unknown code and a wrong token are the same NotFound, and
        cost the same (the guard); TooManyAttempts while the code is locked."""
        return open_tracked(self._guard, "audience", code, token, now, self._repo.get)

    def queue(self, statuses: list[str] | None, limit: int, position: str | None) -> Page[Audience]:
        return self._repo.queue(statuses or OPEN, limit, position)

    def trail(self, code: str) -> list[AuditEntry]:
        self.get(code)
        return self._repo.trail(code)

    def booked(self, room: str, first: date, days: int, tz: ZoneInfo) -> list[BookedMeeting]:
        """The meetings a room holds on `days` local days from `first`, by start (one Query
        per day of its locks; a meeting crossing days shows on each)."""
        slots = [
            (day, hhmm, owner)
            for day in (first + timedelta(days=n) for n in range(days))
            for hhmm, owner in self._repo.room_slots_on(room, day)
        ]
        return booked_meetings(slots, tz)

    # --- staff workflow -----------------------------------------------------------------

    def _save(
        self,
        before: Audience,
        change: tuple[Audience, AuditEntry],
        now: datetime,
        message: str | None = None,
        add: set[tuple[str, str]] | None = None,
        remove: set[tuple[str, str]] | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> Audience:
        after, audit = change
        cal = self._calendar()
        messages = [self._message(after, message, now)] if message else []
        next_check = after.track.next_check_at(cal, self._policy)
        self._repo.save(before, after, next_check, audit, messages, add, remove, letter)
        return after

    def _current(self, code: str, if_match: int | None) -> Audience:
        audience = self.get(code)
        check_version(audience.version, if_match)
        return audience

    def review(self, code: str, actor: str, now: datetime, if_match: int | None = None) -> Audience:
        before = self._current(code, if_match)
        return self._save(before, before.review(actor, now), now)

    def _issue(
        self,
        kind: str,
        before: Audience,
        change: tuple[Audience, AuditEntry],
        req: LetterRequest,
        now: datetime,
        message: str,
        add: set[tuple[str, str]] | None = None,
        remove: set[tuple[str, str]] | None = None,
    ) -> Audience:
        """Store the change together with the letter it issues (numbered in the same
        transaction), then build and store the letter's PDF (services.audience_letters)."""

        def save(stored: Audience, audit: AuditEntry, letter: tuple[Letter, int | None]) -> None:
            self._save(before, (stored, audit), now, message, add, remove, letter=letter)

        return self._replies.issue(kind, before, change, req, now, save)

    def schedule(
        self,
        code: str,
        schedule: Schedule,
        req: LetterRequest,
        actor: str,
        now: datetime,
        if_match: int | None = None,
    ) -> Audience:
        """Schedule or reschedule; issues the schedule letter (a reschedule's letter names the
        one it replaces, which then reads superseded)."""
        before, change, add, remove = self._schedule_change(
            code, schedule, req, actor, now, if_match
        )
        return self._issue("audience_schedule", before, change, req, now, "schedule", add, remove)

    def _schedule_change(
        self,
        code: str,
        schedule: Schedule,
        req: LetterRequest,
        actor: str,
        now: datetime,
        if_match: int | None,
    ) -> tuple[Audience, tuple[Audience, AuditEntry], set[tuple[str, str]], set[tuple[str, str]]]:
        before = self._current(code, if_match)
        tz = self._calendar().tz
        draft = self._replies.draft(req, now)
        change = before.schedule_meeting(schedule, draft, actor, now, self._calendar())
        change = (change[0], replace(change[1], note=schedule.room))
        new_slots = schedule.slots(tz)
        old_slots = before.held_slots(tz)
        return before, change, new_slots - old_slots, old_slots - new_slots

    def preview_schedule(
        self, code: str, schedule: Schedule, req: LetterRequest, actor: str, now: datetime
    ) -> bytes:
        """The schedule letter as it would be issued now, unsigned and marked PRATINJAU; the
        same checks as `schedule` (nothing stored; room conflicts show on issue)."""
        _, (after, _), _, _ = self._schedule_change(code, schedule, req, actor, now, None)
        return self._replies.preview("audience_schedule", after, req)

    def preview_decline(
        self, code: str, reason: str, req: LetterRequest, actor: str, now: datetime
    ) -> bytes:
        """The decline letter as it would be issued now (unsigned, PRATINJAU)."""
        before = self._current(code, None)
        after, _ = before.decline(
            reason, self._replies.draft(req, now), actor, now, self._calendar()
        )
        return self._replies.preview("audience_decline", after, req)

    def preview_cancel(self, code: str, reason: str, actor: str, now: datetime) -> bytes:
        """The cancellation letter as it would be issued now (unsigned, PRATINJAU; nothing
        stored); the same checks as `cancel`. NotFound when cancelling issues no letter (the
        request was never answered with one)."""
        before = self._current(code, None)
        change = before.cancel(reason, actor, now)
        if before.reply_letter is None or before.reply_letter.id is None:
            raise NotFound("no_letter")
        after = replace(change[0], reply_letter=self._replies.draft(LetterRequest(), now))
        return self._replies.preview("audience_cancel", after, LetterRequest())

    def decline(
        self,
        code: str,
        reason: str,
        req: LetterRequest,
        actor: str,
        now: datetime,
        if_match: int | None = None,
    ) -> Audience:
        """Decline with the reason; issues the decline letter."""
        before = self._current(code, if_match)
        change = before.decline(reason, self._replies.draft(req, now), actor, now, self._calendar())
        return self._issue("audience_decline", before, change, req, now, "decline")

    def held(self, code: str, actor: str, now: datetime, if_match: int | None = None) -> Audience:
        before = self._current(code, if_match)
        return self._save(before, before.mark_held(actor, now), now)

    def cancel(
        self, code: str, reason: str, actor: str, now: datetime, if_match: int | None = None
    ) -> Audience:
        before = self._current(code, if_match)
        tz = self._calendar().tz
        release = before.held_slots(tz)
        change = before.cancel(reason, actor, now)
        if before.reply_letter is None or before.reply_letter.id is None:
            return self._save(before, change, now, "cancel", remove=release)
        after = replace(change[0], reply_letter=self._replies.draft(LetterRequest(), now))
        req = LetterRequest()
        return self._issue(
            "audience_cancel", before, (after, change[1]), req, now, "cancel", remove=release
        )

    def rate(
        self, code: str, token: str | None, score: int, comment: str | None, now: datetime
    ) -> Audience:
        before = self.track(code, token, now)
        return self._save(before, before.rate(score, comment, now), now)

    # --- messages -----------------------------------------------------------------------

    def _message(
        self, audience: Audience, kind: str, now: datetime, token: str | None = None
    ) -> Notification:
        """A notice to the requester with the portal's tracking link: the receipt's (`token`
        given, only at intake) opens the status at once; later ones carry the code only."""
        tz = self._calendar().tz
        due = long_date_time(audience.track.due_at, tz)  # "Jumat, 25 Desember 2026 pukul 16.00 WIB"
        subjects = {
            "confirmation": f"Permohonan audiensi {audience.code} diterima",
            "schedule": f"Jadwal audiensi {audience.code}",
            "decline": f"Jawaban permohonan audiensi {audience.code}",
            "cancel": f"Audiensi {audience.code} dibatalkan",
        }
        link = tracking_link(self._portal, audience.code, token)
        lines = [subjects[kind] + ".", f"Nomor pelacakan: {audience.code}"]
        if kind == "confirmation":
            lines.append(f"Jawaban paling lambat: {due}. Layanan ini tidak dipungut biaya.")
        if kind == "schedule" and audience.schedule:
            s = audience.schedule
            start, end = s.start.astimezone(tz), s.end.astimezone(tz)
            lines.append(f"Waktu: {long_date_time(start, tz)}-{end:%H.%M} WIB; tempat: {s.room}")
            lines.append(
                f"Undangan kalender: /v1/track/{audience.code}/invite.ics "
                "(dengan token akses permohonan)"
            )
        lines.append(
            f"Buka tautan ini untuk melihat statusnya (simpan pesan ini; jangan dibagikan): {link}"
            if token
            else f"Lihat statusnya di tautan ini dengan kode akses Anda: {link}"
        )
        recipients = ("requester",)
        return Notification(
            id=self._new_id(now),
            created_at=to_utc(now),
            kind="schedule" if kind == "cancel" else kind,  # a cancellation is a schedule change
            item_kind="audience",
            item_code=audience.code,
            recipients=recipients,
            subject=subjects[kind],
            body="\n".join(lines) + "\n",
            next_attempt_at=to_utc(now),
            link=link,
            secret=token,
        )
