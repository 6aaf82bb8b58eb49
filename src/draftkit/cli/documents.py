"""Commands on documents and revisions: docs, show, log, revise, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from draftkit.cli import OUTPUT, cli, drafts_of, emit, show_renderable
from draftkit.model import RevisionKind, Status

if TYPE_CHECKING:
    from draftkit.api import Drafts


@cli.command()
@click.pass_context
def docs(ctx: click.Context) -> None:
    """List the documents in the drafts folder."""
    from draftkit.render.terminal import documents_table

    drafts = drafts_of(ctx)
    show_renderable(documents_table((d, drafts.revision_entries(d.id))
                                    for d in drafts.documents()))
    if not drafts.documents():
        click.echo("No documents yet: start one with `draftkit new DOC --title … --kind … "
                   "--from FILE`.")


@cli.command()
@click.argument("document")
@click.option("--rev", "revision", help="Revision name (default: the latest).")
@click.option("--para", "addresses", multiple=True,
              help='A paragraph address such as "Action 27" or "OP6@zero-draft"; repeatable.')
@click.option("--section", "sections", multiple=True, help="Only this section (number or "
              "heading); repeatable.")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice([s.value for s in Status]),
              help="Only paragraphs with this negotiation status; repeatable.")
@click.option("--notes", is_flag=True, help="Under each paragraph, its live proposals and "
              "open comments: what stands between it and agreement.")
@click.option("--history", is_flag=True, help="Under each paragraph, how its status came to "
              "be: each decision (who, when, at which meeting) and reopening.")
@click.pass_context
def show(ctx: click.Context, document: str, revision: str | None,
         addresses: tuple[str, ...], sections: tuple[str, ...], statuses: tuple[str, ...],
         notes: bool, history: bool) -> None:
    """Print a revision, or some of its paragraphs, brackets and all; statuses as they
    stand now (the revision's, then the decisions taken since)."""
    from draftkit.render.terminal import revision_view

    drafts = drafts_of(ctx)
    shown = drafts.current(document, revision)
    narrowed = addresses or sections or statuses
    only = drafts.paragraphs(document, shown.name, addresses=addresses, sections=sections,
                             statuses=statuses) if narrowed else None
    lines: dict[str, list[str]] = {}
    if history:
        from draftkit.render.agreement import event_line

        for paragraph_id, events in drafts.status_history(document).items():
            lines.setdefault(paragraph_id, []).extend(event_line(e) for e in events)
    for paragraph_id, matters in (open_matters(drafts, document) if notes else {}).items():
        lines.setdefault(paragraph_id, []).extend(matters)
    show_renderable(revision_view(drafts.document(document), shown, only, lines))


def open_matters(drafts: Drafts, document: str) -> dict[str, list[str]]:
    """Per paragraph id: a line for each live proposal and each open comment on it."""
    from draftkit.agreement import FLAG
    from draftkit.cli.proposals import address_of
    from draftkit.dashboard import ACTIVE
    from draftkit.observers import marked, observers_last
    from draftkit.render.items import describe

    where = address_of(drafts, document)
    heard = drafts.observers()
    lines: dict[str, list[str]] = {}
    for p in drafts.proposals(document):
        if p.status in ACTIVE:
            stand = "".join(f"; {' '.join(observers_last(group, heard))} {verb}"
                            for group, verb in ((p.supporters, "support"),
                                                (p.opponents, "oppose")) if group)
            flag = f"; {FLAG}" if p.reopens_agreed else ""
            lines.setdefault(p.paragraph, []).append(
                f"{p.id} ({p.status.value}): "
                f"{describe(p, where, drafts.row_name, drafts.column_name)} - "
                f"{' '.join(marked(c, heard) for c in p.parties)}{stand}{flag}")
    for c in drafts.comments(document, open_only=True):
        if c.paragraph is not None:
            lines.setdefault(c.paragraph, []).append(
                f"{c.id} ({c.type.value} comment) by {marked(c.party, heard)}: {c.text}")
    return lines


@cli.command()
@click.argument("document")
@click.pass_context
def log(ctx: click.Context, document: str) -> None:
    """List a document's revisions with date, issuer and paragraph counts (as issued),
    then the decisions taken on each since and the agreed text merges reopened."""
    from draftkit.render.agreement import log_lines
    from draftkit.render.safe import visible_line
    from draftkit.render.terminal import log_table

    drafts = drafts_of(ctx)
    revisions = drafts.revisions(document)
    show_renderable(log_table(drafts.document(document), revisions))
    reopened: dict[str, list[str]] = {}
    for name, change in drafts.reopenings(document):
        reopened.setdefault(name, []).append(change.label or f"#{change.paragraph}")
    decisions = drafts.decisions(document)
    current = {r.name: drafts.current(document, r.name) for r in revisions
               if any(d.revision == r.name for d in decisions)}
    for line in log_lines(revisions, current, decisions, reopened):
        click.echo(visible_line(line))


@cli.command()
@click.argument("document")
@click.option("--from", "source", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An edited revision file (for example from `draftkit export`).")
@click.option("--name", required=True, help='The new revision\'s name, e.g. "rev2".')
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]),
              help="Issue date (default: the file's own date, else the first day of "
                   "--meeting; never today unasked).")
@click.option("--kind", type=click.Choice([k.value for k in RevisionKind]),
              help="What it is: zero-draft, rev (a formal revision), facilitators-text, "
                   "chairs-non-paper, as-adopted.")
@click.option("--meeting", help="The meeting it is issued for (an id in document.txt).")
@click.option("--issued-by", help="Who issues it (default: the file's header).")
@click.option("--note", help="A one-line note.")
@click.option("--parent", help="The revision it follows (default: the latest).")
@click.option("--symbol", help="Its document symbol, only when the derived one (the "
              "document's symbol, with /Rev.N for revN) is not right.")
@click.pass_context
def revise(ctx: click.Context, document: str, source: Path, name: str, date: Any,
           kind: str | None, meeting: str | None, issued_by: str | None, note: str | None,
           parent: str | None, symbol: str | None) -> None:
    """Record a new revision from an edited text; matching paragraphs keep their identity."""
    drafts = drafts_of(ctx)
    revision = drafts.revise(document, source, name=name,
                             date=date.date() if date else None,
                             issued_by=issued_by, note=note, parent=parent,
                             kind=kind, meeting=meeting, symbol=symbol)
    click.echo(f"recorded {document} {revision.title} "
               f"({revision.paragraph_count()} paragraphs)")
    warn_agreed_changed(drafts, document, revision.name)


def warn_agreed_changed(drafts: Drafts, document: str, revision: str) -> None:
    """A warning on stderr for each agreed (or ad ref) paragraph whose words a revision
    changed without a recorded reopening: the gravest silent error, never silent."""
    from draftkit.render.safe import visible_line

    for _, paragraph in drafts.agreed_words_changed(document, revision):
        click.echo(visible_line(f"warning: {paragraph.address} was {paragraph.status.title}; "
                                f"its words changed without a recorded reopening"), err=True)


@cli.command()
@click.argument("document")
@click.option("--rev", "revision", help="Revision name (default: the latest).")
@click.option("--format", "form",
              type=click.Choice(["text", "markdown", "json", "docx", "pdf"]),
              default="text", show_default=True,
              help="text: the editable revision format; docx: Word, with the first-page "
                   "block, page numbers and comments; pdf: that Word file through "
                   "LibreOffice (where installed).")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of stdout (required for docx and pdf).")
@click.pass_context
def export(ctx: click.Context, document: str, revision: str | None, form: str,
           output: Path | None) -> None:
    """Write a revision as text (the editable revision format), markdown, JSON, Word or
    PDF."""
    from draftkit.render import export as render

    drafts = drafts_of(ctx)
    if form in ("docx", "pdf"):
        from draftkit.cli.docx import write_docx_file

        write_docx_file(drafts.export_docx(document, revision), output, form)
        return
    chosen = drafts.current(document, revision)  # statuses as they stand now
    meta = drafts.document(document)
    text = {"text": lambda: render.to_text(chosen),
            "markdown": lambda: render.to_markdown(meta, chosen),
            "json": lambda: render.to_json(meta, chosen)}[form]()
    emit(text, output)


@cli.command()
@click.argument("document", required=False)
@click.option("--repair", is_flag=True, help="First remove what killed writers left half-"
              "written (temporary files): debris only, never data.")
@click.pass_context
def check(ctx: click.Context, document: str | None, repair: bool) -> None:
    """Check the drafts folder (or one document): grammar, seals, ids, parties,
    references, revision parents, stray files. Exit 0 clean, 1 with a line per problem."""
    from draftkit.render.safe import visible_line

    report = drafts_of(ctx).check(document, repair)
    for path in report.removed:
        click.echo(f"removed {visible_line(str(path))}", err=True)
    for problem in report.problems:
        click.echo(visible_line(str(problem)))
    if not report.clean:
        ctx.exit(1)
