"""Properties of the merge: exact edits, commuting proposals, attribution, staleness, and
git merge-file as an oracle on paragraphs written one word per line."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

from draftkit.anchors import occurrences
from draftkit.edits import Edit, Words, edit_of, overlap, write
from draftkit.errors import DraftkitError
from draftkit.merge import MergeOptions, merge
from draftkit.proposals import Operation, OperationKind, Proposal
from draftkit.rebase import History, word_changes
from merge_helpers import make_proposal, one, run_merge, text_of, words_op

VOCABULARY = ["plan", "States", "Parties", "[condemn]", "[", "]", "will", "as", "soon",
              "possible", ",", ".", "مرحبا", "שלום", "𝔘𝔫𝔦", "😀", "Côte", "ລາວ", "the", "of",
              "within", "eight", "years", "<b>", "&amp;", "#", "|"]
NEW_WORDS = st.lists(st.sampled_from(["new", "wording", "[bracketed]", "ñandú", "𝔘", ","]),
                     min_size=1, max_size=3).map(" ".join)
texts = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14).map(" ".join)
DISTINCT = st.lists(st.sampled_from([*VOCABULARY[:20], "alpha", "beta", "gamma", "delta"]),
                    min_size=2, max_size=12, unique=True).map(" ".join).filter(
    lambda text: len(set(Words.of(text).words)) == len(Words.of(text)))


FRESH_WORDS = st.lists(st.sampled_from(["new", "wording", "ñandú", "𝔘"]), min_size=1,
                       max_size=3).map(" ".join)


@st.composite
def operation_on(draw: st.DrawFn, text: str, start: int | None = None, end: int | None = None,
                 new_words: st.SearchStrategy[str] = NEW_WORDS) -> Operation:
    """An insert, delete, replace or retain on words [start, end) of `text` (drawn if None)."""
    words = Words.of(text)
    if start is None or end is None:
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, len(words)))
    quote = words.span(start, end)
    occurrence = sum(1 for s in occurrences(text, quote) if s < words.starts[start]) + 1
    kind = draw(st.sampled_from(["insert", "delete", "replace", "retain"]))
    position = draw(st.sampled_from(["before", "after"])) if kind == "insert" else None
    new = draw(new_words) if kind in ("insert", "replace") else ""
    return words_op(text, kind, quote, new, position, occurrence)


@given(st.data(), texts)
def test_an_edit_alone_writes_what_its_operation_writes(data: st.DataObject, text: str) -> None:
    operation = data.draw(operation_on(text))
    assert write(Words.of(text), [edit_of(operation, text)]).text == operation.apply(text)


@st.composite
def disjoint_proposals(draw: st.DrawFn, source: st.SearchStrategy[str] = texts,
                       new_words: st.SearchStrategy[str] = NEW_WORDS,
                       ) -> tuple[str, list[Proposal]]:
    """A text and up to four proposals on separate words (they may meet, never overlap)."""
    text = draw(source)
    size = len(Words.of(text))
    cuts = sorted(draw(st.sets(st.integers(0, size), min_size=2, max_size=9)))
    ranges = [(a, b) for a, b in itertools.pairwise(cuts)][::2][:4]
    proposals = [make_proposal(f"P{n}-x", "p1", draw(operation_on(text, a, b, new_words)),
                               parties=(f"S{n}",), n=n)
                 for n, (a, b) in enumerate(ranges)]
    edits = [edit_of(p.operation, text) for p in proposals]
    assume(not any(overlap(x, y) for x, y in itertools.combinations(edits, 2)))
    assume(write(Words.of(text), [e for e in edits if not _no_op(e, text)]).text.strip())
    return text, proposals


@settings(max_examples=60)
@given(disjoint_proposals())
def test_proposals_on_disjoint_words_commute(case: tuple[str, list[Proposal]]) -> None:
    text, proposals = case
    results = {text_of(run_merge(one(text), list(order)))
               for order in itertools.permutations(proposals)}
    assert len(results) == 1


@given(st.deferred(lambda: disjoint_proposals(DISTINCT, FRESH_WORDS)))
def test_each_changed_span_is_attributed_to_exactly_the_applied_proposals(
        case: tuple[str, list[Proposal]]) -> None:
    """Diff the merged text against the old one (a minimal word diff: a display diff's
    clean-up may fold an unchanged word between two changes into one): every changed
    span meets a recorded change, and the proposals named are exactly those that
    changed the text. The words are distinct: with repeated words a diff may align a
    change with another occurrence, which is why the recorded provenance, not a diff,
    says who changed what."""
    text, proposals = case
    result = run_merge(one(text), proposals)
    merged = text_of(result)
    assert result.provenance is not None
    changes = result.provenance.for_paragraph("p1")
    old, new = Words.of(text), Words.of(merged)
    named: set[str] = set()
    for a, b, c, d in word_changes(old, new).regions:
        (low, high), (start, end) = old.chars(a, b), new.chars(c, d)
        behind = [change for change in changes
                  if (change.old_start <= high and low <= change.old_end) or
                  (change.new_start <= end and start <= change.new_end)]
        assert behind, ((a, b, c, d), changes)
        named |= {i for change in behind for i in change.proposals}
    changing = {p.id for p in proposals if p.operation.apply(text) != text}
    assert named == changing
    assert {i for change in changes for i in change.proposals} == changing


@settings(max_examples=150)
@given(st.data(), texts)
def test_a_stale_proposal_is_never_applied(data: st.DataObject, text: str) -> None:
    """Rev.1 is made by merging one proposal into the zero draft (so its provenance says
    exactly which words changed); ours, written against the zero draft, is stale exactly
    when the two touch the same words, and is then not applied."""
    theirs = make_proposal("THEIRS-1", "p1", data.draw(operation_on(text)), parties=("MEX",))
    ours = make_proposal("OUR-1", "p1", data.draw(operation_on(text)), n=1)
    theirs_edit, our_edit = edit_of(theirs.operation, text), edit_of(ours.operation, text)
    assume(not _no_op(theirs_edit, text))
    assume(_words_only(theirs_edit, text) and _words_only(our_edit, text))
    zero = one(text)
    try:
        first = run_merge(zero, [theirs], name="rev1")
    except DraftkitError:  # it would leave the paragraph without words
        return
    assert first.revision is not None and first.provenance is not None
    history = History({"zero-draft": zero, "rev1": first.revision}, {"rev1": first.provenance})
    clash = overlap(theirs_edit, our_edit)
    options = MergeOptions("rev2", dt.date(2010, 9, 1), "Presidency")
    try:
        result = merge(first.revision, [ours], history, options)
    except DraftkitError as error:  # both together would leave no words at all
        assert "without words" in str(error) and not clash
        return
    if clash:
        assert [s.proposal for s in result.stale] == ["OUR-1"]
        assert result.revision is None and result.applied == ()
        assert "Rev.1 by THEIRS-1 (MEX)" in result.stale[0].reason
    else:
        assert not result.stale
        expected = write(Words.of(text), [theirs_edit, *([] if _no_op(our_edit, text) else
                                                           [our_edit])]).text
        assert Words.of(text_of(result)).words == Words.of(expected).words


def _words_only(edit: Edit, text: str) -> bool:
    """The edit changes only its own words: it glues no neighbouring words together."""
    words = Words.of(text)
    keys = words.words
    written = Words.of(write(words, [edit]).text).words
    return written == keys[:edit.start] + Words.of(edit.text).words + keys[edit.end:]


def _no_op(edit: Edit, text: str) -> bool:
    return not edit.is_insertion and edit.text == Words.of(text).span(edit.start, edit.end)


GIT = shutil.which("git")


def _git_merge(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
               ) -> list[str] | None:
    """git merge-file on the three word lists, one word a line; None on a conflict."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, words in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
            paths.append(str(path))
        done = subprocess.run([GIT or "git", "merge-file", "-p", *paths], capture_output=True,
                              text=True, encoding="utf-8")
    if done.returncode != 0:
        return None
    return done.stdout.splitlines()




@pytest.mark.skipif(GIT is None, reason="git is not installed")
@settings(max_examples=80, deadline=None)
@given(st.data(), DISTINCT)
def test_git_merge_file_agrees_where_it_merges_cleanly(data: st.DataObject, text: str) -> None:
    """Two proposals on a paragraph of distinct words, against `git merge-file` one word a line.

    Where git merges cleanly our text has the same words. Where both change the
    same words both report a conflict. Where they merely meet (edit neighbouring
    words, or insert next to words the other edits) git reports a conflict and
    we combine them: that is our documented rule (docs/merge.md).
    """
    fresh = {"new_words": FRESH_WORDS}  # words not in the text, so git cannot align them there
    first = make_proposal("A-1", "p1", data.draw(operation_on(text, **fresh)), parties=("NOR",))
    second = make_proposal("B-1", "p1", data.draw(operation_on(text, **fresh)), parties=("MEX",),
                           n=1)
    ours, theirs = first.operation.apply(text), second.operation.apply(text)
    assume(ours and theirs and ours.strip() and theirs.strip())
    assert ours is not None and theirs is not None
    try:
        result = run_merge(one(text), [first, second])
    except DraftkitError:  # together they leave no words: nothing to compare
        reject()
    git = _git_merge(Words.of(text).words, Words.of(ours).words, Words.of(theirs).words)
    edits = (edit_of(first.operation, text), edit_of(second.operation, text))
    assume(not any(_no_op(e, text) for e in edits))  # a retain is no text change to git
    changes_same_words = overlap(*edits) and edits[0].key() != edits[1].key()
    lifts = any(p.operation.kind is OperationKind.RETAIN for p in (first, second))
    if lifts and changes_same_words:
        # A retain that changes the text lifts a bracketed alternative's brackets: one
        # change of the whole set, which conflicts with any other change of it
        # (docs/merge.md), where git, seeing only deleted bracket lines, may merge.
        assert result.conflicts
        return
    if git is not None:
        assert result.clean, result.conflicts
        assert list(Words.of(text_of(result)).words) == git
    elif changes_same_words:
        assert result.conflicts or ours == theirs
    else:
        assert result.clean
        merged = text_of(result)
        for edit in edits:
            assert edit.text.strip() in merged


@pytest.mark.parametrize("bracket", ["[", "]"])
@pytest.mark.parametrize("quote", ["[condemn]", "condemn"])
def test_a_bracket_lift_conflicts_with_deleting_one_of_its_brackets(bracket: str,
                                                                    quote: str) -> None:
    """Found by the git oracle: "[condemn] plan", NOR retains the alternative (lifting
    its brackets) while MEX deletes one bracket. git, one word a line, merges the two
    deletions of "[" cleanly; draftkit reports the two decisions on the set."""
    text = "[condemn] plan"
    lift = make_proposal("A-1", "p1", words_op(text, "retain", quote, "", None, 1),
                         parties=("NOR",))
    cut = make_proposal("B-1", "p1", words_op(text, "delete", bracket, "", None, 1),
                        parties=("MEX",), n=1)
    for order in ([lift, cut], [cut, lift]):
        result = run_merge(one(text), order)
        [conflict] = result.conflicts
        assert conflict.words == "[condemn]"
        assert {side.operation for side in conflict.sides} == {"retain", "delete"}
    assert run_merge(one(text), [lift]).clean
