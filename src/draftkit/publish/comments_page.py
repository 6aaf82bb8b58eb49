"""The comments matrix, one row a comment, as `draftkit comments` writes it."""

from __future__ import annotations

from draftkit.matrix import COLUMNS, comments_matrix
from draftkit.publish import layout
from draftkit.publish.names import slug
from draftkit.publish.page import escape, link, page, scrolling, table
from draftkit.publish.sources import DocumentSource, Publication


def comments_page(source: DocumentSource, publication: Publication) -> str:
    doc = source.id
    path = layout.comments_page(doc)
    rows = comments_matrix(source.comments, source.current,
                           {p.id: p for p in source.proposals}, source.names.get,
                           lambda c: source.words.get(c.id, ""), publication.observers)
    where = COLUMNS.index("Paragraph")
    by_id = {c.id: c for c in source.comments}
    cells = []
    for row in rows:  # in the order of the text, as the matrix goes
        comment = by_id[row.id]
        shown = [f'<span dir="auto">{escape(cell)}</span>' for cell in row.cells()]
        if comment.paragraph in source.slugs:
            shown[where] = link(path, layout.paragraph_page(doc, source.slugs[comment.paragraph]),
                                row.paragraph, slug(comment.id))
        cells.append(shown)
    open_count = sum(1 for c in source.comments if c.is_open)
    body = [f"<p>{len(rows)} comments, {open_count} without a disposition yet. Types: ge "
            "general, te substantive, ed editorial.</p>",
            scrolling(table(COLUMNS, cells), "Comments matrix")
            if rows else "<p>No comments.</p>"]
    return page(path, f"{source.document.title}: comments matrix", "\n".join(body),
                [(layout.document_page(doc), source.document.title)], wide=True)
