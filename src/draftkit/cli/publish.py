"""`draftkit publish`: the negotiation as a static website."""

from __future__ import annotations

from pathlib import Path

import click

from draftkit.cli import cli, drafts_of


@cli.command()
@click.argument("documents", nargs=-1, metavar="[DOC]...")
@click.option("-o", "--output", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the site to (made, or replaced whole if draftkit "
                   "wrote it before).")
@click.option("--context", type=click.IntRange(min=0), default=None,
              help="Unchanged paragraphs shown around each change in the redlines "
                   "(default: all; the others are marked as a gap).")
@click.option("--lang", default="en", show_default=True,
              help="The language of a document's text where its document.txt records no "
                   "original language, as a BCP 47 tag (ar, es, fr …).")
@click.pass_context
def publish(ctx: click.Context, documents: tuple[str, ...], output: Path,
            context: int | None, lang: str) -> None:
    """Write a static website of the negotiation to a folder: the documents (all by
    default), each revision and redline, the compilation, a page per paragraph and
    per party, the comments matrix and what is still open. It reads without scripts,
    from the folder or any web host.
    """
    from draftkit.render.safe import visible_line

    written = drafts_of(ctx).publish(output, documents, lang=lang, context=context)
    click.echo(f"wrote {written} files to {visible_line(str(output))} "
               f"(open {visible_line(str(output / 'index.html'))})", err=True)
