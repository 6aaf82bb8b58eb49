"""The compilation text: a revision with every selected proposal written in place, attributed.

Nothing is resolved here: every proposal that can be carried onto the
revision is shown where it acts, with its proposers, supporters and
opponents; proposals on the same words are shown together as competing
options; added paragraphs are placed and labelled (bis, ter); paragraph
deletions, moves, replacements and retains are noted on their paragraph;
stale proposals are listed apart. A proposal that would change the words of a
paragraph agreed or agreed ad ref is flagged: it "reopens agreed text".
Renderers (`render.compilation`) turn the value into text, markdown, HTML, JSON
or the terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from attrs import evolve, frozen

from draftkit import cells, columns, field_changes, rows
from draftkit.agreement import PROTECTED
from draftkit.amendments import Amendment, Scope, components, unique, word_region, wording
from draftkit.brackets import set_at
from draftkit.conflicts import (
    Conflict,
    cell_named,
    column_conflict,
    column_place_conflict,
    describe_conflict,
    field_conflict,
    row_conflict,
)
from draftkit.edits import Words
from draftkit.form import FormField
from draftkit.labels import Label, LabelError
from draftkit.merge import LabelPlacer, changes_words, on_words
from draftkit.model import Document, Paragraph, Revision, Status
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.rebase import History, Stale, Tick, carry_all
from draftkit.table import CellRef, Table
from draftkit.tablemerge import carry_cells, left_by, row_contests
from draftkit.vocabulary import speakers


@frozen
class Option:
    """One proposed wording, or a position on the words as they stand, and who is behind it.

    `action` is the operation ("insert", "replace", "delete", "retain", or a
    paragraph operation); `wording` the words as this option has them ("" for
    a deletion); `proposers` read like "NOR" or "BEL on behalf of EU" (a group and who
    spoke for it); `late` are those of them whose proposal came after its input
    deadline. `lifts` marks a retain of one bracketed alternative of the text (it
    lifts the brackets, so it changes words); `alternative` is the index, in its
    contest's `alternatives`, of the alternative already in the text that this
    option's wording is (whatever its operation: retaining it or replacing the set
    with its words), None for any other wording. `reopens` flags an option that
    would change agreed or ad ref words. `cell` names the cell of a table ("B3, row 4,
    column Type") an option on a cell's words is for; `wording` is then that cell's
    text as the option leaves it. An option on a row (add-row, delete-row, move-row)
    names the row in `cell` ("B3, row 4 (Total)", "B3, new row after row 3 (M85)"),
    holds its cells in `row` (in the order of the headings in `columns`; `wording`
    joins them with " | ") and says what it does in `verb` ("delete row", "move row
    before row 1 (M77)").
    """

    action: str
    wording: str
    proposals: tuple[str, ...]
    proposers: tuple[str, ...]
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    late: tuple[str, ...] = ()
    lifts: bool = False
    alternative: int | None = None
    reopens: bool = False
    cell: str = ""
    row: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    verb: str = ""

    @property
    def retains(self) -> bool:
        """A retain of the words as they stand (not one that lifts brackets)."""
        return self.action == "retain" and not self.lifts

    @property
    def keeps_words(self) -> bool:
        """A position on the words as they stand (retain or delete them), not a new wording."""
        return self.retains or not self.wording


@frozen
class Contest:
    """Words of the text with proposals on them: the words as they stand, and each option.

    `original` is empty for a place between words where insertions compete. When
    the contested words are exactly a set of bracketed alternatives already in the
    text ("[within eight years] [well before the eight-year deadline]"),
    `alternatives` are its alternatives, in text order, with the group (pair of
    brackets) each is written in; options choosing one of them name it.
    """

    original: str
    options: tuple[Option, ...]
    alternatives: tuple[tuple[int, str], ...] = ()


Piece = str | Contest


@frozen
class CompiledParagraph:
    """A paragraph as text and contests, with whole-paragraph proposals as notes.

    A paragraph some proposal adds carries that proposal as `added`; its id
    is "new:" and the proposal's id. A table or a form field carries its grid or its
    field as they stand (`table`, `form`), so the text shows what its proposals change.
    """

    id: str
    label: str | None
    status: Status
    pieces: tuple[Piece, ...]
    notes: tuple[Option, ...] = ()
    added: Option | None = None
    table: Table | None = None
    form: FormField | None = None


@frozen
class CompiledSection:
    id: str
    title: str
    paragraphs: tuple[CompiledParagraph, ...]


@frozen
class Compilation:
    document: Document
    revision: Revision
    sections: tuple[CompiledSection, ...]
    shown: int
    conflicts: tuple[Conflict, ...]
    stale: tuple[Stale, ...]


def option(amendment: Amendment, shown: str, agreed: bool = False) -> Option:
    """An amendment as an option with the wording `shown`, its proposers and positions;
    on a paragraph `agreed` (or ad ref), flagged if it would change its words."""
    proposals = amendment.proposals
    proposers = unique(_who(p) for p in proposals)
    behind = set(amendment.parties)
    supporters = unique(s for p in proposals for s in p.supporters if s not in behind)
    opponents = unique(o for p in proposals for o in p.opponents
                       if o not in behind and o not in supporters)
    late = unique(_who(p) for p in proposals if p.late)
    lifts = amendment.kind is OperationKind.RETAIN and not amendment.retains
    return Option(amendment.kind.value, shown, amendment.ids, proposers, supporters, opponents,
                  late, lifts, reopens=agreed and changes_words(amendment))


def _who(proposal: Proposal) -> str:
    return speakers(proposal.proposers, proposal.on_behalf_of)


def compile_text(document: Document, target: Revision, proposals: Sequence[Proposal],
                 history: History, tick: Tick | None = None) -> Compilation:
    amendments, stale, words_of = carry_all(target, on_words(proposals), history, tick)
    view, on_cells, cell_stale = carry_cells(target, proposals, history, tick)
    stale += cell_stale
    index = {p.id: p for p in target.paragraphs()}
    conflicts: list[Conflict] = []
    named = cells.cells_of(target)
    on_tables = _cell_options(view, on_cells, named, conflicts)
    applying = []
    deleted = []
    live_columns: list[Proposal] = []
    for proposal in (p for p in proposals if columns.on_columns(p)):
        gone = columns.stale(target, proposal, history.revisions.get(proposal.revision))
        if gone is not None:
            stale.append(gone)
            continue
        deleted += [proposal] if columns.deletes(proposal) else []
        live_columns.append(proposal)
        table = index[proposal.paragraph]
        on_tables.setdefault(table.id, []).append(_column_option(proposal, table))
    conflicts += [column_conflict(index[c.paragraph], c) for c in columns.clashes(
        deleted, [p for p in proposals if p.cell is not None])]
    conflicts += [column_place_conflict(index[c.paragraph], c)
                  for c in columns.contests(live_columns)]
    same: dict[tuple[object, ...], list[Proposal]] = {}  # identical ones shown once
    for proposal in (p for p in proposals if rows.on_rows(p)):
        gone = rows.stale(target, proposal, history.revisions.get(proposal.revision))
        if gone is not None:
            stale.append(gone)
            continue
        applying.append(proposal)
        op = proposal.operation
        same.setdefault((proposal.paragraph, op.kind, op.row, op.position, op.destination,
                         op.cells), []).append(proposal)
    for together in same.values():
        table = index[together[0].paragraph]
        on_tables.setdefault(table.id, []).append(_row_option(together, table))
    conflicts += [row_conflict(target, c)
                  for c in row_contests(target, applying, view, on_cells, named)]
    on_fields: dict[str, list[Proposal]] = {}
    for proposal in (p for p in proposals if field_changes.on_field(p)):
        gone = field_changes.stale(target, proposal)
        if gone is not None:
            stale.append(gone)
            continue
        on_fields.setdefault(proposal.paragraph, []).append(proposal)
        on_tables.setdefault(proposal.paragraph, []).append(
            _field_option(proposal, index[proposal.paragraph]))
    conflicts += [field_conflict(index[c.paragraph], c) for found in on_fields.values()
                  for c in field_changes.clashes(found)]
    order = {p.id: n for n, p in enumerate(proposals)}

    def address_of(paragraph_id: str) -> str:
        found = index.get(paragraph_id)
        return found.address if found is not None else paragraph_id

    entries: list[tuple[int, CompiledParagraph, Position | None]] = []
    for number, section in enumerate(target.sections):
        for paragraph in section.paragraphs:
            found = amendments.get(paragraph.id, [])
            words = words_of[paragraph.id] if paragraph.id in words_of else \
                Words.of(paragraph.text)
            for group in components([a for a in found if a.scope is not Scope.NEW]):
                if len(group) > 1:
                    conflicts.append(describe_conflict(paragraph, words, group, address_of))
            adds = sorted((a for a in found if a.scope is Scope.NEW),
                          key=lambda a: order[a.ids[0]])
            entries += [(number, _added(a), Position.BEFORE) for a in adds
                        if a.operation.position is Position.BEFORE]
            compiled = _paragraph(paragraph, words, found, address_of)
            if paragraph.id in on_tables:
                compiled = evolve(compiled, notes=(*compiled.notes, *on_tables[paragraph.id]))
            entries.append((number, compiled, None))
            entries += [(number, _added(a), Position.AFTER) for a in adds
                        if a.operation.position is not Position.BEFORE]
    labelled = _label_added(entries)
    sections = tuple(
        CompiledSection(section.id, section.title,
                        tuple(p for (n, _, _), p in zip(entries, labelled, strict=True)
                              if n == number))
        for number, section in enumerate(target.sections))
    return Compilation(document, target, sections, len(proposals) - len(stale),
                       tuple(conflicts), tuple(stale))


def _cell_options(view: Revision, on_cells: dict[str, list[Amendment]],
                  named: dict[str, tuple[Paragraph, CellRef]],
                  conflicts: list[Conflict]) -> dict[str, list[Option]]:
    """The proposals on cells as options of their tables, each shown as the cell it would
    leave; their conflicts join `conflicts`."""
    found: dict[str, list[Option]] = {}
    for cell in view.paragraphs():
        if cell.id not in on_cells:
            continue
        table, ref = named[cell.id]
        words = Words.of(cell.text)
        for group in components(on_cells[cell.id]):
            if len(group) > 1:
                conflicts.append(cell_named(describe_conflict(cell, words, group, str), named))
        for amendment in on_cells[cell.id]:
            found.setdefault(table.id, []).append(evolve(
                option(amendment, left_by(amendment, cell, words), table.status in PROTECTED),
                cell=cells.name(table, ref)))
    return found


def _row_option(proposals: Sequence[Proposal], table: Paragraph) -> Option:
    """Proposals making one change to a row, as an option of its table: which row (a
    new one: where it goes), and its cells, the row as it would be added, deleted or
    moved."""
    assert table.table is not None
    proposal = proposals[0]
    operation = proposal.operation
    where = (operation.position or Position.AFTER).value
    if operation.kind is OperationKind.ADD_ROW:
        row = rows.new_row(table.table, proposal, "new")
        name = f"new row {where} {rows.row_name(table, operation.destination or '')}"
        action = "add row"
    else:
        row = table.table.rows[table.table.row_index(operation.row or "") or 0]
        name = str(rows.row_name(table, row.id))
        action = operation.kind.verb if operation.kind is OperationKind.DELETE_ROW else \
            f"move row {where} {rows.row_name(table, operation.destination or '')}"
    return evolve(_one_option(proposals, table, " | ".join(row.cells),
                              f"{table.address}, {name}"), row=row.cells,
                  columns=tuple(c.heading for c in table.table.columns), verb=action)


def _column_option(proposal: Proposal, table: Paragraph) -> Option:
    """A proposed column as an option of its table: its heading and cells (" | "), a
    deletion ("" for its wording), a move (where the column goes) or a renaming (the new
    heading)."""
    name = columns.name(table, proposal.operation.destination or "")
    if columns.deletes(proposal):
        return _one_option((proposal,), table, "", name)
    if columns.renames(proposal):  # its new heading
        return _one_option((proposal,), table, proposal.operation.text, name)
    if columns.moves(proposal):  # where it goes: "before column Type of cluster munition"
        where = (proposal.operation.position or Position.AFTER).value
        return _one_option((proposal,), table, f"{where} {name.partition(', ')[2]}",
                           columns.name(table, proposal.operation.column or ""))
    assert table.table is not None
    given = dict(proposal.operation.cells)
    where = (proposal.operation.position or Position.AFTER).value
    return _one_option((proposal,), table, " | ".join(
        [proposal.operation.text, *(given.get(r.id, "") for r in table.table.rows)]),
        f"{table.address}, new column {where} {name.partition(', ')[2]}")


def _field_option(proposal: Proposal, field: Paragraph) -> Option:
    """A proposed change of a form field as an option of its paragraph: what it asks for
    ("required; instructions: …")."""
    return _one_option((proposal,), field, field_changes.edit_of(proposal).summary,
                       f"{field.address}, field")


def _one_option(proposals: Sequence[Proposal], paragraph: Paragraph, wording: str,
                where: str) -> Option:
    """Proposals making one change of a table's rows or columns, or of a form field, as an
    option of its paragraph, flagged if the paragraph is agreed or ad ref."""
    behind = {party for p in proposals for party in p.parties}
    supporters = unique(s for p in proposals for s in p.supporters if s not in behind)
    return Option(proposals[0].operation.kind.value, wording,
                  tuple(p.id for p in proposals), unique(_who(p) for p in proposals),
                  supporters,
                  unique(o for p in proposals for o in p.opponents if o not in behind and
                         o not in supporters),
                  unique(_who(p) for p in proposals if p.late),
                  reopens=paragraph.status in PROTECTED, cell=where)


def _paragraph(paragraph: Paragraph, words: Words, found: Sequence[Amendment],
               address_of: Callable[[str], str]) -> CompiledParagraph:
    notes = []
    agreed = paragraph.status in PROTECTED
    for amendment in found:
        if amendment.scope is Scope.PARAGRAPH:
            shown = amendment.operation.text if amendment.kind is \
                OperationKind.REPLACE_PARAGRAPH else ""
            notes.append(option(amendment, shown, agreed))
        elif amendment.scope is Scope.PLACEMENT:
            where = amendment.operation.position or Position.AFTER
            notes.append(option(amendment, f"{where.value} "
                                           f"{address_of(amendment.operation.destination or '')}"))
    on_words = [a for a in found if a.scope is Scope.WORDS]
    return CompiledParagraph(paragraph.id, _label(paragraph.label), paragraph.status,
                             _pieces(words, on_words, agreed), tuple(notes),
                             table=paragraph.table, form=paragraph.form)


def _pieces(words: Words, amendments: Sequence[Amendment],
            agreed: bool = False) -> tuple[Piece, ...]:
    """The text cut into plain runs and contests, one contest per group of amendments."""
    placed: list[tuple[int, int, int, list[Piece]]] = []
    for group in components(amendments):
        start, end = word_region(group)
        low, high = words.chars(start, end)
        contest = _alternatives(Contest(
            words.span(start, end), tuple(option(a, wording(a, words, start, end), agreed)
                                          for a in group)), words.text, low, high)
        if start == end == 0:
            placed.append((low, 0, high, [contest, " "]))
        elif start == end:
            placed.append((low, 0, high, [" ", contest]))
        else:
            placed.append((low, 1, high, [contest]))
    pieces: list[Piece] = []
    cursor = 0
    for low, _, high, parts in sorted(placed, key=lambda p: (p[0], p[1])):
        pieces.append(words.text[cursor:low])
        pieces += parts
        cursor = high
    pieces.append(words.text[cursor:])
    return tuple(piece for piece in pieces if piece != "")


def _alternatives(contest: Contest, text: str, low: int, high: int) -> Contest:
    """The contest with the bracketed alternatives its words are, if they are a set
    (`draftkit.brackets`), and each option that chooses one of them marked so."""
    found = set_at(text, low, high) if contest.original else None
    if found is None:
        return contest
    choices = [" ".join(w.split()) for w in found.words(text)]
    options = []
    for candidate in contest.options:
        shown = " ".join(candidate.wording.split())
        chosen = choices.index(shown) if shown in choices and not candidate.retains else None
        options.append(evolve(candidate, alternative=chosen))
    return evolve(contest, options=tuple(options), alternatives=tuple(
        (a.group, text[a.start:a.end]) for a in found.alternatives))


def _added(amendment: Amendment) -> CompiledParagraph:
    return CompiledParagraph(f"new:{amendment.ids[0]}", None, Status.OPEN,
                             (amendment.operation.text,),
                             added=option(amendment, amendment.operation.text))


def _label(label: Label | None) -> str | None:
    return None if label is None else str(label)


def _label_added(entries: list[tuple[int, CompiledParagraph, Position | None]],
                 ) -> list[CompiledParagraph]:
    """Each added paragraph labelled where it stands ("Action 5 bis"); unlabelled where
    no label fits (then only a clean renumbering can give it one)."""
    labels = [Label.parse(p.label) if p.label else None for _, p, _ in entries]
    placer = LabelPlacer(labels)
    result = []
    for n, (_, paragraph, position) in enumerate(entries):
        if paragraph.added is not None:
            with contextlib.suppress(LabelError):  # then it stays unlabelled
                placer.place(n, position or Position.AFTER)
            paragraph = evolve(paragraph, label=_label(labels[n]))
        result.append(paragraph)
    return result
