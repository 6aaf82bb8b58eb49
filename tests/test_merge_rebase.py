"""Carrying proposals written against an older revision: identities, staleness, reasons."""

from __future__ import annotations

from datetime import date

from conftest import make_revision
from draftkit.merge import MergeOptions, merge
from draftkit.proposals import Operation, OperationKind, Position
from draftkit.provenance import Change, Provenance
from draftkit.rebase import History
from merge_helpers import make_proposal, run_merge, text_of, words_op

OP6 = "Commit to destroy all stockpiles as soon as possible."
ZERO = make_revision([("a1", "OP5", "Recall the Convention."), ("b2", "OP6", OP6)])
REV1 = make_revision([("a1", "OP5", "Recall the Convention."),
                      ("n3", "OP6", "A paragraph inserted in Rev.1."),
                      ("b2", "OP7", OP6.replace("Commit", "Undertake"))],
                     name="rev1", parent="zero-draft")


def test_a_proposal_on_op6_of_the_zero_draft_lands_on_the_same_paragraph_now_op7() -> None:
    proposal = make_proposal("NOR-1", "b2", words_op(OP6, "replace", "as soon as possible",
                                                     "within eight years"))
    result = run_merge(REV1, [proposal], ZERO)
    assert result.clean and result.applied == ("NOR-1",)
    assert text_of(result, "b2") == "Undertake to destroy all stockpiles within eight years."
    assert result.revision is not None
    assert str(result.revision.by_id("b2").label) == "OP7"  # type: ignore[union-attr]


def test_renumbering_in_the_merge_keeps_the_identity() -> None:
    proposal = make_proposal("NOR-1", "b2", words_op(OP6, "delete", "all"))
    add = make_proposal("MEX-1", "a1", Operation(OperationKind.ADD, text="New after OP5.",
                                                 position=Position.AFTER), n=1)
    result = run_merge(REV1, [proposal, add], ZERO, renumber=True)
    assert result.revision is not None
    moved = result.revision.by_id("b2")
    assert moved is not None and str(moved.label) == "OP8" and " all " not in moved.text
    assert ("b2", "OP7", "OP8") in {(r.paragraph, r.old, r.new) for r in result.labels}


def test_changed_words_make_a_proposal_stale_with_the_reason() -> None:
    proposal = make_proposal("NOR-1", "b2", words_op(OP6, "replace", "Commit", "Pledge"))
    result = run_merge(REV1, [proposal], ZERO)
    [stale] = result.stale
    assert stale.proposal == "NOR-1" and stale.label == "OP7"
    assert stale.reason == 'the words "Commit" became "Undertake" in Rev.1'
    assert result.revision is None


def test_the_reason_names_the_proposal_behind_the_change_where_provenance_says() -> None:
    proposal = make_proposal("NOR-1", "b2", words_op(OP6, "replace", "Commit", "Pledge"))
    provenance = Provenance("rev1", "zero-draft",
                            {"b2": (Change(0, 6, 0, 9, ("EU-7xdg",), ("BEL", "EU")),)})
    history = History({"zero-draft": ZERO, "rev1": REV1}, {"rev1": provenance})
    result = merge(REV1, [proposal], history, MergeOptions("rev2", date(2010, 9, 1), "P"))
    assert result.stale[0].reason.endswith("in Rev.1 by EU-7xdg (BEL, EU)")


def test_a_deleted_paragraph_makes_its_proposals_stale_and_skip_stale_goes_on() -> None:
    rev1 = make_revision([("a1", "OP5", "Recall the Convention.")], name="rev1",
                         parent="zero-draft")
    gone = make_proposal("NOR-1", "b2", words_op(OP6, "delete", "all"))
    fine = make_proposal("MEX-1", "a1", words_op("Recall the Convention.", "insert",
                                                 "Convention", " on Cluster Munitions",
                                                 "after"), n=1)
    result = run_merge(rev1, [gone, fine], ZERO)
    assert [(s.proposal, s.reason) for s in result.stale] == [("NOR-1", "OP6 was deleted in "
                                                                        "Rev.1")]
    assert result.revision is None
    skipped = run_merge(rev1, [gone, fine], ZERO, skip_stale=True)
    assert skipped.applied == ("MEX-1",)
    assert text_of(skipped, "a1") == "Recall the Convention on Cluster Munitions."


def test_paragraph_operations_are_stale_once_the_paragraph_changed() -> None:
    whole = make_proposal("EU-1", "b2", Operation(OperationKind.REPLACE_PARAGRAPH, text="New."))
    add = make_proposal("NOR-1", "b2", Operation(OperationKind.ADD, text="Added.",
                                                 position=Position.AFTER), n=1)
    result = run_merge(REV1, [whole, add], ZERO)
    assert [s.proposal for s in result.stale] == ["EU-1"]
    assert result.stale[0].reason == "OP6 was changed in Rev.1"


def test_repeated_words_next_to_a_change_are_never_guessed_at() -> None:
    zero = make_revision([("p1", "OP1", "the plan plan of action")])
    rev1 = make_revision([("p1", "OP1", "the plan of action")], name="rev1",
                         parent="zero-draft")
    first = make_proposal("N-1", "p1", words_op("the plan plan of action", "replace", "plan",
                                                "programme", occurrence=1))
    result = run_merge(rev1, [first], zero)
    [stale] = result.stale
    assert "next to the same words" in stale.reason
    untouched = make_proposal("N-2", "p1", words_op("the plan plan of action", "replace",
                                                    "action", "work"))
    assert text_of(run_merge(rev1, [untouched], zero)) == "the plan of work"


def test_an_edit_next_to_a_change_still_applies() -> None:
    proposal = make_proposal("NOR-1", "b2", words_op(OP6, "insert", "to", "really", "before"))
    result = run_merge(REV1, [proposal], ZERO)
    assert text_of(result, "b2") == "Undertake really to destroy all stockpiles as soon as " \
                                    "possible."
