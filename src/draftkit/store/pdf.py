"""A Word file as PDF, through LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice is not a dependency: where it is not installed, `--format pdf` is
refused with one line saying so. Each conversion runs in a temporary folder
with its own LibreOffice profile, so it neither waits for nor disturbs an
office already running (two conversions at once each get their own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from draftkit.errors import DraftkitError

TIMEOUT = 180  # seconds: a first start of LibreOffice builds its profile


def office() -> str | None:
    """The LibreOffice program (`soffice`, else `libreoffice`) on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF LibreOffice makes of a .docx; DraftkitError when it is not installed or
    fails."""
    program = office()
    if program is None:
        raise DraftkitError("--format pdf needs LibreOffice (soffice) on PATH; it is not "
                            "installed here (use --format docx, or install LibreOffice)")
    with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(work), str(source)],
                capture_output=True, timeout=TIMEOUT, check=False,
                env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            raise DraftkitError(f"LibreOffice did not convert to PDF within {TIMEOUT} s"
                                ) from None
        except OSError as error:
            raise DraftkitError(f"LibreOffice could not be run ({program}): {error}") from None
        made = work / "document.pdf"
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            last = said.splitlines()[-1] if said else f"exit status {done.returncode}"
            raise DraftkitError(f"LibreOffice did not convert to PDF: {last}")
        return made.read_bytes()
