"""Conflicts: proposals that cannot all be made, described for the people who settle them.

A conflict names its paragraph (or the table, row, column or field), what is contested
in words, and each side: its proposals, their parties and the wording it wants. The
merge finds them; these functions say them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import evolve, frozen

from draftkit import cells, columns, field_changes, rows
from draftkit.amendments import Amendment, Scope, unique, word_region, wording
from draftkit.edits import Words, write
from draftkit.model import Paragraph, Revision
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.side import Side
from draftkit.table import CellRef


@frozen
class Conflict:
    """Proposals that cannot all be made: on which paragraph, which words, and each side.

    `scope` is "words" (some words; `words` empty for competing insertions at
    one place, then `place` says where), "paragraph" (the whole paragraph),
    "placement" (where it goes) or "row" (a row of a table, `draftkit.rows`: a deletion
    against what else is proposed on the row, or moves of it to different places;
    `words` its cells, " | " between them).
    """

    paragraph: str
    label: str
    scope: str
    words: str
    place: str
    sides: tuple[Side, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i for side in self.sides for i in side.proposals)


def describe_conflict(paragraph: Paragraph, words: Words, group: Sequence[Amendment],
                      address_of: Callable[[str], str]) -> Conflict:
    """A conflict value for a group of amendments that cannot all be made."""
    scopes = {a.scope for a in group}
    if Scope.PLACEMENT in scopes:
        sides = [_side(a, _placement(a, address_of) if a.scope is Scope.PLACEMENT else None)
                 for a in group]
        return Conflict(paragraph.id, paragraph.address, "placement", "",
                        f"where {paragraph.address} goes", tuple(sides))
    if scopes == {Scope.WORDS}:
        start, end = word_region(group)
        contested = words.span(start, end)
        sides = [_side(a, wording(a, words, start, end)) for a in group]
        place = f'"{contested}"' if contested else _gap(words, start)
        return Conflict(paragraph.id, paragraph.address, "words", contested, place,
                        tuple(sides))
    sides = [_side(a, _whole(a, paragraph, words)) for a in group]
    return Conflict(paragraph.id, paragraph.address, "paragraph", paragraph.text,
                    f"the whole of {paragraph.address}", tuple(sides))


def _side(amendment: Amendment, wanted: str | None) -> Side:
    return Side(amendment.ids, amendment.parties, amendment.kind.value, wanted)


def _placement(amendment: Amendment, address_of: Callable[[str], str]) -> str:
    operation = amendment.operation
    where = operation.position.value if operation.position else "after"
    return f"{where} {address_of(operation.destination or '')}"


def _whole(amendment: Amendment, paragraph: Paragraph, words: Words) -> str | None:
    kind = amendment.kind
    if kind is OperationKind.DELETE_PARAGRAPH:
        return None
    if kind is OperationKind.REPLACE_PARAGRAPH:
        return amendment.operation.text
    if amendment.edit is None or amendment.retains:
        return paragraph.text
    return write(words, [amendment.edit]).text


def _gap(words: Words, gap: int) -> str:
    before = words.span(gap - 1, gap) if gap > 0 else ""
    after = words.span(gap, gap + 1) if gap < len(words) else ""
    if before and after:
        return f'between "{before}" and "{after}"'
    return f'after "{before}"' if before else f'before "{after}"'


def cell_named(conflict: Conflict, named: dict[str, tuple[Paragraph, CellRef]]) -> Conflict:
    """A conflict in a cell (found in the cell view) as naming its table and cell."""
    if conflict.paragraph not in named:
        return conflict
    paragraph, cell = named[conflict.paragraph]
    label = cells.name(paragraph, cell)
    return evolve(conflict, paragraph=paragraph.id, label=label,
                  place=conflict.place.replace(f"#{conflict.paragraph}", label))


def row_conflict(target: Revision, contest: rows.Contest) -> Conflict:
    """A contest over a row as a conflict: scope "row", the row's cells as its words."""
    paragraph = target.by_id(contest.table)
    assert paragraph is not None and paragraph.table is not None
    row = paragraph.table.rows[paragraph.table.row_index(contest.row) or 0]
    return Conflict(paragraph.id, f"{paragraph.address}, {rows.row_name(paragraph, row.id)}",
                    "row", " | ".join(row.cells), "the whole row",
                    contest.sides)


def field_conflict(paragraph: Paragraph, clash: field_changes.Clash,
                   bracket: bool = False) -> Conflict:
    """A conflict value for changes of one form field that cannot all be made; under
    `bracket`, saying why it was not bracketed."""
    parts = [{"voluntary": "obligation"}.get(part, part) for part in clash.parts]
    place = f"the field's {' and '.join(parts)}"
    if bracket:
        place += " (only competing instructions can be bracketed; choose with --prefer)"
    sides = tuple(Side((p.id,), p.parties, p.operation.kind.value,
                       field_changes.shown(p, clash.parts)) for p in clash.proposals)
    return Conflict(paragraph.id, paragraph.address, "field", ", ".join(parts), place, sides)


def column_conflict(table: Paragraph, clash: columns.Clash, bracket: bool = False) -> Conflict:
    """A conflict value for deleting a column against proposals on its cells' words."""
    name = columns.name(table, clash.column)
    place = "deleting the column against changes of its cells"
    if bracket:
        place += " (a column cannot be bracketed; choose with --prefer)"
    gone = Side(tuple(p.id for p in clash.deletions),
                unique(party for p in clash.deletions for party in p.parties),
                OperationKind.DELETE_COLUMN.value, None)
    kept = tuple(Side((p.id,), p.parties, p.operation.kind.value,
                      p.operation.text or (p.operation.anchor.quote if p.operation.anchor
                                           else "")) for p in clash.on_cells)
    return Conflict(table.id, name, "column", "", place, (gone, *kept))


def column_place_conflict(table: Paragraph, contest: columns.Contest,
                          bracket: bool = False) -> Conflict:
    """A conflict value for a column's place or heading: its deletion against moves of it
    or next to it or renamings of it, moves of it to different places, or different new
    headings for it."""
    def wants(side: tuple[Proposal, ...]) -> str | None:
        op = side[0].operation
        if columns.deletes(side[0]):
            return None
        if columns.renames(side[0]):
            return f'head it "{op.text}"'
        where = (op.position or Position.AFTER).value
        moved = "it" if op.column == contest.column else \
            columns.heading(table, op.column or "") or "a column"
        next_to = "it" if op.destination == contest.column else \
            columns.heading(table, op.destination or "") or "a column"
        return f"move {moved} {where} {next_to}"

    renaming = [columns.renames(side[0]) for side in contest.sides]
    if contest.deletes:
        place = "deleting the column against " + (
            "moves" if not any(renaming) else "renaming it" if all(renaming[1:])
            else "moves and renaming it")
    else:
        place = "renaming the column differently" if all(renaming) else \
            "moving the column to different places"
    if bracket:
        place += " (a column's place cannot be bracketed; choose with --prefer)" \
            if not all(renaming[contest.deletes:]) else \
            " (competing headings are not bracketed; choose with --prefer)"
    return Conflict(table.id, columns.name(table, contest.column), "column", "", place,
                    tuple(Side(tuple(p.id for p in side),
                               unique(party for p in side for party in p.parties),
                               side[0].operation.kind.value, wants(side))
                          for side in contest.sides))
