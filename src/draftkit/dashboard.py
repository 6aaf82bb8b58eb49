"""The presidency's question: what is still open, and what stands in the way?

Observers' input (see `draftkit.observers`) is shown apart and not counted:
a proposal only observers tabled is not a live proposal in the tallies, and an
observer's opposition adds nothing to how contested a paragraph is, unless
the presidency counts observers (`count_observers`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from attrs import field, frozen

from draftkit import cells
from draftkit.agreement import reopens
from draftkit.comments import Comment
from draftkit.model import Paragraph, Revision, Status
from draftkit.observers import counted, observers_only
from draftkit.proposals import Proposal, ProposalStatus
from draftkit.table import CellRef

ACTIVE = (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)


@frozen
class SectionStatus:
    title: str
    open: int
    ad_ref: int
    agreed: int
    active_proposals: int
    open_comments: int
    observer_proposals: int = 0  # live proposals tabled by observers alone


@frozen
class Contested:
    """A paragraph with live proposals: how many (counted), how many opponents (counted),
    and who stands where. `supporting` tabled or supported a live proposal on it,
    `opposing` opposed one (a party on both sides of competing proposals is in both):
    States and groups first, then observers, who are listed but counted only when the
    presidency counts them. For a table, `cells` are its cells with live proposals
    (counted), as cited in the revision ("B3, row 4, column Type of cluster munition"),
    and how many, the most first; its proposals count under the table all the same."""

    paragraph: str
    address: str
    proposals: int
    opponents: int
    parties: tuple[str, ...]
    observers: tuple[str, ...] = ()  # observers who proposed or opposed there
    supporting: tuple[str, ...] = ()
    opposing: tuple[str, ...] = ()
    cells: tuple[tuple[str, int], ...] = ()

    @property
    def score(self) -> int:
        return self.proposals + self.opponents


@frozen
class Reopening:
    """Live proposals that would change the words of a paragraph agreed or ad ref."""

    paragraph: str
    address: str
    status: Status
    proposals: tuple[str, ...]


@frozen
class Dashboard:
    revision: str
    sections: tuple[SectionStatus, ...]
    proposals_by_status: dict[str, int]
    open_comments: int
    most_contested: tuple[Contested, ...]
    count_observers: bool = False
    # Proposals tabled by observers alone, shown apart (empty when they are counted).
    observer_proposals_by_status: dict[str, int] = field(factory=dict)
    reopening: tuple[Reopening, ...] = ()  # live proposals that would reopen agreed text
    observers: frozenset[str] = frozenset()  # the registry's observers, to mark them


def dashboard(revision: Revision, proposals: Sequence[Proposal], comments: Sequence[Comment],
              top: int = 10, observers: AbstractSet[str] = frozenset(),
              count_observers: bool = False) -> Dashboard:
    """`observers` are the registry's observers; their input is counted only with
    `count_observers`. `top` most contested paragraphs are listed (0: all of them)."""
    live = [p for p in proposals if p.status in ACTIVE]
    heard = {p.id for p in proposals
             if not count_observers and observers_only(p.parties, observers)}
    apart = [p for p in live if p.id in heard]
    active = [p for p in live if p.id not in heard]
    active_on = Counter(p.paragraph for p in active)
    apart_on = Counter(p.paragraph for p in apart)
    open_on = Counter(c.paragraph for c in comments if c.is_open)
    sections = []
    for section in revision.sections:
        statuses = Counter(p.status for p in section.paragraphs)
        ids = [p.id for p in section.paragraphs]
        sections.append(SectionStatus(
            section.title, statuses[Status.OPEN], statuses[Status.AD_REF],
            statuses[Status.AGREED], sum(active_on[i] for i in ids),
            sum(open_on[i] for i in ids), sum(apart_on[i] for i in ids)))
    live_on: dict[str, list[Proposal]] = {}  # each paragraph's live proposals, in order
    for proposal in live:
        live_on.setdefault(proposal.paragraph, []).append(proposal)
    contested = []
    for paragraph in revision.paragraphs():
        there = live_on.get(paragraph.id, [])
        mine = [p for p in there if p.id not in heard]
        if not mine:
            continue
        involved = {party for p in there for party in (*p.parties, *p.opponents)}
        contested.append(Contested(
            paragraph.id, paragraph.address, len(mine),
            sum(len(counted(p.opponents, observers, count_observers)) for p in mine),
            tuple(sorted(involved - observers)), tuple(sorted(involved & observers)),
            _states_first({c for p in there for c in (*p.parties, *p.supporters)}, observers),
            _states_first({c for p in there for c in p.opponents}, observers),
            _cells(paragraph, mine)))
    contested.sort(key=lambda c: -c.score)
    reopening = tuple(
        Reopening(paragraph.id, paragraph.address, paragraph.status, found)
        for paragraph in revision.paragraphs()
        if (found := tuple(p.id for p in live_on.get(paragraph.id, ())
                           if reopens(p.operation.kind, paragraph.status))))
    by_status = Counter(p.status.value for p in proposals if p.id not in heard)
    heard_by_status = Counter(p.status.value for p in proposals if p.id in heard)
    return Dashboard(
        revision.name, tuple(sections),
        {s.value: by_status[s.value] for s in ProposalStatus},
        sum(1 for c in comments if c.is_open), tuple(contested[:top] if top else contested),
        count_observers,
        {s.value: heard_by_status[s.value] for s in ProposalStatus}, reopening,
        frozenset(observers))


def _cells(table: Paragraph, proposals: Sequence[Proposal]) -> tuple[tuple[str, int], ...]:
    """The cells of a table the proposals are on, named in the revision, and how many
    are on each: the most first, then in the order of the table."""
    on = Counter(p.cell for p in proposals if p.cell is not None)
    return tuple((cells.name(table, ref), count) for ref, count in
                 sorted(on.items(), key=lambda item: (-item[1], _place(table, item[0]))))


def _place(table: Paragraph, ref: CellRef) -> tuple[int, int]:
    found = table.table
    row = found.row_index(ref.row) if found is not None else None
    column = found.column_index(ref.column) if found is not None else None
    return (-1 if row is None else row, -1 if column is None else column)


def _states_first(codes: AbstractSet[str], observers: AbstractSet[str]) -> tuple[str, ...]:
    return (*sorted(codes - observers), *sorted(codes & observers))
