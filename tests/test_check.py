"""`draftkit check`: clean on the shipped drafts, and catches each planted problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, SHIPPED, make_revision, new_store, snapshot
from draftkit.api import open_drafts
from draftkit.cli import cli

DOC = "vientiane-action-plan"
PROPOSAL = "NOR-y6bx"


def run(drafts: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), "check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("folder", [SHIPPED, FIXTURE], ids=["shipped", "fixture"])
def test_the_shipped_drafts_and_the_tests_drafts_are_clean(folder: Path) -> None:
    assert run(folder) == (0, "", "")
    assert run(folder, DOC) == (0, "", "")
    assert open_drafts(folder).check().clean


def test_an_unknown_document_is_a_usage_error(copy: Path) -> None:
    code, _, err = run(copy, "no-such-doc")
    assert code == 2 and "unknown document 'no-such-doc'" in err


def _proposal(copy: Path, name: str = PROPOSAL) -> Path:
    return copy / DOC / "proposals" / f"{name}.txt"


def _plant(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copied_proposal_file_is_a_duplicate_id_and_a_wrong_name(copy: Path) -> None:
    shutil.copy(_proposal(copy), _proposal(copy, "NOR-copy"))
    code, out, _ = run(copy)
    assert code == 1
    lines = out.splitlines()
    assert f"{_proposal(copy, 'NOR-copy')}: id {PROPOSAL} does not match the file's name" \
        in lines
    assert f"{_proposal(copy, 'NOR-copy')}: id {PROPOSAL} is also the id of " \
        f"{_proposal(copy)}" in lines
    assert len(lines) == 2


def test_the_same_id_in_two_documents(copy: Path) -> None:
    other = copy / "political-declaration" / "proposals" / f"{PROPOSAL}.txt"
    shutil.copy(_proposal(copy), other)
    code, out, _ = run(copy)
    assert code == 1
    assert f"{other}: says it belongs to {DOC}" in out
    assert "is also the id of" in out


def test_an_id_that_differs_from_its_file_name_is_refused_on_load(copy: Path) -> None:
    _plant(_proposal(copy), f"id: {PROPOSAL}", "id: NOR-zzzz")
    code, out, _ = run(copy)
    assert code == 1 and f"{_proposal(copy)}: id NOR-zzzz does not match" in out
    result = CliRunner().invoke(cli, ["--drafts", str(copy), "proposals", DOC])
    assert result.exit_code == 2
    assert f"{_proposal(copy)}:2: id NOR-zzzz does not match the file's name" in result.stderr


@pytest.mark.parametrize(("old", "new", "message"), [
    ("proposers: NOR", "proposers: NOR XYZ", "XYZ is named but is not in parties.txt"),
    ("| GBR | supported", "| ZZZ | supported", "ZZZ takes a position but is not in parties"),
    ("paragraph: dth0lz", "paragraph: nosuch", "targets paragraph nosuch, which is not in rev1"),
    ("revision: rev1", "revision: rev9", "written against revision 'rev9', which is not "
                                          "recorded"),
    ("| GBR | supported", "| GBR | applauded", "unknown action 'applauded' by GBR"),
    ("operation: replace", "operation: bogus", ":7: operation: 'bogus' is not a valid"),
])
def test_planted_problems_in_a_proposal(copy: Path, old: str, new: str, message: str) -> None:
    _plant(_proposal(copy), old, new)
    code, out, _ = run(copy, DOC)
    assert code == 1 and out.startswith(str(_proposal(copy)))
    assert message in out and len(out.splitlines()) == 1


def test_planted_problems_in_a_comment(copy: Path) -> None:
    path = copy / DOC / "comments" / "C-CMC-8m24.txt"
    _plant(path, "| DEU | Germany", "| QQQ | Germany")
    _plant(path, "paragraph: fvlft0", "paragraph: gone00")
    code, out, _ = run(copy)
    assert code == 1
    assert f"{path}: QQQ is named but is not in parties.txt" in out
    assert f"{path}: on paragraph gone00, which is not in rev1" in out


def test_a_tampered_revision_and_stray_files(copy: Path) -> None:
    rev1 = copy / DOC / "revisions" / "rev1.txt"
    _plant(rev1, "avoidance of duplication", "avoidance of all duplication")
    (copy / DOC / "revisions" / "rev1.txt.orig").write_text("old", encoding="utf-8")
    (copy / DOC / "proposals" / "notes.docx").write_bytes(b"PK")
    (copy / DOC / "minutes").mkdir()
    code, out, _ = run(copy)
    assert code == 1
    assert f"{rev1}: changed after it was recorded (its @sha256 seal no longer matches)" in out
    for stray in ("revisions/rev1.txt.orig", "proposals/notes.docx", "minutes"):
        assert f"{copy / DOC / stray}: not a draftkit file" in out


def test_circular_and_missing_parents(tmp_path: Path) -> None:
    drafts = new_store(tmp_path / "drafts")
    drafts.record(make_revision([("aaaaaa", "OP1", "One.")], name="zero-draft"))
    drafts.record(make_revision([("aaaaaa", "OP1", "Two.")], name="rev1", parent="zero-draft"))
    zero = drafts.root / "test-doc" / "revisions" / "zero-draft.txt"
    _plant(zero, "issued-by: Presidency\n", "issued-by: Presidency\nparent: rev1\n")
    code, out, _ = run(drafts.root)
    assert code == 1 and "circular parents among revisions rev1, zero-draft" in out
    _plant(zero, "parent: rev1", "parent: rev0")
    code, out, _ = run(drafts.root)
    assert code == 1 and f"{zero}:1: parent revision 'rev0' is not recorded" in out


def test_repair_removes_debris_and_never_data(copy: Path) -> None:
    scratch = copy / DOC / ".draftkit" / "tmp"
    scratch.mkdir(parents=True)
    (scratch / "0123abcd").write_text("half a proposal", encoding="utf-8")
    (scratch / "batch-77").mkdir()
    (scratch / "batch-77" / "x.txt").write_text("half an import", encoding="utf-8")
    (copy / DOC / "proposals" / "stray.bak").write_text("a person's notes", encoding="utf-8")
    before = snapshot(copy)
    code, out, _ = run(copy)
    assert code == 1 and out.count("left half-written by a killed writer") == 2
    code, out, err = run(copy, "--repair")
    assert code == 1 and "removed" in err
    assert out.strip() == f"{copy / DOC / 'proposals' / 'stray.bak'}: not a draftkit file in " \
                          f"proposals/"
    assert snapshot(copy) == before  # data (even a stray) untouched
    assert not list(scratch.iterdir())


def test_check_output_neutralises_control_characters(copy: Path) -> None:
    (copy / DOC / "proposals" / "evil\x1b]0;owned\x07.bak").write_text("x", encoding="utf-8")
    code, out, _ = run(copy)
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b]0;owned\\x07.bak" in out


def test_a_working_folder_never_renamed_into_place_is_debris(copy: Path) -> None:
    staging = copy / DOC / ".draftkit.0badc0de"
    staging.mkdir()
    (staging / ".gitignore").write_text("*\n", encoding="utf-8")
    code, out, _ = run(copy)
    assert code == 1 and out.strip() == f"{staging}: left half-written by a killed writer " \
                                        f"(check --repair removes it)"
    assert run(copy, "--repair")[0] == 0 and not staging.exists()


def test_a_working_folder_swept_while_being_made_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer holding the lock may sweep another's staging folder as debris at any
    instant; the one making it starts again rather than failing (seen under 16 writers)."""
    from draftkit.store import files

    write_text = Path.write_text
    swept = []

    def sweep_first(self: Path, *args: object, **kwargs: object) -> int:
        if self.parent.name.startswith(".draftkit.") and not swept:
            shutil.rmtree(self.parent)  # the lock holder's sweep, just before the write
            swept.append(self.parent)
        return write_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", sweep_first)
    lock = files._prepared(tmp_path, "lock")
    assert swept and lock == tmp_path / ".draftkit" / "lock"
    assert (tmp_path / ".draftkit" / ".gitignore").read_text(encoding="utf-8") == files._IGNORE_ALL
    assert not files.debris(tmp_path)


def test_debris_removed_by_its_maker_during_a_sweep_is_no_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of that race: a writer whose staging folder lost the rename removes
    it itself, while the lock holder's sweep is removing it too (seen under 8 writers
    recording revisions at once: the sweeper failed with FileNotFoundError)."""
    from draftkit.store import files

    files._prepared(tmp_path, "tmp")
    staging = tmp_path / ".draftkit.0badc0de"
    staging.mkdir()
    (staging / ".gitignore").write_text("*\n", encoding="utf-8")
    halfway = tmp_path / ".draftkit" / ".gitignore.0badc0de"
    halfway.write_text("*\n", encoding="utf-8")
    found = files.debris(tmp_path)
    assert set(found) == {staging, halfway}
    shutil.rmtree(staging)  # its maker, between the sweeper listing it and removing it
    halfway.unlink()
    monkeypatch.setattr(files, "debris", lambda folder: found)
    assert files.sweep(tmp_path) == found
    assert not staging.exists() and not halfway.exists()
