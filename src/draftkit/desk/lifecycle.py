"""A proposal's life after it is tabled: support, opposition, withdrawal, and the
presidency's decisions, with accepting refused where it conflicts with one accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from draftkit import cells, columns, field_changes, rows
from draftkit.desk.base import actor, one_line, stamp
from draftkit.desk.proposals import ProposalDesk
from draftkit.keys import PRESIDENCY
from draftkit.model import Revision
from draftkit.proposals import Event, Proposal, ProposalError, ProposalStatus
from draftkit.store.item_format import format_proposal

if TYPE_CHECKING:
    from draftkit.conflicts import Conflict


class LifecycleDesk(ProposalDesk):
    """A proposal's life after it is tabled: positions, withdrawal, decisions."""

    def _record_event(self, proposal_id: str, event: Event,
                      document_id: str | None = None,
                      guard: Callable[[Proposal], None] | None = None) -> Proposal:
        """Append `event` to the proposal, under the lock; `guard` may refuse it there."""
        proposal = self.proposal(proposal_id, document_id)
        with self.folder.lock(proposal.document):
            proposal = self.proposal(proposal_id, proposal.document)
            updated = proposal.with_event(event)
            if guard is not None:
                guard(proposal)
            self.folder.replace_item(proposal.document, "proposals", proposal.id,
                                     format_proposal(updated))
        return updated

    def support(self, proposal_id: str, party: str, note: str = "",
                when: dt.datetime | None = None) -> Proposal:
        return self._position(proposal_id, party, "supported", note, when)

    def oppose(self, proposal_id: str, party: str, note: str = "",
               when: dt.datetime | None = None) -> Proposal:
        return self._position(proposal_id, party, "opposed", note, when)

    def _position(self, proposal_id: str, party: str, action: str, note: str,
                  when: dt.datetime | None) -> Proposal:
        one_line(note, "note")
        return self._record_event(proposal_id, Event(stamp(when), self.party(party).code,
                                                     action, note=note))

    def withdraw(self, proposal_id: str, party: str, note: str = "",
                 when: dt.datetime | None = None) -> Proposal:
        one_line(note, "note")
        return self._record_event(proposal_id, Event(stamp(when), self.party(party).code,
                                                     "withdrawn", note=note))

    def decide(self, proposal_id: str, action: str, note: str = "", by: str = PRESIDENCY,
               argument: str = "", when: dt.datetime | None = None,
               force: bool = False) -> Proposal:
        """Accept, reject, supersede (argument: the successor) or reopen a proposal.

        Accepting a proposal that conflicts with one already accepted (as `merge
        --into` would find them on the latest revision) is refused, naming it,
        unless `force`: then both stand accepted and the merge must settle them
        (`prefer` or `bracket`).
        """
        if action not in ("accepted", "rejected", "superseded", "reopened"):
            raise ProposalError(f"unknown decision {action!r}")
        one_line(note, "note")
        actor(by)
        if action == "superseded":
            self.proposal(argument)
        guard = None if force or action != "accepted" else self._refuse_conflicting
        return self._record_event(proposal_id, Event(stamp(when), by, action, argument, note),
                                  guard=guard)

    def accept(self, proposal_id: str, note: str = "", by: str = PRESIDENCY,
               force: bool = False) -> Proposal:
        return self.decide(proposal_id, "accepted", note, by, force=force)

    def conflict_with_accepted(self, proposal_id: str,
                               document_id: str | None = None) -> Conflict | None:
        """The conflict between a proposal and the accepted proposals on its paragraph
        that it cannot be merged with, carried onto the latest revision as `merge
        --into` carries them (its own side first); None when there is none, or when it
        no longer applies there (stale: the merge says why)."""
        from draftkit.amendments import conflict
        from draftkit.conflicts import cell_named, describe_conflict, field_conflict
        from draftkit.edits import Words
        from draftkit.rebase import carry_all
        from draftkit.tablemerge import carry_cells

        proposal = self.proposal(proposal_id, document_id)
        document = proposal.document
        accepted = [p for p in self.proposals(document, status=ProposalStatus.ACCEPTED)
                    if p.paragraph == proposal.paragraph and p.id != proposal.id]
        latest = self.revision(document)
        if rows.on_rows(proposal) or any(rows.on_rows(p) for p in accepted):
            over_row = self._row_conflict(proposal, accepted, latest)
            if over_row is not None or rows.on_rows(proposal):
                return over_row
        over_column = self._column_conflict(proposal, accepted, latest)
        if over_column is not None:
            return over_column
        if columns.on_columns(proposal):
            return None  # a column added never competes
        if field_changes.on_field(proposal):
            field = latest.by_id(proposal.paragraph)
            clashing = [p for p in accepted
                        if field_changes.on_field(p) and field_changes.differ(proposal, p)]
            if field is None or field_changes.stale(latest, proposal) is not None or \
                    not clashing:
                return None
            return field_conflict(field, field_changes.clashes([proposal, *clashing])[0])
        others = [p for p in accepted if p.cell == proposal.cell and not rows.on_rows(p)
                  and not columns.on_columns(p) and not field_changes.on_field(p)]
        if not others:
            return None
        if proposal.cell is None:
            carried, _, _ = carry_all(latest, [*others, proposal], self.history(document))
            where, on = latest, proposal.paragraph
        else:
            where, carried, _ = carry_cells(latest, [*others, proposal],
                                            self.history(document))
            on = cells.key(proposal.paragraph, proposal.cell)
        found = carried.get(on, [])
        mine = next((a for a in found if proposal.id in a.ids), None)
        against = [a for a in found if mine is not None and a is not mine and conflict(mine, a)]
        paragraph = where.by_id(on)
        if mine is None or not against or paragraph is None:
            return None
        return cell_named(describe_conflict(
            paragraph, Words.of(paragraph.text), [mine, *against],
            lambda pid: self.label_in(document, pid, latest.name) or pid),
            cells.cells_of(latest))

    def _row_conflict(self, proposal: Proposal, accepted: Sequence[Proposal],
                      latest: Revision) -> Conflict | None:
        """The contest over a row (`draftkit.rows`) between a proposal and the accepted
        ones on its table, on the latest revision: the proposal's side and the sides it
        competes with; None when there is none."""
        from draftkit.conflicts import row_conflict
        from draftkit.tablemerge import carry_cells, row_contests

        history = self.history(proposal.document)
        group = [*accepted, proposal]
        on_rows = [p for p in group if rows.on_rows(p) and
                   rows.stale(latest, p, history.revisions.get(p.revision)) is None]
        view, on_cells, _ = carry_cells(latest, group, history)
        for contest in row_contests(latest, on_rows, view, on_cells, cells.cells_of(latest)):
            mine = next((s for s in contest.sides if proposal.id in s.proposals), None)
            if mine is None:
                continue
            first = contest.sides[0]
            if contest.deletes and mine is not first:
                contest = attrs.evolve(contest, sides=(first, mine))
            return row_conflict(latest, contest)
        return None

    @staticmethod
    def _column_conflict(proposal: Proposal, accepted: Sequence[Proposal],
                         latest: Revision) -> Conflict | None:
        """A column deletion against proposals on its cells' words, or a contest over a
        column's place (`draftkit.columns.contests`), between a proposal and the accepted
        ones on its table (its own side first); None when there is none."""
        from draftkit.conflicts import column_conflict, column_place_conflict

        group = (proposal, *accepted)
        for clash in columns.clashes([p for p in group if columns.deletes(p)],
                                     [p for p in group if p.cell is not None]):
            table = latest.by_id(clash.paragraph)
            if table is None or columns.stale(latest, clash.deletions[0]) is not None:
                continue
            if columns.deletes(proposal) and proposal in clash.deletions:
                return column_conflict(table, attrs.evolve(clash, deletions=(proposal,)))
            if proposal in clash.on_cells:
                found = column_conflict(table, attrs.evolve(clash, on_cells=(proposal,)))
                return attrs.evolve(found, sides=found.sides[::-1])
        live = [p for p in group if columns.on_columns(p) and columns.stale(latest, p) is None]
        for contest in columns.contests(live):
            mine = next((side for side in contest.sides if proposal in side), None)
            table = latest.by_id(contest.paragraph)
            if mine is not None and table is not None:
                others = [side for side in contest.sides if side is not mine and (
                    not contest.deletes or mine is contest.sides[0] or
                    side is contest.sides[0])]
                return column_place_conflict(table, attrs.evolve(
                    contest, sides=(mine, *others)))
        return None

    def _refuse_conflicting(self, proposal: Proposal) -> None:
        clash = self.conflict_with_accepted(proposal.id, proposal.document)
        if clash is not None:
            raise ProposalError(f"{accepted_conflict_line(proposal.id, clash)}: not accepted; "
                                f"reopen the accepted one first, or accept with --force and "
                                f"settle it at the merge (--prefer or --bracket)")

    def reject(self, proposal_id: str, note: str = "", by: str = PRESIDENCY) -> Proposal:
        return self.decide(proposal_id, "rejected", note, by)


def accepted_conflict_line(proposal_id: str, clash: Conflict) -> str:
    """ "NOR-y6bx conflicts with accepted MEX-rz2x (MEX, PER, CHL) on Action 10, "…"" """
    others = "; ".join(f"{', '.join(side.proposals)} ({', '.join(side.parties)})"
                       for side in clash.sides if proposal_id not in side.proposals)
    return f"{proposal_id} conflicts with accepted {others} on {clash.label}, {clash.place}"
