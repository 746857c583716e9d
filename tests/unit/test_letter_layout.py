"""The letter's layout: pypdf reads it in a letter's order; Indonesian dates; numbering rules."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.letter import (
    Addressee,
    Letterhead,
    LetterRequest,
    Signer,
    check_pattern,
    format_number,
    hari_tanggal,
    number_key,
    schedule_letter,
    tanggal,
)

TZ = ZoneInfo("Asia/Pontianak")
HEAD = Letterhead(
    "Pemerintah Provinsi Kalimantan Barat",
    "Sekretariat Daerah",
    "Biro Kesejahteraan Rakyat",
    "Jl. Jenderal Ahmad Yani, Pontianak 78124",
    "(0561) 736541 ext. 126",
    "birokesra.kalbarprov.go.id",
    "kesra@kalbarprov.go.id",
    "Pontianak",
)
SIGNER = Signer(
    "Kepala Biro Kesejahteraan Rakyat", "Dra. Siti Contoh, M.Si.", "Pembina (IV/a)", "1970"
)


def test_dates_are_written_the_indonesian_way() -> None:
    assert tanggal(date(2026, 12, 7)) == "7 Desember 2026"
    assert hari_tanggal(date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert hari_tanggal(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"


def test_numbers_follow_the_pattern_and_are_unique_ignoring_case_and_spaces() -> None:
    pattern = "{classification}/{sequence:04d}/{unit}/{year}"
    assert format_number(pattern, "400.9", 123, "Kesra", 2026) == "400.9/0123/Kesra/2026"
    assert number_key("400.9 / 0123 / KESRA / 2026") == number_key("400.9/0123/Kesra/2026")
    with pytest.raises(ValueError, match="sequence"):
        check_pattern("{classification}/{unit}/{year}")
    with pytest.raises(ValueError, match="unknown"):
        check_pattern("{sequence}/{year}/{nama}")


def test_pypdf_reads_the_letter_in_a_letters_order() -> None:
    from pypdf import PdfReader

    from chalicelib.adapters.letter_pdf import render

    content = schedule_letter(
        Addressee("Kepala", "Dinas Sosial Kabupaten Sambas"),
        "penyaluran bantuan sosial",
        date(2026, 12, 1),
        datetime(2026, 12, 8, 2, 0, tzinfo=UTC),  # 09.00 WIB
        datetime(2026, 12, 8, 3, 30, tzinfo=UTC),
        "Ruang Rapat Biro Kesra",
        5,
        date(2026, 12, 7),
        TZ,
        SIGNER,
        HEAD,
        LetterRequest(number="400.9/0123/Kesra/2026"),
        ("Sekretaris Daerah Provinsi Kalimantan Barat",),
    ).with_number("400.9/0123/Kesra/2026")
    pdf = render(content)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )  # A4
    text = " ".join(reader.pages[0].extract_text().split())
    order = [
        "PEMERINTAH PROVINSI KALIMANTAN BARAT",
        "SEKRETARIAT DAERAH",
        "BIRO KESEJAHTERAAN RAKYAT",
        "Pontianak, 7 Desember 2026",
        "Nomor : 400.9/0123/Kesra/2026",
        "Sifat : Biasa",
        "Hal : Jawaban Permohonan Audiensi",
        "Yth. Kepala Dinas Sosial Kabupaten Sambas",
        "hari/tanggal : Selasa, 8 Desember 2026",
        "pukul : 09.00 s.d. 10.30 WIB",
        "tempat : Ruang Rapat Biro Kesra",
        "Kepala Biro Kesejahteraan Rakyat,",
        "Dra. Siti Contoh, M.Si.",
        "Pembina (IV/a)",
        "NIP 1970",
        "Tembusan:",
        "1. Sekretaris Daerah Provinsi Kalimantan Barat.",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions), text
    fonts = {
        str(f["/BaseFont"])
        for f in reader.pages[0]["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert all("LiberationSans" in f for f in fonts)
    for f in reader.pages[0]["/Resources"]["/Font"].values():  # type: ignore[index]
        descendant = f.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
    assert b"pdfaid:part" in pdf and b"pdfaid:conformance" in pdf  # PDF/A-2b identification
    assert b"/OutputIntents" in pdf


def test_the_kop_comes_from_the_service_standard() -> None:
    from chalicelib.data import load_json
    from chalicelib.domain.letter import letterhead_from_standard

    head = letterhead_from_standard(load_json("standar_pelayanan.json"), "Pontianak")
    assert head.unit == "Biro Kesejahteraan Rakyat"
    assert head.government == "Pemerintah Provinsi Kalimantan Barat"
    assert head.telephone == "(0561) 736541 ext. 126"
    assert head.email == "kesra@kalbarprov.go.id"
    assert head.website == "birokesra.kalbarprov.go.id"
    assert head.address.startswith("Jl. Jenderal Ahmad Yani")


def test_the_complaint_answer_letter_reads_in_a_letters_order() -> None:
    from pypdf import PdfReader

    from chalicelib.adapters.letter_pdf import render
    from chalicelib.domain.letter import complaint_answer_letter

    answer = "Bantuan Saudara telah dicairkan pada tanggal 3 Desember 2026 melalui Bank Kalbar."
    content = complaint_answer_letter(
        Addressee("Saudara/i", "Rahmat Hidayat"),
        "PGD-2612-ABCDEFG",
        "Bantuan sosial belum cair",
        date(2026, 12, 1),
        answer,
        date(2026, 12, 7),
        SIGNER,
        HEAD,
        LetterRequest(),
    ).with_number("400.9/0124/Kesra/2026")
    text = " ".join(PdfReader(io.BytesIO(render(content))).pages[0].extract_text().split())
    order = [
        "PEMERINTAH PROVINSI KALIMANTAN BARAT",
        "BIRO KESEJAHTERAAN RAKYAT",
        "Pontianak, 7 Desember 2026",
        "Nomor : 400.9/0124/Kesra/2026",
        "Hal : Jawaban atas Pengaduan",
        "Yth. Saudara/i Rahmat Hidayat",
        "pengaduan Saudara nomor PGD-2612-ABCDEFG yang kami terima pada tanggal 1 Desember 2026 "
        "perihal Bantuan sosial belum cair",
        answer,
        "Kepala Biro Kesejahteraan Rakyat,",
        "Dra. Siti Contoh, M.Si.",
        "NIP 1970",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions), text


def test_the_answer_letter_never_names_a_masked_or_absent_reporter() -> None:
    from chalicelib.domain.complaint import Reporter
    from chalicelib.domain.letter import addressee
    from chalicelib.services.complaint_letters import answer_addressee
    from tests.unit.test_items_domain import complaint

    named = Reporter("Rahmat Hidayat", "+6281355556666", None)
    cases = {
        ("named", named): ("Yth. Saudara/i Rahmat Hidayat",),
        ("confidential", named): ("Yth. Pelapor",),
        ("anonymous", None): ("Yth. Pelapor",),
        ("named", Reporter("  ", None, None)): ("Yth. Pelapor",),
    }
    for (privacy, reporter), first in cases.items():
        to = answer_addressee(complaint(privacy=privacy, reporter=reporter))
        assert addressee(to.position, to.institution)[:1] == first, privacy
