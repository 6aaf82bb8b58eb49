"""The `draftkit` command: small click commands over the API in `draftkit.api`.

Shared pieces live here; commands live in one module per concern.

Exit status: 0 success, 2 bad input or usage (one line on stderr, no
traceback). Rich is imported only by commands that draw to the terminal.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from typing import IO, TYPE_CHECKING, Any

import click

from draftkit.cli.index import INDEX, Commands
from draftkit.errors import DraftkitError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rich.console import Console, RenderableType

    from draftkit.api import Drafts


PROGRAM = "draftkit"
# `draftkit` alone prints its help (click 8.2 and later raise this to say so): help
# output stays as it is.
_HELP_NOT_ERROR: tuple[type[Exception], ...] = tuple(
    kind for kind in (getattr(click.exceptions, "NoArgsIsHelpError", None),)
    if kind is not None)


class BadInput(click.ClickException):
    """Bad input as the command line reports it: one line on stderr,
    `draftkit: <what was wrong>`, and exit status 2. DraftkitErrors, click's usage
    errors and files that cannot be written all end here."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        from draftkit.render.safe import visible_line

        click.echo(f"{PROGRAM}: {visible_line(self.format_message())}", file=file,
                   err=file is None)


def _usage_line(error: click.UsageError) -> BadInput:
    """A usage error as one line, pointing at the help of the command it concerns:
    "no such option '--bogus' (see draftkit propose --help)"."""
    message = " ".join(error.format_message().split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    command = error.ctx.command_path if error.ctx is not None else PROGRAM
    return BadInput(f"{message} (see {command} --help)")


def _unwritable(error: OSError) -> BadInput | None:
    """A file that cannot be read or written (a missing folder, a folder where a file
    should be, no permission, a full disk) as one line; None for an OSError that names
    no file (a broken pipe, or a bug: those are not bad input)."""
    if error.filename is None or error.errno == errno.EPIPE:
        return None
    return BadInput(f"{error.filename}: {error.strerror or error}")


def _format_examples(ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The command's examples (`cli.examples`) at the end of its help."""
    from draftkit.cli.examples import examples_for

    shown = examples_for(ctx.command_path.partition(" ")[2])
    if shown:
        with formatter.section("Examples"):
            for line in shown:
                formatter.write(f"{' ' * formatter.current_indent}{line}\n")


class DraftkitCommand(click.Command):
    """A command whose help ends with its examples and whose usage errors name its own
    `--help`."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        _format_examples(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.ctx = error.ctx or ctx  # so the message names the command's --help
            raise


class OutputFile(click.Path):
    """`-o FILE`: a file to write, in a folder that exists; checked before any work is
    done, so that a command that records something never records it and then fails to
    write its report."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from pathlib import Path

        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        if not path.parent.is_dir():
            self.fail(f"no folder {str(path.parent)!r} to write {path.name!r} in", param, ctx)
        return path


OUTPUT = OutputFile()


class Count(click.IntRange):
    """`--occurrence N`: a whole number, counting from 1."""

    name = "whole number"

    def __init__(self) -> None:
        super().__init__(min=1)


COUNT = Count()


class DraftkitGroup(DraftkitCommand, click.Group):
    """The error boundary: whatever bad input a command meets, and every usage error,
    leaves as one line on stderr and exit status 2, before anything is written."""

    command_class = DraftkitCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault("draftkit.argv", list(args))  # the message of --commit
        return super().parse_args(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            if isinstance(error, _HELP_NOT_ERROR):
                raise
            raise _usage_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            made = super().invoke(ctx)
            if ctx.params.get("commit"):  # the root's --commit, not a subgroup's
                _commit(ctx)
            return made
        except DraftkitError as error:
            raise BadInput(str(error)) from None
        except click.UsageError as error:
            if isinstance(error, _HELP_NOT_ERROR):
                raise
            raise _usage_line(error) from None
        except OSError as error:
            report = _unwritable(error)
            if report is None:
                raise
            raise report from None


class RootGroup(DraftkitGroup):
    """`draftkit` itself. Its commands are listed from `cli.index` and each command's
    module is imported only when that command runs or its help is asked."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own listing, of commands that have only the first sentence of their help
        listed = [click.Command(name, help=summary) for name, (_, summary) in INDEX.items()]
        click.Group(commands=listed).format_commands(ctx, formatter)


def console() -> Console:
    """The terminal. Renderables come from `draftkit.render`, where party-written text
    becomes `Text` through `render.safe`; no markup or emoji codes are read in a string."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


def show_renderable(renderable: RenderableType) -> None:
    console().print(renderable)


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write text, whole or in pieces, to a file (atomically) or to stdout: text a
    renderer has made safe (`draftkit.render.safe`), as every renderer does."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        for piece in pieces:
            click.echo(piece, nl=False)
    else:
        from draftkit.store.files import write_output

        write_output(output, (piece.encode("utf-8") for piece in pieces))


def drafts_of(ctx: click.Context) -> Drafts:
    from draftkit.api import open_drafts

    drafts: Drafts = ctx.ensure_object(dict).setdefault("drafts", open_drafts(ctx.obj["path"]))
    return drafts


@click.group(PROGRAM, cls=RootGroup, commands=Commands())
@click.option("--drafts", "drafts_path", type=click.Path(file_okay=False),
              help="The drafts folder (default: $DRAFTKIT_DRAFTS, else the nearest drafts/ "
                   "upwards from here).")
@click.option("--commit", "commit", is_flag=True,
              help="Make a signed git commit of what the command writes, with the command "
                   "line as its message (see docs/shared-repository.md).")
@click.version_option(package_name="draftkit")
@click.pass_context
def cli(ctx: click.Context, drafts_path: str | None, commit: bool) -> None:
    """Draft a negotiated text together: revisions, proposals, comments, diffs, merges."""
    from pathlib import Path  # not at import: `draftkit --help` does without it

    ctx.ensure_object(dict)["path"] = None if drafts_path is None else Path(drafts_path)
    if commit and ctx.invoked_subcommand is not None:
        ctx.obj["commit"] = drafts_of(ctx).committing()  # refused before anything is written


def _commit(ctx: click.Context) -> None:
    """After a command run with --commit: commit what it wrote, and say so on stderr."""
    import shlex

    from draftkit.render.safe import visible_line

    make = ctx.obj.get("commit") if isinstance(ctx.obj, dict) else None
    if make is None:
        return
    argv: list[str] = ctx.meta.get("draftkit.argv", [])
    words = [w for n, w in enumerate(argv) if w != "--commit" and w != "--drafts"
             and not w.startswith("--drafts=") and (n == 0 or argv[n - 1] != "--drafts")]
    message = shlex.join([PROGRAM, *words])
    made = make(message)
    said = f"committed {made[:12]} (signed): {message}" if made else \
        "--commit: the command wrote nothing; no commit made"
    click.echo(visible_line(said), err=True)


def main() -> None:
    """Entry point of the `draftkit` console script."""
    # A command is one short process that builds large structures with few reference
    # cycles (a store's proposals, a compilation): at the collector's default pace (a
    # pass every 700 allocations, every live object rescanned now and then) it spent a
    # fifth of `merge --compile`'s time at 10,000 proposals. Scripts keep their own.
    gc.set_threshold(10_000, 50, 100)
    try:
        cli.main(prog_name=PROGRAM)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)

