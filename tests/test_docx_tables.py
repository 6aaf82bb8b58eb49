"""A clean Word export draws a revision's tables as Word tables, and reads them back.

The export (`draftkit export --format docx`) writes each table paragraph as its caption
and a real Word table; importing the file (`draftkit import`) reads each Word table back
as that table paragraph: unchanged, it proposes nothing; a cell edited in Word is that
cell's change; a blank cell typed into is its filling; a row inserted is an added row.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from docx_edits import WordCopy
from draftkit.api import Drafts, open_drafts
from draftkit.docx.export import revision_to_docx
from draftkit.docx.importer import plan_import
from draftkit.docx.intake import Imported
from draftkit.docx.reader import read_docx
from draftkit.labels import Label
from draftkit.model import Document, Paragraph, Revision, Section
from draftkit.proposals import OperationKind, Position
from draftkit.table import CellRef, Table
from strategies import paragraph_text, tables, trimmed
from test_docx_libreoffice import Office, _available

DOC = "reporting-formats"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # XML 1.0
TYPE = "Type of cluster munition"


def body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def imported(drafts: Drafts, copy: WordCopy, path: Path,
             party: str | None = None) -> Imported:
    path.write_bytes(copy.data)
    return drafts.import_docx(DOC, path, revision="rev1", party=party)


def test_the_clean_export_draws_every_table_as_a_word_table(bare: Path) -> None:
    drafts = open_drafts(bare)
    rev1 = drafts.revision(DOC, "rev1")
    xml = body(drafts.export_docx(DOC, "rev1"))
    tables = [p.table for p in rev1.paragraphs() if p.table is not None]
    found = re.findall(r"<w:tbl>.*?</w:tbl>", xml)
    assert len(found) == len(tables) > 5
    for table, grid in zip(tables, found, strict=True):
        rows = re.findall(r"<w:tr>.*?</w:tr>", grid)
        assert len(rows) == 1 + len(table.rows)
        texts = [["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell))
                  for cell in re.findall(r"<w:tc>.*?</w:tc>", row)] for row in rows]
        unescape = [[t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                     for t in row] for row in texts]
        assert unescape == [[c.heading for c in table.columns],
                            *([*row.cells] for row in table.rows)]


def test_an_unchanged_export_with_tables_imports_as_nothing(shipped: Path,
                                                           tmp_path: Path) -> None:
    drafts = open_drafts(shipped)
    result = imported(drafts, WordCopy(drafts.export_docx(DOC, "rev1")), tmp_path / "x.docx",
                      "NOR")
    plan = result.plan
    assert (plan.proposals, plan.comments, plan.problems) == ((), (), ())
    on_cells = [c for c in drafts.comments(DOC) if c.cell is not None]
    assert on_cells and plan.exported_comments >= len(on_cells)  # known by their ids


def test_a_cell_edited_in_word_is_exactly_that_cells_change(bare: Path,
                                                             tmp_path: Path) -> None:
    drafts = open_drafts(bare)
    copy = WordCopy(drafts.export_docx(DOC, "rev1"))
    copy.replace("Total", "Grand total", "NOR")
    copy.fill_cell(TYPE, 2, 1, "BLU-108 [sub-munitions]", "AUT")
    result = imported(drafts, copy, tmp_path / "edited.docx")
    assert result.plan.problems == ()
    made = {p.proposers: p for p in result.proposals}
    assert set(made) == {("NOR",), ("AUT",)}
    b3 = drafts.revision(DOC, "rev1").find("B3")
    assert b3.table is not None
    nor, aut = made[("NOR",)], made[("AUT",)]
    assert (nor.paragraph, nor.cell) == (b3.id, CellRef("dbvp3w", "type"))
    assert nor.operation.kind is OperationKind.REPLACE and nor.operation.text == "Grand total"
    assert (aut.paragraph, aut.cell) == (b3.id, CellRef(b3.table.rows[1].id, "type"))
    assert aut.operation.kind is OperationKind.REPLACE_PARAGRAPH
    assert aut.operation.text == "BLU-108 [sub-munitions]"
    for proposal in result.proposals:
        drafts.accept(proposal.id)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0, out
    after = open_drafts(bare).revision(DOC, "rev2").by_id(b3.id)
    assert after is not None and after.table is not None
    assert after.table == b3.table.with_cell(CellRef("dbvp3w", "type"), "Grand total") \
        .with_cell(CellRef(b3.table.rows[1].id, "type"), "BLU-108 [sub-munitions]")
    again = imported(drafts, copy, tmp_path / "edited.docx")
    assert again.proposals == () and len(again.plan.already) == 2


def test_a_row_inserted_in_word_is_an_added_row(bare: Path, tmp_path: Path) -> None:
    drafts = open_drafts(bare)
    copy = WordCopy(drafts.export_docx(DOC, "rev1"))
    copy.add_row(TYPE, 3, ["M77 | DPICM", "", "1 200", "Depot 4"], "IRL")
    result = imported(drafts, copy, tmp_path / "row.docx")
    assert result.plan.problems == ()
    [proposal] = result.proposals
    b3 = drafts.revision(DOC, "rev1").find("B3")
    assert b3.table is not None
    assert proposal.proposers == ("IRL",) and proposal.paragraph == b3.id
    op = proposal.operation
    assert op.kind is OperationKind.ADD_ROW and op.position is Position.AFTER
    assert op.destination == b3.table.rows[2].id
    assert op.cells == (("type", "M77 | DPICM"), (b3.table.columns[2].id, "1 200"),
                        (b3.table.columns[3].id, "Depot 4"))
    drafts.accept(proposal.id)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0, out
    after = open_drafts(bare).revision(DOC, "rev2").find("B3").table
    assert after is not None and len(after.rows) == len(b3.table.rows) + 1
    added = after.rows[3]
    assert added.cells == ("M77 | DPICM", "", "1 200", "Depot 4")
    assert added.id not in {r.id for r in b3.table.rows}
    assert after.rows[:3] + after.rows[4:] == b3.table.rows


WITH_OFFICE = pytest.mark.skipif(not _available(),
                                 reason="LibreOffice (soffice) with python3-uno not installed")


@WITH_OFFICE
def test_libreoffice_opens_the_export_with_its_tables_as_tables(bare: Path,
                                                                office: Office) -> None:
    drafts = open_drafts(bare)
    rev1 = drafts.revision(DOC, "rev1")
    seen = office.inspect(drafts.export_docx(DOC, "rev1"), "clean.docx")
    lines = seen["accepted"]
    assert seen["redlines"] == [] and lines == seen["rejected"]
    for paragraph in (p for p in rev1.paragraphs() if p.table is not None):
        assert paragraph.table is not None
        caption = lines.index(f"{paragraph.label} {paragraph.text}")
        grid = [" | ".join(c.heading for c in paragraph.table.columns),
                *(" | ".join(row.cells) for row in paragraph.table.rows)]
        assert lines[caption + 1:caption + 1 + len(grid)] == grid
    assert len(seen["paragraphs"]) < len(lines)  # the cells are in tables, not paragraphs


@WITH_OFFICE
def test_an_export_edited_in_libreoffice_imports_its_cell_and_row(
        bare: Path, office: Office, tmp_path: Path) -> None:
    drafts = open_drafts(bare)
    rev1 = drafts.revision(DOC, "rev1")
    b3 = rev1.find("B3")
    assert b3.table is not None
    number = [p.id for p in rev1.paragraphs() if p.table is not None].index(b3.id)
    clean, edited = tmp_path / "clean.docx", tmp_path / "edited.docx"
    clean.write_bytes(drafts.export_docx(DOC, "rev1"))
    office.run("edit", str(clean), str(edited), json.dumps([
        {"do": "cell", "table": number, "cell": "A5", "old": "Total", "new": "Grand total"},
        {"do": "add-row", "table": number, "after": 3,
         "texts": ["M77 DPICM", "", "1 200", "Depot 4"]}]))
    result = drafts.import_docx(DOC, edited, revision="rev1", party="NOR")
    assert result.plan.problems == ()
    kinds = sorted((p.operation.kind.value, p.cell) for p in result.proposals)
    assert kinds == [("add-row", None), ("replace", CellRef("dbvp3w", "type"))], kinds
    row = next(p for p in result.proposals if p.cell is None).operation
    assert row.destination == b3.table.rows[2].id and row.position is Position.AFTER
    assert [text for _, text in row.cells] == ["M77 DPICM", "1 200", "Depot 4"]


@pytest.mark.parametrize(("edit", "said"), [
    (lambda copy: setattr(copy, "document", copy.document.replace(">Total<", ">Totals<")),
     "the table of B3 reads differently from Rev.1 even with all changes rejected"),
    (lambda copy: setattr(copy, "document", copy.document.replace(">Storage location<",
                                                                  ">Depot<")),
     "the header row of the table of B3 was changed"),
])
def test_what_a_word_table_cannot_propose_is_reported(bare: Path, tmp_path: Path,
                                                       edit: Callable[[WordCopy], None],
                                                       said: str) -> None:
    drafts = open_drafts(bare)
    copy = WordCopy(drafts.export_docx(DOC, "rev1"))
    edit(copy)
    result = imported(drafts, copy, tmp_path / "x.docx", "NOR")
    assert result.plan.proposals == ()
    assert [p for p in result.plan.problems if said in p], result.plan.problems


def test_a_comment_typed_on_a_cell_in_word_is_on_its_table(shipped: Path,
                                                            tmp_path: Path) -> None:
    drafts = open_drafts(shipped)  # with comments, so the export has its comments part
    copy = WordCopy(drafts.export_docx(DOC, "rev1"))
    copy.comment("Total", "MEX", "Total of munitions or of submunitions?")
    result = imported(drafts, copy, tmp_path / "note.docx")
    [comment] = result.comments
    b3 = drafts.revision(DOC, "rev1").find("B3")
    assert (comment.party, comment.paragraph, comment.cell) == ("MEX", b3.id, None)
    assert comment.text == "Total of munitions or of submunitions?"


def test_a_row_deleted_in_word_is_a_deleted_row(bare: Path, tmp_path: Path) -> None:
    drafts = open_drafts(bare)
    copy = WordCopy(drafts.export_docx(DOC, "rev1"))
    copy.delete_row(TYPE, 4, "NOR")
    result = imported(drafts, copy, tmp_path / "deleted.docx")
    assert result.plan.problems == ()
    [proposal] = result.proposals
    b3 = drafts.revision(DOC, "rev1").find("B3")
    assert b3.table is not None
    assert (proposal.proposers, proposal.paragraph) == (("NOR",), b3.id)
    assert proposal.operation.kind is OperationKind.DELETE_ROW
    assert proposal.operation.row == b3.table.rows[3].id == "dbvp3w"
    code, out = run_cli(bare, "import", DOC, str(tmp_path / "deleted.docx"), "--rev", "rev1",
                        "--dry-run")
    assert code == 0 and "B3: delete row 4 — NOR" in out, out


@settings(max_examples=40, deadline=None)
@given(tables(), tables(max_rows=3), paragraph_text)
def test_any_table_comes_back_from_the_clean_export_as_itself(first: Table, second: Table,
                                                              caption: str) -> None:
    """Hostile headings and cells (brackets, RTL, tabs, markup, blanks): the export read
    back matches the revision table by table, cell by cell, and proposes nothing."""
    caption = _xml(caption).strip() or "Stocks"
    revision = Revision("test-doc", "rev1", dt.date(2010, 8, 27), "Presidency", sections=(
        Section("s1", "B", "Stockpiles", (
            Paragraph("t1", Label.parse("B1"), caption, table=_xml_table(first)),
            Paragraph("t2", Label.parse("B2"), "Totals", table=_xml_table(second)))),))
    data = revision_to_docx(Document("test-doc", "Forms"), revision)
    plan = plan_import(revision, read_docx(data), lambda _author: ("NOR",), {}, "x.docx")
    assert (plan.proposals, plan.comments, plan.problems) == ((), (), ())


def _xml(text: str) -> str:
    """The text without what XML cannot hold (the writer refuses it: test_docx_writer)."""
    return NOT_XML.sub("", text)


def _xml_table(table: Table) -> Table:
    columns = tuple(attrs.evolve(c, heading=_xml(c.heading).strip() or c.id)
                    for c in table.columns)
    return Table(columns, tuple(attrs.evolve(r, cells=tuple(map(_xml, r.cells)))
                                for r in table.rows))


@settings(max_examples=40, deadline=None)
@given(tables(max_rows=3).filter(lambda t: bool(t.rows)), st.data())
def test_a_cell_rewritten_in_word_is_proposed_on_that_cell_alone(table: Table,
                                                                 data: st.DataObject) -> None:
    table = _xml_table(table)
    row = data.draw(st.integers(0, len(table.rows) - 1))
    column = data.draw(st.integers(0, len(table.columns) - 1))
    old = table.rows[row].cells[column]
    new = _xml(data.draw(trimmed)).strip()  # trimmed once what XML cannot hold is gone
    assume(new and new != old.strip())
    revision = Revision("test-doc", "rev1", dt.date(2010, 8, 27), "Presidency", sections=(
        Section("s1", "B", "Stockpiles", (
            Paragraph("t1", Label.parse("B1"), "Stocks", table=table),)),))
    copy = WordCopy(revision_to_docx(Document("test-doc", "Forms"), revision))
    grid = re.search(r"<w:tbl>.*?</w:tbl>", copy.document)
    assert grid is not None
    rows = list(re.finditer(r"<w:tr>.*?</w:tr>", grid.group()))
    cells = list(re.finditer(r"<w:tc>.*?</w:tc>", rows[row + 1].group()))
    cell = cells[column].group()
    tracked = ('w:id="{}" w:author="NOR" w:date="2010-09-21T08:30:00Z"')
    runs = re.sub(r"<w:r>.*?</w:r>", lambda m: f"<w:del {tracked.format(1)}>" + m.group()
                  .replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>") +
                  "</w:del>", cell)
    edited = runs.replace("</w:p>", f"<w:ins {tracked.format(2)}><w:r><w:t xml:space="
                                    f'"preserve">{escape(new)}</w:t></w:r></w:ins></w:p>')
    at = grid.start() + rows[row + 1].start() + cells[column].start()
    copy.document = copy.document[:at] + edited + copy.document[at + len(cell):]
    plan = plan_import(revision, read_docx(copy.data), lambda _author: ("NOR",), {}, "x.docx")
    ref = f"#t1, row #{table.rows[row].id}, column #{table.columns[column].id}"
    assert plan.problems == () and plan.proposals
    assert {(p.paragraph, p.proposers) for p in plan.proposals} == {(ref, ("NOR",))}
    if not old.strip():
        assert [(p.operation, p.text) for p in plan.proposals] == [
            (OperationKind.REPLACE_PARAGRAPH, new)]
