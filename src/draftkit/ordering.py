"""Where keys stand between two orderings (paragraphs, sections, table rows): which kept
their relative order, and where the removed ones go in a merged reading order."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Container, Sequence


def kept_in_order(keys: Sequence[str], position: dict[str, int]) -> set[str]:
    """The keys of a longest subsequence of `keys` whose `position`s increase:
    the ones that kept their relative order (the others moved)."""
    positions = [position[key] for key in keys]
    if all(map(operator.lt, positions, positions[1:])):  # the usual case: nothing moved
        return set(keys)
    tails: list[int] = []  # tails[k]: the smallest end position of an increasing run of k+1
    tail_index: list[int] = []
    previous = [-1] * len(keys)
    for index, key in enumerate(keys):
        where = bisect.bisect_left(tails, position[key])
        if where:
            previous[index] = tail_index[where - 1]
        if where == len(tails):
            tails.append(position[key])
            tail_index.append(index)
        else:
            tails[where] = position[key]
            tail_index[where] = index
    kept: set[str] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        kept.add(keys[index])
        index = previous[index]
    return kept


def interleave(old: Sequence[str], new: Sequence[str], gone: Container[str],
                anchors: Container[str]) -> list[str]:
    """`new` in order, with the `gone` keys of `old` each placed after the nearest
    key before it in `old` that is still in `new` and did not move."""
    present = set(new)
    placed_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in old:
        if key in gone:
            placed_after.setdefault(anchor, []).append(key)
        elif key in present and key in anchors:
            anchor = key
    order = list(placed_after.get(None, ()))
    for key in new:
        order.append(key)
        order += placed_after.get(key, ())
    return order
