"""Pengaduan: a complaint about the service (domain.md, Service 2).

received -> classified -> in_progress -> answered -> closed; awaiting_reporter pauses the
clock and returns to the state it came from; rejected (reason) and forwarded (agency) end it.
A complaint not yet classified runs on the `ringan` clock; classifying recomputes from receipt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from .audit import AuditEntry
from .calendar import WorkingCalendar
from .errors import FieldError, InvalidTransition
from .public import Rating, TimelineEntry
from .sla import SlaPolicy, SlaTrack
from .timeutil import to_utc
from .vocabulary import COMPLAINT_CLASSES

ACTIVE = ("received", "classified", "in_progress")
OPEN = (*ACTIVE, "awaiting_reporter")

# domain.md's state machine, as the states each action may start from: received ->
# classified -> in_progress -> answered -> closed; awaiting_reporter pauses and returns to
# where it came from; rejected and forwarded end an open complaint. Anything else is refused
# with InvalidTransition(rule="complaint.<action>").
ALLOWED: dict[str, tuple[str, ...]] = {
    "classify": ACTIVE,  # classify, or reclassify before the answer
    "assign": ("classified", "in_progress", "awaiting_reporter"),  # not before classification
    "request_info": ACTIVE,
    # the team answers what it was assigned; the complaint officer may also answer a
    # classified complaint directly (api.md: complaint_officer "request info, answer")
    "answer": ("classified", "in_progress"),
    "close": ("answered",),
    "reject": OPEN,
    "forward": OPEN,
    "message": OPEN,
    "rate": ("answered", "closed"),
}

PUBLIC_NOTES = {
    "received": "Pengaduan diterima",
    "classified": "Pengaduan diklasifikasikan",
    "reclassified": "Klasifikasi pengaduan diperbarui",
    "in_progress": "Pengaduan sedang ditangani tim",
    "awaiting_reporter": "Menunggu informasi tambahan dari pelapor",
    "resumed": "Informasi tambahan diterima; penanganan dilanjutkan",
    "answered": "Jawaban pengaduan telah diberikan",
    "closed": "Pengaduan ditutup",
    "rejected": "Pengaduan tidak dapat diproses",
    "forwarded": "Pengaduan diteruskan ke instansi yang berwenang",
}


@dataclass(frozen=True, slots=True)
class Reporter:
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class Message:
    """A message between the complaint handlers and the reporter (public, no staff names)."""

    at: datetime
    sender: str  # bureau | reporter
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """The team's answer; `letter_id`/`letter_number`: the signed answer letter issued with
    it (domain.letter kind `complaint_answer`), None where letters are not configured."""

    text: str
    channel: str
    at: datetime
    by: str
    letter_id: str | None = None
    letter_number: str | None = None


@dataclass(frozen=True, slots=True)
class Complaint:
    code: str
    status: str
    channel: str
    privacy: str
    reporter: Reporter | None
    subject: str
    description: str
    evidence_upload_ids: tuple[str, ...]
    track: SlaTrack
    token_hash: str
    created_by: str
    lapor_tracking_id: str | None = None
    classification: str | None = None
    assignee: str | None = None
    paused_from: str | None = None
    answer: Answer | None = None
    reject_reason: str | None = None
    forwarded_to: str | None = None
    forward_note: str | None = None
    rating: Rating | None = None
    messages: tuple[Message, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    version: int = 1
    # The figures (domain/report.py) this item is counted under in its month's recap, as
    # stored with it; None: stored before the recap was counted (not counted yet).
    counted: frozenset[str] | None = field(default=None, compare=False)

    @property
    def ref(self) -> str:
        return f"CMP#{self.code}"

    def _require(self, action: str) -> None:
        """Refuse an action the state machine does not allow from the current state."""
        allowed = ALLOWED[action]
        if self.status not in allowed:
            raise InvalidTransition(
                rule=f"complaint.{action}", state=self.status, allowed=", ".join(allowed)
            )

    def _change(
        self,
        action: str,
        to: str,
        actor: str,
        now: datetime,
        note: str | None = None,
        public: str | None = None,
        facts: dict[str, str] | None = None,
        **changes: object,
    ) -> tuple[Complaint, AuditEntry]:
        now = to_utc(now)
        timeline = self.timeline
        if public is not None:
            timeline = (*timeline, TimelineEntry(now, to, PUBLIC_NOTES[public]))
        after = replace(self, status=to, version=self.version + 1, timeline=timeline, **changes)  # type: ignore[arg-type]
        audit = AuditEntry(
            self.ref, now, actor, f"complaint.{action}", self.status, to, note, facts or {}
        )
        return after, audit

    def classify(
        self,
        clock_class: str,
        note: str | None,
        actor: str,
        now: datetime,
        cal: WorkingCalendar,
        policy: SlaPolicy,
    ) -> tuple[Complaint, AuditEntry]:
        """Set or change the class; the deadline is recomputed from the original receipt."""
        self._require("classify")
        if clock_class not in COMPLAINT_CLASSES:
            raise FieldError("class", "literal_error", expected=", ".join(COMPLAINT_CLASSES))
        again = self.classification is not None
        to = "classified" if self.status == "received" else self.status
        track = self.track.recompute(cal, policy, now, clock_class=clock_class)
        was = self.classification or "unclassified"
        summary = f"{was} -> {clock_class}; due {cal.local(track.due_at).isoformat()}"
        return self._change(
            "reclassified" if again else "classified",
            to,
            actor,
            now,
            f"{summary}. {note}" if note else summary,
            public="reclassified" if again else "classified",
            facts={
                "class": clock_class,
                **({"previous": self.classification} if self.classification else {}),
                "due": cal.local(track.due_at).isoformat(),
                **({"note": note} if note else {}),
            },
            classification=clock_class,
            track=track,
        )

    def assign(self, assignee: str, actor: str, now: datetime) -> tuple[Complaint, AuditEntry]:
        """Hand a classified complaint to a team member (classified -> in_progress), or hand
        it over to another one. Paused, it stays paused and resumes in progress."""
        self._require("assign")
        if self.status == "awaiting_reporter" and self.paused_from == "received":
            raise InvalidTransition(
                rule="complaint.assign", state="received", allowed=", ".join(ALLOWED["assign"])
            )
        to = "in_progress" if self.status == "classified" else self.status
        public = "in_progress" if to != self.status else None
        changes: dict[str, object] = {"assignee": assignee}
        if self.status == "awaiting_reporter":
            changes["paused_from"] = "in_progress"
        return self._change(
            "assigned",
            to,
            actor,
            now,
            f"{self.assignee or '-'} -> {assignee}",
            public=public,
            facts={
                "assignee": assignee,
                **({"previous_assignee": self.assignee} if self.assignee else {}),
            },
            **changes,
        )

    def request_info(self, message: str, actor: str, now: datetime) -> tuple[Complaint, AuditEntry]:
        """Ask the reporter for more; the clock pauses until they answer."""
        self._require("request_info")
        if self.privacy == "anonymous" and self.channel != "web":
            raise InvalidTransition(
                "an anonymous offline reporter cannot be reached",
                rule="complaint.request_info.unreachable",
                state=self.status,
            )
        now = to_utc(now)
        return self._change(
            "paused",
            "awaiting_reporter",
            actor,
            now,
            "clock paused",
            public="awaiting_reporter",
            paused_from=self.status,
            track=self.track.pause(now),
            messages=(*self.messages, Message(now, "bureau", message)),
        )

    def reporter_message(
        self,
        text: str,
        now: datetime,
        cal: WorkingCalendar,
        policy: SlaPolicy,
        evidence: tuple[str, ...] = (),
    ) -> tuple[Complaint, AuditEntry]:
        """The reporter adds information (on the tracking page, or on WhatsApp or e-mail
        with `evidence`: the ids of the files that came with it); a paused clock resumes,
        credited the paused time."""
        self._require("message")
        now = to_utc(now)
        messages = (*self.messages, Message(now, "reporter", text))
        if evidence:
            return replace(
                self, evidence_upload_ids=(*self.evidence_upload_ids, *evidence)
            ).reporter_message(text, now, cal, policy)
        if self.status != "awaiting_reporter":
            return self._change("message", self.status, "reporter", now, None, messages=messages)
        track, credited = self.track.resume(now, cal, policy)
        due = cal.local(track.due_at).isoformat()  # shown to people: local time (issue 10)
        return self._change(
            "resumed",
            self.paused_from or "received",
            "reporter",
            now,
            f"clock resumed: {credited} office seconds credited; due {due}",
            public="resumed",
            facts={"due": due},
            paused_from=None,
            track=track,
            messages=messages,
        )

    def give_answer(
        self, text: str, channel: str, actor: str, now: datetime
    ) -> tuple[Complaint, AuditEntry]:
        self._require("answer")
        now = to_utc(now)
        return self._change(
            "answered",
            "answered",
            actor,
            now,
            f"via {channel}",
            public="answered",
            facts={"channel": channel},
            answer=Answer(text, channel, now, actor),
            track=self.track.stop(now),
        )

    def close(self, actor: str, now: datetime) -> tuple[Complaint, AuditEntry]:
        self._require("close")
        return self._change("closed", "closed", actor, now, None, public="closed")

    def reject(self, reason: str, actor: str, now: datetime) -> tuple[Complaint, AuditEntry]:
        self._require("reject")
        return self._change(
            "rejected",
            "rejected",
            actor,
            now,
            reason,
            public="rejected",
            facts={"reason": reason},
            reject_reason=reason,
            track=self._stopped(now),
            paused_from=None,
        )

    def forward(
        self, to_agency: str, note: str | None, actor: str, now: datetime
    ) -> tuple[Complaint, AuditEntry]:
        self._require("forward")
        return self._change(
            "forwarded",
            "forwarded",
            actor,
            now,
            f"to {to_agency}" + (f": {note}" if note else ""),
            public="forwarded",
            facts={"agency": to_agency, **({"note": note} if note else {})},
            forwarded_to=to_agency,
            forward_note=note,
            track=self._stopped(now),
            paused_from=None,
        )

    def _stopped(self, now: datetime) -> SlaTrack:
        return self.track if self.track.stopped_at else self.track.stop(now)

    @property
    def can_rate(self) -> bool:
        """The reporter may rate now: once, where the state machine allows it (after the answer)."""
        return self.status in ALLOWED["rate"] and self.rating is None

    def rate(self, score: int, comment: str | None, now: datetime) -> tuple[Complaint, AuditEntry]:
        self._require("rate")
        if self.rating is not None:
            raise InvalidTransition(rule="complaint.rate.once", state=self.status)
        now = to_utc(now)
        after = replace(self, rating=Rating(score, comment, now), version=self.version + 1)
        return after, AuditEntry(
            self.ref,
            now,
            "reporter",
            "complaint.rated",
            note=str(score),
            facts={"score": str(score)},
        )


def intake_problems(
    privacy: object,
    reporter: object,
    evidence_upload_ids: object,
    channel: object = None,
    lapor_tracking_id: object = None,
) -> list[FieldError]:
    """The rules between a new complaint's fields (domain.md): a reporter for a named or
    confidential complaint and none for an anonymous one; no evidence upload named twice;
    with a known `channel` (None: not given, as in the public form), a SP4N-LAPOR! id for the
    `lapor` channel and for it only. The values may be raw JSON of any type (the API checks a
    body that failed validation with them): a value of another type breaks no rule here.
    Returns every broken rule, in field order (reporter, evidence, lapor id)."""
    problems: list[FieldError] = []
    if privacy == "anonymous" and reporter is not None:
        problems.append(FieldError("reporter", "reporter_with_anonymous"))
    elif privacy in ("named", "confidential") and reporter is None:
        problems.append(FieldError("reporter", "reporter_required"))
    if isinstance(evidence_upload_ids, list | tuple):
        ids = [u for u in evidence_upload_ids if isinstance(u, str)]
        if len(set(ids)) != len(ids):
            problems.append(FieldError("evidence_upload_ids", "duplicate_upload"))
    if channel == "lapor" and not lapor_tracking_id:
        problems.append(FieldError("lapor_tracking_id", "lapor_required"))
    elif channel not in ("lapor", None) and lapor_tracking_id is not None:
        problems.append(FieldError("lapor_tracking_id", "lapor_only"))
    return problems


MASK = "*****"
# domain.md: a confidential reporter's identity is visible to the complaint officer only.
IDENTITY_ROLE = "complaint_officer"


def reporter_seen_by(complaint: Complaint, roles: frozenset[str]) -> tuple[Reporter | None, bool]:
    """The reporter as staff holding `roles` may see them, and whether it is masked: a
    confidential reporter's name, phone and e-mail are masked (`mask`) for everyone but the
    complaint officer (domain.md: identity visible to the complaint officer only; not even
    an admin). None for an anonymous complaint."""
    r = complaint.reporter
    if r is None:
        return None, False
    if complaint.privacy == "confidential" and IDENTITY_ROLE not in roles:
        return Reporter(mask(r.name) or "", mask(r.phone), mask(r.email)), True
    return r, False


def mask(value: str | None) -> str | None:
    """The first character and a fixed run of stars: the length of the value never shows
    (a confidential reporter's name of 4 letters and one of 40 look alike)."""
    if not value:
        return value
    return value[0] + MASK
