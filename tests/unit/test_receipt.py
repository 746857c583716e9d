"""The front desk's receipt (tanda terima, issue 20 point 6): its texts from the stored facts,
one A4 page read by pypdf in a receipt's order (kop, title, code, token, dates), fonts
embedded, English on request, and the letters function's receipt event."""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chalicelib.data import load_json
from chalicelib.domain.letter import letterhead_from_standard
from chalicelib.domain.receipt import ReceiptContent, ReceiptFacts, receipt_content

TZ = ZoneInfo("Asia/Pontianak")
STANDARD = load_json("standar_pelayanan.json")
HEAD = letterhead_from_standard(STANDARD, "Pontianak")
TOKEN = "Zq3v8lI1O0oK-_abcdefghijklmnopqrstuvwxyzABC"  # 43 characters, as new_token()
PORTAL = "https://layanan.kesra.example.go.id"


def _facts(kind: str = "complaint", classified: bool = False, clock: str = "ringan") -> Any:
    return ReceiptFacts(
        kind=kind,
        code="PGD-2612-7KQ4M" if kind == "complaint" else "AUD-2612-X9T2B",
        access_token=TOKEN,
        received_at=datetime(2026, 12, 7, 2, 15, tzinfo=UTC),  # 09.15 WIB
        due_at=datetime(2026, 12, 10, 9, 0, tzinfo=UTC),  # 16.00 WIB
        channel="tatap_muka" if kind == "complaint" else "front_desk",
        clock_class=clock if kind == "complaint" else "audience",
        classified=classified,
    )


def _text(pdf: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(reader.pages[0].extract_text().split())


def _render(content: ReceiptContent) -> bytes:
    from chalicelib.adapters.receipt_pdf import render_receipt

    return render_receipt(content)


def test_pypdf_reads_the_receipt_in_order_on_one_page_with_long_indonesian_dates() -> None:
    content = receipt_content(_facts(), STANDARD, HEAD, PORTAL, TZ)
    pages, text = _text(_render(content))
    assert pages == 1
    order = [
        "PEMERINTAH PROVINSI KALIMANTAN BARAT",
        "BIRO KESEJAHTERAAN RAKYAT",
        "TANDA TERIMA",
        "Pengaduan",
        "PGD-2612-7KQ4M",
        TOKEN,
        "Senin, 7 Desember 2026 pukul 09.15 WIB",
        "Kamis, 10 Desember 2026 pukul 16.00 WIB",
        "Tatap muka langsung kepada Pejabat Pengelola Pengaduan",
        "Tidak dipungut biaya",
        "selambat-lambatnya 3 jam kerja",
        "layanan.kesra.example.go.id/lacak",
        "tidak bernomor dan tidak ditandatangani",
    ]
    at = [text.find(part) for part in order]
    assert -1 not in at, [p for p, i in zip(order, at, strict=True) if i < 0]
    assert at == sorted(at)
    assert "Nomor :" not in text and "NIP" not in text  # not a surat dinas


def test_the_fonts_are_embedded_and_the_document_claims_pdfa_2b() -> None:
    from pypdf import PdfReader

    pdf = _render(receipt_content(_facts(), STANDARD, HEAD, PORTAL, TZ))
    page: Any = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # TrueType program embedded
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"<pdfaid:conformance>B<" in pdf


def test_the_qr_code_opens_the_tracking_page_with_code_and_token_in_the_fragment() -> None:
    content = receipt_content(_facts(), STANDARD, HEAD, PORTAL + "/", TZ)
    assert content.tracking_url == f"{PORTAL}/lacak#kode=PGD-2612-7KQ4M&token={TOKEN}"


def test_english_on_request() -> None:
    content = receipt_content(_facts("audience"), STANDARD, HEAD, PORTAL, TZ, "en")
    pages, text = _text(_render(content))
    assert pages == 1
    order = [
        "RECEIPT",
        "Audience request",
        "AUD-2612-X9T2B",
        TOKEN,
        "Monday, 7 December 2026 at 09:15 WIB",
        "Thursday, 10 December 2026 at 16:00 WIB",
        "In person at the Biro Kesra desk",
        "Free of charge",
        "within 3 working days",
        "no number and no signature",
    ]
    at = [text.find(part) for part in order]
    assert -1 not in at, [p for p, i in zip(order, at, strict=True) if i < 0]
    assert at == sorted(at)
    assert "Desember" not in text and "pukul" not in text


def test_the_promise_is_the_class_once_classified_and_every_class_before() -> None:
    before = receipt_content(_facts(), STANDARD, HEAD, PORTAL, TZ).promise
    assert "sebagai pengaduan ringan (selambat-lambatnya 3 jam kerja)" in before[0]
    assert any("60 hari kerja" in line for line in before)  # the other classes are listed
    after = receipt_content(_facts(classified=True, clock="normatif"), STANDARD, HEAD, PORTAL, TZ)
    assert (
        after.promise[0] == "Pengaduan bersifat normatif: dijawab selambat-lambatnya 5 hari kerja."
    )
    assert not any("60 hari kerja" in line for line in after.promise)
    assert "SK 285/OR/2022" in after.promise[-1]
    audience = receipt_content(_facts("audience"), STANDARD, HEAD, PORTAL, TZ).promise
    assert "paling lambat 3 hari kerja" in audience[0]


def test_the_letters_function_renders_a_receipt_from_its_event() -> None:
    """The API's LambdaLetterBuilder and the handler agree on the receipt event (JSON both
    ways, as Lambda's Invoke carries it); no signer is needed."""
    from chalicelib import letters_function
    from chalicelib.adapters.letter_builder import LambdaLetterBuilder

    class Invoked:
        def invoke(self, FunctionName: str, Payload: bytes) -> dict[str, Any]:
            body = letters_function.handler(json.loads(Payload))
            return {"Payload": io.BytesIO(json.dumps(body).encode())}

    content = receipt_content(_facts(), STANDARD, HEAD, PORTAL, TZ)
    assert ReceiptContent.from_payload(json.loads(json.dumps(content.to_payload()))) == content
    pdf = LambdaLetterBuilder(Invoked(), "letters").build_receipt(content)
    assert _text(pdf)[1] == _text(_render(content))[1]
    with pytest.raises(KeyError):
        letters_function.handler({"receipt": {"lang": "id"}})
    assert base64.b64decode(letters_function.handler({"receipt": content.to_payload()})["pdf"])
