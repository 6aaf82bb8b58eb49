"""A revision's clean text: every section and paragraph, an anchor per paragraph."""

from __future__ import annotations

from draftkit.masthead import masthead
from draftkit.model import Revision
from draftkit.publish import layout
from draftkit.publish.content import content
from draftkit.publish.names import reader_address
from draftkit.publish.page import escape, link, page, status_badge, text, toc
from draftkit.publish.sources import DocumentSource


def issued_line(source: DocumentSource, revision: Revision) -> str:
    """ "Rev.1, a revision issued on 2010-09-06 by … for the Preparatory Meeting."."""
    kind = f", {revision.kind.title}," if revision.kind else ""
    meeting = source.meeting(revision.meeting) if revision.meeting else None
    held = f" for the {meeting.title} ({meeting.place})" if meeting else ""
    return (f"{revision.title}{kind} issued on {revision.date.isoformat()} by "
            f"{revision.issued_by}{held}.")


def revision_page(source: DocumentSource, revision: Revision, lang: str) -> str:
    doc = source.id
    path = layout.revision_page(doc, revision.name)
    block = "<br>".join(escape(line) for line in masthead(source.document, revision).lines())
    body = [f'<p class="masthead">{block}</p>',
            f"<p>{escape(issued_line(source, revision))}</p>"]
    if revision.note:
        body.append(text(revision.note, lang, css="note"))
    body.append(toc([(f"section_{n + 1}", s.title) for n, s in enumerate(revision.sections)]))
    for n, section in enumerate(revision.sections):
        body.append(f'<section aria-labelledby="section_{n + 1}">'
                    f'<h2 id="section_{n + 1}">{escape(section.title)}</h2>')
        for paragraph in section.paragraphs:
            slug = source.slugs[paragraph.id]
            body.append(
                f'<div class="para" id="{slug}"><p class="para-head">'
                + link(path, layout.paragraph_page(doc, slug),
                       reader_address(section, paragraph))
                + f" {status_badge(paragraph.status)}</p>"
                + text(paragraph.text, lang) + content(paragraph, lang) + "</div>")
        body.append("</section>")
    return page(path, f"{source.document.title}: {revision.title}", "\n".join(body),
                [(layout.document_page(doc), source.document.title)])
