"""The merge engine: word edits, rebase, conflicts, resolution, the merged revision."""

from __future__ import annotations

import pytest

from conftest import make_revision
from draftkit.anchors import anchor_at, locate
from draftkit.edits import Words, edit_of, write
from draftkit.errors import DraftkitError
from draftkit.proposals import Operation, OperationKind, Position, Proposal
from merge_helpers import make_proposal, one, run_merge, text_of, words_op

TEXT = ("Destroy all stockpiled cluster munitions as soon as possible, and in any case "
        "within eight years of entry into force.")


@pytest.mark.parametrize(("kind", "quote", "new", "position"), [
    ("delete", "as soon as possible", "", None),
    ("delete", "Destroy", "", None),
    ("delete", "force", "", None),
    ("replace", "as soon as possible", "without delay", None),
    ("replace", "as soon as possible", "as soon as practicable", None),
    ("replace", "eight", "eight (8)", None),
    ("insert", "stockpiled", "existing", "before"),
    ("insert", "force", ", at the latest", "after"),
    ("insert", "Destroy", "Promptly", "before"),
    ("retain", "cluster munitions", "", None),
])
def test_an_edit_alone_writes_exactly_what_the_operation_does(
        kind: str, quote: str, new: str, position: str | None) -> None:
    operation = words_op(TEXT, kind, quote, new, position)
    written = write(Words.of(TEXT), [edit_of(operation, TEXT)])
    assert written.text == operation.apply(TEXT)


def test_replacements_keep_unchanged_words_out_of_the_edit() -> None:
    edit = edit_of(words_op(TEXT, "replace", "as soon as possible", "as soon as practicable"),
                   TEXT)
    assert (edit.start, edit.end, edit.text) == (8, 9, "practicable")


def test_edits_on_separate_words_combine_and_adjacent_deletions_tidy_their_spaces() -> None:
    ops = [words_op(TEXT, "delete", "all"), words_op(TEXT, "delete", "stockpiled"),
           words_op(TEXT, "replace", "eight", "ten")]
    result = run_merge(one(TEXT), [make_proposal(f"P-{n}", "p1", op, n=n)
                                   for n, op in enumerate(ops)])
    assert text_of(result) == TEXT.replace("all stockpiled ", "").replace("eight", "ten")
    assert result.applied == ("P-0", "P-1", "P-2") and not result.conflicts


def test_overlapping_edits_conflict_and_nothing_is_made() -> None:
    a = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                              "within eight years"))
    b = make_proposal("MEX-1", "p1", words_op(TEXT, "replace", "possible", "practicable"),
                      parties=("MEX",), n=1)
    result = run_merge(one(TEXT), [a, b])
    assert result.revision is None and not result.clean
    [conflict] = result.conflicts
    assert conflict.words == "as soon as possible" and conflict.label == "OP1"
    assert [s.proposals for s in conflict.sides] == [("NOR-1",), ("MEX-1",)]
    assert [s.wording for s in conflict.sides] == ["within eight years", "as soon as practicable"]
    assert [s.parties for s in conflict.sides] == [("NOR",), ("MEX",)]


def test_different_insertions_at_one_place_conflict_identical_ones_combine() -> None:
    def insert(pid: str, words: str, n: int, party: str) -> Proposal:
        return make_proposal(pid, "p1", words_op(TEXT, "insert", "Destroy", words, "after"),
                             parties=(party,), n=n)

    result = run_merge(one(TEXT), [insert("A-1", "promptly", 0, "NOR"),
                                   insert("B-1", "fully", 1, "MEX")])
    assert result.conflicts and result.conflicts[0].words == ""
    assert result.conflicts[0].place == 'between "Destroy" and "all"'
    same = run_merge(one(TEXT), [insert("A-1", "promptly", 0, "NOR"),
                                 insert("B-1", "promptly", 1, "IRL")])
    assert text_of(same) == TEXT.replace("Destroy", "Destroy promptly")
    assert same.combined == (("A-1", "B-1"),)
    assert same.provenance is not None
    [change] = same.provenance.for_paragraph("p1")
    assert change.proposals == ("A-1", "B-1") and change.parties == ("NOR", "IRL")


def test_insertions_before_and_after_the_same_gap_are_the_same_place() -> None:
    a = make_proposal("A-1", "p1", words_op(TEXT, "insert", "Destroy", "promptly", "after"))
    b = make_proposal("B-1", "p1", words_op(TEXT, "insert", "all", "fully", "before"), n=1)
    assert run_merge(one(TEXT), [a, b]).conflicts


def test_edits_that_meet_combine() -> None:
    """Our rule for adjacent edits (git would report a conflict): they combine."""
    a = make_proposal("A-1", "p1", words_op(TEXT, "replace", "all", "every"))
    b = make_proposal("B-1", "p1", words_op(TEXT, "delete", "stockpiled"), n=1)
    c = make_proposal("C-1", "p1", words_op(TEXT, "insert", "all", "the", "after"), n=2)
    result = run_merge(one(TEXT), [a, b, c])
    assert text_of(result) == TEXT.replace("all stockpiled", "every the")


def test_a_retain_conflicts_with_edits_of_its_words_only() -> None:
    keep = make_proposal("GBR-1", "p1", words_op(TEXT, "retain", "as soon as possible"),
                         parties=("GBR",))
    change = make_proposal("NZL-1", "p1", words_op(TEXT, "replace", "soon", "quickly"), n=1)
    elsewhere = make_proposal("IRL-1", "p1", words_op(TEXT, "replace", "eight", "ten"), n=2)
    also_keep = make_proposal("FRA-1", "p1", words_op(TEXT, "retain", "soon as"), n=3)
    result = run_merge(one(TEXT), [keep, change, elsewhere, also_keep])
    [conflict] = result.conflicts
    assert set(conflict.ids) == {"GBR-1", "NZL-1", "FRA-1"}
    paragraph_retain = make_proposal("MEX-1", "p1", Operation(OperationKind.RETAIN), n=4)
    result = run_merge(one(TEXT), [elsewhere, paragraph_retain])
    assert result.conflicts[0].scope == "paragraph"
    assert text_of(run_merge(one(TEXT), [keep, elsewhere])) == TEXT.replace("eight", "ten")


def test_paragraph_operations_conflict_with_edits_of_their_paragraph() -> None:
    edit = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "eight", "ten"))
    gone = make_proposal("EU-1", "p1", Operation(OperationKind.DELETE_PARAGRAPH), n=1)
    whole = make_proposal("MEX-1", "p1", Operation(OperationKind.REPLACE_PARAGRAPH,
                                                   text="Destroy them."), n=2)
    for other in (gone, whole):
        [conflict] = run_merge(one(TEXT), [edit, other]).conflicts
        assert conflict.scope == "paragraph" and conflict.words == TEXT
    revision = make_revision([("p1", "OP1", TEXT), ("p2", "OP2", "Report yearly.")])
    result = run_merge(revision, [gone])
    assert result.revision is not None and result.revision.by_id("p1") is None
    assert result.provenance is not None
    assert result.provenance.for_paragraph("p1")[0].proposals == ("EU-1",)


def test_added_paragraphs_go_in_in_proposal_order_as_bis_and_ter() -> None:
    revision = make_revision([("p1", "OP5", TEXT), ("p2", "OP6", "Report yearly.")])
    first = make_proposal("NOR-1", "p1", Operation(OperationKind.ADD, text="First added.",
                                                   position=Position.AFTER))
    second = make_proposal("MEX-1", "p1", Operation(OperationKind.ADD, text="Second added.",
                                                    position=Position.AFTER), n=1)
    before = make_proposal("IRL-1", "p2", Operation(OperationKind.ADD, text="Before OP6.",
                                                    position=Position.BEFORE), n=2)
    result = run_merge(revision, [first, second, before])
    assert result.revision is not None
    shown = [(str(p.label), p.text) for p in result.revision.paragraphs()]
    assert shown == [("OP5", TEXT), ("OP5 bis", "First added."), ("OP5 ter", "Second added."),
                     ("OP5 quater", "Before OP6."), ("OP6", "Report yearly.")]
    renumbered = run_merge(revision, [first, second, before], renumber=True)
    assert renumbered.revision is not None
    assert [str(p.label) for p in renumbered.revision.paragraphs()] == \
        ["OP5", "OP6", "OP7", "OP8", "OP9"]
    assert {(r.old, r.new) for r in renumbered.labels} >= {(None, "OP6"), ("OP6", "OP9")}


def test_a_moved_paragraph_takes_a_new_label_and_a_second_move_conflicts() -> None:
    revision = make_revision([("p1", "OP1", "One."), ("p2", "OP2", "Two."),
                              ("p3", "OP3", "Three.")])
    move = make_proposal("AUT-1", "p1", Operation(OperationKind.MOVE, position=Position.AFTER,
                                                  destination="p3"))
    result = run_merge(revision, [move])
    assert result.revision is not None
    assert [(p.id, str(p.label)) for p in result.revision.paragraphs()] == \
        [("p2", "OP2"), ("p3", "OP3"), ("p1", "OP3 bis")]
    other = make_proposal("BEL-1", "p1", Operation(OperationKind.MOVE, position=Position.AFTER,
                                                   destination="p2"), n=1)
    itself = make_proposal("BEL-2", "p2", Operation(OperationKind.MOVE, position=Position.AFTER,
                                                    destination="p2"), n=2)
    assert text_of(run_merge(revision, [itself]), "p2") == "Two."
    [conflict] = run_merge(revision, [move, other]).conflicts
    assert conflict.scope == "placement"
    assert [s.wording for s in conflict.sides] == ["after OP3", "after OP2"]


def test_prefer_makes_one_side_win_and_sets_the_other_aside() -> None:
    a = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                              "within eight years"))
    b = make_proposal("MEX-1", "p1", words_op(TEXT, "delete", "as soon as possible"), n=1)
    c = make_proposal("IRL-1", "p1", words_op(TEXT, "replace", "eight", "ten"), n=2)
    result = run_merge(one(TEXT), [a, b, c], prefer=frozenset({"MEX-1"}))
    assert result.clean and result.set_aside == ("NOR-1",)
    assert set(result.applied) == {"MEX-1", "IRL-1"}
    assert text_of(result) == ("Destroy all stockpiled cluster munitions, and in any case "
                               "within ten years of entry into force.")


def test_bracket_leaves_competing_wordings_as_alternatives() -> None:
    a = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                              "within eight years"))
    b = make_proposal("GBR-1", "p1", words_op(TEXT, "retain", "as soon as possible"), n=1)
    c = make_proposal("MEX-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                              "within ten years"), n=2)
    result = run_merge(one(TEXT), [a, b, c], bracket=True)
    assert result.clean and set(result.bracketed) == {"NOR-1", "GBR-1", "MEX-1"}
    assert "[as soon as possible / within eight years / within ten years]," in text_of(result)
    assert result.applied == ()
    deletion = make_proposal("EU-1", "p1", Operation(OperationKind.DELETE_PARAGRAPH), n=3)
    edit = make_proposal("IRL-1", "p1", words_op(TEXT, "replace", "eight", "ten"), n=4)
    whole = run_merge(one(TEXT), [deletion, edit], bracket=True)
    assert text_of(whole) == "[" + TEXT.replace("eight", "ten") + "]"


def test_moves_cannot_be_bracketed() -> None:
    revision = make_revision([("p1", "OP1", "One."), ("p2", "OP2", "Two."),
                              ("p3", "OP3", "Three.")])
    moves = [make_proposal(f"X-{n}", "p1", Operation(OperationKind.MOVE, position=Position.AFTER,
                                                     destination=d), n=n)
             for n, d in enumerate(("p2", "p3"))]
    assert run_merge(revision, moves, bracket=True).conflicts


def test_a_new_paragraph_where_no_label_fits_asks_for_renumbering() -> None:
    revision = make_revision([("p1", "OP5", "One."), ("p2", "OP5 bis", "Two.")])
    add = make_proposal("NOR-1", "p2", Operation(OperationKind.ADD, text="New.",
                                                 position=Position.BEFORE))
    with pytest.raises(DraftkitError, match="--renumber"):
        run_merge(revision, [add])
    result = run_merge(revision, [add], renumber=True)
    assert result.revision is not None
    assert [str(p.label) for p in result.revision.paragraphs()] == ["OP5", "OP6", "OP7"]


def test_quoted_words_are_never_searched_for_elsewhere() -> None:
    text = "the plan and the plan"
    place = locate(text, "plan", 2)
    operation = Operation(OperationKind.REPLACE, anchor_at(text, place), "programme")
    result = run_merge(one(text), [make_proposal("N-1", "p1", operation)])
    assert text_of(result) == "the plan and the programme"
