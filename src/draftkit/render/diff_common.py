"""Wording shared by the diff renderers: change notes and attributions, as plain text."""

from __future__ import annotations

from collections import Counter

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff
from draftkit.tablediff import FieldDiff, field_summary
from draftkit.textdiff import Span
from draftkit.vocabulary import quantity

# The kinds of change whose proposers are not shown on the spans (the words are).
NOT_ON_SPANS = ("moved", "relabelled", "status")
AGREED_CHANGED = "AGREED WORDS CHANGED without a recorded reopening"


def attribution(span: Span) -> str:
    """Who made a change: "NOR-3, EU-1: NOR, EU"; empty when unknown."""
    return who(span.proposals, span.parties)


def who(proposals: tuple[str, ...], parties: tuple[str, ...]) -> str:
    """ "NOR-3, EU-1: NOR, EU"; empty when neither is known."""
    return ": ".join(part for part in (", ".join(proposals), ", ".join(parties)) if part)


def change_notes(paragraph: ParagraphDiff) -> list[tuple[str, str]]:
    """The kinds of change, the status one spelled out, each with who made it where the
    spans do not show it: [("moved", "AUT-ggtc: AUT"), ("relabelled", "AUT-ggtc: AUT")]."""
    notes = []
    for kind in paragraph.change:
        if kind == "unchanged":
            continue
        credit = paragraph.credit(kind) if kind in NOT_ON_SPANS else None
        by = who(credit.proposals, credit.parties) if credit is not None else ""
        if kind == "status" and paragraph.from_status and paragraph.to_status:
            notes.append((f"status {paragraph.from_status.title} → "
                          f"{paragraph.to_status.title}", by))
        else:
            notes.append((kind, by))
    if paragraph.agreed_changed:
        notes.append((AGREED_CHANGED, ""))
    return notes


def change_note(paragraph: ParagraphDiff) -> str:
    """The kinds of change as plain text: "modified, status open → agreed", "moved
    ‹AUT-ggtc: AUT›, relabelled ‹AUT-ggtc: AUT›"."""
    return ", ".join(note + (f" ‹{by}›" if by else "") for note, by in change_notes(paragraph))


def part_note(change: tuple[str, ...]) -> str:
    """A table row's or column's kinds of change ("moved, modified"); empty if unchanged."""
    return ", ".join(kind for kind in change if kind != "unchanged")


def field_note(form: FieldDiff) -> str:
    """What a form field asks for, and how that changed: "field: text → choice: yes / no";
    a field made required says so ("text; voluntary → text; required")."""
    sides = [field_summary(f) + ("; required" if "voluntary" in form.change and
                                 not f.voluntary else "")
             for f in (form.from_field, form.to_field) if f is not None]
    if len(sides) == 1 or sides[0] == sides[1]:
        return f"field: {sides[-1]}"
    return f"field: {sides[0]} → {sides[1]}"


def section_note(section: SectionDiff) -> str:
    """ "renamed, renumbered III → IV", or empty when unchanged."""
    notes = []
    for kind in section.change:
        if kind == "renumbered":
            notes.append(f"renumbered {section.number_change}")
        elif kind != "unchanged":
            notes.append(kind)
    return ", ".join(notes)


PLACED_ONLY = frozenset({"relabelled", "status"})
KIND_ORDER = ("modified", "inserted", "deleted", "moved", "relabelled", "status")


def placed_only(paragraph: ParagraphDiff) -> bool:
    """Changed only in its label or its status, not in its words or its place."""
    return paragraph.changed and set(paragraph.change) <= PLACED_ONLY


def text_changes(compared: DocumentDiff) -> tuple[DocumentDiff, int]:
    """The diff without the paragraphs only relabelled or given a new status (`diff
    --changes text`), and how many it leaves out."""
    hidden = {p.id for p in compared.paragraphs if placed_only(p)}
    if not hidden:
        return compared, 0
    kept = {p.id for p in compared.paragraphs if p.id not in hidden}
    return compared.restricted(kept), len(hidden)


def summary(compared: DocumentDiff, hidden: int = 0) -> str:
    """One line: "3 paragraphs changed: 1 modified, 1 inserted, 2 relabelled"; with what
    `--changes text` left out, and "No differences." when nothing changed."""
    changed = [p for p in compared.paragraphs if p.changed]
    kinds: Counter[str] = Counter(kind for p in changed for kind in p.change)
    line = "No differences" if not changed else (
        f"{quantity(len(changed), 'paragraph')} changed: "
        + ", ".join(f"{kinds[k]} {'status changed' if k == 'status' else k}"
                    for k in KIND_ORDER if kinds[k]))
    sections = sum(1 for s in compared.sections if s.changed)
    if sections:
        line += f"; {quantity(sections, 'section')} changed"
    if hidden:
        line += (f"; {quantity(hidden, 'paragraph')} only relabelled or given a new status, "
                 f"not shown")
    return line + "."
