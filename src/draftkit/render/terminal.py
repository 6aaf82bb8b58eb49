"""Rich renderables for the terminal, built from `Text` so brackets stay literal; every
text from the drafts goes in through `safe.visible_line`, so no control character does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from draftkit.model import Document, Paragraph, Revision, Section, Status
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
            parts += [Text(f"    ▸ {visible_line(line)}", style="dim") for line in
                      (notes or {}).get(paragraph.id, ())]
    return Group(*parts)


class ByLine:
    """A renderable drawn exactly as rich draws it, its segments cut at each line's end
    here: rich wraps a text into one segment holding every line, which the console
    then splits one line at a time by copying the rest (quadratic in a 5 MB paragraph)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
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


def documents_table(rows: Iterable[tuple[Document, list[RevisionEntry]]]) -> Table:
    table = Table(title="Documents")
    for column in ("document", "title", "kind", "revisions", "latest"):
        table.add_column(column, no_wrap=column in ("document", "kind"))
    for document, revisions in rows:
        latest = revisions[-1] if revisions else None
        cells = (document.id, document.title, document.kind.value,
                 ", ".join(r.title for r in revisions),
                 f"{latest.title} ({latest.date.isoformat()})" if latest else "—")
        table.add_row(*(Text(visible_line(cell)) for cell in cells))
    return table


def log_table(document: Document, revisions: Sequence[Revision]) -> RenderableType:
    """The revisions as a table, then each revision's note on a line of its own."""
    table = Table(title=Text(f"{visible_line(document.title)}: revisions"))
    counts = ("paras", "open", "ad ref", "agreed")
    for column in ("revision", "date", "issued by", *counts):
        table.add_column(column, justify="right" if column in counts else "left",
                         no_wrap=column != "issued by",
                         min_width=10 if column == "issued by" else None)
    for revision in revisions:
        statuses = [p.status for p in revision.paragraphs()]
        table.add_row(
            Text(visible_line(revision.title)), Text(revision.date.isoformat()),
            Text(visible_line(revision.issued_by)),
            Text(str(len(statuses))),
            *(Text(str(statuses.count(s))) for s in (Status.OPEN, Status.AD_REF, Status.AGREED)))
    notes = [Text.assemble((visible_line(r.title), "bold"),
                           f" (after {visible_line(r.parent)})" if r.parent else "",
                           f": {visible_line(r.note)}" if r.note else "") for r in revisions]
    return Group(table, *notes)
