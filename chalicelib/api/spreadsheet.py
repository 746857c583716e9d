"""Report downloads: CSV (UTF-8 with BOM, which spreadsheets open cleanly) and XLSX.

XLSX is written by XlsxWriter (pinned in requirements.txt), imported on first use so that no
other request pays for it at cold start. Numbers stay numbers in both formats.
"""

from __future__ import annotations

import csv
import io
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


def csv_text(sheet: Sheet) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(["" if c is None else c for c in row])
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


def download(fmt: str, sheets: Sequence[Sheet], filename: str) -> Reply:
    """A CSV (the first sheet) or an XLSX (every sheet) as an attachment."""
    name = _safe(filename)
    if fmt == "xlsx":
        return Reply(
            xlsx_bytes(sheets),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    return Reply(
        csv_text(sheets[0]),
        content_type=CSV_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
