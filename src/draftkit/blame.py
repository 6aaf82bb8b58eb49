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

A table's cells are blamed the same way, each as a text of its own followed by the
identities of its row and column (`draftkit.cells`): a cell's words come from the
revision that wrote them and, where its merge recorded the change (`Provenance.cells`),
from the proposals on that cell, or the add-row proposal that added its row.
"""

from __future__ import annotations

import bisect
import collections
import itertools
from collections.abc import Mapping, Sequence

from attrs import frozen

from draftkit import cells
from draftkit.docdiff import moved
from draftkit.edits import Words
from draftkit.model import Paragraph, Revision
from draftkit.provenance import Provenance
from draftkit.rebase import WordChanges, recorded_changes, word_changes
from draftkit.table import CellRef


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
class CellBlame:
    """A cell's words by origin: its row and column ids, and how people cite it in the
    revision blamed ("B3, row 4, column Type of cluster munition")."""

    row: str
    column: str
    address: str
    spans: tuple[BlameSpan, ...]


@frozen
class ParagraphBlame:
    """A paragraph's words by origin, and the revisions that moved it (oldest first),
    with the proposals that moved it where known; a table's cells too, row by row
    (blank cells have no words, and are left out)."""

    paragraph: str
    label: str | None
    spans: tuple[BlameSpan, ...]
    moves: tuple[Origin, ...] = ()
    cells: tuple[CellBlame, ...] = ()


def blame(ancestry: Sequence[Revision], provenance: Mapping[str, Provenance],
          paragraph_ids: Sequence[str] | None = None) -> tuple[ParagraphBlame, ...]:
    """Blame for the last revision of `ancestry` (oldest first, each the parent of the next),
    for the paragraphs named (all by default)."""
    target = ancestry[-1]
    indexes = [{p.id: p for p in revision.paragraphs()} for revision in ancestry]
    wanted = paragraph_ids if paragraph_ids is not None else [p.id for p in target.paragraphs()]
    moves = _moves(ancestry, provenance)
    in_cells: tuple[list[Revision], dict[str, Provenance]] | None = None
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
        if paragraph.table is not None and in_cells is None:
            in_cells = ([cells.view(revision) for revision in ancestry],
                        {n: cells.provenance_view(p) for n, p in provenance.items()})
        result.append(ParagraphBlame(paragraph_id, label, tuple(spans),
                                     _moves_of(paragraph_id, ancestry, indexes, moves),
                                     _cells(paragraph, *in_cells) if in_cells else ()))
    return tuple(result)


def _cells(paragraph: Paragraph, views: Sequence[Revision],
           provenance: Mapping[str, Provenance]) -> tuple[CellBlame, ...]:
    """Blame for each cell with words of a table paragraph, in the cell views of the
    ancestry with the merges' changes to cells as their provenance."""
    table = paragraph.table
    if table is None:
        return ()
    refs = {cells.key(paragraph.id, CellRef(row.id, column.id)): CellRef(row.id, column.id)
            for row in table.rows for column, text in zip(table.columns, row.cells,
                                                          strict=True) if text.strip()}
    blamed = blame(views, provenance, list(refs)) if refs else ()
    return tuple(CellBlame(refs[found.paragraph].row, refs[found.paragraph].column,
                           cells.name(paragraph, refs[found.paragraph]), found.spans)
                 for found in blamed)


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
