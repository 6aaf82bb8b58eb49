"""The file's paragraphs, with all changes rejected, matched to the revision's.

By the label opening the paragraph, else by the whole text; a matched
paragraph must read exactly as in the revision, so a change made with
tracking off is reported, never taken for the delegation's wording. A Word table is
the table of the paragraph just before it (its caption, as draftkit writes it).
"""

from __future__ import annotations

import re

from attrs import frozen

from draftkit.docx.plan import short
from draftkit.docx.reader import WordTable
from draftkit.docx.views import Views, cell_views
from draftkit.errors import DraftkitError
from draftkit.labels import Label, LabelError
from draftkit.model import Paragraph, Revision

HEADING_STYLES = re.compile(r"(?i)title|subtitle|heading\s*\d|symbol|masthead|meeting")
# the first-page block of an export (`docx.front`): never the revision's text, even when
# a line of it ("6 September 2010") opens like a label
FRONT_STYLES = re.compile(r"(?i)symbol|masthead|meeting")


@frozen
class Matched:
    revision: Revision
    views: Views
    paragraphs: dict[int, tuple[Paragraph, int]]  # old index → paragraph, where its text starts
    headings: frozenset[int]  # old indices of titles and headings
    prefixes: frozenset[str]  # label prefixes the revision uses ("Action", "OP", "")
    problems: tuple[str, ...]
    tables: tuple[tuple[WordTable, Paragraph], ...] = ()  # each with its table paragraph

    def label_end(self, text: str) -> int:
        """Where the text starts after a label typed in front of it (one this document uses)."""
        leading = leading_label(text)
        return leading[1] if leading is not None and leading[0].prefix in self.prefixes else 0

    def table_of(self, file_paragraph: int) -> Paragraph | None:
        """The table paragraph whose Word table holds one of the file's paragraphs."""
        return next((paragraph for table, paragraph in self.tables
                     if any(file_paragraph in cell for row in table.rows
                            for cell in row.cells)), None)

    def is_heading(self, new_index: int) -> bool:
        return any(o in self.headings for o in self.views.old_of.get(new_index, [])) or \
            bool(HEADING_STYLES.fullmatch(self.views.new[new_index].style))


def match(revision: Revision, views: Views, name: str) -> Matched:
    """Match every paragraph; DraftkitError when none matches (a copy of something else)."""
    by_label = {p.label: p for p in revision.paragraphs() if p.label is not None}
    by_text: dict[str, list[Paragraph]] = {}
    for paragraph in revision.paragraphs():
        by_text.setdefault(paragraph.text, []).append(paragraph)
    titles = {s.title for s in revision.sections} | {s.heading for s in revision.sections}
    matched: dict[int, tuple[Paragraph, int]] = {}
    taken: set[str] = set()
    headings: set[int] = set()
    problems: list[str] = []
    for index, para in enumerate(views.old):
        text = para.text.strip()
        if not text:
            continue
        if FRONT_STYLES.fullmatch(para.style):
            headings.add(index)
            continue
        found = _find(para.text, by_label, by_text)
        if found is None:
            if HEADING_STYLES.fullmatch(para.style) or text in titles:
                headings.add(index)
            else:
                problems.append(f"not imported: the paragraph {short(text)} matches no "
                                f"paragraph of {revision.title}")
            continue
        paragraph, start = found
        if para.text[start:] != paragraph.text:
            problems.append(f"not imported: {paragraph.address} reads differently from "
                            f"{revision.title} even with all changes rejected (edited with "
                            f"tracking off, or a copy of another revision?)")
        elif paragraph.id in taken:
            problems.append(f"not imported: {paragraph.address} appears twice")
        else:
            taken.add(paragraph.id)
            matched[index] = (paragraph, start)
    if not matched:
        raise DraftkitError(f"{name}: no paragraph matches {revision.title} of "
                            f"{revision.document}; is it a copy of another document or "
                            f"revision?")
    tables = []
    for table in views.tables:
        before = views.old_at.get(views.marks[table.after]) if table.after >= 0 else None
        caption = matched.get(before[0]) if before is not None else None
        if caption is None or caption[0].table is None:
            header = " | ".join(cell_views(views, cell)[1].text.strip()
                                for row in table.rows[:1] for cell in row.cells if cell)
            problems.append(f"not imported: the table {short(header)} follows no table of "
                            f"{revision.title}")
        else:
            tables.append((table, caption[0]))
    return Matched(revision, views, matched, frozenset(headings),
                   frozenset(label.prefix for label in by_label), tuple(problems),
                   tuple(tables))


def _find(text: str, by_label: dict[Label, Paragraph],
          by_text: dict[str, list[Paragraph]]) -> tuple[Paragraph, int] | None:
    leading = leading_label(text)
    if leading is not None and leading[0] in by_label:
        return by_label[leading[0]], leading[1]
    same = by_text.get(text.strip(), [])
    if len(same) == 1:
        return same[0], len(text) - len(text.lstrip())
    return None


def leading_label(text: str) -> tuple[Label, int] | None:
    """The label opening a paragraph ("Action 27 bis …") and where the text after it starts."""
    words = list(re.finditer(r"\S+", text[:80]))
    for count in range(min(4, len(words) - 1), 0, -1):
        try:
            label = Label.parse(text[:words[count - 1].end()])
        except LabelError:
            continue
        return label, words[count].start()
    return None
