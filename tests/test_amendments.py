"""amendments.components: the groups conflicts make, found without trying every pair."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from draftkit.amendments import Amendment, components, conflict
from draftkit.anchors import Anchor
from draftkit.columns import COLUMN_OPERATIONS
from draftkit.edits import Edit
from draftkit.proposals import Operation, OperationKind, Position
from merge_helpers import make_proposal

WORDS = 8  # a paragraph of 8 words: small, so that edits overlap and meet often


def _operation(kind: OperationKind) -> Operation:
    if kind.on_words:
        return Operation(kind, Anchor("x"), "new", Position.AFTER)
    if kind in (OperationKind.ADD, OperationKind.REPLACE_PARAGRAPH):
        return Operation(kind, text="new", position=Position.AFTER)
    if kind is OperationKind.MOVE:
        return Operation(kind, position=Position.AFTER, destination="p2")
    return Operation(kind)


@st.composite
def amendments(draw: st.DrawFn) -> Amendment:
    kind = draw(st.sampled_from([k for k in OperationKind if not k.on_rows
                                 and k not in COLUMN_OPERATIONS
                                 and k is not OperationKind.CHANGE_FIELD]))
    proposal = make_proposal(f"P{draw(st.integers(0, 10**6))}", "p1", _operation(kind))
    on_words = kind.on_words or (kind is OperationKind.RETAIN and draw(st.booleans()))
    if not on_words:
        return Amendment((proposal,), retains=kind is OperationKind.RETAIN)
    start = draw(st.integers(0, WORDS))
    end = draw(st.integers(start, min(WORDS, start + 3)))
    return Amendment((proposal,), Edit(start, end, "new"),
                     retains=kind is OperationKind.RETAIN or draw(st.integers(0, 5)) == 0)


def _pair_by_pair(found: Sequence[Amendment]) -> list[list[Amendment]]:
    """The groups as first computed: every pair tried with `conflict`."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            if conflict(a, found[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Amendment]] = {}
    for i, amendment in enumerate(found):
        groups.setdefault(root(i), []).append(amendment)
    return list(groups.values())


@given(st.lists(amendments(), max_size=14))
def test_components_are_those_of_every_pair(found: list[Amendment]) -> None:
    assert components(found) == _pair_by_pair(found)


@given(st.lists(amendments().filter(lambda a: a.edit is not None), max_size=14))
def test_word_edits_group_as_every_pair_says(found: list[Amendment]) -> None:
    assert components(found) == _pair_by_pair(found)
