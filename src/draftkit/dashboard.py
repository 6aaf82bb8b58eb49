"""The presidency's question: what is still open, and what stands in the way?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from attrs import frozen

from draftkit.comments import Comment
from draftkit.model import Revision, Status
from draftkit.proposals import Proposal, ProposalStatus

ACTIVE = (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)


@frozen
class SectionStatus:
    title: str
    open: int
    ad_ref: int
    agreed: int
    active_proposals: int
    open_comments: int


@frozen
class Contested:
    paragraph: str
    address: str
    proposals: int
    opponents: int
    parties: tuple[str, ...]

    @property
    def score(self) -> int:
        return self.proposals + self.opponents


@frozen
class Dashboard:
    revision: str
    sections: tuple[SectionStatus, ...]
    proposals_by_status: dict[str, int]
    open_comments: int
    most_contested: tuple[Contested, ...]


def dashboard(revision: Revision, proposals: Sequence[Proposal], comments: Sequence[Comment],
              top: int = 10) -> Dashboard:
    active = [p for p in proposals if p.status in ACTIVE]
    active_on = Counter(p.paragraph for p in active)
    open_on = Counter(c.paragraph for c in comments if c.is_open)
    sections = []
    for section in revision.sections:
        statuses = Counter(p.status for p in section.paragraphs)
        ids = [p.id for p in section.paragraphs]
        sections.append(SectionStatus(
            section.title, statuses[Status.OPEN], statuses[Status.AD_REF],
            statuses[Status.AGREED], sum(active_on[i] for i in ids),
            sum(open_on[i] for i in ids)))
    contested = []
    for paragraph in revision.paragraphs():
        mine = [p for p in active if p.paragraph == paragraph.id]
        if not mine:
            continue
        parties = sorted({party for p in mine for party in (*p.parties, *p.opponents)})
        contested.append(Contested(paragraph.id, paragraph.address, len(mine),
                                   sum(len(p.opponents) for p in mine), tuple(parties)))
    contested.sort(key=lambda c: -c.score)
    by_status = Counter(p.status.value for p in proposals)
    return Dashboard(
        revision.name, tuple(sections),
        {s.value: by_status[s.value] for s in ProposalStatus},
        sum(1 for c in comments if c.is_open), tuple(contested[:top]))
