"""Issuing letters: the number (the year's gap-free sequence, or one staff typed), the
letter record written in the same transaction as the item it answers, then the PDF rendered,
signed and stored once (content-addressed, never overwritten), and read back for download and
verification (issue 20)."""

from __future__ import annotations

import contextlib
import hashlib
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from ..domain.errors import NotFound, SequenceMoved, StorageUnavailable, TransactionContended
from ..domain.letter import (
    Letter,
    LetterContent,
    LetterSettings,
    format_number,
    issue_year,
)
from ..domain.timeutil import to_utc
from .ports import FileStore


class LetterRepository(Protocol):
    def last_sequence(self, year: int) -> int:
        """The year's last issued sequence number (0 before the first)."""

    def skip_taken(self, year: int, last: int) -> None:
        """Move the sequence past a number typed in by staff; SequenceMoved if it moved."""

    def issue(self, letter: Letter, last: int | None) -> None:
        """Store a letter on its own (no item with it); errors as `issue_parts`."""

    def set_pdf(self, letter_id: str, key: str, sha256: str) -> bool:
        """Record the stored PDF once; False when the letter already had one."""

    def get(self, letter_id: str) -> Letter | None: ...


class LetterBuilder(Protocol):
    def build(self, content: LetterContent, draft: bool) -> bytes:
        """The letter's PDF/A-2b: signed (PAdES) unless `draft` (the staff preview)."""


# Called with the letter to write and the sequence value it was numbered from (None: a
# typed number); writes the letter together with the item's change, in one transaction.
Write = Callable[[Letter, "int | None"], None]


def new_letter_id() -> str:
    """An unguessable id: 128 random bits, URL-safe base64 (22 characters)."""
    return secrets.token_urlsafe(16)


class LetterService:
    """Numbers, stores and builds letters. ATTEMPTS bounds the retries when other staff
    issue at the same moment (each retry re-reads the sequence)."""

    ATTEMPTS = 200

    def __init__(
        self,
        repo: LetterRepository,
        files: FileStore,
        builder: LetterBuilder,
        settings: Callable[[], LetterSettings],
        new_id: Callable[[], str] = new_letter_id,
    ) -> None:
        self._repo = repo
        self._files = files
        self._builder = builder
        self._settings = settings
        self._new_id = new_id

    def verify_url(self, letter_id: str) -> str:
        """The portal page the QR code opens: <base>/verifikasi#<id>."""
        return f"{self._settings().verify_base_url.rstrip('/')}/verifikasi#{letter_id}"

    def preview(self, content: LetterContent) -> bytes:
        """The unsigned draft PDF staff look at before issuing (nothing stored)."""
        return self._builder.build(content, draft=True)

    def issue(
        self,
        content: LetterContent,
        item_ref: str,
        institution: str,
        replaces: str | None,
        now: datetime,
        write: Write,
    ) -> Letter:
        """Number `content` (its number if staff typed one, else the year's next), write it
        with `write` (retrying while other letters take the sequence), then build, sign and
        store its PDF. Returns the letter with its PDF's SHA-256 (None if building failed:
        `finish` builds it on first read). Errors of `write` (VersionConflict, the field's
        letter_number_taken, RoomConflict, ...) pass through."""
        year = issue_year(content.date)
        letter_id = self._new_id()
        content = replace(content, verify_url=self.verify_url(letter_id))
        cfg = self._settings()
        for attempt in range(self.ATTEMPTS):
            if content.number:
                last, sequence, number = None, None, content.number
            else:
                last = self._repo.last_sequence(year)
                sequence = last + 1
                number = format_number(
                    cfg.pattern, cfg.classification, sequence, cfg.unit_code, year
                )
            letter = Letter(
                id=letter_id,
                number=number,
                sequence=sequence,
                year=year,
                kind=content.kind,
                date=content.date,
                subject=content.subject,
                item_ref=item_ref,
                addressee_institution=institution,
                signer_name=content.signer.name,
                signer_position=content.signer.position,
                created_at=to_utc(now),
                content=content.with_number(number),
                replaces=replaces,
            )
            try:
                write(letter, last)
            except SequenceMoved as moved:
                if moved.taken and last is not None:
                    # the number was typed in by staff: it is issued, step past it
                    with contextlib.suppress(SequenceMoved, TransactionContended):
                        self._repo.skip_taken(year, last)
                self._pause(attempt)
                continue
            except TransactionContended:
                self._pause(attempt)
                continue
            try:
                return self.finish(letter)
            except StorageUnavailable:  # issued all the same: `pdf` builds it on first read
                return letter
        raise TransactionContended("letter sequence: too many concurrent issues")

    @staticmethod
    def _pause(attempt: int) -> None:
        time.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))  # noqa: S311 - jitter

    def finish(self, letter: Letter) -> Letter:
        """Build, sign and store the PDF of a letter that has none yet (content-addressed key
        letters/<id>/<sha256>.pdf: never overwritten); the first stored one is kept."""
        if letter.pdf_sha256:
            return letter
        pdf = self._builder.build(letter.content, draft=False)
        sha = hashlib.sha256(pdf).hexdigest()
        key = f"letters/{letter.id}/{sha}.pdf"
        self._files.put(key, pdf, "application/pdf")
        if self._repo.set_pdf(letter.id, key, sha):
            return replace(letter, pdf_sha256=sha, pdf_key=key)
        stored = self._repo.get(letter.id)
        return stored or letter

    def get(self, letter_id: str) -> Letter:
        """The letter; NotFound for an unknown id."""
        letter = self._repo.get(letter_id) if letter_id else None
        if letter is None:
            raise NotFound()
        return letter

    def pdf(self, letter_id: str) -> tuple[Letter, bytes]:
        """The stored signed PDF (built now if an earlier build failed)."""
        letter = self.finish(self.get(letter_id))
        assert letter.pdf_key is not None
        return letter, self._files.read(letter.pdf_key)
