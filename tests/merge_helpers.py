"""Small builders for merge tests: revisions of one section, proposals, a history."""

from __future__ import annotations

import datetime as dt

from conftest import make_revision
from draftkit.merge import MergeOptions, MergeResult, merge
from draftkit.model import Paragraph, Revision, Section, Status
from draftkit.proposals import (
    Event,
    Operation,
    OperationKind,
    Position,
    Proposal,
    word_operation,
)
from draftkit.rebase import History
from draftkit.table import CellRef, Table

T0 = dt.datetime(2010, 7, 1, tzinfo=dt.UTC)


def words_op(text: str, kind: str, quote: str, new: str = "", position: str | None = None,
             occurrence: int | None = None) -> Operation:
    return word_operation(OperationKind(kind), text, quote, occurrence, new,
                          Position(position) if position else None)


def make_proposal(pid: str, paragraph: str, operation: Operation, *, revision: str = "zero-draft",
                  parties: tuple[str, ...] = ("NOR",), n: int = 0, accepted: bool = True,
                  group: str | None = None) -> Proposal:
    created = T0 + dt.timedelta(minutes=n)
    history = [Event(created, parties[0], "proposed")]
    if accepted:
        history.append(Event(created + dt.timedelta(seconds=1), "Presidency", "accepted"))
    return Proposal(pid, "test-doc", revision, paragraph, operation, parties, created,
                    on_behalf_of=group, history=tuple(history))


def history_of(*revisions: Revision) -> History:
    return History({r.name: r for r in revisions}, {})


def run_merge(target: Revision, proposals: list[Proposal], *others: Revision,
              name: str = "rev9", **options: object) -> MergeResult:
    settings = MergeOptions(name, dt.date(2010, 9, 1), "Presidency", **options)  # type: ignore[arg-type]
    return merge(target, proposals, history_of(target, *others), settings)


def one(text: str, name: str = "zero-draft") -> Revision:
    return make_revision([("p1", "OP1", text)], name=name)


def text_of(result: MergeResult, paragraph: str = "p1") -> str:
    assert result.revision is not None, (result.conflicts, result.stale)
    found = result.revision.by_id(paragraph)
    assert found is not None
    return found.text


def table_revision(table: Table, status: Status = Status.OPEN,
                   name: str = "zero-draft") -> Revision:
    """A revision whose one paragraph, tab001, is `table`."""
    paragraph = Paragraph("tab001", None, "Stockpiles", status, table=table)
    return Revision(document="test-doc", name=name, date=dt.date(2010, 6, 1),
                    issued_by="Presidency",
                    sections=(Section("sec001", "I", "Forms", (paragraph,)),))


def table_proposal(pid: str, operation: Operation, cell: CellRef | None = None) -> Proposal:
    """NOR's accepted proposal on tab001 of `table_revision` (on `cell` of it, if given)."""
    when = dt.datetime(2010, 9, 1, tzinfo=dt.UTC)
    events = (Event(when, "NOR", "proposed"), Event(when, "Presidency", "accepted"))
    return Proposal(pid, "test-doc", "zero-draft", "tab001", operation, ("NOR",), when,
                    cell=cell, history=events)
