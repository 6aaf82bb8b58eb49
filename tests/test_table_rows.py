"""Rows added to a table by proposal (issue 14): store, check, merge, compile, diff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import refused_in_one_line, run_cli
from draftkit.api import open_drafts
from draftkit.merge import MergeOptions, merge
from draftkit.model import Revision, Status
from draftkit.proposals import Operation, OperationKind, Position, Proposal
from draftkit.rebase import History
from draftkit.store.item_format import format_proposal, parse_proposal
from draftkit.table import CellRef, Column, Row, Table
from merge_helpers import table_proposal, table_revision
from strategies import spiced, tables

DOC = "reporting-formats"
ROW3 = "xs7kg9"  # B3's third row in Rev.1


def _add(drafts: Path, party: str, cells: str, row: str = "row 3") -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B3", "--op", "add-row", "--position",
                        "after", "--row", row, "--cells", cells, "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def test_an_added_row_is_stored_by_column_with_a_quoted_bar_and_checks_clean(
        bare: Path) -> None:
    pid = _add(bare, "NOR", 'M85 | 1 200 | "lots 7 | 9" | Depot 4')
    path = bare / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    assert '@cell submunitions | "lots 7 | 9"' in text and f"destination: {ROW3}" in text
    proposal = parse_proposal(text, str(path))
    assert proposal.operation.cells == (("type", "M85"), ("quantity", "1 200"),
                                        ("submunitions", "lots 7 | 9"), ("location", "Depot 4"))
    assert format_proposal(proposal) == text
    assert run_cli(bare, "check", DOC) == (0, "")
    broken = text.replace(f"destination: {ROW3}", "destination: nosuchrow")
    path.write_text(broken, encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "adds a row next to row nosuchrow of B3, which rev1 does not have" \
        in out


@pytest.mark.parametrize(("args", "said"), [
    (["--row", "row 9", "--cells", "a | b | c | d"], "no row 9 in B3"),
    (["--row", "row 3", "--cells", "a | b"], "B3 has 4 columns"),
    (["--row", "row 3", "--cells", " |  |  | "], "not all blank"),
    (["--cells", "a | b | c | d"], "needs the row it goes next to"),
    (["--row", "row 3"], "needs the new row's cells"),
])
def test_what_an_added_row_lacks_is_refused_in_one_line(bare: Path, args: list[str],
                                                        said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", "B3", "--op", "add-row",
                        "--position", "after", *args, "--by", "NOR")


def test_rows_added_after_one_row_go_in_in_proposal_order_with_derived_ids(bare: Path) -> None:
    first = _add(bare, "NOR", "M85 | 1 200 | 80 000 | Depot 4")
    second = _add(bare, "MEX", "M77 | 5 | - | Depot 2")
    drafts = open_drafts(bare)
    drafts.accept(first)
    drafts.accept(second)
    code, out = run_cli(bare, "merge", DOC, "--compile")
    assert code == 0 and "B3, new row after row 3: [add row - NOR" in out
    assert "M77 | 5 | - | Depot 2" in out
    drafts = open_drafts(bare)
    dry = drafts.merge(DOC, "rev2", list(drafts.proposals(DOC)), date=dt.date(2010, 10, 8),
                       dry_run=True)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0, out
    rev1, rev2 = (open_drafts(bare).revision(DOC, n) for n in ("rev1", "rev2"))
    before, after = rev1.find("B3").table, rev2.find("B3").table
    assert before is not None and after is not None and dry.revision is not None
    assert dry.revision.find("B3").table == after
    order = [p.operation.cells[0][1] for p in drafts.proposals(DOC)]  # as the merge had them
    assert sorted(order) == ["M77", "M85"]
    assert [r.cells[0] for r in after.rows] == ["", "", "", *order, "Total"]
    assert [r for r in after.rows if r.id in {x.id for x in before.rows}] == list(before.rows)
    assert len({r.id for r in after.rows}) == 6
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2")
    assert code == 1 and out.count("inserted") == 2
    assert {p.status.value for p in open_drafts(bare).proposals(DOC)} == {"incorporated"}
    assert run_cli(bare, "check", DOC) == (0, "")


def _merge(target: Revision, proposals: list[Proposal], *others: Revision) -> Revision:
    options = MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency")
    history = History({r.name: r for r in (target, *others)}, {})
    result = merge(target, proposals, history, options)
    assert result.revision is not None, (result.conflicts, result.stale)
    assert sorted(result.applied) == sorted(p.id for p in proposals)
    return result.revision


def test_a_row_added_next_to_a_row_deleted_since_is_stale() -> None:
    table = Table((Column("kind", "Kind"),), (Row("r1", ("a",)), Row("r2", ("b",))))
    zero = table_revision(table)
    rev1 = evolve(zero, name="rev1", parent="zero-draft", sections=(evolve(
        zero.sections[0], paragraphs=(evolve(zero.sections[0].paragraphs[0], table=evolve(
            table, rows=table.rows[1:])),)),))
    added = table_proposal("P1", Operation(OperationKind.ADD_ROW, None, "", Position.AFTER, "r1",
                                      (("kind", "new"),)))
    result = merge(rev1, [added], History({"zero-draft": zero, "rev1": rev1}, {}),
                   MergeOptions("rev2", dt.date(2010, 9, 2), "Presidency"))
    assert result.revision is None and [s.proposal for s in result.stale] == ["P1"]
    assert "the row it goes next to (row 1 (a) of Zero draft) is not in" in \
        result.stale[0].reason


def test_a_row_added_to_an_agreed_table_is_protected() -> None:
    table = Table((Column("kind", "Kind"),), (Row("r1", ("a",)),))
    target = table_revision(table, Status.AGREED)
    added = table_proposal("P1", Operation(OperationKind.ADD_ROW, None, "", Position.AFTER, "r1",
                                      (("kind", "new"),)))
    result = merge(target, [added], History({target.name: target}, {}),
                   MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency"))
    assert result.revision is None and [c.proposals for c in result.protected] == [("P1",)]


@settings(max_examples=50, deadline=None)
@given(st.data(), tables(max_rows=4))
def test_disjoint_row_and_cell_proposals_commute(data: st.DataObject, table: Table) -> None:
    assume(len(table.rows) >= 1)
    anchors = data.draw(st.lists(st.sampled_from([r.id for r in table.rows]), min_size=1,
                                 max_size=3, unique=True))
    proposals = []
    for n, anchor in enumerate(anchors):
        cells = tuple((c.id, data.draw(spiced)) for c in table.columns)
        assume(any(text.strip() for _, text in cells))
        assume(all(cells != p.operation.cells for p in proposals))
        where = data.draw(st.sampled_from(list(Position)))
        proposals.append(table_proposal(f"R{n}", Operation(OperationKind.ADD_ROW, None, "", where,
                                                      anchor, cells)))
    row, column = data.draw(st.sampled_from(table.rows)), data.draw(st.sampled_from(
        table.columns))
    new = data.draw(spiced.filter(lambda t: bool(t.strip())))
    proposals.append(table_proposal("C0", Operation(OperationKind.REPLACE_PARAGRAPH, None, new),
                               CellRef(row.id, column.id)))
    target = table_revision(table)
    one_way = _merge(target, proposals).by_id("tab001")
    other_way = _merge(target, proposals[::-1]).by_id("tab001")
    assert one_way is not None and other_way is not None
    assert one_way.table == other_way.table and one_way.table is not None
    merged = one_way.table
    kept = [r for r in merged.rows if table.row_index(r.id) is not None]
    assert [r.id for r in kept] == [r.id for r in table.rows]
    assert merged.cell(row.id, column.id) == new
    for proposal in proposals[:-1]:  # each new row stands next to its row, with its cells
        cells = tuple(text for _, text in proposal.operation.cells)
        at = next(i for i, r in enumerate(merged.rows)
                  if table.row_index(r.id) is None and r.cells == cells)
        anchor = merged.row_index(proposal.operation.destination or "")
        assert anchor is not None
        assert at == (anchor + 1 if proposal.operation.position is Position.AFTER
                      else anchor - 1)
