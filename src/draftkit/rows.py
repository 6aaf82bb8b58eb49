"""Rows proposed for a table: added, deleted or moved; carried onto a later revision,
weighed against each other and written into it.

A row proposal names its table paragraph and rows by their permanent ids, never by
positions. An added row (add-row) goes before or after one row (`Operation.destination`)
with its cells by column id (`Operation.cells`); a deleted row (delete-row) is
`Operation.row`; a moved row (move-row) is `Operation.row`, going before or after
`Operation.destination`. A proposal applies to any later revision that still has its
table and the rows it names (else it is stale); a column added since is blank in an
added row, a column deleted since loses its cell.

A row deletion competes with everything else proposed on that row: an edit of one of
its cells, a row added next to it, a move of it or of another row next to it. Two
deletions of one row are one change; two moves of one row to different places
compete too. `contests` finds these, `settle` resolves them as the merge is told
(`--prefer`, `--bracket`: the row stays, its cells in square brackets, the competing
changes made), and `with_rows` writes what applies: moves first (in the order the
moved rows stand), then added rows (several next to one row in proposal order, as
added paragraphs do), then deletions. An added row gets its permanent id at the
merge, derived (`draftkit.identity.derived_id`) from the document, the new revision
and the proposal, so a dry run and the real run give the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve, frozen

from draftkit.amendments import unique
from draftkit.identity import IdSource
from draftkit.model import Paragraph, Revision, display_name
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.rebase import Stale, stale_on
from draftkit.side import Side
from draftkit.table import Row, Table


def on_rows(proposal: Proposal) -> bool:
    """Whether the proposal is on a table's rows rather than on words."""
    return proposal.operation.kind.on_rows


def row_name(paragraph: Paragraph | None, row_id: str) -> str | None:
    """How people cite a row of a table in one revision: its position among the body
    rows and its first cell that is not blank, "row 3 (M85)"; None when it is not there."""
    table = paragraph.table if paragraph is not None else None
    at = table.row_index(row_id) if table is not None else None
    if table is None or at is None:
        return None
    first = next((cell for cell in table.rows[at].cells if cell.strip()), "")
    return f"row {at + 1}" + (f" ({first})" if first else "")


def gone_name(base: Revision | None, table_id: str, row_id: str) -> str:
    """A row named as it stood in `base` (the revision a proposal was written against):
    "row 3 (M85) of Rev.1"; "a row" when `base` does not have it either."""
    name = row_name(base.by_id(table_id), row_id) if base is not None else None
    return f"{name} of {display_name(base.name)}" if base is not None and name else "a row"


def cited(proposal: Proposal, row_id: str, latest: Revision, base: Revision | None) -> str:
    """How readers know a row of a proposal's table: "row 3 (M85)" as it stood in `base`,
    the revision the proposal was written against (where its label and the addresses it
    was made with stand), else in the `latest` revision, else "a row"."""
    return row_name(base.by_id(proposal.paragraph) if base is not None else None, row_id) \
        or row_name(latest.by_id(proposal.paragraph), row_id) or "a row"


def stale(target: Revision, proposal: Proposal, base: Revision | None = None) -> Stale | None:
    """Why a row proposal cannot apply to `target`, or None when it can. `base`, the
    revision it was written against, names a row that is gone."""
    operation = proposal.operation
    verb = "deletes" if operation.kind is OperationKind.DELETE_ROW else "moves"

    def why(paragraph: Paragraph, label: str, where: str) -> str | None:
        assert paragraph.table is not None
        if operation.row is not None and paragraph.table.row_index(operation.row) is None:
            return f"the row it {verb} ({gone_name(base, paragraph.id, operation.row)}) is " \
                   f"not in {label} in {where}"
        if operation.destination is not None and \
                paragraph.table.row_index(operation.destination) is None:
            return f"the row it goes next to " \
                   f"({gone_name(base, paragraph.id, operation.destination)}) is not in " \
                   f"{label} in {where}"
        return None

    return stale_on(target, proposal, "table", why)


def new_row(table: Table, proposal: Proposal, row_id: str) -> Row:
    """The row a proposal adds, with `row_id`, its cells in `table`'s columns."""
    given = dict(proposal.operation.cells)
    return Row(row_id, tuple(given.get(column.id, "") for column in table.columns))


@frozen
class Contest:
    """Proposals that cannot all be made on one row (`row`) of a table (`table`, the
    paragraph id): a deletion (first side) and what else is proposed on the row, or
    moves of the row to different places."""

    table: str
    row: str
    sides: tuple[Side, ...]

    @property
    def deletes(self) -> bool:
        return self.sides[0].wording is None


def _together(proposals: Sequence[Proposal], operation: str, wording: str | None) -> Side:
    return Side(tuple(p.id for p in proposals),
                unique(c for p in proposals for c in p.parties), operation, wording)


def contests(target: Revision, proposals: Sequence[Proposal],
             on_cells: Iterable[tuple[str, str, Side]]) -> list[Contest]:
    """The contests over rows among the row proposals that apply to `target` and the
    proposals on cells (`on_cells`: table paragraph id, row id, and the side each is),
    in the order the tables and rows stand."""
    cell_rivals: dict[tuple[str, str], list[Side]] = {}
    for table_id, row_id, rival in on_cells:
        cell_rivals.setdefault((table_id, row_id), []).append(rival)
    found = []
    for paragraph in target.paragraphs():
        if paragraph.table is None:
            continue
        touching: dict[str, list[Proposal]] = {}  # by each row a proposal names
        for p in proposals:
            if p.paragraph == paragraph.id:
                for row_id in unique(r for r in (p.operation.row, p.operation.destination)
                                     if r is not None):
                    touching.setdefault(row_id, []).append(p)
        for row in paragraph.table.rows:
            rivals = cell_rivals.get((paragraph.id, row.id), [])
            if row.id in touching or rivals:
                contest = _contest(paragraph, row.id, touching.get(row.id, []), rivals)
                found += [contest] if contest is not None else []
    return found


def _contest(paragraph: Paragraph, row_id: str, proposals: Sequence[Proposal],
             on_cells: Sequence[Side]) -> Contest | None:
    """The contest over one row, if any: `proposals` are the row proposals naming it
    (the row they delete or move, or go next to), `on_cells` those on its cells."""
    def name(other: str) -> str:
        return row_name(paragraph, other) or "a row"

    deletions = [p for p in proposals if p.operation.kind is OperationKind.DELETE_ROW and
                 p.operation.row == row_id]
    moves = [p for p in proposals if p.operation.kind is OperationKind.MOVE_ROW and
             p.operation.row == row_id]
    if deletions:
        rivals = list(on_cells)
        for p in proposals:
            op, where = p.operation, (p.operation.position or Position.AFTER).value
            if op.kind is OperationKind.ADD_ROW and op.destination == row_id:
                rivals.append(_together([p], op.kind.value, f"add a row {where} it"))
            elif op.kind is OperationKind.MOVE_ROW and op.row == row_id:
                rivals.append(_together([p], op.kind.value,
                                        f"move it {where} {name(op.destination or '')}"))
            elif op.kind is OperationKind.MOVE_ROW and op.destination == row_id:
                rivals.append(_together([p], op.kind.value,
                                        f"move {name(op.row or '')} {where} it"))
        if not rivals:
            return None
        return Contest(paragraph.id, row_id,
                       (_together(deletions, OperationKind.DELETE_ROW.value, None), *rivals))
    places: dict[tuple[Position | None, str | None], list[Proposal]] = {}
    for p in moves:
        places.setdefault((p.operation.position, p.operation.destination), []).append(p)
    if len(places) < 2:
        return None
    return Contest(paragraph.id, row_id, tuple(
        _together(group, OperationKind.MOVE_ROW.value,
                  f"move it {(position or Position.AFTER).value} {name(destination or '')}")
        for (position, destination), group in places.items()))


@frozen
class Settled:
    """How the contests over rows were resolved: those left as conflicts; proposals set
    aside, each with the preferred proposals it lost to; deletions left as bracketed
    rows (`bracketed`, the proposals; `rows`, (table paragraph id, row id))."""

    conflicts: tuple[Contest, ...] = ()
    set_aside: tuple[tuple[str, tuple[str, ...]], ...] = ()
    bracketed: tuple[str, ...] = ()
    rows: frozenset[tuple[str, str]] = frozenset()

    @property
    def held_back(self) -> frozenset[str]:
        """Every proposal not to apply as it stands: in a conflict, set aside, or a
        deletion bracketed."""
        return frozenset((*(i for c in self.conflicts for s in c.sides for i in s.proposals),
                          *(i for i, _ in self.set_aside), *self.bracketed))


def settle(found: Sequence[Contest], prefer: AbstractSet[str], bracket: bool) -> Settled:
    """Resolve contests as asked: where one side is preferred (`prefer` names one of its
    proposals) and no side it competes with is, those lose to it (a deletion competes
    with every other side; the other sides of a deletion contest do not compete with
    each other); else with `bracket`, a deletion stays as a bracketed row and the rest
    apply; else a conflict."""
    conflicts: list[Contest] = []
    set_aside: list[tuple[str, tuple[str, ...]]] = []
    bracketed: list[str] = []
    rows: set[tuple[str, str]] = set()
    for contest in found:
        preferred = [s for s in contest.sides if set(s.proposals) & prefer]
        first, rest = contest.sides[0], contest.sides[1:]
        if contest.deletes and preferred == [first]:
            set_aside += [(i, first.proposals) for side in rest for i in side.proposals]
        elif contest.deletes and preferred and first not in preferred:
            winners = tuple(i for side in preferred for i in side.proposals)
            set_aside += [(i, winners) for i in first.proposals]
        elif not contest.deletes and len(preferred) == 1:
            set_aside += [(i, preferred[0].proposals) for side in contest.sides
                          if side is not preferred[0] for i in side.proposals]
        elif contest.deletes and bracket and not preferred:
            bracketed += first.proposals
            rows.add((contest.table, contest.row))
        else:
            conflicts.append(contest)
    return Settled(tuple(conflicts), tuple(set_aside), tuple(bracketed), frozenset(rows))


def identical(proposals: Sequence[Proposal]) -> tuple[tuple[str, ...], ...]:
    """Groups of proposals that make one change to a row: two deletions of it, or two
    moves of it to one place."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for p in proposals:
        op = p.operation
        if op.kind is not OperationKind.ADD_ROW:
            groups.setdefault((p.paragraph, op.kind, op.row, op.position, op.destination),
                              []).append(p.id)
    return tuple(tuple(ids) for ids in groups.values() if len(ids) > 1)


def bracketed_row(row: Row) -> Row:
    """A row whose deletion is disputed: each cell that is not blank in square brackets."""
    return evolve(row, cells=tuple(f"[{cell}]" if cell.strip() else cell for cell in row.cells))


def with_rows(revision: Revision, proposals: Sequence[Proposal], seed: str,
              taken: AbstractSet[str], identify: IdSource,
              bracketed: AbstractSet[tuple[str, str]] = frozenset()) -> Revision:
    """The revision with the row proposals made (each must apply: see `stale`; none may
    compete: see `settle`) and the `bracketed` rows' cells in brackets. `taken` are row
    ids never to give again."""
    changed: dict[str, Paragraph] = {}
    for table_id in unique((*(p.paragraph for p in proposals), *(t for t, _ in bracketed))):
        paragraph = revision.by_id(table_id)
        assert paragraph is not None and paragraph.table is not None
        mine = [p for p in proposals if p.paragraph == table_id]
        table = _table_with(paragraph.table, mine, f"{seed}/", taken,
                            identify, {r for t, r in bracketed if t == table_id})
        changed[table_id] = evolve(paragraph, table=table)
    return revision.with_paragraphs(changed)


def _table_with(table: Table, proposals: Sequence[Proposal], seed: str,
                taken: AbstractSet[str], identify: IdSource,
                bracketed: AbstractSet[str]) -> Table:
    rows = [bracketed_row(r) if r.id in bracketed else r for r in table.rows]
    used = set(taken)
    last_after: dict[str, str] = {}

    def index(row_id: str) -> int:
        return next(n for n, r in enumerate(rows) if r.id == row_id)

    def place(row: Row, anchor: str, position: Position | None) -> None:
        if position is Position.BEFORE:
            rows.insert(index(anchor), row)
            return
        rows.insert(index(last_after.get(anchor, anchor)) + 1, row)
        last_after[anchor] = row.id

    moving = {p.operation.row or "": p for p in proposals
              if p.operation.kind is OperationKind.MOVE_ROW}
    stood = {r.id: n for n, r in enumerate(table.rows)}
    for row_id in sorted(moving, key=lambda r: stood.get(r, 0)):
        operation = moving[row_id].operation
        place(rows.pop(index(row_id)), operation.destination or "", operation.position)
    for proposal in proposals:
        if proposal.operation.kind is OperationKind.ADD_ROW:
            row_id = identify(f"{seed}{proposal.id}", used)
            used.add(row_id)
            place(new_row(table, proposal, row_id), proposal.operation.destination or "",
                  proposal.operation.position)
    deleted = {p.operation.row for p in proposals
               if p.operation.kind is OperationKind.DELETE_ROW}
    return evolve(table, rows=tuple(r for r in rows if r.id not in deleted))
