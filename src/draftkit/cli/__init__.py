"""The `draftkit` command: small click commands over the API in `draftkit.api`.

Shared pieces live here; commands live in one module per concern.

Exit status: 0 success, 2 bad input or usage (one line on stderr, no
traceback). Rich is imported only by commands that draw to the terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from draftkit.api import Drafts, open_drafts
from draftkit.errors import DraftkitError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class BadInput(click.ClickException):
    """A DraftkitError as click reports it: one line, exit status 2."""

    exit_code = 2


class DraftkitGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DraftkitError as error:
            raise BadInput(str(error)) from None


def console() -> Console:
    """The terminal. Renderables come from `draftkit.render`, where party-written text
    becomes `Text` through `render.safe`; no markup or emoji codes are read in a string."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


def show_renderable(renderable: RenderableType) -> None:
    console().print(renderable)


def emit(text: str, output: Path | None) -> None:
    """Write text to a file (atomically) or to stdout: text a renderer has made safe
    (`draftkit.render.safe`), as every renderer does."""
    if output is None:
        click.echo(text, nl=False)
    else:
        from draftkit.store.files import write_output

        write_output(output, text.encode("utf-8"))


def drafts_of(ctx: click.Context) -> Drafts:
    drafts: Drafts = ctx.ensure_object(dict).setdefault("drafts", open_drafts(ctx.obj["path"]))
    return drafts


@click.group(cls=DraftkitGroup)
@click.option("--drafts", "drafts_path", type=click.Path(file_okay=False, path_type=Path),
              help="The drafts folder (default: $DRAFTKIT_DRAFTS, else the nearest drafts/ "
                   "upwards from here).")
@click.version_option(package_name="draftkit")
@click.pass_context
def cli(ctx: click.Context, drafts_path: Path | None) -> None:
    """Draft a negotiated text together: revisions, proposals, comments, diffs, merges."""
    ctx.ensure_object(dict)["path"] = drafts_path


def main() -> None:
    """Entry point of the `draftkit` console script."""
    try:
        cli.main(prog_name="draftkit")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


# Each module registers its commands on `cli` when imported.
from draftkit.cli import (  # noqa: E402, F401
    comments,
    diff,
    documents,
    docx,
    merge,
    proposals,
)
