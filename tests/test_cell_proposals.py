"""Proposals and comments on a table's cells (issue 14, slice 4): store, merge, conflicts."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
import zipfile
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from draftkit.api import open_drafts
from draftkit.blame import Origin, blame
from draftkit.errors import DraftkitError
from draftkit.merge import MergeOptions, merge
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
from draftkit.store.item_format import (
    format_comment,
    format_proposal,
    parse_comment,
    parse_proposal,
)
from draftkit.store.revision_format import MergeRecord, format_revision_file, parse_revision
from draftkit.table import CellRef, Column, Row, Table
from merge_helpers import one, run_merge, text_of
from strategies import spiced, tables
from test_merge_properties import disjoint_proposals

DOC = "reporting-formats"
T0 = dt.datetime(2010, 9, 1, tzinfo=dt.UTC)
TOTAL = "B3, row 4, column Type of cluster munition"


def test_the_shipped_cell_proposals_compile_with_their_conflict(shipped: Path) -> None:
    proposals = {p.id: p for p in open_drafts(shipped).proposals(DOC)}
    on_total = [p for p in proposals.values() if p.cell == CellRef("dbvp3w", "type")]
    assert len(on_total) == 2 and len({p.proposers for p in on_total}) == 2
    code, out = run_cli(shipped, "merge", DOC, "--compile")
    assert code == 0 and "6 proposals shown, 1 with competing proposals" in out
    drafts = open_drafts(shipped)
    drafts.accept(on_total[0].id)
    drafts.accept(on_total[1].id, force=True)
    code, out = run_cli(shipped, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--dry-run")
    assert code == 1 and "1 applied, 1 conflicts" in out  # IRL's accepted one applies
    assert f'Conflict {TOTAL} on after "Total": ' in " ".join(out.split())  # both add there
    assert run_cli(shipped, "check", DOC) == (0, "")


def test_a_cell_proposal_and_comment_name_the_cell_by_ids_and_round_trip(bare: Path) -> None:
    code, out = run_cli(bare, "propose", DOC, "--para", "B3, row 4, column 1", "--op",
                        "replace", "--quote", "Total", "--text", "Grand total", "--by", "NOR")
    assert code == 0, out
    assert f"replace on {TOTAL} by NOR" in out
    code, out = run_cli(bare, "comment", DOC, "--para", TOTAL, "--quote", "Total", "--text",
                        "Total of munitions or of submunitions?", "--party", "MEX")
    assert code == 0, out
    drafts = open_drafts(bare)
    [proposal] = drafts.proposals(DOC)
    [comment] = drafts.comments(DOC)
    table = drafts.revision(DOC, "rev1").find("B3")
    assert proposal.paragraph == comment.paragraph == table.id
    assert proposal.cell == comment.cell == CellRef("dbvp3w", "type")
    written = (bare / DOC / "proposals" / f"{proposal.id}.txt").read_text("utf-8")
    assert "\nrow: dbvp3w\ncolumn: type\n" in written
    assert parse_proposal(format_proposal(proposal), "p.txt") == evolve(proposal,
                                                                        deadline=None)
    assert parse_comment(format_comment(comment), "c.txt") == comment
    assert drafts.placement(comment).located is not None  # found in the cell, not the caption
    with zipfile.ZipFile(io.BytesIO(drafts.export_docx(DOC))) as docx:
        notes = docx.read("word/comments.xml").decode("utf-8")
        body = docx.read("word/document.xml").decode("utf-8")
    assert f"comment {comment.id} on {TOTAL}" in notes
    assert f">{table.text}<" in body  # the caption not cut where the cell's words were
    assert run_cli(bare, "check", DOC) == (0, "")


@pytest.mark.parametrize(("para", "op", "said"), [
    ("B3, row 2", "delete-paragraph", "names one cell (a row and a column)"),
    ("B3, row 4, column Type of cluster munition", "delete-paragraph",
     "delete paragraph cannot be proposed on a cell"),
    ("B3, row 1, column 1", "delete", "is blank: fill it with replace-paragraph"),
    ("B3, row 4, column Colour", "delete", "no column 'Colour' in B3"),
    ("I2, row 3, column 1", "delete", "the words 'Total' are not in I2, row 3, column Area"),
])
def test_what_a_cell_cannot_take_is_refused_in_one_line(bare: Path, para: str, op: str,
                                                        said: str) -> None:
    code, out = run_cli(bare, "propose", DOC, "--para", para, "--op", op, "--quote", "Total",
                        "--by", "NOR")
    assert code == 2 and said in out and out.count("\n") == 1, out
    assert not list((bare / DOC / "proposals").glob("*"))


def test_cell_proposals_are_merged_into_only_their_cells(bare: Path) -> None:
    assert run_cli(bare, "propose", DOC, "--para", "I2, row 1, column 1", "--op",
                   "replace-paragraph", "--text", "Emergency and continuing medical care", "--by",
                   "AUT")[0] == 0
    assert run_cli(bare, "propose", DOC, "--para", TOTAL, "--op", "insert", "--quote",
                   "Total", "--position", "after", "--text", "of all types", "--by", "MEX")[0] == 0
    drafts = open_drafts(bare)
    for proposal in drafts.proposals(DOC):
        drafts.accept(proposal.id)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0, out
    rev1, rev2 = (open_drafts(bare).revision(DOC, n) for n in ("rev1", "rev2"))
    tables = ("B3", "I2")
    for label in tables:
        before, after = rev1.find(label), rev2.find(label)
        assert after.table is not None and before.table is not None
        changed = [(r.id, c.id, after.table.cell(r.id, c.id))
                   for r in before.table.rows for c in before.table.columns
                   if before.table.cell(r.id, c.id) != after.table.cell(r.id, c.id)]
        first = before.table.rows[0].id, before.table.columns[0].id
        assert changed == ([("dbvp3w", "type", "Total of all types")] if label == "B3" else
                           [(*first, "Emergency and continuing medical care")])
        assert after.text == before.text and after.status == before.status
    ids = {rev1.find(label).id for label in tables}
    assert [p for p in rev2.paragraphs() if p.id not in ids] == \
        [p for p in rev1.paragraphs() if p.id not in ids]
    assert {p.status.value for p in open_drafts(bare).proposals(DOC)} == {"incorporated"}
    assert run_cli(bare, "check", DOC) == (0, "")


def _accept_both(drafts_root: Path, clash: str = "") -> Proposal:
    """NOR's proposal accepted, then the other one: refused as conflicting with NOR's
    (the message going on with `clash`), so accepted with force. The other one."""
    drafts = open_drafts(drafts_root)
    first, second = sorted(drafts.proposals(DOC), key=lambda p: p.proposers != ("NOR",))
    drafts.accept(first.id)
    with pytest.raises(DraftkitError, match=f"conflicts with accepted {first.id}{clash}"):
        drafts.accept(second.id)
    drafts.accept(second.id, force=True)
    return second


def test_two_proposals_on_the_same_words_of_a_cell_conflict_naming_the_cell(
        bare: Path) -> None:
    for party, new in (("NOR", "Grand total"), ("AUT", "Subtotal")):
        assert run_cli(bare, "propose", DOC, "--para", TOTAL, "--op", "replace", "--quote",
                       "Total", "--text", new, "--by", party)[0] == 0
    second = _accept_both(bare, f".*{TOTAL}")
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--dry-run")
    assert code == 1
    assert f'Conflict {TOTAL} on "Total"' in " ".join(out.split())
    code, out = run_cli(bare, "merge", DOC, "--compile")
    assert code == 0 and "1 with competing proposals" in out
    assert f"{TOTAL}: [replace - NOR (late)] Grand total" in out
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--prefer", second.id)
    assert code == 0, out
    table = open_drafts(bare).revision(DOC, "rev2").find("B3").table
    assert table is not None and table.cell("dbvp3w", "type") == "Subtotal"  # AUT's
    assert run_cli(bare, "check", DOC) == (0, "")


BLANK_CELL = "B3, row 1, column 1"


def _fill(drafts: Path, party: str, text: str) -> None:
    code, out = run_cli(drafts, "propose", DOC, "--para", BLANK_CELL, "--op", "replace-paragraph",
                        "--text", text, "--by", party)
    assert code == 0, out


def test_a_blank_cell_is_filled_by_a_replace_paragraph_and_the_merge_writes_it(
        bare: Path) -> None:
    before = open_drafts(bare).revision(DOC).find("B3").table
    assert before is not None and before.rows[0].cells[0] == ""
    _fill(bare, "NOR", "BLU-108 [sub-munitions]")
    _fill(bare, "AUT", "BLU-108 [sub-munitions]")  # the same words: one amendment
    drafts = open_drafts(bare)
    for proposal in drafts.proposals(DOC):
        drafts.accept(proposal.id)
    code, out = run_cli(bare, "merge", DOC, "--compile")
    assert code == 0 and "BLU-108 [sub-munitions]" in out and "competing" not in out, out
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0, out
    after = open_drafts(bare).revision(DOC, "rev2").find("B3").table
    assert after is not None
    row, column = before.rows[0].id, before.columns[0].id
    assert after.cell(row, column) == "BLU-108 [sub-munitions]"
    assert after == before.with_cell(CellRef(row, column), "BLU-108 [sub-munitions]")
    assert run_cli(bare, "check", DOC) == (0, "")


def test_two_different_fillings_of_one_blank_cell_conflict(bare: Path) -> None:
    _fill(bare, "NOR", "M85")
    _fill(bare, "MEX", "MK-20 Rockeye")
    _accept_both(bare)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--dry-run")
    cell = "B3, row 1, column Type of cluster munition"
    assert code == 1 and f'Conflict {cell} on the whole of {cell}: ' in " ".join(out.split())
    assert '"MK-20 Rockeye"' in out and '"M85"' in out
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--bracket")
    assert code == 0, out
    table = open_drafts(bare).revision(DOC, "rev2").find("B3").table
    assert table is not None and table.rows[0].cells[0] in ("[M85 / MK-20 Rockeye]",
                                                            "[MK-20 Rockeye / M85]")


def test_a_filling_is_stale_once_the_cell_was_filled_in_a_later_revision() -> None:
    columns = (Column("kind", "Kind"), Column("number", "Number"))
    blank = Table(columns, (Row("r1", ("", "")),))
    zero = Revision("test-doc", "zero-draft", dt.date(2010, 6, 1), "Presidency", sections=(
        Section("s", "1", "Stocks", (
            Paragraph("t", None, "Stockpile", table=blank),)),))
    filled = Paragraph("t", None, "Stockpile",
                       table=blank.with_cell(CellRef("r1", "kind"), "M85"))
    rev1 = evolve(zero, name="rev1", parent="zero-draft",
                  sections=(evolve(zero.sections[0], paragraphs=(filled,)),))
    filling = _proposal("f1", zero.sections[0].paragraphs[0], CellRef("r1", "kind"),
                        Operation(OperationKind.REPLACE_PARAGRAPH, None, "MK-20"))
    other = _proposal("f2", zero.sections[0].paragraphs[0], CellRef("r1", "number"),
                      Operation(OperationKind.REPLACE_PARAGRAPH, None, "12"))
    options = MergeOptions("rev2", dt.date(2010, 9, 2), "Presidency")
    result = merge(rev1, [filling, other], History({"zero-draft": zero, "rev1": rev1}, {}),
                   options)
    assert [s.proposal for s in result.stale] == ["f1"]
    assert "was changed in" in result.stale[0].reason
    done = merge(rev1, [other], History({"zero-draft": zero, "rev1": rev1}, {}), options)
    assert done.revision is not None
    table = done.revision.by_id("t")
    assert table is not None and table.table is not None
    assert table.table.rows[0].cells == ("M85", "12")


LOOKALIKES = st.sampled_from(["", "(blank)"])  # a blank cell, and one whose words say so


@settings(max_examples=80, deadline=None)
@given(st.data(), st.integers(1, 3), st.integers(1, 3))
def test_a_cell_reading_blank_is_not_a_blank_cell(data: st.DataObject, width: int,
                                                  height: int) -> None:
    """Blank cells and cells whose text is "(blank)", side by side, some turned from one
    into the other by a later revision: a proposal is stale exactly when its cell changed,
    else it writes its words; different fillings of a blank cell conflict."""
    columns = tuple(Column(f"c{n}", f"Column {n}") for n in range(width))
    rows = tuple(Row(f"r{n}", tuple(data.draw(LOOKALIKES) for _ in columns))
                 for n in range(height))
    zero_table = Table(columns, rows)
    refs = [CellRef(r.id, c.id) for r in rows for c in columns]
    turned = data.draw(st.sets(st.sampled_from(refs)))
    later_table = zero_table
    for ref in turned:
        later_table = later_table.with_cell(ref, "" if zero_table.cell(ref.row, ref.column)
                                            else "(blank)")
    zero_para = Paragraph("t", None, "Stockpile", table=zero_table)
    zero = Revision("test-doc", "zero-draft", dt.date(2010, 6, 1), "Presidency", sections=(
        Section("s", "1", "Stocks", (zero_para,)),))
    rev1 = evolve(zero, name="rev1", parent="zero-draft", sections=(evolve(
        zero.sections[0], paragraphs=(evolve(zero_para, table=later_table),)),))
    history = History({"zero-draft": zero, "rev1": rev1}, {})
    chosen = data.draw(st.lists(st.sampled_from(refs), unique=True, min_size=1))
    proposals, wanted = [], {}
    for n, ref in enumerate(chosen):
        text = zero_table.cell(ref.row, ref.column)
        if text and data.draw(st.booleans()):  # its words, all of them
            new = data.draw(st.sampled_from(["M85", "none reported"]))
            operation = word_operation(OperationKind.REPLACE, text, "(blank)", None, new)
        else:
            new = data.draw(st.sampled_from(["(blank)", "M85", "(blank) M85"]))
            operation = Operation(OperationKind.REPLACE_PARAGRAPH, None, new)
        proposals.append(_proposal(f"p{n}", zero_para, ref, operation))
        wanted[ref] = new
    options = MergeOptions("rev2", dt.date(2010, 9, 2), "Presidency", skip_stale=True)
    result = merge(rev1, proposals, history, options)
    changed = {ref for ref in refs if zero_table.cell(ref.row, ref.column) !=
               later_table.cell(ref.row, ref.column)}
    assert {s.proposal for s in result.stale} == \
        {p.id for p in proposals if p.cell in changed}
    assert result.revision is not None and not result.conflicts
    merged = result.revision.by_id("t")
    assert merged is not None and merged.table is not None
    expected = later_table
    for ref, new in wanted.items():
        if ref not in changed:
            expected = expected.with_cell(ref, new)
    assert merged.table == expected
    blank = [ref for ref in refs if ref not in changed and not zero_table.cell(ref.row,
                                                                                ref.column)]
    if blank:  # two fillings of a cell blank throughout: different ones conflict
        ref = data.draw(st.sampled_from(blank))
        fills = [_proposal(f"f{n}", zero_para, ref,
                           Operation(OperationKind.REPLACE_PARAGRAPH, None, new))
                 for n, new in enumerate(("(blank)", "M85"))]
        clash = merge(rev1, fills, history, options)
        assert [c.paragraph for c in clash.conflicts] == ["t"] and not clash.stale
        same = merge(rev1, [fills[0], evolve(fills[1], id="f2", operation=fills[0].operation)],
                     history, options)
        assert same.combined == (("f0", "f2"),) and same.revision is not None
        table = same.revision.by_id("t")
        assert table is not None and table.table == later_table.with_cell(ref, "(blank)")


def _proposal(pid: str, table: Paragraph, cell: CellRef, operation: Operation) -> Proposal:
    events = (Event(T0, "NOR", "proposed"), Event(T0, "Presidency", "accepted"))
    return Proposal(pid, "test-doc", "zero-draft", table.id, operation, ("NOR",), T0,
                    cell=cell, history=events)


def _merged(target: Revision, proposals: list[Proposal]) -> Revision:
    options = MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency")
    result = merge(target, proposals, History({target.name: target}, {}), options)
    assert result.revision is not None, (result.conflicts, result.stale)
    assert sorted(result.applied) == sorted(p.id for p in proposals)
    return result.revision


@settings(max_examples=60, deadline=None)
@given(st.data(), tables(max_rows=4))
def test_disjoint_cell_proposals_commute_and_change_only_their_cells(
        data: st.DataObject, table: Table) -> None:
    cells = [CellRef(r.id, c.id) for r in table.rows for c in table.columns]
    assume(len(cells) >= 2)  # blank cells too: they are filled by a replace-paragraph
    first, second = data.draw(st.lists(st.sampled_from(cells), min_size=2, max_size=2,
                                       unique=True))
    paragraph = Paragraph("tab001", None, "Stockpiles", Status.OPEN, table=table)
    target = Revision(document="test-doc", name="zero-draft", date=dt.date(2010, 6, 1),
                      issued_by="Presidency",
                      sections=(Section("sec001", "I", "Forms", (paragraph,)),))
    proposals = []
    for n, cell in enumerate((first, second)):
        text = table.cell(cell.row, cell.column) or ""
        new = data.draw(spiced.filter(lambda t: bool(t.strip())))
        if not text.strip() or data.draw(st.booleans()):
            operation = Operation(OperationKind.REPLACE_PARAGRAPH, None, new)
        else:
            try:
                operation = word_operation(OperationKind.REPLACE, text, text.strip(), None,
                                           new)
            except DraftkitError:
                assume(False)
        proposals.append(_proposal(f"P{n}", paragraph, cell, operation))
    one_way = _merged(target, proposals)
    other_way = _merged(target, proposals[::-1])
    assert one_way == other_way
    merged = one_way.by_id("tab001")
    assert merged is not None and merged.table is not None
    expected = table
    for proposal in proposals:  # each cell as merging its proposal alone leaves it
        assert proposal.cell is not None
        alone = _merged(target, [proposal]).by_id("tab001")
        assert alone is not None and alone.table is not None
        row, column = proposal.cell.row, proposal.cell.column
        written = alone.table.cell(row, column)
        assert written is not None and alone.table == table.with_cell(proposal.cell, written)
        if proposal.operation.kind is OperationKind.REPLACE_PARAGRAPH:
            assert written == proposal.operation.text
        expected = expected.with_cell(proposal.cell, written)
    assert merged.table == expected


@settings(max_examples=40, deadline=None)
@given(disjoint_proposals())
def test_proposals_on_disjoint_words_of_one_cell_commute_as_in_a_paragraph(
        case: tuple[str, list[Proposal]]) -> None:
    """A cell's words merge as a paragraph's would, whichever order the proposals come in."""
    text, on_paragraph = case
    as_paragraph = text_of(run_merge(one(text), on_paragraph))
    cell = CellRef("r1", "c2")
    table = Table((Column("c1", "Type"), Column("c2", "Quantity")),
                  (Row("r0", ("x", "y")), Row("r1", ("Total", text))))
    paragraph = Paragraph("tab001", None, "Stockpiles", Status.OPEN, table=table)
    target = Revision(document="test-doc", name="zero-draft", date=dt.date(2010, 6, 1),
                      issued_by="Presidency",
                      sections=(Section("sec001", "I", "Forms", (paragraph,)),))
    on_cell = [evolve(p, paragraph="tab001", cell=cell) for p in on_paragraph]
    for order in itertools.permutations(on_cell):
        merged = _merged(target, list(order)).by_id("tab001")
        assert merged is not None and merged.table == table.with_cell(cell, as_paragraph)


@pytest.mark.parametrize(("old", "new", "said"), [
    ("row: dbvp3w", "row: nosuch", "names row nosuch, column type of B3, which rev1 does not "
                                    "have"),
    ("paragraph: 8zcfhg", "paragraph: wrhg3m", "names a cell of B2, which is not a table in "
                                               "rev1"),
    ("column: type\n", "", "a cell needs its column too"),
])
def test_check_finds_a_cell_an_item_names_that_is_not_there(shipped: Path, old: str, new: str,
                                                            said: str) -> None:
    for kind in ("proposals", "comments"):
        path = next(p for p in (shipped / DOC / kind).glob("*.txt")
                    if "row: dbvp3w" in p.read_text("utf-8"))
        original = path.read_text("utf-8")
        path.write_text(original.replace(old, new, 1), "utf-8")
        code, out = run_cli(shipped, "check", DOC)
        assert code in (1, 2) and said in out, out
        assert str(path) in out
        path.write_text(original, "utf-8")


def test_blame_credits_each_cell_to_the_proposal_that_wrote_it_through_two_merges() -> None:
    columns = (Column("kind", "Kind"), Column("number", "Number"))
    table = Table(columns, (Row("r1", ("M26 rocket", "")), Row("r2", ("Total", "40"))))
    zero = Revision("test-doc", "zero-draft", dt.date(2010, 6, 1), "Presidency", sections=(
        Section("s", "1", "Stocks", (Paragraph("t", None, "Stockpile", table=table),)),))
    table_para = zero.sections[0].paragraphs[0]
    word = _proposal("NOR-1", table_para, CellRef("r2", "kind"),
                     word_operation(OperationKind.REPLACE, "Total", "Total", None,
                                    "Grand total"))
    fill = _proposal("AUT-1", table_para, CellRef("r1", "number"),
                     Operation(OperationKind.REPLACE_PARAGRAPH, None, "1 200"))
    row = evolve(_proposal("IRL-1", table_para, CellRef("r1", "kind"), Operation(
        OperationKind.ADD_ROW, None, "", Position.AFTER, "r1", (("kind", "BLU-97"),))),
        cell=None, proposers=("IRL",))
    one = merge(zero, [word, fill, row], History({"zero-draft": zero}, {}),
                MergeOptions("rev1", dt.date(2010, 7, 1), "Presidency"))
    assert one.revision is not None and one.provenance is not None
    stored = parse_revision(format_revision_file(one.revision, MergeRecord(one.provenance)),
                            "rev1.txt")
    assert stored.record is not None and stored.record.provenance == one.provenance
    rev1 = one.revision
    added = next(r.id for r in rev1.paragraphs().__next__().table.rows  # type: ignore[union-attr]
                 if r.id not in ("r1", "r2"))
    later = _proposal("MEX-1", table_para, CellRef("r2", "kind"),
                      word_operation(OperationKind.INSERT, "Grand total", "total", None,
                                     "of all types", Position.AFTER))
    two = merge(rev1, [evolve(later, revision="rev1")],
                History({"zero-draft": zero, "rev1": rev1}, {"rev1": one.provenance}),
                MergeOptions("rev2", dt.date(2010, 8, 1), "Presidency"))
    assert two.revision is not None and two.provenance is not None
    [blamed] = blame([zero, rev1, two.revision], {"rev1": one.provenance,
                                                  "rev2": two.provenance}, ["t"])
    found = {(c.row, c.column): [(s.text, s.origin) for s in c.spans] for c in blamed.cells}
    assert found == {
        ("r1", "kind"): [("M26 rocket", Origin("zero-draft"))],
        ("r1", "number"): [("1 200", Origin("rev1", ("AUT-1",), ("NOR",)))],
        (added, "kind"): [("BLU-97", Origin("rev1", ("IRL-1",), ("IRL",)))],
        ("r2", "kind"): [("Grand total", Origin("rev1", ("NOR-1",), ("NOR",))),
                         ("of all types", Origin("rev2", ("MEX-1",), ("NOR",)))],
        ("r2", "number"): [("40", Origin("zero-draft"))]}
    assert [c.address for c in blamed.cells][:2] == ["#t, row 1, column Kind",
                                                     "#t, row 1, column Number"]


def test_the_blame_command_lists_a_tables_cells_with_their_proposals(bare: Path) -> None:
    _fill(bare, "NOR", "BLU-108 [sub-munitions]")
    assert run_cli(bare, "propose", DOC, "--para", TOTAL, "--op", "insert", "--quote",
                   "Total", "--position", "after", "--text", "of all types", "--by", "MEX")[0] == 0
    drafts = open_drafts(bare)
    for proposal in drafts.proposals(DOC):
        drafts.accept(proposal.id)
    assert run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")[0] == 0
    ids = {p.proposers: p.id for p in open_drafts(bare).proposals(DOC)}
    code, out = run_cli(bare, "blame", DOC, "--para", "B3")
    assert code == 0, out
    lines = out.splitlines()
    at = lines.index("  cells:")
    nor, mex = f"Rev.2 {ids[('NOR',)]} (NOR)", f"Rev.2 {ids[('MEX',)]} (MEX)"
    width = len("row 1, column Type of cluster munition")
    assert lines[at + 1:] == [
        f"    {'row 1, column Type of cluster munition':<{width}}  {nor:<{len(nor)}}  "
        f"BLU-108 [sub-munitions]",
        f"    {'row 4, column Type of cluster munition':<{width}}  {'Rev.1':<{len(nor)}}  "
        f"Total",
        f"    {'':<{width}}  {mex:<{len(nor)}}  of all types"]
    code, out = run_cli(bare, "blame", DOC, "--para", "B3", "--format", "json")
    [table] = json.loads(out)["paragraphs"]
    assert [(c["address"], [(s["text"], s["proposals"]) for s in c["spans"]])
            for c in table["cells"]] == [
        ("B3, row 1, column Type of cluster munition",
         [("BLU-108 [sub-munitions]", [ids[("NOR",)]])]),
        (TOTAL, [("Total", []), ("of all types", [ids[("MEX",)]])])]


def test_status_lists_a_tables_contested_cells_under_it(shipped: Path) -> None:
    code, out = run_cli(shipped, "status", DOC, "--format", "json")
    assert code == 0, out
    board = {c["address"]: c for c in json.loads(out)["most_contested"]}
    on_b3 = [p for p in open_drafts(shipped).proposals(DOC)
             if p.paragraph == open_drafts(shipped).revision(DOC).find("B3").id]
    assert board["B3"]["proposals"] == len(on_b3) == 3  # two on a cell, a row added
    assert board["B3"]["cells"] == [{"address": TOTAL, "proposals": 2}]
    code, out = run_cli(shipped, "status", DOC)
    assert code == 0 and f"cells: {TOTAL} (2)" in " ".join(out.split())


def test_a_merged_cell_change_is_credited_in_the_diff_and_the_redline(bare: Path) -> None:
    _fill(bare, "NOR", "BLU-108 [sub-munitions]")
    assert run_cli(bare, "propose", DOC, "--para", TOTAL, "--op", "replace", "--quote",
                   "Total", "--text", "Grand total", "--by", "MEX")[0] == 0
    drafts = open_drafts(bare)
    for proposal in drafts.proposals(DOC):
        drafts.accept(proposal.id)
    assert run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")[0] == 0
    ids = {p.proposers: p.id for p in open_drafts(bare).proposals(DOC)}
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2", "--format", "json")
    assert code == 1, out  # as diff(1): the texts differ
    [b3] = [p for p in json.loads(out)["paragraphs"] if p["to_label"] == "B3"]
    changed = [(s["op"], s["text"], s.get("proposals"), s.get("parties"))
               for row in b3["table"]["rows"] for cell in row["cells"] for s in cell["spans"]
               if s["op"] != "equal"]
    assert sorted(changed) == sorted([
        ("insert", "BLU-108 [sub-munitions]", [ids[("NOR",)]], ["NOR"]),
        ("delete", "Total", [ids[("MEX",)]], ["MEX"]),
        ("insert", "Grand total", [ids[("MEX",)]], ["MEX"])])
    code, _ = run_cli(bare, "diff", DOC, "rev1", "rev2", "--format", "docx", "-o",
                      str(bare / "redline.docx"))
    assert code == 1
    with zipfile.ZipFile(bare / "redline.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    authors = set(re.findall(r'<w:(?:ins|del) w:id="\d+" w:author="([^"]*)"', xml))
    assert authors == {"NOR", "MEX"}
