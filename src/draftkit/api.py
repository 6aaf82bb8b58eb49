"""The façade a script imports: `from draftkit import open_drafts`.

It composes the store and the pure core; the CLI calls exactly this.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from draftkit import cells, columns, field_changes, rows, table_address
from draftkit.agreement import (
    Action,
    AgreementError,
    StatusDecision,
    StatusEvent,
    agreed_words_changed,
    id_prefix,
    in_force,
    reopens,
    status_history,
    step,
    words_hash,
)
from draftkit.anchors import Located
from draftkit.columns import COLUMN_OPERATIONS
from draftkit.comments import Comment, CommentType, Decision, Disposition, Placement, Reply, place
from draftkit.dashboard import Dashboard, dashboard
from draftkit.errors import DraftkitError, NotFoundError, one_of
from draftkit.form import FieldEdit, FieldKind
from draftkit.identity import new_id
from draftkit.keys import PRESIDENCY, SigningKey, holder_name
from draftkit.model import (
    ID_PATTERN,
    Deadline,
    Distribution,
    Document,
    DocumentKind,
    Meeting,
    Paragraph,
    Party,
    PartyKind,
    Revision,
    RevisionKind,
    Section,
    Status,
    display_name,
)
from draftkit.proposals import (
    CELL_OPERATIONS,
    Event,
    Operation,
    OperationKind,
    Position,
    Proposal,
    ProposalError,
    ProposalStatus,
    party_prefix,
    word_operation,
)
from draftkit.revise import carry_identities
from draftkit.store import DraftsFolder, find_drafts_folder, grammar
from draftkit.store import files as store_files
from draftkit.store.decision_format import format_decision
from draftkit.store.drafts_folder import LoadedRevision, RevisionEntry
from draftkit.store.item_format import (
    format_comment,
    format_proposal,
)
from draftkit.store.revision_format import MergeRecord, parse_revision
from draftkit.table import CellRef

if TYPE_CHECKING:
    from draftkit.blame import ParagraphBlame
    from draftkit.check import Report as CheckReport
    from draftkit.compilation import Compilation
    from draftkit.docx.intake import Imported
    from draftkit.masthead import Masthead
    from draftkit.matrix import Row as MatrixRow
    from draftkit.merge import AgreedChange, Conflict, MergeResult, Relabel
    from draftkit.provenance import Provenance
    from draftkit.publish.sources import DocumentSource, Publication
    from draftkit.rebase import History
    from draftkit.table_address import TablePlace
    from draftkit.timeline import DecisionTaken, Timeline
    from draftkit.verify import Report as VerifyReport



def open_drafts(path: str | os.PathLike[str] | None = None) -> Drafts:
    """Open a drafts folder: `path`, else $DRAFTKIT_DRAFTS, else the nearest `drafts/`."""
    return Drafts(DraftsFolder(find_drafts_folder(path)))


@attrs.frozen
class Initialized:
    """What `init_drafts` did: the files it wrote, and the git repository the folder is in
    (`git_created`: made by this call; None: not in one)."""

    drafts: Drafts
    written: tuple[Path, ...]
    repository: Path | None = None
    git_created: bool = False


def init_drafts(path: str | os.PathLike[str] = "drafts", *, git: bool = False) -> Initialized:
    """Start a drafts folder at `path` (made if need be): `.gitattributes` (git's union
    merge for item files and the registry), `.gitignore` (draftkit's working folders)
    and an empty `parties.txt`. Refused for an existing drafts folder.

    With `git`, the folder becomes a git repository (`git init`), unless it is inside
    one already: then it is not nested in another, and `repository` names the one it
    is in."""
    from draftkit.store import setup

    root = Path(path)
    repository = setup.git_repository(root) if git else None
    written = tuple(setup.init_folder(root))
    if git and repository is None:
        setup.git_init(root)
        return Initialized(open_drafts(root), written, root.resolve(), True)
    return Initialized(open_drafts(root), written, repository)


class Drafts:
    """One drafts folder: documents, revisions, parties (and, later, proposals)."""

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

    # the process: meetings, input deadlines, the timeline

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
            _normalise_revision_name(revision, self.revision_names(document_id)))

    def _deadlines(self, document_id: str) -> dict[str, Deadline | None]:
        """Per recorded revision, the deadline proposals on it fall under."""
        document = self.document(document_id)
        if not document.deadlines:
            return {}
        return {entry.name: document.deadline_after(entry.date)
                for entry in self.folder.revision_entries(document_id)}

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
        return self._loaded(document_id, _normalise_revision_name(name, names)).revision

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
            return _find(target, address)
        paragraph = _find(self.revision(document_id, cited_in), address)
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

    def label_in(self, document_id: str, paragraph_id: str, revision: str) -> str | None:
        """A paragraph identity's address in another revision, or None if absent there."""
        found = self.revision(document_id, revision).by_id(paragraph_id)
        return None if found is None else found.address

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

    # starting a document, growing the registry

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
            _one_line(value, what)
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

    def observers(self) -> frozenset[str]:
        """The codes of the registry's observers: they give input, which is shown marked
        and apart, but they do not table amendments (see `draftkit.observers`)."""
        from draftkit.observers import observer_codes

        return observer_codes(self.parties())
    # agreement: a paragraph's status is its revision's record plus the decisions since

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
        _one_line(note, "note")
        _one_line(meeting, "meeting")
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
            made = _now(when)
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

    # parties

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

    # proposals

    def proposals(self, document_id: str, *, party: str | None = None,
                  paragraph: str | None = None, status: str | ProposalStatus | None = None,
                  section: str | None = None, ids: list[str] | None = None) -> list[Proposal]:
        """The document's proposals, oldest first, filtered as asked.

        `party` matches proposers, the group spoken for and that group's
        members; `paragraph` is an address in the latest revision (or
        "OP6@zero-draft"); `section` a section number or heading.
        """
        incorporated = self.incorporated(document_id)
        deadlines = self._deadlines(document_id)
        statuses = self._statuses_now(document_id)
        found = [_flagged(_derived(self.folder.load_proposal(path), incorporated, deadlines),
                          statuses)
                 for path in self.folder.item_files(document_id, "proposals")]
        set_aside = self.not_selected(document_id)
        found = [_with_set_aside(p, set_aside) for p in found]
        if ids is not None:
            known = {p.id for p in found}
            missing = [i for i in ids if i not in known]
            if missing:
                raise NotFoundError(f"no proposal {', '.join(missing)} in {document_id}")
            found = [p for p in found if p.id in ids]
        if party is not None:
            code = self.party(party).code
            found = [p for p in found if self._in_scope(code, p.parties)]
        if paragraph is not None:
            target = self.paragraph(document_id, paragraph).id
            found = [p for p in found if target in (p.paragraph, p.operation.destination)]
        if status is not None:
            wanted = one_of(ProposalStatus, status, "status")
            found = [p for p in found if p.status is wanted]
        if section is not None:
            ids_in = self._section_paragraph_ids(document_id, section)
            found = [p for p in found if p.paragraph in ids_in]
        return sorted(found, key=lambda p: (p.created, p.id))

    def _section_paragraph_ids(self, document_id: str, section: str) -> set[str]:
        ids = {p.id for revision in self.revisions(document_id)
               for part in revision.sections if part.answers_to(section)
               for p in part.paragraphs}
        if not ids:
            raise NotFoundError(f"no section {section!r} in {document_id}")
        return ids

    def proposal(self, proposal_id: str, document_id: str | None = None) -> Proposal:
        """A proposal by id, looked up in `document_id` or in every document."""
        found = self.folder.load_proposal(self._item_path("proposals", proposal_id, document_id))
        found = _with_set_aside(found, self.not_selected(found.document))
        return _flagged(_derived(found, self.incorporated(found.document),
                                 self._deadlines(found.document)),
                        self._statuses_now(found.document))

    def _statuses_now(self, document_id: str) -> dict[str, Status]:
        """Each paragraph's status in the latest revision, as it stands now."""
        if not self.revision_names(document_id):
            return {}
        return {p.id: p.status for p in self.current(document_id).paragraphs()}

    def incorporated(self, document_id: str) -> dict[str, str]:
        """Which revision incorporated each proposal, as the merged revisions record it."""
        return {proposal: name for name in self.revision_names(document_id)
                if (record := self._loaded(document_id, name).record) is not None
                for proposal in record.incorporated}

    def not_selected(self, document_id: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Which revision set each proposal aside (`merge --prefer`), and the proposals
        preferred to it, as the merged revisions record it: its status is "not selected"."""
        return {proposal: (name, preferred) for name in self.revision_names(document_id)
                if (record := self._loaded(document_id, name).record) is not None
                for proposal, preferred in record.set_aside}

    def _item_path(self, kind: str, item_id: str, document_id: str | None) -> Path:
        if not ID_PATTERN.fullmatch(item_id):
            raise DraftkitError(f"not a plain id: {item_id!r}")
        for document in [document_id] if document_id else self.folder.document_ids():
            path = self.folder.item_path(document, kind, item_id)
            if path.is_file():
                return path
        raise NotFoundError(f"no {kind[:-1]} {item_id}")

    def propose(self, document_id: str, *, paragraph: str, operation: str | OperationKind,
                proposers: list[str] | tuple[str, ...], revision: str | None = None,
                quote: str | None = None, occurrence: int | None = None, text: str = "",
                position: str | Position | None = None, destination: str | None = None,
                on_behalf_of: str | None = None, rationale: str = "",
                when: dt.datetime | None = None, row: str | None = None,
                cells: str | Sequence[str] | None = None, field_kind: str | None = None,
                required: bool | None = None, instructions: str | None = None,
                choices: Sequence[str] = (), column: str | None = None) -> Proposal:
        """Record a new proposal against a revision (the latest by default).

        Quoted words must be in the paragraph exactly once (or `occurrence`
        picks one); every party must be in the registry. An added row (add-row)
        goes `position` the `row` of the table named ("row 3"), with `cells` in
        column order (a list, or one line "a | b | c" in the store grammar's
        field form: a cell holding "|" is a quoted string). A deleted row
        (delete-row) is `row`; a moved one (move-row) is `row`, going `position`
        the row `destination` ("row 2"). Rows are named by position in the
        revision and recorded by id. A change of a form field (change-field) gives
        any of its new `field_kind`, `choices`, `instructions` and whether it is
        `required` (False: voluntary). An added column (add-column) goes `position`
        the `column` named ("Quantity", "2", "#id"), headed `text`, with `cells` in
        row order (as for add-row, blanks allowed); a deleted column (delete-column)
        is the `column` named. Nothing is written when anything is wrong.
        """
        draft = self.draft_proposal(
            document_id, paragraph=paragraph, operation=operation, proposers=proposers,
            revision=revision, quote=quote, occurrence=occurrence, text=text,
            position=position, destination=destination, on_behalf_of=on_behalf_of,
            rationale=rationale, when=when, row=row, cells=cells, field_kind=field_kind,
            required=required, instructions=instructions, choices=choices, column=column)
        created: Proposal = self._create(document_id, "proposals", draft, format_proposal)
        return created

    def draft_proposal(self, document_id: str, *, paragraph: str,
                       operation: str | OperationKind, proposers: list[str] | tuple[str, ...],
                       revision: str | None = None, quote: str | None = None,
                       occurrence: int | None = None, text: str = "",
                       position: str | Position | None = None,
                       destination: str | None = None, on_behalf_of: str | None = None,
                       rationale: str = "", when: dt.datetime | None = None,
                       row: str | None = None,
                       cells: str | Sequence[str] | None = None, field_kind: str | None = None,
                       required: bool | None = None, instructions: str | None = None,
                       choices: Sequence[str] = (), column: str | None = None) -> Proposal:
        """A checked proposal, not yet recorded (its id is "draft"): see `propose`."""
        kind = one_of(OperationKind, operation, "operation")
        base = self.revision(document_id, revision)
        target, cell, label, words = self._target(document_id, paragraph, base)
        if row is not None and not kind.on_rows:
            raise ProposalError(f"--row is for add-row, delete-row and move-row, not "
                                f"{kind.verb}")
        if cells is not None and kind not in (OperationKind.ADD_ROW, OperationKind.ADD_COLUMN):
            raise ProposalError(f"--cells is for add-row and add-column, not {kind.verb}")
        if column is not None and kind not in COLUMN_OPERATIONS:
            raise ProposalError(f"--column is for add-column and delete-column, not "
                                f"{kind.verb}")
        try:
            edit = FieldEdit(one_of(FieldKind, field_kind, "kind") if field_kind else None,
                             tuple(choices) or None, instructions,
                             None if required is None else not required)
        except ValueError as error:
            raise ProposalError(str(error)) from None
        if edit.parts() and kind is not OperationKind.CHANGE_FIELD:
            raise ProposalError(f"--kind, --choice, --instructions, --required and "
                                f"--voluntary are for change-field, not {kind.verb}")
        if cell is not None and kind not in CELL_OPERATIONS:
            raise ProposalError(f"{kind.verb} cannot be proposed on a cell ({label}): "
                                f"insert, delete, replace, replace-paragraph (the whole "
                                f"cell) or retain")
        if cell is not None and not words.strip() and \
                kind is not OperationKind.REPLACE_PARAGRAPH:
            raise ProposalError(f"{label} is blank: fill it with replace-paragraph "
                                f"(--text, the cell's whole wording)")
        where = one_of(Position, position, "position") if position else None
        if not proposers:
            raise ProposalError("a proposal needs at least one proposer")
        codes = self._parties_of(proposers)
        group = self.party(on_behalf_of).code if on_behalf_of else None
        if group and self.party(group).kind is not PartyKind.GROUP:
            raise ProposalError(f"{group} is not a group: 'on behalf of' names a group")
        outsiders = [c for c in codes if group and c not in self.party(group).members]
        if outsiders:
            raise ProposalError(f"{', '.join(outsiders)} cannot speak on behalf of {group}: "
                                f"a group speaks through its members (see parties.txt)")
        if kind is OperationKind.ADD_ROW:
            op = _added_row(base, target, row, cells, where)
        elif kind.on_rows:
            op = _row_operation(base, target, kind, row, destination, where)
            label = f"{target.address}, row {_row_position(target, op.row)}"
        elif kind is OperationKind.CHANGE_FIELD:
            op = _changed_field(base, target, edit)
        elif kind in COLUMN_OPERATIONS:
            op = _column_operation(base, target, kind, column, text, cells, where)
        elif kind.on_words or (kind is OperationKind.RETAIN and quote):
            if not quote:
                raise ProposalError(f"{kind.verb} needs the quoted words (--quote)")
            op = word_operation(kind, words, quote, occurrence, text, where,
                                "the paragraph" if cell is None else label)
        else:
            moved_next_to = self.paragraph(document_id, destination, base.name).id \
                if destination else None
            if kind is OperationKind.MOVE and moved_next_to == target.id:
                raise ProposalError(f"{target.address} cannot move next to itself")
            op = Operation(kind, None, text, where, moved_next_to)
        _one_line(rationale, "rationale")
        created = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
        return Proposal(id="draft", document=document_id, revision=base.name,
                        paragraph=target.id, operation=op, proposers=codes, created=created,
                        on_behalf_of=group, rationale=rationale, label=label, cell=cell,
                        history=(Event(created, codes[0], "proposed"),),
                        deadline=self.deadline_for(document_id, base.name))

    def row_name(self, proposal: Proposal, row_id: str) -> str:
        """How readers know a row of the proposal's table: "row 3 (M85)" as it stood in the
        proposal's revision (`draftkit.rows.cited`)."""
        return rows.cited(proposal, row_id, self.revision(proposal.document),
                          self.revision(proposal.document, proposal.revision))

    def column_name(self, proposal: Proposal, column_id: str) -> str:
        """How readers know a column of the proposal's table: "column Quantity" as it stood
        in the proposal's revision (`draftkit.columns.cited`)."""
        return columns.cited(proposal, column_id, self.revision(proposal.document),
                             self.revision(proposal.document, proposal.revision))

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
            item = _fresh(draft, set())
            if self.folder.create_item(document_id, kind, item.id, formatter(item)):
                return item

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
        _one_line(note, "note")
        return self._record_event(proposal_id, Event(_now(when), self.party(party).code,
                                                     action, note=note))

    def withdraw(self, proposal_id: str, party: str, note: str = "",
                 when: dt.datetime | None = None) -> Proposal:
        _one_line(note, "note")
        return self._record_event(proposal_id, Event(_now(when), self.party(party).code,
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
        _one_line(note, "note")
        _actor(by)
        if action == "superseded":
            self.proposal(argument)
        guard = None if force or action != "accepted" else self._refuse_conflicting
        return self._record_event(proposal_id, Event(_now(when), by, action, argument, note),
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
        from draftkit.edits import Words
        from draftkit.merge import (
            carry_all,
            carry_cells,
            cell_named,
            describe_conflict,
            field_conflict,
        )

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
            carried, _ = carry_all(latest, [*others, proposal], self.history(document))
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
        from draftkit.merge import carry_cells, row_conflict, row_contests

        history = self.history(proposal.document)
        group = [*accepted, proposal]
        on_rows = [p for p in group if rows.on_rows(p) and
                   rows.stale(latest, p, history.revisions.get(p.revision)) is None]
        view, on_cells, _ = carry_cells(latest, group, history)
        for contest in row_contests(latest, on_rows, view, on_cells, cells.cells_of(latest)):
            mine = next((s for s in contest.sides if proposal.id in s.ids), None)
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
        """A column deletion against proposals on its cells' words, between a proposal and
        the accepted ones on its table (its own side first); None when there is none."""
        from draftkit.merge import column_conflict

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
        return None

    def _refuse_conflicting(self, proposal: Proposal) -> None:
        clash = self.conflict_with_accepted(proposal.id, proposal.document)
        if clash is not None:
            raise ProposalError(f"{accepted_conflict_line(proposal.id, clash)}: not accepted; "
                                f"reopen the accepted one first, or accept with --force and "
                                f"settle it at the merge (--prefer or --bracket)")

    def reject(self, proposal_id: str, note: str = "", by: str = PRESIDENCY) -> Proposal:
        return self.decide(proposal_id, "rejected", note, by)

    # merging: compilation texts, clean revisions, provenance, blame

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
        name = _normalise_revision_name(revision, self.revision_names(document_id))
        return self._loaded(document_id, name).record

    def history(self, document_id: str) -> History:
        """Every recorded revision of the document, and the provenance of the merged ones."""
        from draftkit.rebase import History

        names = self.revision_names(document_id)
        found = {name: self.provenance(document_id, name) for name in names}
        return History({name: self.revision(document_id, name) for name in names},
                       {name: p for name, p in found.items() if p is not None})

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
        _actor(by)
        _one_line(note or "", "note")
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

    # comments

    def comments(self, document_id: str, *, party: str | None = None,
                 paragraph: str | None = None, open_only: bool = False,
                 type: str | None = None, section: str | None = None) -> list[Comment]:
        """The document's comments, oldest first, filtered as asked (see `proposals`)."""
        found = [self.folder.load_comment(path)
                 for path in self.folder.item_files(document_id, "comments")]
        if party is not None:
            code = self.party(party).code
            found = [c for c in found if self._in_scope(code, (c.party,))]
        if paragraph is not None:
            target = self.paragraph(document_id, paragraph).id
            found = [c for c in found if c.paragraph == target]
        if open_only:
            found = [c for c in found if c.is_open]
        if type is not None:
            wanted_type = one_of(CommentType, type, "type")
            found = [c for c in found if c.type is wanted_type]
        if section is not None:
            ids_in = self._section_paragraph_ids(document_id, section)
            found = [c for c in found if c.paragraph in ids_in]
        return sorted(found, key=lambda c: (c.created, c.id))

    def comment_by_id(self, comment_id: str, document_id: str | None = None) -> Comment:
        return self.folder.load_comment(self._item_path("comments", comment_id, document_id))

    def comment(self, document_id: str, *, party: str, text: str,
                type: str | CommentType = CommentType.GENERAL, paragraph: str | None = None,
                quote: str | None = None, occurrence: int | None = None,
                proposed_change: str | None = None, revision: str | None = None,
                when: dt.datetime | None = None) -> Comment:
        """Record a comment on the document, a paragraph, or some words of it."""
        draft = self.draft_comment(document_id, party=party, text=text, type=type,
                                   paragraph=paragraph, quote=quote, occurrence=occurrence,
                                   proposed_change=proposed_change, revision=revision,
                                   when=when)
        created: Comment = self._create(document_id, "comments", draft, format_comment)
        return created

    def draft_comment(self, document_id: str, *, party: str, text: str,
                      type: str | CommentType = CommentType.GENERAL,
                      paragraph: str | None = None, quote: str | None = None,
                      occurrence: int | None = None, proposed_change: str | None = None,
                      revision: str | None = None, when: dt.datetime | None = None) -> Comment:
        """A checked comment, not yet recorded (its id is "draft"): see `comment`."""
        base = self.revision(document_id, revision)
        code = self.party(party).code
        _one_line(text, "comment")
        if not text.strip():
            raise DraftkitError("a comment needs its text")
        target, cell, label, words = self._target(document_id, paragraph, base) \
            if paragraph else (None, None, "", "")
        anchor = None
        if quote:
            if target is None:
                raise DraftkitError("quoted words need the paragraph they are in (--para)")
            from draftkit.anchors import anchor_at, locate

            anchor = anchor_at(words, locate(words, quote, occurrence,
                                             "the paragraph" if cell is None else label))
        if proposed_change:
            self.proposal(proposed_change, document_id)
        created = _now(when)
        return Comment(id="draft", document=document_id, revision=base.name, party=code,
                       type=one_of(CommentType, type, "type"), text=text, created=created,
                       paragraph=target.id if target else None, anchor=anchor,
                       proposed_change=proposed_change, label=label, cell=cell)

    def _update_comment(self, comment_id: str, change: Callable[[Comment], Comment]) -> Comment:
        comment = self.comment_by_id(comment_id)
        with self.folder.lock(comment.document):
            updated = change(self.comment_by_id(comment_id, comment.document))
            self.folder.replace_item(comment.document, "comments", comment.id,
                                     format_comment(updated))
        return updated

    def reply(self, comment_id: str, party: str, text: str,
              when: dt.datetime | None = None) -> Comment:
        reply = self.draft_reply(party, text, when)
        return self._update_comment(comment_id, lambda c: c.with_reply(reply))

    def draft_reply(self, party: str, text: str, when: dt.datetime | None = None) -> Reply:
        _one_line(text, "reply")
        if not text.strip():
            raise DraftkitError("a reply needs its text")
        return Reply(_now(when), self.party(party).code, text)

    def record_batch(self, document_id: str, proposals: Sequence[Proposal] = (),
                     comments: Sequence[Comment] = (),
                     replies: Sequence[tuple[str, Reply]] = (),
                     ) -> tuple[tuple[Proposal, ...], tuple[Comment, ...], tuple[Comment, ...]]:
        """Record drafted proposals and comments under fresh ids, and replies to existing
        comments, as one commit: all of them or, whatever happens, none.

        Returns the proposals and comments as recorded, and the replied-to comments.
        """
        with self.folder.lock(document_id):
            taken = {path.stem for kind in ("proposals", "comments")
                     for path in self.folder.item_files(document_id, kind)}
            made_proposals = tuple(_fresh(p, taken) for p in proposals)
            made_comments = tuple(_fresh(c, taken) for c in comments)
            replied: dict[str, Comment] = {}
            for comment_id, reply in replies:
                before = replied.get(comment_id) or self.comment_by_id(comment_id, document_id)
                replied[comment_id] = before.with_reply(reply)
            self.folder.write_items(
                document_id,
                [("proposals", p.id, format_proposal(p)) for p in made_proposals]
                + [("comments", c.id, format_comment(c)) for c in made_comments],
                [("comments", c.id, format_comment(c)) for c in replied.values()])
        return made_proposals, made_comments, tuple(replied.values())

    def dispose(self, comment_id: str, disposition: str | Disposition, observation: str = "",
                by: str = PRESIDENCY, when: dt.datetime | None = None) -> Comment:
        """Give a comment the presidency's disposition (the latest one counts)."""
        _one_line(observation, "observation")
        decision = Decision(_now(when), _actor(by),
                            one_of(Disposition, disposition, "disposition"), observation)
        return self._update_comment(comment_id, lambda c: c.with_decision(decision))

    def placement(self, comment: Comment, revision: str | None = None) -> Placement:
        """Where a comment's words stand in a revision (the latest by default): in its
        paragraph's text, or in its cell's for a comment on a cell of a table."""
        if comment.paragraph is None:
            return Placement(Located(0, 0), "on the whole document")
        written = self.revision(comment.document, comment.revision).by_id(comment.paragraph)
        now = self.revision(comment.document, revision).by_id(comment.paragraph)
        return place(comment, cells.text_of(written, comment.cell),
                     cells.text_of(now, comment.cell))

    def export_docx(self, document_id: str, revision: str | None = None) -> bytes:
        """A revision as .docx: no tracked changes; the comments on it, or whose words
        stand in it, as Word comments by their parties."""
        from draftkit.docx.export import revision_to_docx

        chosen = self.revision(document_id, revision)
        placed: list[tuple[Comment, Located | None]] = []
        for comment in self.comments(document_id):
            if comment.paragraph is None:
                if comment.revision == chosen.name:
                    placed.append((comment, None))
                continue
            where = self.placement(comment, chosen.name)
            if where.located is not None:  # one on a cell is a note on its whole table
                placed.append((comment, where.located if comment.cell is None else
                               Located(0, 0)))
        return revision_to_docx(self.document(document_id), chosen, placed)

    def blank_form(self, document_id: str, revision: str | None = None,
                   form: str = "docx") -> bytes:
        """A revision (the latest by default) as a blank report form to fill in: "docx"
        (Word tables and check boxes) or "xlsx" (a sheet per section, answers validated)."""
        chosen = self.revision(document_id, revision)
        document = self.document(document_id)
        if form == "docx":
            from draftkit.docx.blank_form import form_to_docx

            return form_to_docx(document, chosen)
        if form == "xlsx":
            from draftkit.render.form_xlsx import form_to_xlsx

            return form_to_xlsx(document, chosen)
        raise DraftkitError(f"not a blank form format: {form!r} (docx or xlsx)")

    def words_state(self, comment: Comment) -> str:
        """Whether a comment's quoted words stand in the latest revision: "found", or
        "orphaned: <why>"; "" for a comment on a whole paragraph or the document."""
        if comment.anchor is None:
            return ""
        placed = self.placement(comment)
        return f"orphaned: {placed.reason}" if placed.orphaned else "found"

    def comments_matrix(self, document_id: str, comments: Sequence[Comment] | None = None,
                        ) -> list[MatrixRow]:
        """The comments matrix (`draftkit.matrix`): the ISO/IEC template's columns, in the
        order of the latest revision; `comments` default to all the document's."""
        from draftkit.matrix import comments_matrix

        latest = self.revision(document_id)
        chosen = self.comments(document_id) if comments is None else comments
        named = {c.proposed_change for c in chosen if c.proposed_change}
        proposals = {p.id: p for p in self.proposals(document_id) if p.id in named}

        def address(paragraph_id: str) -> str | None:
            return self.label_in(document_id, paragraph_id, latest.name)

        return comments_matrix(chosen, latest, proposals, address, self.words_state,
                               self.observers())

    def masthead(self, document_id: str, revision: str | None = None) -> Masthead:
        """The first-page block of a revision (default: the latest): symbol, distribution,
        date, original language."""
        from draftkit.masthead import masthead

        return masthead(self.document(document_id), self.revision(document_id, revision))

    def import_docx(self, document_id: str, source: Path, *, revision: str,
                    party: str | None = None, dry_run: bool = False) -> Imported:
        """Proposals and comments from a delegation's .docx copy of `revision` with
        tracked changes: everything is checked before anything is written, and what
        cannot be mapped is reported in the result, not guessed."""
        from draftkit.docx.intake import import_docx

        return import_docx(self, document_id, store_files.read_bytes(source), source.name,
                           revision, party, dry_run)

    def check(self, document_id: str | None = None, repair: bool = False) -> CheckReport:
        """Check the drafts folder, or one document, as `draftkit check` does: every
        file's grammar and seal, ids, parties, references, parents, debris. With
        `repair`, first remove the debris that killed writers left (never data)."""
        from draftkit.check import check

        if document_id is not None:
            self.document(document_id)
        return check(self.folder, None if document_id is None else [document_id], repair)

    # the negotiation as a website

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

    # signing keys and attribution (issue 15): see draftkit.keys and draftkit.verify

    def keys(self, holder: str | None = None) -> tuple[SigningKey, ...]:
        """The registry's signing keys (of one party, or of the presidency)."""
        keys = self.folder.keys()
        if holder is None:
            return keys
        who = holder_name(holder, self.parties())
        return tuple(k for k in keys if k.holder == who)

    def add_key(self, holder: str, public_key: str) -> SigningKey:
        """Record a public SSH key (a line of a .pub file) as speaking for a party or for
        the presidency (`holder`: a party code or `Presidency`)."""
        from draftkit.keys import add_key, parse_public_key
        from draftkit.store.setup import update_keys

        added: list[SigningKey] = []

        def change(parties: dict[str, Party], keys: tuple[SigningKey, ...]
                   ) -> tuple[SigningKey, ...]:
            added.append(parse_public_key(holder_name(holder, parties), public_key))
            return add_key(keys, added[0])

        update_keys(self.root, change)
        return added[0]

    def remove_key(self, holder: str, which: str) -> SigningKey:
        """Remove one of a holder's keys, named by its fingerprint (SHA256:…), its base64
        or its .pub line. Commits it signed before stay verified: keys in force at a
        commit are those its parents record."""
        from draftkit.keys import remove_key
        from draftkit.store.setup import update_keys

        removed: list[SigningKey] = []

        def change(parties: dict[str, Party], keys: tuple[SigningKey, ...]
                   ) -> tuple[SigningKey, ...]:
            left, gone = remove_key(keys, holder_name(holder, parties), which)
            removed.append(gone)
            return left

        update_keys(self.root, change)
        return removed[0]

    def allowed_signers(self) -> str:
        """git's allowed-signers file, derived from the registry's keys (for
        `gpg.ssh.allowedSignersFile`, so `git log --show-signature` names the holders)."""
        from draftkit.keys import allowed_signers

        return allowed_signers(self.folder.keys())

    def committing(self) -> Callable[[str], str | None]:
        """Get ready to commit what comes next as one signed git commit (`--commit`):
        refused, before anything is written, where the drafts folder is not in a
        repository that signs commits or has changes not committed. Returns the function
        that makes the commit, with a message: the commit's id, or None when nothing was
        written."""
        from draftkit.store.git_commit import commit, ready

        git = ready(self.root)
        return lambda message: commit(git, message)

    def verify(self, document_id: str | None = None, since: str | None = None) -> VerifyReport:
        """Check the git history of the drafts folder (or of one document and the
        registry): every item and event in a commit signed by a key of a party it speaks
        for, the presidency's acts by the presidency's keys, nothing rewritten after it
        was committed, nothing left uncommitted. History up to and including `since` (a
        commit) is accepted as it is. See draftkit.verify."""
        from draftkit.store.git_history import verify_history

        if document_id is not None:
            self.document(document_id)
        return verify_history(self.root, document_id, since)

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


def _find(revision: Revision, address: str) -> Paragraph:
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


def _fresh(item: Any, taken: set[str]) -> Any:
    """`item` under a fresh id not in `taken` (which it joins)."""
    while True:
        candidate = f"{_prefix(item)}-{new_id()[:4]}"
        if candidate not in taken:
            taken.add(candidate)
            return attrs.evolve(item, id=candidate)


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


def _flagged(proposal: Proposal, statuses: dict[str, Status]) -> Proposal:
    """The proposal, flagged if it would change words agreed or ad ref now."""
    if reopens(proposal.operation.kind, statuses.get(proposal.paragraph)):
        return attrs.evolve(proposal, reopens_agreed=True)
    return proposal


def _with_incorporation(proposal: Proposal, incorporated: dict[str, str]) -> Proposal:
    revision = incorporated.get(proposal.id)
    return proposal if revision is None else attrs.evolve(proposal, incorporated_in=revision)


def _with_set_aside(proposal: Proposal,
                    set_aside: dict[str, tuple[str, tuple[str, ...]]]) -> Proposal:
    found = set_aside.get(proposal.id)
    return proposal if found is None else attrs.evolve(
        proposal, not_selected_in=found[0], preferred_instead=found[1])


def accepted_conflict_line(proposal_id: str, clash: Conflict) -> str:
    """ "NOR-y6bx conflicts with accepted MEX-rz2x (MEX, PER, CHL) on Action 10, "…"" """
    others = "; ".join(f"{', '.join(side.proposals)} ({', '.join(side.parties)})"
                       for side in clash.sides if proposal_id not in side.proposals)
    return f"{proposal_id} conflicts with accepted {others} on {clash.label}, {clash.place}"


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


def _derived(proposal: Proposal, incorporated: dict[str, str],
             deadlines: dict[str, Deadline | None]) -> Proposal:
    """A proposal as read, with what is derived from elsewhere in the store: the revision
    that incorporated it, and the input deadline it falls under."""
    proposal = _with_incorporation(proposal, incorporated)
    deadline = deadlines.get(proposal.revision)
    return proposal if deadline is None else attrs.evolve(proposal, deadline=deadline)


def _now(when: dt.datetime | None) -> dt.datetime:
    return when or dt.datetime.now(dt.UTC).replace(microsecond=0)


def _added_row(base: Revision, table: Paragraph, row: str | None,
               cells: str | Sequence[str] | None, where: Position | None) -> Operation:
    """An add-row operation on `table`: next to `row` ("row 3"), `cells` in column order."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: add-row needs one")
    if not row:
        raise ProposalError("add-row needs the row it goes next to (--row 'row 3')")
    if cells is None:
        raise ProposalError("add-row needs the new row's cells (--cells 'a | b | c')")
    place = table_address.locate(base, f"{table.address}, {row}")
    columns = table.table.columns
    given = grammar.fields_of(cells, len(columns), "--cells") if isinstance(cells, str) \
        else tuple(cells)
    if len(given) != len(columns):
        raise ProposalError(f"{table.address} has {len(columns)} columns "
                            f"({', '.join(c.heading for c in columns)}); the new row gives "
                            f"{len(given)} cells")
    return Operation(OperationKind.ADD_ROW, None, "", where, place.row,
                     tuple((c.id, text.strip()) for c, text in zip(columns, given, strict=True)
                           if text.strip()))


def _row_operation(base: Revision, table: Paragraph, kind: OperationKind, row: str | None,
                   destination: str | None, where: Position | None) -> Operation:
    """A delete-row or move-row on `table`: of `row` ("row 4"), a move `where` the row
    `destination` ("row 2"); both addressed in `base`, held by id."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: {kind.value} needs one")
    if not row:
        raise ProposalError(f"{kind.value} needs the row it acts on (--row 'row 4')")
    acted = _row_of(base, table, row)
    next_to = None
    if kind is OperationKind.MOVE_ROW:
        if not destination:
            raise ProposalError("move-row needs the row it goes next to (--destination "
                                "'row 2')")
        next_to = _row_of(base, table, destination)
        if next_to == acted:
            raise ProposalError(f"{table.address}, {row.strip()} cannot move next to itself")
    elif destination or where:
        raise ProposalError("delete-row takes no --destination or --position")
    return Operation(kind, None, "", where, next_to, (), acted)


def _row_of(base: Revision, table: Paragraph, row: str) -> str:
    """The id of the row of `table` that `row` ("row 4", "row #<id>") names in `base`."""
    place = table_address.locate(base, f"{table.address}, {row}")
    if place.row is None or place.column is not None:
        raise NotFoundError(f"{row.strip()}: name one row of {table.address} ('row 4')")
    return place.row


def _row_position(table: Paragraph, row_id: str | None) -> int:
    assert table.table is not None
    return (table.table.row_index(row_id or "") or 0) + 1
def _column_operation(base: Revision, table: Paragraph, kind: OperationKind,
                      column: str | None, heading: str, cells: str | Sequence[str] | None,
                      where: Position | None) -> Operation:
    """An add-column or delete-column operation on `table`, the `column` named ("Quantity",
    "2", "#id"); an added column headed `heading`, with `cells` in row order."""
    if table.table is None:
        raise ProposalError(f"{table.address} is not a table: {kind.verb} needs one")
    if not column:
        role = "deletes" if kind is OperationKind.DELETE_COLUMN else "goes next to"
        raise ProposalError(f"{kind.verb} needs the column it {role} (--column 'Quantity')")
    place = table_address.locate(base, f"{table.address}, column {column}")
    body = table.table.rows
    if kind is OperationKind.DELETE_COLUMN:
        if heading:
            raise ProposalError("delete-column takes no --text")
        if len(table.table.columns) == 1:
            raise ProposalError(f"{table.address} has one column: delete the table instead")
        return Operation(kind, None, "", None, place.column)
    if not heading.strip():
        raise ProposalError("add-column needs the new column's heading (--text)")
    given: tuple[str, ...] = ("",) * len(body)
    if cells is not None:
        given = grammar.fields_of(cells, len(body), "--cells") if isinstance(cells, str) \
            else tuple(cells)
        if len(given) != len(body):
            raise ProposalError(f"{table.address} has {len(body)} rows; the new column "
                                f"gives {len(given)} cells")
    return Operation(kind, None, heading.strip(), where, place.column,
                     tuple((r.id, text.strip()) for r, text in zip(body, given, strict=True)
                           if text.strip()))


def _changed_field(base: Revision, field: Paragraph, edit: FieldEdit) -> Operation:
    """A change-field operation on `field`, checked against the field as it stands."""
    if field.form is None:
        raise ProposalError(f"{field.address} is not a form field in "
                            f"{display_name(base.name)}: change-field needs one")
    if not edit.parts():
        raise ProposalError("change-field needs what it changes: --kind, --choice, "
                            "--instructions, --required or --voluntary")
    try:
        changed = edit.apply(field.form)
    except ValueError as error:
        raise ProposalError(f"{field.address}: {error}") from None
    if changed == field.form:
        raise ProposalError(f"{field.address} is like that already: the change changes "
                            f"nothing")
    return Operation(OperationKind.CHANGE_FIELD, field=edit)


def _one_line(text: str, what: str) -> None:
    if "\n" in text or "\r" in text:
        raise DraftkitError(f"the {what} must be one line")


def _actor(name: str) -> str:
    if not ID_PATTERN.fullmatch(name):
        raise DraftkitError(f"not a plain name for who decides: {name!r}")
    return name


def _normalise_revision_name(name: str, names: list[str]) -> str:
    """Accept "Rev.1", "rev 1" or "Zero draft" for the recorded "rev1" / "zero-draft"."""
    if name in names:
        return name
    wanted = name.lower().replace(".", "").replace(" ", "-")
    for known in names:
        if known.replace("-", "") == wanted.replace("-", ""):
            return known
    return name
