"""Agreement: a paragraph's status is its revision's record plus the decisions taken
since (`draftkit.agreement`); reading them, recording one, and agreed words changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from draftkit.agreement import (
    Action,
    AgreementError,
    StatusDecision,
    StatusEvent,
    agreed_words_changed,
    id_prefix,
    in_force,
    status_history,
    step,
    words_hash,
)
from draftkit.desk.base import Desk, one_line, stamp
from draftkit.errors import NotFoundError, one_of
from draftkit.identity import new_id
from draftkit.keys import PRESIDENCY
from draftkit.model import Paragraph, Revision, Status
from draftkit.store.decision_format import format_decision

if TYPE_CHECKING:
    from draftkit.agreement import AgreedChange


class AgreementDesk(Desk):
    """Agreement: statuses as they stand now, and the decisions that make them."""

    def paragraphs(self, document_id: str, revision: str | None = None, *,
                   addresses: Sequence[str] = (), sections: Sequence[str] = (),
                   statuses: Sequence[str | Status] = ()) -> list[Paragraph]:
        """A revision's paragraphs in order, narrowed to some addresses, sections (number
        or heading) and negotiation statuses (as they stand now: see `current`); each
        narrowing given must match."""
        shown = self.current(document_id, revision)
        wanted_ids = {self.paragraph(document_id, a, shown.name, inside_tables=True).id
                      for a in addresses}
        missing = [n for n in sections if not any(s.answers_to(n) for s in shown.sections)]
        if missing:
            raise NotFoundError(f"no section {', '.join(missing)} in {shown.title} of "
                                f"{document_id}")
        wanted_statuses = {one_of(Status, s, "status") for s in statuses}
        return [p for part in shown.sections for p in part.paragraphs
                if (not wanted_ids or p.id in wanted_ids)
                and (not sections or any(part.answers_to(n) for n in sections))
                and (not wanted_statuses or p.status in wanted_statuses)]

    def decisions(self, document_id: str, *, paragraph: str | None = None,
                  revision: str | None = None) -> list[StatusDecision]:
        """The status decisions taken on the document (on one revision's words, on one
        paragraph: an address in the latest revision, or "OP6@zero-draft"), in time
        order."""
        found = [self.folder.load_decision(path)
                 for path in self.folder.item_files(document_id, "decisions")]
        if revision is not None:
            name = self.revision(document_id, revision).name
            found = [d for d in found if d.revision == name]
        if paragraph is not None:
            target = self.paragraph(document_id, paragraph).id
            found = [d for d in found if d.paragraph == target]
        return sorted(found, key=lambda d: d.order)

    def current(self, document_id: str, revision: str | None = None) -> Revision:
        """A recorded revision (the latest by default) with each paragraph's status as it
        stands now: the status the revision records, then the decisions taken on its
        words since, in time order. Its text is the record's, unchanged."""
        return in_force(self.revision(document_id, revision), self.decisions(document_id))

    def agree(self, document_id: str, *, paragraph: str, action: str | Action, meeting: str,
              by: str = PRESIDENCY, note: str = "",
              when: dt.datetime | None = None) -> StatusDecision:
        """Record a decision on a paragraph of the latest revision: agreed ad ref
        (`ad-ref`), confirmed (`confirm`) or reopened (`reopen`, which says why in
        `note`), at `meeting` (one of the document's meetings, when it lists any), by
        the presidency or a party. The steps are open → ad-ref
        → agreed, and reopen → open; any other is refused. The decision holds the
        SHA-256 of the paragraph's words, and is one new file."""
        chosen = one_of(Action, action, "action")
        one_line(note, "note")
        one_line(meeting, "meeting")
        meeting = meeting.strip()
        if not meeting:
            raise AgreementError("a decision names the meeting it was taken at (--at)")
        if self.document(document_id).meetings:  # a document that lists its meetings
            meeting = self.meeting(document_id, meeting).id
        if chosen is Action.REOPEN and not note.strip():
            raise AgreementError("a reopening says why (--note)")
        who = PRESIDENCY if by.strip().casefold() == PRESIDENCY.casefold() else \
            self.party(by).code
        with self.folder.lock(document_id):
            latest = self.current(document_id)
            target = latest.by_id(self.paragraph(document_id, paragraph, latest.name).id)
            assert target is not None
            step(target.status, chosen, target.address)
            made = stamp(when)
            earlier = [d for d in self.decisions(document_id)
                       if d.paragraph == target.id and d.revision == latest.name]
            if earlier and made < earlier[-1].when:
                raise AgreementError(f"{target.address} has a decision of "
                                     f"{earlier[-1].when.isoformat()} ({earlier[-1].id}); "
                                     f"a decision cannot be dated before it")
            draft = StatusDecision(
                id="draft", document=document_id, revision=latest.name, paragraph=target.id,
                label=target.address, action=chosen, meeting=meeting, by=who, when=made,
                words=words_hash(target.text), note=note.strip())
            while True:
                decision = attrs.evolve(
                    draft, id=f"{id_prefix(chosen, target.address)}-{new_id()[:4]}")
                if self.folder.create_item(document_id, "decisions", decision.id,
                                           format_decision(decision)):
                    return decision

    def status_history(self, document_id: str) -> dict[str, list[StatusEvent]]:
        """Per paragraph id, how its status came to be: the status each revision issued it
        with (where no decision explains it), each decision, each reopening by a merge."""
        reopened: dict[str, dict[str, tuple[str, ...]]] = {}
        for name, change in self.reopenings(document_id):
            reopened.setdefault(name, {})[change.paragraph] = change.proposals
        return status_history(self.revisions(document_id), self.decisions(document_id),
                              reopened)

    def reopenings(self, document_id: str) -> list[tuple[str, AgreedChange]]:
        """The agreed paragraphs that merges reopened (`merge --reopen`): the revision
        each merge made, and what it recorded."""
        return [(name, change) for name in self.revision_names(document_id)
                if (record := self._loaded(document_id, name).record) is not None
                for change in record.reopened]

    def agreed_words_changed(self, document_id: str, revision: str,
                             since: str | None = None) -> list[tuple[str, Paragraph]]:
        """Agreed (or ad ref) words changed without a recorded reopening, by any path (a
        `revise` of an edited export): for each revision from `since` (default: the
        parent of `revision`) down to `revision`, the paragraphs agreed or ad ref in its
        parent, as they stood, whose words it changed or dropped and did not reopen.
        Each with the name of the revision that changed it."""
        target = self.revision(document_id, revision)
        since = since if since is not None else target.parent
        if since is None:
            return []
        since = self.revision(document_id, since).name
        chain = [target]
        while chain[-1].name != since and chain[-1].parent and \
                chain[-1].parent not in {r.name for r in chain}:
            chain.append(self.revision(document_id, chain[-1].parent))
        if chain[-1].name != since:  # not an ancestor: the two compared directly
            return [(target.name, p) for p in agreed_words_changed(
                self.current(document_id, since), target)]
        found = []
        for child in chain[:-1]:
            assert child.parent is not None
            record = self._loaded(document_id, child.name).record
            reopened = {r.paragraph for r in record.reopened} if record else set()
            found += [(child.name, p) for p in agreed_words_changed(
                self.current(document_id, child.parent), child, reopened)]
        return found

    def _statuses_now(self, document_id: str) -> dict[str, Status]:
        """Each paragraph's status in the latest revision, as it stands now."""
        if not self.revision_names(document_id):
            return {}
        return {p.id: p.status for p in self.current(document_id).paragraphs()}
