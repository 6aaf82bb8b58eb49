"""Terminal tables never split a word: a table where every column fits its longest
word, else (a narrow terminal, output piped) one record per block."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from conftest import FIXTURE
from draftkit.api import open_drafts
from draftkit.matrix import COLUMNS
from draftkit.render.diff_terminal import table_redline
from draftkit.render.grid import Grid
from draftkit.render.matrix import to_table
from draftkit.render.terminal import records_or_table
from draftkit.table import Column, Row
from draftkit.table import Table as TableModel
from draftkit.tablediff import table_diff

words = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéü")), min_size=1,
                max_size=14)
cells = st.lists(words, min_size=0, max_size=8).map(" ".join)


def rendered(view: object, width: int, terminal: bool) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=terminal, color_system=None,
            highlight=False).print(view)
    return out.getvalue()


def tokens(text: str) -> set[str]:
    return set(text.replace("│", " ").replace("┃", " ").split())


@given(st.lists(st.tuples(words, cells, cells), min_size=1, max_size=6),
       st.integers(30, 160), st.booleans())
def test_no_word_is_ever_split(rows: list[tuple[str, str, str]], width: int,
                               terminal: bool) -> None:
    view = records_or_table("Things", ("id", "first", "second"), rows)
    out = rendered(view, width, terminal)
    seen = tokens(out)
    for row in rows:
        for cell in row:
            assert set(cell.split()) <= seen  # every word whole, on one line
    is_table = "┃" in out
    assert is_table == (terminal and view.needed() <= width)


def test_the_matrix_is_a_table_on_a_wide_terminal_and_records_when_piped() -> None:
    rows = open_drafts(FIXTURE).comments_matrix("political-declaration")
    view = to_table(rows, "Declaration")
    wide = rendered(view, 220, terminal=True)
    assert "┃ ID" in wide and "Observations of the secretariat" in wide
    piped = rendered(view, 220, terminal=False)
    assert "┃" not in piped
    blocks = piped.split("\n\n")[1:]
    assert [b.splitlines()[0] for b in blocks] == [r.id for r in rows]
    assert "  MB/NC: LAO" in piped and COLUMNS[0] == "MB/NC"
    narrow = rendered(view, 60, terminal=True)
    assert "┃" not in narrow and max(len(line) for line in narrow.splitlines()) <= 60


@given(st.lists(words, min_size=1, max_size=5), st.lists(st.lists(cells, min_size=5,
                                                                    max_size=5), max_size=5),
       st.integers(20, 160), st.booleans())
def test_a_documents_table_never_splits_a_word(headings: list[str], rows: list[list[str]],
                                               width: int, terminal: bool) -> None:
    """A table in a revision (a form's rows and columns): a grid where every column's
    longest word fits, else one row per block; a word is never split either way."""
    view = Grid([Text(h) for h in headings], [[Text(c) for c in row[:len(headings)]]
                                              for row in rows],
                notes=[Text("inserted") for _ in rows])
    out = rendered(view, width, terminal)
    seen = {token.rstrip(";") for token in tokens(out)}  # "columns: a; b"
    for cell in [*headings, *(c for row in rows for c in row[:len(headings)])]:
        assert set(cell.split()) <= seen
    assert ("─" in out) == (view.needed() <= width)


def test_a_table_redline_too_narrow_for_a_grid_keeps_its_column_changes() -> None:
    before = TableModel((Column("type", "Type of cluster munition"),
                         Column("qty", "Quantity")), (Row("r1", ("M26", "1 200")),))
    after = TableModel((Column("type", "Type of cluster munition"),
                        Column("qty", "Number of cluster munitions"),
                        Column("where", "Storage location")),
                       (Row("r1", ("M26", "1 100", "")), Row("r2", ("Total", "", ""))))
    wide = rendered(table_redline(table_diff(before, after), plain=True), 120, False)
    assert "⟦+Storage location+⟧" in wide and "(inserted)" in wide and "─" in wide
    narrow = rendered(table_redline(table_diff(before, after), plain=True), 40, False)
    assert "─" not in narrow
    assert "(renamed)" in narrow and "⟦+Storage location+⟧ (inserted)" in " ".join(
        narrow.split())
    assert "row 2 inserted" in narrow and "Type of cluster munition: ⟦+Total+⟧" in " ".join(
        narrow.split())
