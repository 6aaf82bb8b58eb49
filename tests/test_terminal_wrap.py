"""The terminal's own wrapping of long plain texts (render.terminal.ByLine) draws exactly
what rich draws: the oracle is rich itself, printing the same text, styles and all."""

from __future__ import annotations

import io

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from draftkit.render.terminal import ByLine

words = st.one_of(st.sampled_from(["a", "of", "the", "Parties", ",", ".", "[", "]", "x" * 12,
                                   "État", "“déjà”", "—", "مرحبا", "会议", "e\u0301", "😀"]),
                  st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1,
                          max_size=30),
                  st.text(st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=1,
                          max_size=8))
spaces = st.sampled_from([" ", " ", " ", "  ", "   " * 7])
worded_texts = st.lists(st.tuples(words, spaces), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs))
any_texts = st.one_of(worded_texts, st.text(max_size=200),
                      st.builds(lambda a, b: a + b, worded_texts, st.sampled_from(
                          ["", " ", "\t", "\n", "é", "会议", "\x1b"])),
                      st.builds(lambda a: " " + a, worded_texts))
styles = st.sampled_from(["bold", "red", "italic underline", "dim"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    text = Text(draw(any_texts), style=draw(st.sampled_from(["", "", "", "green"])))
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        text.stylize(draw(styles), start, draw(st.integers(start, len(text) + 2)))
    return text


def drawn(renderable: object, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=True, color_system="truecolor",
            highlight=False, markup=False, emoji=False, soft_wrap=False).print(renderable)
    return out.getvalue()


@given(texts(), st.integers(1, 60))
@settings(max_examples=800)
@example(Text("Action 1  Whereas the Parties, [recalling] their obligations,   under the "
              "Convention."), 10)
@example(Text("word " * 40), 5)
@example(Text("a" * 30 + " b"), 10)
@example(Text("ab  " * 20), 3)
@example(Text("ab cd\u00a0efgh ij"), 8)
@example(Text("ab\tcd " * 20), 7)
@example(Text("ab cd\n" * 20), 7)
def test_drawn_as_rich_draws_it(text: Text, width: int) -> None:
    assert drawn(ByLine(text.copy()), width) == drawn(text, width)


@given(st.lists(st.tuples(st.sampled_from(["État", "“déjà”", "—", "مرحبا", "会议", "e\u0301",
                                            "😀", "ab", "x" * 9]), spaces),
                min_size=5, max_size=60).map(lambda pairs: "".join(w + s for w, s in pairs)),
       st.integers(1, 30))
@example("会议 ab " * 30, 10)
@example("cafe\u0301 " * 30, 10)
def test_wide_and_combining_characters_drawn_as_rich_draws_them(text: str, width: int) -> None:
    assert drawn(ByLine(Text(text)), width) == drawn(Text(text), width)


def test_a_long_paragraph_is_wrapped_here() -> None:
    """The case it is for: a paragraph of thousands of lines, labelled in bold."""
    text = Text("Action 1", style="bold")
    text.append("  " + " ".join(f"word{n % 97}," for n in range(20_000)))
    assert drawn(ByLine(text.copy()), 80) == drawn(text, 80)
