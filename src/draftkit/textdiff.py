"""Two strings → word-level spans (equal / insert / delete), on diff-match-patch.

The texts are cut into tokens (`draftkit.text`), each distinct token becomes
one character, diff-match-patch diffs those characters with no time-out (a
time-out would silently give a worse diff on a slow day), semantic cleanup
groups the edits, and the characters map back to words.

Work is bounded per paragraph instead: diff-match-patch costs up to the product
of the two token counts, so when that product (after the common leading and
trailing tokens are set aside) exceeds `MAX_WORK` (about 1,200 tokens a side,
a second at worst), the middle is reported as one deletion and one insertion.
That still reconstructs both texts exactly; it only shows less detail, and
only for very long paragraphs edited in several places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import frozen

from draftkit.text import boundary, tokens
from draftkit.tokens import decode, encode

Op = Literal["equal", "insert", "delete"]
MAX_WORK = 1_500_000


@frozen
class Span:
    """A run of text that both sides share (equal), or only the new (insert) or old (delete).

    `proposals` and `parties` name who changed it, where provenance says so.
    """

    op: Op
    text: str
    proposals: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


def diff(a: str, b: str) -> tuple[Span, ...]:
    """The spans turning `a` into `b`: equal+delete texts join to `a`, equal+insert to `b`."""
    if a == b:
        return (Span("equal", a),) if a else ()
    if not a or not b:
        return (Span("insert", b) if b else Span("delete", a),)
    old, new = tokens(a), tokens(b)
    head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if len(middle_old) * len(middle_new) > MAX_WORK:
        middle: list[tuple[Op, str]] = [("delete", "".join(middle_old)),
                                        ("insert", "".join(middle_new))]
    else:
        middle = _word_diff(middle_old, middle_new)
    pieces = [("equal", "".join(old[:head])), *middle, ("equal", "".join(old[len(old) - tail:]))]
    return tuple(Span(op, text) for op, text in _merge(_split_common_words(_merge(pieces))))


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _word_diff(old: list[str], new: list[str]) -> list[tuple[Op, str]]:
    from diff_match_patch import diff_match_patch

    (chars_old, chars_new), vocabulary = encode(old, new)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(chars_old, chars_new, checklines=False)
    engine.diff_cleanupSemantic(diffs)
    ops: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
    return [(ops[op], decode(chars, vocabulary)) for op, chars in diffs]


def _merge(pieces: Iterable[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Adjacent pieces of one kind joined, empty ones dropped, deletions before insertions."""
    merged: list[tuple[Op, str]] = []
    for op, text in _deletions_first(pieces):
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def _deletions_first(pieces: Iterable[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Within each run of edits between equal pieces, all deletions then all insertions."""
    result: list[tuple[Op, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, text in [*pieces, ("equal", "")]:
        if op == "delete":
            deleted.append(text)
        elif op == "insert":
            inserted.append(text)
        else:
            result += [("delete", "".join(deleted)), ("insert", "".join(inserted)), (op, text)]
            deleted, inserted = [], []
    return result


def _split_common_words(pieces: list[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Words that a replacement keeps, moved out of it: a token carries its trailing
    space, so "bar" at the end of a text and "bar " before an added word differ as
    tokens; as words they are the same and should not show as changed."""
    result: list[tuple[Op, str]] = []
    index = 0
    while index < len(pieces):
        op, text = pieces[index]
        if op == "delete" and index + 1 < len(pieces) and pieces[index + 1][0] == "insert":
            inserted = pieces[index + 1][1]
            start = _boundary(text, inserted, _common_prefix(text, inserted))
            end = _boundary_from_end(text[start:], inserted[start:])
            result += [("equal", text[:start]), ("delete", text[start:len(text) - end]),
                       ("insert", inserted[start:len(inserted) - end]),
                       ("equal", text[len(text) - end:])]
            index += 2
        else:
            result.append((op, text))
            index += 1
    return result


def _boundary(a: str, b: str, position: int) -> int:
    while not (boundary(a, position) and boundary(b, position)):
        position -= 1
    return position


def _boundary_from_end(a: str, b: str) -> int:
    """The length of the common end of `a` and `b` that starts at a word boundary in both."""
    length = _common_prefix(a[::-1], b[::-1])
    while not (boundary(a, len(a) - length) and boundary(b, len(b) - length)):
        length -= 1
    return length

