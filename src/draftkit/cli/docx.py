"""Word files: writing a .docx (for `export`, `diff`, `merge`) and `draftkit import`."""

from __future__ import annotations

from pathlib import Path

import click

from draftkit.cli import cli, drafts_of, emit


def write_docx_file(data: bytes, output: Path | None, form: str = "docx") -> None:
    """Write .docx bytes to `output` all at once, as PDF through LibreOffice when `form`
    is "pdf"; both are binary, so never to stdout."""
    if output is None:
        raise click.UsageError(f"--format {form} needs -o FILE (a .{form} is a binary file)")
    from draftkit.render.safe import visible_line
    from draftkit.store.files import write_output

    if form == "pdf":
        from draftkit.store.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    write_output(output, data)
    click.echo(f"wrote {visible_line(str(output))} ({len(data):,} bytes)", err=True)


@cli.command("import")
@click.argument("document")
@click.argument("source", metavar="FILE.docx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rev", "revision", required=True,
              help="The revision the file is a copy of.")
@click.option("--party", help="The party of changes and comments whose Word author "
                              "names no party (an author naming one, by code or name, "
                              "keeps it).")
@click.option("--dry-run", is_flag=True, help="Show what would be recorded; write nothing.")
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: a report to read; json: for scripts.")
@click.pass_context
def import_(ctx: click.Context, document: str, source: Path, revision: str,
            party: str | None, dry_run: bool, form: str) -> None:
    """Record a delegation's Word file: tracked changes as proposals, comments as comments.

    Paragraphs are matched to the revision's by label, then by text; what
    cannot be mapped (an unknown author, a paragraph edited with tracking
    off) is listed under "not imported".
    """
    from draftkit.docx import report
    from draftkit.render.safe import json_safe, visible

    result = drafts_of(ctx).import_docx(document, source, revision=revision, party=party,
                                        dry_run=dry_run)
    if form == "json":
        emit(json_safe(report.to_json(result, dry_run)), None)
    else:
        emit(visible(report.to_text(result, dry_run)), None)
