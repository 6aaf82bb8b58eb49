"""Merging: choosing proposals, the compilation text, a clean revision made of the
accepted ones (`merge --into`), and blame.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from draftkit.desk.base import actor, one_line
from draftkit.desk.proposals import ProposalDesk
from draftkit.errors import DraftkitError, NotFoundError, one_of
from draftkit.keys import PRESIDENCY
from draftkit.model import RevisionKind
from draftkit.proposals import Proposal, ProposalError, ProposalStatus
from draftkit.store.revision_format import MergeRecord

if TYPE_CHECKING:
    from draftkit.blame import ParagraphBlame
    from draftkit.compilation import Compilation
    from draftkit.merge import MergeResult


class MergingDesk(ProposalDesk):
    """Merging: proposals chosen, compiled, merged into a clean revision; blame."""

    def select(self, document_id: str, *, ids: list[str] | None = None,
               statuses: tuple[str, ...] = (), party: str | None = None,
               section: str | None = None, paragraph: str | None = None) -> list[Proposal]:
        """Proposals to merge: by id, status(es), party, section or paragraph, oldest first."""
        found = self.proposals(document_id, ids=ids, party=party, section=section,
                               paragraph=paragraph)
        wanted = {one_of(ProposalStatus, s, "status") for s in statuses}
        return [p for p in found if not wanted or p.status in wanted]

    def compile(self, document_id: str, proposals: list[Proposal], *,
                revision: str | None = None, tick: Callable[[], None] | None = None,
                ) -> Compilation:
        """The compilation text: `revision` (the latest by default) with every one of
        `proposals` written in place, attributed; competing ones side by side."""
        from draftkit.compilation import compile_text
        from draftkit.observers import mark_compilation

        return mark_compilation(
            compile_text(self.document(document_id), self.current(document_id, revision),
                         proposals, self.history(document_id), tick), self.observers())

    def merge(self, document_id: str, into: str, proposals: list[Proposal], *,
              source: str | None = None, renumber: bool = False,
              prefer: tuple[str, ...] = (), bracket: bool = False, skip_stale: bool = False,
              dry_run: bool = False, date: dt.date | None = None,
              issued_by: str | None = None, note: str | None = None, by: str = PRESIDENCY,
              kind: str | RevisionKind | None = None, meeting: str | None = None,
              tick: Callable[[], None] | None = None, reopen: bool = False) -> MergeResult:
        """Apply accepted `proposals` to `source` (the latest revision by default) as a new
        revision `into`.

        Nothing is written while conflicts or stale proposals remain unresolved
        (`prefer`, `bracket`, `skip_stale` resolve them) or on a dry run. Else the
        revision is recorded as one file with its merge record: which proposals made
        each change, the labels it changed, the proposals it incorporated and those
        `prefer` set aside (a proposal's "incorporated" and "not selected" statuses
        are read from there).

        The revision is dated `date`, else the first day of `meeting` (the meeting it
        is issued for); with neither it is refused, never dated today.

        Agreed and ad ref words are protected: with statuses as they stand now
        (`current`), a merge that would change the words of a paragraph agreed or ad
        ref, and not reopened since, writes nothing and lists the paragraphs and
        proposals in `result.protected`; with `reopen` it makes the change, the
        paragraphs are open in the new revision, and its merge record says it reopened
        them (`@reopened`), in the same file. The lock is held from reading the
        statuses to recording the revision, so no decision slips in between.
        """
        with contextlib.nullcontext() if dry_run else self.folder.lock(document_id):
            return self._merge(document_id, into, proposals, source=source,
                               renumber=renumber, prefer=prefer, bracket=bracket,
                               skip_stale=skip_stale, dry_run=dry_run, date=date,
                               issued_by=issued_by, note=note, by=by, kind=kind,
                               meeting=meeting, tick=tick, reopen=reopen)

    def _merge(self, document_id: str, into: str, proposals: list[Proposal], *,
               source: str | None, renumber: bool, prefer: tuple[str, ...], bracket: bool,
               skip_stale: bool, dry_run: bool, date: dt.date | None,
               issued_by: str | None, note: str | None, by: str,
               kind: str | RevisionKind | None, meeting: str | None,
               tick: Callable[[], None] | None, reopen: bool) -> MergeResult:
        from draftkit.merge import MergeOptions, merge
        from draftkit.model import SLUG_PATTERN, display_name

        if into in self.revision_names(document_id):
            raise DraftkitError(f"{document_id} already has a revision {into!r}; recorded "
                                f"revisions are never rewritten")
        if not SLUG_PATTERN.fullmatch(into):
            raise DraftkitError(f"not a revision name: {into!r} (lower-case letters, digits "
                                f"and '-', like rev2)")
        target = self.current(document_id, source)
        for proposal in proposals:
            if proposal.status is not ProposalStatus.ACCEPTED:
                raise ProposalError(f"{proposal.id} is {proposal.standing}: only accepted "
                                    f"proposals go into a clean revision")
        unknown = sorted(set(prefer) - {p.id for p in proposals})
        if unknown:
            raise NotFoundError(f"--prefer {', '.join(unknown)}: not among the selected "
                                f"proposals")
        actor(by)
        one_line(note or "", "note")
        held = self.meeting(document_id, meeting) if meeting else None
        chosen_kind = one_of(RevisionKind, kind, "kind") if kind else None
        if date is None:
            if held is None:
                raise DraftkitError(f"merge --into {into}: give the new revision's date: "
                                    f"--date YYYY-MM-DD, or --meeting ID to date it from the "
                                    f"meeting's first day")
            date = held.start
        options = MergeOptions(into, date, issued_by or target.issued_by,
                               note or "", renumber, frozenset(prefer), bracket, skip_stale,
                               reopen=reopen)
        result = merge(target, proposals, self.history(document_id), options, tick)
        if result.revision is None or result.provenance is None:
            return result
        made = attrs.evolve(result.revision, kind=chosen_kind,
                            meeting=held.id if held else None)
        if note is None:  # a dry run shows the very revision a real run records
            made = attrs.evolve(made, note=f"Merged from {display_name(target.name)}: "
                                           f"{len(result.applied)} proposals incorporated.")
        result = attrs.evolve(result, revision=made)
        if not (result.applied or result.bracketed or result.labels or (result.provenance and
                                                    result.provenance.changes)):
            raise DraftkitError(f"nothing to merge into {into}: no proposal applies, none is "
                                f"bracketed into the text and no label changes")
        if dry_run:
            return result
        assert result.revision is not None and result.provenance is not None
        self.folder.record_revision(result.revision, MergeRecord(
            result.provenance, result.labels, tuple(result.applied), result.preferred,
            reopened=result.reopened))
        return attrs.evolve(result, recorded=True)

    def blame(self, document_id: str, revision: str | None = None,
              paragraph: str | None = None) -> tuple[ParagraphBlame, ...]:
        """Who wrote each span of words of a revision (the latest by default), following its
        parents back: the revision each span first appeared in, and the proposals behind it."""
        from draftkit.blame import blame

        target = self.revision(document_id, revision)
        ancestry = [target]
        while ancestry[-1].parent and ancestry[-1].parent not in {r.name for r in ancestry}:
            ancestry.append(self.revision(document_id, ancestry[-1].parent))
        history = self.history(document_id)
        wanted = None if paragraph is None else \
            [self.paragraph(document_id, paragraph, target.name).id]
        return blame(ancestry[::-1], history.provenance, wanted)
