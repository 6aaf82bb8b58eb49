"""A table's changes as a Word table with tracked changes: accept all gives TO's table,
reject all FROM's.

Cells carry their word changes as tracked runs; a row inserted or deleted is a tracked
row insertion or deletion (its cells' text tracked with it); a moved row is inserted
where it stands and deleted where it stood, as a moved paragraph is. The header row
holds the columns' headings, their changes tracked. Word cannot track a column
inserted, deleted or moved: such a column's cells show their text inserted or deleted,
and the emptied column stays after rejecting (or accepting) all; a moved column is shown
as a moved row is, its heading and cells inserted where it stands and deleted where it
stood (a cell of a row that only one side has is blank in the other side's copy).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from draftkit.docx.blocks import Cell, Grid, Run, Tracked
from draftkit.tablediff import ColumnDiff, RowDiff, TableDiff
from draftkit.textdiff import Span

Track = Callable[[str, Sequence[str]], Tracked | None]


def table_grid(table: TableDiff, track: Track, whole: str | None = None) -> Grid:
    """The grid of `table`'s changes; `whole` ("insert"/"delete") shows the table of that
    side inserted or deleted whole (a table paragraph moved, added or deleted)."""
    def runs(spans: Sequence[Span], op: str | None = None) -> tuple[Run, ...]:
        return tuple(Run(s.text, track(op or s.op, s.parties)) for s in spans
                     if s.text and (op is None or s.op != ("delete" if op == "insert"
                                                          else "insert")))

    side = whole or ""
    columns: list[tuple[str, ColumnDiff, str | None]] = [
        (f"c:{c.id}", c, whole or ("insert" if "moved" in c.change else None))
        for c in table.columns
        if not whole or (c.to_position if whole == "insert" else c.from_position) is not None]
    if whole is None:
        _place_moved(table.columns, columns, "c", lambda key, c: (key, c, "delete"))
    header = tuple(Cell(runs(c.heading_spans, op)) for _, c, op in columns)
    index = {c.id: i for i, c in enumerate(table.columns)}
    rows: list[tuple[str, tuple[Cell, ...], Tracked | None]] = []

    def row_cells(row: RowDiff, op: str | None) -> tuple[Cell, ...]:
        return tuple(Cell(() if op and shown and op != shown else
                          runs(row.cells[index[c.id]].spans, op or shown))
                     for _, c, shown in columns)

    for row in table.rows:
        present = {"insert": row.to_position, "delete": row.from_position}.get(side, 0)
        if present is None:
            continue
        op = whole or ("insert" if {"inserted", "moved"} & set(row.change) else
                       "delete" if "deleted" in row.change else None)
        rows.append((f"r:{row.id}", row_cells(row, op), track(op, ()) if op else None))
    if whole is None:
        _place_moved(table.rows, rows, "r",
                     lambda key, row: (key, row_cells(row, "delete"), track("delete", ())))
    return Grid((header, *(cells for _, cells, _ in rows)),
                (None, *(mark for _, _, mark in rows)))


class _Part(Protocol):
    """A row or a column of a table diff."""

    @property
    def id(self) -> str: ...
    @property
    def from_position(self) -> int | None: ...
    @property
    def change(self) -> tuple[str, ...]: ...


P = TypeVar("P", bound=_Part)
E = TypeVar("E", bound=tuple[Any, ...])


def _place_moved(parts: Sequence[P], entries: list[E], prefix: str,
                 copy: Callable[[str, P], E]) -> None:
    """A deleted copy (`copy`, given its key) of each moved row or column where it stood in
    FROM: after the one before it there (its deleted copy, if that one moved too), else
    first. `entries` are keyed by their first item: `prefix`:id, "g:"id for a copy."""
    by_position = {p.from_position: p for p in parts if p.from_position is not None}
    for part in sorted((p for p in parts if "moved" in p.change),
                       key=lambda p: p.from_position or 0):
        assert part.from_position is not None
        before = by_position.get(part.from_position - 1)
        keys = [entry[0] for entry in entries]
        where = 0
        if before is not None:
            key = f"g:{before.id}" if "moved" in before.change else f"{prefix}:{before.id}"
            where = keys.index(key) + 1
        entries.insert(where, copy(f"g:{part.id}", part))
