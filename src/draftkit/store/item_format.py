"""Proposal and comment files: an immutable header, then events only ever appended.

In the store's one grammar (store/grammar.py). Events are only appended, which
is what lets git's union merge (set in drafts/.gitattributes) combine two
people's additions to one item:

    @event <time> | <actor> | <action> [| <argument or -> | <note>]
    @reply <time> | <party> | <text>
    @disposition <time> | <by> | <disposition> [| <observation>]

A proposal to add a row (operation add-row, destination: the row it goes next to)
holds the new row's cells that are not blank before its events, as a revision does:

    @cell <column id> | <text>

A proposal to add a column (add-column, destination: the column it goes next to, text:
its heading) holds its cells that are not blank the same way, by row: `@cell <row id>
| <text>`; one to delete a column (delete-column) names it in `destination`.

A proposal to delete or move a row (delete-row, move-row) names the row it acts on
by id in the header's `row` key, the key a proposal on a cell uses (with no
`column`); a move names the row it goes next to in `destination`. A proposal to move a
column (move-column) names it by id in the `column` key (with no `row`) and the column
it goes next to in `destination`.

A proposal to change a form field (operation change-field) holds the parts it proposes
in its header (`kind`, `obligation`: required or voluntary, `instructions`) and the
choices it proposes, if any, before its events, in order:

    @choice <text>
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TypeVar

from draftkit.anchors import Anchor
from draftkit.comments import Comment, CommentType, Decision, Disposition, Reply
from draftkit.errors import DraftkitError, FormatError
from draftkit.form import OBLIGATIONS, FieldEdit, FieldKind
from draftkit.proposals import Event, Operation, OperationKind, Position, Proposal
from draftkit.store import grammar
from draftkit.store.grammar import Shape, StoreFile
from draftkit.table import CellRef

VERSION = 2
PROPOSAL_KEYS = ("id", "document", "revision", "paragraph", "row", "column", "label",
                 "operation", "position", "destination", "before", "quote", "after", "text",
                 "kind", "obligation", "instructions", "proposers",
                 "on-behalf-of", "rationale", "created")
COMMENT_KEYS = ("id", "document", "revision", "paragraph", "row", "column", "label", "before",
                "quote", "after",
                "party", "type", "text", "proposed-change", "created")
PROPOSAL_SHAPES = {"event": Shape(5, least=3), "cell": Shape(2), "choice": Shape(1)}
COMMENT_SHAPES = {"reply": Shape(3), "disposition": Shape(4, least=3)}
T = TypeVar("T")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# Stored words to their values, looked up without calling the enum (a tenth of the time).
_OPERATIONS = {kind.value: kind for kind in OperationKind}
_POSITIONS = {position.value: position for position in Position}
_ON_A_ROW = (OperationKind.DELETE_ROW, OperationKind.MOVE_ROW)


def format_time(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=4096)
def parse_time(text: str) -> dt.datetime:
    """A stored time (remembered: a proposal's created: and its "proposed" event, and
    events recorded together, carry the same time)."""
    if not _TIME.fullmatch(text):
        raise ValueError("expected a time like 2010-09-06T10:00:00Z")
    return dt.datetime.fromisoformat(text)  # fifteen times faster than strptime


def _header(kind: str, fields: dict[str, str | None], keys: tuple[str, ...]) -> list[str]:
    lines = [grammar.magic_line(kind, VERSION)]
    lines += [grammar.header_line(key, text) for key in keys if (text := fields.get(key))]
    return [*lines, ""]


def _anchor_fields(anchor: Anchor | None) -> dict[str, str | None]:
    if anchor is None:
        return {}
    return {"before": anchor.before, "quote": anchor.quote, "after": anchor.after}


def _cell_fields(cell: CellRef | None) -> dict[str, str | None]:
    return {} if cell is None else {"row": cell.row, "column": cell.column}


def _field_fields(edit: FieldEdit | None) -> dict[str, str | None]:
    if edit is None:
        return {}
    return {"kind": edit.kind.value if edit.kind else None,
            "obligation": None if edit.voluntary is None else OBLIGATIONS[edit.voluntary],
            "instructions": edit.instructions}


def format_event(event: Event) -> str:
    fields = [format_time(event.when), event.actor, event.action]
    if event.argument or event.note:
        fields.append(event.argument or "-")
    if event.note:
        fields.append(event.note)
    return grammar.record_line("event", *fields)


def format_proposal(proposal: Proposal) -> str:
    operation = proposal.operation
    fields: dict[str, str | None] = {
        "id": proposal.id, "document": proposal.document, "revision": proposal.revision,
        "paragraph": proposal.paragraph, **_cell_fields(proposal.cell),
        **({"row": operation.row} if operation.row else {}),
        **({"column": operation.column} if operation.column else {}), "label": proposal.label,
        "operation": operation.kind.value,
        "position": operation.position.value if operation.position else None,
        "destination": operation.destination, **_anchor_fields(operation.anchor),
        "text": operation.text, **_field_fields(operation.field),
        "proposers": " ".join(proposal.proposers),
        "on-behalf-of": proposal.on_behalf_of, "rationale": proposal.rationale,
        "created": format_time(proposal.created),
    }
    lines = _header("proposal", fields, PROPOSAL_KEYS)
    lines += [grammar.record_line("cell", column, text) for column, text in operation.cells]
    if operation.field is not None and operation.field.choices:
        lines += [grammar.record_line("choice", choice) for choice in operation.field.choices]
    lines += [format_event(event) for event in proposal.history]
    return grammar.join(lines)


def format_reply(reply: Reply) -> str:
    return grammar.record_line("reply", format_time(reply.when), reply.party, reply.text)


def format_decision(decision: Decision) -> str:
    fields = [format_time(decision.when), decision.by, decision.disposition.value]
    return grammar.record_line("disposition", *fields,
                               *([decision.observation] if decision.observation else []))


def format_comment(comment: Comment) -> str:
    fields: dict[str, str | None] = {
        "id": comment.id, "document": comment.document, "revision": comment.revision,
        "paragraph": comment.paragraph, **_cell_fields(comment.cell), "label": comment.label,
        **_anchor_fields(comment.anchor), "party": comment.party, "type": comment.type.value,
        "text": comment.text, "proposed-change": comment.proposed_change,
        "created": format_time(comment.created),
    }
    lines = _header("comment", fields, COMMENT_KEYS)
    lines += [format_reply(reply) for reply in comment.replies]
    lines += [format_decision(decision) for decision in comment.decisions]
    return grammar.join(lines)


class _Fields:
    """An item file's header, turning every problem into a FormatError at its line."""

    def __init__(self, read: StoreFile) -> None:
        self.read = read
        self.get = read.require

    def optional(self, key: str) -> str | None:
        return self.read.header.get(key) or None

    def convert(self, key: str, convert: Callable[[str], T]) -> T:
        try:
            return convert(self.get(key))
        except (ValueError, DraftkitError) as error:
            raise self.read.error(self.read.line_of(key), f"{key}: {error}") from None

    def anchor(self) -> Anchor | None:
        header = self.read.header
        if "quote" not in header:
            return None
        return Anchor(header["quote"], header.get("before", ""), header.get("after", ""))

    def field_edit(self, kind: OperationKind, choices: tuple[str, ...]) -> FieldEdit | None:
        """What a change-field proposes, from "kind", "obligation", "instructions" and the
        @choice records; None for another operation (which must give none of them)."""
        header = self.read.header
        if not choices and kind is not OperationKind.CHANGE_FIELD and "kind" not in header \
                and "obligation" not in header and "instructions" not in header:
            return None  # most proposals: nothing about a field, and none wanted
        given = [key for key in ("kind", "obligation", "instructions") if header.get(key)]
        if kind is not OperationKind.CHANGE_FIELD:
            if given or choices:
                key = given[0] if given else "operation"
                raise self.read.error(self.read.line_of(key),
                                      f"{key}: only a change-field proposal changes a field")
            return None
        field_kind = self.convert("kind", FieldKind) if "kind" in given else None
        obligation = self.optional("obligation")
        voluntary = {word: v for v, word in OBLIGATIONS.items()}.get(obligation or "")
        if obligation is not None and voluntary is None:
            raise self.read.error(self.read.line_of("obligation"),
                                  "obligation: expected required or voluntary")
        try:
            return FieldEdit(field_kind, choices or None, self.optional("instructions"),
                             voluntary)
        except ValueError as error:
            raise self.read.error(self.read.line_of("instructions"), str(error)) from None

    def cell(self) -> CellRef | None:
        """The cell named by "row" and "column" (both or neither), or None."""
        row, column = self.optional("row"), self.optional("column")
        if row is None and column is None:
            return None
        if row is None or column is None:
            missing = "row" if row is None else "column"
            raise self.read.error(self.read.line_of("column" if row is None else "row"),
                                  f"a cell needs its {missing} too")
        try:
            return CellRef(row, column)
        except ValueError as error:
            raise self.read.error(self.read.line_of("row"), str(error)) from None


def _time(read: StoreFile, text: str, line: int) -> dt.datetime:
    try:
        return parse_time(text)
    except ValueError as error:
        raise read.error(line, str(error)) from None


def parse_proposal(text: str, path: str) -> Proposal:
    read = grammar.read(text, path, "proposal", versions=(VERSION,), keys=PROPOSAL_KEYS,
                        shapes=PROPOSAL_SHAPES)
    fields = _Fields(read)
    history: list[Event] = []
    cells: list[tuple[str, str]] = []
    choices: list[str] = []
    for record in read.records:
        found = record.fields
        tag = record.tag
        if tag == "event":
            try:
                when = parse_time(found[0])
            except ValueError as error:
                raise read.error(record.line, str(error)) from None
            if len(found) == 3:  # most events: no argument, no note
                history.append(Event(when, found[1], found[2]))
                continue
            argument = found[3] if found[3] != "-" else ""
            history.append(Event(when, found[1], found[2], argument,
                                 found[4] if len(found) == 5 else ""))
            continue
        if tag == "cell":
            if history:
                raise read.error(record.line, "@cell after the events: an added row's cells "
                                              "come first")
            cells.append((found[0], found[1]))
            continue
        if tag == "choice":
            if history:
                raise read.error(record.line, "@choice after the events: a changed field's "
                                              "choices come first")
            choices.append(found[0])
    header = read.header
    kind = _OPERATIONS.get(header.get("operation", "")) or \
        fields.convert("operation", OperationKind)
    position = header.get("position")
    row = None
    if kind in _ON_A_ROW:
        if "column" in header:
            raise read.error(read.line_of("column"), f"{kind.verb} names a row, not a column")
        row = fields.get("row")
    column = None
    if kind is OperationKind.MOVE_COLUMN:
        if "row" in header:
            raise read.error(read.line_of("row"), f"{kind.verb} names a column, not a row")
        column = fields.get("column")
    edit = fields.field_edit(kind, tuple(choices))
    try:
        operation = Operation(kind, fields.anchor(), header.get("text", ""),
                              (_POSITIONS.get(position) or Position(position))
                              if position else None,
                              header.get("destination") or None, tuple(cells), row, edit,
                              column)
        return Proposal(
            id=fields.get("id"), document=fields.get("document"),
            revision=fields.get("revision"), paragraph=fields.get("paragraph"),
            operation=operation, proposers=tuple(fields.get("proposers").split()),
            created=fields.convert("created", parse_time),
            on_behalf_of=header.get("on-behalf-of") or None,
            rationale=header.get("rationale", ""), label=header.get("label", ""),
            cell=None if row or column or ("row" not in header and "column" not in header)
            else fields.cell(), history=tuple(history))
    except (ValueError, DraftkitError) as error:
        raise FormatError(path, 1, str(error).split(": ", 1)[-1]) from None


def parse_comment(text: str, path: str) -> Comment:
    read = grammar.read(text, path, "comment", versions=(VERSION,), keys=COMMENT_KEYS,
                        shapes=COMMENT_SHAPES)
    fields = _Fields(read)
    replies, decisions = [], []
    for record in read.records:
        when = _time(read, record.fields[0], record.line)
        if record.tag == "reply":
            replies.append(Reply(when, record.fields[1], record.fields[2]))
            continue
        try:
            disposition = Disposition(record.fields[2])
        except ValueError:
            raise read.error(record.line, f"unknown disposition {record.fields[2]!r}") from None
        note = record.fields[3] if len(record.fields) == 4 else ""
        decisions.append(Decision(when, record.fields[1], disposition, note))
    try:
        return Comment(
            id=fields.get("id"), document=fields.get("document"),
            revision=fields.get("revision"), party=fields.get("party"),
            type=fields.convert("type", CommentType), text=fields.get("text"),
            created=fields.convert("created", parse_time), paragraph=fields.optional("paragraph"),
            anchor=fields.anchor(), proposed_change=fields.optional("proposed-change"),
            label=read.header.get("label", ""), cell=fields.cell(), replies=tuple(replies),
            decisions=tuple(decisions))
    except (ValueError, DraftkitError) as error:
        raise FormatError(path, 1, str(error).split(": ", 1)[-1]) from None
