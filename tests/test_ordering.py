"""ordering.kept_in_order: a longest increasing subsequence, whether or not anything moved."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from draftkit.ordering import kept_in_order


def longest_increasing(positions: list[int]) -> int:
    """The length of a longest strictly increasing subsequence, the quadratic way."""
    best = [1] * len(positions)
    for i, here in enumerate(positions):
        for j in range(i):
            if positions[j] < here:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


orders = st.integers(0, 40).flatmap(lambda n: st.one_of(
    st.permutations(range(n)), st.just(list(range(n))),
    st.lists(st.integers(0, 60), min_size=n, max_size=n, unique=True).map(sorted)))


@given(orders)
def test_a_longest_run_that_kept_its_order(order: list[int]) -> None:
    keys = [f"k{n}" for n in range(len(order))]
    position = dict(zip(keys, order, strict=True))
    kept = kept_in_order(keys, position)
    in_order = [position[key] for key in keys if key in kept]
    assert in_order == sorted(in_order)
    assert len(kept) == longest_increasing(order)


def test_nothing_moved_keeps_everything_and_one_move_marks_one() -> None:
    keys = ["a", "b", "c", "d"]
    assert kept_in_order(keys, {"a": 0, "b": 1, "c": 2, "d": 3}) == set(keys)
    assert kept_in_order(keys, {"a": 0, "b": 3, "c": 1, "d": 2}) == {"a", "c", "d"}
