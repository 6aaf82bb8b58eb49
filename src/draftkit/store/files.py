"""Safe file primitives: one commit point per write, whatever kills the process.

Every folder that draftkit writes in (the drafts folder, each document's
folder) has a working folder `.draftkit/` that git ignores: `lock` (held by
the one process writing there), `tmp/` (files being written; whatever a
killed process left there is removed by the next write) and `commit/` (a
batch of files committed together, moved into place by the writer or, if it
was killed, by the next process to look).

A single file is replaced by one rename or created by one link; a batch of
files becomes visible by one rename of its folder into `commit/`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from draftkit.errors import DraftkitError, FormatError

if TYPE_CHECKING:
    from filelock import BaseFileLock

WORKING = ".draftkit"
_IGNORE_ALL = "# draftkit's lock and unfinished writes\n*\n"
_BINARY = getattr(os, "O_BINARY", 0)
_LOCKS: dict[str, BaseFileLock] = {}


def read_text(path: Path | str) -> str:
    """A file's text; invalid UTF-8 is reported with the line it sits on."""
    return decode(read_bytes(path), path)


def read_header(path: Path, size: int = 4096) -> str:
    """A file's text up to its first blank line (or all of it): a revision's header,
    read without reading the text below it."""
    try:
        with open(path, "rb") as stream:
            data = b""
            while b"\n\n" not in data.replace(b"\r\n", b"\n"):
                chunk = stream.read(size)
                if not chunk:
                    break
                data += chunk
    except OSError as error:
        raise DraftkitError(f"{path}: {error.strerror}") from None
    normal = data.replace(b"\r\n", b"\n")
    cut = normal.find(b"\n\n")
    return decode(normal[:cut + 2] if cut >= 0 else data, path)


def read_bytes(path: Path | str) -> bytes:
    # By the file descriptor, sized by fstat: a third of the time of Path.read_bytes,
    # which counts when a merge reads ten thousand small proposal files. A first read
    # that brings the size fstat gave is the whole file, without a second read to hear
    # its end; one that brings less (interrupted) or more (grown since) reads on.
    try:
        descriptor = os.open(path, os.O_RDONLY | _BINARY)
        try:
            size = os.fstat(descriptor).st_size
            chunks = [os.read(descriptor, size + 1)]
            if len(chunks[0]) != size:
                while chunk := os.read(descriptor, 1 << 20):
                    chunks.append(chunk)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise DraftkitError(f"{path}: no such file") from None
    except OSError as error:
        raise DraftkitError(f"{path}: {error.strerror}") from None
    return b"".join(chunks)


def decode(data: bytes, path: Path | str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FormatError(str(path), line, "invalid UTF-8") from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def working(folder: Path, part: str) -> Path:
    """A part of a folder's working folder: `lock`, `tmp` or `commit`."""
    return folder / WORKING / part


def _prepared(folder: Path, part: str) -> Path:
    """A part of `folder`'s working folder, its folders made if need be. The working
    folder ignores itself (its `.gitignore` says `*`): git never sees it, whatever the
    repository's own ignore rules."""
    root = folder / WORKING
    ignore = root / ".gitignore"
    while not root.is_dir():  # made whole elsewhere, with its .gitignore, then renamed in
        staging = folder / f"{WORKING}.{secrets.token_hex(4)}"
        try:
            staging.mkdir(parents=True)
            (staging / ".gitignore").write_text(_IGNORE_ALL, encoding="utf-8")
            os.rename(staging, root)
        except FileNotFoundError:  # a writer holding the lock swept it as debris: again
            continue
        except OSError:  # another process made it first
            shutil.rmtree(staging, ignore_errors=True)
    while not ignore.is_file():  # a folder made by an older draftkit, or swept staging
        root.mkdir(parents=True, exist_ok=True)
        temporary = root / f".gitignore.{secrets.token_hex(4)}"
        try:
            temporary.write_text(_IGNORE_ALL, encoding="utf-8")
            os.replace(temporary, ignore)
        except FileNotFoundError:  # a writer holding the lock swept it as debris: again
            continue
    if part != "lock":
        (root / part).mkdir(exist_ok=True)
    return root / part


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk (folders: where the system allows)."""
    if path.is_dir() and os.name == "nt":
        return
    handle = os.open(path, os.O_RDONLY | _BINARY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _temporary(folder: Path, data: bytes) -> Path:
    """A new file in `folder`'s tmp/, flushed to disk; readable like any the user writes."""
    path = _prepared(folder, "tmp") / secrets.token_hex(8)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    return path


def write_atomic(folder: Path, path: Path, data: bytes) -> None:
    """Replace `path` (inside `folder`, whose lock the caller holds) by one rename."""
    temporary = _temporary(folder, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, path)
    fsync_path(path.parent)


def write_output(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write a file outside the store (an -o FILE), whole or in pieces, all at once:
    readers see the old file or the new one, never half of it."""
    path = path.resolve()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.writelines([data] if isinstance(data, bytes) else data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


SITE_MARK = ".draftkit-site"


def write_tree(target: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write a folder of files outside the store (`publish`'s site) as one: it is staged
    beside `target` and renamed into place, so readers see the old folder or the new
    one, never a half-written one. A folder already at `target` is replaced only if it
    is empty or a previous `write_tree` made it (it holds SITE_MARK), else refused
    before anything is written; the old one goes by one rename just before the new one
    comes (a kill between the two leaves both beside `target`, as .NAME.*.old and
    .NAME.*.tmp). `files` are (path relative to the folder, data)."""
    target = target.resolve()
    if target.exists() and not (target.is_dir() and (
            (target / SITE_MARK).is_file() or not any(target.iterdir()))):
        raise DraftkitError(f"{target} exists and is not a site draftkit wrote; choose a "
                            f"new folder, or remove it first")
    target.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    staging = target.with_name(f".{target.name}.{token}.tmp")
    old = target.with_name(f".{target.name}.{token}.old")
    try:
        _stage(staging, target, [(target / name, data) for name, data in
                                 [*files, (SITE_MARK, b"draftkit publish\n")]])
        if target.exists():
            os.rename(target, old)
        os.rename(staging, target)  # the commit point
        fsync_path(target.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def create_exclusive(folder: Path, path: Path, data: bytes) -> bool:
    """Create `path` by one link unless it exists; False if it did. Never half-written."""
    temporary = _temporary(folder, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    fsync_path(path.parent)
    return True


def _stage(staging: Path, base: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Write `files` (paths inside `base`) at the same places inside the new folder
    `staging`, each file and folder flushed to disk."""
    staging.mkdir(exist_ok=True)
    for path, data in files:
        staged = staging / path.relative_to(base)
        staged.parent.mkdir(parents=True, exist_ok=True)
        with open(staged, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    for part in {staging / p.relative_to(base).parent for p, _ in files} | {staging}:
        fsync_path(part)


def create_folder(folder: Path, target: Path, files: Sequence[tuple[Path, bytes]]) -> bool:
    """Create the new folder `target` inside `folder` (whose lock the caller holds) with
    its files, by one rename of a folder staged in tmp/: it appears whole or not at
    all. False if `target` exists (even empty), and nothing is written."""
    if target.exists() or target.is_symlink():
        return False
    staging = _prepared(folder, "tmp") / f"folder-{secrets.token_hex(8)}"
    _stage(staging, target, files)
    try:
        os.rename(staging, target)  # the commit point
    except OSError:
        if not target.exists():
            raise
        shutil.rmtree(staging)
        return False
    fsync_path(folder)
    return True


def commit_batch(folder: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Write many files inside `folder` (whose lock the caller holds) as one: they are
    staged in tmp/, the staging folder is renamed into commit/ (the commit point),
    then each file is moved into place."""
    if not files:
        return
    staging = _prepared(folder, "tmp") / f"batch-{secrets.token_hex(8)}"
    _stage(staging, folder, files)
    committed = _prepared(folder, "commit")
    os.rename(staging, committed / staging.name)
    fsync_path(committed)
    roll_forward(folder)


def pending(folder: Path) -> bool:
    """Whether a committed batch has yet to be moved into place."""
    return working(folder, "commit").is_dir()


def roll_forward(folder: Path) -> None:
    """Move every committed batch's files into place (the caller holds the lock)."""
    committed = working(folder, "commit")
    if not committed.is_dir():
        return
    for batch in sorted(committed.iterdir()):
        moved = set()
        for source in sorted(p for p in batch.rglob("*") if p.is_file()):
            target = folder / source.relative_to(batch)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved.add(target.parent)
        for parent in moved:
            fsync_path(parent)
        shutil.rmtree(batch)
    committed.rmdir()


def sweep(folder: Path) -> list[Path]:
    """Remove what killed writers left in `folder`'s tmp/ (the caller holds the lock).
    A staging folder or `.gitignore` made outside the lock may vanish meanwhile: its
    maker, having lost the race to put it in place, removes it too."""
    removed = debris(folder)
    for path in removed:
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
    return removed


def debris(folder: Path) -> list[Path]:
    """What killed writers left in `folder`'s working folder: files half-written in tmp/,
    a `.gitignore` never put in place, a working folder never renamed into place."""
    scratch = working(folder, "tmp")
    found = sorted(scratch.iterdir()) if scratch.is_dir() else []
    return found + sorted((folder / WORKING).glob(".gitignore.*")) + \
        sorted(folder.glob(f"{WORKING}.*"))


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[list[Path]]:
    """Hold `folder`'s lock, so two draftkit processes never interleave writes there.

    On taking it, a batch that a killed writer committed is moved into place and
    the files it left half-written are removed (and listed, as the context's
    value). Re-entrant within a process.
    """
    lock = _lock_for(folder)
    with lock:
        removed = []
        if lock.lock_counter == 1:
            roll_forward(folder)
            removed = sweep(folder)
        yield removed


def _lock_for(folder: Path) -> BaseFileLock:
    from filelock import FileLock  # portable (fcntl or msvcrt); loaded only to write

    path = _prepared(folder, "lock")
    key = str(path.resolve())
    if key not in _LOCKS:
        _LOCKS[key] = FileLock(key)
    return _LOCKS[key]
