"""`propose --from FILE` carries every option `propose` takes on the command line,
the table and form ones included (issue 14): each table operation from a file makes the
proposal the options make, and bad input is named by file and line, exit 2, nothing
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_strict, snapshot
from draftkit.store.item_format import parse_proposal

DOC = "reporting-formats"

# Each table or form operation: its options, and the same as a file's lines.
CASES = [
    (["--para", "B3", "--op", "add-row", "--row", "row 2", "--position", "after", "--cells",
      'M99 | 5 |  | "Depot | 3"'],
     'paragraph: B3\noperation: add-row\nrow: row 2\nposition: after\n'
     'cells: M99 | 5 |  | "Depot | 3"\n'),
    (["--para", "B3", "--op", "delete-row", "--row", "row 4"],
     "paragraph: B3\noperation: delete-row\nrow: row 4\n"),
    (["--para", "B3", "--op", "move-row", "--row", "row 4", "--position", "before",
      "--destination", "row 1"],
     "paragraph: B3\noperation: move-row\nrow: row 4\nposition: before\ndestination: row 1\n"),
    (["--para", "B3", "--op", "add-column", "--column", "Storage location", "--position",
      "before", "--text", "Lot numbers", "--cells", "L-1 |  | L-3 | "],
     "paragraph: B3\noperation: add-column\ncolumn: Storage location\nposition: before\n"
     "text: Lot numbers\ncells: L-1 |  | L-3 | \n"),
    (["--para", "B3", "--op", "delete-column", "--column", "2"],
     "paragraph: B3\noperation: delete-column\ncolumn: 2\n"),
    (["--para", "B3", "--op", "move-column", "--column", "Storage location", "--position",
      "before", "--destination", "Type of cluster munition"],
     "paragraph: B3\noperation: move-column\ncolumn: Storage location\nposition: before\n"
     "destination: Type of cluster munition\n"),
    (["--para", "B3", "--op", "rename-column", "--column", "Storage location", "--text",
      "Location of storage"],
     "paragraph: B3\noperation: rename-column\ncolumn: Storage location\n"
     "text: Location of storage\n"),
    (["--para", "B4", "--op", "change-field", "--kind", "choice", "--choice", "Yes",
      "--choice", "No | not yet", "--voluntary", "--instructions", "Tick one."],
     "paragraph: B4\noperation: change-field\nkind: choice\nchoice: Yes\n"
     "choice: No | not yet\nobligation: voluntary\ninstructions: Tick one.\n"),
    (["--para", "B3, row 1, column Storage location", "--op", "replace-paragraph", "--text",
      "Depot 9"],
     "paragraph: B3, row 1, column Storage location\noperation: replace-paragraph\n"
     "text: Depot 9\n"),
]


def _stored(drafts: Path, out: str) -> str:
    """The proposal file `propose` wrote, without its id and times."""
    pid = out.split(":")[0]
    path = drafts / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    parse_proposal(text, str(path))  # well formed
    path.unlink()
    return "\n".join(line for line in text.splitlines() if not line.startswith(
        ("id:", "created:", "@event")))


@pytest.mark.parametrize(("options", "lines"), CASES)
def test_a_table_or_form_proposal_from_a_file_is_the_one_its_options_make(
        bare: Path, tmp_path: Path, options: list[str], lines: str) -> None:
    code, out, err = run_strict(bare, "propose", DOC, *options, "--by", "NOR")
    assert code == 0, err
    by_options = _stored(bare, out)
    source = tmp_path / "p.txt"
    source.write_text(lines + "proposers: NOR\n", encoding="utf-8")
    code, out, err = run_strict(bare, "propose", DOC, "--from", str(source))
    assert code == 0, err
    assert _stored(bare, out) == by_options


MOVE = "paragraph: B3\noperation: move-column\ncolumn: Storage location\nposition: before\n" \
    "destination: Type of cluster munition\nproposers: NOR\n"
ADD_ROW = "paragraph: B3\noperation: add-row\nrow: row 2\nposition: after\n" \
    "cells: M99 | 5 |  | Depot 3\nproposers: NOR\n"
FIELD = "paragraph: B4\noperation: change-field\nkind: choice\nchoice: Yes\nchoice: No\n" \
    "proposers: NOR\n"


@pytest.mark.parametrize(("content", "line", "message"), [
    (MOVE.replace("column: Storage location", "column: Nope"), 3,
     "column: no column 'Nope' in B3"),
    (MOVE.replace("destination: Type of cluster munition", "destination: Nope"), 5,
     "destination: no column 'Nope' in B3"),
    (MOVE.replace("destination: Type of cluster munition", "destination: Storage location"),
     None, "B3, column Storage location cannot move next to itself"),
    (MOVE.replace("move-column", "move-row").replace("column: Storage location",
                                                     "row: row 4")
     .replace("Type of cluster munition", "row 9"), 5, "destination: no row 9 in B3"),
    (ADD_ROW.replace("row 2", "row 9"), 3, "row: no row 9 in B3"),
    (ADD_ROW.replace("M99 | 5 |  | Depot 3", "M99 | 5"), 5,
     "cells: B3 has 4 columns (Type of cluster munition, Number of cluster munitions, "
     "Number of explosive submunitions, Storage location); the new row gives 2 cells"),
    (ADD_ROW.replace("M99 | 5 |  | Depot 3", " |  |  | "), 5,
     "cells: add row needs the new row's cells, not all blank"),
    (ADD_ROW + "kind: text\n", 7, "kind: is for change-field, not add-row"),
    (MOVE.replace("operation: move-column", "operation: delete-column"), 5,
     "destination: delete-column takes no --destination (--column names the column)"),
    ("paragraph: B3, row 1\noperation: replace-paragraph\ntext: X\nproposers: NOR\n", 1,
     "paragraph: a proposal inside a table names one cell"),
    ("paragraph: B3\noperation: delete-row\nrow: row 1\ncolumn: 2\nproposers: NOR\n", 4,
     "column: is for add-column, delete-column, move-column, rename-column, not "
     "delete-row"),
    ("paragraph: B3\noperation: delete-column\ncolumn: 2\ncells: a | b\nproposers: NOR\n", 4,
     "cells: is for add-row, add-column, not delete-column"),
    (FIELD.replace("kind: choice", "kind: colour"), 3, "kind: not one of text, yes-no"),
    (FIELD + "obligation: maybe\n", 7,
     "obligation: not one of required, voluntary: 'maybe'"),
    (FIELD + "obligation: required\nobligation: voluntary\n", 8,
     "obligation: given twice (first on line 7)"),
    (FIELD + "choice:  \n", 7, "choice: no value"),
    (FIELD.replace("operation: change-field", "operation: replace-paragraph")
     + "text: X\n", 3, "kind: is for change-field, not replace-paragraph"),
    (FIELD + "instructions: Tick\rone\n", 7, "a carriage return inside a line"),
])
def test_a_bad_table_or_form_key_is_named_by_file_and_line(
        bare: Path, tmp_path: Path, content: str, line: int | None, message: str) -> None:
    source = tmp_path / "p.txt"
    source.write_bytes(content.encode())
    before = snapshot(bare)
    code, out, err = run_strict(bare, "propose", DOC, "--from", str(source))
    assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
    where = f"{source}:{line}" if line is not None else f"{source}"
    assert err.startswith(f"draftkit: {where}: {message}"), err
    assert snapshot(bare) == before


def test_an_option_overrides_a_table_key_of_the_file(bare: Path, tmp_path: Path) -> None:
    source = tmp_path / "p.txt"
    source.write_text(MOVE.replace("column: Storage location", "column: Nope"),
                      encoding="utf-8")
    code, out, err = run_strict(bare, "propose", DOC, "--from", str(source), "--column",
                                "Storage location")
    assert code == 0, err
    assert "move column on B3 by NOR" in out
