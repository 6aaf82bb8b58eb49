"""Tables and form fields in the store: round trips with hostile text, errors by line."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import new_store
from draftkit.api import open_drafts
from draftkit.errors import FormatError
from draftkit.form import FieldKind, FormField
from draftkit.model import Document, Revision
from draftkit.render.export import to_json, to_markdown
from draftkit.store.revision_format import format_revision, parse_revision
from draftkit.table import Column, Row, Table
from strategies import revisions


@given(revisions(contents=True))
def test_tables_and_fields_round_trip(revision: Revision) -> None:
    text = format_revision(revision)
    parsed = parse_revision(text, "x.txt").to_revision("x.txt")
    assert parsed == revision
    assert format_revision(parsed) == text


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
@given(revisions(contents=True))
def test_recorded_tables_load_back_sealed(tmp_path: Path, revision: Revision) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    drafts = new_store(root)
    revision = attrs.evolve(revision, parent=None)
    path = drafts.record(revision)
    assert open_drafts(root).revision("test-doc", revision.name) == revision
    assert parse_revision(path.read_text("utf-8"), str(path)).sealed is True


HEAD = "draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n" \
       "@section s1 | - | S\n\n@para p1 | - | open\nCaption\n"
TABLE = HEAD + "@column a | Type\n@column b | Quantity\n@row r1\n@cell b | 1 200\n"


def test_a_table_reads_one_record_a_line() -> None:
    paragraph = next(parse_revision(TABLE, "x.txt").to_revision("x.txt").paragraphs())
    assert paragraph.table is not None
    assert [c.heading for c in paragraph.table.columns] == ["Type", "Quantity"]
    assert paragraph.table.rows[0].cells == ("", "1 200")
    assert format_revision(parse_revision(TABLE, "x.txt").to_revision("x.txt")) == TABLE


@pytest.mark.parametrize(("body", "line", "message"), [
    ("@row r1\n", 11, "@row before any @column"),
    ("@column a | T\n@cell a | x\n", 12, "@cell before any @row"),
    ("@column a | T\n@row r1\n@cell z | x\n", 13, "unknown column 'z'"),
    ("@column a | T\n@row r1\n@cell a | x\n@cell a | y\n", 14, "given twice"),
    ("@column a | T\n@row r1\n@column b | U\n", 13, "header row comes first"),
    ("@column a | T\n@column a | U\n", 12, "column 'a' given twice"),
    ("@column a | T\n@row r1\n@row r1\n", 13, "row 'r1' given twice"),
    ("@column a | T\n@field text | required\n", 12, "not both"),
    ("@field essay | required\n", 11, "expected '@field"),
    ("@field choice | required\n@choice only\n", 11, "at least two choices"),
    ("@choice x\n", 11, "@choice belongs after its @field"),
    ("@field text | voluntary\n@instructions a\n@instructions b\n", 13, "one @instructions"),
    ("@column a | T\n@row r1\n@cell a | \"two\\nlines\"\n", 12, "single line"),
])
def test_malformed_tables_name_their_line(body: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as error:
        parse_revision(HEAD + body, "x.txt").to_revision("x.txt")
    assert error.value.line == line
    assert message in str(error.value)


def test_a_table_record_before_any_paragraph_is_refused() -> None:
    text = HEAD.replace("\n@para p1 | - | open\nCaption\n", "@column a | T\n")
    with pytest.raises(FormatError, match="before any @para"):
        parse_revision(text, "x.txt")


def test_the_documented_example_reads() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "store-format.md").read_text("utf-8")
    example = doc.split("### Tables and form fields")[1].split("```")[1].removeprefix("\n")
    revision = parse_revision(HEAD.split("\n@para")[0] + "\n\n" + example, "x.txt") \
        .to_revision("x.txt")
    table, field = (p for p in revision.paragraphs())
    assert table.table is not None and len(table.table.rows) == 2
    assert field.form is not None and field.form.choices[1].startswith("unchanged")


@given(revisions(contents=True))
def test_tables_and_fields_round_trip_through_the_json_export(revision: Revision) -> None:
    document = Document("test-doc", "Test")
    exported = json.loads(to_json(document, revision))
    items = [p for s in exported["sections"] for p in s["paragraphs"]]
    for paragraph, item in zip(revision.paragraphs(), items, strict=True):
        table = item.get("table")
        rebuilt = None if table is None else Table(
            tuple(Column(c["id"], c["heading"]) for c in table["columns"]),
            tuple(Row(r["id"], tuple(r["cells"][c["id"]] for c in table["columns"]))
                  for r in table["rows"]))
        assert rebuilt == paragraph.table
        form = item.get("field")
        assert (None if form is None else FormField(
            FieldKind(form["kind"]), tuple(form["choices"]), form["instructions"],
            form["voluntary"])) == paragraph.form


@given(revisions(contents=True))
def test_markdown_export_keeps_each_table_row_one_line(revision: Revision) -> None:
    text = to_markdown(Document("test-doc", "Test"), revision)
    rows = [line for line in text.split("\n") if line.startswith("| ")]  # not splitlines: U+2028
    tables = [p.table for p in revision.paragraphs() if p.table is not None]
    assert len(rows) == sum(len(t.rows) + 1 for t in tables)
    widths = sorted(len(re.split(r"(?<!\\)\|", line)) - 2 for line in rows)
    assert widths == sorted(len(t.columns) for t in tables for _ in range(len(t.rows) + 1))
