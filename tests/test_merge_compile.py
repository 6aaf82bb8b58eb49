"""The compilation value: every proposal in place, competing ones together, stale ones apart."""

from __future__ import annotations

from attrs import evolve

from conftest import make_revision
from draftkit.compilation import Compilation, Contest, compile_text
from draftkit.model import Document, DocumentKind
from draftkit.proposals import Event, Operation, OperationKind, Position, Proposal
from merge_helpers import T0, history_of, make_proposal, words_op

TEXT = "Destroy all stockpiles as soon as possible, and within eight years."
REVISION = make_revision([("p1", "OP5", TEXT), ("p2", "OP6", "Report every year.")])
DOCUMENT = Document("test-doc", "Test declaration", DocumentKind.DECLARATION)


def compiled(*proposals: Proposal) -> Compilation:
    return compile_text(DOCUMENT, REVISION, list(proposals), history_of(REVISION))


def contests(compilation: Compilation, index: int = 0) -> list[Contest]:
    paragraph = compilation.sections[0].paragraphs[index]
    return [piece for piece in paragraph.pieces if isinstance(piece, Contest)]


def test_competing_wordings_are_one_contest_with_each_side_attributed() -> None:
    nor = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                                "within eight years"), accepted=False)
    nor = evolve(nor, history=(*nor.history, Event(T0, "IRL", "supported"),
                               Event(T0, "MEX", "opposed")))
    mex = make_proposal("MEX-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                                "within ten years"), parties=("MEX",), n=1)
    keep = make_proposal("GBR-1", "p1", words_op(TEXT, "retain", "as soon as possible"),
                         parties=("GBR",), n=2)
    result = compiled(nor, mex, keep)
    [contest] = contests(result)
    assert contest.original == "as soon as possible"
    assert [(o.action, o.wording, o.proposers, o.supporters, o.opponents)
            for o in contest.options] == [
        ("replace", "within eight years", ("NOR",), ("IRL",), ("MEX",)),
        ("replace", "within ten years", ("MEX",), (), ()),
        ("retain", "as soon as possible", ("GBR",), (), ())]
    assert len(result.conflicts) == 1 and set(result.conflicts[0].ids) == {"NOR-1", "MEX-1",
                                                                           "GBR-1"}
    pieces = result.sections[0].paragraphs[0].pieces
    assert pieces[0] == "Destroy all stockpiles " and pieces[2] == ", and within eight years."


def test_insertions_deletions_notes_and_added_paragraphs_are_placed() -> None:
    insert = make_proposal("NOR-1", "p1", words_op(TEXT, "insert", "Destroy", "promptly",
                                                   "after"))
    delete = make_proposal("EU-1", "p1", words_op(TEXT, "delete", "all"), parties=("BEL",),
                           group="EU", n=1)
    move = make_proposal("AUT-1", "p2", Operation(OperationKind.MOVE, position=Position.BEFORE,
                                                  destination="p1"), n=2)
    add = make_proposal("MEX-1", "p1", Operation(OperationKind.ADD, text="A new one.",
                                                 position=Position.AFTER), n=3)
    again = make_proposal("CHL-1", "p1", Operation(OperationKind.ADD, text="Another.",
                                                   position=Position.AFTER), n=4)
    result = compiled(insert, delete, move, add, again)
    [first, second] = contests(result)
    assert (first.original, first.options[0].wording) == ("", "promptly")
    assert (second.original, second.options[0].wording) == ("all", "")
    assert second.options[0].proposers == ("BEL on behalf of EU",)
    paragraphs = result.sections[0].paragraphs
    assert [(p.label, p.added.proposals if p.added else None) for p in paragraphs] == [
        ("OP5", None), ("OP5 bis", ("MEX-1",)), ("OP5 ter", ("CHL-1",)), ("OP6", None)]
    assert [(n.action, n.wording) for n in paragraphs[3].notes] == [("move", "before OP5")]
    assert not result.conflicts and result.shown == 5


def test_stale_proposals_are_listed_apart() -> None:
    old = make_revision([("p1", "OP5", "Destroy every stockpile.")])
    rev = make_revision([("p1", "OP5", TEXT)], name="rev1", parent="zero-draft")
    stale = make_proposal("NOR-1", "p1", words_op("Destroy every stockpile.", "replace",
                                                  "every stockpile", "them"))
    result = compile_text(DOCUMENT, rev, [stale], history_of(rev, old))
    assert [s.proposal for s in result.stale] == ["NOR-1"] and result.shown == 0
    assert result.sections[0].paragraphs[0].pieces == (TEXT,)
