"""Rows proposed for a table: carried onto a later revision and written into it.

A proposal to add a row names its table paragraph, the row the new one goes
before or after (`Operation.destination`, by id) and the new row's cells by
column id (`Operation.cells`). It applies to any later revision that still has
that table and that row; a column added since is blank in the new row, a column
deleted since loses its cell. Several rows added next to the same row go in in
proposal order, as added paragraphs do. The new row gets its permanent id at the
merge, derived (`draftkit.identity.derived_id`) from the document, the new
revision and the proposal, so a dry run and the real run give the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve

from draftkit.identity import IdSource
from draftkit.model import Paragraph, Revision, display_name
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.rebase import Stale
from draftkit.table import Row, Table

ROW_OPERATIONS = (OperationKind.ADD_ROW,)


def on_rows(proposal: Proposal) -> bool:
    """Whether the proposal is on a table's rows rather than on words."""
    return proposal.operation.kind in ROW_OPERATIONS


def stale(target: Revision, proposal: Proposal) -> Stale | None:
    """Why a row proposal cannot apply to `target`, or None when it can."""
    paragraph = target.by_id(proposal.paragraph)
    label = paragraph.address if paragraph is not None else (proposal.label or
                                                                proposal.paragraph)
    where = display_name(target.name)
    if paragraph is None:
        reason = f"{label} is not in {where}"
    elif paragraph.table is None:
        reason = f"{label} is not a table in {where}"
    elif paragraph.table.row_index(proposal.operation.destination or "") is None:
        reason = f"the row it goes next to (#{proposal.operation.destination}) is not " \
                 f"in {label} in {where}"
    else:
        return None
    return Stale(proposal.id, proposal.parties, proposal.paragraph, label, reason)


def new_row(table: Table, proposal: Proposal, row_id: str) -> Row:
    """The row a proposal adds, with `row_id`, its cells in `table`'s columns."""
    given = dict(proposal.operation.cells)
    return Row(row_id, tuple(given.get(column.id, "") for column in table.columns))


def with_rows(revision: Revision, proposals: Sequence[Proposal], seed: str,
              taken: AbstractSet[str], identify: IdSource) -> Revision:
    """The revision with each proposal's row added to its table, in proposal order
    (each must apply: see `stale`). `taken` are row ids never to give again."""
    used = set(taken)
    changed: dict[str, Paragraph] = {}
    last_after: dict[tuple[str, str], str] = {}
    for proposal in proposals:
        paragraph = changed.get(proposal.paragraph) or revision.by_id(proposal.paragraph)
        assert paragraph is not None and paragraph.table is not None
        table = paragraph.table
        row_id = identify(f"{seed}/{proposal.id}", used)
        used.add(row_id)
        anchor = proposal.operation.destination or ""
        if proposal.operation.position is Position.BEFORE:
            at = table.row_index(anchor)
        else:
            after = table.row_index(last_after.get((paragraph.id, anchor), anchor))
            at = None if after is None else after + 1
            last_after[(paragraph.id, anchor)] = row_id
        assert at is not None
        rows = (*table.rows[:at], new_row(table, proposal, row_id), *table.rows[at:])
        changed[paragraph.id] = evolve(paragraph, table=evolve(table, rows=rows))
    return revision.with_paragraphs(changed)
