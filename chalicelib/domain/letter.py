"""Surat dinas: the bureau's reply letters as documents (issue 20).

The layout follows Permendagri 1/2023 (Tata Naskah Dinas di Lingkungan Pemerintah Daerah):
kop (letterhead), place and date, Nomor / Sifat / Lampiran / Hal, the addressee (Yth.), the
body, the signature block (position, name, rank, NIP) and Tembusan. This module is pure: it
numbers letters and composes their content; rendering (fpdf2) and signing (pyHanko) are
adapters, storage is the letter repository.

Kinds: `audience_schedule` (surat jawaban kesediaan dan jadwal audiensi, the standard's
product), `audience_decline` (the answer that the request cannot be facilitated) and
`complaint_answer` (the answer to a complaint); `audience_cancel` tells that a scheduled
meeting will not take place (it supersedes the schedule letter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .errors import FieldError

KINDS = ("audience_schedule", "audience_decline", "audience_cancel", "complaint_answer")

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

SUBJECTS = {
    "audience_schedule": "Jawaban Permohonan Audiensi",
    "audience_decline": "Jawaban Permohonan Audiensi",
    "audience_cancel": "Pembatalan Jadwal Audiensi",
    "complaint_answer": "Jawaban atas Pengaduan",
}

PATTERN_FIELDS = frozenset({"classification", "sequence", "unit", "year"})


def tanggal(day: date) -> str:
    """A date the Indonesian way, as letters write it: 7 Desember 2026 (no leading zero)."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def hari_tanggal(day: date) -> str:
    """Weekday and date: Senin, 7 Desember 2026."""
    return f"{DAYS_ID[day.weekday()]}, {tanggal(day)}"


def check_pattern(pattern: str) -> str:
    """A number pattern is a Python format string naming only {classification},
    {sequence} (with an optional format such as :04d), {unit} and {year}, and it must use
    {sequence} and {year} (the sequence is per year). ValueError names what is wrong."""
    names = {m.group(1) for m in re.finditer(r"{([a-z_]+)(?::[^}]*)?}", pattern)}
    unknown = names - PATTERN_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) in the letter number pattern: {sorted(unknown)}")
    if not {"sequence", "year"} <= names:
        raise ValueError("the letter number pattern must contain {sequence} and {year}")
    format_number(pattern, "0", 1, "X", 2000)  # a bad format spec fails here
    return pattern


def format_number(pattern: str, classification: str, sequence: int, unit: str, year: int) -> str:
    """The bureau's letter number, e.g. pattern "{classification}/{sequence:04d}/{unit}/{year}"
    -> "400.9/0123/Kesra/2026" (the classification code of the archives' classification and
    the unit code come from settings)."""
    return pattern.format(classification=classification, sequence=sequence, unit=unit, year=year)


def number_key(number: str) -> str:
    """The form a number is unique in: spaces dropped, case folded ("400.9/0123/KESRA/2026"
    and "400.9 / 0123 / Kesra / 2026" are the same number)."""
    return re.sub(r"\s+", "", number).casefold()


def typed_number_problems(number: str) -> list[FieldError]:
    """A number typed by staff (issued outside the system) is printable text of at most 100
    characters with at least one digit."""
    if not re.search(r"[0-9]", number) or any(ord(c) < 32 for c in number):
        return [FieldError("reply_letter.number", "letter_number_invalid")]
    return []


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs: position (jabatan), name, rank (pangkat/golongan) and NIP, from the staff
    directory (name) and settings (the rest)."""

    position: str
    name: str
    rank: str
    nip: str


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The kop: the province, Sekretariat Daerah, the unit, and its contacts (the service
    standard's address, telephone, website and e-mail)."""

    government: str
    secretariat: str
    unit: str
    address: str
    telephone: str
    website: str
    email: str
    place: str


def letterhead_from_standard(standard: dict[str, object], place: str) -> Letterhead:
    """The kop from the Standar Pelayanan as data (chalicelib/data/standar_pelayanan.json):
    source.unit "Biro ..., Pemerintah Provinsi ..." gives the unit and the government,
    source.address and source.website, and the complaint channels' `telepon` and `email`
    contacts the telephone and e-mail."""
    source = standard.get("source")
    services = standard.get("services")
    src = source if isinstance(source, dict) else {}
    unit, _, government = str(src.get("unit", "")).partition(", ")
    contacts: dict[str, str] = {}
    for service in services if isinstance(services, list) else []:
        for channel in service.get("channels") or []:
            if channel.get("contact"):
                contacts.setdefault(str(channel["code"]), str(channel["contact"]))
    return Letterhead(
        government=government or "Pemerintah Provinsi Kalimantan Barat",
        secretariat="Sekretariat Daerah",
        unit=unit,
        address=str(src.get("address", "")),
        telephone=contacts.get("telepon", ""),
        website=str(src.get("website", "")),
        email=contacts.get("email", ""),
        place=place,
    )


@dataclass(frozen=True, slots=True)
class LetterContent:
    """Everything printed on one letter, in reading order. `details` are label/value rows
    (hari/tanggal, pukul, tempat, ...) printed as a table after `paragraphs[0]`."""

    kind: str
    number: str
    date: date
    nature: str
    attachment: str
    subject: str
    addressee: tuple[str, ...]
    paragraphs: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    closing: str
    signer: Signer
    copies: tuple[str, ...]
    letterhead: Letterhead
    verify_url: str | None = None

    def with_number(self, number: str) -> LetterContent:
        from dataclasses import replace

        return replace(self, number=number)


@dataclass(frozen=True, slots=True)
class Letter:
    """An issued letter as stored: `id` is unguessable (random, 128 bits); `sequence` is the
    year's sequence number (None for a number typed by staff); `replaces` the id of the letter
    this one supersedes and `superseded_by` the one that superseded it; `pdf_sha256` (hex)
    once the signed PDF is stored."""

    id: str
    number: str
    sequence: int | None
    year: int
    kind: str
    date: date
    subject: str
    item_ref: str
    addressee_institution: str
    signer_name: str
    signer_position: str
    created_at: datetime
    content: LetterContent
    replaces: str | None = None
    superseded_by: str | None = None
    pdf_sha256: str | None = None
    pdf_key: str | None = None

    @property
    def stands(self) -> bool:
        return self.superseded_by is None


@dataclass(frozen=True, slots=True)
class LetterRequest:
    """What staff give for a letter: a number typed (issued outside the system) or None for
    the next of the year; the date (None: today, local); an optional extra paragraph."""

    number: str | None = None
    date: date | None = None
    note: str | None = None
    copies: tuple[str, ...] = field(default_factory=tuple)


def addressee(position: str, institution: str) -> tuple[str, ...]:
    """Yth. + the requester's position and institution, then "di -" / "Tempat"."""
    return (f"Yth. {position} {institution}".strip(), "di -", "Tempat")


@dataclass(frozen=True, slots=True)
class LetterSettings:
    """What settings give every letter: the number pattern and codes, the signer's fixed
    parts (position, rank, NIP, and a name used when the staff directory has none), the
    standing Tembusan and the portal's base URL for the verification QR code."""

    pattern: str
    classification: str
    unit_code: str
    signer_sub: str | None
    signer_position: str
    signer_rank: str
    signer_nip: str
    signer_name: str
    copies: tuple[str, ...]
    verify_base_url: str


@dataclass(frozen=True, slots=True)
class Addressee:
    """The requesting side: the contact's position and the institution (never a private
    person's name: the letter goes to an office)."""

    position: str
    institution: str


def _common(
    kind: str,
    to: Addressee,
    day: date,
    paragraphs: tuple[str, ...],
    details: tuple[tuple[str, str], ...],
    signer: Signer,
    head: Letterhead,
    req: LetterRequest,
    copies: tuple[str, ...],
) -> LetterContent:
    extra = (req.note.strip(),) if req.note and req.note.strip() else ()
    return LetterContent(
        kind=kind,
        number=req.number or "",
        date=day,
        nature="Biasa",
        attachment="-",
        subject=SUBJECTS[kind],
        addressee=addressee(to.position, to.institution),
        paragraphs=paragraphs + extra,
        details=details,
        closing="Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan "
        "terima kasih.",
        signer=signer,
        copies=req.copies or copies,
        letterhead=head,
    )


def schedule_letter(
    to: Addressee,
    topic: str,
    received: date,
    start: datetime,
    end: datetime,
    room: str,
    attendees: int,
    day: date,
    tz: ZoneInfo,
    signer: Signer,
    head: Letterhead,
    req: LetterRequest,
    copies: tuple[str, ...] = (),
) -> LetterContent:
    """The standard's "surat jawaban kesediaan dan jadwal rapat/audiensi": the request it
    answers, then hari/tanggal, pukul ... WIB (the local zone's name), tempat (the room as
    stored) and who attends (the requester's party, at most `attendees` people). The bureau's
    own attendees are not printed: the requester never sees them (tracking hides them too)."""
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    zone = local_start.tzname() or "WIB"
    first = (
        f"Menindaklanjuti surat permohonan Saudara yang kami terima pada tanggal "
        f"{tanggal(received)} perihal audiensi mengenai {topic}, dengan hormat kami "
        f"sampaikan bahwa audiensi dimaksud dapat difasilitasi dan akan dilaksanakan pada:"
    )
    details = (
        ("hari/tanggal", hari_tanggal(local_start.date())),
        ("pukul", f"{local_start:%H.%M} s.d. {local_end:%H.%M} {zone}"),
        ("tempat", room),
        ("peserta", f"paling banyak {attendees} orang dari {to.institution}"),
    )
    second = "Mohon hadir 15 menit sebelum acara dimulai dengan membawa surat ini."
    return _common(
        "audience_schedule", to, day, (first, second), details, signer, head, req, copies
    )


def decline_letter(
    to: Addressee,
    topic: str,
    received: date,
    reason: str,
    day: date,
    signer: Signer,
    head: Letterhead,
    req: LetterRequest,
    copies: tuple[str, ...] = (),
) -> LetterContent:
    """The answer that the request cannot be facilitated, with the reason."""
    first = (
        f"Menindaklanjuti surat permohonan Saudara yang kami terima pada tanggal "
        f"{tanggal(received)} perihal audiensi mengenai {topic}, dengan hormat kami "
        f"sampaikan bahwa permohonan tersebut belum dapat kami fasilitasi dengan alasan "
        f"sebagai berikut:"
    )
    return _common(
        "audience_decline", to, day, (first, reason.strip()), (), signer, head, req, copies
    )


def complaint_answer_letter(
    to: Addressee,
    code: str,
    subject: str,
    received: date,
    answer: str,
    day: date,
    signer: Signer,
    head: Letterhead,
    req: LetterRequest,
    copies: tuple[str, ...] = (),
) -> LetterContent:
    """The answer to a complaint: what it was about, then the answer."""
    first = (
        f"Menindaklanjuti pengaduan Saudara nomor {code} yang kami terima pada tanggal "
        f"{tanggal(received)} perihal {subject}, dengan hormat kami sampaikan jawaban "
        f"sebagai berikut:"
    )
    return _common(
        "complaint_answer", to, day, (first, answer.strip()), (), signer, head, req, copies
    )


def cancel_letter(
    to: Addressee,
    topic: str,
    start: datetime,
    reason: str,
    day: date,
    tz: ZoneInfo,
    signer: Signer,
    head: Letterhead,
    req: LetterRequest,
    copies: tuple[str, ...] = (),
) -> LetterContent:
    """A scheduled meeting will not take place: which one, and why."""
    local = start.astimezone(tz)
    first = (
        f"Dengan hormat kami sampaikan bahwa audiensi mengenai {topic} yang dijadwalkan pada "
        f"hari {hari_tanggal(local.date())} pukul {local:%H.%M} {local.tzname() or 'WIB'} "
        f"dibatalkan dengan alasan sebagai berikut:"
    )
    return _common(
        "audience_cancel", to, day, (first, reason.strip()), (), signer, head, req, copies
    )


def issue_year(day: date) -> int:
    """The sequence runs per calendar year of the letter's date."""
    return day.year
