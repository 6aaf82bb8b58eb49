"""Every change a merge makes names its proposal: words, added, deleted, replaced and moved
paragraphs, and the label a paragraph takes where it is added or moved to, in the merge
record, in every diff format, in blame and in the Word redline. Only renumbering (labels
changed because others were) stays the presidency's."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_revision
from conftest import run_split as run
from draftkit.blame import Origin, blame
from draftkit.docdiff import diff
from draftkit.docx.reader import read_docx
from draftkit.docx.redline import diff_to_docx
from draftkit.errors import FormatError
from draftkit.merge import MergeOptions, merge
from draftkit.model import Revision
from draftkit.proposals import Operation, OperationKind, Position
from draftkit.provenance import Change, Move, Provenance
from draftkit.rebase import History
from draftkit.store.revision_format import MergeRecord, format_revision_file, parse_revision
from merge_helpers import make_proposal, words_op
from strategies import identifier, revisions

DOC = "vientiane-action-plan"
ISSUER = "Presidency (Lao PDR)"
AUT_MOVE = "AUT-ggtc"
MOVED = "o8xbmn"  # Action 4 of Rev.1, moved after Action 7 by AUT-ggtc


def outputs(drafts: Path, tmp_path: Path) -> dict[str, Any]:
    """`diff DOC rev1 rev2` in every format (docx as its tracked pieces) and blame of rev2."""
    found: dict[str, Any] = {}
    for format_ in ("json", "html", "terminal", "unified", "markdown"):
        code, out, err = run(drafts, "diff", DOC, "rev1", "rev2", "--format", format_)
        assert code in (0, 1), err
        found[format_] = json.loads(out) if format_ == "json" else out
    path = tmp_path / "redline.docx"
    code, _, err = run(drafts, "diff", DOC, "rev1", "rev2", "--format", "docx", "-o", str(path))
    assert code in (0, 1), err
    found["docx"] = [p for p in read_docx(path.read_bytes()).pieces if p.kind != "equal"]
    code, out, err = run(drafts, "blame", DOC, "--rev", "rev2", "--format", "json")
    assert code == 0, err
    found["blame"] = json.loads(out)["paragraphs"]
    code, out, err = run(drafts, "blame", DOC, "--rev", "rev2")
    assert code == 0, err
    found["blame text"] = out
    return found


# The failure of issue 10: AUT's accepted move of Action 4 after Action 7 ------------

def test_an_accepted_move_names_its_proposer_everywhere(copy: Path, tmp_path: Path) -> None:
    code, _, err = run(copy, "merge", DOC, "--into", "rev2", "--status", "accepted",
                       "--renumber", "--date", "2010-10-01", "--reopen")
    assert code == 0, err
    record = (copy / DOC / "revisions" / "rev2.txt").read_text(encoding="utf-8")
    assert f"\n@move {MOVED} | {AUT_MOVE} | AUT\n" in record
    found = outputs(copy, tmp_path)

    paragraphs = {p["id"]: p for p in found["json"]["paragraphs"]}
    moved = paragraphs[MOVED]
    assert moved["change"] == ["moved", "relabelled"]
    assert (moved["proposals"], moved["parties"]) == ([AUT_MOVE], ["AUT"])
    assert moved["by_change"] == {kind: {"proposals": [AUT_MOVE], "parties": ["AUT"]}
                                  for kind in ("moved", "relabelled")}
    renumbered = paragraphs["t0mjyn"]  # Action 5 → Action 4: the presidency's renumbering
    assert renumbered["change"] == "relabelled"
    assert not {"proposals", "parties", "by_change"} & renumbered.keys()

    assert "Action 4 → Action 7  (moved ‹AUT-ggtc: AUT›, relabelled ‹AUT-ggtc: AUT›)" \
        in found["terminal"]
    assert "@@ Action 4 → Action 7 | moved ‹AUT-ggtc: AUT›, relabelled ‹AUT-ggtc: AUT› @@" \
        in found["unified"]
    assert "**Action 4 → Action 7** *(moved<sup>AUT-ggtc: AUT</sup>, " \
        "relabelled<sup>AUT-ggtc: AUT</sup>)*" in found["markdown"]
    assert '<p class="head">Action 4 → Action 7 <span class="note">(moved<sup class="who" ' \
        'title="AUT-ggtc: AUT">AUT-ggtc: AUT</sup>, relabelled' in found["html"]
    assert "@@ Action 5 → Action 4 | relabelled @@" in found["unified"]

    encourage = [p for p in found["docx"] if p.text.startswith(("Encourage States not party",
                                                                  "Action 4 ", "Action 7 "))]
    assert {(p.kind, p.text.split(" ")[0] + p.text.split(" ")[1], p.author)
            for p in encourage} == {("delete", "Action4", "AUT"), ("delete", "EncourageStates",
                                                                   "AUT"),
                                    ("insert", "Action7", "AUT"), ("insert", "EncourageStates",
                                                                   "AUT")}
    assert ISSUER not in {p.author for p in encourage}

    [blamed] = [p for p in found["blame"] if p["id"] == MOVED]
    assert blamed["moves"] == [{"revision": "rev2", "proposals": [AUT_MOVE], "parties": ["AUT"]}]
    assert "\nAction 7\n  moved in Rev.2 by AUT-ggtc (AUT)\n  Zero draft  Encourage States" \
        in found["blame text"]


def test_every_change_of_the_shipped_merge_is_credited_but_renumbering(
        copy: Path, tmp_path: Path) -> None:
    code, _, err = run(copy, "merge", DOC, "--into", "rev2", "--status", "accepted",
                       "--renumber", "--date", "2010-10-01", "--reopen")
    assert code == 0, err
    found = outputs(copy, tmp_path)
    for paragraph in found["json"]["paragraphs"]:
        kinds = paragraph["change"] if isinstance(paragraph["change"], list) \
            else [paragraph["change"]]
        credited = set(paragraph.get("by_change", {}))
        expected = set(kinds) - {"unchanged", "status"}
        if "moved" not in kinds:
            expected.discard("relabelled")
        assert credited == expected, paragraph
    renumbered = [p for p in found["json"]["paragraphs"]
                  if "relabelled" in p["change"] and "moved" not in p["change"]]
    issuer = [p for p in found["docx"] if p.author == ISSUER]
    assert issuer and all(p.text.strip().isdigit() for p in issuer)  # label digits only
    assert len(issuer) == 2 * len(renumbered)


# Each operation, end to end: propose, accept, merge, then diff, blame and Word ----------

PARTIES = ["CHL", "MEX"]
OPERATIONS: dict[str, tuple[list[str], set[str]]] = {
    "insert": (["--para", "Action 3", "--op", "insert", "--quote", "African Union",
                "--position", "after", "--text", ", the Caribbean Community"], {"modified"}),
    "delete": (["--para", "Action 3", "--op", "delete", "--quote", "and regional meetings"],
               {"modified"}),
    "replace": (["--para", "Action 3", "--op", "replace", "--quote", "promote adherence",
                 "--text", "encourage adherence"], {"modified"}),
    "add": (["--para", "Action 3", "--op", "add", "--position", "after", "--text",
             "Raise the Convention in the Commonwealth."], {"inserted"}),
    "delete-paragraph": (["--para", "Action 3", "--op", "delete-paragraph"], {"deleted"}),
    "move": (["--para", "Action 6", "--op", "move", "--destination", "Action 2",
              "--position", "before"], {"moved", "relabelled"}),
    "replace-paragraph": (["--para", "Action 3", "--op", "replace-paragraph", "--text",
                           "Raise the Convention in every regional organisation."],
                          {"modified"}),
    "retain": (["--para", "Action 3", "--op", "retain", "--quote", "regional meetings"], set()),
}
WHO = re.compile(r"(\[-.*?-\]|\{\+.*?\+\})(‹[^›]*›)?")


@pytest.mark.parametrize("renumber", [False, True], ids=["labels kept", "renumbered"])
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_each_operation_names_its_proposal_end_to_end(copy: Path, tmp_path: Path,
                                                      operation: str, renumber: bool) -> None:
    arguments, kinds = OPERATIONS[operation]
    code, out, err = run(copy, "propose", DOC, *arguments, "--by", "CHL", "--by", "MEX")
    assert code == 0, err
    pid = out.split(":")[0]
    # --force: deleting or replacing Action 3 conflicts with the accepted LBN-npzh on it,
    # which this merge leaves out
    assert run(copy, "accept", pid, "--force")[0] == 0
    code, _, err = run(copy, "merge", DOC, "--into", "rev2", "--id", pid, "--date",
                       "2010-10-01", "--reopen", *(["--renumber"] if renumber else []))
    assert code == 0, err
    credit = {"proposals": [pid], "parties": PARTIES}
    who = f"‹{pid}: CHL, MEX›"
    found = outputs(copy, tmp_path)

    # JSON: every changed span and every kind of change is the proposal's, but renumbering
    seen: set[str] = set()
    for paragraph in found["json"]["paragraphs"]:
        for span in paragraph["spans"]:
            if span["op"] != "equal":
                assert (span.get("proposals"), span.get("parties")) == (credit["proposals"],
                                                                        credit["parties"])
        change = paragraph["change"] if isinstance(paragraph["change"], list) \
            else [paragraph["change"]]
        # Action 3 was agreed ad ref: a change of its words reopens it (--reopen), and a
        # status change is no proposal's
        assert "status" not in change or paragraph["from_status"] == "ad-ref"
        credited = set(change) - {"unchanged", "status"}
        if "moved" not in change:
            credited.discard("relabelled")  # renumbering: no proposal's
        assert paragraph.get("by_change", {}) == {kind: credit for kind in credited}
        seen |= credited
        if "by_change" in paragraph:
            assert (paragraph["proposals"], paragraph["parties"]) == (credit["proposals"],
                                                                      credit["parties"])
    assert seen == kinds
    assert found["json"]["changed"] is (operation != "retain")

    # the text formats: each change and each move followed by who made it
    for marker, attribution in WHO.findall(found["unified"]):
        assert attribution == who, marker
    heads = [line for line in found["unified"].splitlines() if line.startswith("@@ ")]
    for head in heads:
        if "moved" in head:
            assert f"moved {who}, relabelled {who}" in head
    for format_ in ("terminal", "unified", "markdown", "html"):
        assert (pid in found[format_]) is (operation != "retain"), format_

    # Word: every tracked change by the proposers, except renumbered labels (the issuer's)
    renumbered = sum("relabelled" in p["change"] and "moved" not in p["change"]
                     for p in found["json"]["paragraphs"])
    authors = [p.author for p in found["docx"]]
    assert authors.count("CHL, MEX") > 0 or operation == "retain"
    assert {a for a in authors if a != "CHL, MEX"} <= {ISSUER}
    issuer = [p for p in found["docx"] if p.author == ISSUER]
    assert all(re.fullmatch(r"\w+( \w+)*", p.text.strip()) for p in issuer), issuer
    assert bool(issuer) is (renumbered > 0)

    # blame: the words it wrote, and the move it made, are its
    new = [s for p in found["blame"] for s in p["spans"] if s["revision"] == "rev2"]
    moves = [m for p in found["blame"] for m in p["moves"] if m["revision"] == "rev2"]
    assert all((s["proposals"], s["parties"]) == (credit["proposals"], credit["parties"])
               for s in new)
    assert bool(new) is (operation in ("insert", "replace", "add", "replace-paragraph"))
    assert moves == ([{"revision": "rev2", **credit}] if operation == "move" else [])
    if operation == "move":
        assert f"  moved in Rev.2 by {pid} (CHL, MEX)\n" in found["blame text"]


# The merge record --------------------------------------------------------------------

def test_the_move_record_round_trips_byte_for_byte_and_is_checked() -> None:
    good = ("draftkit revision 2\ndocument: d\nname: rev2\ndate: 2010-11-09\nissued-by: P\n"
            "parent: rev1\n\n@section s1 | - | H\n\n@para abc123 | OP6 | open\nText here.\n\n"
            "@para def456 | OP7 | open\nMore text.\n\n"
            "@change abc123 | 0-4 | 0-9 | NOR-1 IRL-2 | NOR IRL\n"
            "@move def456 | AUT-1 BEL-2 | AUT BEL\n@move abc123 | CHL-3 | -\n"
            "@label def456 | OP5 | OP7\n@incorporated NOR-1\n@incorporated AUT-1\n")
    parsed = parse_revision(good, "p.txt")
    assert parsed.record is not None
    assert parsed.record.provenance.moves == {"def456": Move(("AUT-1", "BEL-2"), ("AUT", "BEL")),
                                              "abc123": Move(("CHL-3",), ())}
    assert parsed.record.provenance.moved_by("def456") == Move(("AUT-1", "BEL-2"),
                                                               ("AUT", "BEL"))
    written = format_revision_file(parsed.to_revision("p.txt"), parsed.record)
    assert written.startswith(good)
    again = parse_revision(written, "p.txt")
    assert again.sealed is True and again.record == parsed.record
    assert format_revision_file(again.to_revision("p.txt"), again.record) == written
    for bad, line in ((good.replace("@move def456 | AUT-1 BEL-2", "@move def456"), 17),
                      (good.replace("@move abc123 | CHL-3", "@move def456 | CHL-3"), 18),
                      (good.replace("@move abc123", "@move a!c"), 18),
                      (good.replace("| CHL-3 |", "| CHL 3! |"), 18)):
        with pytest.raises(FormatError, match=f"^p.txt:{line}: "):
            parse_revision(bad, "p.txt")


ids = st.from_regex(r"[A-Z]{2,5}-[a-z0-9]{4}", fullmatch=True)
codes = st.from_regex(r"[A-Z][A-Z-]{1,9}", fullmatch=True)
moves = st.dictionaries(identifier, st.builds(
    Move, st.lists(ids, min_size=1, max_size=3, unique=True).map(tuple),
    st.lists(codes, max_size=3, unique=True).map(tuple)), max_size=5)


@given(revisions(), moves, st.dictionaries(identifier, st.just((Change(0, 3, 0, 4, ("NOR-1",),
                                                                       ("NOR",)),)),
                                           max_size=3))
def test_any_record_of_moves_round_trips_byte_for_byte(
        revision: Revision, moved: dict[str, Move], changed: dict[str, tuple[Change]]) -> None:
    revision = attrs.evolve(revision, name="rev2", parent="rev1")
    record = MergeRecord(Provenance("rev2", "rev1", changed, moved), incorporated=("NOR-1",))
    text = format_revision_file(revision, record)
    parsed = parse_revision(text, "rev2.txt")
    assert parsed.sealed is True and parsed.record == record
    assert format_revision_file(parsed.to_revision("rev2.txt"), parsed.record) == text


def test_a_record_without_moves_is_written_as_before() -> None:
    revision = make_revision([("a", "OP1", "Text.")], name="rev2", parent="rev1")
    record = MergeRecord(Provenance("rev2", "rev1", {"a": (Change(0, 0, 0, 5, ("NOR-1",)),)}),
                         incorporated=("NOR-1",))
    text = format_revision_file(revision, record)
    assert "@move" not in text
    assert "\n\n@change a | 0-0 | 0-5 | NOR-1 | -\n@incorporated NOR-1\n\n@sha256 " in text


# Moves: the one a proposal moved is the one shown as moved ------------------------------

def test_the_recorded_move_is_the_one_shown_moved_not_its_neighbour() -> None:
    before = make_revision([("a", "OP1", "First."), ("b", "OP2", "Second."),
                            ("c", "OP3", "Third.")])
    after = make_revision([("b", "OP1", "Second."), ("a", "OP2", "First."),
                           ("c", "OP3", "Third.")], name="rev1", parent="zero-draft")
    guessed = {p.id: p.change for p in diff(before, after).paragraphs}
    assert guessed["a"] == ("moved", "relabelled")  # a longest increasing subsequence's pick
    recorded = Provenance("rev1", "zero-draft", {}, {"b": Move(("NOR-1",), ("NOR",))})
    shown = {p.id: p for p in diff(before, after, recorded).paragraphs}
    assert shown["b"].change == ("moved", "relabelled") and shown["a"].change == ("relabelled",)
    assert shown["b"].proposals == ("NOR-1",) and shown["a"].credits == ()


def test_a_move_that_leaves_the_order_alone_credits_only_its_label() -> None:
    before = make_revision([("a", "OP1", "First."), ("b", "OP2", "Second.")])
    after = make_revision([("a", "OP1", "First."), ("b", "OP1 bis", "Second.")],
                          name="rev1", parent="zero-draft")
    recorded = Provenance("rev1", "zero-draft", {}, {"b": Move(("NOR-1",), ("NOR",))})
    [_, b] = diff(before, after, recorded).paragraphs
    assert b.change == ("relabelled",)
    assert [(c.kind, c.proposals) for c in b.credits] == [("relabelled", ("NOR-1",))]


# The merge itself, moved and edited at once ---------------------------------------------

def moved_and_edited() -> tuple[Revision, Revision, Provenance]:
    zero = make_revision([("p1", "OP1", "Recall the Convention."),
                          ("p2", "OP2", "Welcome the progress made."),
                          ("p3", "OP3", "Decide to meet again.")])
    move = make_proposal("AUT-1", "p1", Operation(OperationKind.MOVE, position=Position.AFTER,
                                                  destination="p3"), parties=("AUT",))
    edit = make_proposal("NOR-1", "p1", words_op("Recall the Convention.", "insert",
                                                 "Convention", " on Cluster Munitions",
                                                 "after"), parties=("NOR", "IRL"), n=1)
    result = merge(zero, [move, edit], History({"zero-draft": zero}, {}),
                   MergeOptions("rev1", dt.date(2010, 9, 1), "Presidency", renumber=True))
    assert result.revision is not None and result.provenance is not None
    assert result.provenance.moves == {"p1": Move(("AUT-1",), ("AUT",))}
    return zero, result.revision, result.provenance


def test_a_paragraph_moved_and_edited_credits_both() -> None:
    zero, one, provenance = moved_and_edited()
    [p1] = [p for p in diff(zero, one, provenance).paragraphs if p.id == "p1"]
    assert p1.change == ("modified", "moved", "relabelled")
    assert [(c.kind, c.parties) for c in p1.credits] == [
        ("modified", ("NOR", "IRL")), ("moved", ("AUT",)), ("relabelled", ("AUT",))]
    assert p1.parties == ("NOR", "IRL", "AUT")
    pieces = [p for p in read_docx(diff_to_docx(zero, one, provenance)).pieces
              if p.kind != "equal" and "Recall" in p.text]
    assert {(p.kind, p.author) for p in pieces} == {("delete", "AUT"), ("insert", "AUT, NOR, IRL")}


def test_blame_lists_each_move_with_who_made_it() -> None:
    zero, one, provenance = moved_and_edited()
    assert [p.id for p in one.paragraphs()] == ["p2", "p3", "p1"]
    two = make_revision([("p1", "OP1", "Recall the Convention on Cluster Munitions."),
                         ("p2", "OP2", "Welcome the progress made."),
                         ("p3", "OP3", "Decide to meet again.")],
                        name="rev2", parent="rev1")  # revised by hand: p1 back on top
    [blamed] = blame([zero, one, two], {"rev1": provenance}, ["p1"])
    assert blamed.moves == (Origin("rev1", ("AUT-1",), ("AUT",)), Origin("rev2"))
    assert blamed.spans[1].origin == Origin("rev1", ("NOR-1",), ("NOR", "IRL"))
    [unmoved] = blame([zero, one, two], {"rev1": provenance}, ["p3"])
    assert unmoved.moves == ()
