"""`draftkit merge` end to end on a copy of the shipped drafts: compile, --into, the contract."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, snapshot
from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.errors import DraftkitError, FormatError
from draftkit.proposals import ProposalStatus
from draftkit.store import files
from draftkit.store.revision_format import format_revision_file, parse_revision

DOC = "vientiane-action-plan"
DATE = ("--date", "2010-10-01")  # merge --into never dates a revision today unasked


def run(drafts: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    return result.exit_code, result.stdout, result.stderr


def test_compile_shows_competing_proposals_as_attributed_alternatives(copy: Path) -> None:
    code, out, err = run(copy, "merge", DOC, "--compile")
    assert code == 0, err  # competing proposals and a stale one are its content
    assert ("[as soon as possible - GBR retain; FRA, JPN support / without delay - NZL, IRL; "
            "MEX, CMC (observer) support; GBR oppose; reopens agreed text]") in out  # ad ref
    # the alternatives already in the text, attributed: no second layer of brackets
    assert "in any case [within eight years - NOR retain; GBR, DEU support; CMC (observer) " \
        "oppose] [well before the eight-year deadline - MEX, PER, CHL retain; NZL, " \
        "CMC (observer), HI (observer) support; JPN oppose] of entry into force" in out
    identical = next(line for line in out.splitlines() if line.startswith("Action 35"))
    assert "- IRL, SEN; " in identical and identical.count(" - ") == 1
    assert "Action 38 bis [new paragraph - MOZ, CIV, SEN" in out
    assert "Action 44 (agreed ad ref) [delete paragraph - DEU; FRA support; GHA oppose; " \
        "reopens agreed text]" in out
    assert "Action 37 alt. [replace paragraph - NOR, JPN, CHL" in out
    assert out.rstrip().endswith('SEN-ykja (SEN) on Action 8: the words "[one year] [six months]"'
                                 ' became "one year" in Rev.1')
    assert "[EU: delete]" in out  # the document's own brackets, as they are
    # written against the zero draft's Action 19, which Rev.1 renumbered Action 20
    assert "Action 20 (agreed) Mark the perimeter of contaminated areas [, fence them where " \
        "appropriate - MOZ; UNMAS (observer) support; reopens agreed text]" in out


def test_compile_formats(copy: Path) -> None:
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "json")
    data = json.loads(out)
    assert data["revision"] == "rev1" and data["stale"][0]["id"] == "SEN-ykja"
    assert {tuple(sorted(c["ids"])) for c in data["conflicts"]} >= {
        ("GBR-tr27", "NZL-vz5r"), ("MEX-rz2x", "NOR-y6bx"), ("AFRICANGROUP-ncs9", "EU-7xdg")}
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "html")
    assert out.startswith("<!DOCTYPE html>") and "<script>" not in out
    assert "[EU: delete]" in out and "<ins>without delay</ins>" in out
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "markdown")
    assert r"\[EU: delete\]" in out and "**without delay**" in out
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "terminal")
    assert "[EU: delete]" in out and "[bold]" in out
    target = copy.parent / "compilation.html"
    code, _, _ = run(copy, "merge", DOC, "--compile", "--format", "html", "-o", str(target),
                     "--party", "NOR")
    assert code == 0 and "NOR" in target.read_text()


@pytest.mark.parametrize("form", ["text", "markdown", "html", "json", "terminal"])
def test_compile_exits_0_when_it_printed_and_2_on_bad_input(copy: Path, form: str) -> None:
    """Conflicts and stale proposals are what a compilation shows, not a failure."""
    code, out, err = run(copy, "merge", DOC, "--compile", "--format", form)
    assert code == 0 and out and not err
    assert "NOR" in out and "SEN-ykja" in out  # a contest and a stale one, shown
    code, out, err = run(copy, "merge", "no-such-doc", "--compile", "--format", form)
    assert code == 2 and not out and err.count("\n") == 1
    code, out, err = run(copy, "merge", DOC, "--compile", "--rev", "rev9", "--format", form)
    assert code == 2 and not out and err.count("\n") == 1


def test_into_rev2_records_the_revision_provenance_and_incorporation(copy: Path) -> None:
    before = snapshot(copy)
    code, out, err = run(copy, "merge", DOC, "--into", "rev2", "--status", "accepted",
                         "--renumber", "--reopen", "--format", "json", *DATE)
    assert code == 0, err
    # One file written, the commit point; "incorporated" is read from it, not from items.
    assert set(snapshot(copy)) - set(before) == {f"{DOC}/revisions/rev2.txt"}
    assert {k: v for k, v in snapshot(copy).items() if k in before} == before
    report = json.loads(out)
    assert report["revision"] == "rev2" and report["conflicts"] == [] and report["stale"] == []
    drafts = open_drafts(copy)
    rev2 = drafts.revision(DOC, "rev2")
    assert rev2.parent == "rev1"
    for pid in report["applied"]:
        proposal = drafts.proposal(pid)
        assert proposal.status is ProposalStatus.INCORPORATED
        assert proposal.incorporated_in == "rev2"
    moved = drafts.paragraph(DOC, "Action 4@rev1", "rev2")
    assert str(moved.label) == "Action 7" and moved.id == drafts.paragraph(DOC, "Action 4",
                                                                            "rev1").id
    provenance = drafts.provenance(DOC, "rev2")
    assert provenance is not None and provenance.parent == "rev1"
    action3 = drafts.paragraph(DOC, "Action 3", "rev2")
    [change] = provenance.for_paragraph(action3.id)
    assert change.proposals == ("LBN-npzh",) and change.parties == ("LBN",)
    assert action3.text[change.new_start:change.new_end] == ", the League of Arab States"
    relabelled = {(r.old, r.new) for r in drafts.relabelled(DOC, "rev2")}
    assert ("Action 4", "Action 7") in relabelled and (None, "10") in relabelled
    text = (copy / DOC / "revisions" / "rev2.txt").read_text()
    parsed = parse_revision(text, "p")
    assert parsed.sealed and parsed.record is not None
    assert sorted(parsed.record.incorporated) == sorted(report["applied"])
    assert format_revision_file(parsed.to_revision("p"), parsed.record) == text
    assert drafts.provenance(DOC, "rev1") is None
    # never overwritten
    before = snapshot(copy)
    code, _, err = run(copy, "merge", DOC, "--into", "rev2", "--status", "accepted")
    assert code == 2 and "never rewritten" in err and snapshot(copy) == before


@pytest.mark.parametrize(("args", "message"), [
    (("--into", "rev2", "--id", "NOPE-0000"), "no proposal NOPE-0000"),
    (("--into", "rev1"), "never rewritten"),
    (("--into", "Rev 2"), "not a revision name"),
    (("--into", "rev2", "--status", "proposed"), "only accepted proposals"),
    (("--into", "rev2", "--prefer", "GBR-tr27"), "not among the selected"),
    (("--into", "rev2", "--from", "rev7"), "no revision"),
    (("--into", "rev2", "--format", "html"), "text or json"),
    (("--compile", "--into", "rev2"), "either --compile or --into"),
    (("--compile", "--bracket"), "go with --into"),
])
def test_bad_input_exits_2_and_writes_nothing(copy: Path, args: tuple[str, ...],
                                              message: str) -> None:
    before = snapshot(copy)
    code, out, err = run(copy, "merge", DOC, *args)
    assert code == 2 and message in err and "Traceback" not in out + err
    assert snapshot(copy) == before


def test_conflicts_write_nothing_unless_resolved(copy: Path) -> None:
    drafts = open_drafts(copy)
    drafts.accept("EU-7xdg", force=True)  # now it competes with the accepted AFRICANGROUP-ncs9
    before = snapshot(copy)
    code, out, _ = run(copy, "merge", DOC, "--into", "rev2", "--format", "json", *DATE)
    report = json.loads(out)
    assert code == 1 and report["revision"] is None and snapshot(copy) == before
    [conflict] = report["conflicts"]
    assert conflict["label"] == "Action 27" and conflict["paragraph"] == \
        drafts.paragraph(DOC, "Action 27").id
    assert sorted(conflict["ids"]) == ["AFRICANGROUP-ncs9", "EU-7xdg"]
    assert conflict["words"].startswith("[and adopt a dedicated national plan")
    code, out, _ = run(copy, "merge", DOC, "--into", "rev2", "--dry-run", "--prefer", "EU-7xdg",
                       "--reopen", *DATE)
    assert code == 0 and "Dry run" in out and snapshot(copy) == before
    code, out, err = run(copy, "merge", DOC, "--into", "rev2", "--bracket", "--reopen", *DATE)
    assert code == 0, err
    assert "Bracketed as alternatives: AFRICANGROUP-ncs9, EU-7xdg" in out
    text = open_drafts(copy).paragraph(DOC, "Action 27", "rev2").text
    # the alternatives already in the text gain the new one in their own form
    assert "[[" not in text and "[EU: delete] [and adopt, where appropriate" in text
    assert open_drafts(copy).proposal("EU-7xdg").status is ProposalStatus.ACCEPTED


def test_a_failure_part_way_leaves_nothing_half_written(copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(copy)

    def failing(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "link", failing)  # the commit point of recording a revision
    drafts = open_drafts(copy)
    with pytest.raises(OSError):
        drafts.merge(DOC, "rev2", drafts.select(DOC, statuses=("accepted",)),
                     date=dt.date(2010, 10, 1), reopen=True)
    monkeypatch.undo()
    assert snapshot(copy) == before
    assert not list((copy / DOC / ".draftkit" / "tmp").iterdir())
    assert open_drafts(copy).select(DOC, statuses=("accepted",))


def test_merge_record_parse_errors_name_file_and_line() -> None:
    good = ("draftkit revision 2\ndocument: d\nname: rev2\ndate: 2010-11-09\nissued-by: P\n"
            "parent: rev1\n\n@section s1 | - | H\n\n@para abc123 | OP6 | open\nText here.\n\n"
            "@change abc123 | 0-4 | 0-9 | NOR-1 IRL-2 | NOR IRL\n@label abc123 | OP5 bis | OP6\n"
            "@incorporated NOR-1\n@incorporated IRL-2\n")
    parsed = parse_revision(good, "p.txt")
    assert parsed.record is not None and parsed.record.incorporated == ("NOR-1", "IRL-2")
    assert format_revision_file(parsed.to_revision("p.txt"), parsed.record).startswith(good)
    for bad, line in ((good.replace("0-4", "4-0"), 13), (good.replace("| NOR IRL", "NOR"), 13),
                      (good.replace("@label abc123 | OP5 bis", "@label abc123 |"), 14),
                      (good.replace("parent: rev1", "parent rev1"), 6),
                      (good + "stray\n", 17)):
        with pytest.raises(FormatError, match=f"^p.txt:{line}: "):
            parse_revision(bad, "p.txt")


def test_stale_accepted_proposals_block_the_revision_unless_skipped(copy: Path) -> None:
    open_drafts(copy).accept("SEN-ykja")  # written against the zero draft; its words changed
    before = snapshot(copy)
    code, out, _ = run(copy, "merge", DOC, "--into", "rev2", "--format", "json", *DATE)
    assert code == 1 and json.loads(out)["revision"] is None and snapshot(copy) == before
    code, out, _ = run(copy, "merge", DOC, "--into", "rev2", "--skip-stale", "--reopen",
                       "--format", "json", *DATE)
    report = json.loads(out)
    assert code == 0 and report["revision"] == "rev2"
    assert [s["id"] for s in report["stale"]] == ["SEN-ykja"]
    assert "SEN-ykja" not in report["applied"]
    assert open_drafts(copy).proposal("SEN-ykja").status is ProposalStatus.ACCEPTED


def test_the_progress_bar_is_only_for_long_work_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from draftkit.cli.merge import progress

    with progress(10_000, "Merging") as tick:
        assert tick is None  # stderr is not a terminal here
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    with progress(100, "Merging") as tick:
        assert tick is None
    with progress(10_000, "Merging") as tick:
        assert tick is not None
        tick()


def test_compilation_as_word_document(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "compilation.docx"
    result = CliRunner().invoke(cli, ["--drafts", str(FIXTURE), "merge", "vientiane-action-plan",
                                      "--compile", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0  # printed: the planted conflicts are its content
    document = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="NOR"' in document and 'w:author="MEX, PER, CHL"' in document


def test_a_merge_that_would_change_nothing_is_refused(copy: Path) -> None:
    before = snapshot(copy)
    with pytest.raises(DraftkitError, match="nothing to merge into rev2"):
        open_drafts(copy).merge(DOC, "rev2", [], date=dt.date(2010, 10, 1))
    assert snapshot(copy) == before
