"""Recording what a delegation's .docx proposes: map authors, check everything, then write.

Every planned proposal, comment and reply is checked against the revision
before the first is written, so a bad file leaves the drafts folder as it was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from attrs import frozen

from draftkit.anchors import locate
from draftkit.comments import Comment
from draftkit.docx.importer import plan_import
from draftkit.docx.plan import NewComment, NewProposal, Parties, Plan
from draftkit.docx.reader import read_docx
from draftkit.errors import DraftkitError
from draftkit.model import PartyKind
from draftkit.proposals import Operation, Proposal, word_operation

if TYPE_CHECKING:
    from draftkit.api import Drafts


@frozen
class Imported:
    """The plan, and what was recorded from it (nothing on a dry run)."""

    plan: Plan
    proposals: tuple[Proposal, ...] = ()
    comments: tuple[Comment, ...] = ()
    replies: tuple[Comment, ...] = ()


def import_docx(drafts: Drafts, document_id: str, data: bytes, name: str, revision: str,
                party: str | None = None, dry_run: bool = False) -> Imported:
    base = drafts.revision(document_id, revision)
    known = {c.id: c for c in drafts.comments(document_id)}
    plan = plan_import(base, read_docx(data, name), author_parties(drafts, party), known, name)
    for proposal in plan.proposals:
        _check_proposal(drafts, document_id, base.name, proposal)
    for comment in plan.comments:
        _check_comment(drafts, document_id, base.name, comment)
    if dry_run:
        return Imported(plan)
    proposals = [drafts.draft_proposal(
        document_id, paragraph=p.paragraph, operation=p.operation,
        **speakers(drafts, p.proposers), revision=base.name, quote=p.quote,
        occurrence=p.occurrence, text=p.text, position=p.position,
        destination=p.destination, rationale=p.rationale)
        for p in plan.proposals]
    comments = []
    for planned in plan.comments:
        made = drafts.draft_comment(document_id, party=planned.party, text=planned.text,
                                    type=planned.type, paragraph=planned.paragraph,
                                    quote=planned.quote, occurrence=planned.occurrence,
                                    revision=base.name)
        for who, text in planned.replies:
            made = made.with_reply(drafts.draft_reply(who, text))
        comments.append(made)
    replies = [(r.comment, drafts.draft_reply(r.party, r.text)) for r in plan.replies]
    recorded = drafts.record_batch(document_id, proposals, comments, replies)
    return Imported(plan, *recorded)


def speakers(drafts: Drafts, codes: tuple[str, ...]) -> dict[str, Any]:
    """Proposers as `propose` takes them: "ZMB, AFRICAN-GROUP" (a group and members of
    it, as draftkit writes a group's proposal) is ZMB speaking on behalf of the group."""
    registry = drafts.parties()
    groups = [c for c in codes if c in registry and registry[c].kind is PartyKind.GROUP]
    others = tuple(c for c in codes if c not in groups)
    if len(groups) == 1 and others and all(c in registry[groups[0]].members for c in others):
        return {"proposers": others, "on_behalf_of": groups[0]}
    return {"proposers": codes}


def author_parties(drafts: Drafts, party: str | None) -> Parties:
    """How a Word author names parties: `party` for all, else codes or names, comma-joined."""
    if party is not None:
        code = drafts.party(party).code
        return lambda _author: (code,)
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
        return None if not codes or None in codes else tuple(c for c in codes if c)

    return resolve


def _check_proposal(drafts: Drafts, document_id: str, revision: str,
                    planned: NewProposal) -> None:
    target = drafts.paragraph(document_id, planned.paragraph, revision)
    kind = planned.operation
    if kind.on_words:
        assert planned.quote is not None
        word_operation(kind, target.text, planned.quote, planned.occurrence, planned.text,
                       planned.position)
    else:
        destination = drafts.paragraph(document_id, planned.destination, revision).id \
            if planned.destination else None
        Operation(kind, None, planned.text, planned.position, destination)


def _check_comment(drafts: Drafts, document_id: str, revision: str,
                   planned: NewComment) -> None:
    if planned.paragraph is not None:
        target = drafts.paragraph(document_id, planned.paragraph, revision)
        if planned.quote:
            locate(target.text, planned.quote, planned.occurrence)
    if not planned.text.strip() or any(not text.strip() for _, text in planned.replies):
        raise DraftkitError(f"an empty comment or reply by {planned.party}")
