from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

from draftkit.api import Drafts, open_drafts
from draftkit.cli import cli
from draftkit.labels import Label
from draftkit.model import Document, DocumentKind, Paragraph, Revision, Section, Status
from draftkit.store.registry_format import format_document

# Speed lives in bench/, not in tests: no per-example deadline, so a slow CI
# machine never fails a property for taking its time.
settings.register_profile("draftkit", deadline=None, print_blob=True)
settings.load_profile("draftkit")

REPO = Path(__file__).resolve().parent.parent
# The sample drafts shipped to users: real drafts of 2010 (tests/test_sample_drafts.py).
SHIPPED = REPO / "drafts"
# The tests' own drafts folder: the sample drafts with hostile text planted in them (brackets
# that look like markup, "[EU: delete]", Lao and Arabic script, an accented name) and the
# statuses, items and ids that the tests below rely on. Never shipped; tests copy it to write.
FIXTURE = REPO / "tests" / "data" / "drafts"


def make_revision(texts: list[tuple[str, str | None, str]], name: str = "zero-draft",
                  parent: str | None = None, document: str = "test-doc") -> Revision:
    """A one-section revision from (id, label, text) triples."""
    paragraphs = tuple(Paragraph(pid, Label.parse(label) if label else None, text, Status.OPEN)
                       for pid, label, text in texts)
    return Revision(document=document, name=name, date=dt.date(2010, 6, 1),
                    issued_by="Presidency", parent=parent,
                    sections=(Section("sec001", "I", "Operative part", paragraphs),))


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the tests' drafts folder (FIXTURE), for tests that write."""
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped sample drafts folder, for tests that write."""
    root = tmp_path / "shipped" / "drafts"
    shutil.copytree(SHIPPED, root)
    return root


@pytest.fixture
def bare(shipped: Path) -> Path:
    """The shipped sample drafts without the reporting formats' shipped proposals and
    comments (tests/test_cell_proposals.py, tests/test_table_rows.py)."""
    for kind in ("proposals", "comments"):
        for item in (shipped / "reporting-formats" / kind).glob("*.txt"):
            item.unlink()
    return shipped


def run_cli(drafts: Path, *args: str) -> tuple[int, str]:
    """draftkit's CLI run on the drafts folder `drafts`: its exit status and output."""
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    return result.exit_code, result.output


def run_split(drafts: Path, *args: str) -> tuple[int, str, str]:
    """draftkit's CLI run on `drafts`: its exit status, standard output and error."""
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    return result.exit_code, result.stdout, result.stderr


def run_strict(drafts: Path, *args: str) -> tuple[int, str, str]:
    """`run_split`, but a crash (anything but an exit) raises: the test shows the traceback."""
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def refused_in_one_line(drafts: Path, said: str, *args: str) -> None:
    """The command run on `drafts` exits 2 with one line that says `said`, and writes
    nothing."""
    before = snapshot(drafts)
    code, out = run_cli(drafts, *args)
    assert code == 2 and said in out and out.count("\n") == 1, out
    assert snapshot(drafts) == before


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (but draftkit's working folders, which git ignores): to
    show that nothing was written."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".draftkit" not in p.relative_to(root).parts}


def new_store(root: Path, kind: DocumentKind = DocumentKind.DECLARATION) -> Drafts:
    """A drafts folder at `root` with one document, test-doc, and no revisions."""
    (root / "test-doc").mkdir(parents=True)
    (root / "parties.txt").write_text(
        "draftkit parties 2\n\n@party NOR | state | Norway\n@party CHL | state | Chile\n",
        encoding="utf-8")
    (root / "test-doc" / "document.txt").write_text(format_document(
        Document("test-doc", "Test declaration", kind)), encoding="utf-8")
    return open_drafts(root)


@pytest.fixture
def empty_store(tmp_path: Path) -> Drafts:
    """A drafts folder with one document, test-doc, and no revisions."""
    return new_store(tmp_path / "drafts")


@pytest.fixture(autouse=True)
def _no_drafts_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTKIT_DRAFTS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    os.environ.pop("FORCE_COLOR", None)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A LibreOffice started for one test module (test_docx_libreoffice.Office)."""
    from test_docx_libreoffice import Office

    running = Office(tmp_path_factory.mktemp("libreoffice"))
    try:
        yield running
    finally:
        running.stop()
