"""Proposals: reading them with what is derived elsewhere in the store (incorporated,
not selected, deadline, reopens agreed text), and drafting and recording new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter

import attrs

from draftkit import columns, rows
from draftkit.agreement import reopens
from draftkit.columns import COLUMN_OPERATIONS
from draftkit.desk.agreement import AgreementDesk
from draftkit.desk.base import one_line
from draftkit.desk.table_operations import (
    added_row,
    changed_field,
    column_operation,
    row_operation,
    row_position,
)
from draftkit.errors import NotFoundError, one_of
from draftkit.form import FieldEdit, FieldKind
from draftkit.model import Deadline, PartyKind, Status
from draftkit.proposals import (
    CELL_OPERATIONS,
    Event,
    Operation,
    OperationKind,
    Position,
    Proposal,
    ProposalError,
    ProposalStatus,
    word_operation,
)
from draftkit.store.item_format import format_proposal


class ProposalDesk(AgreementDesk):
    """Proposals: read with what the store derives for them, drafted and recorded."""

    def proposals(self, document_id: str, *, party: str | None = None,
                  paragraph: str | None = None, status: str | ProposalStatus | None = None,
                  section: str | None = None, ids: list[str] | None = None) -> list[Proposal]:
        """The document's proposals, oldest first, filtered as asked.

        `party` matches proposers, the group spoken for and that group's
        members; `paragraph` is an address in the latest revision (or
        "OP6@zero-draft"); `section` a section number or heading.
        """
        incorporated = self.incorporated(document_id)
        deadlines = self._deadlines(document_id)
        statuses = self._statuses_now(document_id)
        found = [_flagged(_derived(proposal, incorporated, deadlines), statuses)
                 for proposal in self.folder.load_proposals(document_id)]
        set_aside = self.not_selected(document_id)
        found = [_with_set_aside(p, set_aside) for p in found]
        if ids is not None:
            known = {p.id for p in found}
            missing = [i for i in ids if i not in known]
            if missing:
                raise NotFoundError(f"no proposal {', '.join(missing)} in {document_id}")
            found = [p for p in found if p.id in ids]
        if party is not None:
            code = self.party(party).code
            found = [p for p in found if self._in_scope(code, p.parties)]
        if paragraph is not None:
            target = self.paragraph(document_id, paragraph).id
            found = [p for p in found if target in (p.paragraph, p.operation.destination)]
        if status is not None:
            wanted = one_of(ProposalStatus, status, "status")
            found = [p for p in found if p.status is wanted]
        if section is not None:
            ids_in = self._section_paragraph_ids(document_id, section)
            found = [p for p in found if p.paragraph in ids_in]
        return sorted(found, key=attrgetter("created", "id"))

    def proposal(self, proposal_id: str, document_id: str | None = None) -> Proposal:
        """A proposal by id, looked up in `document_id` or in every document."""
        found = self.folder.load_proposal(self._item_path("proposals", proposal_id, document_id))
        found = _with_set_aside(found, self.not_selected(found.document))
        return _flagged(_derived(found, self.incorporated(found.document),
                                 self._deadlines(found.document)),
                        self._statuses_now(found.document))

    def incorporated(self, document_id: str) -> dict[str, str]:
        """Which revision incorporated each proposal, as the merged revisions record it."""
        return {proposal: name for name in self.revision_names(document_id)
                if (record := self._loaded(document_id, name).record) is not None
                for proposal in record.incorporated}

    def not_selected(self, document_id: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Which revision set each proposal aside (`merge --prefer`), and the proposals
        preferred to it, as the merged revisions record it: its status is "not selected"."""
        return {proposal: (name, preferred) for name in self.revision_names(document_id)
                if (record := self._loaded(document_id, name).record) is not None
                for proposal, preferred in record.set_aside}

    def propose(self, document_id: str, *, paragraph: str, operation: str | OperationKind,
                proposers: list[str] | tuple[str, ...], revision: str | None = None,
                quote: str | None = None, occurrence: int | None = None, text: str = "",
                position: str | Position | None = None, destination: str | None = None,
                on_behalf_of: str | None = None, rationale: str = "",
                when: dt.datetime | None = None, row: str | None = None,
                cells: str | Sequence[str] | None = None, field_kind: str | None = None,
                required: bool | None = None, instructions: str | None = None,
                choices: Sequence[str] = (), column: str | None = None) -> Proposal:
        """Record a new proposal against a revision (the latest by default).

        Quoted words must be in the paragraph exactly once (or `occurrence`
        picks one); every party must be in the registry. An added row (add-row)
        goes `position` the `row` of the table named ("row 3"), with `cells` in
        column order (a list, or one line "a | b | c" in the store grammar's
        field form: a cell holding "|" is a quoted string). A deleted row
        (delete-row) is `row`; a moved one (move-row) is `row`, going `position`
        the row `destination` ("row 2"). Rows are named by position in the
        revision and recorded by id. A change of a form field (change-field) gives
        any of its new `field_kind`, `choices`, `instructions` and whether it is
        `required` (False: voluntary). An added column (add-column) goes `position`
        the `column` named ("Quantity", "2", "#id"), headed `text`, with `cells` in
        row order (as for add-row, blanks allowed); a deleted column (delete-column)
        is the `column` named; a moved one (move-column) is the `column` named, going
        `position` the column `destination` ("Type of cluster munition"); a renamed one
        (rename-column) is the `column` named, headed `text`. Columns are
        named in the revision and recorded by id. Nothing is written when anything is
        wrong.
        """
        draft = self.draft_proposal(
            document_id, paragraph=paragraph, operation=operation, proposers=proposers,
            revision=revision, quote=quote, occurrence=occurrence, text=text,
            position=position, destination=destination, on_behalf_of=on_behalf_of,
            rationale=rationale, when=when, row=row, cells=cells, field_kind=field_kind,
            required=required, instructions=instructions, choices=choices, column=column)
        created: Proposal = self._create(document_id, "proposals", draft, format_proposal)
        return created

    def draft_proposal(self, document_id: str, *, paragraph: str,
                       operation: str | OperationKind, proposers: list[str] | tuple[str, ...],
                       revision: str | None = None, quote: str | None = None,
                       occurrence: int | None = None, text: str = "",
                       position: str | Position | None = None,
                       destination: str | None = None, on_behalf_of: str | None = None,
                       rationale: str = "", when: dt.datetime | None = None,
                       row: str | None = None,
                       cells: str | Sequence[str] | None = None, field_kind: str | None = None,
                       required: bool | None = None, instructions: str | None = None,
                       choices: Sequence[str] = (), column: str | None = None) -> Proposal:
        """A checked proposal, not yet recorded (its id is "draft"): see `propose`."""
        kind = one_of(OperationKind, operation, "operation")
        base = self.revision(document_id, revision)
        target, cell, label, words = self._target(document_id, paragraph, base)
        if row is not None and not kind.on_rows:
            raise ProposalError(f"--row is for add-row, delete-row and move-row, not "
                                f"{kind.verb}")
        if cells is not None and kind not in (OperationKind.ADD_ROW, OperationKind.ADD_COLUMN):
            raise ProposalError(f"--cells is for add-row and add-column, not {kind.verb}")
        if column is not None and kind not in COLUMN_OPERATIONS:
            raise ProposalError(f"--column is for add-column, delete-column, move-column "
                                f"and rename-column, not {kind.verb}")
        try:
            edit = FieldEdit(one_of(FieldKind, field_kind, "kind") if field_kind else None,
                             tuple(choices) or None, instructions,
                             None if required is None else not required)
        except ValueError as error:
            raise ProposalError(str(error)) from None
        if edit.parts() and kind is not OperationKind.CHANGE_FIELD:
            raise ProposalError(f"--kind, --choice, --instructions, --required and "
                                f"--voluntary are for change-field, not {kind.verb}")
        if cell is not None and kind not in CELL_OPERATIONS:
            raise ProposalError(f"{kind.verb} cannot be proposed on a cell ({label}): "
                                f"insert, delete, replace, replace-paragraph (the whole "
                                f"cell) or retain")
        if cell is not None and not words.strip() and \
                kind is not OperationKind.REPLACE_PARAGRAPH:
            raise ProposalError(f"{label} is blank: fill it with replace-paragraph "
                                f"(--text, the cell's whole wording)")
        where = one_of(Position, position, "position") if position else None
        if not proposers:
            raise ProposalError("a proposal needs at least one proposer")
        codes = self._parties_of(proposers)
        group = self.party(on_behalf_of).code if on_behalf_of else None
        if group and self.party(group).kind is not PartyKind.GROUP:
            raise ProposalError(f"{group} is not a group: 'on behalf of' names a group")
        outsiders = [c for c in codes if group and c not in self.party(group).members]
        if outsiders:
            raise ProposalError(f"{', '.join(outsiders)} cannot speak on behalf of {group}: "
                                f"a group speaks through its members (see parties.txt)")
        if kind is OperationKind.ADD_ROW:
            op = added_row(base, target, row, cells, where)
        elif kind.on_rows:
            op = row_operation(base, target, kind, row, destination, where)
            label = f"{target.address}, row {row_position(target, op.row)}"
        elif kind is OperationKind.CHANGE_FIELD:
            op = changed_field(base, target, edit)
        elif kind in COLUMN_OPERATIONS:
            op = column_operation(base, target, kind, column, text, cells, where, destination)
        elif kind.on_words or (kind is OperationKind.RETAIN and quote):
            if not quote:
                raise ProposalError(f"{kind.verb} needs the quoted words (--quote)")
            op = word_operation(kind, words, quote, occurrence, text, where,
                                "the paragraph" if cell is None else label)
        else:
            moved_next_to = self.paragraph(document_id, destination, base.name).id \
                if destination else None
            if kind is OperationKind.MOVE and moved_next_to == target.id:
                raise ProposalError(f"{target.address} cannot move next to itself")
            op = Operation(kind, None, text, where, moved_next_to)
        one_line(rationale, "rationale")
        created = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
        return Proposal(id="draft", document=document_id, revision=base.name,
                        paragraph=target.id, operation=op, proposers=codes, created=created,
                        on_behalf_of=group, rationale=rationale, label=label, cell=cell,
                        history=(Event(created, codes[0], "proposed"),),
                        deadline=self.deadline_for(document_id, base.name))

    def row_name(self, proposal: Proposal, row_id: str) -> str:
        """How readers know a row of the proposal's table: "row 3 (M85)" as it stood in the
        proposal's revision (`draftkit.rows.cited`)."""
        return rows.cited(proposal, row_id, self.revision(proposal.document),
                          self.revision(proposal.document, proposal.revision))

    def column_name(self, proposal: Proposal, column_id: str) -> str:
        """How readers know a column of the proposal's table: "column Quantity" as it stood
        in the proposal's revision (`draftkit.columns.cited`)."""
        return columns.cited(proposal, column_id, self.revision(proposal.document),
                             self.revision(proposal.document, proposal.revision))


def _flagged(proposal: Proposal, statuses: dict[str, Status]) -> Proposal:
    """The proposal, flagged if it would change words agreed or ad ref now."""
    if reopens(proposal.operation.kind, statuses.get(proposal.paragraph)):
        return attrs.evolve(proposal, reopens_agreed=True)
    return proposal


def _with_incorporation(proposal: Proposal, incorporated: dict[str, str]) -> Proposal:
    revision = incorporated.get(proposal.id)
    return proposal if revision is None else attrs.evolve(proposal, incorporated_in=revision)


def _with_set_aside(proposal: Proposal,
                    set_aside: dict[str, tuple[str, tuple[str, ...]]]) -> Proposal:
    found = set_aside.get(proposal.id)
    return proposal if found is None else attrs.evolve(
        proposal, not_selected_in=found[0], preferred_instead=found[1])


def _derived(proposal: Proposal, incorporated: dict[str, str],
             deadlines: dict[str, Deadline | None]) -> Proposal:
    """A proposal as read, with what is derived from elsewhere in the store: the revision
    that incorporated it, and the input deadline it falls under."""
    proposal = _with_incorporation(proposal, incorporated)
    deadline = deadlines.get(proposal.revision)
    return proposal if deadline is None else attrs.evolve(proposal, deadline=deadline)
