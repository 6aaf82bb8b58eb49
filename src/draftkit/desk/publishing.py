"""The negotiation as a website: what `publish` builds it from, and the site written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from draftkit.dashboard import dashboard
from draftkit.desk.comments import CommentDesk
from draftkit.desk.merging import MergingDesk
from draftkit.errors import DraftkitError
from draftkit.proposals import ProposalStatus
from draftkit.store import files as store_files

if TYPE_CHECKING:
    from draftkit.publish.sources import DocumentSource, Publication


class PublishingDesk(MergingDesk, CommentDesk):
    """The negotiation as a website."""

    def publication(self, document_ids: Sequence[str] = ()) -> Publication:
        """What `publish` builds the site from: for each document (all by default), its
        revisions, their redlines, the compilation of the live (proposed and accepted)
        proposals, proposals, comments, status histories and dashboard."""
        from draftkit.publish.sources import Publication

        chosen = [self.document(d).id for d in document_ids] or \
            [d.id for d in self.documents() if self.revision_names(d.id)]
        return Publication(tuple(self._source(d) for d in dict.fromkeys(chosen)),
                           self.parties(), self.observers())

    def _source(self, document_id: str) -> DocumentSource:
        from draftkit import docdiff
        from draftkit.compare import recorded_provenance
        from draftkit.publish.sources import DocumentSource

        revisions = tuple(self.revisions(document_id))
        if not revisions:
            raise DraftkitError(f"{document_id} has no revision to publish")
        named = {r.name: r for r in revisions}
        diffs = tuple(docdiff.diff(named[r.parent], r,
                                   recorded_provenance(self, document_id, named[r.parent], r))
                      for r in revisions if r.parent is not None and r.parent in named)
        comments = self.comments(document_id)
        words = {}
        for comment in comments:
            if comment.anchor is not None:
                placed = self.placement(comment)
                words[comment.id] = f"orphaned: {placed.reason}" if placed.orphaned \
                    else "found"
        proposals = self.proposals(document_id)
        live = [p for p in proposals
                if p.status in (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)]
        current = self.current(document_id)
        return DocumentSource(
            self.document(document_id), revisions, current,
            diffs, self.compile(document_id, live), tuple(proposals), tuple(comments),
            words, self.status_history(document_id),
            dashboard(current, proposals, comments, observers=self.observers()))

    def publish(self, target: Path, document_ids: Sequence[str] = (), *, lang: str = "en",
                context: int | None = None) -> int:
        """Write the negotiation's website to the folder `target` (see `draftkit.publish`)
        as one: the old site there is replaced whole, a folder that is not one is
        refused. Returns the number of files written."""
        from draftkit.publish.site import site

        pages = site(self.publication(document_ids), lang=lang, context=context)
        store_files.write_tree(target, [(path, page.encode("utf-8"))
                                        for path, page in pages.items()])
        return len(pages)
