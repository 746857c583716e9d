"""Use cases of pengaduan: intake, handling by role, the paused clock, answers (with their
letter), tracking and ratings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.complaint import OPEN, PUBLIC_NOTES, Complaint, Reporter, intake_problems
from ..domain.errors import (
    AlreadyExists,
    FieldError,
    NotFound,
    check_version,
    raise_all,
)
from ..domain.inbox import Conversation, InboundMessage, InboxChange
from ..domain.letter import Letter
from ..domain.notification import Notification
from ..domain.public import TimelineEntry
from ..domain.sla import RINGAN, SlaPolicy, SlaTrack
from ..domain.timeutil import to_utc
from ..domain.tracking import hash_token
from ..domain.uploads import UploadUse
from .audience_letters import LetterParts
from .complaint_letters import AnswerLetters
from .complaint_notices import reachable, reporter_notice
from .letters import LetterService
from .ports import ComplaintRepository, Page, StaffDirectory
from .tracking_guard import TrackingGuard, open_tracked
from .uploads import UploadService

OFFICER_ROLES = frozenset({"complaint_officer", "admin"})
TEAM_ROLE = "complaint_team"


@dataclass(frozen=True, slots=True)
class Staff:
    """Who acts: a team member without officer rights is limited to their own complaints."""

    sub: str
    roles: frozenset[str]

    @property
    def team_only(self) -> bool:
        return not self.roles & (OFFICER_ROLES | {"front_desk", "supervisor"})


@dataclass(frozen=True, slots=True)
class NewComplaint:
    subject: str
    description: str
    privacy: str
    reporter: Reporter | None
    evidence_upload_ids: tuple[str, ...]
    channel: str = "web"
    received_at: datetime | None = None
    lapor_tracking_id: str | None = None
    # The inbox conversation it is made of: closed in the same transaction, its files the
    # complaint's evidence (issue 19).
    conversation: Conversation | None = None


class ComplaintService:
    CODE_ATTEMPTS = 3

    def __init__(
        self,
        repo: ComplaintRepository,
        uploads: UploadService,
        calendar: Callable[[], WorkingCalendar],
        policy: SlaPolicy,
        new_code: Callable[[datetime], str],
        new_id: Callable[[datetime], str],
        directory: StaffDirectory,
        guard: TrackingGuard | None = None,
        portal_base_url: str = "http://127.0.0.1:8000",
        letters: LetterService | None = None,
        letter_parts: Callable[[], LetterParts] | None = None,
    ) -> None:
        self._answer_letters = AnswerLetters(calendar, letters, letter_parts)
        self._guard = guard
        self._portal = portal_base_url
        self._repo = repo
        self._directory = directory
        self._uploads = uploads
        self._calendar = calendar
        self._policy = policy
        self._new_code = new_code
        self._new_id = new_id

    # --- intake -------------------------------------------------------------------------

    def submit(self, new: NewComplaint, actor: str, token: str, now: datetime) -> Complaint:
        now = to_utc(now)
        received = to_utc(new.received_at) if new.received_at else now
        if received > now:
            raise FieldError("received_at", "in_future")
        raise_all(
            intake_problems(
                new.privacy,
                new.reporter,
                new.evidence_upload_ids,
                new.channel,
                new.lapor_tracking_id,
            )
        )
        uploads = [
            UploadUse(self._uploads.check(upload_id, "evidence", field, now), field)
            for upload_id, field in (
                (u, f"evidence_upload_ids.{i}") for i, u in enumerate(new.evidence_upload_ids)
            )
        ]
        cal = self._calendar()
        track = SlaTrack.start(received, RINGAN, cal, self._policy)  # unclassified: strictest
        conversation = new.conversation
        evidence = tuple(use.upload.id for use in uploads)  # ids, never the refs (secrets)
        if conversation is not None:
            evidence = (*evidence, *conversation.attachment_ids)
        for _ in range(self.CODE_ATTEMPTS):
            code = self._new_code(now)
            inbox = None
            if conversation is not None:
                inbox = InboxChange(
                    closed=(conversation, *conversation.to_complaint(code, actor, now))
                )
            complaint = Complaint(
                code=code,
                status="received",
                channel=new.channel,
                privacy=new.privacy,
                reporter=new.reporter,
                subject=new.subject,
                description=new.description,
                evidence_upload_ids=evidence,
                track=track,
                token_hash=hash_token(token),
                created_by=actor,
                lapor_tracking_id=new.lapor_tracking_id,
                timeline=(TimelineEntry(received, "received", PUBLIC_NOTES["received"]),),
            )
            audit = AuditEntry(
                complaint.ref,
                now,
                actor,
                "complaint.received",
                None,
                "received",
                new.channel,
                {"channel": new.channel},
            )
            messages = (
                [self._notice(complaint, "confirmation", now, token)]
                if reachable(complaint)
                else []
            )
            try:
                self._repo.create(
                    complaint,
                    track.next_check_at(cal, self._policy),
                    uploads,
                    audit,
                    messages,
                    inbox,
                )
            except AlreadyExists:
                continue
            self._uploads.settle(uploads)
            return complaint
        raise AlreadyExists("could not allocate a tracking code")

    # --- reading ------------------------------------------------------------------------

    def get(self, code: str, staff: Staff) -> Complaint:
        complaint = self._repo.get(code)
        if complaint is None:
            raise NotFound()
        if staff.team_only and complaint.assignee != staff.sub:
            raise NotFound()  # like an unknown code: a team member learns nothing of others'
        return complaint

    def by_lapor(self, staff: Staff, lapor_id: str) -> Complaint | None:
        """The complaint with this SP4N-LAPOR! id, or None (also for a team member when it is
        not assigned to them)."""
        complaint = self._repo.by_lapor(lapor_id)
        if complaint is None or (staff.team_only and complaint.assignee != staff.sub):
            return None
        return complaint

    def track(self, code: str, token: str | None, now: datetime) -> Complaint:
        """The requester's view: an unknown code and a wrong token are the same NotFound, and
        cost the same (the guard); TooManyAttempts while the code is locked."""
        return open_tracked(self._guard, "complaint", code, token, now, self._repo.get)

    def queue(
        self,
        staff: Staff,
        statuses: list[str] | None,
        clock_class: str | None,
        limit: int,
        position: str | None,
        sla_state: str | None = None,
        now: datetime | None = None,
    ) -> Page[Complaint]:
        """The staff queue, nearest deadline first (a team member: their own open
        complaints). Filters: `statuses` (default: the open ones), `clock_class`, and
        `sla_state` (on_track / warning / breached at `now`, UTC, on the working calendar;
        domain.sla.view). The store applies them while reading, so a page holds `limit`
        complaints or every one left."""
        keep: Callable[[Complaint], bool] | None = None
        if sla_state:
            if now is None:
                raise ValueError("an SLA state filter needs the time")
            keep = self._in_sla_state(sla_state, to_utc(now))
        if staff.team_only:
            return self._repo.assigned_to(staff.sub, limit, position, statuses, clock_class, keep)
        return self._repo.queue(statuses or list(OPEN), limit, position, clock_class, keep)

    def _in_sla_state(self, state: str, now: datetime) -> Callable[[Complaint], bool]:
        from ..domain.sla import view

        cal, policy = self._calendar(), self._policy
        return lambda c: view(c.track, now, cal, policy).state == state

    def trail(self, code: str, staff: Staff) -> list[AuditEntry]:
        self.get(code, staff)
        return self._repo.trail(code)

    # --- handling -----------------------------------------------------------------------

    def _current(self, code: str, staff: Staff, if_match: int | None) -> Complaint:
        complaint = self.get(code, staff)
        check_version(complaint.version, if_match)
        return complaint

    def _save(
        self,
        before: Complaint,
        change: tuple[Complaint, AuditEntry],
        now: datetime,
        message: str | None = None,
        inbox: InboxChange | None = None,
        letter: tuple[Letter, int | None] | None = None,
    ) -> Complaint:
        after, audit = change
        messages = [self._notice(after, message, now)] if message and reachable(after) else []
        self._repo.save(
            before,
            after,
            after.track.next_check_at(self._calendar(), self._policy),
            audit,
            messages,
            inbox,
            letter,
        )
        return after

    def classify(
        self,
        code: str,
        clock_class: str,
        note: str | None,
        staff: Staff,
        now: datetime,
        if_match: int | None = None,
    ) -> Complaint:
        before = self._current(code, staff, if_match)
        return self._save(
            before,
            before.classify(clock_class, note, staff.sub, now, self._calendar(), self._policy),
            now,
        )

    def assign(
        self, code: str, assignee: str, staff: Staff, now: datetime, if_match: int | None = None
    ) -> Complaint:
        """Assign to a complaint-team member of the staff directory (FieldError on
        `assignee` for anyone else: a typo must not hide a complaint from everyone)."""
        before = self._current(code, staff, if_match)
        change = before.assign(assignee, staff.sub, now)  # the state machine first: 409
        member = self._directory.get(assignee)
        if member is None or TEAM_ROLE not in member.roles:
            raise FieldError("assignee", "not_team_member")
        return self._save(before, change, now)

    def request_info(
        self, code: str, message: str, staff: Staff, now: datetime, if_match: int | None = None
    ) -> Complaint:
        before = self._current(code, staff, if_match)
        return self._save(before, before.request_info(message, staff.sub, now), now, "request_info")

    def answer(
        self,
        code: str,
        text: str,
        channel: str,
        staff: Staff,
        now: datetime,
        if_match: int | None = None,
    ) -> Complaint:
        """Answer the reporter (the clock stops) with the answer letter where letters are
        configured: numbered in the same transaction (services.complaint_letters)."""
        before = self._current(code, staff, if_match)
        change = before.give_answer(text, channel, staff.sub, now)
        if not self._answer_letters.configured:
            return self._save(before, change, now, "answer")
        return self._answer_letters.issue(
            change, now, lambda ch, letter: self._save(before, ch, now, "answer", letter=letter)
        )

    def preview_answer(
        self, code: str, text: str, channel: str, staff: Staff, now: datetime
    ) -> bytes:
        """The answer letter as `answer` would issue it now (unsigned, PRATINJAU, no number
        taken, nothing stored), after the same checks (NotFound, InvalidTransition)."""
        answered, _ = self.get(code, staff).give_answer(text, channel, staff.sub, now)
        return self._answer_letters.preview(answered, now)

    def close(
        self, code: str, staff: Staff, now: datetime, if_match: int | None = None
    ) -> Complaint:
        before = self._current(code, staff, if_match)
        return self._save(before, before.close(staff.sub, now), now)

    def reject(
        self, code: str, reason: str, staff: Staff, now: datetime, if_match: int | None = None
    ) -> Complaint:
        before = self._current(code, staff, if_match)
        return self._save(before, before.reject(reason, staff.sub, now), now, "answer")

    def forward(
        self,
        code: str,
        to_agency: str,
        note: str | None,
        staff: Staff,
        now: datetime,
        if_match: int | None = None,
    ) -> Complaint:
        before = self._current(code, staff, if_match)
        return self._save(before, before.forward(to_agency, note, staff.sub, now), now, "answer")

    # --- the reporter -------------------------------------------------------------------

    def reporter_message(self, code: str, token: str | None, text: str, now: datetime) -> Complaint:
        before = self.track(code, token, now)
        return self._save(
            before, before.reporter_message(text, now, self._calendar(), self._policy), now
        )

    def channel_message(
        self,
        code: str,
        message: InboundMessage,
        uploads: tuple[UploadUse, ...],
        now: datetime,
    ) -> Complaint:
        """A message on WhatsApp or e-mail from the reporter's own address, as the reporter's
        message on their open complaint (a paused clock resumes), its kept files as evidence,
        stored once by its channel id (AlreadyExists on a redelivery): one transaction."""
        before = self._repo.get(code)
        if before is None:
            raise NotFound()
        evidence = tuple(u.upload.id for u in uploads)
        text = message.text or " ".join(f"[lampiran: {a.filename}]" for a in message.attachments)
        change = before.reporter_message(text or "-", now, self._calendar(), self._policy, evidence)
        return self._save(before, change, now, inbox=InboxChange(seen=message, uploads=uploads))

    def attach_conversation(
        self, code: str, conversation: Conversation, staff: Staff, now: datetime
    ) -> Complaint:
        """An inbox conversation added to the open complaint `code` as the reporter's
        message, its files as evidence, the conversation closed: one transaction."""
        before = self.get(code, staff)
        change = before.reporter_message(
            conversation.as_description() or "-",
            now,
            self._calendar(),
            self._policy,
            conversation.attachment_ids,
        )
        closed = (conversation, *conversation.attach(code, staff.sub, now))
        return self._save(before, change, now, inbox=InboxChange(closed=closed))

    def rate(
        self, code: str, token: str | None, score: int, comment: str | None, now: datetime
    ) -> Complaint:
        before = self.track(code, token, now)
        return self._save(before, before.rate(score, comment, now), now)

    # --- messages -----------------------------------------------------------------------

    def _notice(
        self, c: Complaint, kind: str, now: datetime, token: str | None = None
    ) -> Notification:
        return reporter_notice(c, kind, self._new_id(now), now, self._portal, token)
