"""A revision as a blank report form for a spreadsheet: one sheet per section, named by
its number ("Form B"), else its heading, its title in the first cell.

Each field is a row: its label, then the cell for the answer, which takes only
what the field's kind allows (one of the choices, yes or no, a number, a date:
spreadsheet data validation), then its instructions; voluntary fields are shaded.
Each table is its header row (bold), its rows as the revision has them and
`EXTRA_ROWS` empty ones more, bordered. Every text is written as text, never a
formula, with control characters shown visibly (`render.safe`).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from draftkit.form import FieldKind, FormField
from draftkit.model import Document, Paragraph, Revision
from draftkit.render.safe import visible_line

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

EXTRA_ROWS = 2
SHADE = "D9D9D9"
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def form_to_xlsx(document: Document, revision: Revision) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    names: set[str] = set()
    for section in revision.sections:
        sheet = book.create_sheet(_sheet_name(section.number or section.title, names))
        sheet.column_dimensions["A"].width = 45
        for letter in "BCDEFGH":
            sheet.column_dimensions[letter].width = 24
        _put(sheet, 1, 1, section.title, bold=True)
        row = 3
        for paragraph in section.paragraphs:
            row = _paragraph(sheet, row, paragraph) + 1
    book.properties.title = visible_line(f"{document.title}: {revision.title} (blank form)")
    book.properties.creator = "draftkit"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _paragraph(sheet: Worksheet, row: int, paragraph: Paragraph) -> int:
    """Write a paragraph from `row` on; the last row it took."""
    label = f"{paragraph.label} " if paragraph.label is not None else ""
    if paragraph.form is not None:
        return _field(sheet, row, label + paragraph.text, paragraph.form)
    _put(sheet, row, 1, label + paragraph.text, bold=paragraph.table is not None)
    if paragraph.table is None:
        return row
    table = paragraph.table
    for column, heading in enumerate(table.columns, start=1):
        _put(sheet, row + 1, column, heading.heading, bold=True, boxed=True)
    body = [row.cells for row in table.rows] + [("",) * len(table.columns)] * EXTRA_ROWS
    for number, cells in enumerate(body, start=row + 2):
        for column, cell in enumerate(cells, start=1):
            _put(sheet, number, column, cell, boxed=True)
    return row + 1 + len(body)


def _field(sheet: Worksheet, row: int, label: str, form: FormField) -> int:
    from openpyxl.worksheet.datavalidation import DataValidation

    _put(sheet, row, 1, label + (" (voluntary)" if form.voluntary else ""), bold=True,
         shaded=form.voluntary)
    answer = _put(sheet, row, 2, "", boxed=True, shaded=form.voluntary)
    choices = ("Yes", "No") if form.kind is FieldKind.YES_NO else form.choices
    rule = None
    if choices and not any("," in c or '"' in c for c in choices) \
            and len(",".join(choices)) < 250:
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"')
    elif form.kind is FieldKind.NUMBER:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif form.kind is FieldKind.DATE:
        rule = DataValidation(type="date", operator="greaterThan", formula1="1")
    if rule is not None:
        rule.add(answer.coordinate)
        sheet.add_data_validation(rule)
    hint = " / ".join(choices)
    _put(sheet, row, 3, "; ".join(part for part in (hint, form.instructions) if part))
    return row


def _put(sheet: Worksheet, row: int, column: int, value: str, *, bold: bool = False,
         boxed: bool = False, shaded: bool = False) -> Cell | MergedCell:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    cell = sheet.cell(row=row, column=column)
    cell.value = visible_line(value)
    cell.data_type = "s"  # text, never a formula: openpyxl reads "=…" as one
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    if boxed:
        side = Side(style="thin")
        cell.border = Border(left=side, right=side, top=side, bottom=side)
    if shaded:
        cell.fill = PatternFill("solid", fgColor=SHADE)
    return cell


def _sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name: no []:*?/\\, at most 31 characters, unique."""
    base = _NOT_IN_SHEET_NAME.sub(" ", visible_line(title))[:31].strip() or "Form"
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        name = f"{base[:27]} ({number})"
    taken.add(name.casefold())
    return name
