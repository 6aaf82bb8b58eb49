"""The comments matrix in the ISO/IEC template's columns: CSV (and --excel), markdown,
.xlsx read back by openpyxl and by LibreOffice Calc (a real spreadsheet as oracle)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import FIXTURE, snapshot
from conftest import run_strict as run
from draftkit.api import open_drafts
from draftkit.matrix import COLUMNS
from draftkit.render.safe import visible_line

PLAN = "vientiane-action-plan"
HOSTILE = '=HYPERLINK("http://evil.example","click") and \x1b[31m red'


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_has_the_template_columns_in_the_order_of_the_text() -> None:
    code, out, _ = run(FIXTURE, "comments", PLAN, "--format", "csv")
    assert code == 0
    header, *rows = rows_of(out)
    assert header == ["MB/NC", "Paragraph", "Clause", "Type", "Quoted words", "Comment",
                      "Proposed change", "Observations of the secretariat", "Replies",
                      "Words", "ID"]
    drafts = open_drafts(FIXTURE)
    latest = drafts.revision(PLAN)
    order = {p.id: n for n, p in enumerate(latest.paragraphs())}
    comments = {c.id: c for c in drafts.comments(PLAN)}
    assert len(rows) == len(comments)
    positions = [(-1 if comments[r[-1]].paragraph is None
                  else order.get(comments[r[-1]].paragraph or "", len(order))) for r in rows]
    assert positions == sorted(positions)  # general comments first, then the text's order
    assert {r[3] for r in rows} <= {"ge", "te", "ed"}
    by_id = {r[-1]: dict(zip(header, r, strict=True)) for r in rows}
    cmc = by_id["C-CMC-8m24"]
    assert cmc["MB/NC"] == "CMC (observer)" and cmc["Quoted words"] == "[and lot numbers]"
    assert cmc["Clause"] == "IV. Stockpile destruction and retention"
    assert cmc["Observations of the secretariat"].startswith("Not accepted: The proposal")
    assert cmc["Replies"] == "DEU: Germany will report lot numbers voluntarily."
    with_change = [r for r in by_id.values() if r["Proposed change"]]
    assert with_change
    for row in with_change:  # the wording, naming the proposal, never a bare id
        proposal_id = comments[row["ID"]].proposed_change
        assert row["Proposed change"] != proposal_id
        assert row["Proposed change"].endswith(f"({proposal_id})")
        assert " with " in row["Proposed change"] or '"' in row["Proposed change"]


def test_excel_csv_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    target = tmp_path / "matrix.csv"
    assert run(FIXTURE, "comments", PLAN, "--format", "csv", "--excel", "-o", str(target))[0] \
        == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfMB/NC,")
    assert "México" in data.decode("utf-8-sig")
    assert data.decode("utf-8-sig") == run(FIXTURE, "comments", PLAN, "--format", "csv")[1]


def test_bad_combinations_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args in (("--format", "markdown", "--excel"), ("--format", "xlsx")):
        before = snapshot(tmp_path)
        code, out, err = run(FIXTURE, "comments", PLAN, *args)
        assert code == 2 and out == "" and len(err.splitlines()) == 1
        assert snapshot(tmp_path) == before


def test_markdown_leaves_parentheses_alone_and_escapes_brackets() -> None:
    code, out, _ = run(FIXTURE, "comments", PLAN, "--format", "markdown")
    assert code == 0 and out.startswith("| MB/NC | Paragraph | Clause |")
    assert "CMC (observer)" in out and "\\(" not in out
    assert "\\[and lot numbers\\]" in out


@pytest.fixture
def hostile(copy: Path) -> Path:
    drafts = open_drafts(copy)
    drafts.comment(PLAN, party="NOR", type="editorial", text=HOSTILE, paragraph="Action 15")
    drafts.comment(PLAN, party="MEX", type="general", text="+1 from México; -2 on @others")
    return copy


def xlsx_of(root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "matrix.xlsx"
    code, _, err = run(root, "comments", PLAN, "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    return target


def test_the_xlsx_opens_in_openpyxl_with_the_template(hostile: Path, tmp_path: Path) -> None:
    book = load_workbook(xlsx_of(hostile, tmp_path))
    sheet = book.active
    assert sheet is not None and sheet.title == "Comments"
    values = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == COLUMNS
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJK")
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["D"].width
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.alignment.wrap_text for c in cells)
    assert all(c.data_type == "s" for c in cells if c.value is not None)  # never a formula
    assert all(c.font.bold for c in next(sheet.iter_rows()))
    texts = [v for row in values for v in row]
    assert visible_line(HOSTILE) in texts  # the text itself, ESC shown visibly
    assert "+1 from México; -2 on @others" in texts
    expected = [list(r.cells()) for r in open_drafts(hostile).comments_matrix(PLAN)]
    assert [[visible_line(v) for v in row] for row in expected] == values[1:]


needs_calc = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed")


@needs_calc
def test_libreoffice_calc_reads_the_xlsx_as_the_template(hostile: Path, tmp_path: Path) -> None:
    source = xlsx_of(hostile, tmp_path)
    out = tmp_path / "calc"
    out.mkdir()
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(source)], capture_output=True, timeout=180, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    converted = out / "matrix.csv"
    assert converted.is_file(), done.stderr.decode(errors="replace")
    header, *rows = rows_of(converted.read_text(encoding="utf-8"))
    assert tuple(header) == COLUMNS
    expected = [[visible_line(v) for v in r.cells()]
                for r in open_drafts(hostile).comments_matrix(PLAN)]
    assert rows == expected  # Calc computed nothing: "=HYPERLINK(…" is still the text
    assert any(row[5] == visible_line(HOSTILE) for row in rows)
