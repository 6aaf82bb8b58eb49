"""A document's table in the terminal: cells under their headings, never a word split.

Rich, left to itself, squeezes every column alike and folds words that would have
fitted. A grid gives each column its width itself (at least its longest word), and
where the width cannot hold every column's longest word it prints one row per block,
a cell a line under its heading, wrapped at spaces only.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

_RULES = 3  # rich's padding and rule around each column


def column_widths(least: Sequence[int], most: Sequence[int], room: int) -> list[int]:
    """Each column's width in `room` cells: at least its longest word (`least`), the
    room left shared out in proportion to what each could still use (up to `most`)."""
    spare = room - sum(least)
    wanted = [m - w for m, w in zip(most, least, strict=True)]
    if spare >= sum(wanted):
        return list(most)
    if spare <= 0:
        return list(least)
    return [w + spare * want // sum(wanted) for w, want in zip(least, wanted, strict=True)]


def longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=1)


class Grid:
    """Rows of cells under headings; `notes`, when given, is a first column without a
    heading that says what happened to each row ("inserted")."""

    def __init__(self, headings: Sequence[Text], rows: Sequence[Sequence[Text]], *,
                 notes: Sequence[Text] | None = None, header_style: str = "bold") -> None:
        self.headings = list(headings)
        self.rows = [list(row) for row in rows]
        self.notes = list(notes) if notes is not None else None
        self.header_style = header_style

    def _columns(self) -> list[list[Text]]:
        return [[heading, *(row[n] for row in self.rows)]
                for n, heading in enumerate(self.headings)]

    def needed(self) -> int:
        """The narrowest grid in which no word is split."""
        notes = max((cell_len(n.plain) for n in self.notes), default=0) + _RULES \
            if self.notes is not None else 0
        return notes + sum(max(longest_word(t.plain) for t in column) + _RULES
                           for column in self._columns()) + 1

    def table(self, width: int) -> Table:
        columns = self._columns()
        least = [max(longest_word(t.plain) for t in column) for column in columns]
        most = [max(max(cell_len(t.plain) for t in column), 1) for column in columns]
        notes = max((cell_len(n.plain) for n in self.notes), default=0) \
            if self.notes is not None else 0
        room = width - _RULES * len(columns) - 1 - (notes + _RULES if self.notes else 0)
        grid = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style=self.header_style)
        if self.notes is not None:
            grid.add_column("", no_wrap=True)
        for heading, share in zip(self.headings, column_widths(least, most, room),
                                  strict=True):
            grid.add_column(heading, width=share, overflow="fold")
        for n, row in enumerate(self.rows):
            grid.add_row(*([self.notes[n]] if self.notes is not None else []), *row)
        return grid

    def records(self) -> RenderResult:
        columns = Text("columns: ")
        for n, heading in enumerate(self.headings):
            columns.append_text(Text.assemble("; " if n else "", heading))
        yield Padding(columns, (0, 0, 0, 2))
        for n, row in enumerate(self.rows):
            note = self.notes[n] if self.notes is not None else Text()
            yield Text.assemble(f"  row {n + 1}", " " if note.plain else "", note)
            for heading, cell in zip(self.headings, row, strict=True):
                if cell.plain:
                    yield Padding(Text.assemble(heading, ": ", cell), (0, 0, 0, 4))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.needed() <= options.max_width:
            yield self.table(options.max_width)
        else:
            yield from self.records()
