"""Columns proposed for a table, proposed away or moved: carried onto a later revision,
written in.

A proposal to add a column names its table paragraph, the column the new one goes
before or after (`Operation.destination`, by id), the new heading (`Operation.text`)
and the new column's cells that are not blank, by row id (`Operation.cells`). A
proposal to delete a column names the column (`Operation.destination`). A proposal to
move a column names it (`Operation.column`) and the column it goes before or after
(`Operation.destination`), as a moved row does. A proposal to rename a column names
it (`Operation.destination`) and gives its whole new heading (`Operation.text`): a
heading is a short label, proposed whole, as a cell is with replace-paragraph. Each
applies to any later revision
that still has the table and the columns it names, and is stale otherwise; a row added
since has a blank cell in an added column, a row deleted since loses its cell. Columns
added next to the same column go in in proposal order, as added rows do; two deletions
of one column are one deletion. The new column gets its permanent id at the merge,
derived (`draftkit.identity.derived_id`) from the document, the new revision and the
proposal, so a dry run and the real run give the same ids.

Deleting a column competes with every proposal on the words of a cell in it
(`clashes`), and with a move or a renaming of it or a move of another column next to
it; two moves of one column to different places compete too, and so do two different
new headings for it (`contests`); two moves of one column to one place are one move,
two identical new headings one renaming (`identical`). The merge settles these by
`prefer` or reports the conflict, since neither a column nor its place has a bracketed
form (nor, here, competing headings). Columns are written moves first (in the order
the moved columns stand), then additions and renamings, then deletions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve, frozen

from draftkit.identity import IdSource
from draftkit.model import Paragraph, Revision
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.rebase import Stale, stale_on
from draftkit.table import Column, Row, Table

COLUMN_OPERATIONS = (OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN,
                     OperationKind.MOVE_COLUMN, OperationKind.RENAME_COLUMN)


def on_columns(proposal: Proposal) -> bool:
    """Whether the proposal adds, deletes, moves or renames a column of a table."""
    return proposal.operation.kind in COLUMN_OPERATIONS


def deletes(proposal: Proposal) -> bool:
    return proposal.operation.kind is OperationKind.DELETE_COLUMN


def moves(proposal: Proposal) -> bool:
    return proposal.operation.kind is OperationKind.MOVE_COLUMN


def renames(proposal: Proposal) -> bool:
    return proposal.operation.kind is OperationKind.RENAME_COLUMN


def stale(target: Revision, proposal: Proposal, base: Revision | None = None) -> Stale | None:
    """Why a column proposal cannot apply to `target`, or None when it can. `base`, the
    revision it was written against, names a column that is gone."""
    named = [(role, column) for role, column in (
        ("it moves", proposal.operation.column),
        ("it deletes" if deletes(proposal) else "it renames" if renames(proposal)
         else "it goes next to",
         proposal.operation.destination or "")) if column is not None]

    def why(paragraph: Paragraph, label: str, where: str) -> str | None:
        assert paragraph.table is not None
        gone = [(role, column) for role, column in named
                if paragraph.table.column_index(column) is None]
        if not gone:
            return None
        role, column = gone[0]
        return f"the column {role} ({cited(proposal, column, target, base)}) is not in " \
               f"{label} in {where}"

    return stale_on(target, proposal, "table", why)


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
    """Deletions and cell proposals that clashed, and contests over columns (see
    `contests`), after `prefer`: the set aside (with the ids preferred to each) and the
    clashes and contests left unresolved."""

    set_aside: tuple[tuple[Proposal, tuple[str, ...]], ...]
    unresolved: tuple[Clash, ...]
    contested: tuple[Contest, ...] = ()  # contests over a column's place left unresolved

    @property
    def held(self) -> set[str]:
        """The ids that the merge neither makes nor ignores: set aside or in conflict."""
        return {p.id for p, _ in self.set_aside} | {
            p.id for c in self.unresolved for p in (*c.deletions, *c.on_cells)} | {
            p.id for c in self.contested for side in c.sides for p in side}


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


@frozen
class Contest:
    """Proposals that cannot all be made on one column (`column`) of a table (`paragraph`):
    its deletions (first side, `deletes`) and the moves of it or of another column next
    to it; or moves of it to different places. Each side is one change, by one proposal
    or several identical ones."""

    paragraph: str
    column: str
    sides: tuple[tuple[Proposal, ...], ...]
    deletes: bool


def contests(proposals: Sequence[Proposal]) -> list[Contest]:
    """The contests among the column proposals that apply (see `stale`), by table and
    column in proposal order."""
    found = []
    keys = list(dict.fromkeys((p.paragraph, c) for p in proposals
                              if moves(p) or deletes(p) or renames(p)
                              for c in (p.operation.column, p.operation.destination)
                              if c is not None))
    for paragraph, column in keys:
        mine = [p for p in proposals if p.paragraph == paragraph]
        gone = tuple(p for p in mine if deletes(p) and p.operation.destination == column)
        moved = [p for p in mine if moves(p) and p.operation.column == column]
        renamed = [p for p in mine if renames(p) and p.operation.destination == column]
        if gone:
            rivals = [(p,) for p in mine if (moves(p) and column in (
                p.operation.column, p.operation.destination)) or p in renamed]
            if rivals:
                found.append(Contest(paragraph, column, (gone, *rivals), True))
            continue
        for competing in (moved, renamed):
            places: dict[tuple[object, ...], list[Proposal]] = {}
            for p in competing:  # where it goes, or what it is called
                places.setdefault((p.operation.position, p.operation.destination,
                                   p.operation.text), []).append(p)
            if len(places) > 1:
                found.append(Contest(paragraph, column, tuple(map(tuple, places.values())),
                                     False))
    return found


def identical(proposals: Sequence[Proposal]) -> tuple[tuple[str, ...], ...]:
    """Groups of proposals that make one change to a column: two moves of it to one place,
    two deletions of it, or two renamings of it to one heading."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for p in proposals:
        op = p.operation
        if moves(p) or deletes(p) or renames(p):
            groups.setdefault((p.paragraph, op.kind, op.column, op.position,
                               op.destination, op.text), []).append(p.id)
    return tuple(tuple(ids) for ids in groups.values() if len(ids) > 1)


def settle_contests(found: Sequence[Contest], prefer: Collection[str]
                    ) -> tuple[list[tuple[Proposal, tuple[str, ...]]], list[Contest]]:
    """Each contest settled by `prefer`: the proposals set aside (with the ids preferred
    to each) and the contests left unresolved. A preferred deletion sets aside every
    move it competes with, a preferred move the deletion; of moves of one column to
    different places, the one preferred sets the others aside."""
    set_aside: list[tuple[Proposal, tuple[str, ...]]] = []
    unresolved = []
    for contest in found:
        preferred = [side for side in contest.sides if {p.id for p in side} & set(prefer)]
        first = contest.sides[0]
        winners = tuple(p.id for side in preferred for p in side)
        if contest.deletes and preferred == [first]:
            set_aside += [(p, winners) for side in contest.sides[1:] for p in side]
        elif contest.deletes and preferred and first not in preferred:
            set_aside += [(p, winners) for p in first]
        elif not contest.deletes and len(preferred) == 1:
            set_aside += [(p, winners) for side in contest.sides if side is not preferred[0]
                          for p in side]
        else:
            unresolved.append(contest)
    return set_aside, unresolved


def new_column(proposal: Proposal, column_id: str) -> Column:
    return Column(column_id, proposal.operation.text)


def with_columns(revision: Revision, proposals: Sequence[Proposal], seed: str,
                 taken: AbstractSet[str], identify: IdSource
                 ) -> tuple[Revision, dict[str, str]]:
    """The revision with each proposal's column moved, added, renamed or deleted (each
    must apply: see `stale`; none may compete: see `contests`): moves first, in the order
    the moved columns stand, then additions and renamings in proposal order, then
    deletions; and the id given to each added column by proposal id. `taken` are column
    ids never to give again."""
    used = set(taken)
    added: dict[str, str] = {}
    changed: dict[str, Paragraph] = {}
    last_after: dict[tuple[str, str], str] = {}

    def order(proposal: Proposal) -> tuple[int, int]:
        if not moves(proposal):
            return (2 if deletes(proposal) else 1, 0)
        table = revision.by_id(proposal.paragraph)
        assert table is not None and table.table is not None
        return 0, table.table.column_index(proposal.operation.column or "") or 0

    def place(table: Table, paragraph_id: str, anchor: str, position: Position | None,
              column_id: str) -> int:
        """Where a column goes `position` the column `anchor` (after the last one already
        put after it)."""
        if position is Position.BEFORE:
            at = table.column_index(anchor)
        else:
            after = table.column_index(last_after.get((paragraph_id, anchor), anchor))
            at = None if after is None else after + 1
            last_after[(paragraph_id, anchor)] = column_id
        assert at is not None
        return at

    moved: set[tuple[str, str | None]] = set()  # identical moves are one move
    for proposal in sorted(proposals, key=order):
        if moves(proposal) and (proposal.paragraph, proposal.operation.column) in moved:
            continue
        moved |= {(proposal.paragraph, proposal.operation.column)} if moves(proposal) else set()
        paragraph = changed.get(proposal.paragraph) or revision.by_id(proposal.paragraph)
        assert paragraph is not None and paragraph.table is not None
        table = paragraph.table
        anchor = proposal.operation.destination or ""
        if renames(proposal):
            at = table.column_index(anchor)
            assert at is not None
            table = evolve(table, columns=(
                *table.columns[:at], evolve(table.columns[at], heading=proposal.operation.text),
                *table.columns[at + 1:]))
        elif deletes(proposal) or moves(proposal):
            at = table.column_index(proposal.operation.column or anchor)
            if at is None:  # deleted by another proposal already: one deletion
                continue
            if deletes(proposal) and len(table.columns) == 1:
                raise ValueError(f"the proposals delete every column of {paragraph.address}")
            column, cells = table.columns[at], {r.id: r.cells[at] for r in table.rows}
            table = Table((*table.columns[:at], *table.columns[at + 1:]),
                          tuple(evolve(r, cells=(*r.cells[:at], *r.cells[at + 1:]))
                                for r in table.rows))
            if moves(proposal):
                to = place(table, paragraph.id, anchor, proposal.operation.position,
                           column.id)
                table = _inserted(table, to, column, cells)
        else:
            column_id = identify(f"{seed}/{proposal.id}", used)
            used.add(column_id)
            added[proposal.id] = column_id
            to = place(table, paragraph.id, anchor, proposal.operation.position, column_id)
            table = _inserted(table, to, new_column(proposal, column_id),
                              dict(proposal.operation.cells))
        changed[paragraph.id] = evolve(paragraph, table=evolve(
            paragraph.table, columns=table.columns, rows=table.rows))
    return revision.with_paragraphs(changed), added


def _inserted(table: Table, at: int, column: Column, cells: dict[str, str]) -> Table:
    """`table` with `column` at `at`, its cells by row id (blank for rows not given)."""
    return Table((*table.columns[:at], column, *table.columns[at:]),
                 tuple(Row(r.id, (*r.cells[:at], cells.get(r.id, ""), *r.cells[at:]))
                       for r in table.rows))
