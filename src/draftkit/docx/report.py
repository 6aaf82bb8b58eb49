"""What an import proposes, recorded or would record, as text or JSON.

Every item of the file is accounted for: recorded (or would be), recorded
already (with its id), draftkit's own export coming back, or not imported
(with the reason, one line each).
"""

from __future__ import annotations

import json
from typing import Any

from draftkit.docx.intake import Imported
from draftkit.docx.plan import Already, NewComment, NewProposal, NewReply, Plan
from draftkit.proposals import OperationKind
from draftkit.render.items import wording
from draftkit.vocabulary import quantity


def describe(planned: NewProposal) -> str:
    """One line a delegate reads: what the amendment does, in words."""
    if planned.operation is OperationKind.ADD_ROW:
        where = planned.position.value if planned.position else "after"
        return f"add a row {where} {planned.destination_address}: " + \
            " | ".join(planned.cells or ())
    if planned.operation is OperationKind.DELETE_ROW:
        return f"delete {planned.destination_address}"
    quote = planned.quote or ""
    if planned.occurrence:
        quote += f" (occurrence {planned.occurrence})"
    return wording(planned.operation, quote, planned.text, planned.position,
                   planned.destination_address)


def _proposal_line(planned: NewProposal) -> str:
    return f"{planned.address}: {describe(planned)} — {', '.join(planned.proposers)}"


def _comment_line(planned: NewComment) -> str:
    on = f"“{planned.quote}” in {planned.address}" if planned.quote else planned.address
    return f"{planned.type.value} comment by {planned.party} on {on}: {planned.text}"


def _reply_line(reply: NewReply) -> str:
    return f"reply by {reply.party} to {reply.comment}: {reply.text}"


def _already_line(already: Already) -> str:
    item = already.item
    if isinstance(item, NewReply):
        return _reply_line(item)
    line = _proposal_line(item) if isinstance(item, NewProposal) else _comment_line(item)
    status = f" ({already.status})" if already.status else ""
    return f"{already.id}  {line}{status}"


def headline(plan: Plan, dry_run: bool) -> str:
    """The first line: what is recorded, or that nothing is and why."""
    if not plan.empty:
        verb = "would record" if dry_run else "recorded"
        return (f"{verb} {quantity(len(plan.proposals), 'proposal')}, "
                f"{quantity(len(plan.comments), 'comment')}, "
                f"{quantity(len(plan.replies), 'reply')}")
    source = f" from {plan.source}" if plan.source else ""
    if plan.already and not plan.problems:
        why = (f"all {quantity(len(plan.already), 'item')} in it "
               f"{'is' if len(plan.already) == 1 else 'are'} already recorded")
    elif plan.already or plan.problems:
        why = ", ".join(([f"{quantity(len(plan.already), 'item')} in it "
                          f"{'is' if len(plan.already) == 1 else 'are'} already recorded"]
                         if plan.already else []) +
                        [f"{len(plan.problems)} not imported (listed below)"])
    else:
        why = "no tracked change, and no comment or reply that is not already recorded"
    return f"nothing to import{source}: {why}"


def to_text(result: Imported, dry_run: bool) -> str:
    plan = result.plan
    lines = [headline(plan, dry_run)]
    ids = [p.id for p in result.proposals] or [""] * len(plan.proposals)
    for made, planned in zip(ids, plan.proposals, strict=True):
        lines.append(f"  {made + '  ' if made else ''}{_proposal_line(planned)}")
    comment_ids = [c.id for c in result.comments] or [""] * len(plan.comments)
    for made, comment in zip(comment_ids, plan.comments, strict=True):
        lines.append(f"  {made + '  ' if made else ''}{_comment_line(comment)}")
    for reply in plan.replies:
        lines.append(f"  {_reply_line(reply)}")
    if plan.exported_comments or plan.exported_replies:
        lines.append(f"  {quantity(plan.exported_comments, 'comment')} and "
                     f"{quantity(plan.exported_replies, 'reply')} in it are draftkit's own, "
                     f"as exported")
    if plan.already:
        lines.append(f"already recorded ({len(plan.already)}):")
        lines += [f"  {_already_line(already)}" for already in plan.already]
    if plan.problems:
        lines.append(f"not imported ({len(plan.problems)}):")
        lines += [f"  - {problem.removeprefix('not imported: ')}" for problem in plan.problems]
    return "\n".join(lines) + "\n"


def _proposal_json(made: str | None, p: NewProposal) -> dict[str, Any]:
    return {"id": made, "paragraph": p.address, "operation": p.operation.value,
            "proposers": list(p.proposers), "quote": p.quote, "occurrence": p.occurrence,
            "text": p.text, "position": p.position.value if p.position else None,
            "destination": p.destination_address or None, "description": describe(p),
            **({"cells": list(p.cells)} if p.cells is not None else {})}


def _comment_json(made: str | None, c: NewComment) -> dict[str, Any]:
    return {"id": made, "party": c.party, "type": c.type.value, "paragraph": c.address,
            "quote": c.quote, "occurrence": c.occurrence, "text": c.text,
            "replies": [{"party": who, "text": text} for who, text in c.replies]}


def _reply_json(r: NewReply) -> dict[str, Any]:
    return {"comment": r.comment, "party": r.party, "text": r.text}


def _already_json(already: Already) -> dict[str, Any]:
    item = already.item
    if isinstance(item, NewReply):
        fields = _reply_json(item)
    elif isinstance(item, NewProposal):
        fields = _proposal_json(already.id, item) | {"status": already.status or "proposed"}
    else:
        fields = _comment_json(already.id, item)
    return {"kind": already.kind, "id": already.id, **fields}


def to_json(result: Imported, dry_run: bool) -> str:
    plan = result.plan
    ids: list[str | None] = [p.id for p in result.proposals] or [None] * len(plan.proposals)
    comment_ids: list[str | None] = [c.id for c in result.comments] or \
        [None] * len(plan.comments)
    return json.dumps({
        "dry_run": dry_run, "source": plan.source,
        "proposals": [_proposal_json(made, p)
                      for made, p in zip(ids, plan.proposals, strict=True)],
        "comments": [_comment_json(made, c)
                     for made, c in zip(comment_ids, plan.comments, strict=True)],
        "replies": [_reply_json(r) for r in plan.replies],
        "already_recorded": [_already_json(a) for a in plan.already],
        "exported": {"comments": plan.exported_comments, "replies": plan.exported_replies},
        "not_imported": [p.removeprefix("not imported: ") for p in plan.problems]},
        ensure_ascii=False, indent=2) + "\n"
