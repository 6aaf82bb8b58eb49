"""`chardiff.minimal_diff` gives what the pure-Python diff-match-patch gives, piece for
piece, whichever engine runs: what draftkit prints must never depend on whether the C++
port is installed."""

from __future__ import annotations

import tomllib
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement

from conftest import REPO
from draftkit import chardiff
from draftkit.chardiff import minimal_diff, python_diff
from draftkit.text import tokens
from draftkit.tokens import encode
from strategies import paragraph_text, word_soup

# Few distinct characters make many equal runs and many equally short diffs, where two
# ports of the algorithm would part first if they broke ties differently. NUL (the first
# token `encode` numbers), line breaks, a non-character, and one character past U+FFFF.
narrow = st.text(st.sampled_from(["\x00", "a", "b", " ", "\n", "\r", "é", "ก", "\uffff",
                                  "\U0001f600", "会"]), max_size=80)


def _edited(draw: st.DrawFn, text: str) -> str:
    chars = list(text)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(chars)))
        if chars and at < len(chars) and draw(st.booleans()):
            del chars[at]
        else:
            chars.insert(at, draw(narrow.filter(bool).map(lambda text: text[0])))
    return "".join(chars)


@st.composite
def string_pairs(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(narrow)
    return a, draw(st.one_of(narrow, st.just(a).map(lambda text: _edited(draw, text))))


@settings(max_examples=600)
@given(string_pairs())
@example(("", "")).via("empty")
@example(("\x00a\x00", "a\x00\x00")).via("NUL is a character like any other")
@example(("ab\U0001f600", "\U0001f600ba")).via("past U+FFFF")
def test_fast_diff_is_the_python_diff(pair: tuple[str, str]) -> None:
    a, b = pair
    assert minimal_diff(a, b) == python_diff(a, b)


@settings(max_examples=200)
@given(st.one_of(word_soup, paragraph_text), st.one_of(word_soup, paragraph_text))
def test_fast_diff_is_the_python_diff_on_encoded_words(old: str, new: str) -> None:
    (a, b), _ = encode(tokens(old), tokens(new))
    pieces = minimal_diff(a, b)
    assert pieces == python_diff(a, b)
    assert "".join(text for op, text in pieces if op <= 0) == a
    assert "".join(text for op, text in pieces if op >= 0) == b


def test_fast_engine_runs_where_it_has_a_wheel() -> None:
    """pyproject asks for fast-diff-match-patch where it has a wheel: there the speed the
    benchmarks promise depends on it being found."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [wanted] = [Requirement(r) for r in project["project"]["dependencies"]
                if r.startswith("fast-diff-match-patch")]
    assert wanted.marker is not None
    if not wanted.marker.evaluate():
        pytest.skip("fast-diff-match-patch has no wheel for this Python or machine")
    assert chardiff._fast() is not None


def test_strings_the_fast_engine_refuses_go_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the C++ port refuses characters past U+FFFF (RuntimeError)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("String contains high-code-point characters")
    monkeypatch.setattr(chardiff, "_fast", lambda: SimpleNamespace(diff=refuse))
    assert minimal_diff("a\U0001f600b", "ab") == [(0, "a"), (-1, "\U0001f600"), (0, "b")]


def test_without_the_fast_engine_python_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chardiff, "_fast", lambda: None)
    assert minimal_diff("the cat sat", "the dog sat") == [
        (0, "the "), (-1, "cat"), (1, "dog"), (0, " sat")]
