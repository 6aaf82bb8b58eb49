"""Every page of the site, from a Publication: site path → text."""

from __future__ import annotations

from draftkit.publish import layout
from draftkit.publish.comments_page import comments_page
from draftkit.publish.compilation_page import compilation_page
from draftkit.publish.document_page import document_page
from draftkit.publish.index_page import index_page
from draftkit.publish.page import language_tag
from draftkit.publish.paragraph_page import paragraph_pages
from draftkit.publish.party_page import party_pages
from draftkit.publish.redline_page import redline_page
from draftkit.publish.revision_page import revision_page
from draftkit.publish.sources import Publication
from draftkit.publish.status_page import status_page
from draftkit.publish.style import STYLESHEET


def site(publication: Publication, *, lang: str = "en",
         context: int | None = None) -> dict[str, str]:
    """The site: an index, and per document its page, each revision's text, each
    redline (with `context` unchanged paragraphs around each change; None: all), the
    compilation, the comments matrix, the status dashboard and a page per paragraph;
    a page per party involved; one stylesheet. A document's text is marked as in its
    original language where `document.txt` records it, else as in `lang`."""
    pages = {layout.INDEX: index_page(publication), layout.STYLE: STYLESHEET}
    for source in publication.documents:
        doc = source.id
        language = language_tag(source.document.original_language) or lang
        pages[layout.document_page(doc)] = document_page(source, publication)
        for revision in source.revisions:
            pages[layout.revision_page(doc, revision.name)] = revision_page(source, revision,
                                                                            language)
        for diff in source.diffs:
            pages[layout.redline_page(doc, diff.from_name, diff.to_name)] = redline_page(
                source, diff, language, context)
        pages[layout.compilation_page(doc)] = compilation_page(source, language)
        pages[layout.comments_page(doc)] = comments_page(source, publication)
        pages[layout.status_page(doc)] = status_page(source)
        pages.update(paragraph_pages(source, publication, language))
    pages.update(party_pages(publication))
    return pages
