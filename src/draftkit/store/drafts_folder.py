"""The drafts folder on disk: documents, their recorded revisions, parties and items.

Layout (see docs/store-format.md):

    <root>/parties.txt
    <root>/<document>/document.txt
    <root>/<document>/revisions/<name>.txt
    <root>/<document>/proposals/<ID>.txt
    <root>/<document>/comments/<ID>.txt
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path

from draftkit.errors import DraftkitError, NotFoundError, TamperedError
from draftkit.model import Party, Revision
from draftkit.store import files
from draftkit.store.registry_format import (
    Manifest,
    RecordedRevision,
    format_manifest,
    parse_manifest,
    parse_parties,
)
from draftkit.store.revision_format import format_revision, parse_revision

ENVIRONMENT_VARIABLE = "DRAFTKIT_DRAFTS"
ITEM_KINDS = ("proposals", "comments")


def find_drafts_folder(explicit: str | os.PathLike[str] | None = None,
                       start: Path | None = None) -> Path:
    """The drafts folder: the one given, else $DRAFTKIT_DRAFTS, else the nearest
    `drafts/` from `start` (the working directory) upwards."""
    chosen = explicit or os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not path.is_dir():
            raise DraftkitError(f"{path}: not a drafts folder (no such directory)")
        return path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "drafts").is_dir():
            return folder / "drafts"
        if folder.name == "drafts" and (folder / "parties.txt").is_file():
            return folder
    raise DraftkitError(f"no drafts/ folder in {here} or above; pass --drafts DIR "
                        f"or set {ENVIRONMENT_VARIABLE}")


class DraftsFolder:
    """Reads and writes one drafts folder; every write is atomic and locked."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # documents and revisions

    def document_ids(self) -> list[str]:
        return sorted(entry.name for entry in self.root.iterdir()
                      if (entry / "document.txt").is_file())

    def _document_folder(self, document_id: str) -> Path:
        folder = self.root / document_id
        if "/" in document_id or document_id.startswith(".") or \
                not (folder / "document.txt").is_file():
            known = ", ".join(self.document_ids()) or "none"
            raise NotFoundError(f"unknown document {document_id!r} (known: {known})")
        return folder

    def manifest(self, document_id: str) -> Manifest:
        path = self._document_folder(document_id) / "document.txt"
        manifest = parse_manifest(files.read_text(path), str(path))
        if manifest.document.id != document_id:
            raise DraftkitError(f"{path}:2: id {manifest.document.id!r} does not match "
                                f"its folder {document_id!r}")
        return manifest

    def revision_path(self, document_id: str, name: str) -> Path:
        return self._document_folder(document_id) / "revisions" / f"{name}.txt"

    def revision(self, document_id: str, name: str) -> Revision:
        """A recorded revision, refused if its file changed since it was recorded."""
        recorded = {r.name: r for r in self.manifest(document_id).revisions}
        if name not in recorded:
            known = ", ".join(recorded) or "none"
            raise NotFoundError(f"{document_id} has no revision {name!r} (recorded: {known})")
        path = self.revision_path(document_id, name)
        data = files.read_bytes(path)
        if files.sha256(data) != recorded[name].sha256:
            raise TamperedError(
                f"{path}: changed after it was recorded (its sha256 no longer matches "
                f"document.txt); recorded revisions are never rewritten: restore the file, "
                f"and record changes as a new revision")
        parsed = parse_revision(files.decode(data, path), str(path))
        revision = parsed.to_revision(str(path))
        if (revision.document, revision.name) != (document_id, name):
            raise DraftkitError(f"{path}:2: says it is {revision.document}/{revision.name}")
        return revision

    def record_revision(self, revision: Revision, provenance: str | None = None,
                        updates: Mapping[tuple[str, str], Callable[[str], str]] | None = None,
                        ) -> Path:
        """Write a new revision and list it in document.txt; never overwrite one.

        A merge also writes the revision's provenance beside it and changes the
        items it names in `updates` ((kind, id) → new text from the current
        one): all under the document's lock, document.txt last, and every step
        undone if any fails, so no one sees half a merge.
        """
        folder = self._document_folder(revision.document)
        created: list[Path] = []
        replaced: list[tuple[Path, str]] = []
        with files.locked(folder):
            manifest = self.manifest(revision.document)
            if revision.name in manifest.names():
                raise DraftkitError(f"{revision.document} already has a revision "
                                    f"{revision.name!r}; recorded revisions are never rewritten")
            if revision.parent is not None and revision.parent not in manifest.names():
                raise NotFoundError(f"parent revision {revision.parent!r} is not recorded")
            text = format_revision(revision)
            path = folder / "revisions" / f"{revision.name}.txt"
            extra = [] if provenance is None else \
                [(self.provenance_path(revision.document, revision.name), provenance)]
            try:
                for target, content in [(path, text), *extra]:
                    if not files.create_exclusive(target, content):
                        raise DraftkitError(f"{target} exists but is not recorded in "
                                            f"document.txt; move it away first")
                    created.append(target)
                changed = []
                for (kind, item_id), change in (updates or {}).items():
                    item = folder / kind / f"{item_id}.txt"
                    old = files.read_text(item)
                    changed.append((item, old, change(old)))
                files.replace_many(changed, replaced)
                entry = RecordedRevision(revision.name, files.sha256(text.encode("utf-8")))
                files.write_atomic(folder / "document.txt", format_manifest(
                    Manifest(manifest.document, (*manifest.revisions, entry))))
            except BaseException:
                for item, old in reversed(replaced):
                    files.write_atomic(item, old)
                for target in created:
                    target.unlink()
                raise
        return path

    def provenance_path(self, document_id: str, name: str) -> Path:
        return self._document_folder(document_id) / "revisions" / f"{name}.provenance.txt"

    def read_provenance(self, document_id: str, name: str) -> str | None:
        """A revision's provenance file, if a merge wrote one."""
        path = self.provenance_path(document_id, name)
        return files.read_text(path) if path.is_file() else None

    # parties

    def parties(self) -> dict[str, Party]:
        path = self.root / "parties.txt"
        if not path.is_file():
            return {}
        return parse_parties(files.read_text(path), str(path))

    # items: one file each, so parallel contributions never touch the same path

    def item_folder(self, document_id: str, kind: str) -> Path:
        assert kind in ITEM_KINDS
        return self._document_folder(document_id) / kind

    def item_files(self, document_id: str, kind: str) -> list[Path]:
        folder = self.item_folder(document_id, kind)
        if not folder.is_dir():
            return []
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.endswith(".txt") and not entry.name.startswith("."))
        return [folder / name for name in names]

    def read_item(self, path: Path) -> str:
        return files.read_text(path)

    def create_item(self, document_id: str, kind: str, item_id: str, text: str) -> bool:
        """Create an item file; False if that id is taken (the caller picks another)."""
        return files.create_exclusive(self.item_folder(document_id, kind) / f"{item_id}.txt", text)

    def replace_item(self, document_id: str, kind: str, item_id: str, text: str) -> None:
        path = self.item_folder(document_id, kind) / f"{item_id}.txt"
        if not path.is_file():
            raise NotFoundError(f"no {kind[:-1]} {item_id} in {document_id}")
        files.write_atomic(path, text)

    def lock(self, document_id: str) -> AbstractContextManager[None]:
        return files.locked(self._document_folder(document_id))
