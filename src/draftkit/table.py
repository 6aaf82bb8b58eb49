"""Tables: a paragraph that is a grid of cells (a form's stockpile list, its contacts).

A table has a header row of columns and body rows of cells, one cell per column, each
cell one line of text (empty in a blank form's rows). Columns and rows have permanent
identities apart from their positions, as paragraphs do apart from their labels: "row
3" is only where a row stands in one revision, so a row inserted or moved is not a
rewrite of the table.
"""

from __future__ import annotations

import re

import attrs
from attrs import field, frozen

from draftkit.lines import breaks, trimmed

CELL_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _identity(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not CELL_ID_PATTERN.fullmatch(value):
        raise ValueError(f"not a valid {attribute.name}: {value!r}")


def _heading(_instance: object, _attribute: object, value: str) -> None:
    if not trimmed(value):
        raise ValueError(f"a column heading is one line, not blank, without surrounding "
                         f"whitespace: {value!r}")


def _cells(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    for cell in value:
        if breaks(cell):
            raise ValueError(f"a cell is a single line: {cell!r}")


@frozen
class Column:
    """A column: its permanent id and its heading (what the header row says)."""

    id: str = field(validator=_identity)
    heading: str = field(validator=_heading)


@frozen
class Row:
    """A body row: its permanent id and its cells, in the table's column order."""

    id: str = field(validator=_identity)
    cells: tuple[str, ...] = field(default=(), validator=_cells)


@frozen
class CellRef:
    """One cell of a table by the identities of its row and column (never positions)."""

    row: str = field(validator=_identity)
    column: str = field(validator=_identity)


@frozen
class Table:
    """The header row (`columns`) and the body rows, each with one cell per column."""

    columns: tuple[Column, ...] = field()
    rows: tuple[Row, ...] = field(default=())

    @columns.validator
    def _columns(self, _attribute: object, columns: tuple[Column, ...]) -> None:
        if not columns:
            raise ValueError("a table has at least one column")
        _unique([c.id for c in columns], "column id")

    @rows.validator
    def _rows(self, _attribute: object, rows: tuple[Row, ...]) -> None:
        _unique([r.id for r in rows], "row id")
        for row in rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(f"row {row.id} has {len(row.cells)} cells for "
                                 f"{len(self.columns)} columns")

    def column_index(self, column_id: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.id == column_id), None)

    def row_index(self, row_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), None)

    def with_cell(self, cell: CellRef, text: str) -> Table:
        """This table with one cell's text replaced (ValueError if the cell is not in it)."""
        row, column = self.row_index(cell.row), self.column_index(cell.column)
        if row is None or column is None:
            raise ValueError(f"no cell at row {cell.row}, column {cell.column}")
        cells = self.rows[row].cells
        changed = attrs.evolve(self.rows[row], cells=(*cells[:column], text, *cells[column + 1:]))
        return attrs.evolve(self, rows=(*self.rows[:row], changed, *self.rows[row + 1:]))

    def cell(self, row_id: str, column_id: str) -> str | None:
        """The text of one cell by identities, or None if either is not in the table."""
        row, column = self.row_index(row_id), self.column_index(column_id)
        if row is None or column is None:
            return None
        return self.rows[row].cells[column]


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for identity in ids:
        if identity in seen:
            raise ValueError(f"{what} {identity!r} used twice")
        seen.add(identity)
