"""What an import proposes, recorded or would record, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from draftkit.docx.intake import Imported
from draftkit.docx.plan import NewComment, NewProposal
from draftkit.render.items import wording


def describe(planned: NewProposal) -> str:
    """One line a delegate reads: what the amendment does, in words."""
    quote = planned.quote or ""
    if planned.occurrence:
        quote += f" (occurrence {planned.occurrence})"
    return wording(planned.operation, quote, planned.text, planned.position,
                   planned.destination_address)


def _comment_line(planned: NewComment) -> str:
    on = f"“{planned.quote}” in {planned.address}" if planned.quote else planned.address
    return f"{planned.type.value} comment by {planned.party} on {on}: {planned.text}"


def to_text(result: Imported, dry_run: bool) -> str:
    plan = result.plan
    ids = [p.id for p in result.proposals] or [""] * len(plan.proposals)
    verb = "would record" if dry_run else "recorded"
    lines = [f"{verb} {len(plan.proposals)} proposal(s), {len(plan.comments)} comment(s), "
             f"{len(plan.replies)} reply(ies)"]
    for made, planned in zip(ids, plan.proposals, strict=True):
        lines.append(f"  {made + '  ' if made else ''}{planned.address}: {describe(planned)} "
                     f"— {', '.join(planned.proposers)}")
    comment_ids = [c.id for c in result.comments] or [""] * len(plan.comments)
    for made, comment in zip(comment_ids, plan.comments, strict=True):
        lines.append(f"  {made + '  ' if made else ''}{_comment_line(comment)}")
    for reply in plan.replies:
        lines.append(f"  reply by {reply.party} to {reply.comment}: {reply.text}")
    if plan.problems:
        lines.append(f"not imported ({len(plan.problems)}):")
        lines += [f"  - {problem.removeprefix('not imported: ')}" for problem in plan.problems]
    return "\n".join(lines) + "\n"


def to_json(result: Imported, dry_run: bool) -> str:
    plan = result.plan
    ids: list[str | None] = [p.id for p in result.proposals] or [None] * len(plan.proposals)
    comment_ids: list[str | None] = [c.id for c in result.comments] or \
        [None] * len(plan.comments)
    proposals: list[dict[str, Any]] = [
        {"id": made, "paragraph": p.address, "operation": p.operation.value,
         "proposers": list(p.proposers), "quote": p.quote, "occurrence": p.occurrence,
         "text": p.text, "position": p.position.value if p.position else None,
         "destination": p.destination_address or None, "description": describe(p)}
        for made, p in zip(ids, plan.proposals, strict=True)]
    comments = [{"id": made, "party": c.party, "type": c.type.value, "paragraph": c.address,
                 "quote": c.quote, "occurrence": c.occurrence, "text": c.text,
                 "replies": [{"party": who, "text": text} for who, text in c.replies]}
                for made, c in zip(comment_ids, plan.comments, strict=True)]
    replies = [{"comment": r.comment, "party": r.party, "text": r.text} for r in plan.replies]
    return json.dumps({"dry_run": dry_run, "proposals": proposals, "comments": comments,
                       "replies": replies,
                       "not_imported": [p.removeprefix("not imported: ")
                                        for p in plan.problems]},
                      ensure_ascii=False, indent=2) + "\n"
