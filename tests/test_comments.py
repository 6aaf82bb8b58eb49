from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_revision
from draftkit.anchors import Located, anchor_at, carry, find, locate, occurrences
from draftkit.api import Drafts
from draftkit.comments import Disposition
from draftkit.errors import DraftkitError
from draftkit.store.item_format import format_comment, parse_comment

WORDS = ["the", "States", "Parties", "will", "destroy", "[all]", "stockpiles", "within",
         "eight", "years", "États", "ລາວ", "😀", "report"]


@given(st.lists(st.sampled_from(WORDS), min_size=4, max_size=20), st.data())
def test_anchor_survives_unrelated_edits(words: list[str], data: st.DataObject) -> None:
    """Words before and after the quote change; the anchor follows its own words, found
    wherever they are the only such words, and never elsewhere (where repetition makes
    the place ambiguous it is orphaned: never guessed)."""
    text = " ".join(words)
    start = data.draw(st.integers(0, len(words) - 2))
    end = data.draw(st.integers(start + 1, len(words) - 1))
    quote_start = len(" ".join(words[:start])) + (1 if start else 0)
    place = Located(quote_start, quote_start + len(" ".join(words[start:end])))
    prefix = data.draw(st.lists(st.sampled_from(WORDS), max_size=3))
    suffix = data.draw(st.lists(st.sampled_from(WORDS), max_size=3))
    edited = " ".join([*prefix, *words[:start]]) + (" " if prefix or start else "") + \
        text[place.start:place.end] + " " + " ".join([*words[end:], *suffix])
    moved = carry(place, text, edited)
    quote = text[place.start:place.end]
    if len(occurrences(edited, quote)) == 1:
        assert moved is not None
    if moved is not None:
        assert edited[moved.start:moved.end] == quote
        shift = len(" ".join(prefix)) + (1 if prefix else 0)
        assert moved.start == place.start + shift  # its own words, not another occurrence


@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=16), st.data())
def test_anchor_never_jumps_to_another_occurrence(words: list[str],
                                                  data: st.DataObject) -> None:
    """Delete the anchored words: the anchor is orphaned even if the same words remain."""
    doubled = [*words, *words]
    text = " ".join(doubled)
    second = len(" ".join(words)) + 1
    place = Located(second, len(text))
    edited = " ".join(words)
    assert carry(place, text, edited) is None or \
        carry(place, text, edited) == Located(0, len(edited))


def test_anchor_is_unique_context() -> None:
    text = "report as soon as possible and destroy as soon as possible."
    place = locate(text, "as soon as possible", occurrence=2)
    anchor = anchor_at(text, place)
    assert find(anchor, text) == place
    assert anchor.before + anchor.quote + anchor.after != anchor.quote


@pytest.fixture
def store(empty_store: Drafts) -> Drafts:
    empty_store.record(make_revision([
        ("aaaaaa", "OP1", "Destroy stockpiles as soon as possible and report as soon as "
                          "possible."),
        ("bbbbbb", "OP2", "Clear contaminated areas within ten years.")]))
    empty_store.record(make_revision([
        ("aaaaaa", "OP1", "Destroy all stockpiles within eight years and report as soon as "
                          "possible."),
        ("bbbbbb", "OP2", "Clear contaminated areas within ten years, with support.")],
        name="rev1", parent="zero-draft"))
    return empty_store


def test_comment_follows_its_words_or_is_orphaned(store: Drafts) -> None:
    on_second = store.comment("test-doc", party="NOR", text="Keep this", type="substantive",
                              paragraph="OP1", quote="as soon as possible", occurrence=2,
                              revision="zero-draft")
    on_first = store.comment("test-doc", party="CHL", text="Too vague", type="editorial",
                             paragraph="OP1", quote="as soon as possible", occurrence=1,
                             revision="zero-draft")
    kept = store.placement(on_second, "rev1")
    text = store.revision("test-doc", "rev1").find("OP1").text
    assert kept.located is not None
    assert text[kept.located.start:kept.located.end] == "as soon as possible"
    assert kept.located.start == text.index("as soon as possible")
    gone = store.placement(on_first, "rev1")
    assert gone.orphaned and "changed or removed" in gone.reason


def test_a_comment_never_lands_on_its_twin(store: Drafts) -> None:
    """Two comments on the two "as soon as possible"; a revision removes the clause that
    held one. Which one is left no diff can say: both are orphaned, saying why, exactly
    as a proposal written on those words would be refused."""
    first, second = (store.comment("test-doc", party="NOR", text=f"On {n}", paragraph="OP1",
                                   quote="as soon as possible", occurrence=n,
                                   revision="zero-draft") for n in (1, 2))
    store.record(make_revision([
        ("aaaaaa", "OP1", "Destroy stockpiles as soon as possible."),
        ("bbbbbb", "OP2", "Clear contaminated areas within ten years.")],
        name="rev2", parent="zero-draft"))
    for comment in (first, second):
        placed = store.placement(comment, "rev2")
        assert placed.orphaned and "no longer tell which" in placed.reason
    store.record(make_revision([
        ("aaaaaa", "OP1", "Destroy stockpiles and report as soon as possible."),
        ("bbbbbb", "OP2", "Clear contaminated areas within ten years.")],
        name="rev3", parent="zero-draft"))
    assert store.placement(first, "rev3").orphaned
    kept = store.placement(second, "rev3").located
    assert kept is not None and kept.start == len("Destroy stockpiles and report ")


def test_dispositions_and_replies_round_trip(store: Drafts) -> None:
    made = store.comment("test-doc", party="NOR", text="General support", type="general")
    store.reply(made.id, "CHL", "We agree | fully")
    store.dispose(made.id, "accepted-in-principle", "Will be reflected in Rev.2",
                  when=dt.datetime(2010, 9, 1, tzinfo=dt.UTC))
    again = store.comment_by_id(made.id)
    assert again.disposition is not None
    assert again.disposition.disposition is Disposition.ACCEPTED_IN_PRINCIPLE
    assert [r.text for r in again.replies] == ["We agree | fully"]
    path = store.root / "test-doc" / "comments" / f"{made.id}.txt"
    assert format_comment(parse_comment(path.read_text(), str(path))) == path.read_text()
    assert store.comments("test-doc", open_only=True) == []


def test_bad_comments(store: Drafts) -> None:
    with pytest.raises(DraftkitError, match="unknown party"):
        store.comment("test-doc", party="XYZ", text="x")
    with pytest.raises(DraftkitError, match="not in the paragraph"):
        store.comment("test-doc", party="NOR", text="x", paragraph="OP2", quote="nowhere")
    assert not (store.root / "test-doc" / "comments").exists() or \
        not list((store.root / "test-doc" / "comments").iterdir())


def test_shipped_copy_is_independent(tmp_path: Path) -> None:
    from conftest import FIXTURE

    shutil.copytree(FIXTURE, tmp_path / "d")
    assert (tmp_path / "d" / "parties.txt").read_bytes() == (FIXTURE / "parties.txt").read_bytes()


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
       st.lists(st.sampled_from(WORDS), max_size=5), st.lists(st.sampled_from(WORDS),
                                                              max_size=5))
def test_changed_words_never_move_to_their_twin(quote_words: list[str], middle: list[str],
                                                 tail: list[str]) -> None:
    """A comment on the second of two equal phrases, whose words are then replaced,
    is orphaned: it never lands on the first phrase."""
    quote = " ".join(quote_words)
    head = f"{quote} {' '.join(middle)} ".replace("  ", " ")
    text = f"{head}{quote} {' '.join(tail)}".rstrip()
    place = Located(len(head), len(head) + len(quote))
    assert text[place.start:place.end] == quote
    edited = f"{head}ZZZ {' '.join(tail)}".rstrip()
    moved = carry(place, text, edited)
    assert moved is None


def test_whole_document_comments_are_not_orphaned(store: Drafts) -> None:
    made = store.comment("test-doc", party="NOR", text="Overall, a good basis")
    assert not store.placement(made).orphaned
    assert store.comments("test-doc", section="I") == []
