"""A letter's PDF: PDF/A-2b, A4, fonts embedded (fpdf2), QR code for verification (segno).

Imported only when a letter is rendered (fpdf2 and fontTools cost a cold start ~150 ms).
The layout follows Permendagri 1/2023's surat dinas: kop, place and date, Nomor / Sifat /
Lampiran / Hal, Yth., body, signature block with the QR code beside it, Tembusan.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chalicelib.domain.letter import LetterContent, Letterhead, tanggal

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
FAMILY = "LiberationSans"
LEFT, RIGHT, TOP = 25.0, 20.0, 15.0  # mm
BODY_PT = 11.5
LINE = 5.6  # mm per body line


def font(pdf: FPDF, style: str, size: float) -> None:
    pdf.set_font(FAMILY, style, size)


def qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """A vector QR code (segno's matrix drawn as black squares), `size` mm wide."""
    import segno

    code = segno.make(url, error="m")
    matrix = code.matrix
    quiet = 2
    cells = len(matrix) + 2 * quiet
    step = size / cells
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        for c, on in enumerate(row):
            if on:
                pdf.rect(x + (c + quiet) * step, y + (r + quiet) * step, step, step, style="F")


def new_document(title: str, author: str, subject: str, lang: str) -> FPDF:
    """An A4 PDF/A-2b document with the embedded Liberation Sans (regular and bold), the
    letter's margins (mm) and metadata, one page added. Shared with the receipt
    (receipt_pdf)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm", enforce_compliance="PDFA_2B")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FAMILY, "", str(FONTS / "LiberationSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "LiberationSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_creator("Layanan Kesra")
    pdf.set_lang(lang)
    pdf.add_page()
    return pdf


def render(content: LetterContent, draft: bool = False) -> bytes:
    """The letter as PDF/A-2b bytes (unsigned). `draft` marks every page "PRATINJAU" (staff
    preview; a preview without a number says where it will go). The verification QR code is
    drawn when `content.verify_url` is set."""
    head = content.letterhead
    title = f"{content.subject} {content.number}".strip()
    pdf = new_document(title, head.unit, content.subject, "id-ID")
    width = pdf.w - LEFT - RIGHT

    if draft:
        pdf.set_text_color(200, 200, 200)
        font(pdf, "B", 60)
        with pdf.rotation(45, pdf.w / 2, pdf.h / 2):
            pdf.text(pdf.w / 2 - 70, pdf.h / 2 + 10, "PRATINJAU")
        pdf.set_text_color(0, 0, 0)

    kop(pdf, head, width)
    _heading(pdf, content, width)
    _body(pdf, content, width)
    _signature(pdf, content, width)
    _copies(pdf, content, width)
    return bytes(pdf.output())


def kop(pdf: FPDF, head: Letterhead, width: float) -> None:
    """The letterhead and its double rule (`width` mm between the margins)."""
    from fpdf.enums import Align

    font(pdf, "B", 13)
    pdf.cell(width, 6.5, head.government.upper(), align=Align.C, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6.5, head.secretariat.upper(), align=Align.C, new_x="LMARGIN", new_y="NEXT")
    font(pdf, "B", 15)
    pdf.cell(width, 7.5, head.unit.upper(), align=Align.C, new_x="LMARGIN", new_y="NEXT")
    font(pdf, "", 9.5)
    pdf.multi_cell(width, 4.5, head.address, align=Align.C, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        width,
        4.5,
        f"Telepon {head.telephone}  Laman {head.website}  Pos-el {head.email}",
        align=Align.C,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    y = pdf.get_y() + 2
    pdf.set_line_width(0.9)
    pdf.line(LEFT, y, pdf.w - RIGHT, y)
    pdf.set_line_width(0.3)
    pdf.line(LEFT, y + 1.3, pdf.w - RIGHT, y + 1.3)
    pdf.set_y(y + 6)


def _heading(pdf: FPDF, content: LetterContent, width: float) -> None:
    """Place and date, Nomor / Sifat / Lampiran / Hal, and the addressee."""
    from fpdf.enums import Align

    head = content.letterhead
    font(pdf, "", BODY_PT)
    pdf.cell(
        width,
        LINE,
        f"{head.place}, {tanggal(content.date)}",
        align=Align.R,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    number = content.number or "(diberikan saat surat diterbitkan)"
    for label, value in (
        ("Nomor", number),
        ("Sifat", content.nature),
        ("Lampiran", content.attachment),
        ("Hal", content.subject),
    ):
        pdf.cell(22, LINE, label)
        pdf.cell(4, LINE, ":")
        pdf.multi_cell(width - 26, LINE, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE)

    first, *rest = content.addressee
    pdf.multi_cell(width * 0.65, LINE, first, new_x="LMARGIN", new_y="NEXT")
    for i, line in enumerate(rest):
        pdf.set_x(LEFT + (8 if i == len(rest) - 1 else 0))  # "di -", then the place indented
        pdf.cell(width * 0.6, LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE)


def _body(pdf: FPDF, content: LetterContent, width: float) -> None:
    """The paragraphs, the detail rows after the first one, and the closing."""
    from fpdf.enums import Align

    indent = 12.0

    def paragraph(text: str) -> None:
        pdf.set_x(LEFT + indent)
        pdf.multi_cell(width - indent, LINE, text, align=Align.J, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    paragraphs = list(content.paragraphs)
    if paragraphs:
        paragraph(paragraphs.pop(0))
    for label, value in content.details:
        pdf.set_x(LEFT + indent + 4)
        pdf.cell(32, LINE, label)
        pdf.cell(4, LINE, ":")
        pdf.multi_cell(width - indent - 40, LINE, value, new_x="LMARGIN", new_y="NEXT")
    if content.details:
        pdf.ln(2)
    for text in paragraphs:
        paragraph(text)
    paragraph(content.closing)


def _signature(pdf: FPDF, content: LetterContent, width: float) -> None:
    """The signature block on the right half, the verification QR code beside it."""
    from fpdf.enums import Align

    block_h = 52.0
    if pdf.get_y() + block_h > pdf.h - 25:
        pdf.add_page()
    pdf.ln(2)
    top = pdf.get_y()
    sx = LEFT + width * 0.5
    sw = width * 0.5
    signer = content.signer
    pdf.set_xy(sx, top)
    pdf.multi_cell(sw, LINE, f"{signer.position},", align=Align.C, new_x="LEFT", new_y="NEXT")
    if content.verify_url:
        qr(pdf, content.verify_url, LEFT + width * 0.18, top, 30)
        font(pdf, "", 7.5)
        pdf.set_xy(LEFT, top + 31)
        pdf.multi_cell(
            width * 0.48,
            3.4,
            "Ditandatangani secara elektronik. Pindai kode ini untuk memeriksa keaslian surat.",
            align=Align.C,
        )
        font(pdf, "", BODY_PT)
    pdf.set_xy(sx, top + 32)
    font(pdf, "B", BODY_PT)
    pdf.multi_cell(sw, LINE, signer.name, align=Align.C, new_x="LEFT", new_y="NEXT")
    font(pdf, "", BODY_PT)
    if signer.rank:
        pdf.multi_cell(sw, LINE, signer.rank, align=Align.C, new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(sw, LINE, f"NIP {signer.nip}", align=Align.C, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + 44))


def _copies(pdf: FPDF, content: LetterContent, width: float) -> None:
    """Tembusan, numbered, the last one ending with a full stop."""
    if content.copies:
        pdf.ln(LINE)
        font(pdf, "", 10)
        pdf.cell(width, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for i, copy in enumerate(content.copies, 1):
            end = "." if i == len(content.copies) else ";"
            pdf.multi_cell(width, 5, f"{i}. {copy}{end}", new_x="LMARGIN", new_y="NEXT")
