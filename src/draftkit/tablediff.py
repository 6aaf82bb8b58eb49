"""Two versions of a table (or a form field) → how they differ, cell by cell.

Rows and columns are matched by identity, as paragraphs are: a row inserted or moved
is that one row inserted or moved, never a rewrite of the table, and a column renamed
keeps its cells. Each row holds one `CellDiff` per column of either side (word spans
on the cell's text); `from_table` and `to_table` rebuild both sides exactly. A row is
"moved" when its order among the rows both sides share changed (judged against a
longest increasing subsequence, so moving one row marks only that one), and likewise
a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from attrs import frozen

from draftkit.form import FieldKind, FormField
from draftkit.ordering import interleave, kept_in_order
from draftkit.table import Column, Row, Table
from draftkit.textdiff import Span
from draftkit.textdiff import diff as text_diff

Part = TypeVar("Part", Column, Row)
PartChange = Literal["unchanged", "inserted", "deleted", "modified", "moved", "renamed"]


@frozen
class ColumnDiff:
    id: str
    from_position: int | None
    to_position: int | None
    change: tuple[PartChange, ...]
    heading_spans: tuple[Span, ...]

    @property
    def from_heading(self) -> str:
        return _side_text(self.heading_spans, "from")

    @property
    def to_heading(self) -> str:
        return _side_text(self.heading_spans, "to")


@frozen
class CellDiff:
    """One cell, by its column: the spans turning its FROM text into its TO text."""

    column: str
    spans: tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.spans)

    def text(self, side: Literal["from", "to"]) -> str:
        return _side_text(self.spans, side)


@frozen
class RowDiff:
    id: str
    from_position: int | None
    to_position: int | None
    change: tuple[PartChange, ...]
    cells: tuple[CellDiff, ...]  # one per column of the TableDiff, in its order


@frozen
class TableDiff:
    """Columns and rows of both sides in the TO order, each gone one after the nearest
    unmoved one that preceded it in FROM."""

    columns: tuple[ColumnDiff, ...]
    rows: tuple[RowDiff, ...]

    @property
    def changed(self) -> bool:
        return any(c.change != ("unchanged",) for c in self.columns) or \
            any(r.change != ("unchanged",) for r in self.rows)

    def from_table(self) -> Table | None:
        return self._side("from")

    def to_table(self) -> Table | None:
        return self._side("to")

    def _side(self, side: Literal["from", "to"]) -> Table | None:
        def position(part: ColumnDiff | RowDiff) -> int | None:
            return part.from_position if side == "from" else part.to_position

        kept = sorted(((position(c), i, c) for i, c in enumerate(self.columns)
                       if position(c) is not None), key=lambda x: x[0] or 0)
        if not kept:
            return None
        columns = tuple(Column(c.id, _side_text(c.heading_spans, side))
                        for _, _, c in kept)
        rows = sorted((r for r in self.rows if position(r) is not None),
                      key=lambda r: position(r) or 0)
        return Table(columns, tuple(Row(r.id, tuple(r.cells[i].text(side) for _, i, _ in kept))
                                    for r in rows))


FieldChange = Literal["kind", "choices", "instructions", "voluntary"]


@frozen
class FieldDiff:
    """A form field on both sides (None where the paragraph is not one), what changed,
    and the instructions word by word."""

    from_field: FormField | None
    to_field: FormField | None
    change: tuple[FieldChange, ...]
    instruction_spans: tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return bool(self.change) or (self.from_field is None) != (self.to_field is None)


def table_diff(a: Table | None, b: Table | None) -> TableDiff:
    """How table `b` differs from `a` (None: the paragraph is not a table on that side)."""
    old_columns = a.columns if a else ()
    new_columns = b.columns if b else ()
    columns = _parts(old_columns, new_columns)
    column_diffs = tuple(
        ColumnDiff(identity, was, now, kinds,
                   text_diff(old_columns[was].heading if was is not None else "",
                             new_columns[now].heading if now is not None else ""))
        for identity, was, now, kinds in columns)
    old_rows = a.rows if a else ()
    new_rows = b.rows if b else ()
    row_diffs = []
    for identity, was, now, kinds in _parts(old_rows, new_rows):
        cells = tuple(
            CellDiff(c.id, text_diff(
                old_rows[was].cells[c.from_position]
                if was is not None and c.from_position is not None else "",
                new_rows[now].cells[c.to_position]
                if now is not None and c.to_position is not None else ""))
            for c in column_diffs)
        if was is not None and now is not None and any(
                cell.changed for cell, c in zip(cells, column_diffs, strict=True)
                if c.from_position is not None and c.to_position is not None):
            kinds = ("modified", *(k for k in kinds if k != "unchanged"))
        row_diffs.append(RowDiff(identity, was, now, kinds, cells))
    return TableDiff(column_diffs, tuple(row_diffs))


def field_diff(a: FormField | None, b: FormField | None) -> FieldDiff:
    """How form field `b` differs from `a` (None: the paragraph is not a field there)."""
    change: list[FieldChange] = []
    if a is not None and b is not None:
        if a.kind != b.kind:
            change.append("kind")
        if a.choices != b.choices:
            change.append("choices")
        if a.instructions != b.instructions:
            change.append("instructions")
        if a.voluntary != b.voluntary:
            change.append("voluntary")
    return FieldDiff(a, b, tuple(change),
                     text_diff(a.instructions if a else "", b.instructions if b else ""))


def field_summary(form: FormField) -> str:
    """A field's kind, choices and whether voluntary, in one line: "choice: a / b; voluntary"."""
    kind = form.kind.title
    if form.kind is FieldKind.CHOICE:
        kind += ": " + " / ".join(form.choices)
    return kind + ("; voluntary" if form.voluntary else "")


def _side_text(spans: Sequence[Span], side: Literal["from", "to"]) -> str:
    """The text of one side of `spans`: every span but those only the other side has."""
    dropped = "insert" if side == "from" else "delete"
    return "".join(s.text for s in spans if s.op != dropped)


def _parts(old: Sequence[Part], new: Sequence[Part]
           ) -> list[tuple[str, int | None, int | None, tuple[PartChange, ...]]]:
    """Each column (or row) id of either side in the diff's order, with its positions in
    FROM and TO and its kinds of change (a column's heading: renamed)."""
    was = {part.id: i for i, part in enumerate(old)}
    now = {part.id: i for i, part in enumerate(new)}
    stable = kept_in_order([p.id for p in old if p.id in now], now)
    result = []
    for identity in interleave([p.id for p in old], [p.id for p in new],
                                gone=was.keys() - now.keys(), anchors=stable):
        before, after = was.get(identity), now.get(identity)
        kinds: list[PartChange] = []
        if before is None or after is None:
            kinds.append("inserted" if before is None else "deleted")
        else:
            if identity not in stable:
                kinds.append("moved")
            old_part, new_part = old[before], new[after]
            if isinstance(old_part, Column) and isinstance(new_part, Column) \
                    and old_part.heading != new_part.heading:
                kinds.append("renamed")
        result.append((identity, before, after, tuple(kinds) or ("unchanged",)))
    return result
