"""Recording revisions: a new one from an edited revision file (`revise`), keeping
identities and refusing statuses changed by editing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import attrs

from draftkit.agreement import AgreementError
from draftkit.desk.agreement import AgreementDesk
from draftkit.errors import DraftkitError, one_of
from draftkit.model import Revision, RevisionKind, Section
from draftkit.revise import carry_identities
from draftkit.store import files as store_files
from draftkit.store.drafts_folder import LoadedRevision
from draftkit.store.revision_format import parse_revision


class RevisionDesk(AgreementDesk):
    """Recording revisions: a new one from an edited revision file."""

    def revise(self, document_id: str, source: Path, *, name: str | None = None,
               date: dt.date | None = None, issued_by: str | None = None,
               note: str | None = None, parent: str | None = None,
               kind: str | RevisionKind | None = None,
               meeting: str | None = None, symbol: str | None = None) -> Revision:
        """Record a new revision from an edited revision file (an export, edited).

        Paragraphs keep their identities where they kept their ids or match an
        old paragraph; new ones get new identities. Fields given here override
        the file's header. The date is `date`, else the file's own `date:`, else
        the first day of its meeting; never silently today. The header of an
        unedited export describes the revision it was exported from: its date,
        kind and meeting are that revision's, so they are not the new one's.
        """
        history = {p.id for r in self.revisions(document_id) for p in r.paragraphs()}
        history |= {s.id for r in self.revisions(document_id) for s in r.sections}
        parsed = parse_revision(store_files.read_text(source), str(source),
                                require_ids=False, taken=history)
        named = parsed.header.get("document")
        if named and named != document_id:
            raise DraftkitError(f"{source}:2: is a revision of {named}, not {document_id}")
        names = self.revision_names(document_id)
        if name in names:
            raise DraftkitError(f"{document_id} already has a revision {name!r}; recorded "
                                f"revisions are never rewritten")
        parent = parent or (names[-1] if names else None)
        sections = parsed.sections
        if parent is not None:
            sections = carry_identities(self.revision(document_id, parent), sections,
                                        parsed.fresh_ids)
        own = _own_header(parsed.header, self._exported_from(document_id, parsed.header, names))
        chosen = meeting or own.get("meeting")
        held = self.meeting(document_id, chosen) if chosen else None
        if date is None and not own.get("date"):
            if held is None:
                raise DraftkitError(f"{source}: give the new revision's date: --date "
                                    f"YYYY-MM-DD, or --meeting ID to date it from the "
                                    f"meeting's first day"
                                    + (" (the file's date is that of the revision it was "
                                       "exported from)" if parsed.header.get("date") else ""))
            date = held.start
        overrides = {"document": document_id, "name": name, "issued-by": issued_by,
                     "note": note, "parent": parent,
                     "date": date.isoformat() if date else own.get("date"),
                     "kind": one_of(RevisionKind, kind, "kind").value if kind
                     else own.get("kind", ""),
                     "meeting": held.id if held else "",
                     "symbol": symbol or own.get("symbol", "")}
        try:
            revision = attrs.evolve(parsed.to_revision(str(source), **overrides),
                                    sections=sections)
        except ValueError as error:
            raise DraftkitError(f"{source}: {error}") from None
        with self.folder.lock(document_id):  # no decision slips in before it is recorded
            if parent is not None:
                _same_statuses(self.current(document_id, parent), revision.sections, source)
            self.record(revision)
        return revision

    def _exported_from(self, document_id: str, header: dict[str, str],
                       names: list[str]) -> Revision | None:
        """The recorded revision a file's header names (an export of it), if any."""
        named = header.get("name")
        return self.revision(document_id, named) if named in names else None

    def record(self, revision: Revision) -> Path:
        """Record a new revision; refused if the name exists (revisions are never rewritten)."""
        path = self.folder.record_revision(revision)
        # What was written reads back as this very value (the store grammar's round trip,
        # tests/test_grammar.py): no need to read and parse it again (revise warns about
        # agreed words it changed, which compares it with its parent).
        self._revisions[(revision.document, revision.name)] = LoadedRevision(revision, None)
        return path


def _same_statuses(parent: Revision, sections: Sequence[Section], source: Path) -> None:
    """Refuse a revised text that gives a paragraph carried from `parent` another status
    than the one in force: statuses change by recorded decisions (`agree`), and a new
    revision carries them."""
    now = {p.id: p for p in parent.paragraphs()}
    changed = [(p, now[p.id]) for section in sections for p in section.paragraphs
               if p.id in now and p.status is not now[p.id].status]
    if changed:
        listed = "; ".join(f"{was.address} is {was.status.value}, the file says "
                           f"{p.status.value}" for p, was in changed[:5])
        more = f" (and {len(changed) - 5} more)" if len(changed) > 5 else ""
        raise AgreementError(f"{source}: statuses change only by decisions (draftkit agree), "
                             f"not by editing the text: {listed}{more}")


def _own_header(header: dict[str, str], exported: Revision | None) -> dict[str, str]:
    """A revision file's date, kind, meeting and symbol unless they are merely those of
    the recorded revision it was exported from (its `name:`)."""
    if exported is None:
        return header
    theirs = {"date": exported.date.isoformat(),
              "kind": exported.kind.value if exported.kind else "",
              "meeting": exported.meeting or "", "symbol": exported.symbol or ""}
    return {key: value for key, value in header.items()
            if key not in theirs or value != theirs[key]}
