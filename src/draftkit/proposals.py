"""Proposals (amendments): who proposes what wording, and where each one stands.

A proposal is written against one revision and one paragraph (by identity).
Its operation turns that paragraph's text into the proposed text; merging
later carries it onto newer revisions by a three-way merge. Its state
(status, supporters, opponents) is replayed from an append-only history, so
two people recording support in parallel never lose each other's line.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from operator import attrgetter

from attrs import evolve, field, frozen

from draftkit.anchors import Anchor, Located, anchor_at, find, locate
from draftkit.brackets import lifted
from draftkit.errors import DraftkitError
from draftkit.form import FieldEdit
from draftkit.model import ID_PATTERN, Deadline
from draftkit.table import CELL_ID_PATTERN, CellRef
from draftkit.text import boundary, insertion, replacement


class ProposalError(DraftkitError):
    """A proposal that cannot be made or a status change the lifecycle forbids."""


class OperationKind(enum.Enum):
    INSERT = "insert"  # words next to the quoted words
    DELETE = "delete"  # the quoted words
    REPLACE = "replace"  # the quoted words with others
    ADD = "add"  # a new paragraph before/after the target
    DELETE_PARAGRAPH = "delete-paragraph"
    MOVE = "move"  # the target, before/after another paragraph
    REPLACE_PARAGRAPH = "replace-paragraph"
    RETAIN = "retain"  # support the existing words against others' changes
    ADD_ROW = "add-row"  # a new row of a table, before/after one of its rows
    DELETE_ROW = "delete-row"  # one row of a table
    MOVE_ROW = "move-row"  # one row of a table, before/after another of its rows
    CHANGE_FIELD = "change-field"  # a form field's kind, choices, instructions, obligation
    ADD_COLUMN = "add-column"  # a new column of a table, before/after one of its columns
    DELETE_COLUMN = "delete-column"  # a column of a table, with its cells
    MOVE_COLUMN = "move-column"  # a column of a table, before/after another of its columns
    RENAME_COLUMN = "rename-column"  # a new heading for a column of a table

    @property
    def on_words(self) -> bool:
        return self in _ON_WORDS

    @property
    def verb(self) -> str:
        return {"insert": "insert", "delete": "delete", "replace": "replace", "add": "add",
                "delete-paragraph": "delete paragraph", "move": "move",
                "replace-paragraph": "replace paragraph", "retain": "retain",
                "add-row": "add row", "delete-row": "delete row",
                "move-row": "move row", "change-field": "change field",
                "add-column": "add column", "delete-column": "delete column",
                "move-column": "move column", "rename-column": "rename column"}[self.value]

    @property
    def on_rows(self) -> bool:
        """Whether it adds, deletes or moves a row of a table rather than changing words."""
        return self in _ON_ROWS


# The kinds each rule below concerns, named once: looking a member up on its enum class
# is slow, and a merge checks every one of ten thousand proposals' operations.
_ON_WORDS = (OperationKind.INSERT, OperationKind.DELETE, OperationKind.REPLACE)
_ON_ROWS = (OperationKind.ADD_ROW, OperationKind.DELETE_ROW, OperationKind.MOVE_ROW)
_NEEDS_WORDING = (OperationKind.INSERT, OperationKind.REPLACE, OperationKind.ADD,
                  OperationKind.REPLACE_PARAGRAPH)
_NEEDS_POSITION = (OperationKind.INSERT, OperationKind.ADD, OperationKind.MOVE,
                   OperationKind.ADD_ROW, OperationKind.MOVE_ROW, OperationKind.ADD_COLUMN,
                   OperationKind.MOVE_COLUMN)
_ON_TABLES_AND_FORMS = (OperationKind.ADD_ROW, OperationKind.DELETE_ROW,
                        OperationKind.MOVE_ROW, OperationKind.CHANGE_FIELD,
                        OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN,
                        OperationKind.MOVE_COLUMN, OperationKind.RENAME_COLUMN)


# What can be proposed on one cell of a table: its words, or its whole text.
CELL_OPERATIONS = (OperationKind.INSERT, OperationKind.DELETE, OperationKind.REPLACE,
                   OperationKind.REPLACE_PARAGRAPH, OperationKind.RETAIN)


class Position(enum.Enum):
    BEFORE = "before"
    AFTER = "after"


@frozen
class Operation:
    """What a proposal does to its target paragraph.

    `anchor` locates the words for insert/delete/replace (and optionally for a
    retain); `text` is the new wording; `position` says where an insertion,
    a new paragraph or a moved one goes; `destination` is the paragraph a move
    goes next to, or the row (by id) an added or moved row goes next to, or the column
    (by id) an added or moved column goes next to, or a deleted or renamed column (its
    new heading is `text`); `cells` are an added row's
    cells that are not blank, (column id, text) in the table's column order, or an added
    column's, (row id, text) in the table's row order (its heading is `text`); `row` is
    the row (by id) a delete-row or move-row acts on; `column` the column (by id) a
    move-column moves, next to the column `destination`; `field` is what a change-field
    proposes for its form field (the paragraph's text, the field's label, is proposed on
    as words, by the other operations).
    """

    kind: OperationKind
    anchor: Anchor | None = None
    text: str = ""
    position: Position | None = None
    destination: str | None = None
    cells: tuple[tuple[str, str], ...] = ()
    row: str | None = None
    field: FieldEdit | None = None
    column: str | None = None

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind in _ON_WORDS and self.anchor is None:
            raise ProposalError(f"{kind.verb} needs the quoted words")
        if kind in _NEEDS_WORDING and not self.text.strip():
            raise ProposalError(f"{kind.verb} needs the new wording")
        if kind in _NEEDS_POSITION and self.position is None:
            raise ProposalError(f"{kind.verb} needs 'before' or 'after'")
        if not self.destination and kind is OperationKind.MOVE:
            raise ProposalError("move needs the paragraph to move next to")
        if kind in _ON_TABLES_AND_FORMS or self.cells or self.row is not None or \
                self.column is not None or self.field is not None:
            self._check_table_or_form(kind)
        if "\n" in self.text or "\r" in self.text or any(
                "\n" in t or "\r" in t for _, t in self.cells):
            raise ProposalError("the new wording must be one line")

    def _check_table_or_form(self, kind: OperationKind) -> None:
        """The rules of the operations on a table's rows and columns and on a form field
        (which the others break only by naming a row, a column, cells or a field)."""
        if kind is OperationKind.ADD_ROW and not self.destination:
            raise ProposalError("add row needs the row it goes next to")
        if kind is OperationKind.ADD_ROW and not any(t.strip() for _, t in self.cells):
            raise ProposalError("add row needs the new row's cells, not all blank")
        if kind in (OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN,
                    OperationKind.RENAME_COLUMN) and not self.destination:
            role = {OperationKind.ADD_COLUMN: "goes next to",
                    OperationKind.DELETE_COLUMN: "deletes"}.get(kind, "renames")
            raise ProposalError(f"{kind.verb} needs the column it {role}")
        if kind in (OperationKind.ADD_COLUMN, OperationKind.RENAME_COLUMN) and (
                not self.text.strip() or self.text != self.text.strip()):
            raise ProposalError(f"{kind.verb} needs the new heading, without surrounding "
                                f"whitespace")
        if kind in (OperationKind.DELETE_COLUMN, OperationKind.MOVE_COLUMN) and self.text:
            raise ProposalError(f"{kind.verb} takes no wording")
        if kind is OperationKind.MOVE_COLUMN:
            if not self.column or not CELL_ID_PATTERN.fullmatch(self.column):
                raise ProposalError("move column needs the column it moves, by id")
            if not self.destination:
                raise ProposalError("move column needs the column to move next to")
            if self.destination == self.column:
                raise ProposalError("a column cannot move next to itself")
        elif self.column is not None:
            raise ProposalError(f"{kind.verb} names no column of its own")
        if kind not in (OperationKind.ADD_ROW, OperationKind.ADD_COLUMN) and self.cells:
            raise ProposalError(f"{kind.verb} takes no cells")
        if kind in (OperationKind.DELETE_ROW, OperationKind.MOVE_ROW):
            if not self.row or not CELL_ID_PATTERN.fullmatch(self.row):
                raise ProposalError(f"{kind.verb} needs the row it acts on, by id")
        elif self.row is not None:
            raise ProposalError(f"{kind.verb} names no row of its own")
        if kind is OperationKind.MOVE_ROW and not self.destination:
            raise ProposalError("move row needs the row to move next to")
        if kind is OperationKind.MOVE_ROW and self.destination == self.row:
            raise ProposalError("a row cannot move next to itself")
        if kind is OperationKind.CHANGE_FIELD and (self.field is None or
                                                   not self.field.parts()):
            raise ProposalError("change field needs what it changes (kind, choices, "
                                "instructions, required or voluntary)")
        if kind is not OperationKind.CHANGE_FIELD and self.field is not None:
            raise ProposalError(f"{kind.verb} changes no form field")

    def apply(self, text: str) -> str | None:
        """The paragraph text this operation proposes; None when it deletes the paragraph.

        A retain changes nothing, but a retain of one bracketed alternative lifts the
        brackets and drops the other alternatives (`draftkit.brackets`). Raises
        AnchorError when the quoted words are not (uniquely) in `text`.
        """
        kind = self.kind
        if kind is OperationKind.DELETE_PARAGRAPH:
            return None
        if kind is OperationKind.REPLACE_PARAGRAPH:
            return self.text
        if kind is OperationKind.RETAIN and self.anchor is not None:
            place = find(self.anchor, text)
            chosen = lifted(text, place.start, place.end)
            return text if chosen is None else chosen
        if not kind.on_words:
            return text
        assert self.anchor is not None
        place = find(self.anchor, text)
        quote = text[place.start:place.end]
        if kind is OperationKind.DELETE:
            replacement = ""
        elif kind is OperationKind.REPLACE:
            replacement = self.text
        elif self.position is Position.AFTER:
            replacement = quote + self.text
        else:
            replacement = self.text + quote
        return text[:place.start] + replacement + text[place.end:]


class ProposalStatus(enum.Enum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"
    INCORPORATED = "incorporated"
    NOT_SELECTED = "not-selected"  # set aside by a merge that preferred another

    @property
    def words(self) -> str:
        """As a sentence says it: "not selected"."""
        return self.value.replace("-", " ")


# The lifecycle: which action moves a proposal from which status to which.
TRANSITIONS: dict[str, dict[ProposalStatus, ProposalStatus]] = {
    "accepted": {ProposalStatus.PROPOSED: ProposalStatus.ACCEPTED},
    "rejected": {ProposalStatus.PROPOSED: ProposalStatus.REJECTED},
    "withdrawn": {ProposalStatus.PROPOSED: ProposalStatus.WITHDRAWN,
                  ProposalStatus.ACCEPTED: ProposalStatus.WITHDRAWN},
    "superseded": {ProposalStatus.PROPOSED: ProposalStatus.SUPERSEDED},
    "reopened": {ProposalStatus.ACCEPTED: ProposalStatus.PROPOSED,
                 ProposalStatus.REJECTED: ProposalStatus.PROPOSED},
}
POSITIONS = ("supported", "opposed")
OPEN_TO_POSITIONS = (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)


@frozen
class Event:
    """One line of a proposal's history: who did what, when, with an optional note.

    `argument` carries the successor's id for "superseded".
    """

    when: dt.datetime
    actor: str
    action: str
    argument: str = ""
    note: str = ""


def _plain_id(_instance: object, _attribute: object, value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise ProposalError(f"not a plain id: {value!r}")


@frozen
class Proposal:
    id: str = field(validator=_plain_id)
    document: str
    revision: str
    paragraph: str
    operation: Operation
    proposers: tuple[str, ...]
    created: dt.datetime
    on_behalf_of: str | None = None
    rationale: str = ""
    label: str = ""  # the target's address in `revision`, for people reading the file
    # The cell of the target paragraph (a table) whose words the operation changes;
    # None: the paragraph's own text.
    cell: CellRef | None = None
    history: tuple[Event, ...] = ()
    # Derived, never written: whether it would change the words of a paragraph agreed or
    # agreed ad ref now ("reopens agreed text"; see draftkit.agreement).
    reopens_agreed: bool = False
    # Derived, never written in the proposal's file: the recorded revision whose
    # merge record lists it (the store's one commit point for a merge).
    incorporated_in: str | None = None
    # Derived the same way: the recorded revision whose merge set it aside for the
    # proposals preferred to it (`merge --prefer`); it is then "not selected".
    not_selected_in: str | None = None
    preferred_instead: tuple[str, ...] = ()
    # Derived too: the input deadline it falls under (the document's first deadline
    # on or after the date of the revision it was written against), if any.
    deadline: Deadline | None = None

    @property
    def late(self) -> bool:
        """Made after the day of the deadline it falls under."""
        return self.deadline is not None and self.deadline.missed_by(self.created)

    @property
    def status(self) -> ProposalStatus:
        if self.incorporated_in is not None:
            return ProposalStatus.INCORPORATED
        if self.not_selected_in is not None:
            return ProposalStatus.NOT_SELECTED
        return _status_after([e for e in self.history if e.action in TRANSITIONS])

    @property
    def standing(self) -> str:
        """Its status as people say it: "accepted", "incorporated in rev2", "not selected
        (rev2)"."""
        if self.incorporated_in is not None:
            return f"incorporated in {self.incorporated_in}"
        if self.not_selected_in is not None:
            return f"not selected ({self.not_selected_in})"
        return self.status.words

    @property
    def supporters(self) -> tuple[str, ...]:
        return replay(self.history)[1]

    @property
    def opponents(self) -> tuple[str, ...]:
        return replay(self.history)[2]

    @property
    def parties(self) -> tuple[str, ...]:
        """Who stands behind it: proposers, and the group they speak for."""
        group = (self.on_behalf_of,) if self.on_behalf_of else ()
        return (*self.proposers, *group)

    def with_event(self, event: Event) -> Proposal:
        """This proposal after `event`, or ProposalError if the lifecycle forbids it."""
        check(self, event)
        return evolve(self, history=(*self.history, event))


_WHEN = attrgetter("when")


def replay(history: tuple[Event, ...]) -> tuple[ProposalStatus, tuple[str, ...], tuple[str, ...]]:
    """ProposalStatus, supporters and opponents after the history, in order of time.

    A party's latest position counts. Events the lifecycle forbids (possible
    after two clones' histories are merged) are skipped, never guessed at.
    """
    ordered = sorted(history, key=_WHEN)
    positions: dict[str, str] = {}
    for event in ordered:
        if event.action in POSITIONS:
            positions[event.actor] = event.action
        elif event.action == "position-withdrawn":
            positions.pop(event.actor, None)
    return (_status_after([e for e in ordered if e.action in TRANSITIONS]),
            tuple(p for p, a in positions.items() if a == "supported"),
            tuple(p for p, a in positions.items() if a == "opposed"))


def _status_after(transitions: list[Event]) -> ProposalStatus:
    """The status after a history's `transitions` (in its order): replayed in order of time
    (most histories hold one or none, and need no sorting)."""
    if len(transitions) > 1:
        transitions.sort(key=_WHEN)  # stable, as sorting the whole history is
    status = ProposalStatus.PROPOSED
    for event in transitions:
        status = TRANSITIONS[event.action].get(status, status)
    return status


def check(proposal: Proposal, event: Event) -> None:
    """Refuse an event the lifecycle forbids, saying why in a sentence."""
    status = proposal.status
    if event.action in TRANSITIONS:
        if status not in TRANSITIONS[event.action]:
            raise ProposalError(f"{proposal.id} is {status.words}: it cannot be "
                                f"{event.action}")
        if event.action == "withdrawn" and event.actor not in proposal.parties:
            raise ProposalError(f"only its proposers ({', '.join(proposal.parties)}) can "
                                f"withdraw {proposal.id}")
    elif event.action in POSITIONS:
        if status not in OPEN_TO_POSITIONS:
            raise ProposalError(f"{proposal.id} is {status.words}: positions are closed")
        if event.actor in proposal.parties:
            raise ProposalError(f"{event.actor} proposed {proposal.id}")
    elif event.action not in ("proposed", "position-withdrawn"):
        raise ProposalError(f"unknown action {event.action!r}")


def party_prefix(proposers: tuple[str, ...], on_behalf_of: str | None) -> str:
    """The readable part of a new proposal's id: the group spoken for, else the first proposer."""
    code = on_behalf_of or proposers[0]
    return re.sub(r"[^A-Za-z0-9]", "", code)[:12] or "P"


def word_operation(kind: OperationKind, paragraph_text: str, quote: str,
                   occurrence: int | None = None, text: str = "",
                   position: Position | None = None,
                   where: str = "the paragraph") -> Operation:
    """An insert/delete/replace (or a retain of some words) anchored on `quote`.

    The quoted words must occur once in the paragraph, or `occurrence` must
    pick one: an ambiguous or missing quote is an error here (saying it is not in
    `where`), never a guess.
    Spacing is made right once, at proposal time, by the rule of
    `draftkit.text`: a deletion takes one neighbouring space at most ("a, b"
    without "," is "a b"), an insertion and a replacement get the spaces their
    seams want ("x" before "," is "a x, b").
    """
    place = locate(paragraph_text, quote, occurrence, where)
    if kind is OperationKind.INSERT:
        point = place.end if position is Position.AFTER else place.start
        moved, text = insertion(paragraph_text, point, text)
        if moved < point:  # now after the word before
            place, position = _word_ending(paragraph_text, moved), Position.AFTER
        elif moved > point:
            place, position = _word_starting(paragraph_text, moved), Position.BEFORE
    elif kind in (OperationKind.DELETE, OperationKind.REPLACE):
        start, end, text = replacement(paragraph_text, place.start, place.end,
                                       text if kind is OperationKind.REPLACE else "")
        place = Located(start, end)
    operation = Operation(kind, anchor_at(paragraph_text, place), text, position)
    operation.apply(paragraph_text)
    return operation


def _word_ending(text: str, point: int) -> Located:
    """The word (or mark) that ends at `point`."""
    start = point - 1
    while start > 0 and not boundary(text, start):
        start -= 1
    return Located(start, point)


def _word_starting(text: str, point: int) -> Located:
    """The word (or mark) that starts at `point`."""
    end = point + 1
    while end < len(text) and not boundary(text, end):
        end += 1
    return Located(point, end)
