"""A party's page: what it proposed, supported, opposed and commented, in every document."""

from __future__ import annotations

from attrs import field, frozen

from draftkit.comments import Comment
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
    def said(p: Proposal) -> str:
        return describe(p, source.names.get, source.row_name, source.column_name)

    rows = [[_where(path, source, p.paragraph, slug(p.id)),
             f'{escape(p.id)}: <span dir="auto">{escape(said(p))}</span>',
             escape(p.standing)] for p in found]
    return table(["paragraph", "proposal", "status"], rows, caption) if rows else ""


@frozen
class Involvement:
    """What one party did in one document."""

    proposed: list[Proposal] = field(factory=list)
    supported: list[Proposal] = field(factory=list)
    opposed: list[Proposal] = field(factory=list)
    commented: list[Comment] = field(factory=list)
    replied: list[Comment] = field(factory=list)


def involvements(source: DocumentSource) -> dict[str, Involvement]:
    """Per party code, what it did in the document: each proposal and comment read once
    (a proposal's positions are replayed from its history on every reading)."""
    found: dict[str, Involvement] = {}
    for proposal in source.proposals:
        for role, codes in (("proposed", proposal.parties), ("supported", proposal.supporters),
                            ("opposed", proposal.opponents)):
            for code in dict.fromkeys(codes):
                getattr(found.setdefault(code, Involvement()), role).append(proposal)
    for comment in source.comments:
        found.setdefault(comment.party, Involvement()).commented.append(comment)
        for code in dict.fromkeys(r.party for r in comment.replies):
            found.setdefault(code, Involvement()).replied.append(comment)
    return found


def party_pages(publication: Publication) -> dict[str, str]:
    """A page for every party the registry knows that took part: site path → page."""
    done = [(source, involvements(source)) for source in publication.documents]
    codes = sorted({code for _, found in done for code in found})
    return {layout.party_page(code): party_page(publication.parties[code], done)
            for code in codes if code in publication.parties}


def party_page(party: Party, done: list[tuple[DocumentSource, dict[str, Involvement]]]) -> str:
    code = party.code
    path = layout.party_page(code)
    kind = party.kind.value.replace("-", " ") + (", an observer" if party.observer else "")
    body = [f"<p>{escape(party.name)} ({escape(kind)})."
            + (f" Members: {escape(', '.join(party.members))}." if party.members else "")
            + "</p>"]
    for source, found in done:
        mine = found.get(code)
        if mine is None:
            continue
        body.append(f"<h2>{link(path, layout.document_page(source.id), source.document.title)}"
                    "</h2>")
        body += [_proposals(path, source, mine.proposed, f"Proposed ({len(mine.proposed)})"),
                 _proposals(path, source, mine.supported,
                            f"Supported ({len(mine.supported)})"),
                 _proposals(path, source, mine.opposed, f"Opposed ({len(mine.opposed)})")]
        rows = [[_where(path, source, c.paragraph, slug(c.id)),
                 f'{escape(c.id)}: <span dir="auto">{escape(c.text)}</span>',
                 escape(c.disposition.disposition.title if c.disposition else "open")]
                for c in mine.commented]
        rows += [[_where(path, source, c.paragraph, slug(c.id)),
                  f'reply to {escape(c.id)}: <span dir="auto">'
                  + escape(" / ".join(r.text for r in c.replies if r.party == code))
                  + "</span>", escape(c.disposition.disposition.title if c.disposition
                                      else "open")] for c in mine.replied]
        if rows:
            body.append(table(["paragraph", "comment", "disposition"], rows,
                              f"Comments and replies ({len(rows)})"))
    if len(body) == 1:
        body.append("<p>No proposals, positions or comments.</p>")
    return page(path, f"{party.name} ({code})", "\n".join(body))
