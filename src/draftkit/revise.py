"""Carry paragraph identities into an edited text, so a new revision keeps its history.

A paragraph that kept its id keeps its identity. One written without an id
(typed in, or pasted from elsewhere) takes the identity of an unclaimed
paragraph of the previous revision when it is the same text, or the same
label with similar text, or clearly similar text; otherwise it is new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from difflib import SequenceMatcher

import attrs

from draftkit.labels import Label
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

    def first_unclaimed(olds: list[Paragraph]) -> Paragraph | None:
        return next((old for old in olds if old.id in unclaimed), None)

    by_text: dict[str, list[Paragraph]] = {}
    by_label: dict[Label, list[Paragraph]] = {}
    for old in unclaimed.values():
        by_text.setdefault(old.text, []).append(old)
        if old.label is not None:
            by_label.setdefault(old.label, []).append(old)
    for paragraph in written:
        same = first_unclaimed(by_text.get(paragraph.text, []))
        if same is not None:
            claim(paragraph, same)
    for paragraph in written:
        if paragraph.id in claimed or paragraph.label is None:
            continue
        same_label = first_unclaimed(by_label.get(paragraph.label, []))
        if same_label is not None and similarity(paragraph.text, same_label.text) >= \
                SAME_LABEL_SIMILARITY:
            claim(paragraph, same_label)
    similar = _Candidates(list(unclaimed.values()))
    for paragraph in written:
        if paragraph.id in claimed or not unclaimed:
            continue
        best: Paragraph | None = None
        score = 0.0
        for old, bound in similar.of(paragraph.text):
            if old.id not in unclaimed or (best is not None and bound <= score):
                continue
            alike = similarity(paragraph.text, old.text)
            if best is None or alike > score:
                best, score = old, alike
        if best is not None and score >= SIMILARITY:
            claim(paragraph, best)

    section_ids = {s.heading: s.id for s in previous.sections}
    return tuple(
        attrs.evolve(
            section,
            id=section_ids.get(section.heading, section.id) if section.id in fresh_ids
            else section.id,
            paragraphs=tuple(attrs.evolve(p, id=claimed[p.id]) if p.id in claimed else p
                             for p in section.paragraphs),
        )
        for section in sections
    )


class _Candidates:
    """The old paragraphs that could be `SIMILARITY` alike to a text, found through the
    words they share, in their order, each with a bound on its similarity: the share
    of words in common as multisets, which `similarity` never exceeds (the ratio it
    computes is at most that; below `SAME_LABEL_SIMILARITY` it is the ratio of
    lengths; no paragraph's text is blank). Every paragraph at least `SIMILARITY`
    alike is among them, so the best match found among them is the best of all,
    without comparing every written paragraph with every unclaimed one."""

    def __init__(self, olds: list[Paragraph]) -> None:
        self.olds = olds
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for index, old in enumerate(olds):
            counts = Counter(old.text.split())
            self.lengths.append(sum(counts.values()))
            for word, count in counts.items():
                self.postings.setdefault(word, []).append((index, count))

    def of(self, text: str) -> list[tuple[Paragraph, float]]:
        counts = Counter(text.split())
        length = sum(counts.values())
        shared: dict[int, int] = {}
        for word, count in counts.items():
            for index, other in self.postings.get(word, ()):
                shared[index] = shared.get(index, 0) + min(count, other)
        bounds = ((index, 2 * common / (length + self.lengths[index]))
                  for index, common in shared.items())
        return [(self.olds[index], bound) for index, bound in sorted(bounds)
                if bound >= SIMILARITY]
