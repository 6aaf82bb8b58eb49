"""Rows deleted and moved by proposal (issue 14): store, CLI, merge, conflicts, stale, diff."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import refused_in_one_line, run_cli
from draftkit.api import open_drafts
from draftkit.merge import MergeOptions, MergeResult, merge
from draftkit.model import Revision, Status
from draftkit.proposals import Operation, OperationKind, Position, Proposal
from draftkit.rebase import History
from draftkit.store.item_format import format_proposal, parse_proposal
from draftkit.table import CellRef, Column, Row, Table
from draftkit.tablediff import table_diff
from merge_helpers import table_proposal, table_revision
from strategies import spiced, tables

DOC = "reporting-formats"
TOTAL = "dbvp3w"  # B3's fourth row in Rev.1, "Total"
FIRST = "2u4zkn"  # its first row (blank)
REV2 = ("--into", "rev2", "--date", "2010-10-08")


def _propose(drafts: Path, party: str, *args: str) -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B3", *args, "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def _delete(drafts: Path, party: str, row: str = "row 4") -> str:
    return _propose(drafts, party, "--op", "delete-row", "--row", row)


def _move(drafts: Path, party: str, row: str = "row 4", position: str = "before",
          destination: str = "row 1") -> str:
    return _propose(drafts, party, "--op", "move-row", "--row", row, "--position", position,
                    "--destination", destination)


def _edit_total(drafts: Path, party: str = "NOR") -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B3, row 4, column 1", "--op",
                        "replace", "--quote", "Total", "--text", "Grand total", "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def _accept(drafts: Path, *ids: str) -> None:
    for pid in ids:
        open_drafts(drafts).accept(pid, force=True)


def _b3(drafts: Path, revision: str) -> Table:
    table = open_drafts(drafts).revision(DOC, revision).find("B3").table
    assert table is not None
    return table


def test_row_proposals_are_stored_by_row_id_and_read_back(bare: Path) -> None:
    deleted, moved = _delete(bare, "DEU"), _move(bare, "FRA")
    for pid, lines in ((deleted, [f"row: {TOTAL}", "label: B3, row 4", "operation: delete-row"]),
                       (moved, [f"row: {TOTAL}", f"destination: {FIRST}", "position: before",
                                "operation: move-row"])):
        path = bare / DOC / "proposals" / f"{pid}.txt"
        text = path.read_text(encoding="utf-8")
        assert all(f"\n{line}\n" in text for line in lines), text
        assert "column:" not in text
        proposal = parse_proposal(text, str(path))
        assert proposal.cell is None and proposal.operation.row == TOTAL
        assert format_proposal(proposal) == text
    assert run_cli(bare, "check", DOC) == (0, "")
    path = bare / DOC / "proposals" / f"{deleted}.txt"
    path.write_text(path.read_text("utf-8").replace(f"row: {TOTAL}", "row: gone99"),
                    encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "deletes a row of B3: row gone99, which rev1 does not have" in out
    path.unlink()
    path = bare / DOC / "proposals" / f"{moved}.txt"
    path.write_text(path.read_text("utf-8").replace(f"destination: {FIRST}",
                                                    "destination: gone99"), encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "moves a row next to row gone99 of B3, which rev1 does not have" in out
    path.write_text(path.read_text("utf-8").replace("operation: move-row",
                                                    "column: type\noperation: move-row"),
                    encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "move row names a row, not a column" in out


@pytest.mark.parametrize(("args", "said"), [
    (["--op", "delete-row", "--row", "row 9"], "no row 9 in B3"),
    (["--op", "delete-row"], "delete-row needs the row it acts on"),
    (["--op", "delete-row", "--row", "row 2, column 1"], "name one row of B3"),
    (["--op", "delete-row", "--row", "row 2", "--destination", "row 1"],
     "delete-row takes no --destination or --position"),
    (["--op", "delete-row", "--row", "row 2", "--cells", "a | b | c | d"],
     "--cells is for add-row and add-column, not delete row"),
    (["--op", "move-row", "--row", "row 2", "--position", "after"],
     "move-row needs the row it goes next to"),
    (["--op", "move-row", "--row", "row 2", "--position", "after", "--destination", "row 2"],
     "B3, row 2 cannot move next to itself"),
    (["--op", "move-row", "--row", "row 2", "--position", "after", "--destination", "row 7"],
     "no row 7 in B3"),
    (["--op", "move-row", "--row", "row 2", "--destination", "row 1"], "'before' or 'after'"),
    (["--op", "delete", "--quote", "Cluster", "--row", "row 2"], "--row is for add-row"),
])
def test_what_a_row_deletion_or_move_lacks_is_refused_in_one_line(
        bare: Path, args: list[str], said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", "B3", *args, "--by", "DEU")


def test_a_deleted_and_a_moved_row_are_merged_and_the_diff_shows_them(bare: Path) -> None:
    deleted = _delete(bare, "DEU", "row 2")
    moved = _move(bare, "FRA")
    _accept(bare, deleted, moved)
    code, out = run_cli(bare, "proposals", DOC)
    assert "delete row 2\n" in out and "move row 4 (Total) before row 1\n" in out
    assert "#" not in out
    code, out = run_cli(bare, "merge", DOC, *REV2)
    assert code == 0 and "2 applied, 0 conflicts" in out, out
    before, after = _b3(bare, "rev1"), _b3(bare, "rev2")
    assert [r.id for r in after.rows] == [TOTAL, FIRST, before.rows[2].id]
    assert after.rows[0] == before.rows[3]
    diff = table_diff(before, after)
    assert {r.id: r.change for r in diff.rows if r.change != ("unchanged",)} == {
        before.rows[1].id: ("deleted",), TOTAL: ("moved",)}
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2")
    assert code == 1 and " deleted " in out and " moved " in out and "Total" in out
    assert {p.status.value for p in open_drafts(bare).proposals(DOC)} == {"incorporated"}
    assert run_cli(bare, "check", DOC) == (0, "")


def test_deleting_a_row_and_editing_its_cell_conflict_and_are_settled(bare: Path) -> None:
    deleted, edited = _delete(bare, "DEU"), _edit_total(bare)
    same = _delete(bare, "FRA")
    drafts = open_drafts(bare)
    drafts.accept(deleted)
    code, out = run_cli(bare, "accept", edited)  # refused, as for paragraphs
    assert code == 2 and f"{edited} conflicts with accepted {deleted} (DEU) on B3, row 4 " \
                          f"(Total), the whole row" in out
    drafts.accept(same)  # the same deletion: no conflict
    drafts.accept(edited, force=True)
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run")
    assert code == 1 and "0 applied, 1 conflicts" in out
    flat = " ".join(out.split())
    assert f"Conflict B3, row 4 (Total) on the whole row: {deleted}, {same} (DEU, FRA): " \
           f'delete the row / {edited} (NOR): column Type of cluster munition: ' \
           f'"Grand total"' in flat, flat
    code, out = run_cli(bare, "merge", DOC, "--compile", "--format", "json")
    assert '"scope": "row"' in out
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run", "--prefer", deleted)
    assert code == 0 and f"{edited} (for {deleted}, {same})" in " ".join(out.split())
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run", "--prefer", edited)
    assert code == 0 and f"{deleted} (for {edited})" in out and f"{same} (for {edited})" in out
    code, out = run_cli(bare, "merge", DOC, *REV2, "--bracket")
    assert code == 0 and f"Bracketed as alternatives: {deleted}, {same}" in out, out
    after = _b3(bare, "rev2")
    assert after.rows[3].id == TOTAL and after.rows[3].cells == ("[Grand total]", "", "", "")
    statuses = {p.id: p.status.value for p in open_drafts(bare).proposals(DOC)}
    assert statuses == {deleted: "accepted", same: "accepted", edited: "incorporated"}


def test_two_identical_deletions_combine(bare: Path) -> None:
    one, other = _delete(bare, "DEU"), _delete(bare, "FRA")
    _accept(bare, one, other)
    code, out = run_cli(bare, "merge", DOC, *REV2)
    assert code == 0 and "2 applied (1 combined)" in out and f"{one} + {other}" in out
    assert TOTAL not in {r.id for r in _b3(bare, "rev2").rows}


@pytest.mark.parametrize("rival", [
    ["--op", "add-row", "--position", "before", "--row", "row 4", "--cells", "M85 | | |"],
    ["--op", "move-row", "--row", "row 4", "--position", "before", "--destination", "row 1"],
    ["--op", "move-row", "--row", "row 1", "--position", "after", "--destination", "row 4"],
])
def test_deleting_a_row_conflicts_with_a_row_placed_next_to_it_or_moving_it(
        bare: Path, rival: list[str]) -> None:
    deleted, other = _delete(bare, "DEU"), _propose(bare, "CHL", *rival)
    _accept(bare, deleted, other)
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run")
    assert code == 1 and "1 conflicts" in out and f"{other} (CHL): " in out, out
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run", "--prefer", other)
    assert code == 0 and f"{deleted} (for {other})" in out


def test_moves_of_one_row_to_two_places_conflict_and_prefer_settles_them(bare: Path) -> None:
    first, second = _move(bare, "FRA"), _move(bare, "DEU", destination="row 2")
    _accept(bare, first, second)
    code, out = run_cli(bare, "merge", DOC, *REV2, "--dry-run", "--bracket")
    flat = " ".join(out.split())
    assert code == 1 and "Conflict B3, row 4 (Total) on the whole row: " in flat, flat
    assert f"{first} (FRA): move it before row 1" in flat
    assert f"{second} (DEU): move it before row 2" in flat
    code, out = run_cli(bare, "merge", DOC, *REV2, "--prefer", second)
    assert code == 0 and f"{first} (for {second})" in out
    assert [r.id for r in _b3(bare, "rev2").rows][1] == TOTAL


def _delete_op(row: str) -> Operation:
    return Operation(OperationKind.DELETE_ROW, row=row)


def _move_op(row: str, position: Position, destination: str) -> Operation:
    return Operation(OperationKind.MOVE_ROW, position=position, destination=destination,
                     row=row)


def _merged(target: Revision, proposals: list[Proposal], *others: Revision,
            **options: object) -> MergeResult:
    history = History({r.name: r for r in (target, *others)}, {})
    settings_ = MergeOptions("rev9", dt.date(2010, 9, 2), "Presidency", **options)  # type: ignore[arg-type]
    return merge(target, proposals, history, settings_)


KIND = (Column("kind", "Kind"),)
ABC = Table(KIND, (Row("r1", ("a",)), Row("r2", ("b",)), Row("r3", ("c",))))


@pytest.mark.parametrize(("operation", "said"), [
    (_delete_op("r1"), "the row it deletes (row 1 (a) of Zero draft) is not in #tab001 in "
                       "Rev.1"),
    (_move_op("r1", Position.AFTER, "r3"), "the row it moves (row 1 (a) of Zero draft)"),
    (_move_op("r3", Position.BEFORE, "r1"), "the row it goes next to (row 1 (a) of Zero "
                                            "draft) is not in"),
])
def test_a_row_proposal_on_a_row_deleted_since_is_stale(operation: Operation,
                                                        said: str) -> None:
    zero = table_revision(ABC)
    rev1 = evolve(table_revision(evolve(ABC, rows=ABC.rows[1:])), name="rev1",
                  parent="zero-draft")
    result = _merged(rev1, [table_proposal("P1", operation)], zero)
    assert result.revision is None and [s.proposal for s in result.stale] == ["P1"]
    assert said in result.stale[0].reason
    skipped = _merged(rev1, [table_proposal("P1", operation)], zero, skip_stale=True)
    assert skipped.revision is not None


def test_a_row_deleted_or_moved_in_an_agreed_table_needs_a_reopening() -> None:
    target = table_revision(ABC, Status.AGREED)
    for operation in (_delete_op("r2"), _move_op("r3", Position.BEFORE, "r1")):
        result = _merged(target, [table_proposal("P1", operation)])
        assert result.revision is None and [c.proposals for c in result.protected] == [("P1",)]
        reopened = _merged(target, [table_proposal("P1", operation)], reopen=True)
        assert reopened.revision is not None and [c.proposals for c in reopened.reopened] == \
            [("P1",)]
        table = reopened.revision.by_id("tab001")
        assert table is not None and table.status is Status.OPEN and table.table != ABC


@settings(max_examples=60, deadline=None)
@given(tables(max_rows=5), st.data())
def test_deleting_a_row_then_diffing_reports_exactly_that_row_deleted(
        table: Table, data: st.DataObject) -> None:
    assume(table.rows)
    row = data.draw(st.sampled_from(table.rows))
    result = _merged(table_revision(table), [table_proposal("P1", _delete_op(row.id))])
    assert result.revision is not None
    after = result.revision.by_id("tab001")
    assert after is not None and after.table is not None
    diff = table_diff(table, after.table)
    assert [(r.id, r.change) for r in diff.rows if r.change != ("unchanged",)] == \
        [(row.id, ("deleted",))]
    assert diff.from_table() == table and diff.to_table() == after.table


@settings(max_examples=60, deadline=None)
@given(tables(max_rows=5), st.data())
def test_disjoint_row_operations_commute(table: Table, data: st.DataObject) -> None:
    """Row operations each on rows of their own (a row deleted is no other's row, a row
    moved is moved once, nothing goes next to a deleted row) and cell edits on rows
    not deleted give the same table in any proposal order."""
    assume(len(table.rows) >= 2)
    ids = [r.id for r in table.rows]
    deleted = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids) - 1))
    kept = [i for i in ids if i not in deleted]
    moved = data.draw(st.lists(st.sampled_from(kept), unique=True,
                               max_size=2 if len(kept) > 1 else 0))
    proposals = [table_proposal(f"D{n}", _delete_op(r)) for n, r in enumerate(deleted)]
    for n, row in enumerate(moved):
        destination = data.draw(st.sampled_from([k for k in kept if k != row]))
        proposals.append(table_proposal(f"M{n}", _move_op(row, data.draw(st.sampled_from(
            list(Position))), destination)))
    anchor = data.draw(st.sampled_from(kept))
    cells = tuple((c.id, data.draw(spiced)) for c in table.columns)
    if any(text.strip() for _, text in cells):
        proposals.append(table_proposal("A0", Operation(OperationKind.ADD_ROW, None, "",
                                                   Position.AFTER, anchor, cells)))
    edited = data.draw(st.sampled_from(kept))
    new = data.draw(spiced.filter(lambda t: bool(t.strip())))
    proposals.append(table_proposal("C0", Operation(OperationKind.REPLACE_PARAGRAPH, None, new),
                               CellRef(edited, table.columns[0].id)))
    order = data.draw(st.permutations(proposals))
    one_way, other_way = (_merged(table_revision(table), list(p)) for p in (proposals, order))
    assert one_way.revision is not None and other_way.revision is not None, \
        (one_way.conflicts, other_way.conflicts)
    a, b = one_way.revision.by_id("tab001"), other_way.revision.by_id("tab001")
    assert a is not None and b is not None and a.table == b.table and a.table is not None
    assert set(one_way.applied) == {p.id for p in proposals}
    left = {r.id for r in a.table.rows}
    assert not left & set(deleted) and set(kept) <= left
    assert a.table.cell(edited, table.columns[0].id) == new


def test_the_shipped_row_move_compiles_and_merges(shipped: Path) -> None:
    [moved] = [p for p in open_drafts(shipped).proposals(DOC)
               if p.operation.kind is OperationKind.MOVE_ROW]
    assert moved.proposers == ("LAO",) and moved.supporters == ("MOZ",)
    code, out = run_cli(shipped, "merge", DOC, "--compile")
    assert code == 0 and "I2, row 2 (Data collection): [move row before row 1 (Laws and " \
                         "policies) - LAO; MOZ support]\n\n| Area of assistance | Measures " \
                         "taken | Progress made |\n| Data collection |  |  |\n" in out
    code, out = run_cli(shipped, "proposals", DOC, "--format", "json")
    summaries = {p["id"]: p["summary"] for p in json.loads(out)}
    assert summaries[moved.id] == "move row 2 (Data collection) before row 1 (Laws and " \
                                  "policies)"
    assert summaries["NZL-pgkn"].startswith("add a row after row 3: Explosive bomblets")
    open_drafts(shipped).accept(moved.id)
    code, out = run_cli(shipped, "merge", DOC, *REV2, "--id", moved.id)
    assert code == 0, out
    table = open_drafts(shipped).revision(DOC, "rev2").find("I2").table
    assert table is not None and [r.cells[0] for r in table.rows][:3] == [
        "Data collection", "Laws and policies", "Medical care"]
    code, out = run_cli(shipped, "proposals", DOC, "--format", "json")
    summaries = {p["id"]: p["summary"] for p in json.loads(out)}  # named as in rev1 still
    assert summaries[moved.id] == "move row 2 (Data collection) before row 1 (Laws and " \
                                  "policies)"


def _rows_to_show(drafts: Path) -> tuple[str, str]:
    deleted = _delete(drafts, "DEU"), _delete(drafts, "FRA")
    added = _propose(drafts, "CHL", "--op", "add-row", "--position", "after", "--row", "row 3",
                     "--cells", 'M85 <b>x</b> | "1 | 2" | [lots] | Depot')
    return deleted[0], added


def test_a_proposed_row_is_shown_as_a_row_of_its_table_in_every_format(bare: Path) -> None:
    _rows_to_show(bare)
    heads = "| Type of cluster munition | Number of cluster munitions | Number of explosive " \
            "submunitions | Storage location |"

    def compiled(form: str) -> str:
        code, out = run_cli(bare, "merge", DOC, "--compile", "--format", form)
        assert code == 0, out
        return out

    text = compiled("text")
    assert f"B3, row 4 (Total): [delete row - DEU (late), FRA (late)]\n\n{heads}\n" \
           "| Total |  |  |  |\n" in text  # identical deletions shown once
    assert f"B3, new row after row 3: [add row - CHL (late)]\n\n{heads}\n" \
           "| M85 <b>x</b> | 1 \\| 2 | [lots] | Depot |\n" in text
    markdown = compiled("markdown")
    assert "|---|---|---|---|\n| ~~Total~~ |  |  |  |" in markdown
    assert r"| **M85 \<b\>x\</b\>** | **1 \| 2** | **\[lots\]** | **Depot** |" in markdown
    html = compiled("html")
    assert "<th>Storage location</th>" in html and "<td><del>Total</del></td><td></td>" in html
    assert "<td><ins>M85 &lt;b&gt;x&lt;/b&gt;</ins></td><td><ins>1 | 2</ins></td>" in html
    terminal = compiled("terminal")
    assert "[delete row - DEU (late), FRA (late)]" in terminal
    assert "Storage location" in terminal
    assert "M85 <b>x</b>" in terminal and "[lots]" in terminal
    [table] = [p for s in json.loads(compiled("json"))["sections"] for p in s["paragraphs"]
               if p["label"] == "B3"]
    rows = {n["action"]: n for n in table["notes"] if "row" in n}
    assert rows["delete-row"]["row"] == ["Total", "", "", ""]
    assert rows["delete-row"]["proposers"] == ["DEU", "FRA"]  # "late" is a list of its own
    assert rows["add-row"]["columns"][0] == "Type of cluster munition"
    assert rows["add-row"]["verb"] == "add row"


def test_the_docx_compilation_shows_a_proposed_row_as_a_tracked_table_row(bare: Path) -> None:
    _rows_to_show(bare)
    out = bare.parent / "compilation.docx"
    code, said = run_cli(bare, "merge", DOC, "--compile", "--format", "docx", "-o", str(out))
    assert code == 0, said
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        notes = docx.read("word/comments.xml").decode("utf-8")
    rows = re.findall(r"<w:tr>.*?</w:tr>", body)
    [deleted] = [r for r in rows if "<w:trPr><w:del " in r]
    [inserted] = [r for r in rows if "<w:trPr><w:ins " in r]
    assert 'w:author="DEU, FRA"' in deleted and ">Total</w:delText>" in deleted
    assert 'w:author="CHL"' in inserted and ">M85 &lt;b&gt;x&lt;/b&gt;</w:t>" in inserted
    assert "B3, row 4 (Total): delete row" in notes


def test_libreoffice_accepts_a_proposed_row_in_and_a_deleted_one_out(
        bare: Path, office: Any) -> None:
    _rows_to_show(bare)
    out = bare.parent / "compilation.docx"
    assert run_cli(bare, "merge", DOC, "--compile", "--format", "docx", "-o", str(out))[0] == 0
    seen = office.inspect(out.read_bytes(), "rows.docx")
    authors = {r["author"] for r in seen["redlines"]}
    assert "CHL" in authors and any("DEU" in a for a in authors), authors
    accepted, rejected = (seen[k][seen[k].index(
        "B3 Cluster munitions and explosive submunitions stockpiled, by type") + 1:][:8]
        for k in ("accepted", "rejected"))
    heads = "Type of cluster munition | Number of cluster munitions | Number of explosive " \
            "submunitions | Storage location"
    for seen_table in (accepted, rejected):  # the table as it stands, then the rows proposed
        assert seen_table[0] == heads and seen_table[4].startswith("Total")
    # the two proposed rows' tables come in the order of their proposals (made in one
    # second here, so by their random ids): each is its headings, then its row if kept
    accepted, rejected = accepted[5:], rejected[5:]
    assert accepted.count(heads) == 2 and rejected.count(heads) == 2
    assert [line for line in accepted if line != heads] == ["M85 <b>x</b> | 1 | 2 | [lots] | Depot"]
    [kept] = [line for line in rejected if line != heads]
    assert kept.startswith("Total")
