"""Merging proposals on tables and form fields: cells, rows, columns and fields.

Proposals on a cell's words are carried through the cell view (`draftkit.cells`) by
the word machinery; row, column and field proposals by the identities they name
(`draftkit.rows`, `draftkit.columns`, `draftkit.field_changes`). What they change in
a table is credited, cell by cell, to the proposals that changed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve

from draftkit import cells, columns, field_changes, rows
from draftkit.agreement import PROTECTED, AgreedChange
from draftkit.amendments import Amendment
from draftkit.edits import Words, write
from draftkit.model import Paragraph, Revision
from draftkit.proposals import Proposal
from draftkit.provenance import Change
from draftkit.rebase import History, Stale, Tick, carry_all
from draftkit.side import Side
from draftkit.table import CellRef


def carry_cells(target: Revision, proposals: Sequence[Proposal], history: History,
                tick: Tick | None = None,
                ) -> tuple[Revision, dict[str, list[Amendment]], list[Stale]]:
    """The proposals on cells carried onto the cells of `target`: its cell view
    (`draftkit.cells`), their amendments by cell key, and the stale ones."""
    view = cells.view(target)
    on_cells = [evolve(p, paragraph=cells.key(p.paragraph, p.cell), cell=None)
                for p in proposals if p.cell is not None]
    if not on_cells:
        return view, {}, []
    amendments, stale, _ = carry_all(view, on_cells, cells.history_view(history), tick)
    originals = {p.id: p for p in proposals}
    named = []
    for found in stale:
        proposal = originals[found.proposal]
        assert proposal.cell is not None
        cell_key = cells.key(proposal.paragraph, proposal.cell)
        now = target.by_id(proposal.paragraph)
        label = cells.name(now, proposal.cell) if now is not None else proposal.label
        named.append(evolve(found, paragraph=proposal.paragraph, label=label,
                            reason=found.reason.replace(f"#{cell_key}", label)
                            .replace(cell_key, label)))
    return view, amendments, named


def on_tables(found: Sequence[AgreedChange],
               named: dict[str, tuple[Paragraph, CellRef]]) -> tuple[AgreedChange, ...]:
    """Changes to agreed cells, as changes to their agreed tables."""
    return tuple(evolve(c, paragraph=named[c.paragraph][0].id,
                        label=cells.name(*named[c.paragraph])) for c in found)


def rows_on_agreed(target: Revision, made: Sequence[Proposal]) -> tuple[AgreedChange, ...]:
    """Rows added to, deleted from or moved in agreed (or ad ref) tables (or left there
    bracketed), columns added or deleted there, and changes of agreed form fields, as
    changes to those paragraphs."""
    found = []
    for proposal in made:
        table = target.by_id(proposal.paragraph)
        if table is not None and table.status in PROTECTED:
            found.append(AgreedChange(table.id, table.address, table.status, (proposal.id,),
                                      proposal.parties))
    return tuple(found)


def left_by(amendment: Amendment, cell: Paragraph, words: Words) -> str:
    """The text a proposal on a cell's words (in the cell view) leaves in the cell."""
    if amendment.edit is not None and not amendment.retains:
        return write(words, [amendment.edit]).text
    return amendment.operation.text or cell.text


def row_contests(target: Revision, proposals: Sequence[Proposal], view: Revision,
                 on_cells: dict[str, list[Amendment]],
                 named: dict[str, tuple[Paragraph, CellRef]]) -> list[rows.Contest]:
    """The contests over rows (`draftkit.rows`) among the row proposals that apply to
    `target` and the proposals on its cells (carried onto its cell `view`)."""
    rivals = []
    for key, found in on_cells.items():
        table, ref = named[key]
        cell = view.by_id(key)
        assert cell is not None and table.table is not None
        column = table.table.columns[table.table.column_index(ref.column) or 0].heading
        words = Words.of(cell.text)
        rivals += [(table.id, ref.row, Side(
            a.ids, a.parties, a.kind.value,
            f"retain column {column}" if a.retains else
            f'column {column}: "{left_by(a, cell, words)}"')) for a in found]
    return rows.contests(target, proposals, rivals)


def settle_fields(target: Revision, proposals: Sequence[Proposal], prefer: AbstractSet[str],
                  bracket: bool) -> tuple[dict[str, field_changes.Resolution], list[Stale]]:
    """The change-field proposals that apply to `target`, resolved field by field, and
    those that are stale."""
    by_field: dict[str, list[Proposal]] = {}
    stale = []
    for proposal in (p for p in proposals if field_changes.on_field(p)):
        found = field_changes.stale(target, proposal)
        if found is not None:
            stale.append(found)
        else:
            by_field.setdefault(proposal.paragraph, []).append(proposal)
    return {pid: field_changes.resolve(found, prefer, bracket)
            for pid, found in by_field.items()}, stale


def settle_columns(target: Revision, proposals: Sequence[Proposal], prefer: AbstractSet[str],
                   history: History) -> tuple[list[Proposal], columns.Settled, list[Stale]]:
    """The column proposals that apply to `target` and are made; the deletions and the
    proposals on their cells' words settled by `prefer` (set aside, or left in conflict);
    and the stale column proposals."""
    live, stale = [], []
    for proposal in (p for p in proposals if columns.on_columns(p)):
        found = columns.stale(target, proposal, history.revisions.get(proposal.revision))
        if found is not None:
            stale.append(found)
        else:
            live.append(proposal)
    settled = columns.settle(columns.clashes([p for p in live if columns.deletes(p)],
                                             [p for p in proposals if p.cell is not None]),
                             prefer)
    aside, contested = columns.settle_contests(columns.contests(live), prefer)
    settled = evolve(settled, set_aside=(*settled.set_aside, *aside),
                     contested=tuple(contested))
    return [p for p in live if p.id not in settled.held], settled, stale


def rows_written(target: Revision, written: Revision, added: Sequence[Proposal]
                  ) -> dict[tuple[str, str, str], tuple[Change, ...]]:
    """Each cell of each row added, written by the proposal that added it (the rows new
    in a table matched to its add-row proposals by their cells, in order)."""
    found: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    taken: set[str] = set()
    for proposal in added:
        before, after = target.by_id(proposal.paragraph), written.by_id(proposal.paragraph)
        assert before is not None and before.table is not None
        assert after is not None and after.table is not None
        texts = dict(proposal.operation.cells)
        wanted = tuple(texts.get(c.id, "") for c in after.table.columns)
        row = next(r for r in after.table.rows if before.table.row_index(r.id) is None
                   and r.cells == wanted and r.id not in taken)
        taken.add(row.id)
        for column, text in zip(after.table.columns, row.cells, strict=True):
            if text:
                found[(proposal.paragraph, row.id, column.id)] = (
                    Change(0, 0, 0, len(text), (proposal.id,), proposal.parties),)
    return found


def columns_written(written: Revision, added: Sequence[Proposal], ids: dict[str, str]
                     ) -> dict[tuple[str, str, str], tuple[Change, ...]]:
    """Each cell with words of each column added, written by the proposal that added it
    (`ids`: the new column's id by proposal id)."""
    found: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    for proposal in added:
        table = written.by_id(proposal.paragraph)
        column = ids.get(proposal.id)
        if table is None or table.table is None or column is None:
            continue
        for row, text in proposal.operation.cells:
            if table.table.cell(row, column):
                found[(table.id, row, column)] = (
                    Change(0, 0, 0, len(text), (proposal.id,), proposal.parties),)
    return found
