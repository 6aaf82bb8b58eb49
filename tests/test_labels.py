from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftkit.labels import Label, LabelError, insertion_label, label_after, renumber
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
