"""Lifecycle safety (issue 11, item 4): accepting a proposal that conflicts with an
accepted one is refused without --force, naming it; `merge --prefer` sets the other
side aside as "not selected", derived from the revision's merge record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from conftest import run_split as run
from conftest import snapshot
from draftkit.api import Drafts, open_drafts
from draftkit.check import check
from draftkit.errors import FormatError
from draftkit.proposals import ProposalError, ProposalStatus
from draftkit.provenance import Provenance
from draftkit.store.revision_format import MergeRecord, format_revision_file, parse_revision

DOC = "vientiane-action-plan"
DAY = dt.date(2010, 10, 1)


# accepting against an accepted proposal

def test_accepting_a_conflicting_proposal_is_refused_naming_the_accepted_one(copy: Path,
                                                                          ) -> None:
    drafts = open_drafts(copy)
    drafts.accept("NOR-y6bx")
    before = snapshot(copy)
    with pytest.raises(ProposalError, match=r"MEX-rz2x conflicts with accepted NOR-y6bx "
                                            r"\(NOR\) on Action 10, \"\[within eight years\] "
                                            r"\[well before the eight-year deadline\]\""):
        drafts.accept("MEX-rz2x")
    assert snapshot(copy) == before
    assert drafts.proposal("MEX-rz2x").status is ProposalStatus.PROPOSED
    clash = drafts.conflict_with_accepted("MEX-rz2x")
    assert clash is not None and clash.label == "Action 10"
    assert [side.proposals for side in clash.sides] == [("MEX-rz2x",), ("NOR-y6bx",)]
    forced = drafts.accept("MEX-rz2x", force=True)
    assert forced.status is ProposalStatus.ACCEPTED
    # both accepted: the merge must settle them
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=["NOR-y6bx", "MEX-rz2x"]),
                          date=DAY, dry_run=True)
    assert [c.ids for c in result.conflicts] == [("NOR-y6bx", "MEX-rz2x")]


def test_proposals_that_do_not_conflict_are_accepted_as_before(copy: Path) -> None:
    drafts = open_drafts(copy)
    drafts.accept("NOR-y6bx")
    assert drafts.conflict_with_accepted("MEX-rz2x") is not None
    # other paragraphs, and a proposal on separate words of the same one, are free
    assert drafts.conflict_with_accepted("GBR-tr27") is None
    drafts.accept("GBR-tr27")
    same_words = drafts.propose(DOC, paragraph="Action 10", operation="replace",
                                quote="Destroy", text="Eliminate", proposers=["CHL"])
    assert drafts.accept(same_words.id).status is ProposalStatus.ACCEPTED
    # an identical change is no conflict: the merge credits both
    twin = drafts.propose(DOC, paragraph="Action 10", operation="replace",
                          quote="[within eight years] [well before the eight-year deadline]",
                          text="within eight years", proposers=["IRL"])
    assert drafts.accept(twin.id).status is ProposalStatus.ACCEPTED
    # rejecting is never checked; a reopened proposal is checked again when re-accepted
    drafts.reject("MEX-rz2x")
    drafts.decide("NOR-y6bx", "reopened")
    drafts.decide(twin.id, "reopened")
    drafts.decide("MEX-rz2x", "reopened")
    drafts.accept("MEX-rz2x")
    with pytest.raises(ProposalError, match="NOR-y6bx conflicts with accepted MEX-rz2x"):
        drafts.accept("NOR-y6bx")


def test_accept_on_the_command_line(copy: Path) -> None:
    code, out, err = run(copy, "accept", "NOR-y6bx")
    assert code == 0 and out.startswith("NOR-y6bx accepted: accepted") and not err
    before = snapshot(copy)
    code, out, err = run(copy, "accept", "MEX-rz2x")
    assert code == 2 and not out and snapshot(copy) == before
    assert err.count("\n") == 1 and "conflicts with accepted NOR-y6bx (NOR) on Action 10" in err
    assert "--force" in err
    code, out, err = run(copy, "accept", "MEX-rz2x", "--force", "--note", "Both on the table")
    assert code == 0 and out.startswith("MEX-rz2x accepted: accepted")
    assert err.count("\n") == 1 and err.startswith("warning: MEX-rz2x conflicts with accepted "
                                                   "NOR-y6bx (NOR) on Action 10")
    assert "--prefer or --bracket" in err
    code, out, err = run(copy, "accept", "MEX-rz2x", "--force")
    assert code == 2 and "is accepted: it cannot be accepted" in err



def test_reopening_the_accepted_one_lets_the_other_be_accepted(copy: Path) -> None:
    assert run(copy, "accept", "NOR-y6bx")[0] == 0
    assert run(copy, "accept", "MEX-rz2x")[0] == 2
    code, out, err = run(copy, "reopen", "NOR-y6bx", "--note", "Back to the room")
    assert code == 0 and out.startswith("NOR-y6bx reopened: proposed") and not err
    code, out, err = run(copy, "accept", "MEX-rz2x")
    assert code == 0 and not err
    code, _, err = run(copy, "accept", "NOR-y6bx")
    assert code == 2 and "NOR-y6bx conflicts with accepted MEX-rz2x (MEX, PER, CHL)" in err
    code, _, err = run(copy, "reopen", "GBR-tr27")
    assert code == 2 and "GBR-tr27 is proposed: it cannot be reopened" in err


# --prefer: the other side is not selected

def _merge_preferring_nor(drafts: Drafts) -> None:
    drafts.accept("NOR-y6bx")
    drafts.accept("MEX-rz2x", force=True)
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=["NOR-y6bx", "MEX-rz2x"]),
                          prefer=("NOR-y6bx",), date=DAY)
    assert result.recorded and result.applied == ("NOR-y6bx",)
    assert result.set_aside == ("MEX-rz2x",) and result.preferred == (("MEX-rz2x",
                                                                       ("NOR-y6bx",)),)


def test_prefer_records_the_other_side_as_not_selected(copy: Path) -> None:
    drafts = open_drafts(copy)
    proposal_file = copy / DOC / "proposals" / "MEX-rz2x.txt"
    _merge_preferring_nor(drafts)
    before = proposal_file.read_bytes()
    rev2 = drafts.paragraph(DOC, "Action 10", "rev2")
    assert "in any case within eight years of entry into force" in rev2.text
    aside = drafts.proposal("MEX-rz2x")
    assert aside.status is ProposalStatus.NOT_SELECTED
    assert (aside.not_selected_in, aside.preferred_instead) == ("rev2", ("NOR-y6bx",))
    assert aside.standing == "not selected (rev2)" and aside.incorporated_in is None
    assert drafts.proposal("NOR-y6bx").standing == "incorporated in rev2"
    assert [p.id for p in drafts.proposals(DOC, status="not-selected")] == ["MEX-rz2x"]
    assert drafts.not_selected(DOC) == {"MEX-rz2x": ("rev2", ("NOR-y6bx",))}
    # derived, never written: the proposal's file is as it was
    assert proposal_file.read_bytes() == before
    assert "not" not in before.decode().split("@event")[-1]
    # final, like incorporated: positions close, no decision moves it, no merge takes it
    for attempt, message in [
        (lambda: drafts.support("MEX-rz2x", "FRA"), "is not selected: positions are closed"),
        (lambda: drafts.decide("MEX-rz2x", "reopened"), "is not selected: it cannot be"),
        (lambda: drafts.merge(DOC, "rev3", [aside], date=DAY),
         r"MEX-rz2x is not selected \(rev2\): only accepted proposals"),
    ]:
        with pytest.raises(ProposalError, match=message):
            attempt()
    assert proposal_file.read_bytes() == before
    assert not check(drafts.folder).problems


def test_the_set_aside_record_is_in_the_sealed_revision_file(copy: Path) -> None:
    drafts = open_drafts(copy)
    _merge_preferring_nor(drafts)
    text = (copy / DOC / "revisions" / "rev2.txt").read_text(encoding="utf-8")
    assert "\n@incorporated NOR-y6bx\n@set-aside MEX-rz2x | NOR-y6bx\n\n@sha256 " in text
    parsed = parse_revision(text, "rev2.txt")
    assert parsed.sealed and parsed.record is not None
    assert parsed.record.set_aside == (("MEX-rz2x", ("NOR-y6bx",)),)
    assert format_revision_file(parsed.to_revision("rev2.txt"), parsed.record) == text


def test_set_aside_records_round_trip_and_are_checked(copy: Path) -> None:
    drafts = open_drafts(copy)
    rev1 = drafts.revision(DOC, "rev1")
    assert drafts.merge_record(DOC, "rev1") is None
    record = MergeRecord(Provenance("rev2", "rev1", {}, {}), (), ("NOR-y6bx",),
                         (("MEX-rz2x", ("NOR-y6bx", "GBR-tr27")), ("NZL-vz5r", ("GBR-tr27",))))
    rev2 = attrs.evolve(rev1, name="rev2", parent="rev1")
    text = format_revision_file(rev2, record)
    assert "@set-aside MEX-rz2x | NOR-y6bx GBR-tr27\n@set-aside NZL-vz5r | GBR-tr27\n" in text
    parsed = parse_revision(text, "rev2.txt")
    assert parsed.record == record and format_revision_file(rev2, parsed.record) == text
    for bad, message in [
        ("@set-aside MEX-rz2x\n", "@set-aside takes 2 fields"),
        ("@set-aside MEX-rz2x | NOR-y6bx\n@set-aside MEX-rz2x | GBR-tr27\n", "set aside twice"),
        ("@set-aside NOR-y6bx | MEX-rz2x\n", "both incorporated and set aside"),
        ("@set-aside MEX rz2x | NOR-y6bx\n", "not an id"),
    ]:
        broken = text.replace("@set-aside MEX-rz2x | NOR-y6bx GBR-tr27\n", bad)
        with pytest.raises(FormatError, match=message):
            parse_revision(broken, "rev2.txt")
    # a recorded one naming proposals the document does not have: check says so
    unknown = MergeRecord(Provenance("rev2", "rev1", {}, {}), (), ("NOR-y6bx",),
                          (("MEX-zzzz", ("NOR-y6bx",)),))
    drafts.folder.record_revision(rev2, unknown)
    problems = [p.message for p in check(drafts.folder).problems]
    assert any("sets aside or prefers unknown proposals MEX-zzzz" in m for m in problems)


def test_prefer_on_the_command_line(copy: Path) -> None:
    assert run(copy, "accept", "NOR-y6bx")[0] == 0
    assert run(copy, "accept", "MEX-rz2x", "--force")[0] == 0
    code, out, _ = run(copy, "merge", DOC, "--into", "rev2", "--id", "NOR-y6bx",
                       "--id", "MEX-rz2x", "--date", "2010-10-01")
    assert code == 1 and "Conflict Action 10" in out and "Nothing written" in out
    code, out, err = run(copy, "merge", DOC, "--into", "rev2", "--id", "NOR-y6bx",
                         "--id", "MEX-rz2x", "--date", "2010-10-01", "--prefer", "NOR-y6bx")
    assert code == 0, err
    assert "Set aside, not selected (lost to --prefer): MEX-rz2x (for NOR-y6bx)" in out
    assert "1 proposals marked incorporated, 1 not selected." in out
    code, out, _ = run(copy, "proposals", DOC, "--status", "not-selected", "--format", "json")
    [listed] = json.loads(out)
    assert listed["id"] == "MEX-rz2x" and listed["status"] == "not-selected"
    assert listed["not_selected_in"] == "rev2" and listed["preferred_instead"] == ["NOR-y6bx"]
    code, out, _ = run(copy, "proposals", DOC, "--status", "not-selected")
    assert "not selected (rev2)" in out
    code, _, err = run(copy, "oppose", "MEX-rz2x", "--party", "JPN")
    assert code == 2 and "positions are closed" in err


def test_prefer_report_in_json(copy: Path) -> None:
    assert run(copy, "accept", "NOR-y6bx")[0] == 0
    assert run(copy, "accept", "MEX-rz2x", "--force")[0] == 0
    code, out, err = run(copy, "merge", DOC, "--into", "rev2", "--id", "NOR-y6bx",
                         "--id", "MEX-rz2x", "--date", "2010-10-01", "--prefer", "NOR-y6bx",
                         "--dry-run", "--format", "json")
    report = json.loads(out)
    assert code == 0 and not err and report["set_aside"] == ["MEX-rz2x"]
    assert report["preferred"] == {"MEX-rz2x": ["NOR-y6bx"]} and report["revision"] is None
    # a dry run records nothing: the proposal stays accepted
    assert open_drafts(copy).proposal("MEX-rz2x").status is ProposalStatus.ACCEPTED
