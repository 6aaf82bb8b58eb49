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

The parts: proposals are carried onto the target by `draftkit.rebase`, each
paragraph's amendments settled by `draftkit.resolution`, conflicts described by
`draftkit.conflicts`, and proposals on tables and form fields merged by
`draftkit.tablemerge`; this module assembles the revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
from attrs import evolve, frozen

from draftkit import cells, columns, field_changes, rows
from draftkit.agreement import PROTECTED, AgreedChange
from draftkit.amendments import Amendment, Scope, unique
from draftkit.conflicts import (
    Conflict,
    cell_named,
    column_conflict,
    column_place_conflict,
    field_conflict,
    row_conflict,
)
from draftkit.edits import Words
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
from draftkit.rebase import History, Stale, Tick, carry_all
from draftkit.resolution import Outcome, Resolver, credited, write_outcome
from draftkit.tablemerge import (
    carry_cells,
    columns_written,
    on_tables,
    row_contests,
    rows_on_agreed,
    rows_written,
    settle_columns,
    settle_fields,
)
from draftkit.text import new_blemishes


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


def merge(target: Revision, proposals: Sequence[Proposal], history: History,
          options: MergeOptions, tick: Tick | None = None) -> MergeResult:
    """The next revision with `proposals` applied to `target`, or why it cannot be made."""
    amendments, stale, words_of = carry_all(target, on_words(proposals), history, tick)
    columns_applied, columns_settled, column_stale = settle_columns(
        target, proposals, options.prefer, history)
    stale += column_stale
    view, on_cells, cell_stale = carry_cells(
        target, [p for p in proposals if p.id not in columns_settled.held], history, tick)
    stale += cell_stale
    on_rows = [p for p in proposals if rows.on_rows(p)]
    judged = [(p, rows.stale(target, p, history.revisions.get(p.revision))) for p in on_rows]
    stale += [found for _, found in judged if found is not None]
    fields, field_stale = settle_fields(target, proposals, options.prefer, options.bracket)
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

    resolver = Resolver(options.prefer, options.bracket, address_of)
    outcomes: dict[str, Outcome] = {}
    for paragraph in target.paragraphs():
        if paragraph.id in amendments:
            outcomes[paragraph.id] = resolver.paragraph(paragraph, words_of[paragraph.id],
                                                        amendments[paragraph.id])
    cell_texts: dict[str, str] = {}
    cell_changes: dict[tuple[str, str, str], tuple[Change, ...]] = {}
    for cell in view.paragraphs():
        if cell.id in on_cells:
            words = Words.of(cell.text)
            found = write_outcome(words, resolver.paragraph(cell, words, on_cells[cell.id]))
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
            *on_tables(_touching(view, on_cells, set(result.set_aside)), named),
            *rows_on_agreed(target, on_agreed)))
    taken = {p.id for r in history.revisions.values() for p in r.paragraphs()} | \
        {s.id for r in history.revisions.values() for s in r.sections} | set(index)
    row_ids = {r.id for revision in (*history.revisions.values(), target)
               for p in revision.paragraphs() if p.table is not None for r in p.table.rows}
    seed = f"{target.document}/{options.name}"
    written = rows.with_rows(cells.with_texts(target, cell_texts), rows_made, seed, row_ids,
                             options.identify, settled.rows)
    cell_changes |= rows_written(target, written, [
        p for p in rows_made if p.operation.kind is OperationKind.ADD_ROW])
    column_ids = {c.id for revision in (*history.revisions.values(), target)
                  for p in revision.paragraphs() if p.table is not None for c in p.table.columns}
    try:
        written, added_columns = columns.with_columns(written, columns_applied, seed,
                                                      column_ids, options.identify)
        written = field_changes.with_fields(written, fields)
    except ValueError as error:
        raise DraftkitError(f"the merged revision is not valid: {error}") from None
    cell_changes |= columns_written(written, columns_applied, added_columns)
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
              *on_tables(_touching(view, on_cells, set(result.set_aside)), named),
              *rows_on_agreed(target, on_agreed))
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

    def __init__(self, target: Revision, outcomes: dict[str, Outcome],
                 words_of: dict[str, Words], taken: set[str], options: MergeOptions) -> None:
        self.target = target
        self.taken = taken
        self.options = options
        self.changes: dict[str, tuple[Change, ...]] = {}
        self.moves: dict[str, Move] = {}  # who moved each paragraph moved
        self.entries: list[_Entry] = []
        self.ids: list[str] = []  # each entry's paragraph id, to find it by (in C)
        for number, section in enumerate(target.sections):
            for paragraph in section.paragraphs:
                outcome = outcomes.get(paragraph.id, Outcome())
                self.ids.append(paragraph.id)
                self.entries.append(_Entry(self._text(paragraph, outcome, words_of), number,
                                           deleted=outcome.deleted is not None))
                if outcome.deleted is not None:
                    self._credit(paragraph.id, Change(0, len(paragraph.text), 0, 0,
                                                      outcome.deleted.ids,
                                                      outcome.deleted.parties))
        self._after: dict[str, str] = {}

    def _credit(self, paragraph_id: str, change: Change) -> None:
        self.changes[paragraph_id] = (*self.changes.get(paragraph_id, ()), change)

    def _text(self, paragraph: Paragraph, outcome: Outcome,
              words_of: dict[str, Words]) -> Paragraph:
        if outcome.text is None and not outcome.edits:
            return paragraph
        found = write_outcome(words_of[paragraph.id], outcome)
        assert found is not None
        text, changes = found
        for change in changes:
            self._credit(paragraph.id, change)
        if not text.strip():
            raise DraftkitError(f"the proposals leave {paragraph.address} without words; "
                                f"delete the paragraph instead")
        return evolve(paragraph, text=text)

    def _position(self, paragraph_id: str) -> int:
        return self.ids.index(paragraph_id)

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
        self.ids.insert(at, identity)
        self.entries.insert(at, _Entry(Paragraph(identity, None, text, Status.OPEN), section,
                                       new=True, position=amendment.operation.position or
                                       Position.AFTER))
        if amendment.operation.position is not Position.BEFORE:
            self._after[target] = identity
        self._credit(identity, credited(0, 0, 0, len(text), (amendment,)))

    def move(self, paragraph_id: str, amendment: Amendment) -> None:
        destination = amendment.operation.destination or ""
        if destination == paragraph_id:  # next to itself: it stays where it is
            return
        self.moves[paragraph_id] = Move(amendment.ids, amendment.parties)
        at = self._position(paragraph_id)
        entry = self.entries.pop(at)
        self.ids.pop(at)
        where = self._position(destination)
        position = amendment.operation.position or Position.AFTER
        place = where if position is Position.BEFORE else where + 1
        self.ids.insert(place, paragraph_id)
        self.entries.insert(place, attrs.evolve(entry, section=self.entries[where].section,
                                                moved=True, position=position))

    def sections(self, clean: bool) -> tuple[tuple[Section, ...], tuple[Relabel, ...]]:
        """The sections in their new order, and the labels that changed."""
        entries = [e for e in self.entries if not e.deleted]
        labels = [self._provisional(entries, n, clean) for n in range(len(entries))]
        if clean:
            labels = renumber(labels)
        else:
            placer = LabelPlacer(labels)
            for n, entry in enumerate(entries):
                if (entry.new or entry.moved) and (entry.new or entry.paragraph.label):
                    self._label_for(placer, n, entry)
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
    def _label_for(placer: LabelPlacer, n: int, entry: _Entry) -> Label | None:
        try:
            return placer.place(n, entry.position)
        except LabelError:
            what = "new" if entry.new else "moved"
            raise DraftkitError(f"no label fits the {what} paragraph {entry.paragraph.id} "
                                f"there; merge with --renumber") from None


class LabelPlacer:
    """Labels for paragraphs placed one by one among `labels`, which it fills in:
    "Action 15 bis" before Action 16, "OP5 bis" (then "OP5 ter") after OP5.

    The labels in use are kept by number as they are given, so that labelling each of
    a thousand paragraphs added after others (the common case) looks only at the labels
    it could clash with: looking at every label was a million comparisons. A paragraph
    placed before another still looks at that one's whole family."""

    def __init__(self, labels: list[Label | None]) -> None:
        self.labels = labels
        self._numbered: dict[tuple[object, ...], list[Label]] = {}
        for label in labels:
            self._keep(label)

    def place(self, n: int, position: Position) -> Label | None:
        """Give the paragraph at `n` its label (None where the revision has none), and
        return it; LabelError, and nothing changed, if none fits."""
        labels = self.labels
        following = _nearest(labels, n + 1, 1)
        if position is Position.BEFORE and following is not None:
            label: Label | None = label_before(following, [
                lb for lb in labels if lb is not None and lb.family == following.family])
        elif (previous := _nearest(labels, n - 1, -1)) is None:
            label = insertion_label(labels, n)
        else:
            label = label_after(previous, self._numbered.get(_number(previous), []))
        labels[n] = label
        self._keep(label)
        return label

    def _keep(self, label: Label | None) -> None:
        if label is not None:
            self._numbered.setdefault(_number(label), []).append(label)


def _number(label: Label) -> tuple[object, ...]:
    """What labels that can clash with `label`'s "bis" share: family and number."""
    return label.family, label.number


def _nearest(labels: list[Label | None], start: int, step: int) -> Label | None:
    """The first label from `start` on, going by `step` (1 forward, -1 back)."""
    while 0 <= start < len(labels):
        if labels[start] is not None:
            return labels[start]
        start += step
    return None


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


def _str(label: Label | None) -> str | None:
    return None if label is None else str(label)

