"""A table's or form field's records in a revision file, after its @para and caption.

    @para k3m9x2 | B1 | open
    Cluster munitions stockpiled, by type
    @column type | Type of cluster munition
    @column quantity | Number of munitions
    @row r7h2pq
    @cell type | M26 rocket
    @cell quantity | 1 200
    @row q2m8zz

One record a line, so a git diff of a changed cell is one line: columns first (the
header row, in order), then each row with its cells by column id; an empty cell is
left out. A form field is one @field (its kind, and whether it is voluntary), its
@choice lines in order and at most one @instructions:

    @para f8k2nn | B2 | open
    Has the information changed since the last report?
    @field choice | required
    @choice changed
    @choice unchanged (last reported: year)
    @instructions Tick one box.
"""

from __future__ import annotations

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.form import OBLIGATIONS, FieldKind, FormField
from draftkit.model import Paragraph
from draftkit.store import grammar
from draftkit.store.grammar import Record, Shape
from draftkit.table import CELL_ID_PATTERN, Column, Row, Table

SHAPES = {"column": Shape(2), "row": Shape(1), "cell": Shape(2), "field": Shape(2),
          "choice": Shape(1), "instructions": Shape(1)}
_VOLUNTARY = {word: voluntary for voluntary, word in OBLIGATIONS.items()}


def content_lines(paragraph: Paragraph) -> list[str]:
    """The records that follow a paragraph's text: its table's or its field's."""
    lines: list[str] = []
    if paragraph.table is not None:
        table = paragraph.table
        lines += [grammar.record_line("column", c.id, c.heading) for c in table.columns]
        for row in table.rows:
            lines.append(grammar.record_line("row", row.id))
            lines += [grammar.record_line("cell", column.id, cell)
                      for column, cell in zip(table.columns, row.cells, strict=True) if cell]
    if paragraph.form is not None:
        form = paragraph.form
        lines.append(grammar.record_line("field", form.kind.value, OBLIGATIONS[form.voluntary]))
        lines += [grammar.record_line("choice", choice) for choice in form.choices]
        if form.instructions:
            lines.append(grammar.record_line("instructions", form.instructions))
    return lines


@frozen
class Content:
    table: Table | None = None
    form: FormField | None = None


class ContentReader:
    """Collects one paragraph's @column, @row, @cell, @field, @choice and @instructions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.columns: list[Column] = []
        self.rows: list[tuple[str, dict[str, str], int]] = []
        self.field: tuple[FieldKind, bool, int] | None = None
        self.choices: list[str] = []
        self.instructions: str | None = None
        self.first_line = 0

    def read(self, record: Record) -> None:
        self.first_line = self.first_line or record.line
        handler = getattr(self, f"_{record.tag}")
        handler(record)

    def _error(self, record: Record, message: str) -> FormatError:
        return FormatError(self.path, record.line, message)

    def _identity(self, record: Record) -> str:
        identity = record.fields[0]
        if not CELL_ID_PATTERN.fullmatch(identity):
            raise self._error(record, f"not a valid id: {identity!r}")
        return identity

    def _column(self, record: Record) -> None:
        if self.field is not None:
            raise self._error(record, "a paragraph is a table or a form field, not both")
        if self.rows:
            raise self._error(record, "@column after a @row: the header row comes first")
        identity = self._identity(record)
        if any(c.id == identity for c in self.columns):
            raise self._error(record, f"column {identity!r} given twice")
        try:
            self.columns.append(Column(identity, record.fields[1]))
        except ValueError as error:
            raise self._error(record, str(error)) from None

    def _row(self, record: Record) -> None:
        if not self.columns:
            raise self._error(record, "@row before any @column")
        identity = self._identity(record)
        if any(r[0] == identity for r in self.rows):
            raise self._error(record, f"row {identity!r} given twice")
        self.rows.append((identity, {}, record.line))

    def _cell(self, record: Record) -> None:
        if not self.rows:
            raise self._error(record, "@cell before any @row")
        column, text = record.fields
        if not any(c.id == column for c in self.columns):
            raise self._error(record, f"@cell of an unknown column {column!r}")
        cells = self.rows[-1][1]
        if column in cells:
            raise self._error(record, f"cell {column!r} of row {self.rows[-1][0]} given twice")
        cells[column] = text

    def _field(self, record: Record) -> None:
        if self.columns:
            raise self._error(record, "a paragraph is a table or a form field, not both")
        if self.field is not None:
            raise self._error(record, "@field given twice")
        kind, optional = record.fields
        try:
            self.field = (FieldKind(kind), _VOLUNTARY[optional], record.line)
        except (ValueError, KeyError):
            kinds = ", ".join(k.value for k in FieldKind)
            raise self._error(record, f"expected '@field <{kinds}> | <required or "
                                      f"voluntary>'") from None

    def _choice(self, record: Record) -> None:
        if self.field is None or self.instructions is not None:
            raise self._error(record, "@choice belongs after its @field, before @instructions")
        self.choices.append(record.fields[0])

    def _instructions(self, record: Record) -> None:
        if self.field is None or self.instructions is not None:
            raise self._error(record, "one @instructions, after its @field")
        self.instructions = record.fields[0]

    def finish(self) -> Content:
        if self.field is not None:
            kind, voluntary, line = self.field
            try:
                return Content(form=FormField(kind, tuple(self.choices),
                                              self.instructions or "", voluntary))
            except ValueError as error:
                raise FormatError(self.path, line, str(error)) from None
        if self.columns:
            order = [c.id for c in self.columns]
            rows = []
            for identity, cells, line in self.rows:
                try:
                    rows.append(Row(identity, tuple(cells.get(c, "") for c in order)))
                except ValueError as error:
                    raise FormatError(self.path, line, str(error)) from None
            return Content(table=Table(tuple(self.columns), tuple(rows)))
        return Content()
