"""Commands on comments: comment, reply, dispose, comments (the matrix), status."""

from __future__ import annotations

from pathlib import Path

import click

from draftkit.cli import COUNT, OUTPUT, cli, drafts_of, emit, show_renderable
from draftkit.cli.proposals import address_of
from draftkit.comments import CommentType, Disposition
from draftkit.keys import PRESIDENCY
from draftkit.vocabulary import quantity


@cli.command()
@click.argument("document")
@click.option("--party", required=True, help="The party commenting (a code, e.g. CMC).")
@click.option("--type", "kind", type=click.Choice([t.value for t in CommentType]),
              default="general", show_default=True,
              help="general, substantive or editorial (ge, te, ed in the matrix).")
@click.option("--text", required=True, help="The comment, in one line.")
@click.option("--para", "paragraph", help="The paragraph it is on (none: the whole document).")
@click.option("--quote", help="The words it is on.")
@click.option("--occurrence", type=COUNT, metavar="N",
              help="Which occurrence of --quote, when it repeats.")
@click.option("--proposal", "proposed_change", help="The proposal carrying its proposed change.")
@click.option("--rev", "revision", help="The revision it is on (default: latest).")
@click.pass_context
def comment(ctx: click.Context, document: str, party: str, kind: str, text: str,
            paragraph: str | None, quote: str | None, occurrence: int | None,
            proposed_change: str | None, revision: str | None) -> None:
    """Record a comment on a document, a paragraph or some words."""
    made = drafts_of(ctx).comment(document, party=party, type=kind, text=text,
                                  paragraph=paragraph, quote=quote, occurrence=occurrence,
                                  proposed_change=proposed_change, revision=revision)
    click.echo(f"{made.id}: {made.type.value} comment by {made.party}"
               f"{' on ' + made.label if made.label else ''}")


@cli.command()
@click.argument("comment_id")
@click.option("--party", required=True, help="The party replying (a code).")
@click.option("--text", required=True, help="The reply, in one line.")
@click.pass_context
def reply(ctx: click.Context, comment_id: str, party: str, text: str) -> None:
    """Reply to a comment."""
    made = drafts_of(ctx).reply(comment_id, party, text)
    click.echo(f"{made.id}: {quantity(len(made.replies), 'reply')}")


@cli.command()
@click.argument("comment_id")
@click.option("--disposition", required=True, type=click.Choice([d.value for d in Disposition]),
              help="What the presidency makes of it.")
@click.option("--observation", default="", help="The secretariat's note, in one line.")
@click.option("--by", default=PRESIDENCY, show_default=True, help="Who gives the disposition.")
@click.pass_context
def dispose(ctx: click.Context, comment_id: str, disposition: str, observation: str,
            by: str) -> None:
    """Give a comment the presidency's disposition."""
    made = drafts_of(ctx).dispose(comment_id, disposition, observation, by)
    click.echo(f"{made.id}: {disposition}")


@cli.command()
@click.argument("document")
@click.option("--open", "open_only", is_flag=True, help="Only comments without a disposition.")
@click.option("--party", help="Only this party's comments (a code, e.g. NOR).")
@click.option("--para", "paragraph", help='Only comments on this paragraph, e.g. "Action 27".')
@click.option("--format", "form",
              type=click.Choice(["table", "json", "csv", "markdown", "xlsx"]),
              default="table", show_default=True,
              help="table: on the terminal; csv, markdown and xlsx: the ISO/IEC template's "
                   "columns (xlsx needs -o); json: every field.")
@click.option("--excel", is_flag=True, help="With --format csv: start the file with a "
              "UTF-8 byte-order mark, so Excel shows accents (México) right.")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file instead of stdout.")
@click.pass_context
def comments(ctx: click.Context, document: str, open_only: bool, party: str | None,
             paragraph: str | None, form: str, excel: bool, output: Path | None) -> None:
    """The comments matrix, as secretariats exchange it (ISO/IEC template): party (MB/NC),
    paragraph, clause, type (ge/te/ed), quoted words, comment, proposed change (its
    wording), observations of the secretariat (the disposition), in the order of the text.
    """
    from draftkit.render import items

    if excel and form != "csv":
        raise click.UsageError("--excel goes with --format csv")
    if form == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE (a .xlsx is a binary file)")
    drafts = drafts_of(ctx)
    found = drafts.comments(document, party=party, paragraph=paragraph, open_only=open_only)
    if form == "json":
        emit(items.comments_json(found, address_of(drafts, document), drafts.words_state,
                                 drafts.observers()), output)
        return
    from draftkit.render import matrix as render

    rows = drafts.comments_matrix(document, found)
    title = drafts.document(document).title
    if form == "xlsx":
        from draftkit.render.safe import visible_line
        from draftkit.store.files import write_output

        assert output is not None
        data = render.to_xlsx(rows, title)
        write_output(output, data)
        click.echo(f"wrote {visible_line(str(output))} ({len(data):,} bytes)", err=True)
    elif form == "csv":
        emit(render.to_csv(rows, excel=excel), output)
    elif form == "markdown":
        emit(render.to_markdown(rows), output)
    else:
        show_renderable(render.to_table(rows, title))


@cli.command()
@click.argument("document")
@click.option("--rev", "revision", help="The revision (default: latest).")
@click.option("--format", "form", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: on the terminal; json: for scripts.")
@click.option("--count-observers", is_flag=True, help="Count observers' proposals and "
              "positions in the tallies (by default they are shown apart, not counted).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many of the most contested paragraphs to list (0: all).")
@click.pass_context
def status(ctx: click.Context, document: str, revision: str | None, form: str,
           count_observers: bool, top: int) -> None:
    """What is still open: paragraphs by status, proposals, comments, and the most
    contested paragraphs with the parties supporting and opposing proposals on them.
    Observers' input is shown, marked, and not counted unless --count-observers."""
    from draftkit.render import items

    drafts = drafts_of(ctx)
    board = drafts.status(document, revision, count_observers=count_observers, top=top)
    if form == "json":
        emit(items.dashboard_json(board), None)
    else:
        show_renderable(items.dashboard_view(drafts.document(document).title, board))
