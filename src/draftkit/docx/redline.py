"""A diff between two revisions as a Word redline: every change a native tracked change.

Accepting all changes in Word gives the TO revision, rejecting all gives FROM,
labels and headings included. Each change is authored by the parties of the
proposals behind it when provenance says so, else by the issuer of TO (a
renumbering is always the issuer's). A moved paragraph is deleted where it
stood and inserted where it now stands, so rejecting puts it back: both by the
parties that moved it (the insertion also by those who changed its words),
label included. A table's changes are tracked inside its Word table, cell by cell and
row by row (`docx.table_redline`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff, diff
from draftkit.docx.blocks import Block, Grid, Run, Tracked, heading
from draftkit.docx.front import front
from draftkit.docx.table_redline import table_grid
from draftkit.docx.writer import write_docx
from draftkit.labels import Label
from draftkit.masthead import masthead
from draftkit.model import Document, Revision
from draftkit.provenance import Provenance
from draftkit.textdiff import Span
from draftkit.textdiff import diff as text_diff

Whole = Literal["insert", "delete"]


def diff_to_docx(from_rev: Revision, to_rev: Revision, provenance: Provenance | None = None,
                 *, title: str | None = None, compared: DocumentDiff | None = None,
                 document: Document | None = None) -> bytes:
    """The .docx redline from `from_rev` to `to_rev`.

    `provenance` (of TO against FROM) names the parties behind each change;
    `compared` is the diff to show when it is already made (a restricted one,
    say); `title` is the document's title (default: its id, or `document`'s
    title). Given `document`, the file opens with TO's first-page block, its
    header saying "(changes since FROM)", and numbers its pages (`docx.front`).
    """
    compared = compared or diff(from_rev, to_rev, provenance)
    builder = _Redline(from_rev, to_rev)
    blocks = [heading(title or (document.title if document else to_rev.document), 0),
              heading(f"{compared.from_title} → {compared.to_title}", 0)]
    cover = None
    if document is not None:
        cover = front(masthead(document, to_rev),
                      what=f"changes since {compared.from_title}")
    return write_docx(blocks + builder.blocks(compared), cover=cover)


class _Redline:
    def __init__(self, from_rev: Revision, to_rev: Revision) -> None:
        self.from_rev = from_rev
        self.issuer = (to_rev.issued_by,)
        self.date = dt.datetime.combine(to_rev.date, dt.time(), dt.UTC)

    def _tracked(self, op: str, authors: Sequence[str]) -> Tracked | None:
        if op == "equal":
            return None
        return Tracked("insert" if op == "insert" else "delete", tuple(authors) or self.issuer,
                       self.date)

    def _runs(self, spans: Sequence[Span], bold: bool = False,
              authors: Sequence[str] = ()) -> tuple[Run, ...]:
        return tuple(Run(s.text, self._tracked(s.op, s.parties or authors), bold=bold)
                     for s in spans if s.text)

    def blocks(self, compared: DocumentDiff) -> list[Block | Grid]:
        entries: list[tuple[str, list[Block | Grid]]] = []
        moved: list[ParagraphDiff] = []
        for section, paragraphs in compared.grouped():
            entries.append((f"s:{section.id}", [self._heading(section)]))
            for paragraph in paragraphs:
                entries.append((f"p:{paragraph.id}", self._paragraph(paragraph)))
                if "moved" in paragraph.change:
                    moved.append(paragraph)
        self._place_moves(entries, moved)
        return [block for _, blocks in entries for block in blocks]

    def _paragraph(self, paragraph: ParagraphDiff, whole: Whole | None = None
                   ) -> list[Block | Grid]:
        """A paragraph's block, then its table's changes (`docx.table_redline`)."""
        block = self._text(paragraph, whole)
        if paragraph.table is None:
            return [block]
        if whole is None and "inserted" in paragraph.change:
            whole = "insert"
        elif whole is None and "deleted" in paragraph.change:
            whole = "delete"
        grid = table_grid(paragraph.table, lambda op, who: self._tracked(
            op, who or paragraph.parties), whole)
        return [block, grid]

    def _heading(self, section: SectionDiff) -> Block:
        def title(number: str | None, text: str | None) -> str:
            return f"{number}. {text}" if number and text else text or ""

        spans = text_diff(title(section.from_number, section.from_heading),
                          title(section.to_number, section.to_heading))
        mark = self._tracked("insert" if "inserted" in section.change else
                             "delete" if "deleted" in section.change else "equal", ())
        return Block(self._runs(spans), "heading1", mark=mark)

    def _text(self, paragraph: ParagraphDiff, whole: Whole | None = None) -> Block:
        """A paragraph's block; `whole` ("insert"/"delete") shows it inserted or deleted whole."""
        if whole is None and "inserted" in paragraph.change:
            whole = "insert"
        elif whole is None and "deleted" in paragraph.change:
            whole = "delete"
        if whole is None:
            spans = paragraph.spans
            label = text_diff(_label(paragraph.from_label), _label(paragraph.to_label))
        else:
            text = paragraph.to_text if whole == "insert" else paragraph.from_text
            parties = self._whole_authors(paragraph, whole)
            spans = (Span(whole, text, parties=parties),)
            label = (Span(whole, _label(paragraph.to_label if whole == "insert"
                                        else paragraph.from_label), parties=parties),)
        relabelled = paragraph.credit("relabelled")
        authors = spans[0].parties if whole is not None else \
            relabelled.parties if relabelled is not None else ()
        return Block(self._runs(spans), label=self._runs(label, bold=True, authors=authors),
                     mark=self._tracked(whole or "equal", authors))

    def _whole_authors(self, paragraph: ParagraphDiff, whole: Whole) -> tuple[str, ...]:
        """Who inserted or deleted a paragraph whole: who added or deleted it; for a moved
        one, who moved it (the issuer when no proposal did), and where it lands, also who
        changed its words."""
        kinds = set(paragraph.change)
        if "moved" not in kinds or kinds & {"inserted", "deleted"}:
            return paragraph.parties
        move = paragraph.credit("moved")
        movers = move.parties if move is not None else self.issuer
        words = paragraph.credit("modified")
        if whole == "insert" and words is not None:
            return tuple(dict.fromkeys((*movers, *words.parties)))
        return movers

    def _place_moves(self, entries: list[tuple[str, list[Block | Grid]]],
                     moved: list[ParagraphDiff]) -> None:
        """Each moved paragraph: inserted where it is, deleted where it was in FROM."""
        keys = [key for key, _ in entries]
        for paragraph in moved:
            index = keys.index(f"p:{paragraph.id}")
            entries[index] = (keys[index], self._paragraph(paragraph, "insert"))
        order = {p.id: i for i, p in enumerate(self.from_rev.paragraphs())}
        for paragraph in sorted(moved, key=lambda p: order.get(p.id, 0)):
            where = self._from_place(paragraph.id, {p.id for p in moved}, keys)
            entries.insert(where, (f"g:{paragraph.id}", self._paragraph(paragraph, "delete")))
            keys.insert(where, f"g:{paragraph.id}")

    def _from_place(self, paragraph_id: str, moved: set[str], keys: list[str]) -> int:
        """Where a paragraph stood in FROM: after what preceded it there, as shown now."""
        section = self.from_rev.section_of(paragraph_id)
        assert section is not None
        ids = [p.id for p in section.paragraphs]
        for before in reversed(ids[:ids.index(paragraph_id)]):
            key = f"g:{before}" if before in moved else f"p:{before}"
            if key in keys:
                return keys.index(key) + 1
        if f"s:{section.id}" in keys:
            return keys.index(f"s:{section.id}") + 1
        return keys.index(f"p:{paragraph_id}")


def _label(label: Label | None) -> str:
    return f"{label} " if label is not None else ""
