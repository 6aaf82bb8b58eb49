"""How the site names paragraphs to readers, and the file and anchor names it gives them.

A reader never sees a paragraph's internal id: a labelled paragraph is its label
("Action 27"), an unlabelled one is named by where it stands ("chapeau of section
III", "unnumbered paragraph 2 of section III"). File and anchor names are made
from those names ("action-27", "chapeau-of-section-iii"), unique within a
document, so a page's address says what it is about. A slug holds only a-z, 0-9
and "-": the pages' own anchors have a "_" ("section_2", "change_5"), so no
paragraph's anchor ever takes theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from draftkit.model import Paragraph, Revision, Section

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def reader_address(section: Section, paragraph: Paragraph) -> str:
    """The paragraph as a reader cites it: its label, else its place in its section."""
    if paragraph.label is not None:
        return str(paragraph.label)
    where = f"section {section.number}" if section.number else f"“{section.heading}”"
    if section.paragraphs and section.paragraphs[0].id == paragraph.id:
        return f"chapeau of {where}"
    unlabelled = [p.id for p in section.paragraphs if p.label is None]
    return f"unnumbered paragraph {unlabelled.index(paragraph.id) + 1} of {where}"


def addresses(revision: Revision) -> dict[str, str]:
    """Every paragraph of a revision: id → its reader address there."""
    return {p.id: reader_address(s, p) for s, p in revision.located()}


def slug(text: str) -> str:
    """A lower-case ASCII file or anchor name: "Action 5 bis" → "action-5-bis"."""
    return _NOT_SLUG.sub("-", text.casefold()).strip("-") or "paragraph"


def unique_slugs(named: Iterable[tuple[str, str]], taken: Iterable[str] = ()) -> dict[str, str]:
    """For (key, name) pairs in order, key → a slug of its name that no earlier key (nor
    `taken`) has: "action-5", then "action-5-2"."""
    used = set(taken)
    found = {}
    for key, name in named:
        base = candidate = slug(name)
        n = 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        found[key] = candidate
    return found


def latest_addresses(revisions: Sequence[Revision]) -> dict[str, str]:
    """Every paragraph any revision has: id → its address in the latest revision that has
    it; those of the latest revision first, in its order, then the ones it dropped."""
    found: dict[str, str] = {}
    for revision in reversed(revisions):
        for paragraph_id, address in addresses(revision).items():
            found.setdefault(paragraph_id, address)
    return found
