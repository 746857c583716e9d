"""Letters on Amazon DynamoDB Local: the year's sequence under racing staff (no gap, no
duplicate), numbers typed in by staff, and the PAdES signature checked by pyHanko's validator.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from chalicelib import bootstrap
from chalicelib.domain.errors import FieldError
from chalicelib.domain.letter import Addressee, LetterRequest, decline_letter
from chalicelib.services.letters import LetterService


@pytest.fixture
def letters(aws_local: None) -> Iterator[LetterService]:
    yield bootstrap.letter_service()


def content(number: str | None = None, day: date = date(2026, 12, 7)) -> object:
    return decline_letter(
        Addressee("Kepala", "Dinas Sosial Kabupaten Sambas"),
        "bantuan sosial",
        date(2026, 12, 1),
        "Agenda pimpinan penuh.",
        day,
        bootstrap.letter_signer_block(),
        bootstrap.letterhead(),
        LetterRequest(number=number),
    )


def issue(service: LetterService, i: int, number: str | None = None) -> object:
    repo = service._repo
    return service.issue(
        content(number),  # type: ignore[arg-type]
        f"AUD#T{i}",
        "Dinas Sosial Kabupaten Sambas",
        None,
        datetime.now(UTC),
        repo.issue,  # the same parts the item's transaction carries (letter_repo.issue_parts)
    )


def test_fifty_concurrent_issues_take_the_sequence_without_gap_or_duplicate(
    letters: LetterService,
) -> None:
    n = 50
    barrier = threading.Barrier(n)
    out: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = issue(letters, i)
        except Exception as exc:  # the outcome under test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    errors = [o for o in out if isinstance(o, Exception)]
    assert not errors, errors[:3]
    numbers = sorted(o.number for o in out)  # type: ignore[attr-defined]
    assert numbers == [f"400.9/{k:04d}/Kesra/2026" for k in range(1, n + 1)]
    assert sorted(o.sequence for o in out) == list(range(1, n + 1))  # type: ignore[attr-defined]
    assert letters._repo.last_sequence(2026) == n
    stored = [letters.get(o.id) for o in out]  # type: ignore[attr-defined]
    assert all(s.pdf_sha256 and len(s.pdf_sha256) == 64 for s in stored)


def test_a_typed_number_is_unique_and_the_sequence_steps_past_it(letters: LetterService) -> None:
    first = issue(letters, 1)
    assert first.number == "400.9/0001/Kesra/2026"  # type: ignore[attr-defined]
    typed = issue(letters, 2, number="400.9/0002/Kesra/2026")  # issued outside the system
    assert typed.sequence is None  # type: ignore[attr-defined]
    with pytest.raises(FieldError) as taken:
        issue(letters, 3, number="400.9 / 0002 / KESRA / 2026")  # the same number, spaced
    assert taken.value.message_key == "letter_number_taken"
    third = issue(letters, 4)
    assert third.number == "400.9/0003/Kesra/2026"  # type: ignore[attr-defined]
    assert letters._repo.last_sequence(2026) == 3


def _validate(pdf: bytes, cert_dir: Path) -> tuple[bool, bool]:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(cert_dir / "cert.pem"))  # type: ignore[no-untyped-call]
    ctx = ValidationContext(trust_roots=[root])
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    status = validate_pdf_signature(reader.embedded_signatures[0], ctx)
    return status.bottom_line, status.intact


def test_the_signature_is_valid_and_fails_after_one_changed_byte(
    letters: LetterService, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    letter = issue(letters, 1)
    _, pdf = letters.pdf(letter.id)  # type: ignore[attr-defined]
    cert_dir = Path(os.environ["LETTER_SIGNING_DIR"])
    assert _validate(pdf, cert_dir) == (True, True)
    from pyhanko.pdf_utils.reader import PdfFileReader

    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    assert sig.field_name == "TandaTanganElektronik"
    assert "Biro Kesejahteraan Rakyat" in sig.signer_cert.subject.human_friendly
    changed = bytearray(pdf)
    at = pdf.index(b"Layanan Kesra")  # the XMP metadata (creator): signed bytes
    changed[at] ^= 0x01  # L -> M
    assert _validate(bytes(changed), cert_dir)[0] is False


def test_a_stored_letter_is_kept_its_first_pdf(letters: LetterService) -> None:
    """Immutable: a second build never replaces the first stored PDF (content-addressed)."""
    letter = issue(letters, 1)
    stored = letters.get(letter.id)  # type: ignore[attr-defined]
    again = letters.finish(replace(stored, pdf_sha256=None, pdf_key=None))
    assert again.pdf_sha256 == stored.pdf_sha256


def test_a_letter_whose_pdf_cannot_be_built_is_issued_and_built_on_first_read(
    letters: LetterService,
) -> None:
    from chalicelib.domain.errors import StorageUnavailable

    class Down:
        """The letters function failing (e.g. deployed before its certificate was set)."""

        def build(self, content: object, draft: bool) -> bytes:
            raise StorageUnavailable("letters function failed", aws_code="LetterBuild")

    working = letters._builder
    letters._builder = Down()
    letter = issue(letters, 1)  # the item's transaction committed: the letter stands
    assert letter.number == "400.9/0001/Kesra/2026"  # type: ignore[attr-defined]
    assert letter.pdf_sha256 is None  # type: ignore[attr-defined]
    with pytest.raises(StorageUnavailable):
        letters.pdf(letter.id)  # type: ignore[attr-defined]
    letters._builder = working
    stored, pdf = letters.pdf(letter.id)  # type: ignore[attr-defined]
    assert pdf.startswith(b"%PDF-") and stored.pdf_sha256 is not None
