"""The shipped reporting formats (issue 14): forms A to J with tables and fields."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import SHIPPED
from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.form import FieldKind

DOC = "reporting-formats"


def test_forms_a_to_j_each_ask_whether_anything_changed() -> None:
    rev1 = open_drafts(SHIPPED).revision(DOC, "rev1")
    forms = [s for s in rev1.sections if s.number and s.number.startswith("Form ")]
    assert [s.number for s in forms] == [f"Form {letter}" for letter in "ABCDEFGHIJ"]
    for section in forms:
        first = section.paragraphs[0]
        assert first.form is not None and first.form.kind is FieldKind.CHOICE
        assert first.form.choices == ("changed", "unchanged (last reported: year)")
    assert sum(p.table is not None for p in rev1.paragraphs()) >= 10
    assert any(p.form is not None and p.form.voluntary for p in rev1.paragraphs())


def test_the_article_7_deadlines_are_stated() -> None:
    cover = open_drafts(SHIPPED).revision(DOC, "rev1").sections[0].paragraphs[0].text
    assert "180 days" in cover and "30 April" in cover and "previous calendar year" in cover


def test_zero_draft_to_rev1_shows_cell_level_changes() -> None:
    result = CliRunner().invoke(cli, ["--drafts", str(SHIPPED), "diff", DOC, "zero-draft",
                                      "rev1", "--format", "json"])
    assert result.exit_code == 1, result.output
    paragraphs = {p["to_label"]: p for p in json.loads(result.stdout)["paragraphs"]}
    stocks = paragraphs["B3"]["table"]
    assert [r["change"] for r in stocks["rows"]][-1] == "inserted"
    assert {c["id"]: c["change"] for c in stocks["columns"]}["location"] == "inserted"
    victims = paragraphs["I2"]["table"]["rows"]
    edited = next(r for r in victims if r["change"] == "modified")
    assert [s["op"] for s in edited["cells"][0]["spans"]] == ["equal", "insert", "equal"]
    assert sum(r["change"] == "unchanged" for r in victims) == 4  # only the edited one
    assert paragraphs["J2"]["field"]["change"] == ["voluntary"]


def test_the_shipped_document_checks_clean() -> None:
    result = CliRunner().invoke(cli, ["--drafts", str(SHIPPED), "check", DOC])
    assert result.exit_code == 0 and result.output == ""


def test_the_published_site_shows_tables_and_their_changes(tmp_path: Path) -> None:
    open_drafts(SHIPPED).publish(tmp_path / "site", [DOC])
    pages = tmp_path / "site" / "documents" / DOC
    rev1 = (pages / "revisions" / "rev1.html").read_text("utf-8")
    assert '<th scope="col">Storage location</th>' in rev1
    assert 'aria-label="Table B3"' in rev1 and "Field: yes / no; voluntary" in rev1
    redline = (pages / "redlines" / "zero-draft-to-rev1.html").read_text("utf-8")
    assert '<tr class="inserted"><td class="note">inserted</td><td dir="auto"><ins>Total' \
        in redline
    assert "<ins>Laws and policies</ins>" in redline


def test_a_merge_keeps_tables_and_a_proposal_cannot_name_a_row(shipped: Path) -> None:
    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, ["--drafts", str(shipped), *args])
        return result.exit_code, result.output

    code, out = run("propose", DOC, "--para", "B3, row 2", "--op", "delete-paragraph",
                    "--by", "MEX")
    assert code == 2 and "names one cell (a row and a column)" in out
    shipped_ids = {p.id for p in open_drafts(shipped).proposals(DOC)}
    assert run("propose", DOC, "--para", "B3", "--op", "replace", "--quote", "by type",
               "--text", "by type and year", "--by", "NOR")[0] == 0
    drafts = open_drafts(shipped)
    [made] = [p for p in drafts.proposals(DOC) if p.id not in shipped_ids]
    drafts.accept(made.id)
    code, out = run("merge", DOC, "--into", "rev2", "--id", made.id, "--date", "2010-10-08")
    assert code == 0, out
    rev1, rev2 = (open_drafts(shipped).revision(DOC, name) for name in ("rev1", "rev2"))
    assert rev2.find("B3").text.endswith("by type and year")
    assert [p.table for p in rev2.paragraphs()] == [p.table for p in rev1.paragraphs()]
    assert [p.form for p in rev2.paragraphs()] == [p.form for p in rev1.paragraphs()]


def test_eight_parties_speak_and_the_voluntary_lot_numbers_field_is_disputed(
        shipped: Path) -> None:
    drafts = open_drafts(shipped)
    proposals = drafts.proposals(DOC)
    speakers = {code for p in proposals for code in p.parties} | \
        {c.party for c in drafts.comments(DOC)}
    assert len(speakers) >= 8, speakers
    lots = [p for p in proposals if p.operation.field is not None]
    assert len(lots) == 1 and lots[0].label == "B4"
    disputed = lots[0]
    was = drafts.revision(DOC, "rev1").find("B4").form
    assert was is not None and was.voluntary and disputed.operation.field is not None
    assert disputed.operation.field.voluntary is False and disputed.rationale
    assert disputed.supporters and disputed.opponents
    assert any("Small States" in e.note for e in disputed.history if e.action == "opposed")
    result = CliRunner().invoke(cli, ["--drafts", str(shipped), "merge", DOC, "--compile"])
    assert result.exit_code == 0
    assert "B4, field: [change field - AUT; IRL, NOR support; SEN oppose] required; " \
        "instructions: Give the lot numbers" in result.output
    drafts.accept(disputed.id)
    merged = drafts.merge(DOC, "rev2", [drafts.proposal(disputed.id)], dry_run=True,
                          meeting="1msp")
    assert merged.revision is not None
    b4 = merged.revision.find("B4").form
    assert b4 is not None and not b4.voluntary and b4.instructions.startswith("Give the lot")
