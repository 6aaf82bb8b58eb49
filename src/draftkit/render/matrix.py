"""The comments matrix (`draftkit.matrix`) as CSV, markdown, a terminal table and a
spreadsheet (.xlsx).

Party-written text leaves through `render.safe`: control characters shown
visibly, and no cell is ever a formula: a CSV cell starting with = + - @ gets
a leading ', and every .xlsx cell is written as a string cell (data type "s"),
which no spreadsheet evaluates, whatever it starts with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from draftkit.matrix import COLUMNS, Row
from draftkit.render.export import escape_markdown
from draftkit.render.safe import csv_cell, visible_line

# column widths in the spreadsheet, in characters
WIDTHS = (12, 16, 24, 6, 30, 60, 45, 45, 40, 14, 14)
BOM = "\ufeff"


def to_csv(rows: Sequence[Row], *, excel: bool = False) -> str:
    """CSV, the template's columns; `excel` starts it with a byte-order mark so Excel reads
    it as UTF-8 (and shows "México", not "MÃ©xico")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([csv_cell(cell) for cell in row.cells()] for row in rows)
    return (BOM if excel else "") + out.getvalue()


def to_markdown(rows: Sequence[Row]) -> str:
    def cell(text: str) -> str:
        return escape_markdown(text) or " "

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(v) for v in row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def to_xlsx(rows: Sequence[Row], title: str) -> bytes:
    """A workbook of one sheet: the header bold and frozen, every cell wrapped and a
    string, widths set, a filter on the header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Comments"
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row_number, values in enumerate([COLUMNS, *(r.cells() for r in rows)], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            cell.value = visible_line(value)
            cell.data_type = "s"  # text, never a formula: openpyxl reads "=…" as one
            cell.alignment = wrapped
            if row_number == 1:
                cell.font = Font(bold=True)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = f"Comments matrix: {visible_line(title)}"
    book.properties.creator = "draftkit"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_table(rows: Sequence[Row], title: str) -> Any:
    from draftkit.render.terminal import records_or_table

    shown = ("ID", "MB/NC", "Paragraph", "Type", "Quoted words", "Comment",
             "Proposed change", "Observations of the secretariat")
    picked = [COLUMNS.index(c) for c in shown]
    return records_or_table(f"{title}: comments matrix ({len(rows)})", shown,
                            [tuple(row.cells()[i] for i in picked) for row in rows])
