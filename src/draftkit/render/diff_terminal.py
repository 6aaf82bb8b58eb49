"""A DocumentDiff in the terminal (rich): an inline redline, side by side, or a stat table.

Document text only ever enters rich as `Text`, so brackets stay literal, and through
`render.safe`, so control characters are shown visibly (`\x1b`, `<U+202E>`).
Deletions are red and struck through, insertions green and underlined; with
no styles at all (output to a file or pipe) markers stand in,
`⟦-deleted-⟧⟦+inserted+⟧`, that the text's own square brackets cannot be taken
for: a `⟦`, `⟧`, `‹`, `›` or backslash in the text itself is written after a backslash,
so every bare `⟦ ⟧` is a marker (and every bare `‹ ›` encloses proposers).
NO_COLOR is left to rich: it drops the colours and keeps strike-through and
underline.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff, address
from draftkit.render.diff_common import (
    attribution,
    change_note,
    change_notes,
    field_note,
    part_note,
    section_note,
)
from draftkit.render.grid import Grid
from draftkit.render.safe import visible_line
from draftkit.tablediff import ColumnDiff, RowDiff, TableDiff
from draftkit.textdiff import Span

STYLE = {"delete": "red strike", "insert": "green underline"}
MARKERS = {"delete": ("⟦-", "-⟧"), "insert": ("⟦+", "+⟧")}
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\⟦⟧‹›"})




def escaped(text: str) -> str:
    """Text for output with markers: its own marker characters after a backslash."""
    return text.translate(_ESCAPED)


LABEL = "bold"
HEADING = "bold underline"
NOTE = "dim"
WHO = "magenta"
STAT_COLUMNS = ("paragraphs", "inserted", "deleted", "modified", "moved", "relabelled",
                "status")
STAT_HEADERS = {"paragraphs": "paras", "inserted": "ins", "deleted": "del", "modified": "mod",
                "relabelled": "relab"}


def redline(diff: DocumentDiff, *, title: str | None = None, context: int | None = 0,
            plain: bool = False) -> RenderableType:
    """The changed paragraphs (and `context` unchanged ones around them), one after another."""
    parts: list[RenderableType] = [_title_line(diff, title)]
    for section, paragraphs in diff.grouped(diff.visible(context)):
        parts += [Text(), _section_line(section, plain)]
        for paragraph in paragraphs:
            body = _opening(paragraph.to_text, plain) if _only_placed(paragraph) \
                else spans_text(paragraph.spans, plain)
            parts += [Text(), _paragraph_head(paragraph), body, *content_redline(paragraph, plain)]
    return Group(*parts)


def content_redline(paragraph: ParagraphDiff, plain: bool) -> list[RenderableType]:
    """A table's cells, aligned, each with its changes; a form field's kind and
    instructions with theirs. Nothing for a paragraph of text."""
    shown: list[RenderableType] = []
    if paragraph.form is not None:
        shown.append(Text(f"  [{visible_line(field_note(paragraph.form))}]", style="cyan"))
        if paragraph.form.instruction_spans:
            shown.append(Text("  ").append_text(
                spans_text(paragraph.form.instruction_spans, plain, base="italic")))
    if paragraph.table is not None:
        shown.append(table_redline(paragraph.table, plain))
    return shown


def table_redline(table: TableDiff, plain: bool) -> Grid:
    """The table with every row and column of both sides; each one changed says how in the
    first column (rows) or under its heading (columns), cells word by word."""
    headings = []
    for column in table.columns:
        heading = spans_text(column.heading_spans, plain, base=LABEL)
        note = part_note(column.change)
        if note:
            heading.append(f" ({note})", style=NOTE)
        headings.append(heading)
    return Grid(headings, [[spans_text(cell.spans, plain) for cell in row.cells]
                           for row in table.rows],
                notes=[Text(part_note(row.change), style=NOTE) for row in table.rows],
                header_style=LABEL)


def _only_placed(paragraph: ParagraphDiff) -> bool:
    """Changed, but not its words: relabelled, moved or given a new status."""
    return paragraph.changed and not {"modified", "inserted", "deleted"} & set(paragraph.change)


def _opening(text: str, plain: bool, words: int = 12) -> Text:
    """The first words of a paragraph whose text did not change (relabelled, moved, a new
    status): enough to recognise it without reading it again."""
    split = (escaped(visible_line(text)) if plain else visible_line(text)).split()
    return Text(" ".join(split[:words]) + (" …" if len(split) > words else ""), style=NOTE)


def side_by_side(diff: DocumentDiff, *, title: str | None = None, context: int | None = 0,
                 plain: bool = False) -> RenderableType:
    """Two columns: the FROM text with its deletions, the TO text with its insertions."""
    table = Table(expand=True, show_lines=True)
    table.add_column(Text(visible_line(diff.from_title)), ratio=1)
    table.add_column(Text(visible_line(diff.to_title)), ratio=1)
    for section, paragraphs in diff.grouped(diff.visible(context)):
        table.add_row(*(_side_heading(section, side, plain) for side in ("delete", "insert")))
        for paragraph in paragraphs:
            table.add_row(*(_side_paragraph(paragraph, side, plain)
                            for side in ("delete", "insert")))
    return Group(_title_line(diff, title), table)


def stat_table(diff: DocumentDiff, *, title: str | None = None) -> Table:
    """Counts per section, and a total."""
    table = Table(title=_title_line(diff, title), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("section", overflow="fold", min_width=16)
    for column in (*STAT_COLUMNS, "words"):
        table.add_column(STAT_HEADERS.get(column, column), justify="right", no_wrap=True)
    stats = diff.stat()
    for stat in stats:
        table.add_row(Text(visible_line(stat.title)),
                      *(Text(str(getattr(stat, c))) for c in STAT_COLUMNS),
                      Text(f"+{stat.words_inserted} -{stat.words_deleted}"))
    total = [sum(getattr(s, c) for s in stats) for c in (*STAT_COLUMNS, "words_inserted",
                                                        "words_deleted")]
    table.add_row(Text("total", style=LABEL), *(Text(str(n), style=LABEL) for n in total[:-2]),
                  Text(f"+{total[-2]} -{total[-1]}", style=LABEL))
    return table


def spans_text(spans: Iterable[Span], plain: bool, shown: tuple[str, ...] = ("delete", "insert"),
               base: str = "") -> Text:
    """The spans of the given ops as one Text, changes styled (or marked when `plain`)."""
    text = Text()
    for span in spans:
        words = visible_line(span.text)
        if plain:
            words = escaped(words)
        if span.op == "equal":
            text.append(words, style=base)
        elif span.op in shown:
            if plain:
                start, end = MARKERS[span.op]
                text.append(f"{start}{words}{end}", style=base)
            else:
                text.append(words, style=f"{base} {STYLE[span.op]}".strip())
            who = attribution(span)
            if who:
                text.append(f"‹{who}›", style=WHO)
    return text


def _title_line(diff: DocumentDiff, title: str | None) -> Text:
    return Text.assemble((visible_line(title or diff.document), LABEL), ": ",
                         (visible_line(diff.from_title), "bold magenta"), " → ",
                         (visible_line(diff.to_title), "bold magenta"))


def _section_line(section: SectionDiff, plain: bool) -> Text:
    line = Text()
    if "renamed" in section.change:
        number = section.to_number or section.from_number
        line.append(f"{number}. " if number else "", style=HEADING)
        line.append_text(spans_text(section.heading_spans, plain, base=HEADING))
    else:
        line.append(visible_line(section.title), style=HEADING)
    note = section_note(section)
    if note:
        line.append(f"  ({note})", style=NOTE)
    return line


def _paragraph_head(paragraph: ParagraphDiff) -> Text:
    head = Text()
    head.append(paragraph.heading, style=LABEL)
    notes = change_notes(paragraph)
    for index, (note, by) in enumerate(notes):
        head.append("  (" if index == 0 else ", ", style=NOTE)
        head.append(note, style=NOTE)
        if by:
            head.append(f" ‹{by}›", style=WHO)
    if notes:
        head.append(")", style=NOTE)
    return head


def _side_heading(section: SectionDiff, side: str, plain: bool) -> Text:
    number = section.from_number if side == "delete" else section.to_number
    heading = section.from_heading if side == "delete" else section.to_heading
    if heading is None:
        return Text()
    line = Text()
    line.append(f"{number}. " if number else "", style=HEADING)
    if "renamed" in section.change:
        line.append_text(spans_text(section.heading_spans, plain, (side,), base=HEADING))
    else:
        line.append(visible_line(heading), style=HEADING)
    return line


def _side_paragraph(paragraph: ParagraphDiff, side: str, plain: bool) -> RenderableType:
    label = paragraph.from_label if side == "delete" else paragraph.to_label
    present = paragraph.from_section if side == "delete" else paragraph.to_section
    if present is None:
        return Text()
    cell = Text()
    cell.append(address(label, paragraph.id), style=LABEL)
    note = change_note(paragraph)
    if note and (side == "insert" or paragraph.to_section is None):
        cell.append(f"  ({note})", style=NOTE)
    cell.append("\n")
    cell.append_text(spans_text(paragraph.spans, plain, (side,)))
    if paragraph.table is None:
        return cell
    return Group(cell, _side_table(paragraph.table, side, plain))


def _side_table(table: TableDiff, side: str, plain: bool) -> Grid:
    """One side of a table: its rows and columns there, its changes marked."""
    def here(part: ColumnDiff | RowDiff) -> bool:
        return (part.from_position if side == "delete" else part.to_position) is not None

    shown = [i for i, column in enumerate(table.columns) if here(column)]
    return Grid([spans_text(table.columns[i].heading_spans, plain, (side,), base=LABEL)
                 for i in shown],
                [[spans_text(row.cells[i].spans, plain, (side,)) for i in shown]
                 for row in table.rows if here(row)], header_style=LABEL)


def plain_text(view: RenderableType, width: int) -> str:
    """A renderable as plain text (no styles), for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(view)
    return buffer.getvalue()
