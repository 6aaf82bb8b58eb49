"""Rich renderables for the terminal, built from `Text` so brackets stay literal; every
text from the drafts goes in through `safe.visible_line`, so no control character does."""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from draftkit.model import Document, Paragraph, Revision, Section, Status
from draftkit.render.grid import Grid, column_widths
from draftkit.render.safe import visible_line

if TYPE_CHECKING:
    from draftkit.store.drafts_folder import RevisionEntry

STATUS_STYLE = {Status.OPEN: "yellow", Status.AD_REF: "cyan", Status.AGREED: "green"}


def paragraph_text(paragraph: Paragraph) -> Text:
    line = Text()
    if paragraph.label is not None:
        line.append(visible_line(str(paragraph.label)), style="bold")
        line.append("  ")
    line.append(visible_line(paragraph.text))
    if paragraph.status is not Status.OPEN:
        line.append(f"  ({paragraph.status.title})", style=STATUS_STYLE[paragraph.status])
    return line


def content_view(paragraph: Paragraph) -> list[RenderableType]:
    """A table paragraph's cells as an aligned table; a form field's kind, choices and
    instructions; nothing for a paragraph of text."""
    if paragraph.table is not None:
        return [Grid([Text(visible_line(column.heading)) for column in paragraph.table.columns],
                     [[Text(visible_line(cell)) for cell in row.cells]
                      for row in paragraph.table.rows])]
    if paragraph.form is not None:
        form = paragraph.form
        line = Text(f"    [{form.kind.title}]", style="cyan")
        if form.choices:
            line.append("  " + "  ".join(f"☐ {visible_line(c)}" for c in form.choices))
        if form.voluntary:
            line.append("  (voluntary)", style="dim")
        shown: list[RenderableType] = [line]
        if form.instructions:
            shown.append(Text(f"    {visible_line(form.instructions)}", style="italic"))
        return shown
    return []


def section_heading(section: Section) -> Text:
    return Text(visible_line(section.title), style="bold underline")


def revision_view(document: Document, revision: Revision,
                  only: Sequence[Paragraph] | None = None,
                  notes: Mapping[str, Sequence[str]] | None = None) -> RenderableType:
    """The revision (or some of its paragraphs) under a title line; `notes` are lines
    shown under a paragraph (what stands between it and agreement)."""
    parts: list[RenderableType] = [Text.assemble(
        (visible_line(document.title), "bold"), " — ",
        (visible_line(revision.title), "bold magenta"),
        f" ({revision.date.isoformat()}, {visible_line(revision.issued_by)})")]
    wanted = None if only is None else {p.id for p in only}
    for section in revision.sections:
        shown = [p for p in section.paragraphs if wanted is None or p.id in wanted]
        if not shown:
            continue
        parts += [Text(), section_heading(section)]
        for paragraph in shown:
            parts += [Text(), ByLine(paragraph_text(paragraph))]
            parts += content_view(paragraph)
            parts += [Text(f"    ▸ {visible_line(line)}", style="dim") for line in
                      (notes or {}).get(paragraph.id, ())]
    return Group(*parts)


class ByLine:
    """A renderable drawn exactly as rich draws it, its segments cut at each line's end
    here: rich wraps a text into one segment holding every line, which the console
    then splits one line at a time by copying the rest (quadratic in a 5 MB paragraph).

    A printable text of one cell a character whose words all fit on a line is wrapped
    here, a line at a time (rich weighs every word, a second for a 5 MB paragraph),
    into the same lines: rich's rule, each word on the line while its last character
    fits in the width, whitespace trailing past the width dropped."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.renderable
        lines = _plain_lines(text, options) if isinstance(text, Text) else None
        rendered = _cut(text, console, lines) if isinstance(text, Text) and lines else \
            console.render(text, options)
        for segment in rendered:
            if segment.control or "\n" not in segment.text:
                yield segment
                continue
            pieces = segment.text.split("\n")
            for piece in pieces[:-1]:
                if piece:
                    yield Segment(piece, segment.style)
                yield Segment.line()
            if pieces[-1]:
                yield Segment(pieces[-1], segment.style)


_NOT_SPACE = re.compile("[^ ]")


def _plain_lines(renderable: Text, options: ConsoleOptions) -> list[tuple[int, int]] | None:
    """The lines rich would wrap `renderable` into, as character ranges, where it is a
    text this can wrap as rich does (else None): printable (the space its only
    whitespace), one cell a character (no wide or combining ones), not opening with a
    space, no style of its own, wrapped and folded by default, longer than a line, and
    no word wider than a line."""
    text, width = renderable.plain, options.max_width
    if (renderable.justify or options.justify or "default") != "default" or \
            (renderable.overflow or options.overflow or "fold") != "fold" or \
            renderable.no_wrap or (renderable.no_wrap is None and options.no_wrap) or \
            renderable.style or len(text) <= width or text[:1] == " " or \
            not text.isprintable() or \
            not (text.isascii() or all(cell_len(char) == 1 for char in set(text))):
        return None
    starts = [0]
    while starts[-1] + width < len(text):
        limit = starts[-1] + width  # the first character past the line
        if text[limit] == " ":  # the words before it fit; the next one starts a line
            following = _NOT_SPACE.search(text, limit)
            if following is None:
                break
            start = following.start()
        else:  # the word running past the limit starts a line
            start = text.rfind(" ", starts[-1], limit) + 1
            if start <= starts[-1]:
                return None  # a word wider than a line (found on its own line): rich folds it
        starts.append(start)
    lines = []
    for start, end in itertools.pairwise([*starts, len(text)]):
        spaces = end - start - len(text[start:end].rstrip(" "))
        lines.append((start, end - min(spaces, max(end - start - width, 0))))
    return lines


def _cut(text: Text, console: Console, lines: list[tuple[int, int]]) -> Iterator[Segment]:
    """The segments rich renders `text` into (unwrapped), cut into `lines`."""
    rendered = list(text.render(console, end=text.end))
    runs, at = [], 0
    for segment in rendered[:-1] if text.end else rendered:
        runs.append((at, at + len(segment.text), segment))
        at += len(segment.text)
    run = 0
    for number, (start, end) in enumerate(lines):
        if number:
            yield Segment.line()
        while start < end:
            while runs[run][1] <= start:
                run += 1
            first, last, segment = runs[run]
            stop = min(end, last)
            yield Segment(segment.text[start - first:stop - first], segment.style)
            start = stop
    if text.end:
        yield rendered[-1]


def documents_table(rows: Iterable[tuple[Document, list[RevisionEntry]]]) -> RenderableType:
    shown = []
    for document, revisions in rows:
        latest = revisions[-1] if revisions else None
        shown.append((document.id, document.title, document.kind.value,
                      ", ".join(r.title for r in revisions),
                      f"{latest.title} ({latest.date.isoformat()})" if latest else "—"))
    return records_or_table("Documents", ("document", "title", "kind", "revisions", "latest"),
                            shown)


def log_table(document: Document, revisions: Sequence[Revision]) -> RenderableType:
    """The revisions as a table, then each revision's note on a line of its own."""
    counts = ("paragraphs", "open", "ad ref", "agreed")
    rows = []
    for revision in revisions:
        statuses = [p.status for p in revision.paragraphs()]
        rows.append((revision.title, revision.date.isoformat(), revision.issued_by,
                     str(len(statuses)),
                     *(str(statuses.count(s)) for s in (Status.OPEN, Status.AD_REF,
                                                        Status.AGREED))))
    table = records_or_table(f"{document.title}: revisions",
                             ("revision", "date", "issued by", *counts), rows, numeric=counts)
    notes = [Text.assemble((visible_line(r.title), "bold"),
                           f" (after {visible_line(r.parent)})" if r.parent else "",
                           f": {visible_line(r.note)}" if r.note else "") for r in revisions]
    return Group(table, *notes)


class RecordsOrTable:
    """Rows of cells, drawn as a table only where every column fits its longest word, on
    a terminal; otherwise (a narrow terminal, output piped or written to a file) one
    record per block, a field a line, so no word is ever split across lines:

        C-HI-4dsx
          MB/NC: HI (observer)
          Paragraph: Action 25 (was Action 24)

    The first column names the record; empty fields are left out of a record.
    """

    def __init__(self, title: str, columns: Sequence[str],
                 rows: Sequence[Sequence[str]], *, numeric: Sequence[str] = ()) -> None:
        self.title = visible_line(title)
        self.columns = tuple(columns)
        self.rows = [tuple(visible_line(cell) for cell in row) for row in rows]
        self.numeric = frozenset(numeric)

    def widths(self) -> list[int]:
        """Each column's longest word."""
        return [max((cell_len(word) for cell in (column, *(row[n] for row in self.rows))
                     for word in cell.split()), default=1)
                for n, column in enumerate(self.columns)]

    def needed(self) -> int:
        """The narrowest table in which no word is split: each column as wide as its
        longest word, plus rich's padding and rules."""
        return sum(self.widths()) + 3 * len(self.columns) + 1

    def table(self, width: int) -> Table:
        """The table in `width` columns, each column given its width here: at least its
        longest word, the room left shared out in proportion to what each could still
        use (rich, left to itself, squeezes every column alike and folds words that fit)."""
        least = self.widths()
        most = [max(least[n], max((cell_len(row[n]) for row in self.rows), default=0),
                    cell_len(column)) for n, column in enumerate(self.columns)]
        shares = column_widths(least, most, width - (3 * len(self.columns) + 1))
        table = Table(title=Text(self.title))
        for column, share in zip(self.columns, shares, strict=True):
            table.add_column(column, justify="right" if column in self.numeric else "left",
                             overflow="fold", width=share)
        for row in self.rows:
            table.add_row(Text(row[0], style="bold"), *(Text(cell) for cell in row[1:]))
        return table

    def records(self, width: int) -> Iterator[Text]:
        yield Text(self.title, style="bold")
        for row in self.rows:
            yield Text()
            yield Text(row[0], style="bold")
            for column, cell in zip(self.columns[1:], row[1:], strict=True):
                if cell:  # wrapped at spaces only, continued under the field
                    lines = textwrap.wrap(f"{column}: {cell}", max(width, 20),
                                          initial_indent="  ", subsequent_indent="    ",
                                          break_long_words=False, break_on_hyphens=False)
                    first = Text.assemble("  ", (f"{column}:", "dim"),
                                          lines[0][len(column) + 3:])
                    yield first
                    yield from (Text(line) for line in lines[1:])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console.is_terminal and self.needed() <= options.max_width:
            yield self.table(options.max_width)
        else:
            yield from self.records(options.max_width)


def records_or_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]],
                     *, numeric: Sequence[str] = ()) -> RecordsOrTable:
    return RecordsOrTable(title, columns, rows, numeric=numeric)
