"""`dumps_pieces` writes, piece by piece, exactly the text `dumps` writes for the same
value with its iterators made lists; and the command line's compilation and diff JSON,
written in pieces, are the same bytes on stdout and in a file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.docdiff import diff
from draftkit.render import diff_json
from draftkit.render.compilation import to_json
from draftkit.render.safe import dumps, dumps_pieces

# Hostile strings: controls and bidi overrides (which json_safe escapes), quotes,
# backslashes, characters past U+FFFF.
strings = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                            st.sampled_from(["\x1b", "\u202e", "\x85", '"', "\\", "😀"])),
                  max_size=12)
leaves = st.one_of(st.none(), st.booleans(), st.integers(), strings)
values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(strings, inner, max_size=4)), max_leaves=20)


@st.composite
def streamed(draw: st.DrawFn, value: Any = None, reachable: bool = True) -> tuple[Any, Any]:
    """A value and the same value with some of its lists given as iterators: those
    reached through dicts and iterators alone, as `dumps_pieces` asks."""
    value = draw(values) if value is None else value
    if isinstance(value, list):
        stream = reachable and draw(st.booleans())
        items = [draw(streamed(item, reachable=stream)) for item in value]
        whole, parts = [w for w, _ in items], [p for _, p in items]
        return whole, (iter(parts) if stream else parts)
    if isinstance(value, dict):
        items = {key: draw(streamed(item, reachable=reachable)) for key, item in value.items()}
        return ({key: w for key, (w, _) in items.items()},
                {key: p for key, (_, p) in items.items()})
    return value, value


@given(streamed())
def test_pieces_join_to_what_dumps_writes(pair: tuple[Any, Any]) -> None:
    whole, parts = pair
    pieces = list(dumps_pieces(parts))
    assert "".join(pieces) == dumps(whole)
    assert json.loads("".join(pieces)) == whole


def test_items_are_made_as_they_are_written() -> None:
    made: list[int] = []

    def items() -> Iterator[dict[str, int]]:
        for n in range(3):
            made.append(n)
            yield {"n": n}

    pieces = dumps_pieces({"items": items()})
    assert next(pieces) == "{" and not made
    assert "".join(pieces) == '"items": [{"n": 0}, {"n": 1}, {"n": 2}]}'


def test_compilation_json_is_one_text_whichever_way_it_is_written(copy: Path,
                                                                    tmp_path: Path) -> None:
    root = copy
    drafts = open_drafts(root)
    document = "vientiane-action-plan"
    library = to_json(drafts.compile(document, drafts.select(
        document, statuses=("proposed", "accepted"))))
    runner = CliRunner()
    shown = runner.invoke(cli, ["--drafts", str(root), "merge", document, "--compile",
                                "--format", "json"])
    written = runner.invoke(cli, ["--drafts", str(root), "merge", document, "--compile",
                                  "--format", "json", "-o", str(tmp_path / "c.json")])
    assert shown.exit_code == written.exit_code == 0, shown.output + written.output
    assert shown.output == library
    assert (tmp_path / "c.json").read_bytes() == library.encode("utf-8")
    assert json.loads(library)["sections"]


def test_diff_json_is_one_text_whichever_way_it_is_written(copy: Path, tmp_path: Path) -> None:
    document = "vientiane-action-plan"
    drafts = open_drafts(copy)
    library = diff_json.to_json(diff(*(drafts.revision(document, name)
                                       for name in ("zero-draft", "rev1"))))
    runner = CliRunner()
    command = ["--drafts", str(copy), "diff", document, "zero-draft", "rev1", "--format", "json"]
    shown = runner.invoke(cli, command)
    written = runner.invoke(cli, [*command, "-o", str(tmp_path / "d.json")])
    assert shown.exit_code == written.exit_code == 1, shown.output + written.output
    assert (tmp_path / "d.json").read_bytes() == shown.output.encode("utf-8")
    # The command credits changes to proposals from the merge records; the rest is alike.
    assert [p["id"] for p in json.loads(shown.output)["paragraphs"]] == \
        [p["id"] for p in json.loads(library)["paragraphs"]]
