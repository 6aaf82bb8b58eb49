"""The compilation text shows a table as it stands, and a form field's kind, in every format:
a proposal on "B3, row 4, column Type" or a new row after row 3 is read against the table."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings

from conftest import run_cli
from draftkit.compilation import compile_text
from draftkit.model import Document, DocumentKind, Paragraph, Revision, Section, Status
from draftkit.rebase import History
from draftkit.render.compilation import to_html, to_json, to_markdown, to_text
from draftkit.render.safe import visible_line
from draftkit.table import Table
from strategies import form_fields, tables

DOC = "reporting-formats"
HEADS = "| Type of cluster munition | Number of cluster munitions | Number of explosive " \
        "submunitions | Storage location |"


def _compiled(drafts: Path, form: str) -> str:
    code, out = run_cli(drafts, "merge", DOC, "--compile", "--format", form)
    assert code == 0, out
    return out


def test_the_table_stands_between_its_caption_and_its_proposals(shipped: Path) -> None:
    text = _compiled(shipped, "text")
    assert ("B3 Cluster munitions and explosive submunitions stockpiled, by type\n\n" + HEADS +
            "\n|  |  |  |  |\n|  |  |  |  |\n|  |  |  |  |\n| Total |  |  |  |\n\n"
            "B3, row 4, column Type of cluster munition: [replace - NOR] Total stockpiled"
            ) in text
    assert "B4 Lot numbers of the cluster munitions stockpiled [field: text; voluntary; " \
           "instructions: Give the lot numbers by type, where known.]" in text
    markdown = _compiled(shipped, "markdown")
    assert HEADS + "\n|---|---|---|---|\n|  |  |  |  |\n|  |  |  |  |\n|  |  |  |  |\n" \
                   "| Total |  |  |  |\n\n**B3, row 4" in markdown
    page = _compiled(shipped, "html")
    b3 = page[page.index("<b>B3</b>"):page.index("<b>B4</b>")]
    assert b3.count("<table") == 2  # the table as it stands, then the row NZL adds
    assert "<tr><td>Total</td><td></td><td></td><td></td></tr></tbody></table>" in b3
    terminal = _compiled(shipped, "terminal")
    assert "Storage location" in terminal and "│ Total" in terminal
    shown = {p["label"]: p for s in json.loads(_compiled(shipped, "json"))["sections"]
             for p in s["paragraphs"]}
    table = shown["B3"]
    assert table["table"]["columns"][0]["heading"] == "Type of cluster munition"
    assert [r["cells"]["type"] for r in table["table"]["rows"]] == ["", "", "", "Total"]
    assert shown["B4"]["field"] == {"kind": "text", "choices": [], "voluntary": True,
                              "instructions": "Give the lot numbers by type, where known."}


def _alone(paragraph: Paragraph) -> Any:
    """The compilation of a revision holding only `paragraph`, with no proposals."""
    revision = Revision(document="test-doc", name="rev1", date=dt.date(2010, 6, 1),
                        issued_by="Presidency",
                        sections=(Section("sec001", "I", "Forms", (paragraph,)),))
    document = Document("test-doc", "Reporting formats", DocumentKind.ACTION_PLAN)
    return compile_text(document, revision, [], History({"rev1": revision}, {}))


@settings(max_examples=60, deadline=None)
@given(tables())
def test_any_table_is_shown_whole_and_safe_in_every_format(table: Table) -> None:
    compiled = _alone(Paragraph("tab001", None, "Stockpiles", Status.OPEN, table=table))
    [shown] = [p for s in json.loads(to_json(compiled))["sections"] for p in s["paragraphs"]]
    assert [c["heading"] for c in shown["table"]["columns"]] == [c.heading for c in
                                                                 table.columns]
    assert [[r["cells"][c.id] for c in table.columns] for r in shown["table"]["rows"]] == \
        [list(r.cells) for r in table.rows]
    # the block after the title, the summary, the heading and the caption
    lines = to_text(compiled).split("\n\n")[4].rstrip("\n").split("\n")
    grid = [[visible_line(t).replace("|", "\\|") for t in line] for line in
            ([c.heading for c in table.columns], *(r.cells for r in table.rows))]
    assert lines == ["| " + " | ".join(line) + " |" for line in grid]
    page = to_html(compiled)
    assert page.count("<tr>") == 1 + len(table.rows)
    for cell in (c for r in table.rows for c in r.cells if c):
        assert html.escape(visible_line(cell)) in page
    markdown = to_markdown(compiled)
    assert markdown.count("\n|") >= 1 + len(table.rows)


@settings(max_examples=30, deadline=None)
@given(form_fields())
def test_a_form_field_says_what_it_asks_for(form: Any) -> None:
    compiled = _alone(Paragraph("fld001", None, "Stockpiles held?", Status.OPEN, form=form))
    text = to_text(compiled)
    assert f"[field: {visible_line(form.kind.title)}" in text
    assert ("; voluntary" in text) == form.voluntary
    [shown] = [p for s in json.loads(to_json(compiled))["sections"] for p in s["paragraphs"]]
    assert shown["field"]["choices"] == list(form.choices)
