"""Columns proposed for a table, or proposed away: carried onto a later revision, written in.

A proposal to add a column names its table paragraph, the column the new one goes
before or after (`Operation.destination`, by id), the new heading (`Operation.text`)
and the new column's cells that are not blank, by row id (`Operation.cells`). A
proposal to delete a column names the column (`Operation.destination`). Either
applies to any later revision that still has the table and that column, and is stale
otherwise; a row added since has a blank cell in an added column, a row deleted since
loses its cell. Columns added next to the same column go in in proposal order, as
added rows do; two deletions of one column are one deletion. The new column gets its
permanent id at the merge, derived (`draftkit.identity.derived_id`) from the document,
the new revision and the proposal, so a dry run and the real run give the same ids.

Deleting a column competes with every proposal on the words of a cell in it
(`clashes`); the merge settles that by `prefer` or reports the conflict, since a
column has no bracketed form.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve, frozen

from draftkit.identity import IdSource
from draftkit.model import Paragraph, Revision, display_name
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.rebase import Stale
from draftkit.table import Column, Row

COLUMN_OPERATIONS = (OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN)


def on_columns(proposal: Proposal) -> bool:
    """Whether the proposal adds or deletes a column of a table."""
    return proposal.operation.kind in COLUMN_OPERATIONS


def deletes(proposal: Proposal) -> bool:
    return proposal.operation.kind is OperationKind.DELETE_COLUMN


def stale(target: Revision, proposal: Proposal, base: Revision | None = None) -> Stale | None:
    """Why a column proposal cannot apply to `target`, or None when it can. `base`, the
    revision it was written against, names a column that is gone."""
    paragraph = target.by_id(proposal.paragraph)
    label = paragraph.address if paragraph is not None else (proposal.label or
                                                                proposal.paragraph)
    where = display_name(target.name)
    column = proposal.operation.destination or ""
    if paragraph is None:
        reason = f"{label} is not in {where}"
    elif paragraph.table is None:
        reason = f"{label} is not a table in {where}"
    elif paragraph.table.column_index(column) is None:
        role = "it deletes" if deletes(proposal) else "it goes next to"
        reason = f"the column {role} ({cited(proposal, column, target, base)}) is not in " \
                 f"{label} in {where}"
    else:
        return None
    return Stale(proposal.id, proposal.parties, proposal.paragraph, label, reason)


def heading(paragraph: Paragraph | None, column_id: str) -> str | None:
    """How people cite a column of a table in one revision: "column Storage location";
    None when it is not there."""
    table = paragraph.table if paragraph is not None else None
    at = table.column_index(column_id) if table is not None else None
    if table is None or at is None:
        return None
    return f"column {table.columns[at].heading}"


def name(paragraph: Paragraph, column_id: str) -> str:
    """How people cite a column in this revision: "B3, column Storage location"."""
    return f"{paragraph.address}, {heading(paragraph, column_id) or 'a column'}"


def cited(proposal: Proposal, column_id: str, latest: Revision, base: Revision | None) -> str:
    """How readers know a column of a proposal's table: "column Quantity" as it stood in
    `base`, the revision the proposal was written against, else in `latest`, else "a
    column"; ids never reach readers."""
    return heading(base.by_id(proposal.paragraph) if base is not None else None, column_id) \
        or heading(latest.by_id(proposal.paragraph), column_id) or "a column"


@frozen
class Clash:
    """Deletions of a column and proposals on the words of its cells: not all can be made."""

    paragraph: str
    column: str
    deletions: tuple[Proposal, ...]
    on_cells: tuple[Proposal, ...]


def clashes(deletions: Sequence[Proposal], on_cells: Sequence[Proposal]) -> list[Clash]:
    """Each deleted column with the proposals on its cells' words, if there are any."""
    by_column: dict[tuple[str, str], list[Proposal]] = {}
    for proposal in deletions:
        by_column.setdefault((proposal.paragraph, proposal.operation.destination or ""),
                             []).append(proposal)
    found = []
    for (paragraph, column), gone in by_column.items():
        touching = tuple(p for p in on_cells if p.paragraph == paragraph and
                         p.cell is not None and p.cell.column == column)
        if touching:
            found.append(Clash(paragraph, column, tuple(gone), touching))
    return found


@frozen
class Settled:
    """Deletions and cell proposals that clashed, after `prefer`: the set aside (with the
    ids preferred to each) and the clashes left unresolved."""

    set_aside: tuple[tuple[Proposal, tuple[str, ...]], ...]
    unresolved: tuple[Clash, ...]

    @property
    def held(self) -> set[str]:
        """The ids that the merge neither makes nor ignores: set aside or in conflict."""
        return {p.id for p, _ in self.set_aside} | {
            p.id for c in self.unresolved for p in (*c.deletions, *c.on_cells)}


def settle(found: Sequence[Clash], prefer: Collection[str]) -> Settled:
    """Each clash settled by `prefer`: a preferred deletion sets aside the proposals on the
    column's cells; preferring every proposal on its cells sets the deletions aside;
    anything else stays a conflict."""
    set_aside: list[tuple[Proposal, tuple[str, ...]]] = []
    unresolved = []
    for clash in found:
        chosen = [p.id for p in clash.deletions if p.id in prefer]
        kept = [p.id for p in clash.on_cells if p.id in prefer]
        if chosen and not kept:
            set_aside += [(p, tuple(chosen)) for p in clash.on_cells]
        elif kept and not chosen and len(kept) == len(clash.on_cells):
            set_aside += [(p, tuple(kept)) for p in clash.deletions]
        else:
            unresolved.append(clash)
    return Settled(tuple(set_aside), tuple(unresolved))


def new_column(proposal: Proposal, column_id: str) -> Column:
    return Column(column_id, proposal.operation.text)


def with_columns(revision: Revision, proposals: Sequence[Proposal], seed: str,
                 taken: AbstractSet[str], identify: IdSource
                 ) -> tuple[Revision, dict[str, str]]:
    """The revision with each proposal's column added or deleted, additions first, in
    proposal order (each must apply: see `stale`), and the id given to each added column
    by proposal id. `taken` are column ids never to give again."""
    used = set(taken)
    added: dict[str, str] = {}
    changed: dict[str, Paragraph] = {}
    last_after: dict[tuple[str, str], str] = {}
    for proposal in sorted(proposals, key=deletes):
        paragraph = changed.get(proposal.paragraph) or revision.by_id(proposal.paragraph)
        assert paragraph is not None and paragraph.table is not None
        table = paragraph.table
        anchor = proposal.operation.destination or ""
        if deletes(proposal):
            at = table.column_index(anchor)
            if at is None:  # deleted by another proposal already: one deletion
                continue
            columns = (*table.columns[:at], *table.columns[at + 1:])
            rows = tuple(evolve(r, cells=(*r.cells[:at], *r.cells[at + 1:]))
                         for r in table.rows)
        else:
            column_id = identify(f"{seed}/{proposal.id}", used)
            used.add(column_id)
            added[proposal.id] = column_id
            if proposal.operation.position is Position.BEFORE:
                at = table.column_index(anchor)
            else:
                after = table.column_index(last_after.get((paragraph.id, anchor), anchor))
                at = None if after is None else after + 1
                last_after[(paragraph.id, anchor)] = column_id
            assert at is not None
            given = dict(proposal.operation.cells)
            columns = (*table.columns[:at], new_column(proposal, column_id),
                       *table.columns[at:])
            rows = tuple(Row(r.id, (*r.cells[:at], given.get(r.id, ""), *r.cells[at:]))
                         for r in table.rows)
        if not columns:
            raise ValueError(f"the proposals delete every column of {paragraph.address}")
        changed[paragraph.id] = evolve(paragraph, table=evolve(table, columns=columns,
                                                               rows=rows))
    return revision.with_paragraphs(changed), added
