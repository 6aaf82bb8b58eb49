"""Pure checks that turn a proposal's table or form-field change, as a delegation
names it (rows and columns by position or heading), into an `Operation` held by id.
"""

from __future__ import annotations

from collections.abc import Sequence

from draftkit import table_address
from draftkit.errors import NotFoundError
from draftkit.form import FieldEdit
from draftkit.model import Paragraph, Revision, display_name
from draftkit.proposals import Operation, OperationKind, Position, ProposalError
from draftkit.store import grammar


def added_row(base: Revision, table: Paragraph, row: str | None,
               cells: str | Sequence[str] | None, where: Position | None) -> Operation:
    """An add-row operation on `table`: next to `row` ("row 3"), `cells` in column order."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: add-row needs one")
    if not row:
        raise ProposalError("add-row needs the row it goes next to (--row 'row 3')")
    if cells is None:
        raise ProposalError("add-row needs the new row's cells (--cells 'a | b | c')")
    place = table_address.locate(base, f"{table.address}, {row}")
    columns = table.table.columns
    given = grammar.fields_of(cells, len(columns), "--cells") if isinstance(cells, str) \
        else tuple(cells)
    if len(given) != len(columns):
        raise ProposalError(f"{table.address} has {len(columns)} columns "
                            f"({', '.join(c.heading for c in columns)}); the new row gives "
                            f"{len(given)} cells")
    return Operation(OperationKind.ADD_ROW, None, "", where, place.row,
                     tuple((c.id, text.strip()) for c, text in zip(columns, given, strict=True)
                           if text.strip()))


def row_operation(base: Revision, table: Paragraph, kind: OperationKind, row: str | None,
                   destination: str | None, where: Position | None) -> Operation:
    """A delete-row or move-row on `table`: of `row` ("row 4"), a move `where` the row
    `destination` ("row 2"); both addressed in `base`, held by id."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: {kind.value} needs one")
    if not row:
        raise ProposalError(f"{kind.value} needs the row it acts on (--row 'row 4')")
    acted = _row_of(base, table, row)
    next_to = None
    if kind is OperationKind.MOVE_ROW:
        if not destination:
            raise ProposalError("move-row needs the row it goes next to (--destination "
                                "'row 2')")
        next_to = _row_of(base, table, destination)
        if next_to == acted:
            raise ProposalError(f"{table.address}, {row.strip()} cannot move next to itself")
    elif destination or where:
        raise ProposalError("delete-row takes no --destination or --position")
    return Operation(kind, None, "", where, next_to, (), acted)


def _row_of(base: Revision, table: Paragraph, row: str) -> str:
    """The id of the row of `table` that `row` ("row 4", "row #<id>") names in `base`."""
    place = table_address.locate(base, f"{table.address}, {row}")
    if place.row is None or place.column is not None:
        raise NotFoundError(f"{row.strip()}: name one row of {table.address} ('row 4')")
    return place.row


def row_position(table: Paragraph, row_id: str | None) -> int:
    assert table.table is not None
    return (table.table.row_index(row_id or "") or 0) + 1


def column_operation(base: Revision, table: Paragraph, kind: OperationKind,
                     column: str | None, heading: str, cells: str | Sequence[str] | None,
                     where: Position | None, destination: str | None = None) -> Operation:
    """An add-column, delete-column, move-column or rename-column operation on `table`,
    the `column` named ("Quantity", "2", "#id"); an added column headed `heading`, with
    `cells` in row order; a moved one going `where` the column `destination`; a renamed
    one headed `heading`."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: {kind.verb} needs one")
    if not column:
        role = {OperationKind.DELETE_COLUMN: "deletes", OperationKind.MOVE_COLUMN: "moves",
                OperationKind.RENAME_COLUMN: "renames"}.get(kind, "goes next to")
        raise ProposalError(f"{kind.verb} needs the column it {role} (--column 'Quantity')")
    place = table_address.locate(base, f"{table.address}, column {column}")
    if kind is not OperationKind.MOVE_COLUMN and destination:
        raise ProposalError(f"{kind.value} takes no --destination (--column names the "
                            f"column)")
    if kind is OperationKind.RENAME_COLUMN:
        if cells is not None or where is not None:
            raise ProposalError("rename-column takes no --cells or --position")
        if not heading.strip():
            raise ProposalError("rename-column needs the new heading (--text)")
        now = table.table.columns[table.table.column_index(place.column or "") or 0].heading
        if heading.strip() == now:
            raise ProposalError(f"{table.address}, column {now} is already headed so")
        return Operation(kind, None, heading.strip(), None, place.column)
    if kind is OperationKind.MOVE_COLUMN:
        if heading or cells is not None:
            raise ProposalError("move-column takes no --text or --cells")
        if not destination:
            raise ProposalError("move-column needs the column it goes next to "
                                "(--destination 'Quantity')")
        next_to = table_address.locate(base, f"{table.address}, column {destination}")
        if next_to.column == place.column:
            raise ProposalError(f"{table.address}, column {column.strip()} cannot move next "
                                f"to itself")
        return Operation(kind, None, "", where, next_to.column, column=place.column)
    body = table.table.rows
    if kind is OperationKind.DELETE_COLUMN:
        if heading:
            raise ProposalError("delete-column takes no --text")
        if len(table.table.columns) == 1:
            raise ProposalError(f"{table.address} has one column: delete the table instead")
        return Operation(kind, None, "", None, place.column)
    if not heading.strip():
        raise ProposalError("add-column needs the new column's heading (--text)")
    given: tuple[str, ...] = ("",) * len(body)
    if cells is not None:
        given = grammar.fields_of(cells, len(body), "--cells") if isinstance(cells, str) \
            else tuple(cells)
        if len(given) != len(body):
            raise ProposalError(f"{table.address} has {len(body)} rows; the new column "
                                f"gives {len(given)} cells")
    return Operation(kind, None, heading.strip(), where, place.column,
                     tuple((r.id, text.strip()) for r, text in zip(body, given, strict=True)
                           if text.strip()))


def changed_field(base: Revision, field: Paragraph, edit: FieldEdit) -> Operation:
    """A change-field operation on `field`, checked against the field as it stands."""
    if field.form is None:
        raise ProposalError(f"{field.address} is not a form field in "
                            f"{display_name(base.name)}: change-field needs one")
    if not edit.parts():
        raise ProposalError("change-field needs what it changes: --kind, --choice, "
                            "--instructions, --required or --voluntary")
    try:
        changed = edit.apply(field.form)
    except ValueError as error:
        raise ProposalError(f"{field.address}: {error}") from None
    if changed == field.form:
        raise ProposalError(f"{field.address} is like that already: the change changes "
                            f"nothing")
    return Operation(OperationKind.CHANGE_FIELD, field=edit)
