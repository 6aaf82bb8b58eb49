"""Two revisions → a DocumentDiff: paragraphs and sections aligned by identity.

Paragraphs are matched by `Paragraph.id`, never by position or label, so a
renumbered paragraph is "relabelled", not deleted and inserted. The kinds of
change of a paragraph present on both sides combine:

- "modified": its text changed (the spans say how, word by word);
- "moved": its place changed, meaning its section, or its order among the
  paragraphs both revisions share; the order is judged against a longest
  increasing subsequence, so moving one paragraph marks only that one;
- "relabelled": its label changed ("OP5 bis" → "OP6");
- "status": its negotiation status changed (open, ad-ref, agreed);

and "unchanged" when none applies. A paragraph on one side only is "inserted"
or "deleted". Sections are matched by id the same way and may be "inserted",
"deleted", "renamed" (heading), "renumbered" or "moved".

Order: the TO revision's, each deleted paragraph (or section) placed after the
nearest unmoved one that preceded it in FROM.

A `Provenance` of TO against FROM names, for each changed span, the proposals
and parties whose changes overlap it (a span covering two changes names both),
and, for each paragraph, who made each kind of change to it (`credits`): its
words, its insertion or deletion, its move, and the label it was given where
it was added or moved to. A label changed only by renumbering, and a status
change, are no proposal's. A paragraph the provenance says was moved is the
one shown as moved (not a neighbour a longest increasing subsequence would
pick instead). A table's cell spans are named the same way, after the changes
the merge recorded in that cell (`Provenance.cells`).
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from typing import Literal

import attrs
from attrs import frozen

from draftkit.errors import DraftkitError
from draftkit.labels import Label
from draftkit.model import SLUG_PATTERN, Paragraph, Revision, Section, Status, display_name
from draftkit.ordering import interleave, kept_in_order
from draftkit.provenance import Change, Move, Provenance
from draftkit.tablediff import FieldDiff, TableDiff, field_diff, table_diff
from draftkit.textdiff import Span
from draftkit.textdiff import diff as text_diff

ChangeKind = Literal["unchanged", "modified", "inserted", "deleted", "moved", "relabelled",
                     "status"]
SectionChange = Literal["unchanged", "inserted", "deleted", "renamed", "renumbered", "moved"]


def address(label: Label | None, paragraph_id: str) -> str:
    """How a paragraph is cited: its label, or "#id" when it has none (a chapeau)."""
    return str(label) if label is not None else f"#{paragraph_id}"


@frozen
class Credit:
    """Who made one kind of change to a paragraph: the proposals and their parties."""

    kind: ChangeKind
    proposals: tuple[str, ...]
    parties: tuple[str, ...] = ()


@frozen
class ParagraphDiff:
    """One paragraph identity across the two revisions (None where it is absent).

    `credits` name, for each kind of change whose proposers are known, who made it.
    """

    id: str
    from_label: Label | None
    to_label: Label | None
    from_section: str | None
    to_section: str | None
    from_status: Status | None
    to_status: Status | None
    change: tuple[ChangeKind, ...]
    spans: tuple[Span, ...]
    credits: tuple[Credit, ...] = ()
    # Its words were agreed (or ad ref) in FROM and changed without a recorded reopening
    # (set by `compare`, which knows the decisions and merge records).
    agreed_changed: bool = False
    # A table or form field on either side: its cells or its field, diffed (tablediff).
    table: TableDiff | None = None
    form: FieldDiff | None = None

    @property
    def changed(self) -> bool:
        return self.change != ("unchanged",)

    def credit(self, kind: ChangeKind) -> Credit | None:
        """Who made this kind of change, if known."""
        return next((c for c in self.credits if c.kind == kind), None)

    @property
    def proposals(self) -> tuple[str, ...]:
        """Every proposal behind a change of this paragraph."""
        return _unique(p for c in self.credits for p in c.proposals)

    @property
    def parties(self) -> tuple[str, ...]:
        """Every party behind a change of this paragraph."""
        return _unique(p for c in self.credits for p in c.parties)

    @property
    def section(self) -> str:
        """The section it is shown in: its TO section, or its FROM one if deleted."""
        section = self.to_section or self.from_section
        assert section is not None
        return section

    @property
    def from_text(self) -> str:
        return "".join(span.text for span in self.spans if span.op != "insert")

    @property
    def to_text(self) -> str:
        return "".join(span.text for span in self.spans if span.op != "delete")

    @property
    def heading(self) -> str:
        """Its address, both when relabelled: "Action 26 → Action 27"."""
        if "inserted" in self.change:
            return address(self.to_label, self.id)
        if "relabelled" in self.change:
            return f"{address(self.from_label, self.id)} → {address(self.to_label, self.id)}"
        return address(self.from_label, self.id)


@frozen
class SectionDiff:
    id: str
    from_number: str | None
    to_number: str | None
    from_heading: str | None
    to_heading: str | None
    change: tuple[SectionChange, ...]
    heading_spans: tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return self.change != ("unchanged",)

    @property
    def title(self) -> str:
        """The section's title in TO (in FROM if deleted): "III. Universalization"."""
        deleted = "deleted" in self.change
        number = self.from_number if deleted else self.to_number
        heading = self.from_heading if deleted else self.to_heading
        return f"{number}. {heading}" if number else heading or ""

    @property
    def number_change(self) -> str | None:
        """ "III → IV" when renumbered, else None."""
        if "renumbered" not in self.change:
            return None
        return f"{self.from_number or '-'} → {self.to_number or '-'}"


@frozen
class SectionStat:
    """How many paragraphs of a section changed, by kind, and how many words."""

    section: str
    title: str
    paragraphs: int
    inserted: int
    deleted: int
    modified: int
    moved: int
    relabelled: int
    status: int
    words_inserted: int
    words_deleted: int


@frozen
class DocumentDiff:
    document: str
    from_name: str
    to_name: str
    sections: tuple[SectionDiff, ...]
    paragraphs: tuple[ParagraphDiff, ...]

    @property
    def from_title(self) -> str:
        return _title(self.from_name)

    @property
    def to_title(self) -> str:
        return _title(self.to_name)

    @property
    def has_changes(self) -> bool:
        return any(p.changed for p in self.paragraphs) or any(s.changed for s in self.sections)

    def grouped(self, paragraphs: Iterable[ParagraphDiff] | None = None
                ) -> Iterator[tuple[SectionDiff, list[ParagraphDiff]]]:
        """Sections in order with their paragraphs (those given, by default all);
        sections with none of those are left out unless they changed themselves."""
        by_section: dict[str, list[ParagraphDiff]] = {}
        for paragraph in self.paragraphs if paragraphs is None else paragraphs:
            by_section.setdefault(paragraph.section, []).append(paragraph)
        for section in self.sections:
            if section.id in by_section or section.changed:
                yield section, by_section.get(section.id, [])

    def visible(self, context: int | None) -> list[ParagraphDiff]:
        """The changed paragraphs with `context` unchanged ones around each (None: all)."""
        if context is None:
            return list(self.paragraphs)
        changed = [i for i, p in enumerate(self.paragraphs) if p.changed]
        shown = {i for c in changed for i in range(c - context, c + context + 1)}
        return [p for i, p in enumerate(self.paragraphs) if i in shown]

    def restricted(self, paragraphs: Collection[str] | None = None,
                   sections: Collection[str] | None = None) -> DocumentDiff:
        """Only the paragraphs with these ids and in these sections (None: no limit),
        with their sections."""
        kept = tuple(p for p in self.paragraphs
                     if (paragraphs is None or p.id in paragraphs)
                     and (sections is None or {p.from_section, p.to_section} & set(sections)))
        section_ids = {p.section for p in kept} | (set(sections) if sections else set())
        return attrs.evolve(self, paragraphs=kept,
                            sections=tuple(s for s in self.sections if s.id in section_ids))

    def stat(self) -> tuple[SectionStat, ...]:
        """Counts per section, in order; a paragraph counts once under each of its kinds."""
        return tuple(_section_stat(section, paragraphs)
                     for section, paragraphs in self.grouped())


def diff(a: Revision, b: Revision, provenance: Provenance | None = None) -> DocumentDiff:
    """How revision `b` differs from `a`; `provenance` (of `b` against `a`) attributes it."""
    if provenance is not None and (provenance.parent, provenance.revision) != (a.name, b.name):
        raise DraftkitError(f"the provenance given is of {provenance.revision} against "
                            f"{provenance.parent}, not of {b.name} against {a.name}")
    # Paragraphs and their sections by id in two maps, not one of pairs: a pair per
    # paragraph kept alive for the whole diff would feed the garbage collector's counts.
    old, new = {p.id: p for p in a.paragraphs()}, {p.id: p for p in b.paragraphs()}
    old_in, new_in = {p.id: s for s, p in a.located()}, {p.id: s for s, p in b.located()}
    stable = _unmoved(list(old), list(new), provenance.moves if provenance else {})
    sections = _section_diffs(a.sections, b.sections)
    old_sections = {s.id: s for s in a.sections}
    new_sections = {s.id: s for s in b.sections}
    gone = old.keys() - new.keys()
    in_cells: dict[str, dict[tuple[str, str], tuple[Change, ...]]] = {}
    for (table, row, column), changes in (provenance.cells.items() if provenance else ()):
        in_cells.setdefault(table, {})[(row, column)] = changes
    paragraphs = []
    for section in sections:
        before = old_sections.get(section.id)
        after = new_sections.get(section.id)
        for paragraph_id in interleave(
                [p.id for p in before.paragraphs] if before else [],
                [p.id for p in after.paragraphs] if after else [],
                gone=gone, anchors=stable):
            paragraphs.append(_paragraph_diff(
                paragraph_id, old_in.get(paragraph_id), old.get(paragraph_id),
                new_in.get(paragraph_id), new.get(paragraph_id), stable,
                provenance.for_paragraph(paragraph_id) if provenance else (),
                provenance.moved_by(paragraph_id) if provenance else None,
                in_cells.get(paragraph_id)))
    return DocumentDiff(b.document, a.name, b.name, tuple(sections), tuple(paragraphs))


def moved(a: Revision, b: Revision, recorded: Collection[str] = ()) -> set[str]:
    """The paragraphs of both `a` and `b` that `b` moved: to another section, or out of
    their order among the paragraphs both share. `recorded` are those a proposal is
    known to have moved (they, rather than their neighbours, are taken as moved)."""
    old = {p.id: s.id for s, p in a.located()}
    new = {p.id: s.id for s, p in b.located()}
    stable = _unmoved(list(old), list(new), recorded)
    return {pid for pid in old if pid in new and (pid not in stable or old[pid] != new[pid])}


def _unmoved(old: Sequence[str], new: Sequence[str], recorded: Collection[str]) -> set[str]:
    """The paragraphs of both that kept their order: a longest increasing subsequence of
    those no proposal moved, then each one a proposal moved that still stands between
    the same unmoved neighbours (moved next to itself, in effect)."""
    new_position = {paragraph_id: i for i, paragraph_id in enumerate(new)}
    shared = [paragraph_id for paragraph_id in old if paragraph_id in new_position]
    stable = kept_in_order([p for p in shared if p not in recorded], new_position)
    for index, paragraph_id in enumerate(shared):
        if paragraph_id not in recorded:
            continue
        before = next((p for p in reversed(shared[:index]) if p in stable), None)
        after = next((p for p in shared[index + 1:] if p in stable), None)
        here = new_position[paragraph_id]
        if (before is None or new_position[before] < here) and \
                (after is None or here < new_position[after]):
            stable.add(paragraph_id)
    return stable


def _paragraph_diff(paragraph_id: str, old_section: Section | None, old: Paragraph | None,
                    new_section: Section | None, new: Paragraph | None,
                    stable: Container[str], changes: Sequence[Change], move: Move | None = None,
                    in_cells: Mapping[tuple[str, str], Sequence[Change]] | None = None,
                    ) -> ParagraphDiff:
    kinds: list[ChangeKind] = []
    if old is None or new is None:
        kinds.append("inserted" if old is None else "deleted")
    else:
        assert old_section is not None and new_section is not None
        if old.text != new.text or old.table != new.table or old.form != new.form:
            kinds.append("modified")
        if paragraph_id not in stable or old_section.id != new_section.id:
            kinds.append("moved")
        if old.label != new.label:
            kinds.append("relabelled")
        if old.status != new.status:
            kinds.append("status")
        if "modified" not in kinds and move is None and old.table is None and \
                old.form is None:
            # The common case, and the cheap one (a diff meets every paragraph of a text):
            # the words unchanged, so no one's, and no one recorded as moving it.
            return ParagraphDiff(paragraph_id, old.label, new.label, old_section.id,
                                 new_section.id, old.status, new.status,
                                 tuple(kinds) or ("unchanged",),
                                 (Span("equal", old.text),) if old.text else ())
    spans = text_diff(old.text if old else "", new.text if new else "")
    tables, forms = _content_diffs(old, new)
    if changes:
        spans = _attribute(spans, changes)
    if tables is not None and in_cells:
        tables = _attributed_cells(tables, in_cells)
    return ParagraphDiff(
        id=paragraph_id,
        from_label=old.label if old else None, to_label=new.label if new else None,
        from_section=old_section.id if old_section else None,
        to_section=new_section.id if new_section else None,
        from_status=old.status if old else None, to_status=new.status if new else None,
        change=tuple(kinds) or ("unchanged",),
        spans=spans,
        credits=_credits(kinds, spans, move),
        table=tables, form=forms,
    )


def _content_diffs(old: Paragraph | None, new: Paragraph | None
                   ) -> tuple[TableDiff | None, FieldDiff | None]:
    """A table's or form field's diff, where either side is one (tablediff)."""
    tables = (old.table if old else None, new.table if new else None)
    forms = (old.form if old else None, new.form if new else None)
    if tables == (None, None) and forms == (None, None):
        return None, None
    return (table_diff(*tables) if tables != (None, None) else None,
            field_diff(*forms) if forms != (None, None) else None)


def _credits(kinds: Sequence[ChangeKind], spans: Sequence[Span],
             move: Move | None) -> tuple[Credit, ...]:
    """Who made each kind of change: the words' (an insertion's, a deletion's) from the
    spans; a move's from the record, with the label the paragraph took where it went."""
    credits = []
    for kind in kinds:
        if kind in ("modified", "inserted", "deleted"):
            proposals = _unique(p for s in spans for p in s.proposals)
            parties = _unique(p for s in spans for p in s.parties)
        elif kind in ("moved", "relabelled") and move is not None:
            proposals, parties = move.proposals, move.parties
        else:
            continue
        if proposals or parties:
            credits.append(Credit(kind, proposals, parties))
    return tuple(credits)


def _section_diffs(old: Sequence[Section], new: Sequence[Section]) -> list[SectionDiff]:
    before = {s.id: s for s in old}
    after = {s.id: s for s in new}
    stable = kept_in_order([s.id for s in old if s.id in after],
                       {s.id: i for i, s in enumerate(new)})
    result = []
    for section_id in interleave([s.id for s in old], [s.id for s in new],
                                  gone=before.keys() - after.keys(), anchors=stable):
        was, now = before.get(section_id), after.get(section_id)
        kinds: list[SectionChange] = []
        if was is None or now is None:
            kinds.append("inserted" if was is None else "deleted")
        else:
            if was.heading != now.heading:
                kinds.append("renamed")
            if was.number != now.number:
                kinds.append("renumbered")
            if section_id not in stable:
                kinds.append("moved")
        result.append(SectionDiff(
            id=section_id,
            from_number=was.number if was else None, to_number=now.number if now else None,
            from_heading=was.heading if was else None, to_heading=now.heading if now else None,
            change=tuple(kinds) or ("unchanged",),
            heading_spans=text_diff(was.heading if was else "", now.heading if now else ""),
        ))
    return result


def _title(name: str) -> str:
    """ "Rev.1" for a revision name; anything else (a file compared) as it is."""
    return display_name(name) if SLUG_PATTERN.fullmatch(name) else name


def _attribute(spans: Sequence[Span], changes: Sequence[Change]) -> tuple[Span, ...]:
    """Each inserted (deleted) span named after the changes whose new (old) range it overlaps."""
    result = []
    old_at = new_at = 0
    for span in spans:
        size = len(span.text)
        if span.op == "equal":
            result.append(span)
            old_at, new_at = old_at + size, new_at + size
            continue
        if span.op == "delete":
            hits = [c for c in changes if c.old_start < old_at + size and old_at < c.old_end]
            old_at += size
        else:
            hits = [c for c in changes if c.new_start < new_at + size and new_at < c.new_end]
            new_at += size
        result.append(attrs.evolve(
            span, proposals=_unique(p for c in hits for p in c.proposals),
            parties=_unique(p for c in hits for p in c.parties)))
    return tuple(result)


def _attributed_cells(table: TableDiff, changes: Mapping[tuple[str, str], Sequence[Change]]
                      ) -> TableDiff:
    """Each cell's spans named after the changes the merge recorded in that cell (by row
    and column id: `Provenance.cells`)."""
    return attrs.evolve(table, rows=tuple(attrs.evolve(row, cells=tuple(
        attrs.evolve(cell, spans=_attribute(cell.spans, changes[(row.id, cell.column)]))
        if (row.id, cell.column) in changes else cell for cell in row.cells))
        for row in table.rows))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _section_stat(section: SectionDiff, paragraphs: Sequence[ParagraphDiff]) -> SectionStat:
    def count(kind: ChangeKind) -> int:
        return sum(kind in p.change for p in paragraphs)

    def words(op: str) -> int:
        return sum(len(s.text.split()) for p in paragraphs for s in p.spans if s.op == op)

    return SectionStat(section.id, section.title, len(paragraphs), count("inserted"),
                       count("deleted"), count("modified"), count("moved"),
                       count("relabelled"), count("status"), words("insert"), words("delete"))
