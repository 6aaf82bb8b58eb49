"""Carry paragraph identities into an edited text, so a new revision keeps its history.

A paragraph that kept its id keeps its identity. One written without an id
(typed in, or pasted from elsewhere) takes the identity of an unclaimed
paragraph of the previous revision when it is the same text, or the same
label with similar text, or clearly similar text; otherwise it is new.
"""

from __future__ import annotations

from collections.abc import Collection
from difflib import SequenceMatcher

import attrs

from draftkit.model import Paragraph, Revision, Section

SAME_LABEL_SIMILARITY = 0.5
SIMILARITY = 0.6


def similarity(a: str, b: str) -> float:
    """How alike two paragraphs are, word by word (0 to 1)."""
    matcher = SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    if matcher.real_quick_ratio() < SAME_LABEL_SIMILARITY:
        return matcher.real_quick_ratio()
    return matcher.ratio()


def carry_identities(previous: Revision, sections: tuple[Section, ...],
                     fresh_ids: Collection[str]) -> tuple[Section, ...]:
    """`sections` with each fresh id replaced by the matching old identity, if any."""
    written = [p for s in sections for p in s.paragraphs if p.id in fresh_ids]
    kept = {p.id for s in sections for p in s.paragraphs if p.id not in fresh_ids}
    unclaimed = {p.id: p for p in previous.paragraphs() if p.id not in kept}
    claimed: dict[str, str] = {}

    def claim(paragraph: Paragraph, old: Paragraph) -> None:
        claimed[paragraph.id] = old.id
        del unclaimed[old.id]

    by_text: dict[str, list[Paragraph]] = {}
    for old in unclaimed.values():
        by_text.setdefault(old.text, []).append(old)
    for paragraph in written:
        same = [old for old in by_text.get(paragraph.text, []) if old.id in unclaimed]
        if same:
            claim(paragraph, same[0])
    for paragraph in written:
        if paragraph.id in claimed or paragraph.label is None:
            continue
        same_label = [old for old in unclaimed.values() if old.label == paragraph.label]
        if same_label and similarity(paragraph.text, same_label[0].text) >= \
                SAME_LABEL_SIMILARITY:
            claim(paragraph, same_label[0])
    for paragraph in written:
        if paragraph.id in claimed or not unclaimed:
            continue
        best = max(unclaimed.values(), key=lambda old: similarity(paragraph.text, old.text))
        if similarity(paragraph.text, best.text) >= SIMILARITY:
            claim(paragraph, best)

    section_ids = {s.heading: s.id for s in previous.sections}
    return tuple(
        attrs.evolve(
            section,
            id=section_ids.get(section.heading, section.id) if section.id in fresh_ids
            else section.id,
            paragraphs=tuple(attrs.evolve(p, id=claimed.get(p.id, p.id))
                             for p in section.paragraphs),
        )
        for section in sections
    )
