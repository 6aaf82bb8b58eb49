"""What a site is built from: the store's values for each document, gathered once.

`Drafts.publication` (api) reads them; the page modules only read these values.
"""

from __future__ import annotations

from attrs import field, frozen

from draftkit import columns, rows
from draftkit.agreement import StatusEvent
from draftkit.comments import Comment
from draftkit.compilation import Compilation
from draftkit.dashboard import Dashboard
from draftkit.docdiff import DocumentDiff
from draftkit.model import Document, Meeting, Party, Revision
from draftkit.proposals import Proposal
from draftkit.publish.names import latest_addresses, unique_slugs


@frozen
class DocumentSource:
    """One document: its revisions as issued (parents first), the latest as it stands now
    (`current`, with the decisions since), each revision against its parent (`diffs`),
    the compilation text of the live proposals, its proposals and comments (with, per
    comment id, where its quoted words stand: "found", "orphaned: …" or "" for none),
    each paragraph's status history and the status dashboard.

    Derived: `names`, every paragraph any revision has (id → how a reader knows it:
    its address in the latest revision, or in the last one that had it, with that
    revision's name: "Action 27 (Zero draft)"), latest first; `slugs`, id → its file
    and anchor name, unique in the document."""

    document: Document
    revisions: tuple[Revision, ...]
    current: Revision
    diffs: tuple[DocumentDiff, ...]
    compilation: Compilation
    proposals: tuple[Proposal, ...]
    comments: tuple[Comment, ...]
    words: dict[str, str]
    history: dict[str, list[StatusEvent]]
    board: Dashboard
    names: dict[str, str] = field(init=False)
    slugs: dict[str, str] = field(init=False)

    def __attrs_post_init__(self) -> None:
        present = {p.id for p in self.revisions[-1].paragraphs()}
        last_in = {p.id: r for r in self.revisions for p in r.paragraphs()}
        names = {key: name if key in present else f"{name} ({last_in[key].title})"
                 for key, name in latest_addresses(self.revisions).items()}
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "slugs", unique_slugs(names.items()))

    @property
    def id(self) -> str:
        return self.document.id

    def revision(self, name: str) -> Revision:
        return next(r for r in self.revisions if r.name == name)

    def row_name(self, proposal: Proposal, row_id: str) -> str:
        """How a reader knows a row of the proposal's table (`draftkit.rows.cited`)."""
        base = next((r for r in self.revisions if r.name == proposal.revision), None)
        return rows.cited(proposal, row_id, self.revisions[-1], base)

    def column_name(self, proposal: Proposal, column_id: str) -> str:
        """How a reader knows a column of the proposal's table (`draftkit.columns.cited`)."""
        base = next((r for r in self.revisions if r.name == proposal.revision), None)
        return columns.cited(proposal, column_id, self.revisions[-1], base)

    def meeting(self, name: str) -> Meeting | None:
        return next((m for m in self.document.meetings if m.id == name), None)


@frozen
class Publication:
    documents: tuple[DocumentSource, ...]
    parties: dict[str, Party]
    observers: frozenset[str]
