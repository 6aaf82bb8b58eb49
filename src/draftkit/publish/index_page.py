"""The site's index: each document with where it stands, and the parties."""

from __future__ import annotations

from draftkit.publish import layout
from draftkit.publish.document_page import standing
from draftkit.publish.page import escape, link, page
from draftkit.publish.party_page import involvements
from draftkit.publish.sources import Publication


def index_page(publication: Publication) -> str:
    path = layout.INDEX
    body = ['<p>The texts under negotiation, each revision as issued, what changed between '
            "them and on whose proposal, the compilation of the proposals on the table, and "
            "every comment with its disposition.</p>"]
    for n, source in enumerate(publication.documents):
        latest = source.revisions[-1]
        body += [f"<h2>{link(path, layout.document_page(source.id), source.document.title)}"
                 f"</h2>",
                 "<p>Latest text: "
                 + link(path, layout.revision_page(source.id, latest.name), latest.title)
                 + f" of {escape(latest.date.isoformat())}; "
                 f"{link(path, layout.compilation_page(source.id), 'compilation text')}; "
                 f"{link(path, layout.status_page(source.id), 'what is still open')}.</p>",
                 standing(source, f"standing-{n}")]
    involved = sorted({code for s in publication.documents for code in involvements(s)})
    if involved:
        body.append("<h2>Parties</h2><ul class=\"plain\">" + "".join(
            f"<li>{link(path, layout.party_page(code), code)} "
            f"{escape(publication.parties[code].name)}"
            + (" (observer)" if code in publication.observers else "") + "</li>"
            for code in involved if code in publication.parties) + "</ul>")
    return page(path, "Negotiation texts", "\n".join(body), crumbs=())

