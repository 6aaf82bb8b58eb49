"""A party's page: what it proposed, supported, opposed and commented, in every document."""

from __future__ import annotations

from draftkit.model import Party
from draftkit.proposals import Proposal
from draftkit.publish import layout
from draftkit.publish.names import slug
from draftkit.publish.page import escape, link, page, table
from draftkit.publish.sources import DocumentSource, Publication
from draftkit.render.items import describe


def _where(path: str, source: DocumentSource, paragraph: str | None, anchor: str) -> str:
    if paragraph is None or paragraph not in source.slugs:
        return "the whole text"
    return link(path, layout.paragraph_page(source.id, source.slugs[paragraph]),
                source.names[paragraph], anchor)


def _proposals(path: str, source: DocumentSource, found: list[Proposal], caption: str) -> str:
    rows = [[_where(path, source, p.paragraph, slug(p.id)),
             f'{escape(p.id)}: <span dir="auto">{escape(describe(p, source.names.get))}</span>',
             escape(p.standing)] for p in found]
    return table(["paragraph", "proposal", "status"], rows, caption) if rows else ""


def party_page(party: Party, publication: Publication) -> str:
    code = party.code
    path = layout.party_page(code)
    kind = party.kind.value.replace("-", " ") + (", an observer" if party.observer else "")
    body = [f"<p>{escape(party.name)} ({escape(kind)})."
            + (f" Members: {escape(', '.join(party.members))}." if party.members else "")
            + "</p>"]
    for source in publication.documents:
        proposed = [p for p in source.proposals if code in p.parties]
        supported = [p for p in source.proposals if code in p.supporters]
        opposed = [p for p in source.proposals if code in p.opponents]
        commented = [c for c in source.comments if c.party == code]
        replied = [c for c in source.comments if any(r.party == code for r in c.replies)]
        if not (proposed or supported or opposed or commented or replied):
            continue
        body.append(f"<h2>{link(path, layout.document_page(source.id), source.document.title)}"
                    "</h2>")
        body += [_proposals(path, source, proposed, f"Proposed ({len(proposed)})"),
                 _proposals(path, source, supported, f"Supported ({len(supported)})"),
                 _proposals(path, source, opposed, f"Opposed ({len(opposed)})")]
        rows = [[_where(path, source, c.paragraph, slug(c.id)),
                 f'{escape(c.id)}: <span dir="auto">{escape(c.text)}</span>',
                 escape(c.disposition.disposition.title if c.disposition else "open")]
                for c in commented]
        rows += [[_where(path, source, c.paragraph, slug(c.id)),
                  f'reply to {escape(c.id)}: <span dir="auto">'
                  + escape(" / ".join(r.text for r in c.replies if r.party == code))
                  + "</span>", escape(c.disposition.disposition.title if c.disposition
                                      else "open")] for c in replied]
        if rows:
            body.append(table(["paragraph", "comment", "disposition"], rows,
                              f"Comments and replies ({len(rows)})"))
    if len(body) == 1:
        body.append("<p>No proposals, positions or comments.</p>")
    return page(path, f"{party.name} ({code})", "\n".join(body))
