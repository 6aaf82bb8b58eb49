"""Starting a document and growing the party registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from draftkit.desk.base import one_line
from draftkit.desk.proposals import ProposalDesk
from draftkit.errors import DraftkitError, one_of
from draftkit.keys import PRESIDENCY
from draftkit.model import (
    Distribution,
    Document,
    DocumentKind,
    Party,
    PartyKind,
    Revision,
    RevisionKind,
)
from draftkit.store import files as store_files
from draftkit.store.revision_format import parse_revision


class SetupDesk(ProposalDesk):
    """Starting a document, and growing the party registry."""

    def new_document(self, document_id: str, *, title: str, kind: str | DocumentKind,
                     source: Path, name: str = "zero-draft", date: dt.date | None = None,
                     issued_by: str = PRESIDENCY, note: str = "",
                     revision_kind: str | RevisionKind | None = None,
                     symbol: str | None = None,
                     distribution: str | Distribution | None = None,
                     original_language: str | None = None) -> Revision:
        """Start a document: its folder, `document.txt` and its first revision, read from
        a plain text (`draftkit.plaintext`) or an exported revision file, as one commit.
        The revision is named, dated (today by default), issued and of the kind given
        here (a revision named zero-draft is a zero draft unless told otherwise); an
        exported file's header is not used, its sections, labels, statuses and paragraph
        ids are. `symbol`, `distribution` and `original_language` go into `document.txt`
        for the first page of its exports (`draftkit.masthead`)."""
        from draftkit.model import SLUG_PATTERN
        from draftkit.plaintext import read_plain_text
        from draftkit.store.setup import create_document

        if not SLUG_PATTERN.fullmatch(document_id):
            raise DraftkitError(f"not a document id: {document_id!r} (lower-case letters, "
                                f"digits and '-', like vientiane-action-plan)")
        if not SLUG_PATTERN.fullmatch(name):
            raise DraftkitError(f"not a revision name: {name!r} (lower-case letters, digits "
                                f"and '-', like zero-draft)")
        if document_id in self.folder.document_ids() or (self.root / document_id).exists():
            raise DraftkitError(f"{self.root / document_id} exists already: choose another "
                                f"document id")
        for value, what in ((title, "title"), (issued_by, "issuer"), (note, "note")):
            one_line(value, what)
        if not title.strip():
            raise DraftkitError("a document needs its title")
        text = store_files.read_text(source)
        if text.removeprefix("\ufeff").startswith("draftkit "):
            sections = parse_revision(text, str(source), require_ids=False).sections
        else:
            sections = read_plain_text(text, str(source))
        try:
            document = Document(document_id, title.strip(),
                                one_of(DocumentKind, kind, "kind"), symbol=symbol,
                                distribution=one_of(Distribution, distribution, "distribution")
                                if distribution else None,
                                original_language=original_language.strip()
                                if original_language else None)
            if revision_kind is None and name == "zero-draft":
                revision_kind = RevisionKind.ZERO_DRAFT
            revision = Revision(document=document_id, name=name,
                                date=date or dt.date.today(), issued_by=issued_by.strip(),
                                note=note.strip(), sections=sections,
                                kind=one_of(RevisionKind, revision_kind, "revision kind")
                                if revision_kind else None)
        except ValueError as error:
            raise DraftkitError(f"{source}: {error}") from None
        create_document(self.root, document, revision)
        return revision

    def add_party(self, code: str, *, kind: str | PartyKind, name: str,
                  members: Sequence[str] = ()) -> Party:
        """Add a party to the registry (a group with its members, who are States)."""
        from draftkit.registry import add_party, party_code
        from draftkit.store.setup import update_parties

        return update_parties(self.root, lambda parties: add_party(
            parties, code, kind, name, members))[party_code(code)]

    def edit_party(self, code: str, *, name: str | None = None,
                   kind: str | PartyKind | None = None, members: Sequence[str] | None = None,
                   add_members: Sequence[str] = (),
                   remove_members: Sequence[str] = ()) -> Party:
        """Change a party's name, kind or (a group's) members; its code never changes and
        no party is ever removed (see `draftkit.registry`)."""
        from draftkit.registry import edit_party, party_code
        from draftkit.store.setup import update_parties

        spoken_for = frozenset(p.on_behalf_of for d in self.folder.document_ids()
                               for p in self.proposals(d) if p.on_behalf_of) \
            if kind is not None else frozenset()  # read only when a group might stop being one
        return update_parties(self.root, lambda parties: edit_party(
            parties, code, name=name, kind=kind, members=members, add_members=add_members,
            remove_members=remove_members, spoken_for=spoken_for))[party_code(code)]
