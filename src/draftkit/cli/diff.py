"""`draftkit diff`: what changed between two texts, for people and for scripts.

Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from draftkit.cli import OUTPUT, cli, drafts_of, emit

if TYPE_CHECKING:
    from rich.console import RenderableType

    from draftkit.docdiff import DocumentDiff

FORMATS = ("terminal", "markdown", "html", "json", "unified", "docx", "pdf")


@cli.command()
@click.argument("document")
@click.argument("from_name", metavar="[FROM]", required=False)
@click.argument("to_name", metavar="[TO]", required=False)
@click.option("--format", "form", type=click.Choice(FORMATS), default="terminal",
              show_default=True, help="terminal: a redline (piped: ⟦-deleted-⟧⟦+inserted+⟧); "
              "json: the scripting contract; unified: git-like [-deleted-]{+inserted+}; "
              "docx: Word tracked changes (-o); pdf: that Word file through LibreOffice.")
@click.option("--side-by-side", is_flag=True, help="Terminal only: two columns, FROM and TO.")
@click.option("--para", "addresses", multiple=True,
              help='Only this paragraph: "Action 27" (in TO, else FROM) or "OP6@zero-draft"; '
                   "repeatable.")
@click.option("--section", "sections", multiple=True,
              help='Only this section, by number or heading ("IV"); repeatable.')
@click.option("--stat", is_flag=True, help="Counts per section instead of the text.")
@click.option("--changes", type=click.Choice(["all", "text"]), default="all",
              show_default=True, help="text: leave out paragraphs only relabelled or given "
              "a new status (a renumbering, a decision), to read what changed in the words.")
@click.option("--context", type=click.IntRange(min=0),
              help="Unchanged paragraphs shown around each change (default: 0 for terminal "
                   "and unified, the whole text for markdown and html; json has all).")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of stdout.")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Compare FROM (default: the revision the file was exported from) with "
                   "this edited revision file.")
@click.option("--proposal", "proposals", multiple=True,
              help="Compare FROM (default: the latest) with the text it would become with "
                   "this proposal applied; repeatable.")
@click.pass_context
def diff(ctx: click.Context, document: str, from_name: str | None, to_name: str | None,
         form: str, side_by_side: bool, addresses: tuple[str, ...],
         sections: tuple[str, ...], stat: bool, changes: str, context: int | None,
         output: Path | None, against: Path | None, proposals: tuple[str, ...]) -> None:
    """Show what changed from revision FROM to TO of DOCUMENT, word by word.

    TO defaults to the latest revision, FROM to TO's parent. Paragraphs are
    matched by identity, so a renumbered one shows as relabelled.
    """
    from draftkit import compare, docdiff

    if side_by_side and form != "terminal":
        raise click.UsageError("--side-by-side goes with --format terminal")
    if (against is not None or proposals) and to_name is not None:
        raise click.UsageError("--against FILE and --proposal ID take the place of TO")
    if against is not None and proposals:
        raise click.UsageError("--against and --proposal do not go together")
    drafts = drafts_of(ctx)
    provenance = None
    if against is not None:
        before, after = compare.file_to_compare(drafts, document, against, from_name)
    elif proposals:
        before = drafts.revision(document, from_name)
        after, provenance = compare.with_proposals(drafts, document, before, proposals)
    else:
        before, after = compare.revisions_to_compare(drafts, document, from_name, to_name)
        provenance = compare.recorded_provenance(drafts, document, before, after)
    compared = docdiff.diff(before, after, provenance)
    if not proposals:  # with proposals applied, a reopening shows as status agreed → open
        compared = compare.flag_agreed(drafts, document, compared, before, after,
                                       recorded=against is None)
    if against is not None:
        compared = attrs.evolve(compared, to_name=str(against))
    if addresses or sections:
        compared = compared.restricted(
            compare.paragraph_ids(drafts, document, addresses, (after, before))
            if addresses else None,
            compare.section_ids(compared, sections) if sections else None)
    hidden = 0
    if changes == "text":
        from draftkit.render.diff_common import text_changes

        compared, hidden = text_changes(compared)
    title = drafts.document(document).title
    if form in ("docx", "pdf"):
        from draftkit.cli.docx import write_docx_file
        from draftkit.docx.redline import diff_to_docx

        write_docx_file(diff_to_docx(before, after, provenance, title=title,
                                     compared=compared, document=drafts.document(document)),
                        output, form)
    else:
        _show(compared, title, form, side_by_side, stat, context, output, hidden)
    ctx.exit(1 if compared.has_changes else 0)


def _show(compared: DocumentDiff, title: str, form: str, side_by_side: bool, stat: bool,
          context: int | None, output: Path | None, hidden: int) -> None:
    if form == "terminal":
        _show_terminal(compared, title, side_by_side, stat,
                       0 if context is None else context, output, hidden)
    elif form == "json":
        from draftkit.render import diff_json

        emit(diff_json.stat_to_json(compared) if stat else diff_json.json_pieces(compared),
             output)
    elif form == "unified":
        from draftkit.render import diff_unified

        emit(diff_unified.stat_text(compared) if stat else
             diff_unified.to_unified(compared, 0 if context is None else context), output)
    elif form == "markdown":
        from draftkit.render import diff_markdown

        emit(diff_markdown.stat_markdown(compared, title=title) if stat else
             diff_markdown.to_markdown(compared, title=title, context=context), output)
    else:
        from draftkit.render import diff_html

        emit(diff_html.stat_html(compared, title=title) if stat else
             diff_html.to_html(compared, title=title, context=context), output)


def _show_terminal(compared: DocumentDiff, title: str, side_by_side: bool, stat: bool,
                   context: int, output: Path | None, hidden: int) -> None:
    from rich.console import Group
    from rich.text import Text

    from draftkit.cli import console
    from draftkit.render import diff_terminal
    from draftkit.render.diff_common import summary

    screen = console()
    plain = output is not None or screen.color_system is None
    view: RenderableType
    if stat:
        view = diff_terminal.stat_table(compared, title=title)
    elif side_by_side:
        view = diff_terminal.side_by_side(compared, title=title, context=context, plain=plain)
    else:
        view = diff_terminal.redline(compared, title=title, context=context, plain=plain)
    view = Group(view, Text(), Text(summary(compared, hidden), style="bold"))
    if output is None:
        screen.print(view, soft_wrap=plain and not (stat or side_by_side))
    else:
        emit(diff_terminal.plain_text(view, screen.width), output)
