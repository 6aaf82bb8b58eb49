"""Terminal tables never split a word: a table where every column fits its longest
word, else (a narrow terminal, output piped) one record per block."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from conftest import FIXTURE
from draftkit.api import open_drafts
from draftkit.matrix import COLUMNS
from draftkit.render.matrix import to_table
from draftkit.render.terminal import records_or_table

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
