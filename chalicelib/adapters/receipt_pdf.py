"""A receipt's PDF (tanda terima): one A4 page, PDF/A-2b, fonts embedded, drawn with the
letters' machinery (letter_pdf: the same document set-up, kop and vector QR code).

A4 because the bureau's desk prints on the office printer that prints its letters (A4 is the
paper every such printer holds; an A5 or 80 mm receipt would need a tray change or a receipt
printer the desk does not have, and a browser's print dialog scales a smaller page up or
off-centre). The receipt fills the upper part of the page.

Not numbered and not signed: a receipt is not a surat dinas (domain/receipt.py). Imported only
when a receipt is rendered (fpdf2 is heavy; in AWS it runs in the letters function).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.letter_pdf import FAMILY, FONTS, LEFT, RIGHT, font, kop, new_document, qr

if TYPE_CHECKING:
    from chalicelib.domain.receipt import ReceiptContent

MONO = "LiberationMono"  # code and token: I, l, 1, O and 0 told apart when typed from paper
QR_MM = 34.0
LABEL_MM = 34.0
ROW = 6.2  # mm per row line


def render_receipt(content: ReceiptContent) -> bytes:
    """The receipt as PDF/A-2b bytes, one A4 page: kop, the title, the facts (kind, tracking
    code, access token; then received, due, channel, fee with the tracking QR code beside),
    the service standard's promise, how to follow the item, and the closing notes."""
    from fpdf.enums import Align

    head = content.letterhead
    code = content.rows[1][1]  # the tracking code (domain.receipt's row order)
    pdf = new_document(
        f"{content.title.title()} {code}".strip(),
        head.unit,
        content.title.title(),
        "en-GB" if content.lang == "en" else "id-ID",
    )
    pdf.set_auto_page_break(False)
    pdf.add_font(MONO, "B", str(FONTS / "LiberationMono-Bold.ttf"))
    width = pdf.w - LEFT - RIGHT
    kop(pdf, head, width)

    font(pdf, "B", 16)
    pdf.cell(width, 9, content.title, align=Align.C, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    top = pdf.get_y()
    for i, (label, value) in enumerate(content.rows):
        if i == 3:  # the QR code beside the times: kind, code and token keep the full width
            top = pdf.get_y()
        value_w = width - LABEL_MM - 4 - (QR_MM + 6 if i >= 3 else 0)
        font(pdf, "", 10.5)
        pdf.set_x(LEFT)
        pdf.cell(LABEL_MM, ROW, label)
        pdf.cell(4, ROW, ":")
        # kind in bold; code and token in bold monospace (typed in from the paper)
        size = 14.0 if i == 1 else 10.5
        face = "B" if i <= 2 else ""
        pdf.set_font(MONO if i in (1, 2) else FAMILY, face, size)
        while i == 2 and size > 7 and pdf.get_string_width(value) > value_w - 2.5 * pdf.c_margin:
            size -= 0.5  # the token stays on one line
            pdf.set_font(MONO, "B", size)
        pdf.multi_cell(value_w, ROW, value, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    rows_end = pdf.get_y()

    qx = LEFT + width - QR_MM
    qr(pdf, content.tracking_url, qx, top, QR_MM)
    font(pdf, "", 8)
    pdf.set_xy(qx, top + QR_MM)
    pdf.multi_cell(QR_MM, 3.6, content.qr_label, align=Align.C)
    pdf.set_y(max(rows_end, pdf.get_y()) + 4)

    font(pdf, "B", 10.5)
    pdf.cell(width, ROW, content.promise_label, new_x="LMARGIN", new_y="NEXT")
    font(pdf, "", 9.5)
    for line in content.promise:
        indent = 4.0 if line.startswith("- ") else 0.0
        pdf.set_x(LEFT + indent)
        pdf.multi_cell(width - indent, 4.8, line, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    font(pdf, "", 10)
    pdf.multi_cell(width, 5.2, content.how, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    font(pdf, "B", 9.5)
    pdf.multi_cell(width, 4.8, content.notes[0], align=Align.L, new_x="LMARGIN", new_y="NEXT")
    font(pdf, "", 8.5)
    for note in content.notes[1:]:
        pdf.ln(1)
        pdf.multi_cell(width, 4.4, note, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
