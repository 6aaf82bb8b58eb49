"""The process of a document in date order: meetings, revisions, deadlines, decisions.

`draftkit timeline DOC` tells the story: the zero draft issued for the
Santiago conference, the conference, the deadline for written input (how
many proposals came in under it, which came late), Rev.1 issued for the
Geneva preparatory meeting, the meeting and what was agreed there, 1MSP.

Everything here is derived from the store: the document's meetings and
deadlines (`document.txt`), its recorded revisions, its proposals, and the
agreement decisions when the store records them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from attrs import frozen

from draftkit.model import Deadline, Document, Meeting, Revision
from draftkit.proposals import Proposal

# Order on one day: a revision issued, then a meeting opening, what was decided
# at it, and last the deadline, which runs to the end of its day.
RANKS = {"revision": 0, "meeting": 1, "decision": 2, "deadline": 3}


@frozen
class MeetingHeld:
    meeting: Meeting

    @property
    def date(self) -> dt.date:
        return self.meeting.start


@frozen
class RevisionIssued:
    revision: Revision
    meeting: Meeting | None  # the meeting it was issued for, when it names one

    @property
    def date(self) -> dt.date:
        return self.revision.date


@frozen
class DeadlinePassed:
    """A deadline and the proposals that fall under it: on time and late (ids)."""

    deadline: Deadline
    meeting: Meeting | None
    on_time: tuple[str, ...]
    late: tuple[str, ...]

    @property
    def date(self) -> dt.date:
        return self.deadline.date


@frozen
class DecisionTaken:
    """An agreement decision on a paragraph (agreed ad ref, confirmed, reopened), as the
    store records it: when, at which meeting, by whom, on which paragraph."""

    date: dt.date
    action: str
    paragraph: str  # its address
    meeting: Meeting | None = None
    by: str = ""
    note: str = ""


Entry = MeetingHeld | RevisionIssued | DeadlinePassed | DecisionTaken


@frozen
class Timeline:
    document: Document
    entries: tuple[Entry, ...]


def kind_of(entry: Entry) -> str:
    return {MeetingHeld: "meeting", RevisionIssued: "revision", DeadlinePassed: "deadline",
            DecisionTaken: "decision"}[type(entry)]


def build(document: Document, revisions: Sequence[Revision], proposals: Iterable[Proposal],
          decisions: Iterable[DecisionTaken] = ()) -> Timeline:
    """The document's timeline: every meeting, revision, deadline and decision, in date
    order (on one day: revisions, meetings, decisions, deadlines)."""
    meetings = {m.id: m for m in document.meetings}
    under: dict[Deadline, tuple[list[str], list[str]]] = {d: ([], []) for d in
                                                          document.deadlines}
    for proposal in proposals:
        if proposal.deadline is not None and proposal.deadline in under:
            on_time, late = under[proposal.deadline]
            (late if proposal.late else on_time).append(proposal.id)
    entries: list[Entry] = [MeetingHeld(m) for m in document.meetings]
    entries += [RevisionIssued(r, meetings.get(r.meeting or "")) for r in revisions]
    entries += [DeadlinePassed(d, meetings.get(d.meeting or ""), tuple(on_time), tuple(late))
                for d, (on_time, late) in under.items()]
    entries += decisions
    order = {id(entry): n for n, entry in enumerate(entries)}
    entries.sort(key=lambda e: (e.date, RANKS[kind_of(e)], order[id(e)]))
    return Timeline(document, tuple(entries))
