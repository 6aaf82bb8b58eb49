from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from draftkit.api import Drafts, open_drafts
from draftkit.labels import Label
from draftkit.model import Document, DocumentKind, Paragraph, Revision, Section, Status
from draftkit.store.files import write_atomic
from draftkit.store.registry_format import Manifest, format_manifest

# Speed lives in bench/, not in tests: no per-example deadline, so a slow CI
# machine never fails a property for taking its time.
settings.register_profile("draftkit", deadline=None, print_blob=True)
settings.load_profile("draftkit")

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "drafts"


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
    """A copy of the shipped drafts folder, for tests that write."""
    root = tmp_path / "drafts"
    shutil.copytree(SHIPPED, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (but the lock file): to show that nothing was written."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".draftkit.lock"}


@pytest.fixture
def empty_store(tmp_path: Path) -> Drafts:
    """A drafts folder with one document, test-doc, and no revisions."""
    root = tmp_path / "drafts"
    (root / "test-doc").mkdir(parents=True)
    write_atomic(root / "parties.txt",
                 "draftkit parties 1\n\nNOR | state | Norway\nCHL | state | Chile\n")
    write_atomic(root / "test-doc" / "document.txt", format_manifest(
        Manifest(Document("test-doc", "Test declaration", DocumentKind.DECLARATION))))
    return open_drafts(root)


@pytest.fixture(autouse=True)
def _no_drafts_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTKIT_DRAFTS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    os.environ.pop("FORCE_COLOR", None)
