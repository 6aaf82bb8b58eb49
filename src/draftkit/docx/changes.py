"""Tracked changes → proposals: amendments on words, paragraphs added, deleted or moved.

Each edited paragraph's changes become amendments on words (see `amend`),
attributed to the authors of the tracked changes they cover. A paragraph
added whole is added after the kept paragraph before it in its section
(else before the next); one deleted whole is deleted; one deleted and added
elsewhere with the same text is moved.
"""

from __future__ import annotations

from draftkit.docx.amend import edits
from draftkit.docx.matching import Matched
from draftkit.docx.plan import Authors, NewProposal, short
from draftkit.docx.views import Para, shifted
from draftkit.model import Paragraph
from draftkit.proposals import OperationKind, Position


def proposals(matched: Matched, authors: Authors, name: str
              ) -> tuple[list[NewProposal], list[str]]:
    """The proposals a matched file makes, and what could not be made into one."""
    changes = _Changes(matched, authors, name)
    deleted, added = changes.edited()
    changes.wholes(deleted, added)
    return changes.proposals, changes.problems


class _Changes:
    def __init__(self, matched: Matched, authors: Authors, name: str) -> None:
        self.matched = matched
        self.views = matched.views
        self.authors = authors
        self.name = name
        self.proposals: list[NewProposal] = []
        self.problems: list[str] = []

    def edited(self) -> tuple[list[int], list[int]]:
        """Propose each edited paragraph's changes; the old paragraphs gone and new ones added."""
        views = self.views
        deleted = [o for o in self.matched.paragraphs if not views.new_of.get(o)]
        for old_index, (paragraph, start) in self.matched.paragraphs.items():
            news = views.new_of.get(old_index, [])
            if len(news) > 1:
                self.problems.append(f"not imported: {paragraph.address} was split into "
                                     f"{len(news)} paragraphs")
            elif news and len(views.old_of[news[0]]) > 1:
                self.problems.append(f"not imported: {paragraph.address} was merged with "
                                     f"another paragraph")
            elif news:
                new = views.new[news[0]]
                self._paragraph(paragraph, shifted(views.old[old_index], start),
                                shifted(new, self.matched.label_end(new.text)))
        added = [n for n, para in enumerate(views.new)
                 if para.text.strip() and not views.old_of.get(n)]
        return deleted, added

    def _paragraph(self, paragraph: Paragraph, old: Para, new: Para) -> None:
        text = new.text.strip()
        if text == paragraph.text:
            return
        if not text:
            self.problems.append(f"not imported: {paragraph.address} was emptied but not "
                                 f"deleted")
            return
        found = edits(paragraph.text, text)
        anyone = self.views.authors(old, 0, len(old.text), "delete") + \
            self.views.authors(new, 0, len(new.text), "insert")
        if found is None:
            self._propose(anyone, paragraph, OperationKind.REPLACE_PARAGRAPH, text=text,
                          note="the changes could not be expressed on words")
            return
        lead = len(new.text) - len(new.text.lstrip())
        for edit in found:
            authors = self.views.authors(old, edit.start, edit.end, "delete") + \
                self.views.authors(new, lead + edit.new_start, lead + edit.new_end, "insert")
            self._propose(authors or anyone, paragraph, edit.kind, quote=edit.quote,
                          occurrence=edit.occurrence, text=edit.text, position=edit.position)

    def _propose(self, authors: list[str], paragraph: Paragraph, kind: OperationKind, *,
                 quote: str | None = None, occurrence: int | None = None, text: str = "",
                 position: Position | None = None, destination: Paragraph | None = None,
                 note: str = "") -> None:
        proposers = self.authors.of(authors, f"a change to {paragraph.address}")
        if proposers is None:
            return
        rationale = f"From {self.name}" + (f": {note}" if note else "")
        self.proposals.append(NewProposal(
            f"#{paragraph.id}", paragraph.address, kind, proposers, quote, occurrence, text,
            position, f"#{destination.id}" if destination else None, rationale,
            destination.address if destination else ""))

    def wholes(self, deleted: list[int], added: list[int]) -> None:
        """Paragraphs added, deleted or moved whole."""
        matched = self.matched.paragraphs
        gone = {matched[o][0].text: o for o in deleted}
        for new_index in added:
            para = self.views.new[new_index]
            text = para.text[self.matched.label_end(para.text):].strip()
            place = self._place(new_index)
            authors = self.views.authors(para, 0, len(para.text), "insert")
            if place is None:
                self.problems.append(f"not imported: the added paragraph {short(text)} has "
                                     f"no paragraph of {self.matched.revision.title} next to it")
                continue
            target, position = place
            if text in gone:
                moved, _ = matched[gone.pop(text)]
                self._propose(authors, moved, OperationKind.MOVE, position=position,
                              destination=target)
                continue
            self._propose(authors, target, OperationKind.ADD, text=text, position=position)
        for old_index in gone.values():
            paragraph, _ = matched[old_index]
            para = self.views.old[old_index]
            self._propose(self.views.authors(para, 0, len(para.text), "delete"), paragraph,
                          OperationKind.DELETE_PARAGRAPH)

    def _place(self, new_index: int) -> tuple[Paragraph, Position] | None:
        """After the nearest kept paragraph before it in its section, else before the next."""
        for step, position in ((-1, Position.AFTER), (1, Position.BEFORE)):
            index = new_index + step
            while 0 <= index < len(self.views.new) and not self.matched.is_heading(index):
                kept = [self.matched.paragraphs[o][0] for o in self.views.old_of.get(index, [])
                        if o in self.matched.paragraphs]
                if kept:
                    return kept[0], position
                index += step
        return None
