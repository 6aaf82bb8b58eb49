"""Word edits: what a proposal does to a paragraph, counted in words, and how edits are written.

A paragraph is words (a word, a punctuation mark or a CJK character, cut as
`draftkit.text` cuts them) with whitespace between them. An edit replaces
whole words `[start, end)`, or inserts at the gap `start == end`; it never owns
the whitespace around its words, so edits of neighbouring words combine without
fighting over a space. A deletion remembers the space it took (after its words,
else before) and takes it again when written out, from whatever text then
stands next to it.

Edits are derived from the operation's anchor, never from a diff: a diff may
align a repeated word with another occurrence, the anchor says exactly where.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from attrs import evolve, field, frozen

from draftkit.anchors import find
from draftkit.brackets import lift
from draftkit.proposals import Operation, OperationKind, Position
from draftkit.text import CLOSING, OPENING, joins, word_spans


@frozen
class Words:
    """A text, the character span of each of its words, and the words."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    # The text's words, cut out once (a paragraph can run to a million of them): they
    # follow from the three above, so they take no part in equality.
    words: tuple[str, ...] = field(eq=False, repr=False)

    @classmethod
    def of(cls, text: str) -> Words:
        return cls(text, *word_spans(text))

    def __len__(self) -> int:
        return len(self.starts)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character range of words `[start, end)`; an empty one at the gap if start == end."""
        if start < end:
            return self.starts[start], self.ends[end - 1]
        point = self.point(start, Position.AFTER)
        return point, point

    def span(self, start: int, end: int) -> str:
        first, last = self.chars(start, end)
        return self.text[first:last]

    def point(self, gap: int, attach: Position) -> int:
        """Where an insertion at `gap` goes: after the word before it, or before the word after."""
        if not self.starts:
            return 0
        if gap == 0 or (attach is Position.BEFORE and gap < len(self)):
            return self.starts[gap]
        return self.ends[gap - 1]

    def slice(self, start: int, end: int) -> Words:
        """Words `[start, end)` alone, as a text of their own."""
        first, last = self.chars(start, end)
        return Words(self.text[first:last], tuple(s - first for s in self.starts[start:end]),
                     tuple(e - first for e in self.ends[start:end]), self.words[start:end])


@frozen
class Edit:
    """Replace words `[start, end)` with `text`, or insert `text` at gap `start` (== end).

    An insertion attaches after the word before the gap or before the word
    after it; a deletion (empty `text`) also removes the whitespace it took.
    """

    start: int
    end: int
    text: str = ""
    attach: Position = Position.AFTER
    eat_before: str = ""
    eat_after: str = ""

    @property
    def is_insertion(self) -> bool:
        return self.start == self.end

    @property
    def is_deletion(self) -> bool:
        return self.start < self.end and not self.text

    def key(self) -> tuple[int, int, str]:
        """Equal for edits that make the same change, whatever spacing their authors typed."""
        return self.start, self.end, " ".join(self.text.split())

    def moved(self, start: int, end: int, size: int) -> Edit:
        """This edit at other word positions, in a text of `size` words.

        An insertion that now opens (or closes) the text attaches to the word
        after (before) it, and its separating space moves to that side.
        """
        attach, text = self.attach, self.text
        if start == end == 0 and attach is Position.AFTER:
            attach, stripped = Position.BEFORE, text.lstrip()
            text = stripped + text[:len(text) - len(stripped)]
        elif start == end == size and attach is Position.BEFORE:
            attach, stripped = Position.AFTER, text.rstrip()
            text = text[len(stripped):] + stripped
        return evolve(self, start=start, end=end, attach=attach, text=text)


def overlap(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same words or insert at the same place.

    Edits that merely meet (one ends where the other starts) do not overlap.
    """
    if a.is_insertion and b.is_insertion:
        return a.start == b.start
    if a.is_insertion:
        return b.start < a.start < b.end
    if b.is_insertion:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def footprint(words: Words, start: int, end: int) -> tuple[int, int]:
    """The words that characters `[start, end)` touch (not just the spaces between)."""
    first = bisect_right(words.ends, start)  # the first word ending after `start`
    return first, max(first, bisect_left(words.starts, end))  # up to the first from `end`


def region(operation: Operation, text: str) -> tuple[int, int, str]:
    """The characters `[start, end)` of `text` the operation replaces, and with what.

    Raises AnchorError when the quoted words are not (uniquely) in `text`.
    """
    assert operation.anchor is not None
    place = find(operation.anchor, text)
    kind = operation.kind
    if kind is OperationKind.INSERT:
        point = place.end if operation.position is Position.AFTER else place.start
        return point, point, operation.text
    if kind is OperationKind.REPLACE:
        return place.start, place.end, operation.text
    if kind is OperationKind.DELETE:
        return place.start, place.end, ""
    return place.start, place.end, text[place.start:place.end]


def edit_of(operation: Operation, text: str, words: Words | None = None) -> Edit:
    """The word edit an insert/delete/replace makes to `text`, or the words a retain keeps.

    For a retain (or a replacement that changes nothing) the edit's text is the
    words' own: it changes nothing and marks the words it stands on. A retain of
    one bracketed alternative ("[within eight years]" of "[within eight years]
    [well before the eight-year deadline]") lifts the brackets: the whole set
    becomes the retained words, as a replacement would make it (`draftkit.brackets`).
    """
    words = words or Words.of(text)
    start, end, new = region(operation, text)
    if operation.kind is OperationKind.RETAIN:
        lifting = lift(text, start, end)
        if lifting is None:
            first, last = footprint(words, start, max(end, start + 1))
            return Edit(first, last, words.span(first, last))
        start, end, new = lifting
    if start == end:
        return _insertion(words, start, new, operation.position or Position.AFTER)
    first, last = footprint(words, start, end)
    if first == last:  # only whitespace: widen to the words either side
        first, last = max(first - 1, 0), min(last + 1, len(words))
    low, high = words.chars(first, last)
    if not new and start <= low and high <= end and not joins(text[:start], text[end:]):
        return Edit(first, last, "", eat_before=text[start:low], eat_after=text[high:end])
    if joins(text[:start], new or text[end:]):  # runs into the word before: it changes too
        first = max(first - 1, 0)
    if joins(new or text[:start], text[end:]):
        last = min(last + 1, len(words))
    if start < low and first > 0:
        first -= 1
    if end > high and last < len(words):
        last += 1
    low, high = words.chars(first, last)
    low, high = min(low, start), max(high, end)
    return _trimmed(words, first, last, text[low:start] + new + text[end:high])


def _insertion(words: Words, point: int, new: str, attach: Position) -> Edit:
    # Words are in order and apart: one word at most holds `point`, ends there or starts
    # there, found by bisection.
    index = bisect_right(words.starts, point) - 1
    if index >= 0 and words.starts[index] < point < words.ends[index]:  # inside a word
        low, high = words.starts[index], words.ends[index]
        return Edit(index, index + 1, words.text[low:point] + new + words.text[point:high])
    index = bisect_left(words.ends, point)
    after = [index] if index < len(words) and words.ends[index] == point else []
    index = bisect_left(words.starts, point)
    before = [index] if index < len(words) and words.starts[index] == point else []
    glued = [i for i in after if joins(words.span(i, i + 1), new)] + \
        [i for i in before if joins(new, words.span(i, i + 1))]
    if glued:  # written against a word, it changes that word
        first, last = min(glued), max(glued) + 1
        low, high = words.chars(first, last)
        return Edit(first, last, words.text[low:point] + new + words.text[point:high])
    if after and (attach is Position.AFTER or not before):
        return Edit(after[0] + 1, after[0] + 1, new, Position.AFTER)
    if before:
        return Edit(before[0], before[0], new, Position.BEFORE)
    gap = footprint(words, point, point)[0]
    if 0 < gap < len(words):  # among spaces between two words: widen to both
        low, high = words.starts[gap - 1], words.ends[gap]
        return Edit(gap - 1, gap + 1, words.text[low:point] + new + words.text[point:high])
    return Edit(gap, gap, new, Position.BEFORE if gap == 0 else Position.AFTER)


def _trimmed(words: Words, first: int, last: int, new: str) -> Edit:
    """A replacement of words `[first, last)` with the words it keeps at either end left out."""
    text = words.text
    while last - first > 1:
        kept = text[words.starts[first]:words.starts[first + 1]]
        if not new.startswith(kept) or joins(kept, new[len(kept):]):
            break
        new, first = new[len(kept):], first + 1
    while last - first > 1:
        kept = text[words.ends[last - 2]:words.ends[last - 1]]
        if not new.endswith(kept) or joins(new[:len(new) - len(kept)], kept):
            break
        new, last = new[:len(new) - len(kept)], last - 1
    if last - first == 1 and new != words.span(first, last):
        word = words.span(first, last)
        rest_after, rest_before = new[len(word):], new[:len(new) - len(word)]
        if new.startswith(word) and not joins(word, rest_after):
            return Edit(last, last, rest_after, Position.AFTER)
        if new.endswith(word) and not joins(rest_before, word):
            return Edit(first, first, rest_before, Position.BEFORE)
    return Edit(first, last, new)


@frozen
class Written:
    """A text with edits written in, and where each edit's words went.

    `ranges[i]` is `(old_start, old_end, new_start, new_end)` for `edits[i]`:
    the characters it replaced in the old text (with any space a deletion
    took) and those it wrote in the new one.
    """

    text: str
    ranges: tuple[tuple[int, int, int, int], ...]


class _Segment:
    """A piece of the text being written: old text (owner -1) or an edit's new words."""

    __slots__ = ("old_start", "owner", "text")

    def __init__(self, text: str, owner: int, old_start: int) -> None:
        self.text = text
        self.owner = owner
        self.old_start = old_start


def write(words: Words, edits: Sequence[Edit]) -> Written:
    """`words.text` with `edits` (which must not overlap) written in.

    Edits are placed by position (an insertion before a replacement starting
    at the same character), then each deletion takes back its space from its
    neighbours as they now stand.
    """
    text = words.text
    placed = []
    for index, edit in enumerate(edits):
        if edit.is_insertion:
            point = words.point(edit.start, edit.attach)
            placed.append((point, 0, index, point))
        else:
            low, high = words.chars(edit.start, edit.end)
            placed.append((low, 1, index, high))
    placed.sort()
    segments: list[_Segment] = []
    old_ranges: dict[int, list[int]] = {}
    cursor = 0
    for low, _, index, high in placed:
        if low < cursor:
            raise ValueError("overlapping edits cannot be written together")
        segments += [_Segment(text[cursor:low], -1, cursor),
                     _Segment(edits[index].text, index, low)]
        old_ranges[index] = [low, high]
        cursor = high
    segments.append(_Segment(text[cursor:], -1, cursor))
    for position, segment in enumerate(segments):
        if segment.owner >= 0 and edits[segment.owner].is_deletion:
            _take_space(segments, position, edits[segment.owner], old_ranges[segment.owner])
    for position, segment in enumerate(segments):
        if segment.owner >= 0 and segment.text:
            _keep_apart(segments, position)
        elif segment.owner >= 0 and joins(_edge(segments, position, -1),
                                           _edge(segments, position, 1)):
            segment.text = " "  # what it deleted kept two words apart
    new_ranges: dict[int, tuple[int, int]] = {}
    offset = 0
    for segment in segments:
        if segment.owner >= 0:
            new_ranges[segment.owner] = (offset, offset + len(segment.text))
        offset += len(segment.text)
    return Written("".join(s.text for s in segments), tuple(
        (old_ranges[i][0], old_ranges[i][1], *new_ranges[i]) for i in range(len(edits))))


def _keep_apart(segments: list[_Segment], position: int) -> None:
    """Space new words by the rule of `draftkit.text` against what now stands next to
    them (the words around them may have changed since they were written): off a word
    they would run into, and without a space before closing punctuation, after opening
    punctuation, next to a space or at either end of the text."""
    text = segments[position].text
    before = next((s.text[-1:] for s in segments[position - 1::-1] if s.text), "") \
        if position else ""
    after = next((s.text[:1] for s in segments[position + 1:] if s.text), "")
    if joins(before, text):
        text = " " + text
    if joins(text, after):
        text = text + " "
    if text[-1:].isspace() and (not after or after.isspace() or after in CLOSING):
        text = text.rstrip()
    if text[:1].isspace() and (not before or before.isspace() or before in OPENING):
        text = text.lstrip()
    segments[position].text = text


def _take_space(segments: list[_Segment], position: int, edit: Edit,
                old_range: list[int]) -> None:
    """Remove the whitespace a deletion took: on its side if still there, else on the other."""
    wanted = [(True, edit.eat_after), (False, edit.eat_before)]
    if not edit.eat_after:
        wanted.reverse()
    for after, space in wanted:
        if space and not _take(segments, position, space, after, old_range):
            _take(segments, position, space, not after, old_range)


def _edge(segments: list[_Segment], index: int, step: int) -> str:
    """The character next to `segments[index]` going `step`: the text that now meets it."""
    index += step
    while 0 <= index < len(segments):
        if segments[index].text:
            return segments[index].text[-1] if step < 0 else segments[index].text[0]
        index += step
    return ""


def _take(segments: list[_Segment], position: int, space: str, after: bool,
          old_range: list[int]) -> bool:
    step = 1 if after else -1
    index = position + step
    while 0 <= index < len(segments) and not segments[index].text:
        index += step
    if not 0 <= index < len(segments):
        return False
    neighbour = segments[index]
    if after:
        rest = neighbour.text[len(space):]
        left, right = _edge(segments, position, -1), rest[:1] or _edge(segments, index, 1)
    else:
        rest = neighbour.text[:len(neighbour.text) - len(space)]
        left, right = rest[-1:] or _edge(segments, index, -1), _edge(segments, position, 1)
    if joins(left, right):  # taking the space would run two words together
        return False
    if after and neighbour.text.startswith(space):
        neighbour.text = neighbour.text[len(space):]
        if neighbour.owner < 0:
            if neighbour.old_start == old_range[1]:
                old_range[1] += len(space)
            neighbour.old_start += len(space)
        return True
    if not after and neighbour.text.endswith(space):
        neighbour.text = neighbour.text[:len(neighbour.text) - len(space)]
        if neighbour.owner < 0 and neighbour.old_start + len(neighbour.text) + len(space) == \
                old_range[0]:
            old_range[0] -= len(space)
        return True
    return False
