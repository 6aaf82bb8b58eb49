"""Recording what a delegation's .docx proposes: map authors, check everything, then write.

Every planned proposal, comment and reply is drafted (and so checked) against
the revision before the first is written, so a bad file leaves the drafts
folder as it was. An item recorded already, by an earlier import of the file
(or of another file making the same change) or by hand, is not recorded
again: it is listed as already recorded, with its id. The import is one batch
(`Drafts.record_batch`): all of it is written, or none.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from attrs import evolve, frozen

from draftkit.comments import Comment, Reply
from draftkit.docx.importer import plan_import
from draftkit.docx.notes import times
from draftkit.docx.plan import Already, NewComment, NewProposal, NewReply, Parties, Plan
from draftkit.docx.reader import read_docx
from draftkit.model import PartyKind
from draftkit.proposals import Proposal, ProposalStatus
from draftkit.vocabulary import quantity

if TYPE_CHECKING:
    from draftkit.desk.comments import CommentDesk


@frozen
class Imported:
    """The plan, and what was recorded from it (nothing on a dry run)."""

    plan: Plan
    proposals: tuple[Proposal, ...] = ()
    comments: tuple[Comment, ...] = ()
    replies: tuple[Comment, ...] = ()


def import_docx(drafts: CommentDesk, document_id: str, data: bytes, name: str, revision: str,
                party: str | None = None, dry_run: bool = False) -> Imported:
    base = drafts.revision(document_id, revision)
    recorded = drafts.comments(document_id)
    plan = plan_import(base, read_docx(data, name), author_parties(drafts, party),
                       {c.id: c for c in recorded}, name, times(data, name))
    batch = _Batch(drafts, document_id, base.name, drafts.proposals(document_id), recorded)
    for proposal in plan.proposals:
        batch.proposal(proposal)
    for comment in plan.comments:
        batch.comment(comment)
    for reply in plan.replies:
        batch.reply(reply)
    plan = evolve(plan, proposals=tuple(p for p, _ in batch.proposals),
                  comments=tuple(c for c, _ in batch.comments),
                  replies=tuple(r for r, _ in batch.replies), already=tuple(batch.already),
                  problems=(*plan.problems, *batch.problems))
    if dry_run or plan.empty:
        return Imported(plan)
    recorded_now = drafts.record_batch(
        document_id, [drafted for _, drafted in batch.proposals],
        [drafted for _, drafted in batch.comments],
        [(planned.comment, drafted) for planned, drafted in batch.replies])
    return Imported(plan, *recorded_now)


class _Batch:
    """The planned items drafted, less those recorded already (or twice in the file)."""

    def __init__(self, drafts: CommentDesk, document_id: str, revision: str,
                 proposals: Sequence[Proposal], comments: Sequence[Comment]) -> None:
        self.drafts = drafts
        self.document = document_id
        self.revision = revision
        self.recorded: dict[Hashable, Proposal | Comment] = {}
        earlier: list[Proposal | Comment] = [*proposals, *comments]
        for item in earlier:
            self.recorded.setdefault(_key(item), item)
        self.answered = {("reply", c.id, r.party, r.text) for c in comments
                         for r in c.replies}
        self.seen: set[Hashable] = set()
        self.proposals: list[tuple[NewProposal, Proposal]] = []
        self.comments: list[tuple[NewComment, Comment]] = []
        self.replies: list[tuple[NewReply, Reply]] = []
        self.already: list[Already] = []
        self.problems: list[str] = []

    def _new(self, key: Hashable, planned: NewProposal | NewComment, what: str) -> bool:
        """Whether an item is new; if not, it is listed as recorded already (or twice)."""
        earlier = self.recorded.get(key)
        if earlier is not None:
            status = ""
            if isinstance(earlier, Proposal) and earlier.status is not ProposalStatus.PROPOSED:
                status = earlier.status.value
            self.already.append(Already(earlier.id, planned, status))
            return False
        if key in self.seen:
            self.problems.append(f"not imported: {what} a second time (the file makes it "
                                 f"twice)")
            return False
        self.seen.add(key)
        return True

    def proposal(self, planned: NewProposal) -> None:
        drafted = self.drafts.draft_proposal(
            self.document, paragraph=planned.paragraph, operation=planned.operation,
            **speakers(self.drafts, planned.proposers), revision=self.revision,
            quote=planned.quote, occurrence=planned.occurrence, text=planned.text,
            position=planned.position, destination=planned.destination,
            rationale=planned.rationale, row=planned.row, cells=planned.cells)
        if self._new(_key(drafted), planned, f"the change to {planned.address} by "
                                              f"{', '.join(planned.proposers)}"):
            self.proposals.append((planned, drafted))

    def comment(self, planned: NewComment) -> None:
        drafted = self.drafts.draft_comment(
            self.document, party=planned.party, text=planned.text, type=planned.type,
            paragraph=planned.paragraph, quote=planned.quote, occurrence=planned.occurrence,
            revision=self.revision)
        key = _key(drafted)
        also = f" and its {quantity(len(planned.replies), 'reply')}" if planned.replies else ""
        if not self._new(key, planned, f"the comment by {planned.party} on "
                                       f"{planned.address}{also}"):
            earlier = self.recorded.get(key)
            if earlier is not None:  # its replies may be new
                for who, text in planned.replies:
                    self.reply(NewReply(earlier.id, who, text))
            return
        for who, text in planned.replies:
            drafted = drafted.with_reply(self.drafts.draft_reply(who, text))
        self.comments.append((planned, drafted))

    def reply(self, planned: NewReply) -> None:
        key = ("reply", planned.comment, planned.party, planned.text)
        if key in self.answered:
            self.already.append(Already(planned.comment, planned))
        elif key in self.seen:
            self.problems.append(f"not imported: the reply by {planned.party} to "
                                 f"{planned.comment} a second time (the file makes it "
                                 f"twice): {planned.text}")
        else:
            self.seen.add(key)
            self.replies.append((planned, self.drafts.draft_reply(planned.party,
                                                                  planned.text)))


def _key(item: Proposal | Comment) -> Hashable:
    """What makes two proposals (or comments) the same, whenever and however recorded:
    the party, revision, paragraph and what it does (or says, and where)."""
    if isinstance(item, Proposal):
        return ("proposal", tuple(sorted(item.proposers)), item.on_behalf_of, item.revision,
                item.paragraph, item.operation)
    return ("comment", item.party, item.revision, item.paragraph, item.anchor, item.type,
            item.text)


def speakers(drafts: CommentDesk, codes: tuple[str, ...]) -> dict[str, Any]:
    """Proposers as `propose` takes them: "ZMB, AFRICAN-GROUP" (a group and members of
    it, as draftkit writes a group's proposal) is ZMB speaking on behalf of the group."""
    registry = drafts.parties()
    groups = [c for c in codes if c in registry and registry[c].kind is PartyKind.GROUP]
    others = tuple(c for c in codes if c not in groups)
    if len(groups) == 1 and others and all(c in registry[groups[0]].members for c in others):
        return {"proposers": others, "on_behalf_of": groups[0]}
    return {"proposers": codes}


def author_parties(drafts: CommentDesk, party: str | None) -> Parties:
    """How a Word author names parties: a code or a registered name, several comma-joined.
    `party` is for the authors who name none (or no author at all); without it they
    are reported."""
    fallback = (drafts.party(party).code,) if party is not None else None
    registry = drafts.parties()
    names = {p.name.casefold(): p.code for p in registry.values()}

    def one(name: str) -> str | None:
        found = registry.get(name) or registry.get(name.upper())
        return found.code if found else names.get(name.casefold())

    def resolve(author: str) -> tuple[str, ...] | None:
        whole = one(author.strip())
        if whole:
            return (whole,)
        codes = [one(part) for part in re.split(r"\s*[,;]\s*", author.strip())]
        if not codes or None in codes:
            return fallback
        return tuple(c for c in codes if c)

    return resolve
