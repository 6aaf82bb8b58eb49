"""The façade a script imports: `from draftkit import open_drafts`.

It composes the store and the pure core; the CLI calls exactly this.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from draftkit.agreement import Action
from draftkit.anchors import Located
from draftkit.comments import Comment
from draftkit.dashboard import Dashboard, dashboard
from draftkit.desk.comments import CommentDesk
from draftkit.desk.lifecycle import LifecycleDesk, accepted_conflict_line
from draftkit.desk.merging import MergingDesk
from draftkit.desk.revisions import RevisionDesk
from draftkit.desk.setup import SetupDesk
from draftkit.errors import DraftkitError
from draftkit.keys import SigningKey, holder_name
from draftkit.model import Party
from draftkit.proposals import ProposalStatus
from draftkit.store import DraftsFolder, find_drafts_folder
from draftkit.store import files as store_files

__all__ = ["Drafts", "Initialized", "accepted_conflict_line", "init_drafts", "open_drafts"]


if TYPE_CHECKING:
    from draftkit.check import Report as CheckReport
    from draftkit.docx.intake import Imported
    from draftkit.masthead import Masthead
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


class Drafts(LifecycleDesk, MergingDesk, CommentDesk, RevisionDesk, SetupDesk):
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


