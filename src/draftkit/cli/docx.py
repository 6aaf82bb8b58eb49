"""Word files: writing a .docx (for `export`, `diff`, `merge`) and `draftkit import`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click


def write_docx_file(data: bytes, output: Path | None) -> None:
    """Write .docx bytes to `output` all at once; a .docx is binary, so never to stdout."""
    if output is None:
        raise click.UsageError("--format docx needs -o FILE (a .docx is a binary file)")
    folder = output.resolve().parent
    handle, name = tempfile.mkstemp(dir=folder, prefix=".draftkit-tmp-", suffix=".docx")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, output)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
