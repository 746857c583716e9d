"""The audience's reply letter: its draft, its content (schedule, decline or cancellation
letter of domain.letter) and issuing it together with the change it answers (numbered in the
same transaction, then the signed PDF built and stored), or previewing it unsigned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.audience import Audience, ReplyLetter
from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.errors import SignerNotSet
from ..domain.letter import (
    Addressee,
    Letter,
    LetterContent,
    Letterhead,
    LetterRequest,
    Signer,
    cancel_letter,
    decline_letter,
    schedule_letter,
)
from ..domain.timeutil import to_utc
from .letters import LetterService

SaveWithLetter = Callable[[Audience, AuditEntry, tuple[Letter, int | None]], None]
"""Stores the audience as changed with its audit entry and the letter (with the last number
the sequence gave, or None) in one transaction."""


@dataclass(frozen=True, slots=True)
class LetterParts:
    """What every letter takes besides the request: the signer, the kop, the Tembusan.
    `signer_set` False: no signer is set and `signer` is the placeholder (preview only)."""

    signer: Signer
    letterhead: Letterhead
    copies: tuple[str, ...]
    signer_set: bool = True

    def for_issuing(self) -> LetterParts:
        """These parts, or SignerNotSet when the signer is the placeholder: a letter is
        never issued signed by nobody."""
        if not self.signer_set:
            raise SignerNotSet()
        return self


class ReplyLetters:
    """Drafts, builds and issues the audience's reply letters (kinds `audience_schedule`,
    `audience_decline`, `audience_cancel`). Raises RuntimeError when letters are not
    configured (no LetterService or no LetterParts)."""

    def __init__(
        self,
        calendar: Callable[[], WorkingCalendar],
        letters: LetterService | None,
        letter_parts: Callable[[], LetterParts] | None,
    ) -> None:
        self._calendar = calendar
        self._letters = letters
        self._letter_parts = letter_parts

    def draft(self, req: LetterRequest, now: datetime) -> ReplyLetter:
        """The reply letter as the domain checks it: the typed number or "" (the sequence
        gives one), the date (today, local, when not given) and the note."""
        day = req.date or self._calendar().local(to_utc(now)).date()
        return ReplyLetter(req.number or "", day, req.note or "")

    def _parts(self) -> LetterParts:
        if self._letter_parts is None:
            raise RuntimeError("letters are not configured")
        return self._letter_parts()

    def content(
        self,
        kind: str,
        after: Audience,
        letter: ReplyLetter,
        req: LetterRequest,
        parts: LetterParts | None = None,
    ) -> LetterContent:
        """The letter of `kind` answering `after` (the request as it will be), with `parts`
        (read now when not given)."""
        parts = parts or self._parts()
        cal = self._calendar()
        to = Addressee(after.contact.position, after.institution_name)
        received = cal.local(after.track.received_at).date()
        req = LetterRequest(letter.number or None, letter.date, letter.body or None, req.copies)
        common = (parts.signer, parts.letterhead, req, parts.copies)
        if kind == "audience_schedule":
            s = after.schedule
            assert s is not None
            return schedule_letter(
                to, after.topic, received, s.start, s.end, s.room,
                after.attendees, letter.date, cal.tz, *common,
            )  # fmt: skip
        if kind == "audience_decline":
            return decline_letter(
                to, after.topic, received, after.decline_reason or "", letter.date, *common
            )
        s = after.schedule
        assert s is not None
        return cancel_letter(
            to, after.topic, s.start, after.cancel_reason or "", letter.date, cal.tz, *common
        )

    def issue(
        self,
        kind: str,
        before: Audience,
        change: tuple[Audience, AuditEntry],
        req: LetterRequest,
        now: datetime,
        save: SaveWithLetter,
    ) -> Audience:
        """Store the change together with the letter it issues (numbered in the same
        transaction, by `save`), then build and store the letter's PDF. Returns the audience
        as stored (its reply letter carrying the number and id)."""
        after, audit = change
        draft = after.reply_letter or self.draft(req, now)
        content = self.content(kind, after, draft, req, self._parts().for_issuing())
        if self._letters is None:
            raise RuntimeError("letters are not configured")
        saved: list[Audience] = []
        replaces = before.reply_letter.id if before.reply_letter else None

        def write(letter: Letter, last: int | None) -> None:
            reply = replace(draft, number=letter.number, id=letter.id)
            stored = replace(after, reply_letter=reply)
            note = f"{audit.note}; letter {letter.number}" if audit.note else letter.number
            # the number is taken here, in the transaction: the line's facts name it too, so
            # the console says "…; surat <number> diterbitkan oleh …" (issue 17)
            facts = {**audit.facts, "letter": letter.number}
            save(stored, replace(audit, note=note, facts=facts), (letter, last))
            saved.append(stored)

        self._letters.issue(content, after.ref, after.institution_name, replaces, now, write)
        return saved[-1]

    def preview(self, kind: str, after: Audience, req: LetterRequest) -> bytes:
        """The letter of `kind` answering `after` as it would be issued now: the PDF, unsigned
        and marked PRATINJAU (nothing stored)."""
        assert self._letters is not None and after.reply_letter is not None
        return self._letters.preview(self.content(kind, after, after.reply_letter, req))
