"""`draftkit --help` lists the commands from cli.index without importing them: the
index must say what the commands' own modules define, and the listing must be the one
click itself makes from the commands."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from draftkit.cli import cli
from draftkit.cli.index import INDEX


def test_the_index_names_every_command_its_module_and_its_first_sentence() -> None:
    defined = dict(cli.commands.items())  # imports every command's module
    assert sorted(defined) == sorted(INDEX)
    assert sorted(cli.commands._made) == sorted(INDEX), "a command not in cli.index"  # type: ignore[attr-defined]
    for name, command in defined.items():
        module, summary = INDEX[name]
        assert command.callback is not None
        assert command.callback.__module__ == f"draftkit.cli.{module}", name
        assert not command.hidden and not command.deprecated and command.short_help is None
        listed = click.Command(name, help=summary)
        for limit in range(3, 400):
            assert listed.get_short_help_str(limit) == command.get_short_help_str(limit), \
                (name, limit)


@pytest.mark.parametrize("width", [30, 60, 80, 120])
def test_the_listing_is_clicks_own(width: int) -> None:
    dict(cli.commands.items())
    made = []
    for format_commands in (cli.format_commands, super(type(cli), cli).format_commands):
        with click.Context(cli, info_name="draftkit", terminal_width=width,
                           max_content_width=width) as ctx:
            formatter = ctx.make_formatter()
            format_commands(ctx, formatter)
            made.append(formatter.getvalue())
    assert "Commands:" in made[0]
    assert made[0] == made[1]


def run_fresh(args: list[str]) -> tuple[str, set[str]]:
    """What `draftkit ARGS` prints, run in a fresh interpreter, and the modules it had
    imported by the end."""
    script = ("import json, sys\n"
              "from draftkit.cli import cli\n"
              "try:\n"
              f"    cli.main({args!r}, prog_name='draftkit')\n"
              "except SystemExit:\n"
              "    pass\n"
              "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    return done.stdout, set(json.loads(done.stderr))


def test_help_imports_no_command_and_not_the_library() -> None:
    stdout, loaded = run_fresh(["--help"])
    assert "Commands:" in stdout and "withdraw" in stdout
    commands = {f"draftkit.cli.{module}" for module, _ in INDEX.values()}
    assert commands & loaded == set()
    assert {"attrs", "attr", "draftkit.model", "draftkit.api", "pathlib"} & loaded == set()


def test_a_command_is_imported_when_it_runs() -> None:
    stdout, loaded = run_fresh(["reply", "--help"])
    assert stdout.startswith("Usage: draftkit reply [OPTIONS]")
    assert "draftkit.cli.comments" in loaded
    assert {"draftkit.cli.merge", "draftkit.cli.setup", "draftkit.cli.diff"} & loaded == set()
