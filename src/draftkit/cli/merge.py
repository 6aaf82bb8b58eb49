"""`draftkit merge` (compilation text, clean next revision) and `draftkit blame`.

Exit status of merge --into: 0 recorded (or, on a dry run, clean), 1 conflicts or
stale proposals remain, or agreed text would change without a reopening, and
nothing was written, 2 bad input. merge --compile exits 0 when it printed the
compilation: conflicts and stale proposals are its content.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from draftkit.cli import OUTPUT, cli, drafts_of, emit, show_renderable
from draftkit.model import RevisionKind
from draftkit.proposals import ProposalStatus

COMPILE_FORMATS = ("text", "markdown", "html", "json", "terminal", "docx", "pdf")
PROGRESS_FROM = 500  # proposals: below this a merge is quick enough to need no bar


@contextmanager
def progress(total: int, what: str) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr for long work, when stderr is a terminal; else nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


@cli.command()
@click.argument("document")
@click.option("--compile", "compile_", is_flag=True,
              help="Print the compilation text: the revision with every selected proposal "
                   "written in place, attributed.")
@click.option("--into", help="Record the merged text as this new revision (e.g. rev2).")
@click.option("--from", "source", help="The revision to merge into (default: the latest).")
@click.option("--rev", "revision", help="The revision to compile on (default: the latest).")
@click.option("--id", "ids", multiple=True, help="A proposal to include; repeat for more.")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice([s.value for s in ProposalStatus]),
              help="Proposals with this status; repeat for more (default: accepted for "
                   "--into, proposed and accepted for --compile, unless --id is given).")
@click.option("--party", help="Proposals by this party (or a group it belongs to).")
@click.option("--section", help="Proposals on paragraphs of this section.")
@click.option("--para", "paragraph", help="Proposals on this paragraph.")
@click.option("--renumber", is_flag=True,
              help="Renumber cleanly (bis/ter become numbers); the label map is recorded.")
@click.option("--prefer", multiple=True, help="In a conflict, this proposal's side wins.")
@click.option("--bracket", is_flag=True,
              help="Leave conflicting wordings in the text as [one / other] alternatives.")
@click.option("--skip-stale", is_flag=True,
              help="Record the revision without the stale proposals (they stay accepted).")
@click.option("--reopen", is_flag=True,
              help="Change agreed and ad ref words where the proposals do: those paragraphs "
                   "are reopened, and the revision records it (without it, nothing is written "
                   "while agreed text would change).")
@click.option("--dry-run", is_flag=True, help="Report what would happen; write nothing.")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The new revision's date (default: the first day of --meeting; one of "
                   "the two is needed).")
@click.option("--kind", type=click.Choice([k.value for k in RevisionKind]),
              help="What the new revision is: zero-draft, rev, facilitators-text, "
                   "chairs-non-paper, as-adopted.")
@click.option("--meeting", help="The meeting it is issued for (an id in document.txt).")
@click.option("--issued-by", help="Who issues it (default: as the revision merged into).")
@click.option("--note", help="One line about the revision.")
@click.option("--format", "form", type=click.Choice(COMPILE_FORMATS), default="text",
              help="text, markdown, html, json, terminal (colour) or docx (Word, with -o); "
                   "the merge report is text or json.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of stdout (required for docx and pdf).")
@click.pass_context
def merge(ctx: click.Context, document: str, compile_: bool, into: str | None,
          source: str | None, revision: str | None, ids: tuple[str, ...],
          statuses: tuple[str, ...], party: str | None, section: str | None,
          paragraph: str | None, renumber: bool, prefer: tuple[str, ...], bracket: bool,
          skip_stale: bool, reopen: bool, dry_run: bool, date: dt.datetime | None,
          kind: str | None, meeting: str | None, issued_by: str | None, note: str | None,
          form: str, output: Path | None) -> None:
    """Merge proposals: a compilation text (--compile) or a clean next revision (--into)."""
    if compile_ == (into is not None):
        raise click.UsageError("give either --compile or --into NAME")
    if source and revision and source != revision:
        raise click.UsageError("--from and --rev name the same revision; give one")
    base = source or revision
    drafts = drafts_of(ctx)
    default = ("proposed", "accepted") if compile_ else ("accepted",)
    selected = drafts.select(document, ids=list(ids) or None,
                             statuses=statuses or (() if ids else default), party=party,
                             section=section, paragraph=paragraph)
    from draftkit.render import compilation as render

    if compile_:
        if into or renumber or prefer or bracket or skip_stale or dry_run or date or kind \
                or meeting or reopen:
            raise click.UsageError("--compile shows every proposal; the options that make a "
                                   "revision go with --into")
        with progress(len(selected), "Compiling") as tick:
            compiled = drafts.compile(document, selected, revision=base, tick=tick)
        if form in ("docx", "pdf"):
            from draftkit.cli.docx import write_docx_file
            from draftkit.docx.compilation import compilation_to_docx

            write_docx_file(compilation_to_docx(compiled), output, form)
        elif form == "terminal":
            show_renderable(render.to_terminal(compiled))
        else:
            emit({"text": render.to_text, "markdown": render.to_markdown,
                  "html": render.to_html, "json": render.json_pieces}[form](compiled), output)
        ctx.exit(0)  # conflicts and stale proposals are what a compilation shows
    if form not in ("text", "json"):
        raise click.UsageError("the merge report is --format text or json")
    assert into is not None
    with progress(len(selected), "Merging") as tick:
        result = drafts.merge(document, into, selected, source=base, renumber=renumber,
                              prefer=prefer, bracket=bracket, skip_stale=skip_stale,
                              dry_run=dry_run, date=date.date() if date else None,
                              kind=kind, meeting=meeting, issued_by=issued_by, note=note,
                              tick=tick, reopen=reopen)
    if form == "json":
        emit(render.report_json(result, dry_run), output)
    elif output is not None:
        emit("".join(text for _, text in render.report_lines(result, dry_run)), output)
    else:
        show_renderable(render.report_terminal(result, dry_run))
    remains = result.conflicts or result.protected or \
        (result.stale and not (skip_stale and result.revision))
    ctx.exit(1 if remains else 0)


@cli.command()
@click.argument("document")
@click.option("--rev", "revision", help="The revision to blame (default: the latest).")
@click.option("--para", "paragraph", help="Only this paragraph (an address in that revision).")
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: to read; json: for scripts.")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file instead of stdout.")
@click.pass_context
def blame(ctx: click.Context, document: str, revision: str | None, paragraph: str | None,
          form: str, output: Path | None) -> None:
    """Show, for each span of words, the revision it first appeared in and who proposed it."""
    from draftkit.render import blame as render

    drafts = drafts_of(ctx)
    chosen = drafts.revision(document, revision)
    blamed = drafts.blame(document, chosen.name, paragraph)
    if form == "json":
        emit(render.to_json(document, chosen.name, blamed), output)
    else:
        title = f"{drafts.document(document).title}, {chosen.title}: who wrote what"
        emit(render.to_text(title, blamed), output)
