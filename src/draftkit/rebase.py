"""Carrying a proposal from the revision it was written against onto a later one.

A word-level three-way merge per paragraph: the proposal's edit (from its
anchor, in the paragraph as it was) is carried through the word changes the
paragraph went through, revision by revision along the parent chain. It
arrives when none of its words was changed and nothing was inserted among
them; otherwise it is stale, with the words, the revision and, where that
revision's provenance says so, the proposal behind the change. Paragraphs are
found by identity, so renumbering never makes a proposal stale; words are
never searched for, so a proposal never lands on another occurrence of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from attrs import frozen

from draftkit.amendments import Amendment, amend, merge_identical
from draftkit.anchors import AnchorError
from draftkit.chardiff import minimal_diff
from draftkit.edits import Edit, Words, edit_of, footprint
from draftkit.model import Paragraph, Revision, display_name
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.provenance import Change, Provenance
from draftkit.tokens import encode

Tick = Callable[[], None]  # called once per proposal carried: a progress bar's step

# Operations that stand on the whole text of their paragraph.
WHOLE_TEXT = (OperationKind.DELETE_PARAGRAPH, OperationKind.REPLACE_PARAGRAPH)


@frozen
class History:
    """A document's recorded revisions by name, and the provenance of those that have one."""

    revisions: Mapping[str, Revision]
    provenance: Mapping[str, Provenance]


@frozen
class WordChanges:
    """How one text's words became another's.

    `mapping[i]` is the new index of old word i, or -1 where it changed;
    `regions` are the changes as `(old_start, old_end, new_start, new_end)` in words;
    `zones[k]` are the old words `[start, end)` where region k might equally have
    been: a deletion or insertion next to identical words could be on either side
    of them ("plan plan" → "plan"), and no diff can say which.
    """

    mapping: tuple[int, ...]
    regions: tuple[tuple[int, int, int, int], ...]
    zones: tuple[tuple[int, int], ...]


def word_changes(old: Words, new: Words) -> WordChanges:
    """The word changes from `old` to `new`: a minimal word diff, no clean-up, no time-out."""
    keys = (old.words, new.words)
    (a, b), _ = encode(*keys)
    mapping = [-1] * len(old)
    regions: list[tuple[int, int, int, int]] = []
    i = j = 0
    open_at: tuple[int, int] | None = None
    for op, chars in minimal_diff(a, b):
        if op == 0:
            if open_at is not None:
                regions.append((open_at[0], i, open_at[1], j))
                open_at = None
            mapping[i:i + len(chars)] = range(j, j + len(chars))
            i, j = i + len(chars), j + len(chars)
            continue
        if open_at is None:
            open_at = (i, j)
        if op < 0:
            i += len(chars)
        else:
            j += len(chars)
    if open_at is not None:
        regions.append((open_at[0], i, open_at[1], j))
    return WordChanges(tuple(mapping), tuple(regions),
                       tuple(_zone(region, *keys) for region in regions))


def recorded_changes(old: Words, new: Words,
                     changes: Sequence[Change]) -> WordChanges | None:
    """The word changes a merge recorded in its provenance: exact where a diff would guess
    among repeated words. None when they do not account for the texts (then diff)."""
    regions: list[tuple[int, int, int, int]] = []
    for change in sorted(changes, key=lambda c: (c.old_start, c.new_start)):
        a, b = footprint(old, change.old_start, change.old_end)
        c, d = footprint(new, change.new_start, change.new_end)
        if regions and (a < regions[-1][1] or c < regions[-1][3]):
            pa, pb, pc, pd = regions.pop()
            a, b, c, d = min(a, pa), max(b, pb), min(c, pc), max(d, pd)
        regions.append((a, b, c, d))
    mapping = [-1] * len(old)
    old_keys, new_keys = old.words, new.words
    i = j = 0
    for a, b, c, d in [*regions, (len(old), len(old), len(new), len(new))]:
        if a - i != c - j or old_keys[i:a] != new_keys[j:c]:
            return None
        mapping[i:a] = range(j, c)
        i, j = b, d
    return WordChanges(tuple(mapping), tuple(regions), tuple((a, b) for a, b, _, _ in regions))


def _zone(region: tuple[int, int, int, int], old: Sequence[str],
          new: Sequence[str]) -> tuple[int, int]:
    """The old words a pure deletion or insertion could slide over without changing the result."""
    a, b, c, d = region
    if a < b and c < d:
        return a, b
    moved = old[a:b] if a < b else new[c:d]
    left = right = 0
    while a - left > 0 and old[a - left - 1] == moved[len(moved) - 1 - left % len(moved)]:
        left += 1
    while b + right < len(old) and old[b + right] == moved[right % len(moved)]:
        right += 1
    return a - left, b + right


@frozen
class Clash:
    """Why an edit cannot be carried: old words `[old_start, old_end)` (characters) changed."""

    old_start: int
    old_end: int
    old: str
    new: str
    ambiguous: bool = False  # next to identical words: which of them changed is unknown


def carry(edit: Edit, changes: WordChanges, old: Words, new: Words) -> Edit | Clash:
    """`edit` (on `old`) placed on `new`, or the clash that stops it.

    It clashes when a change overlaps its words, inserts among them, or (for an
    insertion) inserts at the same place or changes words around it; a change
    that merely meets it does not.
    """
    hits = []
    for (a, b, c, d), (low, high) in zip(changes.regions, changes.zones, strict=True):
        if edit.is_insertion:
            hit = low < edit.start < high or (a == b and low <= edit.start <= high)
        elif low == high:
            hit = edit.start < a < edit.end
        else:
            hit = low < edit.end and edit.start < high
        if hit:
            hits.append((a, b, c, d, (low, high) != (a, b)))
    if hits:
        a, b = hits[0][0], hits[-1][1]
        c, d = hits[0][2], hits[-1][3]
        low, high = old.chars(a, b) if a < b else \
            (old.point(a, Position.AFTER), old.point(a, Position.BEFORE))
        return Clash(low, high, old.span(a, b), new.span(c, d), all(h[4] for h in hits))
    mapping = changes.mapping
    if edit.is_insertion:
        gap = edit.start
        if gap == 0:
            at = 0
        elif mapping[gap - 1] >= 0:
            at = mapping[gap - 1] + 1
        else:  # the word before changed, so the word after is intact (or there is none)
            at = mapping[gap] if gap < len(mapping) else len(new)
        return edit.moved(at, at, len(new))
    return edit.moved(mapping[edit.start], mapping[edit.end - 1] + 1, len(new))


@frozen
class Stale:
    """A proposal that cannot be applied to the revision, and why, in a sentence."""

    proposal: str
    parties: tuple[str, ...]
    paragraph: str
    label: str
    reason: str


def stale_on(target: Revision, proposal: Proposal, kind: Literal["table", "form field"],
             why: Callable[[Paragraph, str, str], str | None]) -> Stale | None:
    """Why a proposal on a table or a form field cannot apply to `target`: its paragraph is
    not there, or is not a `kind` there, or `why(paragraph, its address, the revision's
    name)` says why; None when it can."""
    paragraph = target.by_id(proposal.paragraph)
    label = paragraph.address if paragraph is not None else (proposal.label or
                                                                proposal.paragraph)
    where = display_name(target.name)
    if paragraph is None:
        reason: str | None = f"{label} is not in {where}"
    elif (paragraph.table if kind == "table" else paragraph.form) is None:
        reason = f"{label} is not a {kind} in {where}"
    else:
        reason = why(paragraph, label, where)
    if reason is None:
        return None
    return Stale(proposal.id, proposal.parties, proposal.paragraph, label, reason)


@frozen
class Carried:
    """A proposal that applies to the target revision.

    `edit` is where its words now stand in the target paragraph, for the word
    operations (and a retain of some words); None for paragraph operations.
    """

    proposal: Proposal
    edit: Edit | None


class Rebaser:
    """Carries proposals onto one target revision; caches words and diffs for one merge."""

    def __init__(self, history: History, target: Revision) -> None:
        self.history = history
        self.target = target
        self._index: dict[str, dict[str, Paragraph]] = {}
        self._words: dict[str, Words] = {}  # by text: most paragraphs of a revision
        # stand unchanged in the next, and their words are cut once
        self._changes: dict[tuple[str, str, str], WordChanges] = {}
        self._chains: dict[str, list[str]] = {}

    def revision(self, name: str) -> Revision | None:
        return self.target if name == self.target.name else self.history.revisions.get(name)

    def paragraph(self, revision: str, paragraph_id: str) -> Paragraph | None:
        index = self._index.get(revision)
        if index is None:
            found = self.revision(revision)
            index = self._index[revision] = {} if found is None else \
                {p.id: p for p in found.paragraphs()}
        return index.get(paragraph_id)

    def words(self, paragraph: Paragraph) -> Words:
        found = self._words.get(paragraph.text)
        if found is None:
            found = self._words[paragraph.text] = Words.of(paragraph.text)
        return found

    def chain(self, base: str) -> list[str]:
        """Revision names from `base` to the target along parents, or just the two."""
        found = self._chains.get(base)
        if found is None:
            path = [self.target.name]
            current: Revision | None = self.target
            while current is not None and current.parent and path[-1] != base:
                path.append(current.parent)
                current = self.revision(current.parent)
            found = self._chains[base] = path[::-1] if path[-1] == base else \
                [base, self.target.name]
        return found

    def rebase(self, proposal: Proposal) -> Carried | Stale:
        kind = proposal.operation.kind
        if self.revision(proposal.revision) is None:
            return self._stale(proposal, f"it was written against {proposal.revision}, "
                                         f"which is not recorded")
        base = self.paragraph(proposal.revision, proposal.paragraph)
        if base is None:
            return self._stale(proposal, f"paragraph {proposal.paragraph} is not in "
                                         f"{display_name(proposal.revision)}")
        destination = proposal.operation.destination
        if kind is OperationKind.MOVE and destination:
            gone = self._deleted_in(proposal.revision, destination)
            if gone:
                return self._stale(proposal, f"the paragraph it was to move next to was "
                                             f"deleted in {display_name(gone)}")
        edit = None
        if kind.on_words or (kind is OperationKind.RETAIN and proposal.operation.anchor):
            try:
                edit = edit_of(proposal.operation, base.text, self.words(base))
            except AnchorError:
                return self._stale(proposal, f"its quoted words are not in {base.address} of "
                                             f"{display_name(proposal.revision)}")
        names = self.chain(proposal.revision)
        for previous, current in itertools.pairwise(names):
            old, new = self.paragraph(previous, base.id), self.paragraph(current, base.id)
            if new is None:
                return self._stale(proposal, f"{base.address} was deleted in "
                                             f"{display_name(current)}")
            if old is None or old.text == new.text:
                continue
            if edit is None:
                if kind in WHOLE_TEXT or kind is OperationKind.RETAIN:
                    changed = f"{base.address} was changed in {display_name(current)}"
                    return self._stale(proposal, changed + self._by(current, base.id, 0,
                                                                    len(old.text)))
                continue
            old_words, new_words = self.words(old), self.words(new)
            carried = carry(edit, self._diff(previous, current, old, new), old_words, new_words)
            if isinstance(carried, Clash):
                return self._stale(proposal, _clash_reason(carried, current) +
                                   self._by(current, base.id, carried.old_start, carried.old_end))
            edit = carried
        return Carried(proposal, edit)

    def _diff(self, previous: str, current: str, old: Paragraph, new: Paragraph) -> WordChanges:
        """The paragraph's word changes: as recorded by the merge that made `current`, else
        as a diff sees them."""
        key = (previous, current, old.id)
        found = self._changes.get(key)
        if found is None:
            old_words, new_words = self.words(old), self.words(new)
            provenance = self.history.provenance.get(current)
            if provenance is not None and provenance.parent == previous:
                found = recorded_changes(old_words, new_words,
                                         provenance.for_paragraph(old.id))
            if found is None:
                found = word_changes(old_words, new_words)
            self._changes[key] = found
        return found

    def _deleted_in(self, base: str, paragraph_id: str) -> str | None:
        for name in self.chain(base)[1:]:
            if self.paragraph(name, paragraph_id) is None:
                return name
        return None

    def _by(self, revision: str, paragraph_id: str, start: int, end: int) -> str:
        """" by <proposals> (<parties>)" where the revision's provenance names who changed it."""
        provenance = self.history.provenance.get(revision)
        if provenance is None:
            return ""
        ids: list[str] = []
        parties: list[str] = []
        for change in provenance.for_paragraph(paragraph_id):
            if change.old_start <= end and start <= change.old_end:
                ids += [i for i in change.proposals if i not in ids]
                parties += [p for p in change.parties if p not in parties]
        if not ids:
            return ""
        return f" by {', '.join(ids)}" + (f" ({', '.join(parties)})" if parties else "")

    def _stale(self, proposal: Proposal, reason: str) -> Stale:
        now = self.paragraph(self.target.name, proposal.paragraph)
        label = now.address if now is not None else (proposal.label or proposal.paragraph)
        return Stale(proposal.id, proposal.parties, proposal.paragraph, label, reason)


def _clash_reason(clash: Clash, revision: str) -> str:
    where = display_name(revision)
    if clash.ambiguous:
        what = f'"{clash.old}" was deleted' if clash.old else f'"{clash.new}" was inserted'
        return f"{what} next to the same words in {where}, so which of them it quotes " \
               f"cannot be told"
    if not clash.old:
        return f'"{clash.new}" was inserted among its words in {where}'
    if not clash.new:
        return f'the words "{clash.old}" were deleted in {where}'
    return f'the words "{clash.old}" became "{clash.new}" in {where}'


def carry_all(target: Revision, proposals: Sequence[Proposal], history: History,
              tick: Tick | None = None,
              ) -> tuple[dict[str, list[Amendment]], list[Stale], dict[str, Words]]:
    """Each proposal carried onto `target`: amendments by paragraph id, the stale ones, and
    the words of each paragraph amended (cut once, here, for whoever writes them next)."""
    rebaser = Rebaser(history, target)
    by_paragraph: dict[str, list[Amendment]] = {}
    stale: list[Stale] = []
    for proposal in proposals:
        carried = rebaser.rebase(proposal)
        if tick is not None:
            tick()
        if isinstance(carried, Stale):
            stale.append(carried)
            continue
        paragraph = rebaser.paragraph(target.name, proposal.paragraph)
        assert paragraph is not None
        words = rebaser.words(paragraph)
        by_paragraph.setdefault(paragraph.id, []).append(amend(proposal, carried.edit, words))
    words_of = {pid: rebaser.words(paragraph) for pid in by_paragraph
                if (paragraph := rebaser.paragraph(target.name, pid)) is not None}
    return {pid: merge_identical(found) for pid, found in by_paragraph.items()}, stale, words_of
