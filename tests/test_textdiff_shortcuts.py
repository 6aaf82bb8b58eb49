"""The shortcuts of `textdiff.diff` change nothing: the same spans as cutting both whole
texts into tokens (as it did before the shortcuts, kept here as the oracle), for texts
that share long openings and endings, edited anywhere, in any script."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftkit import textdiff
from draftkit.text import tokens
from draftkit.textdiff import Op, Span, diff
from strategies import paragraph_text, word_soup

pieces = st.one_of(word_soup, paragraph_text, st.text(max_size=12), st.sampled_from(
    [" ", "  ", "\t", ", ", ". ", "a", "a ", " a", "会议", "é\u0301"]))


def whole_token_diff(a: str, b: str) -> tuple[Span, ...]:
    """The diff as specified: both texts cut whole into tokens, the common leading and
    trailing tokens set aside, the middle diffed (or replaced whole past MAX_WORK)."""
    if a == b:
        return (Span("equal", a),) if a else ()
    if not a or not b:
        return (Span("insert", b) if b else Span("delete", a),)
    old, new = tokens(a), tokens(b)
    head = textdiff._common_prefix(old, new)
    tail = textdiff._common_prefix(old[head:][::-1], new[head:][::-1])
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if len(middle_old) * len(middle_new) > textdiff.MAX_WORK:
        middle: list[tuple[Op, str]] = [("delete", "".join(middle_old)),
                                        ("insert", "".join(middle_new))]
    else:
        middle = textdiff._word_diff(middle_old, middle_new)
    whole = [("equal", "".join(old[:head])), *middle, ("equal", "".join(old[len(old) - tail:]))]
    return tuple(Span(op, text) for op, text in
                 textdiff._merge(textdiff._split_common_words(textdiff._merge(whole))))


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts with a shared opening and ending (either may be empty) around middles
    that may be empty, equal, or one the start or end of the other."""
    opening, ending = draw(pieces), draw(pieces)
    first = draw(pieces)
    second = draw(st.one_of(pieces, st.just(first), st.just(""),
                            st.builds(lambda x: first + x, pieces),
                            st.builds(lambda x: x + first, pieces)))
    pair = (opening + first + ending, opening + second + ending)
    return pair if draw(st.booleans()) else pair[::-1]


@given(edited_pairs())
@settings(max_examples=1500)
@example(("a b c", "a b X c"))
@example(("a b c d", "a b c c d"))
@example(("x y", "x y y"))
@example(("  lead word, tail.", "  lead word tail."))
@example(("bar", "bar baz bar"))
def test_same_spans_as_cutting_the_whole_texts(pair: tuple[str, str]) -> None:
    assert diff(*pair) == whole_token_diff(*pair)


@given(st.one_of(word_soup, paragraph_text, st.text()), st.one_of(word_soup, st.text()))
def test_same_spans_on_unrelated_texts(a: str, b: str) -> None:
    assert diff(a, b) == whole_token_diff(a, b)


@pytest.mark.parametrize("limit", [0, 4, 30])
@given(pair=edited_pairs())
@settings(max_examples=300)
def test_same_spans_when_the_middle_is_too_long_to_diff(limit: int,
                                                         pair: tuple[str, str]) -> None:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(textdiff, "MAX_WORK", limit)
        assert diff(*pair) == whole_token_diff(*pair)


def test_same_spans_past_the_look_back() -> None:
    """A shared opening whose last whitespace is further back than the look-back."""
    long_word = "x" * (textdiff._LOOK_BACK * 2)
    for a, b in [(f"a {long_word}y b", f"a {long_word}z b"),
                 (f"a {long_word} b", f"a {long_word} c {long_word}"),
                 (f"{long_word}{long_word}", f"{long_word}.{long_word}")]:
        assert diff(a, b) == whole_token_diff(a, b)
        assert diff(b, a) == whole_token_diff(b, a)
