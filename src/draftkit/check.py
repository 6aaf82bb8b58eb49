"""`draftkit check`: an fsck of a drafts folder, one line per problem.

Every file is read as draftkit would read it (grammar, seals, names), then the
values are checked against each other: ids against file names, parties
against the registry, references against the revisions they name, revision
parents; status decisions against the words and steps they record, and agreed
words changed without a recorded reopening. Debris that killed writers left is
reported; `repair` removes it and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

from attrs import frozen

from draftkit.agreement import (
    StatusDecision,
    agreed_words_changed,
    forbidden,
    in_force,
    words_hash,
)
from draftkit.columns import COLUMN_OPERATIONS
from draftkit.comments import Comment
from draftkit.errors import DraftkitError, FormatError
from draftkit.form import FieldEdit
from draftkit.model import Paragraph, Party, Revision
from draftkit.proposals import POSITIONS, TRANSITIONS, OperationKind, Proposal
from draftkit.store import DraftsFolder
from draftkit.store.decision_format import parse_decision
from draftkit.store.drafts_folder import ITEM_KINDS, LoadedRevision
from draftkit.store.item_format import parse_comment, parse_proposal
from draftkit.table import CellRef

T = TypeVar("T")
Item = TypeVar("Item", Proposal, Comment, StatusDecision)
_KNOWN_IN_DOCUMENT = {"document.txt", "revisions", *ITEM_KINDS, ".draftkit"}
_ACTIONS = {*TRANSITIONS, *POSITIONS, "proposed", "position-withdrawn"}


@frozen
class Problem:
    """One problem, located by file (and line where there is one)."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@frozen
class Report:
    problems: tuple[Problem, ...]
    removed: tuple[Path, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.problems


def check(folder: DraftsFolder, document_ids: Iterable[str] | None = None,
          repair: bool = False) -> Report:
    """Check the drafts folder (or some of its documents); with `repair`, first remove
    the debris killed writers left (temporary files), never data."""
    removed = tuple(folder.remove_debris()) if repair else ()
    problems: list[Problem] = []
    parties = _guarded(problems, folder.parties) or {}
    places: dict[str, list[Path]] = {}
    for document_id in folder.document_ids() if document_ids is None else document_ids:
        found, items = _check_document(folder, document_id, parties)
        problems += found
        for item_id, path in items:
            places.setdefault(item_id, []).append(path)
    for item_id, paths in places.items():
        paths.sort(key=lambda path: path.stem != item_id)  # blame the misnamed copies
        problems += [Problem(path, f"id {item_id} is also the id of {paths[0]}")
                     for path in paths[1:]]
    problems += [Problem(path, "left half-written by a killed writer (check --repair "
                               "removes it)") for path in folder.debris()]
    return Report(tuple(problems), removed)


def _guarded(problems: list[Problem], read: Callable[[], T]) -> T | None:
    """`read()`, with any bad input it meets recorded as a problem."""
    try:
        return read()
    except FormatError as error:
        problems.append(Problem(Path(error.path), error.message, error.line))
    except DraftkitError as error:
        path, _, message = str(error).partition(": ")
        problems.append(Problem(Path(path), message or str(error)))
    return None


def _check_document(folder: DraftsFolder, document_id: str, parties: dict[str, Party],
                    ) -> tuple[list[Problem], list[tuple[str, Path]]]:
    problems: list[Problem] = []
    document = _guarded(problems, lambda: folder.document(document_id))
    if document is None:
        return problems, []
    root = folder.document_folder(document_id)
    problems += _strays(root, _KNOWN_IN_DOCUMENT, "in a document folder")
    for kind in ("revisions", *ITEM_KINDS):
        if (root / kind).is_dir():
            problems += _strays(root / kind, None, f"in {kind}/")
    revisions: dict[str, LoadedRevision] = {}
    names = _guarded(problems, lambda: folder.revision_names(document_id))
    for name in names or _file_names(root / "revisions"):
        loaded = _guarded(problems, partial(folder.load_revision, document_id, name))
        if loaded is not None:
            revisions[name] = loaded
    items: list[tuple[str, Path]] = []
    proposals = list(_items(problems, folder, document_id, "proposals", parse_proposal, items))
    comments = list(_items(problems, folder, document_id, "comments", parse_comment, items))
    decisions = list(_items(problems, folder, document_id, "decisions", parse_decision, items))
    known = {p.id for _, p in proposals}
    texts = {name: loaded.revision for name, loaded in revisions.items()}
    for path, proposal in proposals:
        problems += [Problem(path, m) for m in _proposal_problems(proposal, texts, parties)]
    for path, comment in comments:
        problems += [Problem(path, m) for m in _comment_problems(comment, texts, parties, known)]
    meetings = {m.id for m in document.meetings}
    for name, loaded in revisions.items():
        meeting = loaded.revision.meeting
        if meeting is not None and meeting not in meetings:
            problems.append(Problem(folder.revision_path(document_id, name),
                                    f"issued for meeting {meeting!r}, which is not among "
                                    f"the meetings in document.txt "
                                    f"({', '.join(sorted(meetings)) or 'none'})"))
        if loaded.record is not None:
            missing = sorted(set(loaded.record.incorporated) - known)
            if missing:
                problems.append(Problem(folder.revision_path(document_id, name),
                                        f"incorporates unknown proposals {', '.join(missing)}"))
            named = {i for aside, preferred in loaded.record.set_aside
                     for i in (aside, *preferred)}
            if named - known:
                problems.append(Problem(folder.revision_path(document_id, name),
                                        f"sets aside or prefers unknown proposals "
                                        f"{', '.join(sorted(named - known))}"))
    for path, decision in decisions:
        problems += [Problem(path, m) for m in _decision_problems(decision, texts, parties)]
        if meetings and decision.meeting not in meetings:
            problems.append(Problem(path, f"taken at meeting {decision.meeting!r}, which is not "
                                          f"among the meetings in document.txt "
                                          f"({', '.join(sorted(meetings))})"))
    problems += _agreement_problems(folder, document_id, revisions,
                                    [d for _, d in decisions], {d: p for p, d in decisions})
    return problems, items


def _file_names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []


def _items(problems: list[Problem], folder: DraftsFolder, document_id: str, kind: str,
           parse: Callable[[str, str], Item], ids: list[tuple[str, Path]],
           ) -> Iterator[tuple[Path, Item]]:
    for path in folder.item_files(document_id, kind):
        item = _guarded(problems, partial(_parse, parse, folder, path))
        if item is None:
            continue
        ids.append((item.id, path))
        if item.id != path.stem:
            problems.append(Problem(path, f"id {item.id} does not match the file's name"))
        if item.document != document_id:
            problems.append(Problem(path, f"says it belongs to {item.document}"))
        yield path, item


def _parse(parse: Callable[[str, str], Item], folder: DraftsFolder, path: Path) -> Item:
    return parse(folder.read_item(path), str(path))


def _strays(folder: Path, known: set[str] | None, where: str) -> list[Problem]:
    """Entries that draftkit neither wrote nor reads (`known` None: item files only)."""
    problems = []
    for entry in sorted(folder.iterdir()):
        expected = entry.name in known if known is not None else \
            entry.is_file() and entry.suffix == ".txt" and not entry.name.startswith(".")
        if not expected and not entry.name.startswith(".draftkit."):  # debris, told apart
            problems.append(Problem(entry, f"not a draftkit file {where}"))
    return problems


def _proposal_problems(proposal: Proposal, revisions: dict[str, Revision],
                       parties: dict[str, Party]) -> Iterator[str]:
    yield from _unknown_parties((*proposal.proposers, *filter(None, [proposal.on_behalf_of])),
                                parties)
    positions = [e.actor for e in proposal.history if e.action in POSITIONS]
    yield from _unknown_parties(positions, parties, "takes a position")
    for event in proposal.history:
        if event.action not in _ACTIONS:
            yield f"unknown action {event.action!r} by {event.actor}"
    base = revisions.get(proposal.revision)
    if base is None:
        yield f"written against revision {proposal.revision!r}, which is not recorded"
        return
    on_rows = proposal.operation.kind.on_rows
    on_table = on_rows or proposal.operation.kind in COLUMN_OPERATIONS
    for role, paragraph in (("targets", proposal.paragraph),
                            ("moves next to", None if on_table else
                             proposal.operation.destination)):
        if paragraph and base.by_id(paragraph) is None:
            yield f"{role} paragraph {paragraph}, which is not in {proposal.revision}"
    yield from _cell_problems(proposal.cell, base.by_id(proposal.paragraph), base.name)
    if on_rows:
        yield from _row_problems(proposal, base.by_id(proposal.paragraph), base.name)
    if proposal.operation.kind in COLUMN_OPERATIONS:
        yield from _column_problems(proposal, base.by_id(proposal.paragraph), base.name)
    if proposal.operation.field is not None:
        yield from _field_problems(proposal.operation.field, base.by_id(proposal.paragraph),
                                   base.name)


def _column_problems(proposal: Proposal, paragraph: Paragraph | None,
                     revision: str) -> Iterator[str]:
    """A column added next to, deleted or moved (or moved next to), or given cells in
    rows, that its table (in the proposal's revision) does not have."""
    if paragraph is None:
        return
    table = paragraph.table
    verb = proposal.operation.kind.verb
    if table is None:
        yield f"{verb} on {paragraph.address}, which is not a table in {revision}"
        return
    for column in (proposal.operation.column, proposal.operation.destination or ""):
        if column is not None and table.column_index(column) is None:
            yield (f"{verb} names column {column} of {paragraph.address}, which "
                   f"{revision} does not have")
    given = [row for row, _ in proposal.operation.cells]
    if any(table.row_index(r) is None for r in given) or len(set(given)) != len(given):
        yield (f"{verb} on {paragraph.address} gives cells in rows {', '.join(given)}; its "
               f"rows in {revision} are {', '.join(r.id for r in table.rows)}")


def _field_problems(edit: FieldEdit, paragraph: Paragraph | None,
                    revision: str) -> Iterator[str]:
    """A change-field on a paragraph that is not a form field, or that does not fit it."""
    if paragraph is None:
        return
    if paragraph.form is None:
        yield f"changes the field {paragraph.address}, which is not a form field in {revision}"
        return
    try:
        edit.apply(paragraph.form)
    except ValueError as error:
        yield f"changes the field {paragraph.address} as it cannot be in {revision}: {error}"


def _row_problems(proposal: Proposal, paragraph: Paragraph | None,
                  revision: str) -> Iterator[str]:
    """A row added, deleted or moved that its table does not have (or next to one it does
    not have), or an added row's cells in columns it does not have."""
    if paragraph is None:
        return
    table = paragraph.table
    operation = proposal.operation
    verb = {OperationKind.ADD_ROW: "adds a row to", OperationKind.DELETE_ROW:
            "deletes a row of", OperationKind.MOVE_ROW: "moves a row of"}[operation.kind]
    if table is None:
        yield f"{verb} {paragraph.address}, which is not a table in {revision}"
        return
    if operation.row is not None and table.row_index(operation.row) is None:
        yield (f"{verb} {paragraph.address}: row {operation.row}, which {revision} does "
               f"not have")
    if operation.destination is not None and table.row_index(operation.destination) is None:
        yield (f"{verb.split()[0]} a row next to row {operation.destination} of "
               f"{paragraph.address}, which {revision} does not have")
    columns = [column for column, _ in proposal.operation.cells]  # an added row's
    unknown = [c for c in columns if table.column_index(c) is None]
    if unknown or len(set(columns)) != len(columns):
        yield (f"adds a row to {paragraph.address} with cells in columns "
               f"{', '.join(columns)}; its columns in {revision} are "
               f"{', '.join(c.id for c in table.columns)}")


def _cell_problems(cell: CellRef | None, paragraph: Paragraph | None,
                   revision: str) -> Iterator[str]:
    """A cell named that its paragraph (a table, in the item's revision) does not have."""
    if cell is None or paragraph is None:
        return
    if paragraph.table is None:
        yield f"names a cell of {paragraph.address}, which is not a table in {revision}"
    elif paragraph.table.cell(cell.row, cell.column) is None:
        yield (f"names row {cell.row}, column {cell.column} of {paragraph.address}, which "
               f"{revision} does not have")


def _comment_problems(comment: Comment, revisions: dict[str, Revision],
                      parties: dict[str, Party], proposals: set[str]) -> Iterator[str]:
    yield from _unknown_parties((comment.party, *(r.party for r in comment.replies)), parties)
    base = revisions.get(comment.revision)
    if base is None:
        yield f"written against revision {comment.revision!r}, which is not recorded"
    elif comment.paragraph and base.by_id(comment.paragraph) is None:
        yield f"on paragraph {comment.paragraph}, which is not in {comment.revision}"
    elif comment.paragraph:
        yield from _cell_problems(comment.cell, base.by_id(comment.paragraph), base.name)
    if comment.proposed_change and comment.proposed_change not in proposals:
        yield f"points to proposal {comment.proposed_change}, which does not exist"


def _decision_problems(decision: StatusDecision, revisions: dict[str, Revision],
                       parties: dict[str, Party]) -> Iterator[str]:
    if decision.by.casefold() != "presidency":
        yield from _unknown_parties((decision.by,), parties, "decides")
    base = revisions.get(decision.revision)
    if base is None:
        yield f"about revision {decision.revision!r}, which is not recorded"
        return
    paragraph = base.by_id(decision.paragraph)
    if paragraph is None:
        yield f"on paragraph {decision.paragraph}, which is not in {decision.revision}"
    elif words_hash(paragraph.text) != decision.words:
        yield (f"was taken on other words than those of {paragraph.address} in "
               f"{decision.revision} (its sha256 does not match them)")


def _agreement_problems(folder: DraftsFolder, document_id: str,
                        revisions: dict[str, LoadedRevision],
                        decisions: list[StatusDecision],
                        paths: dict[StatusDecision, Path]) -> Iterator[Problem]:
    """Decisions that take a step the rules forbid (replaying skips them), and agreed
    or ad ref words that a revision changed without recording a reopening."""
    taken: dict[tuple[str, str], list[StatusDecision]] = {}
    for decision in decisions:
        taken.setdefault((decision.revision, decision.paragraph), []).append(decision)
    current: dict[str, Revision] = {}
    for name, loaded in revisions.items():
        revision = loaded.revision
        paragraphs = {p.id: p for p in revision.paragraphs()}
        for (about, paragraph_id), found in taken.items():
            if about == name and paragraph_id in paragraphs:
                for skipped in forbidden(paragraphs[paragraph_id].status, found):
                    yield Problem(paths[skipped], f"'{skipped.action.value}' of "
                                                  f"{skipped.label} is a step the rules forbid "
                                                  f"where it falls; it is not counted")
        current[name] = in_force(revision, decisions)
    for name, loaded in revisions.items():
        parent = loaded.revision.parent
        if parent is None or parent not in current:
            continue
        reopened = {r.paragraph for r in loaded.record.reopened} if loaded.record else set()
        for paragraph in agreed_words_changed(current[parent], loaded.revision, reopened):
            yield Problem(folder.revision_path(document_id, name),
                          f"{paragraph.address} was {paragraph.status.title} in {parent}; "
                          f"its words changed here without a recorded reopening")


def _unknown_parties(codes: Iterable[str], parties: dict[str, Party],
                     role: str = "is named") -> Iterator[str]:
    for code in dict.fromkeys(codes):
        if code not in parties:
            yield f"{code} {role} but is not in parties.txt"
