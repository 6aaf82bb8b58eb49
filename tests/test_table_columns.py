"""Columns added to or deleted from a table by proposal (issue 14): store, check, merge,
compile, diff, the .docx redline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import make_revision, refused_in_one_line, run_cli, snapshot
from draftkit.api import open_drafts
from draftkit.docx.redline import diff_to_docx
from draftkit.merge import MergeOptions, MergeResult, merge
from draftkit.model import Revision, Status
from draftkit.proposals import Operation, OperationKind, Position, Proposal
from draftkit.rebase import History
from draftkit.store.item_format import format_proposal, parse_proposal
from draftkit.table import CellRef, Column, Row, Table
from draftkit.tablediff import table_diff
from merge_helpers import table_proposal, table_revision
from strategies import spiced, tables, trimmed

DOC = "reporting-formats"


def _propose(drafts: Path, party: str, *args: str) -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B3", *args, "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def _add_lots(drafts: Path) -> str:
    return _propose(drafts, "NOR", "--op", "add-column", "--column", "Storage location",
                    "--position", "before", "--text", "Lot numbers", "--cells",
                    'L-1 |  | "L-3 | L-4" | ')


def test_an_added_column_is_stored_with_its_cells_by_row_and_checks_clean(bare: Path) -> None:
    pid = _add_lots(bare)
    path = bare / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    rows = open_drafts(bare).revision(DOC, "rev1").find("B3").table
    assert rows is not None
    assert "operation: add-column\nposition: before\ndestination: location\n" \
        "text: Lot numbers\n" in text
    proposal = parse_proposal(text, str(path))
    assert proposal.operation.cells == ((rows.rows[0].id, "L-1"), (rows.rows[2].id, "L-3 | L-4"))
    assert format_proposal(proposal) == text
    assert run_cli(bare, "check", DOC) == (0, "")
    path.write_text(text.replace("destination: location", "destination: nosuch"),
                    encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "add column names column nosuch of B3, which rev1 does not have" in out


@pytest.mark.parametrize(("args", "said"), [
    (["--op", "add-column", "--column", "Nope", "--position", "after", "--text", "X"],
     "no column 'Nope' in B3"),
    (["--op", "add-column", "--column", "1", "--position", "after"], "needs the new column's "
                                                                     "heading (--text)"),
    (["--op", "add-column", "--column", "1", "--text", "X"], "needs 'before' or 'after'"),
    (["--op", "add-column", "--column", "1", "--position", "after", "--text", "X", "--cells",
      "a | b"], "B3 has 4 rows; the new column gives 2 cells"),
    (["--op", "add-column", "--position", "after", "--text", "X"], "needs the column it goes "
                                                                    "next to"),
    (["--op", "delete-column"], "needs the column it deletes"),
    (["--op", "delete-column", "--column", "2", "--text", "X"], "takes no --text"),
    (["--op", "replace-paragraph", "--text", "X", "--column", "2"], "--column is for "
                                                                    "add-column"),
])
def test_a_column_proposal_that_cannot_be_made_is_refused_in_one_line(
        bare: Path, args: list[str], said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", "B3", *args, "--by", "NOR")


def test_columns_added_and_deleted_through_the_merge_and_the_diff(bare: Path) -> None:
    lots = _add_lots(bare)
    gone = _propose(bare, "MEX", "--op", "delete-column", "--column", "Number of explosive "
                                                                       "submunitions")
    code, out = run_cli(bare, "proposals", DOC, "--para", "B3")
    said = " ".join(out.split())
    assert code == 0 and 'add a column "Lot numbers" before column Storage location: L-1 | ' \
        "L-3 | L-4" in said and "delete column Number of explosive submunitions" in said
    assert "#" not in said  # ids never reach readers
    drafts = open_drafts(bare)
    drafts.accept(lots)
    drafts.accept(gone)
    code, out = run_cli(bare, "merge", DOC, "--compile")
    said = " ".join(out.split())
    assert code == 0 and "B3, new column before column Storage location: [add column - " \
        "NOR (late)] Lot numbers | L-1 | | L-3 | L-4 |" in said
    assert "B3, column Number of explosive submunitions: [delete column - MEX (late)]" in said
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0 and "2 applied, 0 conflicts" in out, out
    drafts = open_drafts(bare)
    before, after = (drafts.revision(DOC, n).find("B3").table for n in ("rev1", "rev2"))
    assert before is not None and after is not None
    assert [c.heading for c in after.columns] == [
        "Type of cluster munition", "Number of cluster munitions", "Lot numbers",
        "Storage location"]
    assert [r.id for r in after.rows] == [r.id for r in before.rows]
    assert [r.cells[2] for r in after.rows] == ["L-1", "", "L-3 | L-4", ""]
    assert [r.cells[:2] + r.cells[3:] for r in after.rows] == \
        [r.cells[:2] + r.cells[3:] for r in before.rows]
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2")
    assert code == 1 and "(inserted)" in out and "(deleted)" in out
    code, out = run_cli(bare, "blame", DOC, "--para", "B3")
    said = [" ".join(line.split()) for line in out.splitlines()]
    assert code == 0 and f"row 1, column Lot numbers Rev.2 {lots} (NOR) L-1" in said
    assert f"row 3, column Lot numbers Rev.2 {lots} (NOR) L-3 | L-4" in said
    assert {p.status.value for p in drafts.proposals(DOC)} == {"incorporated"}
    assert run_cli(bare, "check", DOC) == (0, "")


def test_deleting_a_column_conflicts_with_editing_a_cell_in_it(bare: Path) -> None:
    gone = _propose(bare, "MEX", "--op", "delete-column", "--column", "Storage location")
    code, out = run_cli(bare, "propose", DOC, "--para", "B3, row 1, column Storage location",
                        "--op", "replace-paragraph", "--text", "Depot 9", "--by", "IRL")
    assert code == 0, out
    cell = out.split(":")[0]
    drafts = open_drafts(bare)
    drafts.accept(gone)
    before = snapshot(bare)
    code, out = run_cli(bare, "accept", cell)
    assert code == 2 and f"{cell} conflicts with accepted {gone} (MEX) on B3, column Storage " \
        "location, deleting the column against changes of its cells" in " ".join(out.split())
    assert snapshot(bare) == before
    assert run_cli(bare, "accept", cell, "--force")[0] == 0
    code, out = run_cli(bare, "merge", DOC, "--compile")
    assert code == 0 and "1 with competing proposals" in out
    before = snapshot(bare)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--bracket")
    said = " ".join(out.split())
    assert code == 1 and "Conflict B3, column Storage location on deleting the column " \
        "against changes of its cells (a column cannot be bracketed; choose with --prefer): " \
        f'{gone} (MEX): delete the column / {cell} (IRL): "Depot 9"' in said
    assert snapshot(bare) == before
    reopened = run_cli(bare, "reopen", gone)
    assert reopened[0] == 0, reopened
    code, out = run_cli(bare, "accept", gone)
    assert code == 2 and f"{gone} conflicts with accepted {cell} (IRL)" in out
    assert run_cli(bare, "accept", gone, "--force")[0] == 0
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--prefer", cell)
    assert code == 0 and f"{gone} (for {cell})" in out, out
    table = open_drafts(bare).revision(DOC, "rev2").find("B3").table
    assert table is not None and table.cell(table.rows[0].id, "location") == "Depot 9"
    assert open_drafts(bare).proposal(gone).status.value == "not-selected"


def _merge(target: Revision, proposals: list[Proposal], reopen: bool = False,
           *others: Revision) -> MergeResult:
    return merge(target, proposals, History({r.name: r for r in (target, *others)}, {}),
                 MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency", reopen=reopen))


TWO = Table((Column("kind", "Kind"), Column("qty", "Quantity")),
            (Row("r1", ("a", "1")), Row("r2", ("b", "2"))))


def test_a_column_proposal_on_a_column_gone_since_is_stale() -> None:
    zero = table_revision(TWO)
    rev1 = table_revision(Table(TWO.columns[:1], tuple(Row(r.id, r.cells[:1])
                                                        for r in TWO.rows)), name="rev1")
    added = table_proposal("P1", Operation(OperationKind.ADD_COLUMN, None, "Lot", Position.AFTER,
                                      "qty"))
    deleted = table_proposal("P2", Operation(OperationKind.DELETE_COLUMN, None, "", None, "qty"))
    result = _merge(rev1, [added, deleted], False, zero)
    assert result.revision is None and [s.proposal for s in result.stale] == ["P1", "P2"]
    assert "the column it goes next to (column Quantity) is not in" in result.stale[0].reason
    assert "the column it deletes (column Quantity) is not in" in result.stale[1].reason


def test_a_column_change_of_an_agreed_table_is_protected_and_the_last_column_stays() -> None:
    target = table_revision(TWO, Status.AGREED)
    deleted = table_proposal("P1", Operation(OperationKind.DELETE_COLUMN, None, "", None, "qty"))
    result = _merge(target, [deleted])
    assert result.revision is None and [c.proposals for c in result.protected] == [("P1",)]
    assert _merge(target, [deleted], True).revision is not None
    both = [deleted, table_proposal("P2", Operation(OperationKind.DELETE_COLUMN, None, "", None,
                                               "kind"))]
    with pytest.raises(Exception, match="delete every column of #tab001"):
        _merge(table_revision(TWO), both)


@settings(max_examples=50, deadline=None)
@given(st.data(), tables(max_rows=4))
def test_disjoint_column_and_cell_proposals_commute(data: st.DataObject, table: Table) -> None:
    """Columns added and deleted, and a cell of a kept column filled, in either order:
    the same table, each new column next to its column with its heading and cells."""
    assume(len(table.columns) >= 2 and len(table.rows) >= 1)
    doomed = data.draw(st.sampled_from(table.columns[1:]))
    kept = [c for c in table.columns if c is not doomed]
    proposals = [table_proposal("D0", Operation(OperationKind.DELETE_COLUMN, None, "", None,
                                           doomed.id))]
    anchors = data.draw(st.lists(st.sampled_from([c.id for c in kept]), min_size=1,
                                 max_size=3, unique=True))
    for n, anchor in enumerate(anchors):
        cells = tuple((r.id, text) for r in table.rows
                      if (text := data.draw(spiced).strip()))
        proposals.append(table_proposal(f"A{n}", Operation(
            OperationKind.ADD_COLUMN, None, data.draw(trimmed), data.draw(st.sampled_from(
                list(Position))), anchor, cells)))
    row, column = data.draw(st.sampled_from(table.rows)), data.draw(st.sampled_from(kept))
    new = data.draw(spiced.filter(lambda t: bool(t.strip())))
    proposals.append(table_proposal("C0", Operation(OperationKind.REPLACE_PARAGRAPH, None, new),
                               CellRef(row.id, column.id)))
    target = table_revision(table)
    one_way, other_way = _merge(target, proposals), _merge(target, proposals[::-1])
    assert one_way.revision is not None and other_way.revision is not None
    merged = one_way.revision.by_id("tab001")
    other = other_way.revision.by_id("tab001")
    assert merged is not None and other is not None and merged.table is not None
    assert merged.table == other.table
    result = merged.table
    assert result.column_index(doomed.id) is None
    assert [c.id for c in result.columns if table.column_index(c.id) is not None] == \
        [c.id for c in kept]
    assert result.cell(row.id, column.id) == new
    added = [c for c in result.columns if table.column_index(c.id) is None]
    assert len(added) == len(anchors)
    for proposal in proposals[1:-1]:  # each next to its column, with its heading and cells
        op = proposal.operation
        at = next(i for i, c in enumerate(result.columns) if c in added and
                  c.heading == op.text and all(result.cell(r.id, c.id) == dict(op.cells).get(
                      r.id, "") for r in table.rows))
        anchor = result.column_index(op.destination or "")
        assert anchor is not None
        assert at == (anchor + 1 if op.position is Position.AFTER else anchor - 1)


def test_a_column_redline_shows_its_cells_tracked_with_the_column_on_both_sides(
        office: Any) -> None:
    """Word cannot track a column: LibreOffice's accept all gives TO's cells with the
    deleted column left empty, reject all FROM's with the added column left empty."""
    from test_docx_libreoffice import shown

    before = make_revision([("tab001", "B3", "Stockpiles")])
    after = make_revision([("tab001", "B3", "Stockpiles")], name="rev1", parent="zero-draft")
    before = before.with_paragraphs({"tab001": evolve(next(before.paragraphs()), table=TWO)})
    after = after.with_paragraphs({"tab001": evolve(next(after.paragraphs()), table=Table(
        (TWO.columns[0], Column("lot", "Lot")),
        (Row("r1", ("a", "L-1")), Row("r2", ("b", "")))))})
    seen = office.inspect(diff_to_docx(before, after), "column-redline.docx")
    # the diff's column order: Quantity (deleted) where it stood, then Lot (inserted)
    assert shown(seen["accepted"])[-3:] == ["Kind |  | Lot", "a |  | L-1", "b |  | "]
    assert shown(seen["rejected"])[-3:] == ["Kind | Quantity | ", "a | 1 | ", "b | 2 | "]


@settings(max_examples=50, deadline=None)
@given(st.data(), tables(max_rows=4))
def test_a_column_change_then_the_diff_shows_exactly_it(data: st.DataObject,
                                                         table: Table) -> None:
    """A column added and another deleted by one merge: the cell-wise diff reports that
    column inserted, with the cells proposed, the other deleted, nothing else changed."""
    assume(len(table.columns) >= 2)
    doomed = data.draw(st.sampled_from(table.columns))
    anchor = data.draw(st.sampled_from([c for c in table.columns if c is not doomed]))
    cells = tuple((r.id, text) for r in table.rows if (text := data.draw(spiced).strip()))
    proposals = [
        table_proposal("D0", Operation(OperationKind.DELETE_COLUMN, None, "", None, doomed.id)),
        table_proposal("A0", Operation(OperationKind.ADD_COLUMN, None, data.draw(trimmed),
                                  data.draw(st.sampled_from(list(Position))), anchor.id,
                                  cells))]
    result = _merge(table_revision(table), proposals)
    assert result.revision is not None
    merged = result.revision.by_id("tab001")
    assert merged is not None and merged.table is not None
    diff = table_diff(table, merged.table)
    (added,) = [c.id for c in merged.table.columns if table.column_index(c.id) is None]
    assert {c.id: c.change for c in diff.columns} == {
        **{c.id: ("unchanged",) for c in table.columns}, doomed.id: ("deleted",),
        added: ("inserted",)}
    assert all(r.change == ("unchanged",) for r in diff.rows)
    given = dict(cells)
    at = [c.id for c in diff.columns].index(added)
    assert [r.cells[at].text("to") for r in diff.rows] == \
        [given.get(r.id, "") for r in table.rows]


def test_a_column_or_field_proposal_on_agreed_text_is_flagged_as_reopening_it(
        bare: Path) -> None:
    from draftkit.agreement import reopens

    for kind in (OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN,
                 OperationKind.CHANGE_FIELD, OperationKind.ADD_ROW):
        assert reopens(kind, Status.AGREED) and reopens(kind, Status.AD_REF)
        assert not reopens(kind, Status.OPEN)
    assert not reopens(OperationKind.RETAIN, Status.AGREED)
    drafts = open_drafts(bare)
    drafts.agree(DOC, paragraph="B3", action="ad-ref", meeting="prepcom-2010")
    gone = _propose(bare, "MEX", "--op", "delete-column", "--column", "Storage location")
    assert open_drafts(bare).proposal(gone).reopens_agreed
    code, out = run_cli(bare, "proposals", DOC, "--para", "B3")
    assert code == 0 and "[reopens agreed text] delete column Storage location" in \
        " ".join(out.split())
