"""Wording shared by the diff renderers: change notes and attributions, as plain text."""

from __future__ import annotations

from draftkit.docdiff import ParagraphDiff, SectionDiff
from draftkit.textdiff import Span


def attribution(span: Span) -> str:
    """Who made a change: "NOR-3, EU-1: NOR, EU"; empty when unknown."""
    return ": ".join(part for part in (", ".join(span.proposals), ", ".join(span.parties))
                     if part)


def change_note(paragraph: ParagraphDiff) -> str:
    """The kinds of change, the status one spelled out: "modified, status open → agreed"."""
    notes = []
    for kind in paragraph.change:
        if kind == "unchanged":
            continue
        if kind == "status" and paragraph.from_status and paragraph.to_status:
            notes.append(f"status {paragraph.from_status.value} → {paragraph.to_status.value}")
        else:
            notes.append(kind)
    return ", ".join(notes)


def section_note(section: SectionDiff) -> str:
    """ "renamed, renumbered III → IV", or empty when unchanged."""
    notes = []
    for kind in section.change:
        if kind == "renumbered":
            notes.append(f"renumbered {section.number_change}")
        elif kind != "unchanged":
            notes.append(kind)
    return ", ".join(notes)
