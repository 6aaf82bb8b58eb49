"""The façade a script imports: `from draftkit import open_drafts`.

It composes the store and the pure core; the CLI calls exactly this.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs

from draftkit.errors import DraftkitError, NotFoundError
from draftkit.model import Document, Paragraph, Party, Revision
from draftkit.revise import carry_identities
from draftkit.store import DraftsFolder, find_drafts_folder
from draftkit.store import files as store_files
from draftkit.store.revision_format import parse_revision


def open_drafts(path: str | os.PathLike[str] | None = None) -> Drafts:
    """Open a drafts folder: `path`, else $DRAFTKIT_DRAFTS, else the nearest `drafts/`."""
    return Drafts(DraftsFolder(find_drafts_folder(path)))


class Drafts:
    """One drafts folder: documents, revisions, parties (and, later, proposals)."""

    def __init__(self, folder: DraftsFolder) -> None:
        self.folder = folder
        self._revisions: dict[tuple[str, str], Revision] = {}

    @property
    def root(self) -> Path:
        return self.folder.root

    def documents(self) -> list[Document]:
        return [self.document(document_id) for document_id in self.folder.document_ids()]

    def document(self, document_id: str) -> Document:
        return self.folder.manifest(document_id).document

    def revision_names(self, document_id: str) -> list[str]:
        """Recorded revisions, oldest first."""
        return self.folder.manifest(document_id).names()

    def revision(self, document_id: str, name: str | None = None) -> Revision:
        """A recorded revision by name; the latest when `name` is None."""
        names = self.revision_names(document_id)
        if name is None:
            if not names:
                raise NotFoundError(f"{document_id} has no recorded revision yet")
            name = names[-1]
        name = _normalise_revision_name(name, names)
        key = (document_id, name)
        if key not in self._revisions:
            self._revisions[key] = self.folder.revision(document_id, name)
        return self._revisions[key]

    def revisions(self, document_id: str) -> list[Revision]:
        return [self.revision(document_id, name) for name in self.revision_names(document_id)]

    def parties(self) -> dict[str, Party]:
        return self.folder.parties()

    def paragraph(self, document_id: str, address: str, revision: str | None = None) -> Paragraph:
        """The paragraph at `address` in a revision (the latest by default).

        "OP6@zero-draft" names the paragraph that was OP6 in the zero draft,
        wherever it now stands: labels change, identities do not.
        """
        target = self.revision(document_id, revision)
        address, at, cited_in = address.partition("@")
        if not at:
            return target.find(address)
        paragraph = self.revision(document_id, cited_in).find(address)
        found = target.by_id(paragraph.id)
        if found is None:
            raise NotFoundError(f"{address.strip()} of {cited_in} is no longer in "
                                f"{target.title} of {document_id}")
        return found

    def label_in(self, document_id: str, paragraph_id: str, revision: str) -> str | None:
        """A paragraph identity's address in another revision, or None if absent there."""
        found = self.revision(document_id, revision).by_id(paragraph_id)
        return None if found is None else found.address

    def revise(self, document_id: str, source: Path, *, name: str | None = None,
               date: dt.date | None = None, issued_by: str | None = None,
               note: str | None = None, parent: str | None = None) -> Revision:
        """Record a new revision from an edited revision file (an export, edited).

        Paragraphs keep their identities where they kept their ids or match an
        old paragraph; new ones get new identities. Fields given here override
        the file's header.
        """
        history = {p.id for r in self.revisions(document_id) for p in r.paragraphs()}
        history |= {s.id for r in self.revisions(document_id) for s in r.sections}
        parsed = parse_revision(store_files.read_text(source), str(source),
                                require_ids=False, taken=history)
        named = parsed.header.get("document")
        if named and named != document_id:
            raise DraftkitError(f"{source}:2: is a revision of {named}, not {document_id}")
        names = self.revision_names(document_id)
        parent = parent or (names[-1] if names else None)
        sections = parsed.sections
        if parent is not None:
            sections = carry_identities(self.revision(document_id, parent), sections,
                                        parsed.fresh_ids)
        overrides = {"document": document_id, "name": name, "issued-by": issued_by,
                     "note": note, "parent": parent}
        if date is not None or not parsed.header.get("date"):
            overrides["date"] = (date or dt.date.today()).isoformat()
        try:
            revision = attrs.evolve(parsed.to_revision(str(source), **overrides),
                                    sections=sections)
        except ValueError as error:
            raise DraftkitError(f"{source}: {error}") from None
        self.record(revision)
        return revision

    def record(self, revision: Revision) -> Path:
        """Record a new revision; refused if the name exists (revisions are never rewritten)."""
        return self.folder.record_revision(revision)


def _normalise_revision_name(name: str, names: list[str]) -> str:
    """Accept "Rev.1", "rev 1" or "Zero draft" for the recorded "rev1" / "zero-draft"."""
    if name in names:
        return name
    wanted = name.lower().replace(".", "").replace(" ", "-")
    for known in names:
        if known.replace("-", "") == wanted.replace("-", ""):
            return known
    return name
