"""The process of a document: `draftkit timeline` (meetings, revisions, deadlines,
decisions, in date order)."""

from __future__ import annotations

from pathlib import Path

import click

from draftkit.cli import OUTPUT, cli, drafts_of, emit


@cli.command()
@click.argument("document")
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: to read; json: for scripts.")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file instead of stdout.")
@click.pass_context
def timeline(ctx: click.Context, document: str, form: str, output: Path | None) -> None:
    """The story of a document in date order: its meetings, the revisions issued (kind,
    meeting), the input deadlines (proposals on time and late) and the decisions taken."""
    from draftkit.render import timeline as render

    found = drafts_of(ctx).timeline(document)
    emit(render.to_json(found) if form == "json" else render.to_text(found), output)
