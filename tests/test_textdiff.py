from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE
from draftkit import open_drafts, textdiff
from draftkit.text import tokens
from draftkit.textdiff import Span, diff
from strategies import paragraph_text, word_soup

texts = st.one_of(word_soup, paragraph_text, st.text())


def joined(spans: tuple[Span, ...], ops: tuple[str, ...]) -> str:
    return "".join(span.text for span in spans if span.op in ops)


@given(texts, texts)
def test_spans_reconstruct_both_texts(a: str, b: str) -> None:
    spans = diff(a, b)
    assert joined(spans, ("equal", "delete")) == a
    assert joined(spans, ("equal", "insert")) == b


@given(texts, texts)
def test_spans_are_merged_and_never_empty(a: str, b: str) -> None:
    spans = diff(a, b)
    assert all(span.text for span in spans)
    assert all(x.op != y.op for x, y in pairwise(spans))
    assert not any(x.op == "insert" and y.op == "delete" for x, y in pairwise(spans))


@given(texts)
def test_a_text_against_itself_is_one_equal_span(a: str) -> None:
    assert diff(a, a) == ((Span("equal", a),) if a else ())


def test_words_kept_by_an_edit_at_the_end_are_not_shown_as_changed() -> None:
    assert diff("cease all use", "cease all use forthwith") == (
        Span("equal", "cease all use"), Span("insert", " forthwith"))
    assert diff("cease all use forthwith", "cease all use") == (
        Span("equal", "cease all use"), Span("delete", " forthwith"))


def test_changes_are_whole_words_and_brackets() -> None:
    spans = diff("within [one year] [six months] of entry",
                 "within one year of entry")
    assert [s.op for s in spans] == ["equal", "delete", "insert", "equal"]
    assert spans[1].text == "[one year] [six months]" and spans[2].text == "one year"
    assert diff("the possible outcome", "the possibly outcome") == (
        Span("equal", "the "), Span("delete", "possible"), Span("insert", "possibly"),
        Span("equal", " outcome"))


def test_long_rewrites_fall_back_to_one_replacement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textdiff, "MAX_WORK", 10)
    a = "Keep this. " + " ".join(f"old{i}" for i in range(20)) + " and this."
    b = "Keep this. " + " ".join(f"new{i}" for i in range(20)) + " and this."
    spans = diff(a, b)
    assert [s.op for s in spans] == ["equal", "delete", "insert", "equal"]
    assert joined(spans, ("equal", "delete")) == a and joined(spans, ("equal", "insert")) == b


# The oracle: git's word diff, with words cut as ours are (a run of letters, or
# one punctuation mark), on the same paragraphs.

GIT_WORDS = r"[^[:space:][:punct:]]+|[[:punct:]]"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_changed_words(a: str, b: str, tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "a").write_text(a + "\n", encoding="utf-8")
    (tmp / "b").write_text(b + "\n", encoding="utf-8")
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    out = subprocess.run(
        ["git", "diff", "--no-index", "--no-color", "--word-diff=porcelain",
         f"--word-diff-regex={GIT_WORDS}", str(tmp / "a"), str(tmp / "b")],
        capture_output=True, text=True, encoding="utf-8", env=environment, check=False).stdout
    body = out[out.index("\n@@"):].split("\n")[2:] if "\n@@" in out else []
    words = re.compile(r"[^\s!-/:-@\[-`{-~]+|[!-/:-@\[-`{-~]")
    return ([w for line in body if line.startswith("-") for w in words.findall(line[1:])],
            [w for line in body if line.startswith("+") for w in words.findall(line[1:])])


def our_changed_words(a: str, b: str) -> tuple[list[str], list[str]]:
    spans = diff(a, b)
    return tuple(  # type: ignore[return-value]
        [t.strip() for s in spans if s.op == op for t in tokens(s.text) if t.strip()]
        for op in ("delete", "insert"))


@st.composite
def edited_paragraphs(draw: st.DrawFn) -> tuple[str, str]:
    """A paragraph of distinct words (Latin, Arabic, Hebrew, Cyrillic, astral; punctuation and
    brackets) and an edit of it: replacements, insertions and deletions of one or
    two words, at least three words apart, so that the right answer is unique."""
    stems = ["alpha", "مرحبا", "שלום", "𝔘𝔫𝔦", "gamma", "delta", "слово", "omega", "sigma"]
    count = draw(st.integers(4, 30))
    fresh = (f"{stems[i % len(stems)]}{i}" for i in range(1000))
    words = [next(fresh) for _ in range(count)]
    punctuation = draw(st.lists(st.sampled_from(["[", "]", ",", ";", "("]), min_size=count,
                                max_size=count))
    old = [f"{w}{p}" if i % 3 == 1 else w for i, (w, p) in enumerate(zip(words, punctuation,
                                                                            strict=True))]
    new: list[str] = []
    index = 0
    while index < len(old):
        action = draw(st.sampled_from(["keep"] * 3 + ["replace", "insert", "delete"]))
        if action == "keep" or index + 1 == len(old):
            new.append(old[index])
            index += 1
            continue
        if action == "replace":
            new.append(next(fresh))
        elif action == "insert":
            new += [old[index], next(fresh)]
        new += old[index + 1:index + 4]
        index += 4
    return " ".join(old), " ".join(new)


@needs_git
@settings(max_examples=40, deadline=None)
@given(edited_paragraphs())
def test_changed_words_match_git(pair: tuple[str, str]) -> None:
    a, b = pair
    with tempfile.TemporaryDirectory() as folder:
        assert our_changed_words(a, b) == git_changed_words(a, b, Path(folder))


@needs_git
def test_changed_words_on_the_shipped_drafts_cover_gits(tmp_path: Path) -> None:
    """On real edits semantic cleanup may widen a change to the short run of words
    between two edits; it never leaves out a word git finds changed."""
    drafts = open_drafts(FIXTURE)
    compared = 0
    for document in ("vientiane-action-plan", "political-declaration"):
        before = drafts.revision(document, "zero-draft")
        after = drafts.revision(document, "rev1")
        for paragraph in before.paragraphs():
            later = after.by_id(paragraph.id)
            if later is None or later.text == paragraph.text:
                continue
            ours = our_changed_words(paragraph.text, later.text)
            gits = git_changed_words(paragraph.text, later.text, tmp_path)
            for our_words, git_words in zip(ours, gits, strict=True):
                assert not Counter(git_words) - Counter(our_words), paragraph.label
            compared += 1
    assert compared >= 10
