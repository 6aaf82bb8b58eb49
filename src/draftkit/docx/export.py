"""A clean revision as blocks for Word: headings, labelled paragraphs, tables, native comments.

No tracked changes: the revision is the record as issued. A table paragraph is its
caption, then a real Word table (`plain_grid`: the header row of headings, a row per
body row, a blank cell empty), as the redline draws it; a form field is its label, as
in the redline. Comments are placed
where their words stand in this revision (the caller placed them), each as a
Word comment by its party whose body carries its type, id, disposition and
observation, with replies as Word replies. The id lets an import recognise
the comment when the file comes back, so a reply typed in Word becomes a reply.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from draftkit.anchors import Located
from draftkit.comments import Comment
from draftkit.docx.blocks import Block, Cell, Grid, Note, NoteReply, Run, heading
from draftkit.docx.front import front
from draftkit.docx.writer import write_docx
from draftkit.masthead import masthead
from draftkit.model import Document, Paragraph, Revision
from draftkit.table import Table


def revision_to_docx(document: Document, revision: Revision,
                     comments: Sequence[tuple[Comment, Located | None]] = ()) -> bytes:
    """The .docx of a revision; `comments` pairs each with its place (None: whole document)."""
    on_document = tuple(note(c) for c, place in comments if c.paragraph is None or place is None)
    blocks: list[Block | Grid] = [heading(document.title, 0, on_document),
              heading(f"{revision.title}, {revision.date.isoformat()}, "
                      f"issued by {revision.issued_by}", 0)]
    placed: dict[str, list[tuple[Comment, Located]]] = {}
    for comment, place in comments:
        if comment.paragraph is not None and place is not None:
            placed.setdefault(comment.paragraph, []).append((comment, place))
    for section in revision.sections:
        blocks.append(heading(section.title, 1))
        for paragraph in section.paragraphs:
            blocks.append(paragraph_block(paragraph, placed.get(paragraph.id, [])))
            if paragraph.table is not None:
                blocks.append(plain_grid(paragraph.table))
    return write_docx(blocks, cover=front(masthead(document, revision)))


def label_runs(paragraph: Paragraph) -> tuple[Run, ...]:
    """The label as text opening the paragraph, so it survives any copy and paste."""
    return (Run(f"{paragraph.label} ", bold=True),) if paragraph.label is not None else ()


def paragraph_block(paragraph: Paragraph,
                    comments: Sequence[tuple[Comment, Located]]) -> Block:
    text = paragraph.text
    on_words = [(c.id, place) for c, place in comments
                if c.anchor is not None and place.start < place.end]
    cuts = sorted({0, len(text), *(p.start for _, p in on_words), *(p.end for _, p in on_words)})
    runs = tuple(Run(text[a:b], notes=tuple(key for key, p in on_words
                                             if p.start <= a and b <= p.end))
                 for a, b in itertools.pairwise(cuts) if a < b)
    return Block(runs, label=label_runs(paragraph), notes=tuple(note(c) for c, _ in comments))


def plain_grid(table: Table, blank_rows: int = 0) -> Grid:
    """A table as a Word table: its headings as the header row, then its rows (a blank
    cell empty), then `blank_rows` empty rows (a form's space to fill in)."""
    header = tuple(Cell((Run(c.heading),)) for c in table.columns)
    rows = [tuple(Cell((Run(cell),) if cell else ()) for cell in row.cells)
            for row in table.rows]
    rows += [tuple(Cell() for _ in table.columns)] * blank_rows
    return Grid((header, *rows))


def note(comment: Comment) -> Note:
    """A comment as Word shows it: its words, then what kind it is and where it stands."""
    change = f" (proposed change {comment.proposed_change})" if comment.proposed_change else ""
    on_cell = f" on {comment.label}" if comment.cell is not None else ""
    body = [comment.text,
            f"{comment.type.value.capitalize()} comment {comment.id}{on_cell}{change}"]
    decision = comment.disposition
    if decision is None:
        body.append("Disposition: open")
    else:
        observation = f": {decision.observation}" if decision.observation else ""
        body.append(f"Disposition: {decision.disposition.title} ({decision.by}, "
                    f"{decision.when.date().isoformat()}){observation}")
    replies = tuple(NoteReply(r.party, r.when, r.text) for r in comment.replies)
    return Note(comment.id, comment.party, comment.created, tuple(body), replies,
                done=decision is not None)
