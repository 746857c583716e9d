"""Report downloads: CSV (UTF-8 with BOM, which spreadsheets open cleanly) and XLSX.

CSV is written the way a spreadsheet opens it in the reader's locale (the request's
language): Indonesian regional settings (Excel, LibreOffice with `id_ID`) use `;` as the list
separator and `,` as the decimal mark, so an Indonesian CSV separates with `;` and writes
86,11; an English one separates with `,` and writes 86.11 (CLDR's number symbols for `id`
and `en`). Whole numbers carry no separator at all (no thousands grouping), so they read back
as numbers in both.

XLSX is written by XlsxWriter (pinned in requirements.txt), imported on first use so that no
other request pays for it at cold start. Numbers stay numbers in both formats.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chalicelib.api.http import Reply

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: a sheet name (at most 31 characters), Indonesian headers, rows of cells."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]


# The list separator and decimal mark of each language's regional settings (CLDR `id`, `en`).
CSV_SEPARATORS: dict[str, tuple[str, str]] = {"id": (";", ","), "en": (",", ".")}


def csv_cell(value: Cell, decimal_mark: str) -> str:
    """One cell as CSV text: empty for None, a fraction with the locale's decimal mark, whole
    numbers and text as they are (booleans are not cells)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        from decimal import Decimal  # on first use: only downloads need it

        # the shortest text that reads back as the same float, never in exponent form
        return format(Decimal(repr(value)), "f").replace(".", decimal_mark)
    return str(value)


def csv_text(sheet: Sheet, lang: str = "id") -> str:
    """The sheet as CSV for a spreadsheet set to `lang` ('id': `;` and decimal comma; 'en':
    `,` and decimal point), with a BOM and CRLF line ends (RFC 4180)."""
    separator, decimal_mark = CSV_SEPARATORS.get(lang, CSV_SEPARATORS["id"])
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=separator, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([csv_cell(c, decimal_mark) for c in row])
    return "\ufeff" + buf.getvalue()


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per sheet: bold frozen header row, numbers as numbers."""
    import xlsxwriter  # type: ignore[import-untyped]  # lazily: only downloads need it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        widths = [len(h) for h in sheet.headers]
        ws.write_row(0, 0, list(sheet.headers), bold)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
                if c < len(widths):
                    widths[c] = max(widths[c], min(len(str(value)), 80))
        for c, width in enumerate(widths):
            ws.set_column(c, c, width + 2)
        ws.freeze_panes(1, 0)
    book.close()
    return buf.getvalue()


def _safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]", "", name)


def download(fmt: str, sheets: Sequence[Sheet], filename: str, lang: str = "id") -> Reply:
    """A CSV (the first sheet, in `lang`'s separators: csv_text) or an XLSX (every sheet;
    numbers are typed cells there, shown by the reader's own settings) as an attachment."""
    name = _safe(filename)
    if fmt == "xlsx":
        return Reply(
            xlsx_bytes(sheets),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    return Reply(
        csv_text(sheets[0], lang),
        content_type=CSV_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
