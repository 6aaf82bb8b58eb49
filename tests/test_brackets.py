"""Brackets already in the text (issue 11, item 7): a retain of one bracketed
alternative lifts the brackets and drops the others; the compilation attributes the
alternatives in their own brackets instead of wrapping them in a second layer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from draftkit.anchors import occurrences
from draftkit.api import Drafts, open_drafts
from draftkit.brackets import bracket_sets, lift, lifted, set_at
from draftkit.cli import cli
from draftkit.compilation import Contest, Option
from draftkit.edits import Words, edit_of, write
from draftkit.proposals import OperationKind, ProposalError, ProposalStatus, word_operation
from draftkit.render import compilation as render

DOC = "vientiane-action-plan"
SET = "[within eight years] [well before the eight-year deadline]"
ACTION_10 = ("Destroy all stockpiled cluster munitions as soon as possible and in any case "
             f"{SET} of entry into force, so that no extension request under Article 3 "
             "becomes necessary.")
WHEN = dt.datetime(2010, 9, 20, 9, 0, tzinfo=dt.UTC)  # before the input deadline
DAY = dt.date(2010, 10, 1)


def run(drafts: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    return result.exit_code, result.stdout, result.stderr


def retain(drafts: Drafts, quote: str, party: str, revision: str | None = None) -> str:
    return drafts.propose(DOC, paragraph="Action 10", operation="retain", quote=quote,
                          proposers=[party], revision=revision, when=WHEN).id


# the sets of alternatives in a text

def test_bracketed_groups_side_by_side_are_one_set_of_alternatives() -> None:
    [found] = bracket_sets(ACTION_10)
    assert ACTION_10[found.start:found.end] == SET and found.groups == 2
    assert found.words(ACTION_10) == ("within eight years",
                                      "well before the eight-year deadline")
    slashed = "x [as soon as possible / within eight years] y [z], [a] or [b]"
    sets = bracket_sets(slashed)
    assert [s.words(slashed) for s in sets] == [
        ("as soon as possible", "within eight years"), ("z",), ("a",), ("b",)]
    assert sets[0].groups == 1
    nested = "keep [[one] two / three] here"
    assert bracket_sets(nested)[0].words(nested) == ("[one] two", "three")
    assert bracket_sets("and/or [x / ] [ ] unclosed [ y") == []
    assert set_at(ACTION_10, ACTION_10.index(SET), ACTION_10.index(SET) + len(SET))
    assert set_at(ACTION_10, ACTION_10.index(SET), ACTION_10.index(SET) + 20) is None


@pytest.mark.parametrize(("quote", "result"), [
    ("[within eight years]", "in any case within eight years of entry"),
    ("within eight years", "in any case within eight years of entry"),
    ("[well before the eight-year deadline]", "in any case well before the eight-year "
                                              "deadline of entry"),
    ("well before the eight-year deadline", "in any case well before the eight-year "
                                            "deadline of entry"),
])
def test_retaining_one_alternative_lifts_its_brackets_and_drops_the_others(
        quote: str, result: str) -> None:
    operation = word_operation(OperationKind.RETAIN, ACTION_10, quote)
    written = operation.apply(ACTION_10)
    assert written is not None and result in written and "[" not in written
    assert write(Words.of(ACTION_10), [edit_of(operation, ACTION_10)]).text == written


@pytest.mark.parametrize("quote", [SET, "eight years", "[within eight years] [well",
                                   "as soon as possible"])
def test_any_other_retain_changes_nothing(quote: str) -> None:
    assert lift(ACTION_10, ACTION_10.index(quote), ACTION_10.index(quote) + len(quote)) is None
    operation = word_operation(OperationKind.RETAIN, ACTION_10, quote)
    assert operation.apply(ACTION_10) == ACTION_10
    edit = edit_of(operation, ACTION_10)
    assert edit.text == Words.of(ACTION_10).span(edit.start, edit.end)


@pytest.mark.parametrize(("text", "quote", "result"), [
    ("a [one / two] b", "two", "a two b"),
    ("[one] [two] b", "[one]", "one b"),
    ("a ([one] [two]).", "two", "a (two)."),
    ("a [one], b", "[one]", "a one, b"),
])
def test_lifting_keeps_the_spacing_right(text: str, quote: str, result: str) -> None:
    operation = word_operation(OperationKind.RETAIN, text, quote)
    assert operation.apply(text) == result
    assert lifted(text, text.index(quote), text.index(quote) + len(quote)) == result
    assert write(Words.of(text), [edit_of(operation, text)]).text == result


ALTERNATIVE = st.lists(st.sampled_from(["within", "eight", "years", "ລາວ", "😀", ","]),
                       min_size=1, max_size=3).map(" ".join)


@given(st.lists(ALTERNATIVE, min_size=1, max_size=3), st.booleans(), st.data())
def test_a_lifting_retain_writes_what_its_operation_writes(
        alternatives: list[str], slashed: bool, data: st.DataObject) -> None:
    body = ("[" + " / ".join(alternatives) + "]") if slashed else \
        " ".join(f"[{a}]" for a in alternatives)
    text = f"States will {body} act."
    chosen = data.draw(st.integers(0, len(alternatives) - 1))
    quote = alternatives[chosen]
    start = bracket_sets(text)[0].alternatives[chosen].start
    occurrence = occurrences(text, quote).index(start) + 1
    operation = word_operation(OperationKind.RETAIN, text, quote, occurrence)
    written = operation.apply(text)
    assert written is not None and "[" not in written and quote in written
    if quote.isascii() and quote.replace(" ", "").isalpha():  # spaced as words are
        assert written == f"States will {quote} act."
    assert write(Words.of(text), [edit_of(operation, text)]).text == written


# merging: bracket-lifting end to end on the shipped drafts

def test_an_accepted_retain_of_one_alternative_lifts_the_brackets_when_merged(copy: Path,
                                                                          ) -> None:
    drafts = open_drafts(copy)
    made = retain(drafts, "[within eight years]", "IRL")
    drafts.accept(made)
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=[made]), date=DAY)
    assert result.recorded and result.applied == (made,)
    text = drafts.paragraph(DOC, "Action 10", "rev2").text
    assert text == ACTION_10.replace(SET, "within eight years")
    provenance = drafts.provenance(DOC, "rev2")
    assert provenance is not None
    [change] = provenance.for_paragraph(drafts.paragraph(DOC, "Action 10").id)
    assert change.proposals == (made,) and change.parties == ("IRL",)
    assert text[change.new_start:change.new_end] == "within eight years"
    assert drafts.proposal(made).status is ProposalStatus.INCORPORATED
    [lifting] = [b for b in drafts.blame(DOC, "rev2", "Action 10")[0].spans
                 if b.origin.revision == "rev2"]
    assert lifting.text == "within eight years" and lifting.origin.proposals == (made,)


def test_a_retain_and_a_replace_choosing_one_alternative_are_one_change(copy: Path) -> None:
    drafts = open_drafts(copy)
    made = retain(drafts, "well before the eight-year deadline", "NZL")
    drafts.accept("MEX-rz2x")
    assert drafts.conflict_with_accepted(made) is None  # the same change: no conflict
    drafts.accept(made)
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=["MEX-rz2x", made]), date=DAY)
    assert result.combined == (("MEX-rz2x", made),)
    assert drafts.paragraph(DOC, "Action 10", "rev2").text == \
        ACTION_10.replace(SET, "well before the eight-year deadline")


def test_the_replace_of_the_whole_set_keeps_working(copy: Path) -> None:
    drafts = open_drafts(copy)
    drafts.accept("NOR-y6bx")
    drafts.merge(DOC, "rev2", drafts.select(DOC, ids=["NOR-y6bx"]), date=DAY)
    assert drafts.paragraph(DOC, "Action 10", "rev2").text == \
        ACTION_10.replace(SET, "within eight years")


def test_retaining_different_alternatives_conflicts(copy: Path) -> None:
    drafts = open_drafts(copy)
    first = retain(drafts, "[within eight years]", "IRL")
    second = retain(drafts, "[well before the eight-year deadline]", "NZL")
    drafts.accept(first)
    with pytest.raises(ProposalError, match=f"{second} conflicts with accepted {first}"):
        drafts.accept(second)
    drafts.accept(second, force=True)
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=[first, second]), date=DAY,
                          dry_run=True)
    [conflict] = result.conflicts
    assert conflict.words == SET
    assert [s.wording for s in conflict.sides] == ["within eight years",
                                                   "well before the eight-year deadline"]


def test_merge_bracket_writes_no_second_layer_and_a_later_retain_lifts_it(copy: Path) -> None:
    drafts = open_drafts(copy)
    for made in ("GBR-tr27", "NZL-vz5r", "NOR-y6bx", "MEX-rz2x"):
        drafts.accept(made, force=True)
    result = drafts.merge(DOC, "rev2", drafts.select(DOC, ids=["GBR-tr27", "NZL-vz5r",
                                                              "NOR-y6bx", "MEX-rz2x"]),
                          date=DAY, bracket=True, reopen=True)  # Action 1 is agreed ad ref
    assert result.recorded and result.applied == () and set(result.bracketed) == {
        "GBR-tr27", "NZL-vz5r", "NOR-y6bx", "MEX-rz2x"}
    # choosing among alternatives the text already brackets leaves them as they are
    action_10 = drafts.paragraph(DOC, "Action 10", "rev2")
    assert action_10.text == ACTION_10
    provenance = drafts.provenance(DOC, "rev2")
    assert provenance is not None and not provenance.for_paragraph(action_10.id)
    # words with no brackets yet get them, once
    action_1 = drafts.paragraph(DOC, "Action 1", "rev2").text
    assert "the Convention [as soon as possible / without delay], giving" in action_1
    # a later retain of one of them lifts the brackets: shown, then merged
    made = drafts.propose(DOC, paragraph="Action 1", operation="retain",
                          quote="without delay", proposers=["IRL"], when=WHEN).id
    rival = drafts.propose(DOC, paragraph="Action 1", operation="replace",
                           quote="[as soon as possible / without delay]", text="promptly",
                           proposers=["JPN"], when=WHEN).id
    compiled = render.to_text(drafts.compile(DOC, drafts.select(DOC, ids=[made, rival])))
    assert "the Convention [as soon as possible / without delay - IRL retain / promptly - " \
        "JPN], giving" in compiled
    drafts.accept(made)
    drafts.merge(DOC, "rev3", drafts.select(DOC, ids=[made]), date=DAY)
    assert "the Convention without delay, giving" in \
        drafts.paragraph(DOC, "Action 1", "rev3").text


# the compilation text

def line_of(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"{label} "))


def test_the_compilation_attributes_the_alternatives_in_the_text(copy: Path) -> None:
    drafts = open_drafts(copy)
    code, out, err = run(copy, "merge", DOC, "--compile")
    assert code == 0, err
    action = line_of(out, "Action 10")
    assert "[[" not in action
    assert action == (
        "Action 10 Destroy all stockpiled cluster munitions as soon as possible and in any "
        "case [within eight years - NOR retain; GBR, DEU support; CMC (observer) oppose] "
        "[well before the eight-year deadline - MEX, PER, CHL retain; NZL, CMC (observer), "
        "HI (observer) support; JPN oppose] of entry into force, so that no extension "
        "request under Article 3 becomes necessary.")
    # the same choice by a retain joins it; positions on the whole set and new wordings
    # follow in brackets of their own
    retain(drafts, "[within eight years]", "IRL")
    drafts.propose(DOC, paragraph="Action 10", operation="delete", quote=SET,
                   proposers=["SEN"], when=WHEN)
    retain(drafts, SET, "FRA")
    drafts.propose(DOC, paragraph="Action 10", operation="replace", quote=SET,
                   text="within ten years", proposers=["JPN"], when=WHEN)
    code, out, err = run(copy, "merge", DOC, "--compile")
    assert code == 0, err
    action = line_of(out, "Action 10")
    assert "in any case [within eight years - NOR, IRL retain; GBR, DEU support; " \
        "CMC (observer) oppose] [well before the eight-year deadline - MEX, PER, CHL " \
        "retain; " in action
    assert "JPN oppose] [within ten years - JPN] [retain both - FRA] [delete both - SEN] " \
        "of entry into force" in action and "[[" not in action


def test_the_compilation_formats_say_the_same(copy: Path) -> None:
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "json")
    data = json.loads(out)
    [paragraph] = [p for s in data["sections"] for p in s["paragraphs"]
                   if p["label"] == "Action 10"]
    [contest] = [p["contest"] for p in paragraph["pieces"] if "contest" in p]
    assert contest["original"] == SET
    assert contest["alternatives"] == [
        {"group": 0, "words": "within eight years"},
        {"group": 1, "words": "well before the eight-year deadline"}]
    assert {o["proposals"][0]: o["alternative"] for o in contest["options"]} == {
        "NOR-y6bx": 0, "MEX-rz2x": 1}
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "markdown")
    assert code == 0
    action = line_of(out, "**Action 10**")
    assert r"\[within eight years *- NOR retain; GBR, DEU support; CMC (observer) " \
        r"oppose*\]" in action and r"\[\[" not in action
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "html")
    assert code == 0 and "[<u>within eight years</u>" in out and "[[" not in out
    code, out, _ = run(copy, "merge", DOC, "--compile", "--format", "terminal")
    assert code == 0 and "[within eight years - NOR retain;" in " ".join(out.split())


def test_a_contest_over_words_that_are_not_a_set_is_shown_as_before() -> None:
    retained = Option("retain", "as soon as possible", ("GBR-1",), ("GBR",))
    contest = Contest("as soon as possible", (retained,))
    assert "".join(t for _, t in render.contest_parts(contest)) == \
        "[as soon as possible - GBR retain]"
    single = Contest("[as soon as possible]", (retained,), ((0, "as soon as possible"),))
    assert "".join(t for _, t in render.contest_parts(single)) == \
        "[as soon as possible] [retain - GBR]"


def test_bracket_lifting_on_the_command_line(copy: Path) -> None:
    code, out, err = run(copy, "propose", DOC, "--para", "Action 10", "--op", "retain",
                         "--quote", "[within eight years]", "--by", "IRL")
    assert code == 0, err
    made = out.split(":")[0]
    code, out, err = run(copy, "diff", DOC, "--proposal", made, "--format", "json")
    [changed] = [p for p in json.loads(out)["paragraphs"] if p["change"] != "unchanged"]
    assert code == 1 and changed["to_label"] == "Action 10" and changed["proposals"] == [made]
    assert "".join(s["text"] for s in changed["spans"] if s["op"] != "delete") == \
        ACTION_10.replace(SET, "within eight years")
    assert run(copy, "accept", made)[0] == 0
    code, out, err = run(copy, "merge", DOC, "--into", "rev2", "--id", made, "--date",
                         "2010-10-01")
    assert code == 0, err
    code, out, _ = run(copy, "show", DOC, "--para", "Action 10")
    assert "in any case within eight years of entry into force" in " ".join(out.split())


BRACKETED = st.lists(st.sampled_from(["[", "]", " / ", "/", " ", "eight", "ລາວ", "😀", "\n"]),
                     max_size=14).map("".join)


@given(BRACKETED)
def test_set_at_is_the_set_found_there(text: str) -> None:
    found = bracket_sets(text)
    for one in found:
        inside = text[one.start:one.end]
        assert inside.startswith("[") and inside.endswith("]")
        assert inside.count("[") >= 1 and inside.count("[") == inside.count("]")
    for start in range(-1, len(text) + 2):
        for end in range(start, len(text) + 2):
            expected = next((s for s in found if (s.start, s.end) == (start, end)), None)
            assert set_at(text, start, end) == expected
