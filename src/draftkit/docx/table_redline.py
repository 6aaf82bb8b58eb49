"""A table's changes as a Word table with tracked changes: accept all gives TO's table,
reject all FROM's.

Cells carry their word changes as tracked runs; a row inserted or deleted is a tracked
row insertion or deletion (its cells' text tracked with it); a moved row is inserted
where it stands and deleted where it stood, as a moved paragraph is. The header row
holds the columns' headings, their changes tracked. Word cannot track a column
inserted or deleted: such a column's cells show their text inserted or deleted, and
the emptied column stays after rejecting (or accepting) all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from draftkit.docx.blocks import Cell, Grid, Run, Tracked
from draftkit.tablediff import RowDiff, TableDiff
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
    columns = [c for c in table.columns
               if not whole or (c.to_position if whole == "insert" else c.from_position)
               is not None]
    header = tuple(Cell(runs(c.heading_spans, whole)) for c in columns)
    index = {c.id: i for i, c in enumerate(table.columns)}
    rows: list[tuple[str, tuple[Cell, ...], Tracked | None]] = []

    def row_cells(row: RowDiff, op: str | None) -> tuple[Cell, ...]:
        return tuple(Cell(runs(row.cells[index[c.id]].spans, op)) for c in columns)

    for row in table.rows:
        present = {"insert": row.to_position, "delete": row.from_position}.get(side, 0)
        if present is None:
            continue
        op = whole or ("insert" if {"inserted", "moved"} & set(row.change) else
                       "delete" if "deleted" in row.change else None)
        rows.append((f"r:{row.id}", row_cells(row, op), track(op, ()) if op else None))
    if whole is None:
        _place_moved(table, rows, lambda row: row_cells(row, "delete"), track)
    return Grid((header, *(cells for _, cells, _ in rows)),
                (None, *(mark for _, _, mark in rows)))


def _place_moved(table: TableDiff, rows: list[tuple[str, tuple[Cell, ...], Tracked | None]],
                 cells: Callable[[RowDiff], tuple[Cell, ...]], track: Track) -> None:
    """A deleted copy of each moved row where it stood in FROM: after the row before it
    there (its deleted copy, if that one moved too), else first."""
    by_position = {r.from_position: r for r in table.rows if r.from_position is not None}
    for row in sorted((r for r in table.rows if "moved" in r.change),
                      key=lambda r: r.from_position or 0):
        assert row.from_position is not None
        before = by_position.get(row.from_position - 1)
        keys = [key for key, _, _ in rows]
        where = 0
        if before is not None:
            key = f"g:{before.id}" if "moved" in before.change else f"r:{before.id}"
            where = keys.index(key) + 1
        rows.insert(where, (f"g:{row.id}", cells(row), track("delete", ())))
