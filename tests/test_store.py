from __future__ import annotations

import datetime as dt
import multiprocessing
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import make_revision, new_store
from draftkit.api import Drafts, open_drafts
from draftkit.errors import DraftkitError, FormatError, TamperedError
from draftkit.model import Revision
from draftkit.store.files import create_exclusive
from draftkit.store.revision_format import (
    format_revision,
    format_revision_file,
    parse_revision,
)
from strategies import revisions


@given(revisions())
def test_revision_format_round_trips(revision: Revision) -> None:
    text = format_revision(revision)
    parsed = parse_revision(text, "x.txt").to_revision("x.txt")
    assert parsed == revision
    assert format_revision(parsed) == text


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(revisions())
def test_recorded_revision_loads_back_identically(tmp_path: Path, revision: Revision) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    drafts = new_store(root)
    revision = attrs.evolve(revision, parent=None)
    path = drafts.record(revision)
    assert open_drafts(root).revision("test-doc", revision.name) == revision
    assert path.read_bytes() == format_revision_file(revision).encode("utf-8")


def test_recorded_revisions_are_never_rewritten(empty_store: Drafts) -> None:
    revision = make_revision([("aaaaaa", "OP1", "Commit to the Convention.")])
    empty_store.record(revision)
    with pytest.raises(DraftkitError, match="never rewritten"):
        empty_store.record(attrs.evolve(revision, note="changed"))


def test_tampered_revision_is_refused(empty_store: Drafts) -> None:
    path = empty_store.record(make_revision([("aaaaaa", "OP1", "Commit to the Convention.")]))
    path.write_text(path.read_text().replace("Commit", "Decide"))
    with pytest.raises(TamperedError, match="changed after it was recorded"):
        open_drafts(empty_store.root).revision("test-doc", "zero-draft")


@pytest.mark.parametrize(("text", "line", "message"), [
    ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
     "@para aaaaaa | OP1 | open\nText\n", 7, "before any @section"),
    ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
     "@section s | - | H\n\n@para aaaaaa | OP1 | shaky\nText\n", 9, "unknown status"),
    ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
     "@section s | - | H\n\n@para aaaaaa | OP1 | open\nText\n\n@para bbbbbb | op 1 | open\n"
     "More\n", 12, "label OP1 used twice"),
    ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
     "@section s | - | H\n\n@para aaaaaa | OP1 | open\n\n", 10, "text of the @para"),
    ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
     "@section s | - | H\nstray text\n", 8, "expected a record line"),
    ("draftkit revision 2\nauthor: me\n", 2, "header field"),
    ("draftkit draft\n", 1, "first line"),
])
def test_malformed_revision_names_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError, match=message) as caught:
        parse_revision(text, "bad.txt")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"bad.txt:{line}:")


def test_invalid_utf8_names_its_line(empty_store: Drafts, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"draftkit revision 2\ndocument: test-doc\nname: r\n\xff\xfe\n")
    with pytest.raises(FormatError, match=r"bad.txt:4: invalid UTF-8"):
        empty_store.revise("test-doc", bad, name="rev9")


def _record(args: tuple[str, str]) -> str:
    root, name = args
    try:
        open_drafts(root).record(make_revision([("aaaaaa", "OP1", f"Text of {name}.")], name=name))
        return "ok"
    except DraftkitError as error:
        return str(error)


def test_parallel_records_all_land(empty_store: Drafts) -> None:
    names = [f"rev{i}" for i in range(1, 17)]
    with multiprocessing.get_context("fork").Pool(8) as pool:
        results = pool.map(_record, [(str(empty_store.root), n) for n in names])
    assert results == ["ok"] * 16
    drafts = open_drafts(empty_store.root)
    assert sorted(drafts.revision_names("test-doc")) == sorted(names)
    for name in names:
        assert drafts.revision("test-doc", name).paragraph_count() == 1


def test_exclusive_create_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "item.txt"
    assert create_exclusive(tmp_path, target, b"first")
    assert not create_exclusive(tmp_path, target, b"second")
    assert target.read_text() == "first"
    assert not list((tmp_path / ".draftkit" / "tmp").iterdir())


def test_revision_names_accept_display_forms(empty_store: Drafts) -> None:
    empty_store.record(make_revision([("aaaaaa", "OP1", "One.")], name="rev1"))
    assert empty_store.revision("test-doc", "Rev.1").name == "rev1"
    assert empty_store.revision("test-doc").date == dt.date(2010, 6, 1)


def test_git_never_sees_the_working_folder(tmp_path: Path) -> None:
    """A stand-alone drafts repository with no ignore rules of its own: after writes,
    git sees the new proposal and nothing of draftkit's lock or temporary files."""
    import shutil
    import subprocess

    from conftest import FIXTURE

    root = tmp_path / "negotiation"
    shutil.copytree(FIXTURE, root)
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "drafts"], check=True)
    drafts = open_drafts(root)
    made = drafts.propose("vientiane-action-plan", paragraph="Action 27", operation="delete",
                          quote="within one year", proposers=["NOR"])
    drafts.support(made.id, "CHL")
    (root / "vientiane-action-plan" / ".draftkit" / "tmp" / "leftover").write_text("x")
    # A kill between making the working folder and writing its .gitignore:
    (root / "political-declaration" / ".draftkit").mkdir()
    (root / "political-declaration" / ".draftkit" / "lock").write_text("")
    other = drafts.propose("political-declaration", paragraph="OP1", operation="retain",
                           proposers=["CHL"])
    subprocess.run([*git, "add", "-A"], check=True)
    status = subprocess.run([*git, "status", "--porcelain"], check=True, capture_output=True,
                            text=True).stdout
    assert status.splitlines() == [f"A  political-declaration/proposals/{other.id}.txt",
                                   f"A  vientiane-action-plan/proposals/{made.id}.txt"]
