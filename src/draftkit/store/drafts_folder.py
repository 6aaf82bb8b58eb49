"""The drafts folder on disk: documents, their revisions, parties and items.

Layout (see docs/store-format.md):

    <root>/parties.txt
    <root>/<document>/document.txt
    <root>/<document>/revisions/<name>.txt     a recorded revision, with its merge record
    <root>/<document>/proposals/<ID>.txt
    <root>/<document>/comments/<ID>.txt
    <root>/<document>/decisions/<ID>.txt    a status decision (ad ref, confirm, reopen)
    <root>/<document>/.draftkit/               lock and files being written (ignored by git)

Every write holds the document's lock and has one commit point: recording a
revision is one link of one file, an item is created by one link or changed by
one rename, and a batch (an import) becomes visible by one rename.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

from attrs import frozen

from draftkit.agreement import StatusDecision
from draftkit.comments import Comment
from draftkit.errors import DraftkitError, FormatError, NotFoundError, TamperedError
from draftkit.keys import SigningKey
from draftkit.model import ID_PATTERN, SLUG_PATTERN, Document, Party, Revision, display_name
from draftkit.proposals import Proposal
from draftkit.store import files, grammar
from draftkit.store.decision_format import parse_decision
from draftkit.store.item_format import parse_comment, parse_proposal
from draftkit.store.registry_format import parse_document, parse_registry
from draftkit.store.revision_format import (
    HEADER_KEYS,
    KIND,
    VERSION,
    MergeRecord,
    format_revision_file,
    parse_revision,
)
from draftkit.store.setup import has_marker, is_drafts_folder, not_a_drafts_folder

ENVIRONMENT_VARIABLE = "DRAFTKIT_DRAFTS"
ITEM_KINDS = ("proposals", "comments", "decisions")


def find_drafts_folder(explicit: str | os.PathLike[str] | None = None,
                       start: Path | None = None) -> Path:
    """The drafts folder: the one given, else $DRAFTKIT_DRAFTS, else, from `start` (the
    working directory) upwards, the first folder that is a drafts folder (it holds a
    parties.txt draftkit wrote) or that has a `drafts/` folder.

    A folder that is not a drafts folder (no parties.txt and no document folder) is
    refused with a clear message, never shown as an empty store."""
    chosen = explicit or os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not is_drafts_folder(path):
            raise not_a_drafts_folder(path)
        return path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if has_marker(folder):
            return folder
        if (folder / "drafts").is_dir():
            if not is_drafts_folder(folder / "drafts"):
                raise not_a_drafts_folder(folder / "drafts")
            return folder / "drafts"
    raise DraftkitError(f"no drafts folder in {here} or above; pass --drafts DIR, set "
                        f"{ENVIRONMENT_VARIABLE}, or start one with `draftkit init`")


@frozen
class RevisionEntry:
    """What a revision file's header says: enough to list and order revisions."""

    name: str
    date: dt.date
    parent: str | None
    issued_by: str
    path: Path

    @property
    def title(self) -> str:
        return display_name(self.name)


@frozen
class LoadedRevision:
    revision: Revision
    record: MergeRecord | None


class DraftsFolder:
    """Reads and writes one drafts folder; every write is atomic and locked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parties: tuple[tuple[int, int, int],
                             tuple[dict[str, Party], tuple[SigningKey, ...]]] | None = None
        self._entries: dict[str, tuple[tuple[tuple[str, int, int, int], ...],
                                       list[RevisionEntry]]] = {}

    # documents

    def document_ids(self) -> list[str]:
        return sorted(entry.name for entry in self.root.iterdir()
                      if (entry / "document.txt").is_file())

    def document_folder(self, document_id: str) -> Path:
        """The document's folder, with any batch a killed writer committed moved into place."""
        folder = self.root / document_id
        if not SLUG_PATTERN.fullmatch(document_id) or not (folder / "document.txt").is_file():
            known = ", ".join(self.document_ids()) or "none"
            raise NotFoundError(f"unknown document {document_id!r} (known: {known})")
        if files.pending(folder):
            with files.locked(folder):
                pass  # taking the lock rolls the batch forward
        return folder

    def document(self, document_id: str) -> Document:
        path = self.document_folder(document_id) / "document.txt"
        document = parse_document(files.read_text(path), str(path))
        if document.id != document_id:
            raise FormatError(str(path), 2, f"id {document.id!r} does not match its folder "
                                            f"{document_id!r}")
        return document

    # revisions: each recorded revision is one file, written once

    def revision_entries(self, document_id: str) -> list[RevisionEntry]:
        """The recorded revisions, each after its parent, then by date and name."""
        folder = self.document_folder(document_id) / "revisions"
        found = _revision_files(folder)
        stamp = tuple(stat for _, stat in found)
        cached = self._entries.get(document_id)
        if cached is not None and cached[0] == stamp:
            return list(cached[1])
        entries = {entry.name: entry for entry in (_entry(path) for path, _ in found)}
        for entry in entries.values():
            if entry.parent is not None and entry.parent not in entries:
                raise FormatError(str(entry.path), 1, f"parent revision {entry.parent!r} "
                                                      f"is not recorded")
        ordered = _in_order(entries)
        self._entries[document_id] = (stamp, ordered)
        return list(ordered)

    def revision_names(self, document_id: str) -> list[str]:
        return [entry.name for entry in self.revision_entries(document_id)]

    def revision_path(self, document_id: str, name: str) -> Path:
        return self.document_folder(document_id) / "revisions" / f"{name}.txt"

    def load_revision(self, document_id: str, name: str) -> LoadedRevision:
        """A recorded revision and its merge record; refused if changed since recorded."""
        path = self.revision_path(document_id, name)
        if not SLUG_PATTERN.fullmatch(name) or not path.is_file():
            known = ", ".join(self.revision_names(document_id)) or "none"
            raise NotFoundError(f"{document_id} has no revision {name!r} (recorded: {known})")
        parsed = parse_revision(files.read_text(path), str(path))
        if not parsed.sealed:
            raise TamperedError(
                f"{path}: changed after it was recorded (its @sha256 seal "
                f"{'is missing' if parsed.sealed is None else 'no longer matches'}); recorded "
                f"revisions are never rewritten: restore the file, and record changes as a "
                f"new revision")
        revision = parsed.to_revision(str(path))
        if (revision.document, revision.name) != (document_id, name):
            raise FormatError(str(path), 2, f"says it is {revision.document}/{revision.name}")
        return LoadedRevision(revision, parsed.record)

    def record_revision(self, revision: Revision, record: MergeRecord | None = None) -> Path:
        """Record a new revision, with its merge record: one file, created by one link."""
        folder = self.document_folder(revision.document)
        with files.locked(folder):
            names = self.revision_names(revision.document)
            if revision.name in names:
                raise DraftkitError(f"{revision.document} already has a revision "
                                    f"{revision.name!r}; recorded revisions are never rewritten")
            if revision.parent is not None and revision.parent not in names:
                raise NotFoundError(f"parent revision {revision.parent!r} is not recorded")
            path = folder / "revisions" / f"{revision.name}.txt"
            data = format_revision_file(revision, record).encode("utf-8")
            if not files.create_exclusive(folder, path, data):
                raise DraftkitError(f"{path} appeared while it was being recorded")
        return path

    # parties

    def parties(self) -> dict[str, Party]:
        """The registry's parties, read again only when parties.txt changed."""
        return dict(self._registry()[0])

    def keys(self) -> tuple[SigningKey, ...]:
        """The registry's signing keys (see draftkit.keys)."""
        return self._registry()[1]

    def _registry(self) -> tuple[dict[str, Party], tuple[SigningKey, ...]]:
        path = self.root / "parties.txt"
        try:
            stamp = path.stat()
        except FileNotFoundError:
            return {}, ()
        key = (stamp.st_mtime_ns, stamp.st_size, stamp.st_ino)
        if self._parties is None or self._parties[0] != key:
            self._parties = (key, parse_registry(files.read_text(path), str(path)))
        return self._parties[1]

    # items: one file each, so parallel contributions never touch the same path

    def item_folder(self, document_id: str, kind: str) -> Path:
        assert kind in ITEM_KINDS
        return self.document_folder(document_id) / kind

    def item_path(self, document_id: str, kind: str, item_id: str) -> Path:
        if not ID_PATTERN.fullmatch(item_id):
            raise DraftkitError(f"not a plain id: {item_id!r}")
        return self.item_folder(document_id, kind) / f"{item_id}.txt"

    def item_files(self, document_id: str, kind: str) -> list[Path]:
        folder = self.item_folder(document_id, kind)
        return [folder / name for name in _item_names(folder)]

    def read_item(self, path: Path) -> str:
        return files.read_text(path)

    def load_proposal(self, path: Path) -> Proposal:
        """A proposal file's value; refused if its id is not its file's name."""
        return _named(parse_proposal(self.read_item(path), str(path)), path)

    def load_proposals(self, document_id: str) -> list[Proposal]:
        """Every proposal file's value, in the order of the files' names, as load_proposal
        reads each (their paths made as strings: pathlib's cost counts at ten thousand)."""
        folder = self.item_folder(document_id, "proposals")
        prefix = f"{folder}{os.sep}"
        return [_proposal_at(prefix + name, name) for name in _item_names(folder)]

    def load_comment(self, path: Path) -> Comment:
        """A comment file's value; refused if its id is not its file's name."""
        return _named(parse_comment(self.read_item(path), str(path)), path)

    def load_decision(self, path: Path) -> StatusDecision:
        """A decision file's value; refused if its id is not its file's name."""
        return _named(parse_decision(self.read_item(path), str(path)), path)

    def create_item(self, document_id: str, kind: str, item_id: str, text: str) -> bool:
        """Create an item file; False if that id is taken (the caller picks another)."""
        folder = self.document_folder(document_id)
        with files.locked(folder):
            return files.create_exclusive(folder, self.item_path(document_id, kind, item_id),
                                          text.encode("utf-8"))

    def replace_item(self, document_id: str, kind: str, item_id: str, text: str) -> None:
        """Replace an item file by one rename (the caller holds the document's lock)."""
        path = self.item_path(document_id, kind, item_id)
        if not path.is_file():
            raise NotFoundError(f"no {kind[:-1]} {item_id} in {document_id}")
        folder = self.document_folder(document_id)
        with files.locked(folder):
            files.write_atomic(folder, path, text.encode("utf-8"))

    def write_items(self, document_id: str, created: Sequence[tuple[str, str, str]],
                    replaced: Sequence[tuple[str, str, str]]) -> None:
        """Create and replace many items, (kind, id, text) each, as one commit: an
        import is recorded whole or not at all. Refused if a created id is taken."""
        folder = self.document_folder(document_id)
        with files.locked(folder):
            batch = []
            for kind, item_id, text in created:
                path = self.item_path(document_id, kind, item_id)
                if path.exists():
                    raise DraftkitError(f"{path} exists already")
                batch.append((path, text.encode("utf-8")))
            for kind, item_id, text in replaced:
                path = self.item_path(document_id, kind, item_id)
                if not path.is_file():
                    raise NotFoundError(f"no {kind[:-1]} {item_id} in {document_id}")
                batch.append((path, text.encode("utf-8")))
            files.commit_batch(folder, batch)

    def lock(self, document_id: str) -> AbstractContextManager[list[Path]]:
        return files.locked(self.document_folder(document_id))

    # what killed writers leave behind

    def debris(self) -> list[Path]:
        """Files that killed writers left half-written, in every working folder."""
        folders = [self.root, *(self.root / d for d in self.document_ids())]
        return [path for folder in folders for path in files.debris(folder)]

    def remove_debris(self) -> list[Path]:
        removed = []
        for folder in [self.root, *(self.root / d for d in self.document_ids())]:
            with files.locked(folder) as swept:
                removed += swept
        return removed


Item = TypeVar("Item", Proposal, Comment, StatusDecision)


def _item_names(folder: Path) -> list[str]:
    """The names of the item files in `folder`, sorted (none if there is no folder)."""
    if not folder.is_dir():
        return []
    return sorted(entry.name for entry in os.scandir(folder)
                  if entry.name.endswith(".txt") and not entry.name.startswith("."))


def _proposal_at(path: str, name: str) -> Proposal:
    return _named_as(parse_proposal(files.read_text(path), path), path, name)


def _named(item: Item, path: Path) -> Item:
    return _named_as(item, str(path), path.name)


def _named_as(item: Item, path: str, name: str) -> Item:
    """`item`, read from the file `name` at `path`; refused if its id is not the name's."""
    if item.id != name.removesuffix(".txt"):
        raise FormatError(path, 2, f"id {item.id} does not match the file's name {name}")
    return item


def _revision_files(folder: Path) -> list[tuple[Path, tuple[str, int, int, int]]]:
    """The revision files, each with what tells whether it changed (name, modification
    time, size, inode): their headers are read again only when that changes."""
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.endswith(".txt") and not entry.name.startswith("."):
            stat = entry.stat()
            found.append((Path(entry.path),
                          (entry.name, stat.st_mtime_ns, stat.st_size, stat.st_ino)))
    return found


def _entry(path: Path) -> RevisionEntry:
    """A revision file's header alone, read without parsing the text below it."""
    header = grammar.normalise(files.read_header(path)).split("\n\n", 1)[0] + "\n"
    read = grammar.read(header, str(path), KIND, versions=(VERSION,), keys=HEADER_KEYS)
    name = read.require("name")
    if name != path.stem:
        raise FormatError(str(path), read.line_of("name"), f"name {name!r} does not match the "
                                                           f"file's name")
    try:
        date = dt.date.fromisoformat(read.require("date"))
    except ValueError:
        raise FormatError(str(path), read.line_of("date"), "date is not YYYY-MM-DD") from None
    return RevisionEntry(name, date, read.header.get("parent") or None,
                         read.require("issued-by"), path)


def _in_order(entries: dict[str, RevisionEntry]) -> list[RevisionEntry]:
    """Parents before children; among revisions ready at once, the earliest date first."""
    ordered: list[RevisionEntry] = []
    done: set[str] = set()
    waiting = sorted(entries.values(), key=lambda e: (e.date, e.name))
    while waiting:
        ready = next((e for e in waiting if e.parent is None or e.parent in done), None)
        if ready is None:
            cycle = ", ".join(e.name for e in waiting)
            raise FormatError(str(waiting[0].path), 1, f"circular parents among revisions "
                                                       f"{cycle}")
        ordered.append(ready)
        done.add(ready.name)
        waiting.remove(ready)
    return ordered
