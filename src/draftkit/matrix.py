"""The comments matrix as secretariats exchange it: the ISO/IEC template's columns,
one row a comment, rows in the order of the text.

    MB/NC | Paragraph | Clause | Type | Quoted words | Comment | Proposed change |
    Observations of the secretariat | Replies | Words | ID

- MB/NC: the party (an observer's marked "(observer)").
- Paragraph: its address now ("Action 25 (was Action 24)"); "General" for a
  comment on the whole document. Clause: its section now ("VI. Victim
  assistance").
- Type: ISO's ge / te / ed for draftkit's general / substantive / editorial.
- Proposed change: the wording of the proposal the comment names
  (`Action 15: replace "…" with "…" (FRA-4cg8)`), never a bare id.
- Observations of the secretariat: the disposition and its note ("Accepted in
  principle: see Action 30"); empty while none is given.
- Replies, Words (found, or why the quoted words are orphaned) and the comment's
  ID follow the template's columns, for the secretariat's own use.

Rows: comments on the whole document first (ISO lists general comments first),
then by the position of their paragraph in the latest revision and of their
words in it, then by time; comments on paragraphs the latest revision no longer
has come last.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from attrs import frozen

from draftkit.comments import Comment
from draftkit.model import Revision
from draftkit.observers import marked
from draftkit.proposals import Proposal

COLUMNS = ("MB/NC", "Paragraph", "Clause", "Type", "Quoted words", "Comment",
           "Proposed change", "Observations of the secretariat", "Replies", "Words", "ID")
GENERAL = "General"


@frozen
class Row:
    party: str
    paragraph: str
    clause: str
    type: str
    quote: str
    comment: str
    proposed_change: str
    observations: str
    replies: str
    words: str
    id: str

    def cells(self) -> tuple[str, ...]:
        return (self.party, self.paragraph, self.clause, self.type, self.quote, self.comment,
                self.proposed_change, self.observations, self.replies, self.words, self.id)


def observations(comment: Comment) -> str:
    """The disposition and its note, as the secretariat's column says them."""
    decision = comment.disposition
    if decision is None:
        return ""
    said = decision.disposition.title.capitalize()
    return f"{said}: {decision.observation}" if decision.observation else said


def matrix(comments: Sequence[Comment], latest: Revision, *,
           address: Callable[[Comment], str], words: Callable[[Comment], str],
           wording: Callable[[str], str], observers: AbstractSet[str] = frozenset()
           ) -> list[Row]:
    """The rows, in the order of the text. `address` gives a comment's paragraph address
    now, `words` whether its quoted words are found, `wording` a proposal's wording by
    its id."""
    order = {p.id: n for n, p in enumerate(latest.paragraphs())}
    sections = {p.id: s.title for s, p in latest.located()}

    def key(c: Comment) -> tuple[int, int, int, str, str]:
        if c.paragraph is None:
            return (0, 0, 0, c.created.isoformat(), c.id)
        at = order.get(c.paragraph)
        where = latest.by_id(c.paragraph)
        offset = where.text.find(c.anchor.quote) if where is not None and c.anchor else -1
        return (1 if at is not None else 2, at or 0, offset, c.created.isoformat(), c.id)

    rows = []
    for c in sorted(comments, key=key):
        rows.append(Row(
            party=marked(c.party, observers),
            paragraph=address(c) if c.paragraph else GENERAL,
            clause=sections.get(c.paragraph, "") if c.paragraph else "",
            type=c.type.code, quote=c.anchor.quote if c.anchor else "", comment=c.text,
            proposed_change=wording(c.proposed_change) if c.proposed_change else "",
            observations=observations(c),
            replies=" / ".join(f"{marked(r.party, observers)}: {r.text}" for r in c.replies),
            words=words(c), id=c.id))
    return rows


def comments_matrix(comments: Sequence[Comment], latest: Revision,
                    proposals: Mapping[str, Proposal], address_of: Callable[[str], str | None],
                    words: Callable[[Comment], str],
                    observers: AbstractSet[str] = frozenset()) -> list[Row]:
    """`matrix` with the usual wording: paragraphs by `address_of` (an id's address in the
    latest revision, None once it is gone), proposed changes from `proposals` by id."""
    from draftkit import columns
    from draftkit.render.items import describe, target
    from draftkit.rows import cited

    def wording(proposal_id: str) -> str:
        proposal = proposals.get(proposal_id)
        if proposal is None:
            return f"{proposal_id} (no such proposal)"
        where = target(proposal.paragraph, proposal.label, address_of)
        said = describe(proposal, address_of, lambda p, r: cited(p, r, latest, None),
                        lambda p, c: columns.cited(p, c, latest, None))
        return f"{where}: {said} ({proposal.id})"

    return matrix(comments, latest,
                  address=lambda c: target(c.paragraph or "", c.label, address_of),
                  words=words, wording=wording, observers=observers)
