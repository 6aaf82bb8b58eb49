"""Columns moved by proposal (issue 14): store, CLI, stale, merge and its conflicts,
compilation, the diff and the .docx redline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import make_revision, refused_in_one_line, run_cli, snapshot
from draftkit.agreement import reopens
from draftkit.api import open_drafts
from draftkit.docx.redline import diff_to_docx
from draftkit.merge import MergeOptions, MergeResult, merge
from draftkit.model import Paragraph, Revision, Section, Status
from draftkit.proposals import Event, Operation, OperationKind, Position, Proposal, ProposalError
from draftkit.rebase import History
from draftkit.store.item_format import format_proposal, parse_proposal
from draftkit.table import Column, Row, Table
from draftkit.tablediff import table_diff
from strategies import cell_text, identifier, tables, trimmed

DOC = "reporting-formats"
T0 = dt.datetime(2010, 9, 1, tzinfo=dt.UTC)
HEADINGS = ["Type of cluster munition", "Number of cluster munitions",
            "Number of explosive submunitions", "Storage location"]


def _propose(drafts: Path, party: str, *args: str) -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B3", *args, "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def _move(drafts: Path, party: str, column: str, position: str, destination: str) -> str:
    return _propose(drafts, party, "--op", "move-column", "--column", column, "--position",
                    position, "--destination", destination)


def _b3(drafts: Path, revision: str) -> Table:
    table = open_drafts(drafts).revision(DOC, revision).find("B3").table
    assert table is not None
    return table


def test_a_moved_column_is_stored_by_id_and_merged_with_its_cells(bare: Path) -> None:
    before = _b3(bare, "rev1")
    assert [c.heading for c in before.columns] == HEADINGS
    pid = _move(bare, "NOR", "Storage location", "before", "Type of cluster munition")
    path = bare / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    moved, first = before.columns[3].id, before.columns[0].id
    assert f"column: {moved}\n" in text and "operation: move-column\nposition: before\n" \
        f"destination: {first}\n" in text and "row:" not in text
    proposal = parse_proposal(text, str(path))
    assert proposal.cell is None and proposal.operation.column == moved
    assert format_proposal(proposal) == text
    assert run_cli(bare, "check", DOC) == (0, "")
    path.write_text(text.replace(f"column: {moved}", "column: nosuch"), encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "move column names column nosuch of B3, which rev1 does not have" \
        in out, out
    path.write_text(text, encoding="utf-8")
    code, out = run_cli(bare, "proposals", DOC, "--para", "B3")
    said = " ".join(out.split())
    assert code == 0 and "move column Storage location before column Type of cluster " \
        "munition" in said and "#" not in said
    code, out = run_cli(bare, "proposals", DOC, "--format", "json")
    found = json.loads(out)[0]
    assert found["operation"] == "move-column" and found["column"] == moved and \
        found["destination"] == first
    open_drafts(bare).accept(pid)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0 and "1 applied, 0 conflicts" in out, out
    after = _b3(bare, "rev2")
    assert [c.heading for c in after.columns] == [HEADINGS[3], *HEADINGS[:3]]
    assert [r.id for r in after.rows] == [r.id for r in before.rows]
    assert [r.cells for r in after.rows] == [(r.cells[3], *r.cells[:3]) for r in before.rows]
    diff = table_diff(before, after)
    assert {c.id: c.change for c in diff.columns}[moved] == ("moved",)
    assert all(c.change == ("unchanged",) for c in diff.columns if c.id != moved)
    assert all(r.change == ("unchanged",) for r in diff.rows)
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2")
    assert code == 1 and "(moved)" in out, out
    assert open_drafts(bare).proposal(pid).status.value == "incorporated"
    assert run_cli(bare, "check", DOC) == (0, "")


@pytest.mark.parametrize(("args", "said"), [
    (["--op", "move-column", "--column", "Nope", "--position", "after", "--destination",
      "1"], "no column 'Nope' in B3"),
    (["--op", "move-column", "--column", "1", "--position", "after", "--destination",
      "Nope"], "no column 'Nope' in B3"),
    (["--op", "move-column", "--column", "1", "--position", "after"],
     "move-column needs the column it goes next to (--destination 'Quantity')"),
    (["--op", "move-column", "--column", "1", "--destination", "2"],
     "needs 'before' or 'after'"),
    (["--op", "move-column", "--position", "after", "--destination", "2"],
     "needs the column it moves"),
    (["--op", "move-column", "--column", "Storage location", "--position", "after",
      "--destination", "4"], "cannot move next to itself"),
    (["--op", "move-column", "--column", "1", "--position", "after", "--destination", "2",
      "--text", "X"], "move-column takes no --text or --cells"),
    (["--op", "delete-column", "--column", "1", "--destination", "2"],
     "delete-column takes no --destination"),
])
def test_a_column_move_that_cannot_be_made_is_refused_in_one_line(
        bare: Path, args: list[str], said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", "B3", *args, "--by", "NOR")


def test_a_stored_column_move_that_is_malformed_is_reported_at_its_line(bare: Path) -> None:
    pid = _move(bare, "NOR", "Storage location", "before", "Type of cluster munition")
    path = bare / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("column: ", "row: "), encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and f"{pid}.txt:6: move column names a column, not a row" \
        in out, out


def _revision(table: Table, status: Status = Status.OPEN, name: str = "zero-draft") -> Revision:
    paragraph = Paragraph("tab001", None, "Stockpiles", status, table=table)
    return Revision(document="test-doc", name=name, date=dt.date(2010, 6, 1),
                    issued_by="Presidency",
                    sections=(Section("sec001", "I", "Forms", (paragraph,)),))


def _proposal(pid: str, operation: Operation, party: str = "NOR") -> Proposal:
    events = (Event(T0, party, "proposed"), Event(T0, "Presidency", "accepted"))
    return Proposal(pid, "test-doc", "zero-draft", "tab001", operation, (party,), T0,
                    history=events)


def _moving(pid: str, column: str, position: Position, destination: str,
            party: str = "NOR") -> Proposal:
    return _proposal(pid, Operation(OperationKind.MOVE_COLUMN, None, "", position,
                                    destination, column=column), party)


def _deleting(pid: str, column: str, party: str = "MEX") -> Proposal:
    return _proposal(pid, Operation(OperationKind.DELETE_COLUMN, None, "", None, column),
                     party)


def _merge(target: Revision, proposals: list[Proposal], *others: Revision,
           prefer: frozenset[str] = frozenset(), bracket: bool = False,
           reopen: bool = False) -> MergeResult:
    return merge(target, proposals, History({r.name: r for r in (target, *others)}, {}),
                 MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency", prefer=prefer,
                              bracket=bracket, reopen=reopen))


THREE = Table((Column("kind", "Kind"), Column("qty", "Quantity"), Column("loc", "Location")),
              (Row("r1", ("a", "1", "x")), Row("r2", ("b", "2", "y"))))


def _headings(result: MergeResult) -> list[str]:
    assert result.revision is not None
    table = result.revision.by_id("tab001").table
    assert table is not None
    return [c.heading for c in table.columns]


def test_an_operation_moving_a_column_is_checked() -> None:
    with pytest.raises(ProposalError, match="cannot move next to itself"):
        Operation(OperationKind.MOVE_COLUMN, None, "", Position.AFTER, "qty", column="qty")
    with pytest.raises(ProposalError, match="needs the column it moves"):
        Operation(OperationKind.MOVE_COLUMN, None, "", Position.AFTER, "qty")
    with pytest.raises(ProposalError, match="names no column of its own"):
        Operation(OperationKind.DELETE_COLUMN, None, "", None, "qty", column="kind")


def test_a_column_move_naming_a_column_gone_since_is_stale_and_says_which() -> None:
    zero = _revision(THREE)
    rev1 = _revision(Table(THREE.columns[:2], tuple(Row(r.id, r.cells[:2])
                                                    for r in THREE.rows)), name="rev1")
    moved = _moving("P1", "loc", Position.BEFORE, "kind")
    next_to = _moving("P2", "kind", Position.AFTER, "loc")
    result = _merge(rev1, [moved, next_to], zero)
    assert result.revision is None and [s.proposal for s in result.stale] == ["P1", "P2"]
    assert "the column it moves (column Location) is not in" in result.stale[0].reason
    assert "the column it goes next to (column Location) is not in" in \
        result.stale[1].reason


def test_two_moves_of_one_column_to_different_places_conflict_and_prefer_settles() -> None:
    target = _revision(THREE)
    first = _moving("P1", "loc", Position.BEFORE, "kind")
    second = _moving("P2", "loc", Position.AFTER, "kind", "IRL")
    result = _merge(target, [first, second])
    assert result.revision is None and len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.place == "moving the column to different places"
    assert [s.wording for s in conflict.sides] == ["move it before column Kind",
                                                  "move it after column Kind"]
    bracketed = _merge(target, [first, second], bracket=True)
    assert bracketed.revision is None and "(a column's place cannot be bracketed; choose " \
        "with --prefer)" in bracketed.conflicts[0].place
    settled = _merge(target, [first, second], prefer=frozenset({"P2"}))
    assert _headings(settled) == ["Kind", "Location", "Quantity"]
    assert settled.set_aside == ("P1",) and settled.applied == ("P2",)


def test_identical_moves_combine() -> None:
    result = _merge(_revision(THREE), [_moving("P1", "loc", Position.BEFORE, "kind"),
                                       _moving("P2", "loc", Position.BEFORE, "kind", "IRL")])
    assert _headings(result) == ["Location", "Kind", "Quantity"]
    assert result.combined == (("P1", "P2"),) and not result.conflicts


@pytest.mark.parametrize("deleted", ["loc", "kind"])
def test_a_move_against_deleting_the_column_or_its_destination_conflicts(deleted: str) -> None:
    target = _revision(THREE)
    moved = _moving("P1", "loc", Position.BEFORE, "kind")
    gone = _deleting("P2", deleted)
    result = _merge(target, [moved, gone])
    assert result.revision is None and len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.place == "deleting the column against moves"
    assert [s.wording for s in conflict.sides] == [
        None, "move it before column Kind" if deleted == "loc" else
        "move column Location before it"]
    kept = _merge(target, [moved, gone], prefer=frozenset({"P1"}))
    assert _headings(kept) == ["Location", "Kind", "Quantity"] and kept.set_aside == ("P2",)
    dropped = _merge(target, [moved, gone], prefer=frozenset({"P2"}))
    assert _headings(dropped) == [h for h, c in (("Kind", "kind"), ("Quantity", "qty"),
                                                 ("Location", "loc")) if c != deleted]
    assert dropped.set_aside == ("P1",)


def test_moving_a_column_of_an_agreed_table_is_protected_unless_reopened() -> None:
    assert reopens(OperationKind.MOVE_COLUMN, Status.AGREED)
    assert not reopens(OperationKind.MOVE_COLUMN, Status.OPEN)
    target = _revision(THREE, Status.AGREED)
    moved = _moving("P1", "loc", Position.BEFORE, "kind")
    result = _merge(target, [moved])
    assert result.revision is None and [c.paragraph for c in result.protected] == ["tab001"]
    reopened = _merge(target, [moved], reopen=True)
    assert _headings(reopened) == ["Location", "Kind", "Quantity"]


@st.composite
def wide_tables(draw: st.DrawFn) -> Table:
    """A table of four to six columns, hostile headings and cells (`strategies.tables`
    makes mostly narrower ones)."""
    width = draw(st.integers(4, 6))
    ids = draw(st.lists(identifier, unique=True, min_size=width + 4, max_size=width + 4))
    columns = tuple(Column(ids[i], draw(trimmed)) for i in range(width))
    return Table(columns, tuple(Row(ids[width + i], tuple(draw(cell_text) for _ in columns))
                                for i in range(draw(st.integers(0, 4)))))


@settings(max_examples=40, deadline=None)
@given(st.one_of(tables(), wide_tables()), st.data())
def test_moving_a_column_then_diffing_reports_exactly_that_column_moved(
        table: Table, data: st.DataObject) -> None:
    assume(len(table.columns) >= 2)
    ids = [c.id for c in table.columns]
    moved = data.draw(st.sampled_from(ids))
    destination = data.draw(st.sampled_from([i for i in ids if i != moved]))
    position = data.draw(st.sampled_from(list(Position)))
    result = _merge(_revision(table), [_moving("P1", moved, position, destination)])
    assert result.revision is not None
    after = result.revision.by_id("tab001").table
    assert after is not None
    order = [i for i in ids if i != moved]
    order.insert(order.index(destination) + (position is Position.AFTER), moved)
    assert [c.id for c in after.columns] == order
    diff = table_diff(table, after)
    marked = [c.id for c in diff.columns if c.change == ("moved",)]
    assert all(c.change in (("moved",), ("unchanged",)) for c in diff.columns)
    assert all(r.change == ("unchanged",) and not any(c.changed for c in r.cells)
               for r in diff.rows)
    jump = abs(ids.index(moved) - order.index(moved))
    if jump == 0:  # moved to where it stood
        assert marked == []
    elif jump == 1:  # a swap of neighbours: either may be the one that moved
        assert len(marked) == 1 and marked[0] in (moved, ids[order.index(moved)])
    else:
        assert marked == [moved]


@settings(max_examples=40, deadline=None)
@given(wide_tables(), st.data())
def test_disjoint_column_operations_commute(table: Table, data: st.DataObject) -> None:
    ids = [c.id for c in table.columns]
    a, b, c, d = data.draw(st.permutations(ids))[:4]
    first = _moving("P1", a, data.draw(st.sampled_from(list(Position))), b)
    second = data.draw(st.sampled_from([_moving("P2", c, Position.AFTER, d, "IRL"),
                                        _deleting("P2", c)]))
    target = _revision(table)
    one = _merge(target, [first, second])
    two = _merge(target, [second, first])
    assert one.revision is not None and two.revision is not None
    assert one.revision == two.revision


def test_a_moved_column_redline_is_inserted_where_it_stands_and_deleted_where_it_stood(
        office: Any) -> None:
    """Word cannot track a column move: LibreOffice's accept all gives TO's cells with the
    column's old place left empty, reject all FROM's with its new place left empty."""
    from test_docx_libreoffice import shown

    before = make_revision([("tab001", "B3", "Stockpiles")])
    after = make_revision([("tab001", "B3", "Stockpiles")], name="rev1", parent="zero-draft")
    before = before.with_paragraphs({"tab001": evolve(next(before.paragraphs()),
                                                      table=THREE)})
    moved = Table((THREE.columns[2], *THREE.columns[:2]),
                  tuple(Row(r.id, (r.cells[2], *r.cells[:2])) for r in THREE.rows))
    after = after.with_paragraphs({"tab001": evolve(next(after.paragraphs()), table=moved)})
    seen = office.inspect(diff_to_docx(before, after), "moved-column-redline.docx")
    assert shown(seen["accepted"])[-3:] == ["Location | Kind | Quantity | ", "x | a | 1 | ",
                                            "y | b | 2 | "]
    assert shown(seen["rejected"])[-3:] == [" | Kind | Quantity | Location",
                                            " | a | 1 | x", " | b | 2 | y"]


def test_two_moves_through_accept_compile_and_merge(bare: Path) -> None:
    nor = _move(bare, "NOR", "Storage location", "before", "Type of cluster munition")
    irl = _move(bare, "IRL", "Storage location", "after", "Type of cluster munition")
    assert run_cli(bare, "accept", nor)[0] == 0
    before = snapshot(bare)
    code, out = run_cli(bare, "accept", irl)
    assert code == 2 and f"{irl} conflicts with accepted {nor} (NOR) on B3, column Storage " \
        "location, moving the column to different places" in " ".join(out.split())
    assert snapshot(bare) == before
    assert run_cli(bare, "accept", irl, "--force")[0] == 0
    code, out = run_cli(bare, "merge", DOC, "--compile")
    said = " ".join(out.split())
    assert code == 0 and "1 with competing proposals" in said and "B3, column Storage " \
        "location: [move column - NOR (late)] before column Type of cluster munition" in said
    code, out = run_cli(bare, "merge", DOC, "--compile", "--format", "markdown")
    assert "**B3, column Storage location:** \\[*move column - IRL (late)*\\] **after column " \
        "Type of cluster munition**" in out
    code, out = run_cli(bare, "merge", DOC, "--compile", "--format", "html")
    assert '<b>B3, column Storage location:</b> [<span class="who">move column - NOR ' \
        '(late)</span>] <ins>before column Type of cluster munition</ins>' in out
    code, out = run_cli(bare, "merge", DOC, "--compile", "--format", "json")
    compiled = json.loads(out)
    notes = [n for s in compiled["sections"] for p in s["paragraphs"] for n in p["notes"]]
    assert [(n["action"], n["proposers"], n["cell"], n["wording"]) for n in notes] == [
        ("move-column", ["IRL"], "B3, column Storage location",
         "after column Type of cluster munition"),
        ("move-column", ["NOR"], "B3, column Storage location",
         "before column Type of cluster munition")]
    assert [c["place"] for c in compiled["conflicts"]] == [
        "moving the column to different places"]
    before = snapshot(bare)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--bracket")
    assert code == 1 and "(a column's place cannot be bracketed; choose with --prefer)" in \
        " ".join(out.split())
    assert snapshot(bare) == before
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--prefer", irl)
    assert code == 0 and f"{nor} (for {irl})" in out, out
    assert [c.heading for c in _b3(bare, "rev2").columns] == [
        HEADINGS[0], HEADINGS[3], *HEADINGS[1:3]]
    assert open_drafts(bare).proposal(nor).status.value == "not-selected"


# Renaming a column: its whole new heading (rename-column)

def _renaming(pid: str, column: str, heading: str, party: str = "NOR") -> Proposal:
    return _proposal(pid, Operation(OperationKind.RENAME_COLUMN, None, heading, None, column),
                     party)


def test_a_renamed_column_is_proposed_by_heading_merged_and_diffed(bare: Path) -> None:
    before = _b3(bare, "rev1")
    pid = _propose(bare, "NOR", "--op", "rename-column", "--column", "Storage location",
                   "--text", "Location of storage")
    text = (bare / DOC / "proposals" / f"{pid}.txt").read_text(encoding="utf-8")
    assert f"operation: rename-column\ndestination: {before.columns[3].id}\n" \
        "text: Location of storage\n" in text
    code, out = run_cli(bare, "proposals", DOC, "--para", "B3")
    assert 'rename column Storage location "Location of storage"' in " ".join(out.split())
    code, out = run_cli(bare, "merge", DOC, "--compile", "--format", "markdown")
    assert "**B3, column Storage location:** \\[*rename column - NOR (late)*\\] " \
        "**Location of storage**" in out
    open_drafts(bare).accept(pid)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0 and "1 applied, 0 conflicts" in out, out
    after = _b3(bare, "rev2")
    assert [c.heading for c in after.columns] == [*HEADINGS[:3], "Location of storage"]
    assert [c.id for c in after.columns] == [c.id for c in before.columns]
    assert after.rows == before.rows
    diff = table_diff(before, after)
    assert [c.change for c in diff.columns] == [("unchanged",)] * 3 + [("renamed",)]


@pytest.mark.parametrize(("args", "said"), [
    (["--op", "rename-column", "--column", "Storage location"],
     "rename-column needs the new heading (--text)"),
    (["--op", "rename-column", "--column", "Storage location", "--text", "Storage location"],
     "B3, column Storage location is already headed so"),
    (["--op", "rename-column", "--column", "Nope", "--text", "X"], "no column 'Nope' in B3"),
    (["--op", "rename-column", "--column", "1", "--text", "X", "--position", "after"],
     "rename-column takes no --cells or --position"),
])
def test_a_renaming_that_cannot_be_made_is_refused_in_one_line(
        bare: Path, args: list[str], said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", "B3", *args, "--by", "NOR")


def test_different_headings_conflict_identical_ones_combine_and_a_move_combines() -> None:
    target = _revision(THREE)
    one, other = _renaming("P1", "loc", "Place"), _renaming("P2", "loc", "Site", "IRL")
    result = _merge(target, [one, other])
    assert result.revision is None and len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.place == "renaming the column differently"
    assert [s.wording for s in conflict.sides] == ['head it "Place"', 'head it "Site"']
    assert "(competing headings are not bracketed; choose with --prefer)" in \
        _merge(target, [one, other], bracket=True).conflicts[0].place
    assert _headings(_merge(target, [one, other], prefer=frozenset({"P2"}))) == \
        ["Kind", "Quantity", "Site"]
    same = _merge(target, [one, _renaming("P3", "loc", "Place", "IRL")])
    assert _headings(same) == ["Kind", "Quantity", "Place"] and \
        same.combined == (("P1", "P3"),)
    moved = _merge(target, [one, _moving("P4", "loc", Position.BEFORE, "kind", "IRL")])
    assert _headings(moved) == ["Place", "Kind", "Quantity"] and not moved.conflicts


def test_renaming_a_column_against_deleting_it_conflicts_and_is_stale_when_gone() -> None:
    target = _revision(THREE)
    renamed, gone = _renaming("P1", "loc", "Place"), _deleting("P2", "loc")
    result = _merge(target, [renamed, gone])
    assert result.revision is None and [c.place for c in result.conflicts] == [
        "deleting the column against renaming it"]
    assert [s.wording for s in result.conflicts[0].sides] == [None, 'head it "Place"']
    assert _headings(_merge(target, [renamed, gone], prefer=frozenset({"P1"}))) == \
        ["Kind", "Quantity", "Place"]
    rev1 = _revision(Table(THREE.columns[:2], tuple(Row(r.id, r.cells[:2])
                                                    for r in THREE.rows)), name="rev1")
    stale = _merge(rev1, [renamed], target)
    assert [s.reason.split(" is not")[0] for s in stale.stale] == [
        "the column it renames (column Location)"]
    assert reopens(OperationKind.RENAME_COLUMN, Status.AGREED)
