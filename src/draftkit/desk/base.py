"""The drafts folder as the façade's desks share it: its documents, revisions (read
once and kept), parties, paragraph addresses, meetings and input deadlines, and what
merges recorded. Every desk of `draftkit.api.Drafts` builds on this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from draftkit import cells, table_address
from draftkit.comments import Comment
from draftkit.errors import DraftkitError, NotFoundError
from draftkit.identity import new_id
from draftkit.lines import breaks
from draftkit.model import ID_PATTERN, Deadline, Document, Meeting, Paragraph, Party, Revision
from draftkit.proposals import Proposal, party_prefix
from draftkit.store import DraftsFolder
from draftkit.store.drafts_folder import LoadedRevision, RevisionEntry
from draftkit.store.revision_format import MergeRecord
from draftkit.table import CellRef

if TYPE_CHECKING:
    from draftkit.merge import Relabel
    from draftkit.provenance import Provenance
    from draftkit.rebase import History
    from draftkit.table_address import TablePlace


class Desk:
    """The drafts folder, as every desk reads it: documents, revisions, parties,
    addresses, meetings and deadlines, merge records."""

    def __init__(self, folder: DraftsFolder) -> None:
        self.folder = folder
        self._revisions: dict[tuple[str, str], LoadedRevision] = {}

    @property
    def root(self) -> Path:
        return self.folder.root

    def documents(self) -> list[Document]:
        return [self.document(document_id) for document_id in self.folder.document_ids()]

    def document(self, document_id: str) -> Document:
        return self.folder.document(document_id)

    def meetings(self, document_id: str) -> tuple[Meeting, ...]:
        """The meetings the document is negotiated at or prepared for (document.txt)."""
        return self.document(document_id).meetings

    def meeting(self, document_id: str, name: str) -> Meeting:
        """A meeting by id ("1msp"); NotFoundError naming the known ones."""
        return self.document(document_id).meeting(name)

    def deadlines(self, document_id: str) -> tuple[Deadline, ...]:
        return self.document(document_id).deadlines

    def deadline_for(self, document_id: str, revision: str) -> Deadline | None:
        """The input deadline proposals on `revision` fall under: the document's first
        deadline on or after the revision's date; None if there is none."""
        return self._deadlines(document_id).get(
            revision_name(revision, self.revision_names(document_id)))

    def _deadlines(self, document_id: str) -> dict[str, Deadline | None]:
        """Per recorded revision, the deadline proposals on it fall under."""
        document = self.document(document_id)
        if not document.deadlines:
            return {}
        return {entry.name: document.deadline_after(entry.date)
                for entry in self.folder.revision_entries(document_id)}

    def revision_names(self, document_id: str) -> list[str]:
        """Recorded revisions, each after its parent, then oldest first."""
        return self.folder.revision_names(document_id)

    def revision(self, document_id: str, name: str | None = None) -> Revision:
        """A recorded revision by name; the latest when `name` is None."""
        names = self.revision_names(document_id)
        if name is None:
            if not names:
                raise NotFoundError(f"{document_id} has no recorded revision yet")
            name = names[-1]
        return self._loaded(document_id, revision_name(name, names)).revision

    def _loaded(self, document_id: str, name: str) -> LoadedRevision:
        key = (document_id, name)
        if key not in self._revisions:
            self._revisions[key] = self.folder.load_revision(document_id, name)
        return self._revisions[key]

    def revision_entries(self, document_id: str) -> list[RevisionEntry]:
        """The recorded revisions as their headers say (name, date, parent, issuer), in
        the order of `revision_names`, without reading their text: enough to list them."""
        return self.folder.revision_entries(document_id)

    def revisions(self, document_id: str) -> list[Revision]:
        return [self.revision(document_id, name) for name in self.revision_names(document_id)]

    def parties(self) -> dict[str, Party]:
        return self.folder.parties()

    def paragraph(self, document_id: str, address: str, revision: str | None = None, *,
                  inside_tables: bool = False) -> Paragraph:
        """The paragraph at `address` in a revision (the latest by default).

        "OP6@zero-draft" names the paragraph that was OP6 in the zero draft,
        wherever it now stands: labels change, identities do not. With
        `inside_tables`, a row or column ("Form B, row 3") names its table; without,
        it is refused, so a proposal or comment meant for a row never lands on the
        whole table (one on a cell names the cell: see `_target`).
        """
        target = self.revision(document_id, revision)
        address, at, cited_in = address.partition("@")
        if "," in address and not inside_tables:
            raise NotFoundError(f"{address.strip()}: proposals, comments and decisions "
                                f"cannot name a row or column yet; name the whole table "
                                f"(its label) instead")
        if not at:
            return find_paragraph(target, address)
        paragraph = find_paragraph(self.revision(document_id, cited_in), address)
        found = target.by_id(paragraph.id)
        if found is None:
            raise NotFoundError(f"{address.strip()} of {cited_in} is no longer in "
                                f"{target.title} of {document_id}")
        return found

    def table_place(self, document_id: str, address: str,
                    revision: str | None = None) -> TablePlace:
        """The table, and the row and column by identity, that an address such as "Form
        B, row 3, column Quantity" names in a revision (the latest by default)."""
        from draftkit.table_address import locate

        return locate(self.revision(document_id, revision), address)

    def label_in(self, document_id: str, paragraph_id: str, revision: str) -> str | None:
        """A paragraph identity's address in another revision, or None if absent there."""
        found = self.revision(document_id, revision).by_id(paragraph_id)
        return None if found is None else found.address

    def observers(self) -> frozenset[str]:
        """The codes of the registry's observers: they give input, which is shown marked
        and apart, but they do not table amendments (see `draftkit.observers`)."""
        from draftkit.observers import observer_codes

        return observer_codes(self.parties())

    def party(self, code: str) -> Party:
        parties = self.parties()
        found = parties.get(code) or parties.get(code.upper())
        if found is None:
            raise NotFoundError(f"unknown party {code!r} (see drafts/parties.txt)")
        return found

    def _parties_of(self, codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.party(code).code for code in codes)

    def _in_scope(self, code: str, parties: tuple[str, ...]) -> bool:
        """Whether `code` is one of `parties` or a member of a group among them."""
        registry = self.parties()
        return code in parties or any(
            code in registry[p].members for p in parties if p in registry)

    def _section_paragraph_ids(self, document_id: str, section: str) -> set[str]:
        ids = {p.id for revision in self.revisions(document_id)
               for part in revision.sections if part.answers_to(section)
               for p in part.paragraphs}
        if not ids:
            raise NotFoundError(f"no section {section!r} in {document_id}")
        return ids

    def _item_path(self, kind: str, item_id: str, document_id: str | None) -> Path:
        if not ID_PATTERN.fullmatch(item_id):
            raise DraftkitError(f"not a plain id: {item_id!r}")
        for document in [document_id] if document_id else self.folder.document_ids():
            path = self.folder.item_path(document, kind, item_id)
            if path.is_file():
                return path
        raise NotFoundError(f"no {kind[:-1]} {item_id}")

    def _target(self, document_id: str, address: str,
                base: Revision) -> tuple[Paragraph, CellRef | None, str, str]:
        """What a proposal or comment names: its paragraph, the cell of it ("B3, row 2,
        column Quantity") or None, its address as people cite it, and the text it is on."""
        if "," not in address.partition("@")[0]:
            found = self.paragraph(document_id, address, base.name)
            return found, None, found.address, found.text
        place = table_address.locate(base, address)
        if place.row is None or place.column is None:
            raise NotFoundError(f"{address.strip()}: a proposal or comment inside a table "
                                f"names one cell (a row and a column); to add, delete "
                                f"or move a row, name the table with --para and the row "
                                f"with --row")
        cell = CellRef(place.row, place.column)
        text = place.table.cell(place.row, place.column)
        assert text is not None
        return place.paragraph, cell, cells.name(place.paragraph, cell), text

    def _create(self, document_id: str, kind: str, draft: Any,
                formatter: Callable[[Any], str]) -> Any:
        """Write a new item under a fresh id; exclusive creation means no id is ever reused."""
        while True:
            item = fresh(draft, set())
            if self.folder.create_item(document_id, kind, item.id, formatter(item)):
                return item

    def provenance(self, document_id: str, revision: str) -> Provenance | None:
        """Which proposals and parties made each change of a revision that a merge recorded;
        None for a revision not made by `merge` (the zero draft, a `revise`d text)."""
        record = self.merge_record(document_id, revision)
        return None if record is None else record.provenance

    def relabelled(self, document_id: str, revision: str) -> tuple[Relabel, ...]:
        """The labels a merge into `revision` changed (old → new), from its merge record."""
        record = self.merge_record(document_id, revision)
        return () if record is None else record.labels

    def merge_record(self, document_id: str, revision: str) -> MergeRecord | None:
        """What the merge that made `revision` recorded with it; None if no merge made it."""
        self.revision(document_id, revision)
        name = revision_name(revision, self.revision_names(document_id))
        return self._loaded(document_id, name).record

    def history(self, document_id: str) -> History:
        """Every recorded revision of the document, and the provenance of the merged ones."""
        from draftkit.rebase import History

        names = self.revision_names(document_id)
        found = {name: self.provenance(document_id, name) for name in names}
        return History({name: self.revision(document_id, name) for name in names},
                       {name: p for name, p in found.items() if p is not None})


def find_paragraph(revision: Revision, address: str) -> Paragraph:
    """The paragraph at an address; one inside a table ("Form B, row 3") is the table's."""
    if "," in address:
        from draftkit.table_address import locate

        return locate(revision, address).paragraph
    return revision.find(address)


def _prefix(item: Proposal | Comment) -> str:
    """The readable start of a new item's id: a proposal's group or first proposer; for
    a comment, C- and its party."""
    if isinstance(item, Comment):
        return f"C-{party_prefix((item.party,), None)}"
    return party_prefix(item.proposers, item.on_behalf_of)


def fresh(item: Any, taken: set[str]) -> Any:
    """`item` under a fresh id not in `taken` (which it joins)."""
    while True:
        candidate = f"{_prefix(item)}-{new_id()[:4]}"
        if candidate not in taken:
            taken.add(candidate)
            return attrs.evolve(item, id=candidate)


def stamp(when: dt.datetime | None) -> dt.datetime:
    return when or dt.datetime.now(dt.UTC).replace(microsecond=0)


def one_line(text: str, what: str) -> None:
    if breaks(text):
        raise DraftkitError(f"the {what} must be one line")


def actor(name: str) -> str:
    if not ID_PATTERN.fullmatch(name):
        raise DraftkitError(f"not a plain name for who decides: {name!r}")
    return name


def revision_name(name: str, names: list[str]) -> str:
    """Accept "Rev.1", "rev 1" or "Zero draft" for the recorded "rev1" / "zero-draft"."""
    if name in names:
        return name
    wanted = name.lower().replace(".", "").replace(" ", "-")
    for known in names:
        if known.replace("-", "") == wanted.replace("-", ""):
            return known
    return name
