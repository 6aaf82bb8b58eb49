"""Cell-wise table diffs: laws with hostile cells, and rows inserted or moved stay rows."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_revision
from draftkit.docdiff import diff
from draftkit.form import FieldKind, FormField
from draftkit.model import Revision
from draftkit.render.diff_html import to_html
from draftkit.render.diff_json import to_json
from draftkit.render.diff_markdown import to_markdown
from draftkit.render.diff_terminal import plain_text, redline
from draftkit.table import Column, Row, Table
from draftkit.tablediff import field_diff, table_diff
from strategies import cell_text, identifier, tables, trimmed


@st.composite
def table_pairs(draw: st.DrawFn) -> tuple[Table, Table]:
    """A table and a later one: columns and rows kept, renamed, edited, moved, dropped,
    inserted (new ids), in any order."""
    before = draw(tables())
    fresh = iter(draw(st.lists(identifier.map(lambda i: "n" + i), unique=True, min_size=10,
                               max_size=10)))
    columns = [c for c in before.columns if draw(st.booleans())]
    columns = [attrs.evolve(c, heading=draw(trimmed)) if draw(st.booleans()) else c
               for c in columns]
    columns += [Column(next(fresh), draw(trimmed))
                for _ in range(draw(st.integers(0 if columns else 1, 2)))]
    columns = draw(st.permutations(columns))
    old_index = {c.id: i for i, c in enumerate(before.columns)}
    rows = []
    for row in before.rows:
        if draw(st.booleans()):
            continue
        rows.append(Row(row.id, tuple(
            row.cells[old_index[c.id]] if c.id in old_index and draw(st.booleans())
            else draw(cell_text) for c in columns)))
    rows += [Row(next(fresh), tuple(draw(cell_text) for _ in columns))
             for _ in range(draw(st.integers(0, 2)))]
    return before, Table(tuple(columns), tuple(draw(st.permutations(rows))))


@given(table_pairs())
def test_cell_wise_diff_reconstructs_both_tables(pair: tuple[Table, Table]) -> None:
    before, after = pair
    changes = table_diff(before, after)
    assert changes.from_table() == before
    assert changes.to_table() == after
    assert changes.changed == (before != after)


@given(tables(), st.data())
def test_a_row_inserted_or_moved_is_only_that_row(table: Table, data: st.DataObject) -> None:
    new_row = Row("added", tuple(data.draw(cell_text) for _ in table.columns))
    at = data.draw(st.integers(0, len(table.rows)))
    rows = list(table.rows)
    rows.insert(at, new_row)
    changes = table_diff(table, attrs.evolve(table, rows=tuple(rows)))
    assert [r.id for r in changes.rows if r.change != ("unchanged",)] == ["added"]
    assert changes.rows[at].change == ("inserted",)
    if len(table.rows) >= 2:
        moved = (*table.rows[1:], table.rows[0])
        changes = table_diff(table, attrs.evolve(table, rows=moved))
        changed = [r for r in changes.rows if r.change != ("unchanged",)]
        assert len(changed) == 1 and changed[0].change == ("moved",)


def test_one_cell_edited_is_one_cell_of_one_row() -> None:
    before = Table((Column("type", "Type"), Column("qty", "Quantity")),
                   (Row("r1", ("M26", "1 200")), Row("r2", ("BLU-97", "40"))))
    after = attrs.evolve(before, rows=(before.rows[0], Row("r2", ("BLU-97", "36"))))
    changes = table_diff(before, after)
    assert [r.change for r in changes.rows] == [("unchanged",), ("modified",)]
    cell = changes.rows[1].cells[1]
    assert (cell.column, cell.text("from"), cell.text("to")) == ("qty", "40", "36")
    assert not changes.rows[1].cells[0].changed


def test_a_renamed_column_keeps_its_cells() -> None:
    before = Table((Column("qty", "Quantity"),), (Row("r1", ("5",)),))
    after = Table((Column("qty", "Number"),), (Row("r1", ("5",)),))
    changes = table_diff(before, after)
    assert changes.columns[0].change == ("renamed",)
    assert changes.rows[0].change == ("unchanged",)


def test_field_changes_are_named() -> None:
    before = FormField(FieldKind.TEXT, (), "Give details.")
    after = FormField(FieldKind.CHOICE, ("yes", "no"), "Give full details.", voluntary=True)
    changes = field_diff(before, after)
    assert changes.change == ("kind", "choices", "instructions", "voluntary")
    assert [s.op for s in changes.instruction_spans] == ["equal", "insert", "equal"]


def test_document_diff_carries_the_table_diff() -> None:
    from test_tables_address import STOCKS, form_revision

    zero = form_revision()
    table = attrs.evolve(STOCKS, rows=(*STOCKS.rows, Row("r4", ("M85", "12"))))
    sections = [attrs.evolve(s, paragraphs=tuple(
        attrs.evolve(p, table=table) if p.table else p for p in s.paragraphs))
        for s in zero.sections]
    rev1 = attrs.evolve(zero, name="rev1", parent="zero-draft", sections=tuple(sections))
    result = diff(zero, rev1)
    changed = [p for p in result.paragraphs if p.changed]
    assert [p.id for p in changed] == ["pb2"] and changed[0].change == ("modified",)
    assert changed[0].table is not None and changed[0].spans[0].op == "equal"
    assert [r.change for r in changed[0].table.rows][-1] == ("inserted",)
    assert next(p for p in result.paragraphs if p.id == "pb1").form is not None
    assert next(p for p in result.paragraphs if p.id == "pa1").table is None


def _revisions(pair: tuple[Table, Table]) -> tuple[Revision, Revision]:
    before, after = pair
    zero = make_revision([("t1", "B2", "Stocks by type")])
    zero = attrs.evolve(zero, sections=(attrs.evolve(zero.sections[0], paragraphs=(
        attrs.evolve(zero.sections[0].paragraphs[0], table=before),)),))
    rev1 = attrs.evolve(zero, name="rev1", sections=(attrs.evolve(zero.sections[0], paragraphs=(
        attrs.evolve(zero.sections[0].paragraphs[0], table=after),)),))
    return zero, rev1


def _cells(table: dict[str, Any], side: str) -> dict[tuple[str, str], str]:
    """Each (row id, column id) present on `side` of a JSON table diff, with its text."""
    dropped = "insert" if side == "from" else "delete"
    columns = [c["id"] for c in table["columns"] if c[f"{side}_position"] is not None]
    return {(r["id"], c["column"]): "".join(s["text"] for s in c["spans"] if s["op"] != dropped)
            for r in table["rows"] if r[f"{side}_position"] is not None
            for c in r["cells"] if c["column"] in columns}


@given(table_pairs())
def test_the_json_contract_reconstructs_both_tables(pair: tuple[Table, Table]) -> None:
    zero, rev1 = _revisions(pair)
    item = json.loads(to_json(diff(zero, rev1)))["paragraphs"][0]
    for side, table in zip(("from", "to"), pair, strict=True):
        assert _cells(item["table"], side) == {
            (row.id, column.id): cell for row in table.rows
            for column, cell in zip(table.columns, row.cells, strict=True)}
        positions = {r["id"]: r[f"{side}_position"] for r in item["table"]["rows"]}
        assert [r.id for r in table.rows] == sorted(
            (i for i in positions if positions[i] is not None), key=lambda i: positions[i])
    assert item["change"] == ("modified" if pair[0] != pair[1] else "unchanged")


HOSTILE = Table((Column("c1", "[EU: delete]"), Column("c2", "a|b")),
                (Row("r1", ("<script>x</script>", "=1+1")),
                 Row("r2", ("*bold* | pipe", "\x1b[31m"))))


def test_markdown_and_html_tables_escape_hostile_cells() -> None:
    zero, rev1 = _revisions((Table(HOSTILE.columns), HOSTILE))
    changes = diff(zero, rev1)
    markdown = to_markdown(changes)
    table_lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(table_lines) == 3  # the header and two rows: no cell broke a line
    assert all(len(re.split(r"(?<!\\)\|", line)) == 5 for line in table_lines)  # 3 cells
    assert "\\[EU: delete\\]" in markdown and "<script>" not in markdown
    page = to_html(changes)
    assert "&lt;script&gt;" in page and "<script>" not in page and "\x1b" not in page
    assert page.count('<tr class="inserted">') == 2


def test_terminal_redline_aligns_cells_under_headings() -> None:
    before = Table((Column("type", "Type"), Column("qty", "Quantity")),
                   (Row("r1", ("M26", "1 200")),))
    after = attrs.evolve(before, rows=(Row("r1", ("M26", "1 100")), Row("r2", ("M85", "12"))))
    text = plain_text(redline(diff(*_revisions((before, after))), plain=True), 100)
    lines = text.splitlines()
    header = next(line for line in lines if "Quantity" in line)
    edited = next(line for line in lines if "M26" in line)
    added = next(line for line in lines if "M85" in line)
    assert edited.index("1 ⟦-200-⟧⟦+100+⟧") == header.index("Quantity")
    assert added.startswith(" inserted") and "⟦+12+⟧" in added
