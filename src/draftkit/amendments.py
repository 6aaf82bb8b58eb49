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
    """The amendments in groups joined by conflicts: a group of one is free to apply."""
    parent = list(range(len(amendments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(amendments):
        for j in range(i + 1, len(amendments)):
            if conflict(a, amendments[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Amendment]] = {}
    for i, amendment in enumerate(amendments):
        groups.setdefault(root(i), []).append(amendment)
    return list(groups.values())


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
