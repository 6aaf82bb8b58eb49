"""Rich renderables for the terminal, built from `Text` so brackets stay literal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from draftkit.model import Document, Paragraph, Revision, Section, Status

STATUS_STYLE = {Status.OPEN: "yellow", Status.AD_REF: "cyan", Status.AGREED: "green"}


def paragraph_text(paragraph: Paragraph) -> Text:
    line = Text()
    if paragraph.label is not None:
        line.append(str(paragraph.label), style="bold")
        line.append("  ")
    line.append(paragraph.text)
    if paragraph.status is not Status.OPEN:
        line.append(f"  ({paragraph.status.title})", style=STATUS_STYLE[paragraph.status])
    return line


def section_heading(section: Section) -> Text:
    return Text(section.title, style="bold underline")


def revision_view(document: Document, revision: Revision,
                  only: Sequence[Paragraph] | None = None,
                  notes: Mapping[str, Sequence[str]] | None = None) -> RenderableType:
    """The revision (or some of its paragraphs) under a title line; `notes` are lines
    shown under a paragraph (what stands between it and agreement)."""
    parts: list[RenderableType] = [Text.assemble(
        (document.title, "bold"), " — ", (revision.title, "bold magenta"),
        f" ({revision.date.isoformat()}, {revision.issued_by})")]
    wanted = None if only is None else {p.id for p in only}
    for section in revision.sections:
        shown = [p for p in section.paragraphs if wanted is None or p.id in wanted]
        if not shown:
            continue
        parts += [Text(), section_heading(section)]
        for paragraph in shown:
            parts += [Text(), paragraph_text(paragraph)]
            parts += [Text(f"    ▸ {line}", style="dim") for line in
                      (notes or {}).get(paragraph.id, ())]
    return Group(*parts)


def documents_table(rows: Iterable[tuple[Document, list[Revision]]]) -> Table:
    table = Table(title="Documents")
    for column in ("document", "title", "kind", "revisions", "latest"):
        table.add_column(column, no_wrap=column in ("document", "kind"))
    for document, revisions in rows:
        latest = revisions[-1] if revisions else None
        table.add_row(Text(document.id), Text(document.title), Text(document.kind.value),
                      Text(", ".join(r.title for r in revisions)),
                      Text(f"{latest.title} ({latest.date.isoformat()})" if latest else "—"))
    return table


def log_table(document: Document, revisions: Sequence[Revision]) -> RenderableType:
    """The revisions as a table, then each revision's note on a line of its own."""
    table = Table(title=f"{document.title}: revisions")
    counts = ("paras", "open", "ad ref", "agreed")
    for column in ("revision", "date", "issued by", *counts):
        table.add_column(column, justify="right" if column in counts else "left",
                         no_wrap=column != "issued by",
                         min_width=10 if column == "issued by" else None)
    for revision in revisions:
        statuses = [p.status for p in revision.paragraphs()]
        table.add_row(
            Text(revision.title), Text(revision.date.isoformat()), Text(revision.issued_by),
            Text(str(len(statuses))),
            *(Text(str(statuses.count(s))) for s in (Status.OPEN, Status.AD_REF, Status.AGREED)))
    notes = [Text.assemble((r.title, "bold"), f" (after {r.parent})" if r.parent else "",
                           f": {r.note}" if r.note else "") for r in revisions]
    return Group(table, *notes)
