"""Blame: for each span of a paragraph's words, the revision it first appeared in and who
proposed it.

The paragraph is followed by identity from the first revision of its
ancestry that has it to the one asked about. At each step words that stay are
carried (by the merge's recorded provenance where there is one, else a word
diff); words that appear are credited to that revision and, where its
provenance says so, to the proposals and parties that wrote them. Each
revision that moved the paragraph (to another section, or out of its order
among the paragraphs both revisions share) is listed too, with the proposals
that moved it where its provenance records them.
"""

from __future__ import annotations

import bisect
import collections
import itertools
from collections.abc import Mapping, Sequence

from attrs import frozen

from draftkit.docdiff import moved
from draftkit.edits import Words
from draftkit.model import Paragraph, Revision
from draftkit.provenance import Provenance
from draftkit.rebase import WordChanges, recorded_changes, word_changes


@frozen
class Origin:
    """Where words come from: the revision that introduced them, and the proposals behind
    them (none for words the presidency wrote, or a revision made without a merge)."""

    revision: str
    proposals: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


@frozen
class BlameSpan:
    """Characters `[start, end)` of the paragraph (from a word's start to a word's end)."""

    start: int
    end: int
    text: str
    origin: Origin


@frozen
class ParagraphBlame:
    """A paragraph's words by origin, and the revisions that moved it (oldest first),
    with the proposals that moved it where known."""

    paragraph: str
    label: str | None
    spans: tuple[BlameSpan, ...]
    moves: tuple[Origin, ...] = ()


def blame(ancestry: Sequence[Revision], provenance: Mapping[str, Provenance],
          paragraph_ids: Sequence[str] | None = None) -> tuple[ParagraphBlame, ...]:
    """Blame for the last revision of `ancestry` (oldest first, each the parent of the next),
    for the paragraphs named (all by default)."""
    target = ancestry[-1]
    indexes = [{p.id: p for p in revision.paragraphs()} for revision in ancestry]
    wanted = paragraph_ids if paragraph_ids is not None else [p.id for p in target.paragraphs()]
    moves = _moves(ancestry, provenance)
    result = []
    for paragraph_id in wanted:
        paragraph = indexes[-1][paragraph_id]
        origins, words = _origins(paragraph_id, ancestry, indexes, provenance)
        spans = []
        index = 0
        for origin, run in itertools.groupby(origins):  # equal runs: mostly one object
            count = len(list(run))
            start, end = words.chars(index, index + count)
            spans.append(BlameSpan(start, end, paragraph.text[start:end], origin))
            index += count
        label = None if paragraph.label is None else str(paragraph.label)
        result.append(ParagraphBlame(paragraph_id, label, tuple(spans),
                                     _moves_of(paragraph_id, ancestry, indexes, moves)))
    return tuple(result)


def _moves(ancestry: Sequence[Revision], provenance: Mapping[str, Provenance]
           ) -> dict[str, dict[str, Origin]]:
    """For each revision of `ancestry` after the first, the paragraphs it moved and who
    moved them (a revision without provenance: the revision alone)."""
    found: dict[str, dict[str, Origin]] = {}
    for previous, revision in itertools.pairwise(ancestry):
        recorded = provenance.get(revision.name)
        if recorded is not None and recorded.parent != previous.name:
            recorded = None
        moves = recorded.moves if recorded is not None else {}
        found[revision.name] = {
            paragraph_id: Origin(revision.name, moves[paragraph_id].proposals,
                                 moves[paragraph_id].parties)
            if paragraph_id in moves else Origin(revision.name)
            for paragraph_id in moved(previous, revision, moves)}
    return found


def _moves_of(paragraph_id: str, ancestry: Sequence[Revision],
              indexes: Sequence[Mapping[str, Paragraph]],
              moves: Mapping[str, Mapping[str, Origin]]) -> tuple[Origin, ...]:
    """The moves of the paragraph since it last appeared (oldest first)."""
    found: list[Origin] = []
    for revision, index in zip(ancestry, indexes, strict=True):
        if paragraph_id not in index:
            found = []
        elif paragraph_id in moves.get(revision.name, {}):
            found.append(moves[revision.name][paragraph_id])
    return tuple(found)


def _origins(paragraph_id: str, ancestry: Sequence[Revision],
             indexes: Sequence[Mapping[str, Paragraph]],
             provenance: Mapping[str, Provenance]) -> tuple[list[Origin], Words]:
    """The origin of each word of the paragraph in the last revision, and its words."""
    origins: list[Origin] = []
    previous: tuple[Revision, Paragraph, Words] | None = None
    for revision, index in zip(ancestry, indexes, strict=True):
        paragraph = index.get(paragraph_id)
        if paragraph is None:
            previous, origins = None, []
            continue
        words = Words.of(paragraph.text)
        recorded = provenance.get(revision.name)
        if previous is None:
            origins = _credits(revision.name, recorded, paragraph_id, words)
        elif previous[1].text != paragraph.text:
            changes = _changes(previous, words, recorded, paragraph_id)
            carried = _credits(revision.name, recorded, paragraph_id, words)
            # carried[new] = origins[old] for each word kept, in C (a million words, maybe)
            kept = list(map((-1).__lt__, changes.mapping))
            collections.deque(map(carried.__setitem__, itertools.compress(changes.mapping, kept),
                                  itertools.compress(origins, kept)), maxlen=0)
            origins = carried
        previous = (revision, paragraph, words)
    assert previous is not None  # the last revision has the paragraph
    return origins, previous[2]


def _changes(previous: tuple[Revision, Paragraph, Words], words: Words,
             recorded: Provenance | None, paragraph_id: str) -> WordChanges:
    revision, _, old = previous
    if recorded is not None and recorded.parent == revision.name:
        found = recorded_changes(old, words, recorded.for_paragraph(paragraph_id))
        if found is not None:
            return found
    return word_changes(old, words)


def _credits(revision: str, recorded: Provenance | None, paragraph_id: str,
             words: Words) -> list[Origin]:
    """The origin of each word, as if new in `revision`: the proposals whose changes wrote
    it (those overlapping it, in the record's order), else the revision alone."""
    plain = Origin(revision)
    if recorded is None:
        return [plain] * len(words)
    writers: dict[int, tuple[list[str], list[str]]] = {}
    for change in recorded.for_paragraph(paragraph_id):
        # The words whose characters overlap the change's new range.
        first = bisect.bisect_right(words.ends, change.new_start)
        last = bisect.bisect_left(words.starts, change.new_end)
        for index in range(first, last):
            ids, parties = writers.setdefault(index, ([], []))
            ids += [i for i in change.proposals if i not in ids]
            parties += [p for p in change.parties if p not in parties]
    origins = [plain] * len(words)
    for index, (ids, parties) in writers.items():
        origins[index] = Origin(revision, tuple(ids), tuple(parties))
    return origins
