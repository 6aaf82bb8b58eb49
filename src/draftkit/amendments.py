"""Amendments on one paragraph: identical ones merged, and which of them conflict.

The rules (docs/merge.md): edits of overlapping words conflict, and so do
insertions of different words at one place; edits that merely meet combine;
identical changes from several proposals become one, crediting all. A retain
conflicts with any change of its words (of the whole paragraph when it quotes
none); retains never conflict with each other. Deleting or replacing a
paragraph conflicts with any other change of it; two moves of one paragraph
to different places conflict, and a move conflicts with deleting it. Added
paragraphs never conflict: they all go in, in proposal order.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Sequence

from attrs import evolve, frozen

from draftkit.edits import Edit, Words, overlap, write
from draftkit.proposals import Operation, OperationKind, Proposal


class Scope(enum.Enum):
    WORDS = "words"  # insert, delete, replace, or retain some words
    PARAGRAPH = "paragraph"  # delete, replace or retain the whole paragraph
    PLACEMENT = "placement"  # move it
    NEW = "new"  # add a paragraph next to it


@frozen
class Amendment:
    """One change to a paragraph, proposed by one proposal or, identically, by several."""

    proposals: tuple[Proposal, ...]
    edit: Edit | None = None  # where its words stand in the paragraph, for Scope.WORDS
    retains: bool = False  # changes no words: a retain, or a replacement by the same words

    @property
    def operation(self) -> Operation:
        return self.proposals[0].operation

    @property
    def kind(self) -> OperationKind:
        return self.operation.kind

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.proposals)

    @property
    def parties(self) -> tuple[str, ...]:
        return unique(party for p in self.proposals for party in p.parties)

    @property
    def scope(self) -> Scope:
        if self.edit is not None:
            return Scope.WORDS
        if self.kind is OperationKind.MOVE:
            return Scope.PLACEMENT
        if self.kind is OperationKind.ADD:
            return Scope.NEW
        return Scope.PARAGRAPH

    def key(self) -> tuple[object, ...]:
        """Equal for amendments that make the same change."""
        operation = self.operation
        if self.edit is not None:
            return ("retain", *self.edit.key()[:2]) if self.retains else ("edit", self.edit.key())
        if self.kind is OperationKind.MOVE:
            return "move", operation.destination, operation.position
        return self.kind.value, operation.position, " ".join(operation.text.split())


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def amend(proposal: Proposal, edit: Edit | None, words: Words) -> Amendment:
    """The amendment a carried proposal makes; a word edit that changes nothing retains
    (a retain of one bracketed alternative changes words: it lifts the brackets)."""
    retains = proposal.operation.kind is OperationKind.RETAIN and edit is None
    if edit is not None and not edit.is_insertion and edit.text == words.span(edit.start,
                                                                               edit.end):
        retains = True
    return Amendment((proposal,), edit, retains)


def merge_identical(amendments: Iterable[Amendment]) -> list[Amendment]:
    """Identical amendments as one, crediting all their proposals, in first-seen order."""
    merged: dict[tuple[object, ...], Amendment] = {}
    for amendment in amendments:
        key = amendment.key()
        known = merged.get(key)
        merged[key] = amendment if known is None else \
            evolve(known, proposals=known.proposals + amendment.proposals)
    return list(merged.values())


def conflict(a: Amendment, b: Amendment) -> bool:
    """Whether two different amendments of one paragraph cannot both be made."""
    scopes = {a.scope, b.scope}
    if Scope.NEW in scopes:
        return False
    if Scope.PLACEMENT in scopes:
        if scopes == {Scope.PLACEMENT}:
            return True
        other = b if a.scope is Scope.PLACEMENT else a
        return other.kind is OperationKind.DELETE_PARAGRAPH
    if a.retains and b.retains:
        return False
    if a.edit is not None and b.edit is not None:
        return overlap(a.edit, b.edit)
    return True


def components(amendments: Sequence[Amendment]) -> list[list[Amendment]]:
    """The amendments in groups joined by conflicts: a group of one is free to apply.

    The groups are those `conflict` makes pair by pair (each in list order, ordered by
    its first member), found without trying every pair: overlapping word edits by a
    sweep over their word ranges, the rest by what each kind conflicts with.
    """
    groups = _Groups(len(amendments))
    placements = [i for i, a in enumerate(amendments) if a.scope is Scope.PLACEMENT]
    changes = [i for i, a in enumerate(amendments) if a.scope in (Scope.WORDS, Scope.PARAGRAPH)]
    # Two moves conflict, and a move conflicts with deleting the paragraph.
    groups.join(placements + [i for i in changes
                              if amendments[i].kind is OperationKind.DELETE_PARAGRAPH]
                if placements else [])
    # A paragraph-wide change conflicts with any other change but a retain's when it
    # retains too.
    whole = [i for i in changes if amendments[i].scope is Scope.PARAGRAPH]
    changing = [i for i in changes if not amendments[i].retains]
    if any(not amendments[i].retains for i in whole):
        groups.join(changes)
    elif whole and changing:
        groups.join(whole + changing)
    _join_overlapping([(i, edit) for i in changes if (edit := amendments[i].edit) is not None],
                      amendments, groups)
    found: dict[int, list[Amendment]] = {}
    for i, amendment in enumerate(amendments):
        found.setdefault(groups.root(i), []).append(amendment)
    return list(found.values())


def _join_overlapping(edits: list[tuple[int, Edit]], amendments: Sequence[Amendment],
                      groups: _Groups) -> None:
    """Join word amendments whose edits `overlap`, unless both retain.

    An edit of words `[start, end)` covers the closed span `[2 start + 1, 2 end - 1]`
    and an insertion at `start` the point `2 start`: two edits overlap exactly when
    their spans meet. Changing edits join along a sweep in order of span (each meets
    the one reaching furthest before it, if any does); their groups' spans do not meet,
    so a retain joins the groups whose spans its own meets.
    """
    def span(edit: Edit) -> tuple[int, int]:
        if edit.is_insertion:
            return 2 * edit.start, 2 * edit.start
        return 2 * edit.start + 1, 2 * edit.end - 1

    changing = sorted((span(edit), i) for i, edit in edits if not amendments[i].retains)
    clusters: list[tuple[int, int, int]] = []  # first, last, and one member of each
    for (first, last), i in changing:
        if clusters and first <= clusters[-1][1]:
            start, end, member = clusters[-1]
            groups.join([member, i])
            clusters[-1] = (start, max(end, last), member)
        else:
            clusters.append((first, last, i))
    lasts = [last for _, last, _ in clusters]
    for i, edit in edits:
        if amendments[i].retains:
            first, last = span(edit)
            at = bisect.bisect_left(lasts, first)
            while at < len(clusters) and clusters[at][0] <= last:
                groups.join([i, clusters[at][2]])
                at += 1


class _Groups:
    """Union-find over the amendments' indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, members: Sequence[int]) -> None:
        for other in members[1:]:
            self.parent[self.root(other)] = self.root(members[0])


def word_region(group: Sequence[Amendment]) -> tuple[int, int]:
    """The words `[start, end)` a group of word amendments covers (a gap when start == end)."""
    edits = [a.edit for a in group if a.edit is not None]
    return min(e.start for e in edits), max(e.end for e in edits)


def wording(amendment: Amendment, words: Words, start: int, end: int) -> str:
    """Words `[start, end)` of the paragraph as this word amendment would have them."""
    assert amendment.edit is not None
    part = words.slice(start, end)
    if amendment.retains:
        return part.text
    edit = amendment.edit
    shifted = evolve(edit, start=edit.start - start, end=edit.end - start)
    return write(part, [shifted]).text.strip()
