"""Importing a Word file is idempotent and faithful.

What draftkit exported comes back as the record, not as input; a file (or
the same items in a later file) imported before records nothing again and
says so; Word comments and replies are told apart by their identity and
position, never by their words; `--party` names only the authors who name
no party; whatever is not imported is listed line by line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import run_split as run
from conftest import snapshot
from docx_edits import WordCopy
from draftkit.api import Drafts, open_drafts
from draftkit.proposals import OperationKind
from test_docx_import import applied

DOC = "vientiane-action-plan"


def exported(drafts: Drafts) -> WordCopy:
    return WordCopy(drafts.export_docx(DOC, "rev1"))


def saved(copy: WordCopy, path: Path) -> Path:
    path.write_bytes(copy.data)
    return path


def nothing(result: object) -> bool:
    plan = result.plan  # type: ignore[attr-defined]
    return (plan.proposals, plan.comments, plan.replies) == ((), (), ())


# An unchanged export

@pytest.mark.parametrize("party", [None, "NOR"])
def test_an_unchanged_export_imports_as_nothing_and_says_so(copy: Path, tmp_path: Path,
                                                             party: str | None) -> None:
    drafts = open_drafts(copy)
    path = tmp_path / "rev1.docx"
    path.write_bytes(drafts.export_docx(DOC, "rev1"))
    before = snapshot(copy)
    result = drafts.import_docx(DOC, path, revision="rev1", party=party)
    assert nothing(result) and result.plan.problems == () and result.plan.already == ()
    assert (result.plan.exported_comments, result.plan.exported_replies) == (12, 6)
    assert snapshot(copy) == before
    code, out, err = run(copy, "import", DOC, str(path), "--rev", "rev1",
                         *(["--party", party] if party else []))
    assert code == 0, err
    assert out.splitlines() == [
        "nothing to import from rev1.docx: no tracked change, and no comment or reply "
        "that is not already recorded",
        "  12 comments and 6 replies in it are draftkit's own, as exported"]
    assert snapshot(copy) == before


def test_the_political_declaration_unchanged_imports_as_nothing(copy: Path,
                                                                tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    for name in drafts.revision_names("political-declaration"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(drafts.export_docx("political-declaration", name))
        for party in (None, "NOR"):
            result = drafts.import_docx("political-declaration", path, revision=name,
                                        party=party)
            assert nothing(result) and result.plan.problems == (), name


# The same file twice

def delegation(drafts: Drafts) -> WordCopy:
    copy = exported(drafts)
    copy.replace("concrete", "practical", "NOR")
    copy.comment("grouped by theme", "CHL", "editorial: Say “subject”?")
    copy.reply("C-GBR-rdx9", "NOR", "Norway agrees.")
    return copy


def test_the_same_file_imported_twice_records_nothing_the_second_time(
        copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    path = saved(delegation(drafts), tmp_path / "norway.docx")
    first = drafts.import_docx(DOC, path, revision="rev1")
    assert (len(first.proposals), len(first.comments), len(first.replies)) == (1, 1, 1)
    assert first.plan.problems == () and first.plan.already == ()
    before = snapshot(copy)
    again = drafts.import_docx(DOC, path, revision="rev1")
    assert nothing(again) and again.plan.problems == ()
    assert [(a.kind, a.id) for a in again.plan.already] == [
        ("proposal", first.proposals[0].id), ("comment", first.comments[0].id),
        ("reply", "C-GBR-rdx9")]
    assert snapshot(copy) == before
    code, out, _ = run(copy, "import", DOC, str(path), "--rev", "rev1")
    assert code == 0 and snapshot(copy) == before
    lines = out.splitlines()
    assert lines[0] == "nothing to import from norway.docx: all 3 items in it are " \
                       "already recorded"
    assert "already recorded (3):" in lines
    assert f"  {first.proposals[0].id}  2: replace \"concrete\" with \"practical\" — NOR" \
        in lines
    assert any(line.startswith(f"  {first.comments[0].id}  editorial comment by CHL")
               for line in lines)
    assert "  reply by NOR to C-GBR-rdx9: Norway agrees." in lines


def test_a_later_file_records_only_what_is_new(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    later = delegation(drafts)
    first = drafts.import_docx(DOC, saved(later, tmp_path / "norway.docx"), revision="rev1")
    later.replace("theme", "subject", "NOR")
    later.reply(later.find("CHL", "editorial: Say"), "NOR", "Norway would keep “theme”.")
    result = drafts.import_docx(DOC, saved(later, tmp_path / "norway-2.docx"),
                                revision="rev1")
    (made,) = result.proposals
    assert (made.label, made.operation.anchor and made.operation.anchor.quote) == \
        ("3", "theme")
    (replied,) = result.replies
    assert replied.id == first.comments[0].id
    assert [(r.party, r.text) for r in replied.replies] == [
        ("NOR", "Norway would keep “theme”.")]
    assert result.comments == () and result.plan.problems == ()
    assert {a.id for a in result.plan.already} == {first.proposals[0].id,
                                                   first.comments[0].id, "C-GBR-rdx9"}


def test_a_proposal_already_made_by_hand_is_not_made_again(copy: Path,
                                                           tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    by_hand = drafts.propose(DOC, paragraph="2", operation="replace", quote="concrete",
                             text="practical", proposers=["NOR"], revision="rev1")
    result = drafts.import_docx(DOC, saved(delegation(drafts), tmp_path / "n.docx"),
                                revision="rev1")
    assert result.proposals == ()
    assert [(a.kind, a.id) for a in result.plan.already][:1] == [("proposal", by_hand.id)]
    other = drafts.import_docx(DOC, saved(delegation(drafts), tmp_path / "n.docx"),
                               revision="rev1", party="CHL")
    assert other.proposals == ()  # the author NOR keeps its own party


# Identity, not words

def test_a_new_comment_with_the_words_of_an_earlier_reply_is_imported(
        copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    drafts.reply("C-CMC-8m24", "CHL", "Support.")
    copy_ = exported(drafts)
    copy_.comment("grouped by theme", "CHL", "Support.")
    copy_.reply("C-GBR-rdx9", "CHL", "Support.")
    copy_.beside("C-CMC-8m24", "DEU", "Germany will report lot numbers voluntarily.")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "chile.docx"), revision="rev1")
    assert result.plan.problems == () and result.plan.already == ()
    assert sorted((c.party, c.text, c.label) for c in result.comments) == [
        ("CHL", "Support.", "3"), ("DEU", "Germany will report lot numbers voluntarily.",
                                   "Action 15")]
    (replied,) = result.replies
    assert replied.id == "C-GBR-rdx9" and replied.replies[-1].text == "Support."
    assert replied.replies[-1].party == "CHL"


def test_the_same_reply_twice_in_one_thread_is_reported(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    drafts.reply("C-CMC-8m24", "CHL", "Support.")
    copy_ = exported(drafts)
    copy_.reply("C-CMC-8m24", "CHL", "Support.")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "chile.docx"), revision="rev1")
    assert nothing(result)
    (already,) = result.plan.already
    assert (already.kind, already.id) == ("reply", "C-CMC-8m24")
    code, out, _ = run(copy, "import", DOC, str(tmp_path / "chile.docx"), "--rev", "rev1")
    assert code == 0 and "  reply by CHL to C-CMC-8m24: Support." in out.splitlines()
    assert out.startswith("nothing to import from chile.docx: all 1 item in it is "
                          "already recorded")


def test_replies_come_back_threadless_as_from_libreoffice(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.unthread()
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "lo.docx"), revision="rev1",
                                party="NOR")
    assert nothing(result) and result.plan.problems == ()
    assert (result.plan.exported_comments, result.plan.exported_replies) == (12, 6)


def test_a_comment_naming_another_comment_is_a_new_comment(copy: Path,
                                                           tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.comment("grouped by theme", "CHL", "We support comment C-NOR-z442.")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "chile.docx"), revision="rev1")
    (made,) = result.comments
    assert (made.party, made.text) == ("CHL", "We support comment C-NOR-z442.")


def test_an_exported_comment_or_reply_that_is_not_ours_is_reported(copy: Path,
                                                                   tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.comment("grouped by theme", "CHL", "Copied\nGeneral comment C-NOR-z442")
    copy_.comment("concrete", "NOR", "From elsewhere\nGeneral comment C-NOR-abcd")
    copy_.set_text(copy_.find("FRA", "France agrees"), "France disagrees.")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "x.docx"), revision="rev1")
    assert nothing(result)
    problems = "\n".join(result.plan.problems)
    assert len(result.plan.problems) == 3, problems
    assert "“Copied General comment C-NOR-z442” by 'CHL' carries the mark of C-NOR-z442, " \
           "a comment by NOR" in problems
    assert "C-NOR-abcd, which is no comment of vientiane-action-plan" in problems
    assert "FRA's reply of 2010-09-12 10:00 to C-GBR-rdx9 reads “France disagrees.” in " \
           "the file" in problems


def test_a_reply_to_a_reply_joins_its_thread(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.reply(copy_.find("FRA", "France agrees"), "NOR", "So does Norway.")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "x.docx"), revision="rev1")
    (replied,) = result.replies
    assert replied.id == "C-GBR-rdx9"
    assert (replied.replies[-1].party, replied.replies[-1].text) == ("NOR", "So does Norway.")


def test_empty_comments_and_replies_are_reported(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.comment("grouped by theme", "CHL", " ")
    copy_.reply("C-GBR-rdx9", "NOR", "")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "x.docx"), revision="rev1")
    assert nothing(result)
    problems = "\n".join(result.plan.problems)
    assert "an empty comment on 3 by CHL" in problems
    assert "an empty reply to C-GBR-rdx9 by NOR" in problems


# --party

def parties_file(drafts: Drafts) -> WordCopy:
    copy = exported(drafts)
    copy.replace("concrete", "practical", "CHL")
    copy.replace("theme", "subject", "Norway")
    copy.replace("essential", "vital", "J. Smith")
    copy.replace("duplication", "overlap", "")
    copy.comment("The actions are grouped", "J. Smith", "A person's comment")
    copy.comment("Rights of Persons", "Chile", "Chile's comment")
    return copy


def test_party_names_only_the_authors_who_name_no_party(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    path = saved(parties_file(drafts), tmp_path / "mixed.docx")
    result = drafts.import_docx(DOC, path, revision="rev1", party="IRL")
    assert result.plan.problems == ()
    assert sorted((p.label, p.proposers) for p in result.proposals) == [
        ("2", ("CHL",)), ("3", ("NOR",)), ("6", ("IRL",)), ("8", ("IRL",))]
    assert sorted((c.label, c.party) for c in result.comments) == [("3", "IRL"),
                                                                   ("8", "CHL")]


def test_without_party_unknown_authors_are_reported(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    path = saved(parties_file(drafts), tmp_path / "mixed.docx")
    result = drafts.import_docx(DOC, path, revision="rev1", dry_run=True)
    assert sorted((p.address, p.proposers) for p in result.plan.proposals) == [
        ("2", ("CHL",)), ("3", ("NOR",))]
    assert [c.party for c in result.plan.comments] == ["CHL"]
    problems = "\n".join(result.plan.problems)
    assert len(result.plan.problems) == 3, problems
    assert "a change to 6 by 'J. Smith', who is no party" in problems
    assert "a comment on 3 “A person's comment” by 'J. Smith', who is no party" in problems
    assert "a change to 8 without an author" in problems


# Tracked changes are credited to their own authors

def test_a_paragraph_deleted_by_one_party_and_added_by_another_is_no_move(
        copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    rev1 = drafts.revision(DOC, "rev1")
    moved = rev1.find("8")
    copy_ = exported(drafts)
    copy_.delete_paragraph("8 ", "NOR")
    copy_.add_paragraph("9 ", moved.text, "CHL")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "x.docx"), revision="rev1")
    assert result.plan.problems == ()
    assert sorted((p.operation.kind.value, p.label, p.proposers) for p in result.proposals) \
        == [(OperationKind.ADD.value, "9", ("CHL",)),
            (OperationKind.DELETE_PARAGRAPH.value, "8", ("NOR",))]
    copy_ = exported(drafts)
    copy_.delete_paragraph("8 ", "NOR")
    copy_.add_paragraph("9 ", moved.text, "Norway")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "y.docx"), revision="rev1")
    (move,) = result.proposals
    assert (move.operation.kind, move.label, move.proposers) == (OperationKind.MOVE, "8",
                                                                 ("NOR",))


def test_each_change_is_credited_to_the_authors_of_its_own_tracked_words(
        copy: Path, tmp_path: Path) -> None:
    """The words the text diff finds changed may sit beside the tracked ones (an insertion
    repeating its neighbour): the credit follows the tracked change, not the diff."""
    drafts = open_drafts(copy)
    copy_ = exported(drafts)
    copy_.insert("It sets out ", "concrete and ", "NOR")
    copy_.replace("timely", "prompt", "CHL")
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "x.docx"), revision="rev1")
    assert result.plan.problems == ()
    assert sorted(p.proposers for p in result.proposals) == [("CHL",), ("NOR",)]
    rev1 = drafts.revision(DOC, "rev1")
    expected = rev1.find("2").text.replace("It sets out ", "It sets out concrete and ") \
        .replace("timely", "prompt")
    assert expected in applied(rev1, list(result.proposals))


def test_word_keeping_reply_times_to_the_minute_still_knows_them(copy: Path,
                                                                 tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    drafts.reply("C-GBR-rdx9", "CHL", "Support.",
                 when=dt.datetime(2010, 9, 20, 8, 15, 37, tzinfo=dt.UTC))
    copy_ = exported(drafts)
    comments = copy_.files["word/comments.xml"]
    assert 'w:date="2010-09-20T08:15:37Z"' in comments
    copy_.files["word/comments.xml"] = comments.replace("T08:15:37Z", "T08:15:00Z")
    copy_.unthread()
    result = drafts.import_docx(DOC, saved(copy_, tmp_path / "word.docx"), revision="rev1")
    assert nothing(result) and result.plan.problems == ()
    assert result.plan.exported_replies == 7


def test_json_lists_what_is_already_recorded(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    path = saved(delegation(drafts), tmp_path / "norway.docx")
    first = drafts.import_docx(DOC, path, revision="rev1")
    drafts.withdraw(first.proposals[0].id, "NOR")
    code, out, _ = run(copy, "import", DOC, str(path), "--rev", "rev1", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["proposals"], report["comments"], report["replies"]) == ([], [], [])
    assert [(a["kind"], a["id"]) for a in report["already_recorded"]] == [
        ("proposal", first.proposals[0].id), ("comment", first.comments[0].id),
        ("reply", "C-GBR-rdx9")]
    assert report["already_recorded"][0]["status"] == "withdrawn"
    assert report["exported"] == {"comments": 12, "replies": 6}
    assert report["source"] == "norway.docx" and report["not_imported"] == []
