"""Safe file primitives: atomic writes, exclusive creation, a per-folder lock."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from draftkit.errors import DraftkitError, FormatError


def read_text(path: Path) -> str:
    """A file's text; invalid UTF-8 is reported with the line it sits on."""
    data = read_bytes(path)
    return decode(data, path)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DraftkitError(f"{path}: no such file") from None
    except OSError as error:
        raise DraftkitError(f"{path}: {error.strerror}") from None


def decode(data: bytes, path: Path | str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FormatError(str(path), line, "invalid UTF-8") from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _write_temporary(folder: Path, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".draftkit-tmp-")
    os.fchmod(handle, 0o666 & ~_UMASK)  # mkstemp's 0600 would hide shared drafts
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def fsync_path(path: Path) -> None:
    """Flush a file or folder (its entries) to disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once: readers see the old or the new file."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    temporary = _write_temporary(path.parent, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def create_exclusive(path: Path, text: str) -> bool:
    """Create `path` with `text` unless it exists; False if it did. Never half-written."""
    temporary = _write_temporary(path.parent, text.encode("utf-8"))
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    fsync_path(path.parent)
    return True


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock, so two draftkit processes never interleave writes."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".draftkit.lock", "a") as stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


def replace_many(changes: list[tuple[Path, str, str]], replaced: list[tuple[Path, str]]) -> None:
    """Replace many files (path, old text, new text), each atomically: a merge marks
    thousands of proposals incorporated. The new files are flushed to disk by a
    pool of threads (the file system commits their flushes together) before any
    is renamed into place, and each folder once after. Appends (path, old text)
    to `replaced` as each one is replaced."""
    temporaries: list[tuple[Path, Path, str]] = []
    try:
        for path, old, new in changes:
            temporary = path.with_name(f".draftkit-tmp-{secrets.token_hex(8)}")
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temporaries.append((temporary, path, old))
            with os.fdopen(handle, "wb") as stream:
                stream.write(new.encode("utf-8"))
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(fsync_path, [temporary for temporary, _, _ in temporaries]))
        for temporary, path, old in temporaries:
            os.replace(temporary, path)
            replaced.append((path, old))
    finally:
        for temporary, _, _ in temporaries:
            temporary.unlink(missing_ok=True)
    for folder in {path.parent for path, _, _ in changes}:
        fsync_path(folder)
