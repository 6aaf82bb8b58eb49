"""Merging proposals into a clean next revision: rebase, conflicts, resolution, apply.

Pure: the revision, the proposals and the document's history in, a
MergeResult out. Conflicts and stale proposals are data for the report; the
new revision is made only when none remain unresolved (or stale ones are
explicitly skipped). Conflicts are resolved only when asked: `prefer` names
proposals whose side wins, `bracket` leaves competing wordings in the text
as bracketed alternatives ("[as soon as possible / within eight years]").

Agreed and ad ref words are protected (`draftkit.agreement`): the statuses of
the target revision are the ones in force (the caller folds in the decisions
taken since it was recorded), and a merge that would change the words of a
paragraph agreed or ad ref makes no revision, naming the proposals, unless told
to `reopen` them: then those paragraphs are open in the new revision and the
result lists them, for the merge record (`@reopened`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs
from attrs import evolve, frozen

from draftkit import cells, columns, field_changes, rows
from draftkit.agreement import PROTECTED
from draftkit.amendments import (
    Amendment,
    Scope,
    amend,
    components,
    conflict,
    merge_identical,
    unique,
    word_region,
    wording,
)
from draftkit.brackets import set_at
from draftkit.edits import Edit, Words, write
from draftkit.errors import DraftkitError
from draftkit.identity import IdSource, derived_id
from draftkit.labels import (
    Label,
    LabelError,
    insertion_label,
    label_after,
    label_before,
    renumber,
)
from draftkit.model import ID_PATTERN, Paragraph, Revision, Section, Status
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.provenance import Change, Move, Provenance
from draftkit.rebase import History, Rebaser, Stale
from draftkit.table import CellRef
from draftkit.text import new_blemishes

Tick = Callable[[], None]


@frozen
class Side:
    """One side of a conflict: its proposals, their parties, and the wording it wants.

    `wording` is the contested words as this side has them; None where it
    deletes the paragraph (or the row); for a move, where it puts the paragraph; in a
    conflict over a row, what the side wants in words ("column Quantity: "1 250"").
    """

    proposals: tuple[str, ...]
    parties: tuple[str, ...]
    operation: str
    wording: str | None


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


@frozen
class Relabel:
    """A paragraph's label before and after a merge (None: it had or has none)."""

    paragraph: str
    old: str | None
    new: str | None


@frozen
class MergeOptions:
    """How to make the new revision and how to resolve what conflicts.

    `identify` gives each added paragraph its identity from a seed (the
    document, the new revision's name and the ids of the proposals adding it)
    and the identities already taken; the default derives it from the seed, so
    the same merge always gives the same ids, dry run or not.
    """

    name: str
    date: dt.date
    issued_by: str
    note: str = ""
    renumber: bool = False
    prefer: frozenset[str] = frozenset()
    bracket: bool = False
    skip_stale: bool = False
    identify: IdSource = derived_id
    reopen: bool = False


@frozen
class AgreedChange:
    """A change to the words of a paragraph agreed or agreed ad ref: which paragraph, its
    address and status, and the proposals (and their parties) that make the change."""

    paragraph: str
    label: str
    status: Status
    proposals: tuple[str, ...]
    parties: tuple[str, ...] = ()


@frozen
class Untidy:
    """A paragraph the merge left with marks its text did not have (",.", a doubled
    space, a space before a comma) that the spacing rule could not avoid."""

    paragraph: str
    label: str
    marks: tuple[str, ...]


@frozen
class MergeResult:
    """What a merge did or would do.

    `revision` is the new revision when nothing unresolved remains, else None;
    `applied` are the proposals whose changes it makes (incorporated when
    recorded); `combined` the groups of proposals that made one identical
    change; `bracketed` those left as alternatives; `set_aside` those that
    lost to a preferred proposal, and `preferred` for each of them the preferred
    proposals it lost to (a recorded merge records them: their status reads "not
    selected"); `recorded` whether the store now holds it. `protected` are changes
    to agreed or ad ref words that kept the revision from being made (no `reopen`);
    `reopened` those made with `reopen`, whose paragraphs the new revision reopens.
    """

    source: str
    name: str
    revision: Revision | None
    applied: tuple[str, ...]
    combined: tuple[tuple[str, ...], ...]
    conflicts: tuple[Conflict, ...]
    stale: tuple[Stale, ...]
    bracketed: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    preferred: tuple[tuple[str, tuple[str, ...]], ...] = ()
    provenance: Provenance | None = None
    labels: tuple[Relabel, ...] = ()
    recorded: bool = False
    untidy: tuple[Untidy, ...] = ()
    protected: tuple[AgreedChange, ...] = ()
    reopened: tuple[AgreedChange, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.stale and not self.protected


def carry_all(target: Revision, proposals: Sequence[Proposal], history: History,
              tick: Tick | None = None) -> tuple[dict[str, list[Amendment]], list[Stale]]:
    """Each proposal carried onto `target`: amendments by paragraph id, and the stale ones."""
    rebaser = Rebaser(history, target)
    by_paragraph: dict[str, list[Amendment]] = {}
    stale: list[Stale] = []
    for proposal in proposals:
        carried = rebaser.rebase(proposal)
        if tick is not None:
            tick()
        if isinstance(carried, Stale):
            stale.append(carried)
            continue
        paragraph = rebaser.paragraph(target.name, proposal.paragraph)
        assert paragraph is not None
        words = rebaser.words(target.name, paragraph)
        by_paragraph.setdefault(paragraph.id, []).append(amend(proposal, carried.edit, words))
    return {pid: merge_identical(found) for pid, found in by_paragraph.items()}, stale


def carry_cells(target: Revision, proposals: Sequence[Proposal], history: History,
                tick: Tick | None = None,
                ) -> tuple[Revision, dict[str, list[Amendment]], list[Stale]]:
    """The proposals on cells carried onto the cells of `target`: its cell view
    (`draftkit.cells`), their amendments by cell key, and the stale ones."""
    view = cells.view(target)
    on_cells = [evolve(p, paragraph=cells.key(p.paragraph, p.cell), cell=None)
                for p in proposals if p.cell is not None]
    if not on_cells:
        return view, {}, []
    amendments, stale = carry_all(view, on_cells, cells.history_view(history), tick)
    originals = {p.id: p for p in proposals}
    named = []
    for found in stale:
        proposal = originals[found.proposal]
        assert proposal.cell is not None
        cell_key = cells.key(proposal.paragraph, proposal.cell)
        now = target.by_id(proposal.paragraph)
        label = cells.name(now, proposal.cell) if now is not None else proposal.label
        named.append(evolve(found, paragraph=proposal.paragraph, label=label,
                            reason=found.reason.replace(f"#{cell_key}", label)
                            .replace(cell_key, label)))
    return view, amendments, named


def cell_named(conflict: Conflict, named: dict[str, tuple[Paragraph, CellRef]]) -> Conflict:
    """A conflict in a cell (found in the cell view) as naming its table and cell."""
    if conflict.paragraph not in named:
        return conflict
    paragraph, cell = named[conflict.paragraph]
    label = cells.name(paragraph, cell)
    return evolve(conflict, paragraph=paragraph.id, label=label,
                  place=conflict.place.replace(f"#{conflict.paragraph}", label))


def _on_tables(found: Sequence[AgreedChange],
               named: dict[str, tuple[Paragraph, CellRef]]) -> tuple[AgreedChange, ...]:
    """Changes to agreed cells, as changes to their agreed tables."""
    return tuple(evolve(c, paragraph=named[c.paragraph][0].id,
                        label=cells.name(*named[c.paragraph])) for c in found)


def _rows_on_agreed(target: Revision, made: Sequence[Proposal]) -> tuple[AgreedChange, ...]:
    """Rows added to, deleted from or moved in agreed (or ad ref) tables (or left there
    bracketed), columns added or deleted there, and changes of agreed form fields, as
    changes to those paragraphs."""
    found = []
    for proposal in made:
        table = target.by_id(proposal.paragraph)
        if table is not None and table.status in PROTECTED:
            found.append(AgreedChange(table.id, table.address, table.status, (proposal.id,),
                                      proposal.parties))
    return tuple(found)


def left_by(amendment: Amendment, cell: Paragraph, words: Words) -> str:
    """The text a proposal on a cell's words (in the cell view) leaves in the cell."""
    if amendment.edit is not None and not amendment.retains:
        return write(words, [amendment.edit]).text
    return amendment.operation.text or cell.text


def row_contests(target: Revision, proposals: Sequence[Proposal], view: Revision,
                 on_cells: dict[str, list[Amendment]],
                 named: dict[str, tuple[Paragraph, CellRef]]) -> list[rows.Contest]:
    """The contests over rows (`draftkit.rows`) among the row proposals that apply to
    `target` and the proposals on its cells (carried onto its cell `view`)."""
    rivals = []
    for key, found in on_cells.items():
        table, ref = named[key]
        cell = view.by_id(key)
        assert cell is not None and table.table is not None
        column = table.table.columns[table.table.column_index(ref.column) or 0].heading
        words = Words.of(cell.text)
        rivals += [(table.id, ref.row, rows.Rival(
            a.ids, a.parties, a.kind.value,
            f"retain column {column}" if a.retains else
            f'column {column}: "{left_by(a, cell, words)}"')) for a in found]
    return rows.contests(target, proposals, rivals)


def row_conflict(target: Revision, contest: rows.Contest) -> Conflict:
    """A contest over a row as a conflict: scope "row", the row's cells as its words."""
    paragraph = target.by_id(contest.table)
    assert paragraph is not None and paragraph.table is not None
    row = paragraph.table.rows[paragraph.table.row_index(contest.row) or 0]
    return Conflict(paragraph.id, f"{paragraph.address}, {rows.row_name(paragraph, row.id)}",
                    "row", " | ".join(row.cells), "the whole row",
                    tuple(Side(s.ids, s.parties, s.operation, s.wants) for s in contest.sides))
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


@frozen
class _Outcome:
    """What happens to one paragraph: its word edits (with the ids behind each), or a
    new text, or deletion, or a move."""

    edits: tuple[tuple[Edit, tuple[Amendment, ...]], ...] = ()
    text: tuple[str, tuple[Amendment, ...]] | None = None
    deleted: Amendment | None = None
    moved: Amendment | None = None


class _Resolver:
    """Decides each paragraph's outcome, collecting conflicts and who was applied."""

    def __init__(self, options: MergeOptions, address_of: Callable[[str], str]) -> None:
        self.options = options
        self.address_of = address_of
        self.applied: list[Amendment] = []
        self.bracketed: list[Amendment] = []
        self.set_aside: list[Amendment] = []
        self.lost_to: dict[str, tuple[str, ...]] = {}  # set aside: the preferred it lost to
        self.conflicts: list[Conflict] = []

    def paragraph(self, paragraph: Paragraph, words: Words,
                  amendments: Sequence[Amendment]) -> _Outcome:
        outcome = _Outcome()
        for chosen in self._resolve(paragraph, words, amendments):
            outcome = self._apply(outcome, chosen, paragraph, words)
        return outcome

    def _resolve(self, paragraph: Paragraph, words: Words,
                 amendments: Sequence[Amendment]) -> list[Amendment | _Bracket]:
        chosen: list[Amendment | _Bracket] = []
        for group in components([a for a in amendments if a.scope is not Scope.NEW]):
            if len(group) == 1:
                chosen += group
                continue
            preferred = [a for a in group if set(a.ids) & self.options.prefer]
            if preferred and not any(conflict(a, b) for a in preferred for b in preferred
                                     if a is not b):
                losers = [a for a in group if a not in preferred and
                          any(conflict(a, p) for p in preferred)]
                self.set_aside += losers
                for loser in losers:
                    winners = unique(i for p in preferred if conflict(loser, p) for i in p.ids)
                    self.lost_to.update((i, winners) for i in loser.ids)
                rest = [a for a in group if a not in preferred and a not in losers]
                chosen += preferred
                chosen += self._resolve(paragraph, words, rest)
            elif self.options.bracket and Scope.PLACEMENT not in {a.scope for a in group}:
                chosen.append(_Bracket(tuple(group)))
            else:
                self.conflicts.append(describe_conflict(paragraph, words, group,
                                                        self.address_of))
        return chosen

    def _apply(self, outcome: _Outcome, chosen: Amendment | _Bracket, paragraph: Paragraph,
               words: Words) -> _Outcome:
        if isinstance(chosen, _Bracket):
            self.bracketed += chosen.group
            if {a.scope for a in chosen.group} == {Scope.WORDS}:
                edit = _bracket_edit(chosen.group, words)
                if edit.text == words.span(edit.start, edit.end):
                    return outcome  # alternatives the text already brackets: left as they are
                return evolve(outcome, edits=(*outcome.edits, (edit, chosen.group)))
            return evolve(outcome, text=(_bracket_paragraph(chosen.group, paragraph, words),
                                         chosen.group))
        self.applied.append(chosen)
        kind = chosen.kind
        if chosen.edit is not None:
            if chosen.retains:
                return outcome
            return evolve(outcome, edits=(*outcome.edits, (chosen.edit, (chosen,))))
        if kind is OperationKind.DELETE_PARAGRAPH:
            return evolve(outcome, deleted=chosen)
        if kind is OperationKind.REPLACE_PARAGRAPH:
            return evolve(outcome, text=(chosen.operation.text, (chosen,)))
        if kind is OperationKind.MOVE:
            return evolve(outcome, moved=chosen)
        return outcome  # a retain of the whole paragraph changes nothing


@frozen
class _Bracket:
    """A conflict left in the text as bracketed alternatives."""

    group: tuple[Amendment, ...]


def _alternatives(options: Iterable[str]) -> str:
    return "[" + " / ".join(unique(o for o in options if o)) + "]"


def _bracket_edit(group: Sequence[Amendment], words: Words) -> Edit:
    """One edit writing the group's competing wordings as "[one / other]"; where the
    words are a set of bracketed alternatives already (`draftkit.brackets`), the new
    wordings join it in its own form ("[one] [other] [new]", "[one / other / new]")
    rather than a second layer of brackets, and choices among its alternatives leave
    it as it is."""
    start, end = word_region(group)
    original = words.span(start, end)
    found = set_at(words.text, *words.chars(start, end)) if start < end else None
    if found is not None:
        known = {" ".join(w.split()) for w in found.words(words.text)}
        new = unique(w for a in group if not a.retains
                     if (w := wording(a, words, start, end)) and " ".join(w.split()) not in known)
        if found.groups == 1 and len(found.alternatives) > 1:
            return Edit(start, end, original[:-1] + "".join(f" / {w}" for w in new) + "]")
        return Edit(start, end, original + "".join(f" [{w}]" for w in new))
    keeps = any(a.retains or (a.edit is not None and a.edit.is_deletion) for a in group)
    options = [original] if keeps else []
    options += [wording(a, words, start, end) for a in group if not a.retains]
    text = _alternatives(options)
    if start < end:
        return Edit(start, end, text)
    if start == 0:
        return Edit(0, 0, text + " ", Position.BEFORE)
    return Edit(start, start, " " + text, Position.AFTER)


def _bracket_paragraph(group: Sequence[Amendment], paragraph: Paragraph, words: Words) -> str:
    """The paragraph as "[edited / replacement …]": a deletion brackets what stays."""
    edits = [a for a in group if a.edit is not None and not a.retains]
    options: list[str] = []
    if any(a.retains for a in group):
        options.append(paragraph.text)
    if edits:
        inner = [_bracket_edit(g, words) if len(g) > 1 else g[0].edit
                 for g in components(edits)]
        options.append(write(words, [e for e in inner if e is not None]).text)
    options += [a.operation.text for a in group if a.kind is OperationKind.REPLACE_PARAGRAPH]
    return _alternatives(options or [paragraph.text])


@frozen
class _Entry:
    """A paragraph's place in the revision being assembled."""

    paragraph: Paragraph
    section: int
    new: bool = False
    moved: bool = False
    deleted: bool = False
    position: Position = Position.AFTER  # of a new or moved paragraph, next to its target


def on_words(proposals: Sequence[Proposal]) -> list[Proposal]:
    """The proposals on a paragraph's own words, which the word machinery carries: not on
    a cell, a table's rows or columns, or a form field."""
    return [p for p in proposals if p.cell is None and not rows.on_rows(p) and
            not columns.on_columns(p) and not field_changes.on_field(p)]


def _field_changes(target: Revision, proposals: Sequence[Proposal], options: MergeOptions
                   ) -> tuple[dict[str, field_changes.Resolution], list[Stale]]:
    """The change-field proposals that apply to `target`, resolved field by field, and
    those that are stale."""
    by_field: dict[str, list[Proposal]] = {}
    stale = []
    for proposal in (p for p in proposals if field_changes.on_field(p)):
        found = field_changes.stale(target, proposal)
        if found is not None:
            stale.append(found)
        else:
            by_field.setdefault(proposal.paragraph, []).append(proposal)
    return {pid: field_changes.resolve(found, options.prefer, options.bracket)
            for pid, found in by_field.items()}, stale


def _column_changes(target: Revision, proposals: Sequence[Proposal], options: MergeOptions,
                    history: History) -> tuple[list[Proposal], columns.Settled, list[Stale]]:
    """The column proposals that apply to `target` and are made; the deletions and the
    proposals on their cells' words settled by `prefer` (set aside, or left in conflict);
    and the stale column proposals."""
    live, stale = [], []
    for proposal in (p for p in proposals if columns.on_columns(p)):
        found = columns.stale(target, proposal, history.revisions.get(proposal.revision))
        if found is not None:
            stale.append(found)
        else:
            live.append(proposal)
    settled = columns.settle(columns.clashes([p for p in live if columns.deletes(p)],
                                             [p for p in proposals if p.cell is not None]),
                             options.prefer)
    aside, contested = columns.settle_contests(columns.contests(live), options.prefer)
    settled = evolve(settled, set_aside=(*settled.set_aside, *aside),
                     contested=tuple(contested))
    return [p for p in live if p.id not in settled.held], settled, stale


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


def merge(target: Revision, proposals: Sequence[Proposal], history: History,
          options: MergeOptions, tick: Tick | None = None) -> MergeResult:
    """The next revision with `proposals` applied to `target`, or why it cannot be made."""
    amendments, stale = carry_all(target, on_words(proposals), history, tick)
    columns_applied, columns_settled, column_stale = _column_changes(target, proposals,
                                                                     options, history)
    stale += column_stale
    view, on_cells, cell_stale = carry_cells(
        target, [p for p in proposals if p.id not in columns_settled.held], history, tick)
    stale += cell_stale
    on_rows = [p for p in proposals if rows.on_rows(p)]
    judged = [(p, rows.stale(target, p, history.revisions.get(p.revision))) for p in on_rows]
    stale += [found for _, found in judged if found is not None]
    fields, field_stale = _field_changes(target, proposals, options)
    stale += field_stale
    field_applied = [p for r in fields.values() for p in r.applied]
    index = {p.id: p for p in target.paragraphs()}
    named = cells.cells_of(target)
    settled = rows.settle(row_contests(target, [p for p, found in judged if found is None],
                                       view, on_cells, named),
                          options.prefer, options.bracket)
    held = settled.held_back
    rows_made = [p for p, found in judged if found is None and p.id not in held]
    aside = {i for i, _ in settled.set_aside}
    on_cells = {key: kept for key, found in on_cells.items()
                if (kept := [a for a in found if not set(a.ids) & aside])}

    def address_of(paragraph_id: str) -> str:
        found = index.get(paragraph_id)
        return found.address if found is not None else paragraph_id

    resolver = _Resolver(options, address_of)
    outcomes: dict[str, _Outcome] = {}
    words_of: dict[str, Words] = {}
    for paragraph in target.paragraphs():
        if paragraph.id in amendments:
            words_of[paragraph.id] = Words.of(paragraph.text)
            outcomes[paragraph.id] = resolver.paragraph(paragraph, words_of[paragraph.id],
                                                        amendments[paragraph.id])
    cell_texts: dict[str, str] = {}
    cell_changes: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    for cell in view.paragraphs():
        if cell.id in on_cells:
            words = Words.of(cell.text)
            found = _written(words, resolver.paragraph(cell, words, on_cells[cell.id]))
            if found is None:
                continue  # set aside or retained: the cell (perhaps blank) stays as it is
            cell_texts[cell.id], changes = found
            table, ref = named[cell.id]
            cell_changes[(table.id, ref.row, ref.column)] = changes
    adds = [a for found in amendments.values() for a in found if a.scope is Scope.NEW]
    resolver.applied += adds
    order = {p.id: n for n, p in enumerate(proposals)}
    applied = sorted(resolver.applied, key=lambda a: order[a.ids[0]])
    on_agreed = [p for p in on_rows if p.id in {*(p.id for p in rows_made),
                                                   *settled.bracketed}]
    on_agreed += [*field_applied, *columns_applied,
                  *(p for r in fields.values() for p in r.bracketed)]
    aside_too = [*((p.id, winners) for r in fields.values() for p, winners in r.set_aside),
                 *((p.id, winners) for p, winners in columns_settled.set_aside)]
    result = MergeResult(
        source=target.name, name=options.name, revision=None,
        applied=(*(i for a in applied for i in a.ids if i not in held),
                 *(p.id for p in rows_made), *(p.id for p in field_applied),
                 *(p.id for p in columns_applied)),
        combined=(*(a.ids for a in applied if len(a.ids) > 1),
                  *rows.identical(rows_made), *columns.identical(columns_applied)),
        conflicts=(*(cell_named(c, named) for c in resolver.conflicts),
                   *(row_conflict(target, c) for c in settled.conflicts),
                   *(field_conflict(index[c.paragraph], c, options.bracket)
                     for r in fields.values() for c in r.clashes),
                   *(column_conflict(index[c.paragraph], c, options.bracket)
                     for c in columns_settled.unresolved),
                   *(column_place_conflict(index[c.paragraph], c, options.bracket)
                     for c in columns_settled.contested)),
        stale=tuple(stale),
        bracketed=(*(i for a in resolver.bracketed for i in a.ids), *settled.bracketed,
                   *(p.id for r in fields.values() for p in r.bracketed)),
        set_aside=(*(i for a in resolver.set_aside for i in a.ids),
                   *(i for i, _ in settled.set_aside), *(i for i, _ in aside_too)),
        preferred=(*((i, resolver.lost_to[i]) for a in resolver.set_aside for i in a.ids),
                   *settled.set_aside, *aside_too))
    if result.conflicts or (result.stale and not options.skip_stale):
        return result if options.reopen else evolve(result, protected=(
            *_touching(target, amendments, set(result.set_aside)),
            *_on_tables(_touching(view, on_cells, set(result.set_aside)), named),
            *_rows_on_agreed(target, on_agreed)))
    taken = {p.id for r in history.revisions.values() for p in r.paragraphs()} | \
        {s.id for r in history.revisions.values() for s in r.sections} | set(index)
    row_ids = {r.id for revision in (*history.revisions.values(), target)
               for p in revision.paragraphs() if p.table is not None for r in p.table.rows}
    seed = f"{target.document}/{options.name}"
    written = rows.with_rows(cells.with_texts(target, cell_texts), rows_made, seed, row_ids,
                             options.identify, settled.rows)
    cell_changes |= _rows_written(target, written, [
        p for p in rows_made if p.operation.kind is OperationKind.ADD_ROW])
    column_ids = {c.id for revision in (*history.revisions.values(), target)
                  for p in revision.paragraphs() if p.table is not None for c in p.table.columns}
    try:
        written, added_columns = columns.with_columns(written, columns_applied, seed,
                                                      column_ids, options.identify)
        written = field_changes.with_fields(written, fields)
    except ValueError as error:
        raise DraftkitError(f"the merged revision is not valid: {error}") from None
    cell_changes |= _columns_written(written, columns_applied, added_columns)
    builder = _Builder(written, outcomes, words_of, taken, options)
    for add in sorted(adds, key=lambda a: order[a.ids[0]]):
        builder.add(add)
    for paragraph_id, outcome in outcomes.items():
        if outcome.moved is not None:
            builder.move(paragraph_id, outcome.moved)
    sections, labels = builder.sections(options.renumber)
    try:
        revision = Revision(document=target.document, name=options.name, date=options.date,
                            issued_by=options.issued_by, parent=target.name, note=options.note,
                            sections=sections)
    except ValueError as error:
        raise DraftkitError(f"the merged revision is not valid: {error}") from None
    agreed = (*_agreed_changes(target, sections, builder.changes),
              *_on_tables(_touching(view, on_cells, set(result.set_aside)), named),
              *_rows_on_agreed(target, on_agreed))
    if agreed and not options.reopen:
        return evolve(result, protected=agreed)
    revision = evolve(revision, sections=_reopen(sections, {c.paragraph for c in agreed}))
    before = {p.id: p.text for p in target.paragraphs()}
    untidy = tuple(Untidy(p.id, p.address, marks) for p in revision.paragraphs()
                   if (old := before.get(p.id)) is not None and old != p.text
                   and (marks := new_blemishes(old, p.text)))
    return evolve(result, revision=revision, labels=labels, untidy=untidy, reopened=agreed,
                  provenance=Provenance(options.name, target.name, builder.changes,
                                        builder.moves, cell_changes))


class _Builder:
    """Assembles the merged revision: texts, deletions, additions, moves, labels."""

    def __init__(self, target: Revision, outcomes: dict[str, _Outcome],
                 words_of: dict[str, Words], taken: set[str], options: MergeOptions) -> None:
        self.target = target
        self.taken = taken
        self.options = options
        self.changes: dict[str, tuple[Change, ...]] = {}
        self.moves: dict[str, Move] = {}  # who moved each paragraph moved
        self.entries: list[_Entry] = []
        for number, section in enumerate(target.sections):
            for paragraph in section.paragraphs:
                outcome = outcomes.get(paragraph.id, _Outcome())
                self.entries.append(_Entry(self._text(paragraph, outcome, words_of), number,
                                           deleted=outcome.deleted is not None))
                if outcome.deleted is not None:
                    self._credit(paragraph.id, Change(0, len(paragraph.text), 0, 0,
                                                      outcome.deleted.ids,
                                                      outcome.deleted.parties))
        self._after: dict[str, str] = {}

    def _credit(self, paragraph_id: str, change: Change) -> None:
        self.changes[paragraph_id] = (*self.changes.get(paragraph_id, ()), change)

    def _text(self, paragraph: Paragraph, outcome: _Outcome,
              words_of: dict[str, Words]) -> Paragraph:
        if outcome.text is None and not outcome.edits:
            return paragraph
        found = _written(words_of[paragraph.id], outcome)
        assert found is not None
        text, changes = found
        for change in changes:
            self._credit(paragraph.id, change)
        if not text.strip():
            raise DraftkitError(f"the proposals leave {paragraph.address} without words; "
                                f"delete the paragraph instead")
        return evolve(paragraph, text=text)

    def _position(self, paragraph_id: str) -> int:
        return next(n for n, e in enumerate(self.entries) if e.paragraph.id == paragraph_id)

    def add(self, amendment: Amendment) -> None:
        """A new paragraph next to its target; after it, following those added before."""
        target = amendment.proposals[0].paragraph
        at = self._position(target)
        section = self.entries[at].section
        if amendment.operation.position is not Position.BEFORE:
            at = self._position(self._after.get(target, target)) + 1
        seed = "/".join((self.target.document, self.options.name, *sorted(amendment.ids)))
        identity = self.options.identify(seed, self.taken)
        if identity in self.taken or not ID_PATTERN.fullmatch(identity):
            raise DraftkitError(f"the identity given to a new paragraph is not fresh: "
                                f"{identity!r}")
        self.taken.add(identity)
        text = amendment.operation.text
        self.entries.insert(at, _Entry(Paragraph(identity, None, text, Status.OPEN), section,
                                       new=True, position=amendment.operation.position or
                                       Position.AFTER))
        if amendment.operation.position is not Position.BEFORE:
            self._after[target] = identity
        self._credit(identity, _change(0, 0, 0, len(text), (amendment,)))

    def move(self, paragraph_id: str, amendment: Amendment) -> None:
        destination = amendment.operation.destination or ""
        if destination == paragraph_id:  # next to itself: it stays where it is
            return
        self.moves[paragraph_id] = Move(amendment.ids, amendment.parties)
        entry = self.entries.pop(self._position(paragraph_id))
        where = self._position(destination)
        position = amendment.operation.position or Position.AFTER
        self.entries.insert(where if position is Position.BEFORE else where + 1, attrs.evolve(
            entry, section=self.entries[where].section, moved=True, position=position))

    def sections(self, clean: bool) -> tuple[tuple[Section, ...], tuple[Relabel, ...]]:
        """The sections in their new order, and the labels that changed."""
        entries = [e for e in self.entries if not e.deleted]
        labels = [self._provisional(entries, n, clean) for n in range(len(entries))]
        if clean:
            labels = renumber(labels)
        else:
            for n, entry in enumerate(entries):
                if (entry.new or entry.moved) and (entry.new or entry.paragraph.label):
                    labels[n] = self._label_for(labels, n, entry)
        old = {p.id: p.label for p in self.target.paragraphs()}
        relabels = tuple(
            Relabel(e.paragraph.id, _str(old.get(e.paragraph.id)), _str(label))
            for e, label in zip(entries, labels, strict=True)
            if e.new or old.get(e.paragraph.id) != label)
        sections = tuple(
            evolve(section, paragraphs=tuple(
                evolve(e.paragraph, label=label) for e, label in zip(entries, labels, strict=True)
                if e.section == number))
            for number, section in enumerate(self.target.sections))
        return sections, relabels

    @staticmethod
    def _provisional(entries: list[_Entry], n: int, clean: bool) -> Label | None:
        """A kept label; when renumbering, a new paragraph takes its neighbour's to count on."""
        entry = entries[n]
        if not (entry.new or entry.moved):
            return entry.paragraph.label
        if not clean or (entry.moved and entry.paragraph.label is None):
            return None
        before = [e.paragraph.label for e in entries[:n][::-1]
                  if not (e.new or e.moved) and e.paragraph.label is not None]
        after = [e.paragraph.label for e in entries[n + 1:]
                 if not (e.new or e.moved) and e.paragraph.label is not None]
        near = after + before if entry.position is Position.BEFORE else before + after
        return near[0] if near else None

    @staticmethod
    def _label_for(labels: list[Label | None], n: int, entry: _Entry) -> Label | None:
        try:
            return label_next_to(labels, n, entry.position)
        except LabelError:
            what = "new" if entry.new else "moved"
            raise DraftkitError(f"no label fits the {what} paragraph {entry.paragraph.id} "
                                f"there; merge with --renumber") from None


def label_next_to(labels: list[Label | None], n: int, position: Position) -> Label | None:
    """The label for a paragraph placed at `n` next to its target: "Action 15 bis"
    before Action 16, "OP5 bis" (then "OP5 ter") after OP5. LabelError if none fits."""
    following = next((lb for lb in labels[n + 1:] if lb is not None), None)
    if position is Position.BEFORE and following is not None:
        return label_before(following, [lb for lb in labels if lb is not None and
                                        lb.family == following.family])
    previous = next((lb for lb in labels[n - 1::-1] if lb is not None), None) if n else None
    if previous is None:
        return insertion_label(labels, n)
    # Only labels numbered like `previous` can stand between it and its "bis": passing just
    # those keeps a thousand added paragraphs from costing a million comparisons.
    return label_after(previous, [lb for lb in labels if lb is not None and
                                  lb.number == previous.number and lb.family == previous.family])


def changes_words(amendment: Amendment) -> bool:
    """Whether an amendment changes its paragraph's words (a move, an added paragraph and
    a retain do not)."""
    if amendment.scope is Scope.WORDS:
        return not amendment.retains
    return amendment.kind in (OperationKind.DELETE_PARAGRAPH, OperationKind.REPLACE_PARAGRAPH)


def _touching(target: Revision, amendments: dict[str, list[Amendment]],
              excluded: set[str]) -> tuple[AgreedChange, ...]:
    """The agreed paragraphs the selected amendments would change (a merge that stops on
    conflicts or stale proposals reports them too)."""
    found = []
    for paragraph in target.paragraphs():
        if paragraph.status not in PROTECTED:
            continue
        changing = [a for a in amendments.get(paragraph.id, ())
                    if changes_words(a) and not set(a.ids) & excluded]
        if changing:
            found.append(AgreedChange(paragraph.id, paragraph.address, paragraph.status,
                                      unique(i for a in changing for i in a.ids),
                                      unique(p for a in changing for p in a.parties)))
    return tuple(found)


def _agreed_changes(target: Revision, sections: Sequence[Section],
                    changes: dict[str, tuple[Change, ...]]) -> tuple[AgreedChange, ...]:
    """The agreed paragraphs of `target` whose words the merged sections change or drop,
    with the proposals credited for it: what the merge did, whichever way it did it."""
    after = {p.id: p for section in sections for p in section.paragraphs}
    found = []
    for paragraph in target.paragraphs():
        now = after.get(paragraph.id)
        if paragraph.status not in PROTECTED or (now is not None and now.text == paragraph.text):
            continue
        credited = changes.get(paragraph.id, ())
        found.append(AgreedChange(paragraph.id, paragraph.address, paragraph.status,
                                  unique(i for c in credited for i in c.proposals),
                                  unique(p for c in credited for p in c.parties)))
    return tuple(found)


def _reopen(sections: tuple[Section, ...], reopened: set[str]) -> tuple[Section, ...]:
    """The sections with the reopened paragraphs open."""
    if not reopened:
        return sections
    return tuple(evolve(section, paragraphs=tuple(
        evolve(p, status=Status.OPEN) if p.id in reopened else p for p in section.paragraphs))
        for section in sections)


def _written(words: Words, outcome: _Outcome) -> tuple[str, tuple[Change, ...]] | None:
    """The text an outcome's new text or word edits leave, and the changes that made it
    (None: neither, the text stays)."""
    if outcome.text is not None:
        text, group = outcome.text
        return text, (_change(0, len(words.text), 0, len(text), group),)
    if not outcome.edits:
        return None
    written = write(words, [edit for edit, _ in outcome.edits])
    return written.text, tuple(
        _change(a, b, c, d, group) for (_, group), (a, b, c, d) in
        sorted(zip(outcome.edits, written.ranges, strict=True), key=lambda pair: pair[1]))


def _rows_written(target: Revision, written: Revision, added: Sequence[Proposal]
                  ) -> dict[tuple[str, str, str], tuple[Change, ...]]:
    """Each cell of each row added, written by the proposal that added it (the rows new
    in a table matched to its add-row proposals by their cells, in order)."""
    found: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    taken: set[str] = set()
    for proposal in added:
        before, after = target.by_id(proposal.paragraph), written.by_id(proposal.paragraph)
        assert before is not None and before.table is not None
        assert after is not None and after.table is not None
        texts = dict(proposal.operation.cells)
        wanted = tuple(texts.get(c.id, "") for c in after.table.columns)
        row = next(r for r in after.table.rows if before.table.row_index(r.id) is None
                   and r.cells == wanted and r.id not in taken)
        taken.add(row.id)
        for column, text in zip(after.table.columns, row.cells, strict=True):
            if text:
                found[(proposal.paragraph, row.id, column.id)] = (
                    Change(0, 0, 0, len(text), (proposal.id,), proposal.parties),)
    return found


def _columns_written(written: Revision, added: Sequence[Proposal], ids: dict[str, str]
                     ) -> dict[tuple[str, str, str], tuple[Change, ...]]:
    """Each cell with words of each column added, written by the proposal that added it
    (`ids`: the new column's id by proposal id)."""
    found: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    for proposal in added:
        table = written.by_id(proposal.paragraph)
        column = ids.get(proposal.id)
        if table is None or table.table is None or column is None:
            continue
        for row, text in proposal.operation.cells:
            if table.table.cell(row, column):
                found[(table.id, row, column)] = (
                    Change(0, 0, 0, len(text), (proposal.id,), proposal.parties),)
    return found


def _change(a: int, b: int, c: int, d: int, group: Sequence[Amendment]) -> Change:
    return Change(a, b, c, d, tuple(i for m in group for i in m.ids),
                  unique(p for m in group for p in m.parties))


def _str(label: Label | None) -> str | None:
    return None if label is None else str(label)

