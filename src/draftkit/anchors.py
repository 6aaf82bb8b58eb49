"""Anchors: finding quoted words in a paragraph, and finding them again later.

An anchor is the quoted words plus just enough context on each side to occur
exactly once in the paragraph. It is never matched loosely: words that occur
twice need context or an explicit occurrence number, words that are gone are
reported gone. Carrying an anchor to a later text follows the diff between
the two texts, so a comment never jumps to another occurrence of its words.
"""

from __future__ import annotations

import enum
import re

from attrs import frozen

from draftkit.chardiff import Piece, minimal_diff
from draftkit.errors import DraftkitError
from draftkit.text import boundary
from draftkit.vocabulary import quantity


class AnchorError(DraftkitError):
    """Quoted words that are missing or occur more than once."""


@frozen
class Anchor:
    """`quote` with `before` and `after` context: `before + quote + after` occurs once."""

    quote: str
    before: str = ""
    after: str = ""


@frozen
class Located:
    start: int
    end: int


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of `needle` as whole words.

    "plan" is not found inside "plans", nor half a character with its accent;
    in scripts written without spaces every character is a word
    (`draftkit.text.boundary`).
    """
    found: list[int] = []
    if not needle:
        return found
    at = text.find(needle)
    while at >= 0:
        if boundary(text, at) and boundary(text, at + len(needle)):
            found.append(at)
        at = text.find(needle, at + 1)
    return found


def locate(text: str, quote: str, occurrence: int | None = None,
           where: str = "the paragraph") -> Located:
    """The one place `quote` stands in `text` (`where` says what it is, for the error); an
    error if absent or ambiguous."""
    starts = occurrences(text, quote)
    if not starts:
        raise AnchorError(f"the words {quote!r} are not in {where}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise AnchorError(f"{quote!r} occurs {quantity(len(starts), 'time')}, not {occurrence}")
        start = starts[occurrence - 1]
    elif len(starts) > 1:
        places = "; ".join(f"{n}: …{_context(text, s, len(quote))}…"
                           for n, s in enumerate(starts, 1))
        raise AnchorError(f"{quote!r} occurs {len(starts)} times ({places}); quote more "
                          f"words or choose an occurrence")
    else:
        start = starts[0]
    return Located(start, start + len(quote))


def _context(text: str, start: int, length: int) -> str:
    return text[max(0, start - 20): start + length + 20]


def anchor_at(text: str, place: Located) -> Anchor:
    """An anchor for `text[start:end]`, widened word by word until it is unique."""
    quote = text[place.start:place.end]
    before_start, after_end = place.start, place.end
    while True:
        anchor = Anchor(quote, text[before_start:place.start], text[place.end:after_end])
        if len(occurrences(text, anchor.before + quote + anchor.after)) == 1:
            return anchor
        before_start = _previous_word_start(text, before_start)
        after_end = _next_word_end(text, after_end)


def _previous_word_start(text: str, index: int) -> int:
    match = re.search(r"\S*\s*$", text[:index])
    return match.start() if match and match.start() < index else max(0, index - 1)


def _next_word_end(text: str, index: int) -> int:
    match = re.match(r"\s*\S*", text[index:])
    return index + match.end() if match and match.end() else min(len(text), index + 1)


def find(anchor: Anchor, text: str) -> Located:
    """Where the anchor stands in `text` (same words, same context), or AnchorError."""
    whole = anchor.before + anchor.quote + anchor.after
    starts = occurrences(text, whole)
    if len(starts) != 1:
        state = "no longer" if not starts else "more than once"
        raise AnchorError(f"the words {anchor.quote!r} are {state} in the paragraph")
    start = starts[0] + len(anchor.before)
    return Located(start, start + len(anchor.quote))


class Lost(enum.Enum):
    """Why words could not be carried: gone, or no longer told apart from their twins."""

    CHANGED = "changed or removed"
    UNCLEAR = "no longer told apart from the same words elsewhere"


def carry(place: Located, old_text: str, new_text: str) -> Located | None:
    """`follow`, with None for words that could not be carried."""
    found = follow(place, old_text, new_text)
    return found if isinstance(found, Located) else None


def follow(place: Located, old_text: str, new_text: str) -> Located | Lost:
    """Follow `old_text[start:end]` into `new_text`, or say why it cannot be.

    The words are carried to a place where a minimal diff of the two texts keeps
    them whole. They are lost, never guessed, when no such place exists
    (CHANGED), when two do, or when the place could as well be where another
    occurrence of the same words went (UNCLEAR: a revision that removes one of
    two "as soon as possible" leaves one, and which of the two it is, no diff
    can say). It never searches for the words elsewhere.
    """
    if old_text == new_text:
        return place
    quote = old_text[place.start:place.end]
    least = _cost(minimal_diff(old_text, new_text))
    kept = _kept_at(old_text, new_text, place.start, quote, least)
    if not kept:
        return Lost.CHANGED
    if len(kept) > 1 or any(kept[0] in _kept_at(old_text, new_text, other, quote, least)
                            for other in occurrences(old_text, quote) if other != place.start):
        return Lost.UNCLEAR
    return Located(kept[0], kept[0] + len(quote))


def _kept_at(old_text: str, new_text: str, start: int, quote: str, least: int) -> list[int]:
    """Where in `new_text` a minimal diff can keep the words `quote` at `start` whole."""
    end = start + len(quote)
    return [at for at in occurrences(new_text, quote)
            if _cost(minimal_diff(old_text[:start], new_text[:at]))
            + _cost(minimal_diff(old_text[end:], new_text[at + len(quote):])) == least]


def _cost(diffs: list[Piece]) -> int:
    """Characters inserted or deleted: minimal for a minimal diff."""
    return sum(len(chunk) for op, chunk in diffs if op)
