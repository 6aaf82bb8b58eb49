"""Status decisions and histories as lines a delegate reads (`show --history`, `log`,
`agree`); party-written text goes out through `render.safe` by the caller's renderer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from draftkit.agreement import Action, StatusDecision, StatusEvent
from draftkit.model import Revision, Status, display_name


def event_line(event: StatusEvent) -> str:
    """ "2010-09-06 16:00 agreed ad ref at prepcom by Presidency (ADREF-ACTION3-k2m9)"."""
    day = event.when.date().isoformat()
    if event.what == "issued":
        return f"{day} {display_name(event.revision)} issued it {event.status.title}"
    if event.what == "merge-reopen":
        made = f", to make {event.source}" if event.source else ""
        return (f"{day} reopened by the merge into {display_name(event.revision)} "
                f"({event.by}){made}")
    verb = Action(event.what).verb
    line = (f"{day} {event.when:%H:%M} {verb} at {event.meeting} by {event.by} "
            f"({event.source}, on {display_name(event.revision)})")
    return line + (f": {event.note}" if event.note else "")


def decision_line(decision: StatusDecision, before: Status) -> str:
    """What `agree` reports: "ADREF-ACTION3-k2m9: Action 3 agreed ad ref at prepcom by
    Presidency (was open)"."""
    return (f"{decision.id}: {decision.label} {decision.action.verb} at {decision.meeting} "
            f"by {decision.by} (was {before.title})")


def log_lines(revisions: Sequence[Revision], current: dict[str, Revision],
              decisions: Sequence[StatusDecision],
              reopened: dict[str, list[str]]) -> list[str]:
    """For `log`: per revision, the reopenings its merge recorded, then the decisions
    taken on its words since it was issued and where that leaves it."""
    lines = []
    for revision in revisions:
        title = display_name(revision.name)
        if reopened.get(revision.name):
            lines.append(f"{title} reopened agreed text to change it: "
                         f"{', '.join(reopened[revision.name])}")
        mine = [d for d in decisions if d.revision == revision.name]
        if not mine:
            continue
        counts = Counter(d.action for d in mine)
        done = ", ".join(f"{counts[a]} {a.verb}" for a in Action if counts[a])
        meetings = ", ".join(dict.fromkeys(d.meeting for d in mine))
        now = Counter(p.status for p in current[revision.name].paragraphs())
        stands = ", ".join(f"{now[s]} {s.title}" for s in Status)
        lines.append(f"{title} since issued: {done} (at {meetings}); it stands at {stands}")
    return lines
