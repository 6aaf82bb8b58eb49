"""The compilation's formats say the same thing, and document text is never markup."""

from __future__ import annotations

import html
import io
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import make_revision
from draftkit.compilation import Compilation, compile_text
from draftkit.model import Document, DocumentKind
from draftkit.proposals import Operation, OperationKind, Position
from draftkit.render import compilation as render
from merge_helpers import history_of, make_proposal, words_op
from strategies import SPICE

DOCUMENT = Document("test-doc", "Test <b>declaration</b> [draft]", DocumentKind.DECLARATION)
words = st.lists(st.sampled_from([*SPICE[:12], "plan", "States"]).filter(str.strip),
                 min_size=2, max_size=8).map(" ".join)


def compilation(text: str, wording: str) -> Compilation:
    revision = make_revision([("p1", "OP1", text), ("p2", "OP2", text)])
    quote = text.split(" ")[0]
    proposals = [
        make_proposal("A-1", "p1", words_op(text, "replace", quote, wording, occurrence=1)),
        make_proposal("B-1", "p1", words_op(text, "retain", quote, occurrence=1), n=1),
        make_proposal("C-1", "p2", Operation(OperationKind.ADD, text=wording,
                                             position=Position.AFTER), n=2),
        make_proposal("D-1", "p2", Operation(OperationKind.REPLACE_PARAGRAPH, text=wording),
                      n=3),
    ]
    return compile_text(DOCUMENT, revision, proposals, history_of(revision))


@given(words, words)
def test_html_escapes_everything_and_keeps_every_word(text: str, wording: str) -> None:
    page = render.to_html(compilation(text, wording))
    assert "<script>" not in page and "<b>declaration" not in page
    visible = html.unescape(re.sub(r"<[^>]+>", "", page.split("<body>")[1]))
    assert text in visible and wording in visible


@given(words, words)
def test_markdown_escapes_the_text(text: str, wording: str) -> None:
    page = render.to_markdown(compilation(text, wording))
    assert "[draft]" not in page and r"\[draft\]" in page
    assert "<script>" not in page


def test_markdown_emphasis_hugs_its_words() -> None:
    page = render.to_markdown(compilation("as soon as possible", "within eight years"))
    assert r"\[as *- NOR retain* / **within eight years** *- NOR*\]" in page


@given(words, words)
def test_the_terminal_shows_exactly_the_plain_text(text: str, wording: str) -> None:
    from rich.console import Console

    compiled = compilation(text, wording)
    out = io.StringIO()
    Console(file=out, width=10_000, color_system=None, highlight=False).print(
        render.to_terminal(compiled))
    shown = [line.rstrip() for line in out.getvalue().splitlines() if line.strip()]
    plain = [line.rstrip() for line in render.to_text(compiled).splitlines() if line.strip()]
    assert shown == plain


def test_json_lists_pieces_options_and_conflicts() -> None:
    data = json.loads(render.to_json(compilation("as soon as possible", "within eight years")))
    [first, second, added, *_] = data["sections"][0]["paragraphs"]
    contest = first["pieces"][0]["contest"]
    assert contest["original"] == "as"
    assert [o["action"] for o in contest["options"]] == ["replace", "retain"]
    assert first["text"] == "as soon as possible"
    assert second["notes"][0]["action"] == "replace-paragraph"
    assert added["label"] == "OP2 bis" and added["added"]["proposals"] == ["C-1"]
    assert sorted(data["conflicts"][0]["ids"]) == ["A-1", "B-1"]


def test_the_notation() -> None:
    text = render.to_text(compilation("as soon as possible", "within eight years"))
    assert "OP1 [as - NOR retain / within eight years - NOR] soon as possible" in text
    assert "OP2 alt. [replace paragraph - NOR] within eight years" in text
    assert "OP2 bis [new paragraph - NOR] within eight years" in text
