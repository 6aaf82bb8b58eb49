"""A revision as a blank report form for Word: what a State Party's desk officer fills in.

Headings and text as in the revision; each table as a Word table, its header row and
its rows as the revision has them (pre-filled first cells stay) and `EXTRA_ROWS` empty
ones more; each form field as a one-row table, its label (bold) and the space for the
answer: a check box for each choice (yes and no for a yes/no field), an empty cell
for text, a number or a date. Voluntary fields are shaded and say so, as the adopted
formats shade them. Check boxes are Word content controls a reader ticks by clicking.
A paragraph (the instructions, or an empty one) follows every table: two tables side
by side would be read as one.
"""

from __future__ import annotations

from draftkit.docx.blocks import Block, Cell, Grid, Run, heading
from draftkit.docx.export import label_runs, plain_grid
from draftkit.docx.writer import write_docx
from draftkit.form import FieldKind, FormField
from draftkit.model import Document, Paragraph, Revision

EXTRA_ROWS = 2
HINTS = {FieldKind.NUMBER: "(a number)", FieldKind.DATE: "(a date: day, month, year)"}


def form_to_docx(document: Document, revision: Revision) -> bytes:
    blocks: list[Block | Grid] = [heading(document.title, 0),
                                  Block((Run(f"{revision.title} of {revision.date.isoformat()}"
                                             f" (blank form)"),))]
    for section in revision.sections:
        blocks.append(heading(section.title, 1))
        for paragraph in section.paragraphs:
            blocks += paragraph_blocks(paragraph)
    return write_docx(blocks, track_changes=False)


def paragraph_blocks(paragraph: Paragraph) -> list[Block | Grid]:
    """A paragraph as the form shows it: its text, then its table or its answer space."""
    if paragraph.form is not None:
        return field_blocks(paragraph, paragraph.form)
    text = Block((Run(paragraph.text),), label=label_runs(paragraph))
    if paragraph.table is None:
        return [text]
    return [text, plain_grid(paragraph.table, EXTRA_ROWS), Block(())]


def field_blocks(paragraph: Paragraph, form: FormField) -> list[Block | Grid]:
    label = (*label_runs(paragraph), Run(paragraph.text, bold=True),
             *((Run(" (voluntary)"),) if form.voluntary else ()))
    if form.kind is FieldKind.YES_NO:
        answer: tuple[Run, ...] = (Run("Yes   ", check_box=True), Run("No", check_box=True))
    elif form.kind is FieldKind.CHOICE:
        answer = tuple(Run(f"{choice}   ", check_box=True) for choice in form.choices)
    else:
        answer = (Run(HINTS[form.kind]),) if form.kind in HINTS else ()
    row = (Cell(label, form.voluntary), Cell(answer, form.voluntary))
    return [Grid((row,)), Block((Run(form.instructions),) if form.instructions else ())]
