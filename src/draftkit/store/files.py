"""Safe file primitives: atomic writes, exclusive creation, a per-folder lock."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
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


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
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
    _sync_folder(path.parent)


def create_exclusive(path: Path, text: str) -> bool:
    """Create `path` with `text` unless it exists; False if it did. Never half-written."""
    temporary = _write_temporary(path.parent, text.encode("utf-8"))
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    _sync_folder(path.parent)
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
