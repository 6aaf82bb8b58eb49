"""Starting and growing a drafts folder: `init`, a new document, the parties registry.

A drafts folder is a folder holding `parties.txt` (the registry, which `init`
writes) or at least one document folder; any other folder is refused, never
shown as an empty store. Each write here holds the drafts folder's lock
(`<root>/.draftkit/lock`) and has one commit point:

- `init`: `.gitattributes` and `.gitignore` are written first, then
  `parties.txt`, the marker, by one link: a kill before it leaves a folder
  that is not yet a drafts folder, and running `init` again finishes it.
- a new document: its folder (`document.txt` and its first revision) is
  staged in `.draftkit/tmp/` and appears by one rename.
- the registry: `parties.txt` is replaced by one rename.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from draftkit.errors import DraftkitError
from draftkit.keys import SigningKey
from draftkit.model import Document, Party, Revision
from draftkit.store import files
from draftkit.store.registry_format import format_document, format_parties, parse_registry
from draftkit.store.revision_format import format_revision_file

PARTIES = "parties.txt"
GITATTRIBUTES = """\
# Proposals and comments only ever get lines appended (events, replies,
# dispositions): git's union merge keeps both sides' lines, so two people
# supporting or replying in parallel never conflict and nothing is lost.
*/proposals/*.txt merge=union
*/comments/*.txt merge=union
# Parties added on two clones are both kept; the same party changed on both
# is then listed twice, which every command reports (draftkit check).
/parties.txt merge=union
"""
GITIGNORE = """\
# draftkit's working folders: locks and unfinished writes
.draftkit/
"""
_MAGIC = b"draftkit parties"


def is_drafts_folder(path: Path) -> bool:
    """Whether `path` is a drafts folder: it holds parties.txt or a document folder."""
    if not path.is_dir():
        return False
    if (path / PARTIES).is_file():
        return True
    return any((entry / "document.txt").is_file() for entry in path.iterdir()
               if entry.is_dir() and not entry.name.startswith("."))


def has_marker(path: Path) -> bool:
    """Whether `path` holds a parties.txt that draftkit wrote (its magic line): how a
    drafts folder is recognised when looking upwards from where you stand."""
    try:
        with open(path / PARTIES, "rb") as stream:
            start = stream.read(len(_MAGIC) + 3)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").startswith(_MAGIC)


def not_a_drafts_folder(path: Path) -> DraftkitError:
    """The one-line refusal of a folder that is not a drafts folder."""
    if not path.exists():
        return DraftkitError(f"{path}: no such folder (start a drafts folder there with "
                             f"`draftkit init {path}`)")
    if not path.is_dir():
        return DraftkitError(f"{path}: not a folder, so not a drafts folder")
    return DraftkitError(f"{path}: not a drafts folder (no {PARTIES}, no documents); start "
                         f"one with `draftkit init {path}`")


def init_folder(path: Path) -> list[Path]:
    """Make `path` (made if need be) a drafts folder: `.gitattributes`, `.gitignore` and
    an empty `parties.txt`. Refused for a drafts folder, and where a `.gitattributes` or
    `.gitignore` other than draftkit's is in the way. Returns the files written."""
    if is_drafts_folder(path):
        raise DraftkitError(f"{path} is a drafts folder already")
    if path.exists() and not path.is_dir():
        raise DraftkitError(f"{path}: not a folder")
    wanted = {path / ".gitattributes": GITATTRIBUTES.encode("utf-8"),
              path / ".gitignore": GITIGNORE.encode("utf-8")}
    for target, data in wanted.items():
        if target.exists() and (not target.is_file() or target.read_bytes() != data):
            raise DraftkitError(f"{target} exists; draftkit init writes its own (move it "
                                f"aside, or start the drafts folder in another folder)")
    path.mkdir(parents=True, exist_ok=True)
    written = []
    with files.locked(path):
        if is_drafts_folder(path):
            raise DraftkitError(f"{path} is a drafts folder already")
        for target, data in wanted.items():
            if not target.exists():
                files.write_atomic(path, target, data)
                written.append(target)
        registry = path / PARTIES
        if not files.create_exclusive(path, registry, format_parties({}).encode("utf-8")):
            raise DraftkitError(f"{path} is a drafts folder already")
        written.append(registry)
    return written


def create_document(root: Path, document: Document, revision: Revision) -> Path:
    """Create a document's folder with its `document.txt` and first revision, as one
    commit: the folder appears whole, by one rename, or not at all."""
    folder = root / document.id
    with files.locked(root):
        if folder.exists() or folder.is_symlink():
            raise DraftkitError(f"{folder} exists already: choose another document id")
        contents = [
            (folder / "document.txt", format_document(document).encode("utf-8")),
            (folder / "revisions" / f"{revision.name}.txt",
             format_revision_file(revision).encode("utf-8"))]
        if not files.create_folder(root, folder, contents):
            raise DraftkitError(f"{folder} appeared while it was being created")
    return folder


Keys = tuple[SigningKey, ...]


def update_parties(root: Path, change: Callable[[dict[str, Party]], dict[str, Party]]
                   ) -> dict[str, Party]:
    """Read the registry, change its parties and write it back by one rename, all under
    the drafts folder's lock; `change` raises to refuse (nothing is written)."""
    return update_registry(root, lambda parties, keys: (change(parties), keys))[0]


def update_keys(root: Path, change: Callable[[dict[str, Party], Keys], Keys]) -> Keys:
    """Read the registry, change its signing keys and write it back by one rename, under
    the drafts folder's lock; `change` raises to refuse (nothing is written)."""
    return update_registry(root, lambda parties, keys: (parties, change(parties, keys)))[1]


def update_registry(root: Path, change: Callable[[dict[str, Party], Keys],
                                                 tuple[dict[str, Party], Keys]]
                    ) -> tuple[dict[str, Party], Keys]:
    path = root / PARTIES
    with files.locked(root):
        current = parse_registry(files.read_text(path), str(path)) if path.is_file() \
            else ({}, ())
        parties, keys = change(dict(current[0]), current[1])
        files.write_atomic(root, path, format_parties(parties, keys).encode("utf-8"))
    return parties, keys


def git_program() -> str:
    """The git program; DraftkitError if it is not installed."""
    found = shutil.which("git")
    if found is None:
        raise DraftkitError("git is not installed (or not on PATH): install it, or leave "
                            "out --git")
    return found


def git_repository(path: Path) -> Path | None:
    """The top of the git work tree that `path` (or, if it does not exist yet, the
    nearest folder above it) is in; None if it is in none."""
    import subprocess  # only when asked: importing draftkit loads no more than it needs

    existing = path.absolute()
    while not existing.is_dir():
        existing = existing.parent
    done = subprocess.run([git_program(), "-C", str(existing), "rev-parse", "--show-toplevel"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def git_init(path: Path) -> None:
    """`git init` in `path`; DraftkitError with git's own words if it fails."""
    import subprocess

    done = subprocess.run([git_program(), "init", "--quiet", str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        raise DraftkitError(f"{path}: the drafts folder is made, but git init failed: {said}")
