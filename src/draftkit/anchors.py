"""Anchors: finding quoted words in a paragraph, and finding them again later.

An anchor is the quoted words plus just enough context on each side to occur
exactly once in the paragraph. It is never matched loosely: words that occur
twice need context or an explicit occurrence number, words that are gone are
reported gone. Carrying an anchor to a later text follows the diff between
the two texts, so a comment never jumps to another occurrence of its words.
"""

from __future__ import annotations

import re

from attrs import frozen
from diff_match_patch import diff_match_patch

from draftkit.errors import DraftkitError
from draftkit.text import boundary


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


def locate(text: str, quote: str, occurrence: int | None = None) -> Located:
    """The one place `quote` stands in `text`; an error if absent or ambiguous."""
    starts = occurrences(text, quote)
    if not starts:
        raise AnchorError(f"the words {quote!r} are not in the paragraph")
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise AnchorError(f"{quote!r} occurs {len(starts)} time(s), not {occurrence}")
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


def carry(place: Located, old_text: str, new_text: str) -> Located | None:
    """Follow `old_text[start:end]` into `new_text`, or None when the words are gone.

    The words are carried only where a minimal diff of the two texts keeps
    them whole (no deletion in them, no insertion among them). A diff may
    equally place an edit inside or outside repeated words; then the place
    that keeps them whole is taken, and if two places would, neither is
    (orphaned, never guessed). It never searches for the words elsewhere.
    """
    if old_text == new_text:
        return place
    diffs = _diff(old_text, new_text)
    quote = old_text[place.start:place.end]
    for variant in (diffs, _slide_out(diffs, place)):
        located = _follow(place, variant)
        if located is not None and new_text[located.start:located.end] == quote:
            return located
    least = _cost(diffs)
    whole = [start for start in _starts(new_text, quote)
             if _cost(_diff(old_text[:place.start], new_text[:start]))
             + _cost(_diff(old_text[place.end:], new_text[start + len(quote):])) == least]
    return Located(whole[0], whole[0] + len(quote)) if len(whole) == 1 else None


def _diff(old_text: str, new_text: str) -> list[tuple[int, str]]:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return [(op, chunk) for op, chunk in engine.diff_main(old_text, new_text, False)]


def _cost(diffs: list[tuple[int, str]]) -> int:
    """Characters inserted or deleted: minimal for a minimal diff."""
    return sum(len(chunk) for op, chunk in diffs if op != diff_match_patch.DIFF_EQUAL)


def _starts(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(needle)})", text)]


def _follow(place: Located, diffs: list[tuple[int, str]]) -> Located | None:
    old_at = new_at = 0
    start: int | None = None
    end: int | None = None
    for op, chunk in diffs:
        size = len(chunk)
        if op == diff_match_patch.DIFF_EQUAL:
            if start is None and old_at <= place.start < old_at + size:
                start = new_at + place.start - old_at
            if old_at < place.end <= old_at + size:
                end = new_at + place.end - old_at
            old_at, new_at = old_at + size, new_at + size
        elif op == diff_match_patch.DIFF_DELETE:
            if old_at < place.end and place.start < old_at + size:
                return None
            old_at += size
        else:
            if place.start < old_at < place.end:
                return None
            new_at += size
    if start is None or end is None:
        return None
    return Located(start, end)


def _slide_out(diffs: list[tuple[int, str]], place: Located) -> list[tuple[int, str]]:
    """The same diff with each edit that cuts into the quote slid out of it if the text allows.

    An insertion of "States " between "States " and "States" may equally be
    written before both: the two diffs say the same, and only one keeps the
    quoted words whole.
    """
    equal, insert = diff_match_patch.DIFF_EQUAL, diff_match_patch.DIFF_INSERT
    result = list(diffs)
    old_at = 0
    for index in range(len(result)):
        op, chunk = result[index]
        size = 0 if op == insert else len(chunk)
        if op != equal and 0 < index < len(result) - 1 and result[index - 1][0] == equal \
                and result[index + 1][0] == equal and _cuts(place, old_at, old_at + size, op):
            for left in (True, False):
                before, moved, after = _slid(result[index - 1][1], chunk, result[index + 1][1],
                                             left)
                start = old_at - len(result[index - 1][1]) + len(before)
                if not _cuts(place, start, start + size, op):
                    result[index - 1:index + 2] = [(equal, before), (op, moved), (equal, after)]
                    old_at = start
                    break
        old_at += size
    return result


def _cuts(place: Located, start: int, end: int, op: int) -> bool:
    if op == diff_match_patch.DIFF_INSERT:
        return place.start < start < place.end
    return start < place.end and place.start < end


def _slid(before: str, chunk: str, after: str, left: bool) -> tuple[str, str, str]:
    """Slide an edit between two equal runs as far left (or right) as the text allows."""
    if left:
        while before and chunk and before[-1] == chunk[-1]:
            before, chunk, after = before[:-1], before[-1] + chunk[:-1], chunk[-1] + after
    else:
        while after and chunk and chunk[0] == after[0]:
            before, chunk, after = before + chunk[0], chunk[1:] + after[0], after[1:]
    return before, chunk, after
