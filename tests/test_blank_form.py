"""`draftkit form`: a revision as a blank report form, in Word and as a spreadsheet.

LibreOffice is the oracle that the Word form holds real tables (skipped where it is not
installed; `.ci/run` installs it): it converts the file to ODT, whose tables are counted.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SHIPPED
from draftkit.api import Drafts, open_drafts
from draftkit.cli import cli
from draftkit.docx.blank_form import EXTRA_ROWS
from draftkit.form import FieldKind, FormField
from draftkit.labels import Label
from draftkit.model import Paragraph, Revision, Section
from draftkit.table import Column, Row, Table

DOC = "reporting-formats"
HOSTILE = Table((Column("c1", "=SUM(A1:A9)"), Column("c2", "<b>[EU: delete]</b>")),
                (Row("r1", ("@cmd|' /C calc'!A0", "مرحبا 😀")), Row("r2", ("", "+1"))))


def hostile_revision() -> Revision:
    return Revision(document="test-doc", name="zero-draft", date=dt.date(2010, 6, 1),
                    issued_by="Presidency", sections=(Section("s1", "Form B", "Stocks [x]", (
                        Paragraph("p1", Label.parse("B1"), "=HYPERLINK(\"x\")",
                                  form=FormField(FieldKind.CHOICE, ("a, b", "-c"), "<i>x</i>",
                                                 voluntary=True)),
                        Paragraph("p2", Label.parse("B2"), "Stocks <script>", table=HOSTILE),
                        Paragraph("p3", None, "Text & more"))),))


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_the_word_form_has_a_table_per_table_and_per_field() -> None:
    drafts = open_drafts(SHIPPED)
    rev1 = drafts.revision(DOC, "rev1")
    xml = document_xml(drafts.blank_form(DOC, "rev1", "docx"))
    tables = [p for p in rev1.paragraphs() if p.table is not None]
    fields = [p for p in rev1.paragraphs() if p.form is not None]
    assert xml.count("<w:tbl>") == len(tables) + len(fields)
    boxes = sum(2 if p.form.kind is FieldKind.YES_NO else len(p.form.choices)
                for p in fields if p.form is not None)
    assert xml.count("<w14:checkbox>") == boxes
    voluntary = sum(p.form.voluntary for p in fields if p.form is not None)
    assert xml.count('w:fill="D9D9D9"') == 2 * voluntary
    rows = sum(len(p.table.rows) + 1 + EXTRA_ROWS for p in tables if p.table is not None)
    assert xml.count("<w:tr>") == rows + len(fields)


def test_hostile_text_stays_text_in_both_forms(empty_store: Drafts) -> None:
    empty_store.record(hostile_revision())
    xml = document_xml(empty_store.blank_form("test-doc", form="docx"))
    assert "&lt;script&gt;" in xml and "<script>" not in xml and "مرحبا 😀" in xml
    book = load_workbook(io.BytesIO(empty_store.blank_form("test-doc", form="xlsx")))
    sheet = book[book.sheetnames[0]]
    values = [c for row in sheet.iter_rows() for c in row if c.value]
    assert all(c.data_type == "s" for c in values)  # never a formula
    assert "=SUM(A1:A9)" in {c.value for c in values}
    assert not sheet.data_validations.dataValidation  # "a, b" cannot be a list item


def test_the_spreadsheet_validates_answers() -> None:
    book = load_workbook(io.BytesIO(open_drafts(SHIPPED).blank_form(DOC, "rev1", "xlsx")))
    assert book.sheetnames == ["Cover page", *(f"Form {letter}" for letter in "ABCDEFGHIJ")]
    sheet = book["Form B"]
    assert sheet["A1"].value == "Form B. Stockpiled cluster munitions"
    rules = {r.formula1: r.sqref for r in sheet.data_validations.dataValidation}
    assert '"changed,unchanged (last reported: year)"' in rules
    assert '"Yes,No"' in rules
    shaded = [c.value for row in sheet.iter_rows() for c in row
              if c.fill.fgColor.rgb == "00D9D9D9" and c.value]
    assert any("(voluntary)" in str(v) for v in shaded)


def test_the_command_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    result = CliRunner().invoke(cli, ["--drafts", str(SHIPPED), "form", DOC, "--rev", "rev1",
                                      "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load_workbook(target).sheetnames[-1] == "Form J"
    result = CliRunner().invoke(cli, ["--drafts", str(SHIPPED), "form", DOC, "--rev", "rev9",
                                      "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_word_form_with_its_tables(tmp_path: Path) -> None:
    drafts = open_drafts(SHIPPED)
    (tmp_path / "form.docx").write_bytes(drafts.blank_form(DOC, "rev1", "docx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--norestore", "--convert-to", "odt", "--outdir",
                    str(tmp_path), str(tmp_path / "form.docx")],
                   check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "form.odt") as archive:
        content = archive.read("content.xml").decode("utf-8")
    rev1 = drafts.revision(DOC, "rev1")
    counted = sum(p.table is not None or p.form is not None for p in rev1.paragraphs())
    assert len(re.findall(r"<table:table ", content)) == counted
    stocks = next(p for p in rev1.paragraphs() if str(p.label) == "B3")
    assert stocks.table is not None
    found = [t for t in re.findall(r"<table:table .*?</table:table>", content, re.S)
             if "Storage location" in t]
    assert len(found) == 1
    assert found[0].count("<table:table-row") == len(stocks.table.rows) + 1 + EXTRA_ROWS
    assert content.count("\u2610") >= 20  # the check boxes' ballot boxes


