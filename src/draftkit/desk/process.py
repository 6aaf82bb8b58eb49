"""The process as it stands: the timeline of meetings, revisions, deadlines and
decisions, and the status dashboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from draftkit.agreement import Action
from draftkit.dashboard import Dashboard, dashboard
from draftkit.desk.comments import CommentDesk

if TYPE_CHECKING:
    from draftkit.timeline import DecisionTaken, Timeline


class ProcessDesk(CommentDesk):
    """The process as it stands: the timeline and the status dashboard."""

    def timeline(self, document_id: str) -> Timeline:
        """Meetings, revisions (with kind and meeting), deadlines (with the proposals
        on time and late under each) and agreement decisions, in date order."""
        from draftkit.timeline import build

        return build(self.document(document_id), self.revisions(document_id),
                     self.proposals(document_id), self._decisions_for_timeline(document_id))

    def _decisions_for_timeline(self, document_id: str) -> list[DecisionTaken]:
        """The agreement decisions (ad ref, confirmed, reopened) as timeline entries.

        Each decision in `decisions/`, and each reopening a merge recorded (`merge
        --reopen`: on the revision's date, at its meeting, by its issuer).
        """
        from draftkit.timeline import DecisionTaken

        meetings = {m.id: m for m in self.document(document_id).meetings}
        verbs = {Action.AD_REF: "agreed ad ref", Action.CONFIRM: "confirmed",
                 Action.REOPEN: "reopened"}
        taken = [DecisionTaken(d.when.date(), verbs[d.action], d.label,
                               meetings.get(d.meeting), d.by, d.note)
                 for d in self.decisions(document_id)]
        for name, change in self.reopenings(document_id):
            made = self.revision(document_id, name)
            taken.append(DecisionTaken(
                made.date, "reopened", change.label or f"#{change.paragraph}",
                meetings.get(made.meeting or ""), made.issued_by,
                f"by the merge into {made.title}, to make {', '.join(change.proposals)}"))
        return taken

    def status(self, document_id: str, revision: str | None = None, *,
               count_observers: bool = False, top: int = 10) -> Dashboard:
        """Per section: paragraphs open / ad ref / agreed (as they stand now: see
        `current`), proposals, comments; the `top` most contested paragraphs (0: every
        paragraph with live proposals), each with the parties supporting and opposing
        them. Observers' input is shown apart and not counted, unless
        `count_observers`."""
        return dashboard(self.current(document_id, revision), self.proposals(document_id),
                         self.comments(document_id), top=top, observers=self.observers(),
                         count_observers=count_observers)
