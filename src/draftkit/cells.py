"""A table's cells as paragraphs of their own, for proposals and comments on a cell's words.

A proposal or comment on a cell names its table paragraph and the cell by the
identities of its row and column (`CellRef`), never by positions. To carry such a
proposal through later revisions and merge it, the word machinery that works on
paragraphs (anchors, rebase, amendments, conflicts) works on a *cell view* of a
revision: one `CellText` per cell, under a key made from the three identities,
holding the cell's own text. A paragraph cannot be blank, but a cell can: its
`CellText` is the empty text, with no words. The only proposal on a blank cell is its
whole new text (replace-paragraph, "filling" the cell), two fillings that differ
conflict as two replacements of a paragraph do, and a cell filled since the proposal
was made makes it stale, as any change to a replaced text does. A cell whose words
are "(blank)" is those words, never a blank cell. The view is derived on demand and
never stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import evolve, field, frozen

from draftkit.lines import one_line
from draftkit.model import Paragraph, Revision
from draftkit.provenance import Provenance
from draftkit.rebase import History
from draftkit.table import CellRef


@frozen
class CellText(Paragraph):
    """A cell in the cell view: a paragraph whose text may be blank (a blank cell's is)."""

    text: str = field(kw_only=True, validator=one_line)


def key(paragraph_id: str, cell: CellRef) -> str:
    """The cell's paragraph id in the view: each part prefixed by its length, so no two
    cells share one, whatever their ids hold."""
    return f"{len(paragraph_id)}-{paragraph_id}-{len(cell.row)}-{cell.row}-{cell.column}"


def text_of(paragraph: Paragraph | None, cell: CellRef | None) -> str | None:
    """The text a proposal or comment on `cell` of `paragraph` works on: the cell's, or the
    paragraph's own when `cell` is None; None when either is gone."""
    if paragraph is None or cell is None:
        return paragraph.text if paragraph is not None else None
    if paragraph.table is None:
        return None
    return paragraph.table.cell(cell.row, cell.column)


def name(paragraph: Paragraph, cell: CellRef) -> str:
    """How people cite the cell in this revision: "B3, row 2, column Quantity"."""
    table = paragraph.table
    row = table.row_index(cell.row) if table is not None else None
    column = table.column_index(cell.column) if table is not None else None
    if table is None or row is None or column is None:
        return f"{paragraph.address}, row #{cell.row}, column #{cell.column}"
    return f"{paragraph.address}, row {row + 1}, column {table.columns[column].heading}"


def view(revision: Revision) -> Revision:
    """The revision with each section holding its tables' cells as `CellText`s (under
    `key`, with the status of their table), and nothing else."""
    sections = tuple(evolve(section, paragraphs=tuple(
        CellText(key(p.id, CellRef(row.id, column.id)), None, p.status, text=text)
        for p in section.paragraphs if p.table is not None
        for row in p.table.rows
        for column, text in zip(p.table.columns, row.cells, strict=True)))
        for section in revision.sections)
    return evolve(revision, sections=sections)


def history_view(history: History) -> History:
    """Every recorded revision as its cell view, with the changes its merge made to cells
    (`Provenance.cells`) as the provenance of the view's paragraphs."""
    return History({n: view(r) for n, r in history.revisions.items()},
                   {n: provenance_view(p) for n, p in history.provenance.items()})


def provenance_view(provenance: Provenance) -> Provenance:
    """A merge's changes to cells as changes to the paragraphs of the cell view."""
    return Provenance(provenance.revision, provenance.parent, {
        key(table, CellRef(row, column)): changes
        for (table, row, column), changes in provenance.cells.items()})


def cells_of(revision: Revision) -> dict[str, tuple[Paragraph, CellRef]]:
    """Each cell's view key: its table paragraph and the cell."""
    return {key(p.id, CellRef(row.id, column.id)): (p, CellRef(row.id, column.id))
            for p in revision.paragraphs() if p.table is not None
            for row in p.table.rows for column in p.table.columns}


def with_texts(revision: Revision, texts: Mapping[str, str]) -> Revision:
    """The revision with the cells named by view key given new texts."""
    found = cells_of(revision)
    changed: dict[str, Paragraph] = {}
    for cell_key, text in texts.items():
        paragraph, cell = found[cell_key]
        current = changed.get(paragraph.id, paragraph)
        assert current.table is not None
        changed[paragraph.id] = evolve(current, table=current.table.with_cell(cell, text))
    return revision.with_paragraphs(changed)
