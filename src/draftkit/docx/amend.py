"""A paragraph's old and new text → amendments on words, as a delegate would write them.

Each run of changed words becomes one insert, delete or replace quoting the
changed words (an insertion quotes its neighbouring word). Where the quote
occurs more than once, the occurrence is named, as `draftkit propose
--occurrence` does, so the amendment says exactly the words the delegate
changed. Every candidate is checked by applying it: it must give exactly the
new text, spaces included, or a wider quote is tried, and if none fits the
paragraph is not expressible on words (the caller replaces it whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from draftkit.anchors import AnchorError, occurrences
from draftkit.proposals import OperationKind, Position, ProposalError, word_operation
from draftkit.text import running
from draftkit.textdiff import diff

WIDEST = 3  # words added on each side of a quote before giving up


@frozen
class Edit:
    """An amendment on words, and the ranges it changes: old[start:end], new[new_start:new_end]."""

    kind: OperationKind
    quote: str
    occurrence: int | None
    text: str
    position: Position | None
    start: int
    end: int
    new_start: int
    new_end: int


def edits(old: str, new: str) -> list[Edit] | None:
    """The amendments turning `old` into `new`, one per changed run; None if one has no form."""
    found = []
    for start, end, new_start, new_end in _regions(old, new):
        wording = _wording(old, start, end, new[new_start:new_end])
        if wording is None:
            return None
        found.append(Edit(*wording, start, end, new_start, new_end))
    return found


def _regions(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    old_at = new_at = 0
    region: list[int] | None = None
    for span in diff(old, new):
        size = len(span.text)
        if span.op == "equal":
            if region is not None:
                yield region[0], old_at, region[1], new_at
                region = None
            old_at, new_at = old_at + size, new_at + size
            continue
        region = region or [old_at, new_at]
        if span.op == "delete":
            old_at += size
        else:
            new_at += size
    if region is not None:
        yield region[0], old_at, region[1], new_at


Wording = tuple[OperationKind, str, int | None, str, Position | None]


def _wording(old: str, start: int, end: int, replacement: str) -> Wording | None:
    """The first candidate, clean ones first, that applied to `old` gives exactly the new text."""
    expected = old[:start] + replacement + old[end:]
    candidates = sorted(_candidates(old, start, end, replacement),
                        key=lambda c: not _clean(old[c[1]:c[2]]) or not _clean(c[3]))
    for kind, quote_start, quote_end, text, position in candidates:
        quote = old[quote_start:quote_end]
        starts = occurrences(old, quote)
        if quote_start not in starts:
            continue
        occurrence = starts.index(quote_start) + 1 if len(starts) > 1 else None
        try:
            operation = word_operation(kind, old, quote, occurrence, text, position)
            if operation.apply(old) == expected:
                return kind, quote, occurrence, text, position
        except (AnchorError, ProposalError):
            continue
    return None


Candidate = tuple[OperationKind, int, int, str, Position | None]


def _candidates(old: str, start: int, end: int, replacement: str) -> Iterator[Candidate]:
    """The natural amendment first (quoting words, not bare punctuation), then
    replacements quoting a word or more around it, then the bare change."""
    quote_start = start + len(old[start:end]) - len(old[start:end].lstrip())
    quote_end = end - len(old[start:end]) + len(old[start:end].rstrip())
    text = replacement.strip()
    if quote_start < quote_end and _has_word(old[quote_start:quote_end]):
        if text:
            yield OperationKind.REPLACE, quote_start, quote_end, text, None
        else:
            yield OperationKind.DELETE, quote_start, quote_end, "", None
    elif quote_start >= quote_end and text:
        before = re.search(r"(\S+)\s*$", old[:start])
        if before and _has_word(before.group(1)):
            yield OperationKind.INSERT, before.start(1), before.end(1), text, Position.AFTER
        after = re.match(r"\s*(\S+)", old[end:])
        if after and _has_word(after.group(1)):
            yield OperationKind.INSERT, end + after.start(1), end + after.end(1), text, \
                Position.BEFORE
    for words in range(1, WIDEST + 1):
        left, right = _words_before(old, start, words), _words_after(old, end, words)
        for wide_start, wide_end in ((left, end), (start, right), (left, right)):
            wider = old[wide_start:start] + replacement + old[end:wide_end]
            if wider.strip() and wide_start < wide_end:
                yield OperationKind.REPLACE, wide_start, wide_end, wider, None
    if start < end and replacement:
        yield OperationKind.REPLACE, start, end, replacement, None


def _clean(text: str) -> bool:
    """No space at either end: quotes and wordings that read as a delegate writes them."""
    return text == text.strip()


def _has_word(text: str) -> bool:
    return any(running(char) for char in text)


def _words_before(text: str, index: int, count: int) -> int:
    match = re.search(rf"(?:\S+\s*){{1,{count}}}$", text[:index])
    return match.start() if match else index


def _words_after(text: str, index: int, count: int) -> int:
    match = re.match(rf"(?:\s*\S+){{1,{count}}}", text[index:])
    return index + match.end() if match else index
