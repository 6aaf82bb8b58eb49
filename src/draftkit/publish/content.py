"""A table's cells and a form field's kind on the site, under the paragraph's text."""

from __future__ import annotations

from draftkit.docdiff import ParagraphDiff
from draftkit.model import Paragraph
from draftkit.publish.page import escape, scrolling, table, text
from draftkit.render.diff_html import content_html
from draftkit.tablediff import field_summary


def content(paragraph: Paragraph, lang: str) -> str:
    """A table as a table (in a box that scrolls when broad); a field's kind, choices and
    instructions; nothing for a paragraph of text."""
    if paragraph.table is not None:
        rows = ([text(cell, lang, "span", "cell") for cell in row.cells]
                for row in paragraph.table.rows)
        return scrolling(table([c.heading for c in paragraph.table.columns], rows),
                         f"Table {paragraph.address}")
    if paragraph.form is not None:
        form = paragraph.form
        shown = f'<p class="field">{escape("Field: " + field_summary(form))}</p>'
        return shown + (text(form.instructions, lang, css="field") if form.instructions
                        else "")
    return ""


def changed_content(change: ParagraphDiff) -> str:
    """A table's or field's changes, cell by cell, marked as the diff's HTML marks them."""
    inner = content_html(change)
    return scrolling(inner, f"Changes to {change.heading}") if change.table else inner
