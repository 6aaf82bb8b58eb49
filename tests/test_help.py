"""Every command's help explains each option and ends with an example that uses the
command; the examples name real documents, parties and options."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from draftkit.cli import cli


def commands(command: click.Command = cli, path: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, (*path, name))


ALL = list(commands())


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) or "draftkit" for p, _ in ALL])
def test_every_command_explains_its_options_and_shows_an_example(
        path: tuple[str, ...], command: click.Command) -> None:
    unexplained = [p.opts[0] for p in command.params
                   if isinstance(p, click.Option) and not p.help]
    assert unexplained == [], f"options without help: {unexplained}"
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert command.help, "no description"
    _, _, examples = result.output.partition("\nExamples:\n")
    lines = [line.strip() for line in examples.splitlines() if line.strip()]
    assert lines, "no example"
    assert all(line.startswith("draftkit ") for line in lines)
    own = [line for line in lines if not path or f" {' '.join(path)} " in f" {line} "]
    assert own, "no example uses the command"
    if isinstance(command, click.Group):
        return
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | \
        {o for p in cli.params for o in p.opts}
    for line in own:
        used = {word.split("=")[0] for word in line.split("#")[0].split()
                if word.startswith("--")}
        assert used <= known, f"unknown options in {line!r}: {used - known}"
