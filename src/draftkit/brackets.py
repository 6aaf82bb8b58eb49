"""Bracketed alternatives already in a text: "[within eight years] [well before the
eight-year deadline]".

Square brackets in a negotiated text mark words not yet agreed. Bracketed groups
that stand side by side (nothing but spaces between them) are one set of
alternatives the room has yet to choose between, and so are the parts of one
group split by " / " (as `merge --bracket` writes them): "[one / other]". A
single bracketed group is a set of one: words not yet agreed.

Bracket-lifting (DOMAIN.md): once the room settles on an alternative, the
brackets around it are removed and the other alternatives dropped. A retain
that quotes exactly one alternative, with or without its own brackets, asks for
that: `lift` says what it turns the set into.
"""

from __future__ import annotations

import re

from attrs import frozen

from draftkit.text import replacement

_SLASH = re.compile(r"\s+/\s+")
_BRACKET = re.compile(r"[\[\]]")


@frozen
class Alternative:
    """One alternative of a set: its words `[start, end)` (inside the brackets, spaces
    trimmed), the group it is written in, and `[outer_start, outer_end)`: its words
    with their own brackets when it is its group's only alternative."""

    start: int
    end: int
    group: int
    outer_start: int
    outer_end: int


@frozen
class BracketSet:
    """Bracketed groups side by side, characters `[start, end)` from the first "[" to
    the last "]", and their alternatives in text order."""

    start: int
    end: int
    alternatives: tuple[Alternative, ...]

    @property
    def groups(self) -> int:
        return self.alternatives[-1].group + 1

    def words(self, text: str) -> tuple[str, ...]:
        return tuple(text[a.start:a.end] for a in self.alternatives)


def _groups(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Top-level bracketed groups: (start, end) and the spans between top-level " / "."""
    found: list[tuple[int, int, list[tuple[int, int]]]] = []
    depth = 0
    opened = 0
    for match in _BRACKET.finditer(text):  # the brackets alone, not every character
        index = match.start()
        if text[index] == "[":
            if depth == 0:
                opened = index
            depth += 1
        elif depth:  # a "]"
            depth -= 1
            if depth == 0:
                found.append((opened, index + 1, _parts(text, opened + 1, index)))
    return found


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `text[start:end]` between " / " outside any inner brackets."""
    cuts: list[tuple[int, int]] = []
    inner = text[start:end]
    for match in _SLASH.finditer(inner):
        before = inner[:match.start()]
        if before.count("[") == before.count("]"):
            cuts.append((start + match.start(), start + match.end()))
    spans = []
    low = start
    for cut_start, cut_end in cuts:
        spans.append((low, cut_start))
        low = cut_end
    spans.append((low, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def bracket_sets(text: str) -> list[BracketSet]:
    """Every set of bracketed alternatives in `text`, in order; an empty alternative
    ("[]", "[one / ]") makes its set none (nothing there to retain)."""
    sets: list[BracketSet] = []
    run: list[tuple[int, int, list[tuple[int, int]]]] = []

    def close() -> None:
        alternatives = []
        for number, (low, high, parts) in enumerate(run):
            for part_start, part_end in parts:
                start, end = _trim(text, part_start, part_end)
                outer = (low, high) if len(parts) == 1 else (start, end)
                alternatives.append(Alternative(start, end, number, *outer))
        if run and all(a.start < a.end for a in alternatives):
            sets.append(BracketSet(run[0][0], run[-1][1], tuple(alternatives)))
        run.clear()

    for group in _groups(text):
        if run and text[run[-1][1]:group[0]].strip():
            close()
        run.append(group)
    close()
    return sets


def set_at(text: str, start: int, end: int) -> BracketSet | None:
    """The set of alternatives that is exactly characters `[start, end)`, if any."""
    if not (0 <= start < end <= len(text) and text[start] == "[" and text[end - 1] == "]"):
        return None  # a set starts with its first "[" and ends with its last "]"
    return next((s for s in bracket_sets(text) if (s.start, s.end) == (start, end)), None)


def lift(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Retaining characters `[start, end)`: when they are one alternative of a set (its
    words, or its words in their own brackets), the characters to replace (the whole
    set, widened over spaces that must go) and the retained words that replace them,
    brackets lifted, spaced by the rule of `draftkit.text`; None otherwise."""
    for found in bracket_sets(text):
        if not found.start <= start < end <= found.end:
            continue
        for alternative in found.alternatives:
            if (start, end) in ((alternative.start, alternative.end),
                                (alternative.outer_start, alternative.outer_end)):
                return replacement(text, found.start, found.end,
                                   text[alternative.start:alternative.end])
    return None


def lifted(text: str, start: int, end: int) -> str | None:
    """`text` with the alternative at `[start, end)` retained (see `lift`), or None."""
    found = lift(text, start, end)
    return None if found is None else text[:found[0]] + found[2] + text[found[1]:]
