from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draftkit.labels import (
    MULTIPLICATIVES,
    Label,
    LabelError,
    insertion_label,
    label_after,
    label_before,
    renumber,
)
from draftkit.merge import LabelPlacer
from draftkit.proposals import Position
from strategies import labels


@pytest.mark.parametrize(("written", "canonical"), [
    ("OP5", "OP5"), ("OP 5 bis", "OP5 bis"), ("op5bis", "OP5 bis"), ("PP3", "PP3"),
    ("Action 12", "Action 12"), ("Action #12", "Action 12"), ("action12", "Action 12"),
    ("12 ter", "12 ter"), ("4.1", "4.1"), ("Action 4.1", "Action 4.1"),
    ("paragraph 12", "12"), ("para. 12", "12"), ("§ 12", "12"), ("OP5 decies", "OP5 decies"),
    ("OP5 undecies", "OP5 undecies"), ("OP 5 (21)", "OP5 (21)"), ("OP5 bis ter", "OP5 bis ter"),
    ("OP5 QUATER", "OP5 quater"), ("Recital 3", "Recital 3"),
])
def test_parse_common_spellings(written: str, canonical: str) -> None:
    assert str(Label.parse(written)) == canonical


@pytest.mark.parametrize("bad", ["", "OP", "bis", "OP5 quinto", "5 bis bis x", "OP-5", "5 (1)"])
def test_parse_rejects_non_addresses(bad: str) -> None:
    with pytest.raises(LabelError):
        Label.parse(bad)


def test_multiplicatives_order() -> None:
    words = ["5", "5 bis", "5 ter", "5 quater", "5 quinquies", "5 sexies", "5 septies",
             "5 octies", "5 novies", "5 decies", "5 undecies", "5 (21)", "6"]
    parsed = [Label.parse(w) for w in words]
    assert parsed == sorted(parsed)


@given(labels)
def test_parse_print_round_trip(label: Label) -> None:
    assert Label.parse(str(label)) == label


@given(labels, labels, labels)
def test_order_is_total_and_transitive(a: Label, b: Label, c: Label) -> None:
    assert (a < b) + (b < a) + (a == b) == 1
    if a <= b <= c:
        assert a <= c


@given(st.lists(labels, unique=True, min_size=1, max_size=8), st.data())
def test_label_after_sits_between_neighbours(in_use: list[Label], data: st.DataObject) -> None:
    in_use.sort()
    position = data.draw(st.integers(0, len(in_use) - 1))
    before = in_use[position]
    following = [x for x in in_use[position + 1:] if x.family == before.family]
    try:
        new = label_after(before, in_use)
    except LabelError:
        # Only when the very next label is "before + bis" can nothing fit.
        assert following and following[0].suffix[: len(before.suffix)] == before.suffix
        return
    assert new not in in_use
    assert before < new
    if following:
        assert new < following[0]


def test_insertion_labels_in_practice() -> None:
    ops = [Label.parse(x) for x in ["OP4", "OP5", "OP5 bis", "OP6"]]
    assert str(label_after(ops[1], ops[:2] + ops[3:])) == "OP5 bis"
    assert str(label_after(ops[2], ops)) == "OP5 ter"
    assert str(label_after(Label.parse("OP5 bis"), [*ops, Label.parse("OP5 ter")])) == \
        "OP5 bis bis"
    assert str(insertion_label([None, *ops], 0)) == "OP3 bis"
    assert insertion_label([None, None], 1) is None


def test_renumber_gives_clean_numbers_per_family() -> None:
    written = ["1", "2", None, "Action 1", "Action 1 bis", "Action 2", "3", "Action 3",
               "4.1", "4.1 bis", "4.2", "5.1"]
    labels_ = [Label.parse(x) if x else None for x in written]
    assert [str(x) if x else None for x in renumber(labels_)] == [
        "1", "2", None, "Action 1", "Action 2", "Action 3", "3", "Action 4",
        "4.1", "4.2", "4.3", "5.1"]


# Labels compare by their canonical form: case never makes two labels differ.

PREFIXES = ["", "OP", "op", "Op", "PP", "pp", "Action", "ACTION", "action", "Actions",
            "Article", "ARTICLE", "article", "ArTiClE", "Recital", "RECITAL", "paragraph",
            "Para", "PARAGRAPH", "§", "Straße", "STRASSE", "ß", "Ǆ", "ǅ", "ǆ"]


def _spelled(prefix: str, number: tuple[int, ...], suffix: tuple[int, ...],
             style: int) -> str:
    """One of the ways a person writes a label: "Action #12", "op5bis", "OP 5 BIS"."""
    digits = ".".join(str(n) for n in number)
    words = [MULTIPLICATIVES[n - 2] if n - 2 < len(MULTIPLICATIVES) else f"({n})"
             for n in suffix]
    if style == 1:
        words = [w.upper() for w in words]
    head = {0: f"{prefix} {digits}", 1: f"{prefix}{digits}",
            2: f"{prefix} #{digits}" if prefix else f"#{digits}"}[style % 3]
    return " ".join([head, *words]).strip()


spelled_labels = st.builds(
    _spelled, st.sampled_from(PREFIXES),
    st.lists(st.integers(0, 40), min_size=1, max_size=3).map(tuple),
    st.lists(st.integers(2, 23), max_size=3).map(tuple), st.integers(0, 2),
).map(Label.parse)
built_labels = st.builds(
    Label, st.sampled_from(PREFIXES),
    st.lists(st.integers(0, 40), min_size=1, max_size=3).map(tuple),
    st.lists(st.integers(2, 23), max_size=3).map(tuple))
any_label = st.one_of(labels, spelled_labels, built_labels)


def _case_variant(label: Label, upper: bool) -> Label:
    return Label(label.prefix.upper() if upper else label.prefix.lower(), label.number,
                 label.suffix)


@pytest.mark.parametrize(("one", "other"), [
    ("ARTICLE 5", "Article 5"), ("article 5", "Article 5"), ("OP5 BIS", "op 5 bis"),
    ("Action #12", "ACTION 12"), ("paragraph 12", "12"), ("PARA. 12", "12"),
    ("4.1", "4.1"), ("Recital 3 ter", "RECITAL 3 TER"),
])
def test_labels_differing_in_case_are_one_label(one: str, other: str) -> None:
    a, b = Label.parse(one), Label.parse(other)
    assert a == b and hash(a) == hash(b)
    assert a <= b and b <= a and not a < b and not b < a
    assert len({a, b}) == 1


def test_a_label_keeps_its_spelling_when_printed() -> None:
    assert str(Label.parse("ARTICLE 5")) == "ARTICLE 5"
    assert str(Label.parse("Article 5")) == "Article 5"


def test_building_a_label_gives_the_canonical_prefix() -> None:
    assert Label("op", (5,), (2,)) == Label.parse("OP5 bis")
    assert str(Label("op", (5,), (2,))) == "OP5 bis"
    assert str(Label("paragraph", (12,))) == "12"


@pytest.mark.parametrize(("prefix", "number", "suffix"), [
    ("O P", (5,), ()), ("5", (5,), ()), ("OP", (), ()), ("OP", (-1,), ()), ("OP", (5,), (1,)),
])
def test_a_malformed_label_is_a_label_error(prefix: str, number: tuple[int, ...],
                                            suffix: tuple[int, ...]) -> None:
    with pytest.raises(LabelError):
        Label(prefix, number, suffix)


def _near(label: Label) -> st.SearchStrategy[Label]:
    """Labels near `label`: a case variant, one more suffix, a neighbouring number."""
    return st.one_of(
        st.builds(_case_variant, st.just(label), st.booleans()),
        st.builds(Label, st.sampled_from(PREFIXES), st.just(label.number),
                  st.just(label.suffix)),
        st.just(Label(label.prefix.swapcase(), label.number, (*label.suffix, 2))),
        st.just(label.with_number(label.number[-1] + 1)), any_label)


@given(any_label, st.data())
def test_equality_agrees_with_order_and_hash(a: Label, data: st.DataObject) -> None:
    b = data.draw(_near(a))
    assert (a <= b and b <= a) == (a == b)  # antisymmetry, and only equal labels tie
    assert (a < b) + (b < a) + (a == b) == 1  # totality
    assert (a <= b) == (a < b or a == b) and (a >= b) == (b <= a) and (a > b) == (b < a)
    if a == b:
        assert hash(a) == hash(b) and a.family == b.family


@given(any_label, st.data())
def test_order_is_transitive_over_spellings(a: Label, data: st.DataObject) -> None:
    b = data.draw(_near(a))
    c = data.draw(_near(b))
    if a <= b and b <= c:
        assert a <= c
    if a == b and b == c:
        assert a == c


@given(any_label, st.booleans())
def test_case_variants_are_equal_and_round_trip(label: Label, upper: bool) -> None:
    variant = _case_variant(label, upper)
    assert variant == label and hash(variant) == hash(label)
    assert not variant < label and not label < variant
    assert Label.parse(str(label)) == label
    assert Label.parse(str(label).upper()) == label and Label.parse(str(label).lower()) == label


@given(st.lists(any_label, max_size=12))
def test_a_set_and_a_sort_agree(found: list[Label]) -> None:
    ordered = sorted(found)
    assert all(x <= y for x, y in pairwise(ordered))
    distinct = sorted(set(found))
    assert all(x < y for x, y in pairwise(distinct))


def _next_to(labels: list[Label | None], n: int, position: Position) -> Label | None:
    """The rule LabelPlacer follows, looking at every label each time (the oracle)."""
    following = next((lb for lb in labels[n + 1:] if lb is not None), None)
    if position is Position.BEFORE and following is not None:
        return label_before(following, [lb for lb in labels if lb is not None])
    previous = next((lb for lb in labels[n - 1::-1] if lb is not None), None) if n else None
    if previous is None:
        return insertion_label(labels, n)
    return label_after(previous, [lb for lb in labels if lb is not None])


# A few labels, so that places clash: "OP2 bis" taken, "OP2 ter" next, other families.
_CLASHING = st.sampled_from([Label.parse(text) for text in (
    "OP1", "OP2", "OP2 bis", "OP2 ter", "OP2 bis bis", "OP3", "op3 bis", "Action 2",
    "Action 2 bis", "4.1", "4.1 bis", "4.2")])


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), _CLASHING, labels), max_size=12), st.randoms())
def test_placing_labels_one_by_one_follows_the_rule_with_every_label_in_view(
        given_labels: list[Label | None], rng: random.Random) -> None:
    """Added paragraphs (the unlabelled places) labelled one after another, in any order,
    by the placer's index or by looking at every label: the same labels, or both fail."""
    placed, expected = list(given_labels), list(given_labels)
    placer = LabelPlacer(placed)
    places = [n for n, label in enumerate(given_labels) if label is None]
    rng.shuffle(places)
    for n in places:
        position = rng.choice(list(Position))
        try:
            want: Label | LabelError | None = _next_to(expected, n, position)
        except LabelError as error:
            want = error
        if isinstance(want, LabelError):
            with pytest.raises(LabelError):
                placer.place(n, position)
            continue
        expected[n] = want
        assert placer.place(n, position) == want
        assert placed == expected
