"""The complaint's answer letter (issue 20): the team's answer as a surat dinas of kind
`complaint_answer` (domain.letter.complaint_answer_letter), issued together with the answer
(numbered in the same transaction, then the signed PDF built and stored), or previewed
unsigned before the answer is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ..domain.audit import AuditEntry
from ..domain.calendar import WorkingCalendar
from ..domain.complaint import Complaint
from ..domain.letter import (
    Addressee,
    Letter,
    LetterContent,
    LetterRequest,
    complaint_answer_letter,
)
from ..domain.timeutil import to_utc
from .audience_letters import LetterParts
from .letters import LetterService

SaveWithLetter = Callable[[tuple[Complaint, AuditEntry], tuple[Letter, int | None]], object]
"""Stores the complaint as answered and its audit entry with the letter (with the last number
the sequence gave, or None) in one transaction."""

NEUTRAL = "Pelapor"
"""The addressee of an anonymous or confidential reporter, and what verification shows as the
addressee of every answer letter (a reporter is a private person: never their name)."""


def answer_addressee(c: Complaint) -> Addressee:
    """Yth. Saudara/i <name> for a named reporter; "Yth. Pelapor" for an anonymous or
    confidential one (the letter may be seen by staff who must not learn a masked name)."""
    if c.privacy == "named" and c.reporter is not None and c.reporter.name.strip():
        return Addressee("Saudara/i", c.reporter.name.strip())
    return Addressee(NEUTRAL, "")


class AnswerLetters:
    """Drafts, previews and issues the complaint-answer letter. `letters` or `parts` None:
    letters are not configured and answers go without one (`configured` is False)."""

    def __init__(
        self,
        calendar: Callable[[], WorkingCalendar],
        letters: LetterService | None,
        parts: Callable[[], LetterParts] | None,
    ) -> None:
        self._calendar = calendar
        self._letters = letters
        self._parts = parts

    @property
    def configured(self) -> bool:
        return self._letters is not None and self._parts is not None

    def content(
        self, answered: Complaint, now: datetime, number: str = "", issuing: bool = False
    ) -> LetterContent:
        """The letter answering `answered` (the complaint as it will be, with its answer),
        dated today (local). `issuing`: SignerNotSet when no signer is set."""
        assert answered.answer is not None and self._parts is not None
        parts = self._parts()
        if issuing:
            parts = parts.for_issuing()
        cal = self._calendar()
        day = cal.local(to_utc(now)).date()
        received = cal.local(answered.track.received_at).date()
        return complaint_answer_letter(
            answer_addressee(answered),
            answered.code,
            answered.subject,
            received,
            answered.answer.text,
            day,
            parts.signer,
            parts.letterhead,
            LetterRequest(number or None, day),
            parts.copies,
        )

    def preview(self, answered: Complaint, now: datetime) -> bytes:
        """The answer letter as it would be issued now: unsigned, marked PRATINJAU, no number
        taken, nothing stored. RuntimeError when letters are not configured."""
        if self._letters is None or self._parts is None:
            raise RuntimeError("letters are not configured")
        return self._letters.preview(self.content(answered, now))

    def issue(
        self, change: tuple[Complaint, AuditEntry], now: datetime, save: SaveWithLetter
    ) -> Complaint:
        """Store the answer together with the letter it issues (numbered in the same
        transaction by `save`; on any error of `save` nothing is stored), then build, sign
        and store the PDF. Returns the complaint as stored, its answer naming the letter."""
        after, audit = change
        given = after.answer
        assert given is not None and self._letters is not None
        content = self.content(after, now, issuing=True)
        saved: list[Complaint] = []

        def write(letter: Letter, last: int | None) -> None:
            answer = replace(given, letter_id=letter.id, letter_number=letter.number)
            stored = replace(after, answer=answer)
            note = f"{audit.note}; letter {letter.number}" if audit.note else letter.number
            facts = {**audit.facts, "letter": letter.number}  # named in the console's sentence
            save((stored, replace(audit, note=note, facts=facts)), (letter, last))
            saved.append(stored)

        self._letters.issue(content, after.ref, NEUTRAL, None, now, write)
        return saved[-1]
