"""Two strings → word-level spans (equal / insert / delete), on diff-match-patch.

The texts are cut into tokens (`draftkit.text`), the tokens both open and
close with set aside (found as characters first: only the middle is cut into
tokens, so a long paragraph edited in one place costs little more than its
edit), each distinct token becomes one character, diff-match-patch diffs
those characters with no time-out (a time-out would silently give a worse
diff on a slow day), semantic cleanup groups the edits, and the characters map
back to words.

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

from draftkit.chardiff import minimal_diff, semantic_cleanup
from draftkit.text import boundary, token_at, tokens
from draftkit.tokens import decode, encode

Op = Literal["equal", "insert", "delete"]
MAX_WORK = 1_500_000
_LOOK_BACK = 256  # characters, from the end of what two texts share to a token's start


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
    # The words both texts open and close with are set aside as text, not tokens: only
    # the middle is cut into tokens (most of a long paragraph edited in one place is not).
    start = _shared_start(a, b)
    end = _shared_end(a, b, start)
    old, new = tokens(a[start:len(a) - end]), tokens(b[start:len(b) - end])
    head = _common_prefix(old, new)
    if end and head in (len(old), len(new)) and token_at(a, len(a) - end) == (
            new[head] if head < len(new) else old[head]):
        # One middle is all shared and the common tokens run on into the shared end:
        # cut the whole rest into tokens, so that they are counted as the whole text's.
        end = 0
        old, new = tokens(a[start:]), tokens(b[start:])
        head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if not middle_old or not middle_new or len(middle_old) * len(middle_new) > MAX_WORK:
        # (An insertion or deletion alone is what diff-match-patch would say too.)
        middle: list[tuple[Op, str]] = [("delete", "".join(middle_old)),
                                        ("insert", "".join(middle_new))]
    else:
        middle = _word_diff(middle_old, middle_new)
    pieces = [("equal", a[:start] + "".join(old[:head])), *middle,
              ("equal", "".join(old[len(old) - tail:]) + a[len(a) - end:])]
    return tuple(Span(op, text) for op, text in _merge(_split_common_words(_merge(pieces))))


def _shared_start(a: str, b: str) -> int:
    """A length of the text `a` and `b` both open with that ends where a token starts in
    both (after whitespace, before a character that is not), so the tokens of that
    opening are the same in both and the rest cuts into the rest of their tokens: as
    long as the characters they share allow, looking back at most `_LOOK_BACK` of them."""
    shared = _common_length(a, b)
    for start in range(shared, max(shared - _LOOK_BACK, 0), -1):
        if a[start - 1].isspace() and start < len(a) and start < len(b) and \
                not a[start].isspace() and not b[start].isspace():
            return start
    return 0


def _shared_end(a: str, b: str, start: int) -> int:
    """A length of the text `a[start:]` and `b[start:]` both close with that starts where
    a token starts in both (after whitespace, on a character that is not)."""
    shared = _common_length(a[:start - 1:-1] if start else a[::-1],
                            b[:start - 1:-1] if start else b[::-1])
    for end in range(shared, max(shared - _LOOK_BACK, 0), -1):
        at_a, at_b = len(a) - end, len(b) - end
        if at_a and at_b and a[at_a - 1].isspace() and b[at_b - 1].isspace() and \
                not a[at_a].isspace():
            return end
    return 0


def _common_length(a: str, b: str) -> int:
    """How many characters `a` and `b` open with in common (compared a slice at a time,
    halving: a few comparisons of long slices rather than one per character)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _word_diff(old: list[str], new: list[str]) -> list[tuple[Op, str]]:
    (chars_old, chars_new), vocabulary = encode(old, new)
    diffs = minimal_diff(chars_old, chars_new)
    semantic_cleanup(diffs)
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

