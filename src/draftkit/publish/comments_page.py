"""The comments matrix, one row a comment, as `draftkit comments` writes it."""

from __future__ import annotations

from draftkit.publish import layout
from draftkit.publish.names import slug
from draftkit.publish.page import escape, link, page, scrolling, table
from draftkit.publish.sources import DocumentSource, Publication
from draftkit.render.items import MATRIX_COLUMNS, matrix_rows


def comments_page(source: DocumentSource, publication: Publication) -> str:
    doc = source.id
    path = layout.comments_page(doc)
    rows = matrix_rows(source.comments, source.names.get,
                       lambda c: source.words.get(c.id, ""), publication.observers)
    where = MATRIX_COLUMNS.index("paragraph") if "paragraph" in MATRIX_COLUMNS else None
    cells = []
    for comment, row in zip(source.comments, rows, strict=True):
        shown = [f'<span dir="auto">{escape(cell)}</span>' for cell in row]
        if where is not None and comment.paragraph in source.slugs:
            shown[where] = link(path, layout.paragraph_page(doc, source.slugs[comment.paragraph]),
                                row[where], slug(comment.id))
        cells.append(shown)
    open_count = sum(1 for c in source.comments if c.is_open)
    body = [f"<p>{len(rows)} comments, {open_count} without a disposition yet. Types: ge "
            "general, te substantive, ed editorial.</p>",
            scrolling(table(MATRIX_COLUMNS, cells), "Comments matrix")
            if rows else "<p>No comments.</p>"]
    return page(path, f"{source.document.title}: comments matrix", "\n".join(body),
                [(layout.document_page(doc), source.document.title)], wide=True)
