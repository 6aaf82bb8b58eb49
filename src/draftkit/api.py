"""The façade a script imports: `from draftkit import open_drafts`.

It composes the store and the pure core; the CLI calls exactly this.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from draftkit import cells
from draftkit.agreement import Action, AgreementError
from draftkit.anchors import Located
from draftkit.comments import Comment, CommentType, Decision, Disposition, Placement, Reply, place
from draftkit.dashboard import Dashboard, dashboard
from draftkit.desk.base import actor, fresh, one_line, stamp
from draftkit.desk.lifecycle import LifecycleDesk, accepted_conflict_line
from draftkit.errors import DraftkitError, NotFoundError, one_of
from draftkit.keys import PRESIDENCY, SigningKey, holder_name
from draftkit.model import (
    Distribution,
    Document,
    DocumentKind,
    Party,
    PartyKind,
    Revision,
    RevisionKind,
    Section,
)
from draftkit.proposals import Proposal, ProposalError, ProposalStatus
from draftkit.revise import carry_identities
from draftkit.store import DraftsFolder, find_drafts_folder
from draftkit.store import files as store_files
from draftkit.store.drafts_folder import LoadedRevision
from draftkit.store.item_format import format_comment, format_proposal
from draftkit.store.revision_format import MergeRecord, parse_revision

__all__ = ["Drafts", "Initialized", "accepted_conflict_line", "init_drafts", "open_drafts"]

if TYPE_CHECKING:
    from draftkit.blame import ParagraphBlame
    from draftkit.check import Report as CheckReport
    from draftkit.compilation import Compilation
    from draftkit.docx.intake import Imported
    from draftkit.masthead import Masthead
    from draftkit.matrix import Row as MatrixRow
    from draftkit.merge import MergeResult
    from draftkit.publish.sources import DocumentSource, Publication
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


class Drafts(LifecycleDesk):
    """One drafts folder: documents, revisions, parties (and, later, proposals)."""

    # the process: meetings, input deadlines, the timeline


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




    # merging: compilation texts, clean revisions, provenance, blame


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
        one_line(text, "comment")
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
        created = stamp(when)
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
        one_line(text, "reply")
        if not text.strip():
            raise DraftkitError("a reply needs its text")
        return Reply(stamp(when), self.party(party).code, text)

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
            made_proposals = tuple(fresh(p, taken) for p in proposals)
            made_comments = tuple(fresh(c, taken) for c in comments)
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
        one_line(observation, "observation")
        decision = Decision(stamp(when), actor(by),
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


