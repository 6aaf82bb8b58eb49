"""Status as recorded decisions, and agreed text protected (issue 11, items 1 and 2)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import make_revision, new_store, snapshot
from conftest import run_split as run
from draftkit.agreement import (
    Action,
    AgreementError,
    StatusDecision,
    agreed_words_changed,
    replay,
    words_hash,
)
from draftkit.anchors import occurrences
from draftkit.api import Drafts, open_drafts
from draftkit.edits import Words
from draftkit.errors import FormatError, NotFoundError
from draftkit.merge import MergeResult
from draftkit.model import Revision, Status
from draftkit.proposals import Operation, OperationKind, Position, Proposal
from draftkit.store.decision_format import format_decision, parse_decision
from draftkit.store.revision_format import format_revision_file, parse_revision
from merge_helpers import make_proposal, run_merge, words_op

PLAN = "vientiane-action-plan"
DECLARATION = "political-declaration"
WHEN = dt.datetime(2010, 9, 6, 15, 0, tzinfo=dt.UTC)
# What `merge --into rev2 --status accepted` would do to agreed text on the shipped drafts:
# each agreed or ad ref paragraph whose words an accepted proposal changes (Action 44 is
# deleted over Ghana's opposition; Action 4, ad ref, is only moved, which changes no words).
SHIPPED_AGREED = {"5": ["HI-6j2k"], "Action 3": ["LBN-npzh"], "Action 9": ["BEL-76pj"],
                  "Action 22": ["HI-8ynr"], "Action 44": ["DEU-v3tk"],
                  "Action 46": ["NZL-vdxc"], "Action 49": ["ICRC-n5xy"]}


def agree(drafts: Drafts, address: str, action: str, minutes: int = 0, note: str = "",
          document: str = PLAN, by: str = "Presidency") -> StatusDecision:
    return drafts.agree(document, paragraph=address, action=action, meeting="prepcom-2010",
                        by=by, note=note or ("Reopened in plenary" if action == "reopen"
                                             else ""),
                        when=WHEN + dt.timedelta(minutes=minutes))


def status_of(drafts: Drafts, address: str, revision: str | None = None) -> Status:
    current = drafts.current(PLAN, revision)
    found = current.by_id(drafts.paragraph(PLAN, address, current.name).id)
    assert found is not None
    return found.status


# 1. Status as recorded decisions ---------------------------------------------------------

def test_a_decision_is_one_file_holding_who_when_where_and_the_words(copy: Path) -> None:
    drafts = open_drafts(copy)
    target = drafts.paragraph(PLAN, "Action 10")
    assert target.status is Status.OPEN
    before = snapshot(copy)
    made = agree(drafts, "Action 10", "ad-ref", by="NOR")
    added = set(snapshot(copy)) - set(before)
    assert added == {f"{PLAN}/decisions/{made.id}.txt"}
    assert made.id.startswith("ADREF-ACTION10-")
    assert (made.paragraph, made.label, made.revision) == (target.id, "Action 10", "rev1")
    assert (made.by, made.meeting, made.when) == ("NOR", "prepcom-2010", WHEN)
    assert made.words == words_hash(target.text)
    text = (copy / PLAN / "decisions" / f"{made.id}.txt").read_text(encoding="utf-8")
    assert text.startswith("draftkit decision 2\n") and "action: ad-ref\n" in text
    assert parse_decision(text, "d.txt") == made and format_decision(made) == text
    # the recorded revision is the record: only the status in force changed
    assert drafts.paragraph(PLAN, "Action 10").status is Status.OPEN
    assert status_of(drafts, "Action 10") is Status.AD_REF


def test_the_steps_open_ad_ref_agreed_and_reopen(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 10", "ad-ref")
    agree(drafts, "Action 10", "confirm", 1)
    assert status_of(drafts, "Action 10") is Status.AGREED
    agree(drafts, "Action 10", "reopen", 2, note="Capitals asked for ten years")
    assert status_of(drafts, "Action 10") is Status.OPEN
    agree(drafts, "Action 10", "ad-ref", 3)
    assert status_of(drafts, "Action 10") is Status.AD_REF
    assert [d.action for d in drafts.decisions(PLAN, paragraph="Action 10")] == [
        Action.AD_REF, Action.CONFIRM, Action.REOPEN, Action.AD_REF]


@pytest.mark.parametrize(("address", "action", "message"), [
    ("Action 10", "confirm", "Action 10 is open: cannot record 'confirm' (only agreed ad ref"),
    ("Action 10", "reopen", "Action 10 is open: cannot record 'reopen'"),
    ("Action 1", "ad-ref", "Action 1 is agreed ad ref: cannot record 'ad-ref' (it is agreed "
                           "ad ref already)"),
    ("Action 49", "ad-ref", "Action 49 is agreed: cannot record 'ad-ref'"),
    ("Action 49", "confirm", "Action 49 is agreed: cannot record 'confirm' (it is agreed "
                             "already)"),
])
def test_a_forbidden_step_is_one_line_exit_2_and_nothing_written(
        copy: Path, address: str, action: str, message: str) -> None:
    before = snapshot(copy)
    code, out, err = run(copy, "agree", PLAN, "--para", address, f"--{action}", "--at",
                         "prepcom-2010", "--note", "why")
    assert code == 2 and out == "" and err.startswith(f"draftkit: {message}")
    assert err.count("\n") == 1 and snapshot(copy) == before


@pytest.mark.parametrize(("args", "message"), [
    (("--para", "Action 49", "--reopen", "--at", "1msp"), "a reopening says why (--note)"),
    (("--para", "Action 10", "--ad-ref"), "missing option '--at'"),
    (("--para", "Action 10", "--at", "1msp"), "give one of --ad-ref, --confirm or --reopen"),
    (("--para", "Action 10", "--ad-ref", "--confirm", "--at", "1msp"), "give one of"),
    (("--para", "Action 10", "--ad-ref", "--at", "1msp", "--by", "XXX"), "unknown party"),
    (("--para", "Action 99", "--ad-ref", "--at", "1msp"), "no paragraph Action 99"),
    (("--para", "Action 10", "--ad-ref", "--at", "geneva"), "no meeting 'geneva' in "
                                                             "vientiane-action-plan (known: "),
    (("--para", "Action 10", "--ad-ref", "--at", "a\nb"), "the meeting must be one line"),
])
def test_bad_agree_input(copy: Path, args: tuple[str, ...], message: str) -> None:
    before = snapshot(copy)
    code, _, err = run(copy, "agree", PLAN, *args)
    assert code == 2 and message in err and snapshot(copy) == before


def test_agree_on_the_command_line(copy: Path) -> None:
    code, out, err = run(copy, "agree", PLAN, "--para", "Action 10", "--ad-ref", "--at",
                         "prepcom-2010", "--by", "nor")
    assert code == 0, err
    assert out.startswith("ADREF-ACTION10-") and out.endswith(
        ": Action 10 agreed ad ref at prepcom-2010 by NOR (was open)\n")
    code, out, err = run(copy, "agree", PLAN, "--para", "Action 49", "--reopen", "--at",
                         "1msp", "--note", "To take the ICRC's amendment")
    assert code == 0 and "Action 49 reopened at 1msp by Presidency (was agreed)" in out


def test_a_decision_recorded_after_the_meeting_carries_its_time(copy: Path) -> None:
    code, _, err = run(copy, "agree", PLAN, "--para", "Action 10", "--ad-ref", "--at",
                       "prepcom-2010", "--when", "2010-09-06T15:30")
    assert code == 0, err
    [made] = [d for d in open_drafts(copy).decisions(PLAN) if d.action.value == "ad-ref"
              and d.when.year == 2010 and d.when.hour == 15]
    assert made.when == dt.datetime(2010, 9, 6, 15, 30, tzinfo=dt.UTC)
    code, _, err = run(copy, "agree", PLAN, "--para", "Action 10", "--confirm", "--at",
                       "1msp", "--when", "2010-09-06T15:29")
    assert code == 2 and "cannot be dated before it" in err


def test_the_timeline_tells_the_decisions(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 10", "ad-ref")
    agree(drafts, "Action 49", "reopen", 5, note="To take the ICRC's amendment")
    code, out, _ = run(copy, "timeline", PLAN, "--format", "json")
    assert code == 0
    text = json.dumps(json.loads(out))
    assert "Action 10" in text and "agreed ad ref" in text and "reopened" in text
    assert "To take the ICRC's amendment" in text
    entries = drafts.timeline(PLAN).entries
    decided = [e for e in entries if type(e).__name__ == "DecisionTaken"]
    assert [(e.action, e.paragraph, e.meeting.id) for e in decided] == [  # type: ignore[union-attr]
        ("agreed ad ref", "Action 10", "prepcom-2010"),
        ("reopened", "Action 49", "prepcom-2010")]


def test_a_decision_cannot_be_dated_before_the_last_one(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 10", "ad-ref", 10)
    with pytest.raises(AgreementError, match="cannot be dated before it"):
        agree(drafts, "Action 10", "confirm", 5)


def test_replaying_skips_a_forbidden_step_and_check_reports_it(copy: Path) -> None:
    """Two clones each record "ad ref" for one paragraph; git puts both files side by side.
    The second is skipped, and `check` says so."""
    drafts = open_drafts(copy)
    first = agree(drafts, "Action 10", "ad-ref")
    twin = attrs.evolve(first, id="ADREF-ACTION10-twin", when=WHEN + dt.timedelta(hours=1))
    (copy / PLAN / "decisions" / f"{twin.id}.txt").write_text(format_decision(twin),
                                                               encoding="utf-8")
    assert status_of(open_drafts(copy), "Action 10") is Status.AD_REF
    code, out, _ = run(copy, "check")
    assert code == 1 and "ADREF-ACTION10-twin.txt: 'ad-ref' of Action 10 is a step the " \
                         "rules forbid where it falls" in out
    assert replay(Status.OPEN, [twin, first]) is Status.AD_REF


def test_check_reads_decisions_against_the_words_they_were_taken_on(copy: Path) -> None:
    drafts = open_drafts(copy)
    made = agree(drafts, "Action 10", "ad-ref")
    assert run(copy, "check")[0] == 0
    path = copy / PLAN / "decisions" / f"{made.id}.txt"
    path.write_text(format_decision(attrs.evolve(made, words="0" * 64)), encoding="utf-8")
    code, out, _ = run(copy, "check")
    assert code == 1 and "was taken on other words than those of Action 10 in rev1" in out
    path.write_text(format_decision(attrs.evolve(made, revision="rev7", by="XYZ")),
                    encoding="utf-8")
    code, out, _ = run(copy, "check")
    assert "about revision 'rev7', which is not recorded" in out
    assert "XYZ decides but is not in parties.txt" in out
    path.write_text(path.read_text(encoding="utf-8").replace("action: ad-ref", "action: yes"),
                    encoding="utf-8")
    with pytest.raises(FormatError, match=r"d\.txt:7: action: not one of ad-ref, confirm"):
        parse_decision(path.read_text(encoding="utf-8"), "d.txt")


def test_status_log_show_and_export_count_the_statuses_in_force(copy: Path) -> None:
    drafts = open_drafts(copy)
    board = drafts.status(PLAN)
    counts = [sum(getattr(s, f) for s in board.sections) for f in ("open", "ad_ref", "agreed")]
    agree(drafts, "Action 10", "ad-ref")
    agree(drafts, "Action 1", "confirm")
    board = drafts.status(PLAN)
    assert [sum(getattr(s, f) for s in board.sections) for f in ("open", "ad_ref", "agreed")] \
        == [counts[0] - 1, counts[1], counts[2] + 1]
    code, out, _ = run(copy, "log", PLAN)
    assert code == 0 and "Rev.1 since issued: 1 agreed ad ref, 1 confirmed (agreed) (at " \
                         "prepcom-2010); it stands at" in out
    code, out, _ = run(copy, "show", PLAN, "--status", "ad-ref", "--para", "Action 10")
    assert code == 0 and "Action 10" in out and "(agreed ad ref)" in out
    code, out, _ = run(copy, "export", PLAN)
    assert f"@para {drafts.paragraph(PLAN, 'Action 10').id} | Action 10 | ad-ref\n" in out


def test_show_history_tells_each_decision_who_when_and_where(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 10", "ad-ref", by="NOR")
    agree(drafts, "Action 10", "reopen", 30, note="Japan asked for more time")
    code, out, _ = run(copy, "show", PLAN, "--para", "Action 10", "--history")
    assert code == 0
    lines = [line.strip() for line in out.splitlines() if "▸" in line]
    assert lines[0] == "▸ 2010-06-01 Zero draft issued it open"
    assert lines[1].startswith("▸ 2010-09-06 15:00 agreed ad ref at prepcom-2010 by NOR (ADREF-")
    assert lines[2].startswith("▸ 2010-09-06 15:30 reopened at prepcom-2010 by Presidency (REOPEN")
    assert out.replace("\n", " ").count("Japan asked for more time") == 1
    assert len(lines) == 3


def test_a_new_revision_carries_the_statuses_in_force(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 10", "ad-ref")
    agree(drafts, "Action 1", "confirm")
    code, out, err = run(copy, "merge", PLAN, "--into", "rev2", "--id", "FRA-4cg8", "--date",
                         "2010-10-08")
    assert code == 0, out + err
    drafts = open_drafts(copy)
    rev2 = drafts.revision(PLAN, "rev2")  # as recorded, no decision on it yet
    assert rev2.find("Action 10").status is Status.AD_REF
    assert rev2.find("Action 1").status is Status.AGREED
    assert rev2.find("Action 49").status is Status.AGREED
    # a status change is a change: rev1 → rev2 shows the decisions taken in between
    code, out, _ = run(copy, "diff", PLAN, "rev1", "rev2", "--format", "json")
    changed = {p["to_label"]: p for p in json.loads(out)["paragraphs"]}
    assert changed["Action 10"]["change"] == "status"
    assert (changed["Action 10"]["from_status"], changed["Action 10"]["to_status"]) == \
        ("open", "ad-ref")
    # revise too: an unedited export of the statuses in force records them again
    code, text, _ = run(copy, "export", PLAN)
    (copy.parent / "rev3.txt").write_text(text, encoding="utf-8")
    code, out, err = run(copy, "revise", PLAN, "--from", str(copy.parent / "rev3.txt"),
                         "--name", "rev3", "--date", "2010-10-20")
    assert code == 0 and err == "", err


def test_revise_takes_no_status_from_an_edited_text(copy: Path) -> None:
    drafts = open_drafts(copy)
    code, text, _ = run(copy, "export", PLAN)
    action10 = drafts.paragraph(PLAN, "Action 10").id
    edited = copy.parent / "rev2.txt"
    edited.write_text(text.replace(f"@para {action10} | Action 10 | open",
                                   f"@para {action10} | Action 10 | agreed"), encoding="utf-8")
    before = snapshot(copy)
    code, _, err = run(copy, "revise", PLAN, "--from", str(edited), "--name", "rev2",
                       "--date", "2010-10-08")
    assert code == 2 and "statuses change only by decisions (draftkit agree)" in err
    assert "Action 10 is open, the file says agreed" in err and snapshot(copy) == before


def test_agreed_words_changed_by_a_revise_are_told_by_revise_diff_and_check(
        copy: Path) -> None:
    code, text, _ = run(copy, "export", PLAN)
    edited = copy.parent / "rev2.txt"
    edited.write_text(text.replace("in cooperation with the ICRC.",
                                   "in cooperation with the ICRC and others."),
                      encoding="utf-8")
    code, out, _ = run(copy, "diff", PLAN, "--against", str(edited), "--format", "json")
    [changed] = [p for p in json.loads(out)["paragraphs"] if p["change"] != "unchanged"]
    assert changed["to_label"] == "Action 49" and changed["agreed_changed"] is True
    code, out, err = run(copy, "revise", PLAN, "--from", str(edited), "--name", "rev2",
                         "--date", "2010-10-08")
    assert code == 0
    assert err == "warning: Action 49 was agreed; its words changed without a recorded " \
                  "reopening\n"
    code, out, _ = run(copy, "diff", PLAN, "rev1", "rev2")
    assert "Action 49  (modified, AGREED WORDS CHANGED without a recorded reopening)" in out
    code, out, _ = run(copy, "check")
    assert code == 1 and out.endswith("rev2.txt: Action 49 was agreed in rev1; its words "
                                      "changed here without a recorded reopening\n")


def test_words_changed_after_a_recorded_reopening_are_not_flagged(copy: Path) -> None:
    agree(open_drafts(copy), "Action 49", "reopen")
    code, text, _ = run(copy, "export", PLAN)
    assert "| Action 49 | open\n" in text
    edited = copy.parent / "rev2.txt"
    edited.write_text(text.replace("in cooperation with the ICRC.",
                                   "in cooperation with the ICRC and others."),
                      encoding="utf-8")
    code, _, err = run(copy, "revise", PLAN, "--from", str(edited), "--name", "rev2",
                       "--date", "2010-10-08")
    assert code == 0 and err == ""
    assert run(copy, "check")[0] == 0


# 2. Agreed text is protected: flagged everywhere a proposal appears ----------------------

DECLARATION_FLAGGED = {"CMC-jem7", "HI-t7xd", "GHA-9d6q", "IRL-6npz", "PER-pb24", "CHL-jx9q"}


def test_proposals_reopening_agreed_text_are_flagged_everywhere(copy: Path) -> None:
    def out(*args: str) -> str:
        code, text, err = run(copy, *args)
        assert code == 0, err
        return text

    flagged = {p["id"] for p in json.loads(out("proposals", DECLARATION, "--format", "json"))
               if p["reopens_agreed"]}
    assert flagged >= DECLARATION_FLAGGED and "GBR-vpr5" in flagged  # rejected, on OP2
    assert out("proposals", DECLARATION).count("[reopens agreed text]") == len(flagged)
    compiled = out("merge", DECLARATION, "--compile")
    assert compiled.count("reopens agreed text") == 6  # the six live ones
    assert "[, survivors' organizations - GHA; NOR, HI (observer) support; reopens agreed " \
           "text]" in compiled
    compiled = out("merge", DECLARATION, "--compile", "--format", "json")
    options = [o for s in json.loads(compiled)["sections"] for p in s["paragraphs"]
               for piece in p["pieces"] if "contest" in piece
               for o in piece["contest"]["options"]]
    assert {i for o in options if o["reopens_agreed"] for i in o["proposals"]} == \
        DECLARATION_FLAGGED
    reopening = json.loads(out("status", DECLARATION, "--format", "json"))[
        "reopening_agreed_text"]
    assert {i for r in reopening for i in r["proposals"]} == DECLARATION_FLAGGED
    board = out("status", DECLARATION)
    assert "Live proposals that would reopen agreed text: 6" in board
    assert "PP7 (agreed): GHA-9d6q" in board
    notes = out("show", DECLARATION, "--para", "PP7", "--notes")
    assert "GHA-9d6q (accepted): insert" in notes and "reopens agreed text" in notes


def test_a_proposal_is_accepted_into_the_store_but_flagged(copy: Path) -> None:
    drafts = open_drafts(copy)
    made = drafts.propose(PLAN, paragraph="Action 49", operation="delete",
                          quote="in cooperation with the ICRC", proposers=["NOR"])
    assert drafts.proposal(made.id).reopens_agreed
    retain = drafts.propose(PLAN, paragraph="Action 49", operation="retain", proposers=["NOR"])
    assert not drafts.proposal(retain.id).reopens_agreed  # supporting agreed words is fine
    agree(drafts, "Action 49", "reopen")
    assert not drafts.proposal(made.id).reopens_agreed  # reopened: nothing left to flag


# 2. Agreed text is protected: merge --into ------------------------------------------------

def test_done_when_merge_refuses_agreed_text_then_succeeds_once_reopened(copy: Path) -> None:
    """`merge vientiane-action-plan --into rev2 --status accepted` on the shipped drafts
    refuses to touch agreed text, naming the proposals; with the reopening recorded it
    succeeds."""
    before = snapshot(copy)
    code, out, err = run(copy, "merge", PLAN, "--into", "rev2", "--status", "accepted",
                         "--date", "2010-10-08")
    assert code == 1 and snapshot(copy) == before, err
    for address, ids in SHIPPED_AGREED.items():
        status = "agreed" if address == "Action 49" else "agreed ad ref"
        assert f"Agreed text would change {address} ({status}): {', '.join(ids)}" in out
    assert out.count("Agreed text would change") == len(SHIPPED_AGREED)
    assert "AUT-ggtc" not in out.split("Agreed text")[1]  # a move changes no words
    assert "Nothing written" in out and "draftkit agree --reopen" in out
    for address in SHIPPED_AGREED:
        code, _, err = run(copy, "agree", PLAN, "--para", address, "--reopen", "--at", "1msp",
                           "--note", "Reopened in plenary to take the accepted amendments")
        assert code == 0, err
    code, out, err = run(copy, "merge", PLAN, "--into", "rev2", "--status", "accepted",
                         "--date", "2010-10-08")
    assert code == 0, out + err
    drafts = open_drafts(copy)
    rev2 = drafts.revision(PLAN, "rev2")
    assert rev2.find("Action 49").text.endswith("the ICRC and the Cluster Munition Coalition.")
    assert drafts.paragraph(PLAN, "Action 44@rev1", "rev1").id not in \
        {p.id for p in rev2.paragraphs()}
    assert all(rev2.find(a).status is Status.OPEN for a in SHIPPED_AGREED if a != "Action 44")
    record = drafts.merge_record(PLAN, "rev2")
    assert record is not None and record.reopened == ()  # the decisions recorded it
    assert run(copy, "check")[0] == 0


def test_merge_reopen_records_the_reopening_in_the_revision_file(copy: Path) -> None:
    code, out, err = run(copy, "merge", PLAN, "--into", "rev2", "--status", "accepted",
                         "--reopen", "--date", "2010-10-08", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["protected"] == []
    assert {r["label"]: r["proposals"] for r in report["reopened"]} == SHIPPED_AGREED
    text = (copy / PLAN / "revisions" / "rev2.txt").read_text(encoding="utf-8")
    drafts = open_drafts(copy)
    action49 = drafts.paragraph(PLAN, "Action 49", "rev1").id
    assert f"\n@reopened {action49} | Action 49 | agreed | ICRC-n5xy | ICRC\n" in text
    parsed = parse_revision(text, "rev2.txt")
    assert parsed.sealed and parsed.record is not None
    assert format_revision_file(parsed.to_revision("rev2.txt"), parsed.record) == text
    assert drafts.revision(PLAN, "rev2").find("Action 49").status is Status.OPEN
    assert run(copy, "check")[0] == 0
    code, out, _ = run(copy, "show", PLAN, "--para", "Action 49", "--history")
    assert "2010-10-08 reopened by the merge into Rev.2 (Presidency (Lao PDR)), to make " \
           "ICRC-n5xy" in out
    code, out, _ = run(copy, "log", PLAN)
    assert "Rev.2 reopened agreed text to change it: 5, Action 3, Action 9" in out
    code, out, _ = run(copy, "diff", PLAN, "rev1", "rev2")
    assert "AGREED WORDS CHANGED" not in out


def test_a_dry_run_reports_agreed_text_and_conflicts_together(copy: Path) -> None:
    drafts = open_drafts(copy)
    drafts.accept("GBR-tr27")  # retain Action 1's words, against NZL's replacement
    drafts.accept("NZL-vz5r", force=True)
    before = snapshot(copy)
    code, out, _ = run(copy, "merge", PLAN, "--into", "rev2", "--status", "accepted",
                       "--dry-run", "--meeting", "1msp", "--format", "json")
    report = json.loads(out)
    assert code == 1 and snapshot(copy) == before
    assert [c["label"] for c in report["conflicts"]] == ["Action 1"]
    protected = {r["label"]: r["proposals"] for r in report["protected"]}
    assert protected["Action 1"] == ["NZL-vz5r"] and protected["Action 49"] == ["ICRC-n5xy"]


def test_the_merge_reads_decisions_taken_since_the_revision(copy: Path) -> None:
    drafts = open_drafts(copy)
    agree(drafts, "Action 15", "ad-ref")  # FRA-4cg8, accepted, replaces words of Action 15
    code, out, _ = run(copy, "merge", PLAN, "--into", "rev2", "--id", "FRA-4cg8",
                       "--date", "2010-10-08")
    assert code == 1 and "Agreed text would change Action 15 (agreed ad ref): FRA-4cg8" in out


# The law: no merge changes agreed words without a recorded reopening ---------------------

VOCABULARY = ["States", "Parties", "shall", "destroy", "[stocks]", "within", "eight", "years",
              ",", ".", "مرحبا", "𝔘𝔫𝔦", "Côte", "the", "of", "and"]
TEXTS = st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=10).map(" ".join)
NEW = st.lists(st.sampled_from(["new", "words", "ñandú", "[x]"]), min_size=1,
               max_size=3).map(" ".join)


@st.composite
def agreed_revisions(draw: st.DrawFn) -> Revision:
    """A revision of two to five paragraphs, each open, ad ref or agreed."""
    texts = draw(st.lists(TEXTS, min_size=2, max_size=5))
    revision = make_revision([(f"p{n}", f"OP{n + 1}", t) for n, t in enumerate(texts)])
    statuses = draw(st.lists(st.sampled_from(list(Status)), min_size=len(texts),
                             max_size=len(texts)))
    return attrs.evolve(revision, sections=tuple(
        attrs.evolve(s, paragraphs=tuple(attrs.evolve(p, status=status) for p, status in
                                         zip(s.paragraphs, statuses, strict=True)))
        for s in revision.sections))


@st.composite
def proposal_on(draw: st.DrawFn, revision: Revision, n: int) -> Proposal:
    """Any kind of proposal on any paragraph of `revision`."""
    paragraphs = list(revision.paragraphs())
    target = draw(st.sampled_from(paragraphs))
    kind = draw(st.sampled_from(["insert", "delete", "replace", "retain", "delete-paragraph",
                                 "replace-paragraph", "move", "add"]))
    if kind in ("insert", "delete", "replace", "retain"):
        words = Words.of(target.text)
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, len(words)))
        quote = words.span(start, end)
        occurrence = sum(1 for s in occurrences(target.text, quote)
                         if s < words.starts[start]) + 1
        position = draw(st.sampled_from(["before", "after"])) if kind == "insert" else None
        new = draw(NEW) if kind in ("insert", "replace") else ""
        operation = words_op(target.text, kind, quote, new, position, occurrence)
    elif kind == "move":
        others = [p for p in paragraphs if p.id != target.id]
        operation = Operation(OperationKind.MOVE, None, "",
                              draw(st.sampled_from(list(Position))),
                              draw(st.sampled_from(others)).id)
    else:
        text = draw(NEW) if kind in ("replace-paragraph", "add") else ""
        position = Position.AFTER if kind == "add" else None
        operation = Operation(OperationKind(kind), None, text, position)
    return make_proposal(f"P{n}-x", target.id, operation, parties=(f"S{n}",), n=n)


@st.composite
def merges(draw: st.DrawFn) -> tuple[Revision, list[Proposal], bool, bool]:
    revision = draw(agreed_revisions())
    count = draw(st.integers(1, 5))
    proposals = [draw(proposal_on(revision, n)) for n in range(count)]
    return revision, proposals, draw(st.booleans()), draw(st.booleans())


def _law(target: Revision, result: MergeResult, reopen: bool) -> None:
    """What the law says of one merge of `target`."""
    reopened = {r.paragraph for r in result.reopened}
    protected = {r.paragraph for r in result.protected}
    if result.revision is None:
        assert not result.reopened
        return
    assert not result.protected
    changed = {p.id for p in agreed_words_changed(target, result.revision)}
    # every agreed paragraph whose words changed was reopened, with --reopen, and recorded
    assert changed == reopened
    assert not reopened or reopen
    for paragraph in target.paragraphs():
        now = result.revision.by_id(paragraph.id)
        if paragraph.id in reopened:
            assert paragraph.status in (Status.AD_REF, Status.AGREED)
            assert now is None or now.status is Status.OPEN
        elif now is not None:  # carried: its words and its status as they were
            assert (now.text, now.status) == (paragraph.text, paragraph.status) or \
                paragraph.status is Status.OPEN
    assert not protected


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(merges())
def test_no_merge_changes_agreed_words_without_a_recorded_reopening(
        case: tuple[Revision, list[Proposal], bool, bool]) -> None:
    target, proposals, reopen, bracket = case
    try:
        result = run_merge(target, proposals, reopen=reopen, bracket=bracket, skip_stale=True)
    except Exception as error:  # a merge may refuse (no words left, no label fits)
        assert "without words" in str(error) or "no label fits" in str(error), error
        return
    _law(target, result, reopen)
    event("refused" if result.protected else "reopened" if result.reopened else
          "no agreed words changed" if result.revision else "conflicts")
    if result.revision is not None or not result.protected:
        return
    # refused: each agreed paragraph named, with the proposals that would change it
    assert not reopen
    for change in result.protected:
        before = target.by_id(change.paragraph)
        assert before is not None and before.status in (Status.AD_REF, Status.AGREED)
        assert change.proposals and set(change.proposals) <= {p.id for p in proposals}
    again = run_merge(target, proposals, reopen=True, bracket=bracket, skip_stale=True)
    if again.revision is not None:
        assert {r.paragraph for r in again.reopened} >= {
            r.paragraph for r in result.protected if target.by_id(r.paragraph) is not None
            and (again.revision.by_id(r.paragraph) is None
                 or again.revision.by_id(r.paragraph).text  # type: ignore[union-attr]
                 != target.by_id(r.paragraph).text)}  # type: ignore[union-attr]


DECISIONS = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(list(Action))),
                     max_size=6)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(merges(), DECISIONS)
def test_through_the_store_statuses_in_force_are_what_the_merge_protects(
        tmp_path: Path, case: tuple[Revision, list[Proposal], bool, bool],
        decisions: list[tuple[int, Action]]) -> None:
    """Decisions, then a merge of the proposals, through the store: the merged revision
    changes the words of a paragraph agreed or ad ref *now* only with --reopen, records
    each such reopening in its file, and carries every other status in force."""
    target, proposals, reopen, _ = case
    drafts = new_store(Path(tempfile.mkdtemp(dir=tmp_path)) / "drafts")
    drafts.record(target)
    addresses = [p.address for p in target.paragraphs()]
    minutes = itertools.count()
    for index, action in decisions:
        address = addresses[index % len(addresses)]
        try:
            drafts.agree("test-doc", paragraph=address, action=action, meeting="m",
                         note="why", when=WHEN + dt.timedelta(minutes=next(minutes)))
        except AgreementError:
            continue
    now = drafts.current("test-doc")
    stored = [attrs.evolve(p, document="test-doc", id=p.id) for p in proposals]
    try:
        result = drafts.merge("test-doc", "rev1", stored, date=dt.date(2010, 10, 1),
                              reopen=reopen, skip_stale=True)
    except Exception as error:
        message = str(error)
        assert any(m in message for m in ("without words", "no label fits", "nothing to merge")
                   ), message
        return
    _law(now, result, reopen)
    if result.revision is None:
        assert drafts.revision_names("test-doc") == ["zero-draft"]
        return
    record = drafts.merge_record("test-doc", "rev1")
    assert record is not None and record.reopened == result.reopened
    problems = [p for p in drafts.check().problems  # its proposals are not in the store
                if "incorporates unknown proposals" not in p.message]
    assert not problems


def test_the_reopened_record_reads_back_and_refuses_nonsense() -> None:
    good = ("draftkit revision 2\ndocument: d\nname: rev2\ndate: 2010-11-09\nissued-by: P\n"
            "parent: rev1\n\n@section s1 | - | H\n\n@para abc123 | OP6 | open\nText here.\n\n"
            "@change abc123 | 0-4 | 0-9 | NOR-1 | NOR\n@incorporated NOR-1\n"
            "@reopened abc123 | OP6 | agreed | NOR-1 | NOR\n")
    parsed = parse_revision(good, "p.txt")
    assert parsed.record is not None
    [reopened] = parsed.record.reopened
    assert (reopened.paragraph, reopened.label, reopened.status, reopened.proposals) == \
        ("abc123", "OP6", Status.AGREED, ("NOR-1",))
    assert format_revision_file(parsed.to_revision("p.txt"), parsed.record).startswith(good)
    for bad, message in ((good.replace("| agreed |", "| open |"), "agreed or ad-ref"),
                         (good + "@reopened abc123 | OP6 | ad-ref | - | -\n", "twice")):
        with pytest.raises(FormatError, match=f"^p.txt:1[56]: .*{message}"):
            parse_revision(bad, "p.txt")


def test_decisions_name_a_known_paragraph_and_party(copy: Path) -> None:
    drafts = open_drafts(copy)
    with pytest.raises(NotFoundError):
        agree(drafts, "Action 10", "ad-ref", by="ZZZ")
    with pytest.raises(NotFoundError):
        agree(drafts, "Action 999", "ad-ref")
    assert drafts.decisions(PLAN) == []
