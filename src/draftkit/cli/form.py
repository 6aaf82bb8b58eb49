"""`draftkit form`: a revision as a blank report form (Word or spreadsheet)."""

from __future__ import annotations

from pathlib import Path

import click

from draftkit.cli import OUTPUT, cli, drafts_of


@cli.command()
@click.argument("document")
@click.option("--rev", "revision", help="Revision name (default: the latest).")
@click.option("--format", "form", type=click.Choice(["docx", "xlsx"]), default="docx",
              show_default=True, help="docx: Word tables and check boxes; xlsx: a sheet per "
              "section, each answer cell taking only what its field allows.")
@click.option("-o", "--output", type=OUTPUT, required=True, help="The file to write.")
@click.pass_context
def form(ctx: click.Context, document: str, revision: str | None, form: str,
         output: Path) -> None:
    """Write a revision as a blank form a reporting State fills in: its tables with
    empty rows, a check box for each choice, voluntary fields shaded.
    """
    from draftkit.render.safe import visible_line
    from draftkit.store.files import write_output

    data = drafts_of(ctx).blank_form(document, revision, form)
    write_output(output, data)
    click.echo(f"wrote {visible_line(str(output))} ({len(data):,} bytes)", err=True)
