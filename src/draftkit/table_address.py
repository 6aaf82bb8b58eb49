"""Addresses inside a table: "Form B, row 3", "B1, column Quantity", "B1, row #r7h2pq".

The part before the first comma names the table: a paragraph's address ("B1",
"#k3m9x2"), or a section ("Form B") that holds exactly one table. Then "row N" (its
position among the body rows, from 1, in this revision) or "row #<id>", and "column
<heading>", "column N" or "column #<id>"; both together name a cell. Positions and
headings are only how people find a row or column in one revision; what an address
resolves to is an identity, which later revisions keep.
"""

from __future__ import annotations

import re

from attrs import frozen

from draftkit.errors import NotFoundError
from draftkit.labels import LabelError
from draftkit.model import Paragraph, Revision
from draftkit.table import Table

_PART = re.compile(r"\s*(row|column)\s+(.+?)\s*", re.IGNORECASE)


@frozen
class TablePlace:
    """A table paragraph, and a row and/or column of it by identity (None: not named)."""

    paragraph: Paragraph
    table: Table
    row: str | None = None
    column: str | None = None


def locate(revision: Revision, address: str) -> TablePlace:
    """The table, row and column an address names in `revision`; NotFoundError if none."""
    head, _, rest = address.partition(",")
    paragraph = _table_paragraph(revision, head.strip())
    assert paragraph.table is not None
    table = paragraph.table
    row = column = None
    for part in rest.split(",") if rest.strip() else ():
        match = _PART.fullmatch(part)
        if match is None:
            raise NotFoundError(f"not a row or column: {part.strip()!r} (say 'row 3', "
                                f"'row #<id>', 'column Quantity' or 'column 2')")
        if match[1].lower() == "row":
            row = _row(table, match[2], head.strip())
        else:
            column = _column(table, match[2], head.strip())
    return TablePlace(paragraph, table, row, column)


def _table_paragraph(revision: Revision, head: str) -> Paragraph:
    try:
        paragraph: Paragraph | None = revision.find(head)
    except (NotFoundError, LabelError):
        paragraph = None
    if paragraph is None:
        section = next((s for s in revision.sections if s.answers_to(head)), None)
        if section is None:
            raise NotFoundError(f"no paragraph or section {head!r} in {revision.title} of "
                                f"{revision.document}")
        tables = [p for p in section.paragraphs if p.table is not None]
        if len(tables) != 1:
            raise NotFoundError(f"{section.title} holds {len(tables)} tables: name one by its "
                                f"label ({', '.join(p.address for p in tables) or 'none'})")
        paragraph = tables[0]
    if paragraph.table is None:
        raise NotFoundError(f"{paragraph.address} of {revision.title} is not a table")
    return paragraph


def _row(table: Table, name: str, where: str) -> str:
    if name.startswith("#"):
        if table.row_index(name[1:]) is None:
            raise NotFoundError(f"no row with id {name[1:]!r} in {where}")
        return name[1:]
    if name.isdigit() and 1 <= int(name) <= len(table.rows):
        return table.rows[int(name) - 1].id
    raise NotFoundError(f"no row {name} in {where}: it has {len(table.rows)} rows")


def _column(table: Table, name: str, where: str) -> str:
    if name.startswith("#"):
        if table.column_index(name[1:]) is None:
            raise NotFoundError(f"no column with id {name[1:]!r} in {where}")
        return name[1:]
    if name.isdigit() and 1 <= int(name) <= len(table.columns):
        return table.columns[int(name) - 1].id
    wanted = name.casefold()
    found = [c for c in table.columns if c.heading.casefold() == wanted]
    if len(found) == 1:
        return found[0].id
    headings = "; ".join(c.heading for c in table.columns)
    raise NotFoundError(f"no column {name!r} in {where} (its columns: {headings})")
