from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE
from draftkit.anchors import AnchorError, occurrences
from draftkit.api import Drafts, open_drafts
from draftkit.errors import DraftkitError, NotFoundError
from draftkit.proposals import (
    OperationKind,
    Position,
    ProposalError,
    ProposalStatus,
    word_operation,
)
from draftkit.store.item_format import format_proposal, parse_proposal

DOC = "vientiane-action-plan"


@pytest.fixture
def drafts(tmp_path: Path) -> Drafts:
    """A copy of the shipped drafts without their sample items."""
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("proposals", "comments"))
    return open_drafts(root)


def test_replace_words_and_lifecycle(drafts: Drafts) -> None:
    text = drafts.paragraph(DOC, "Action 27").text
    made = drafts.propose(DOC, paragraph="Action 27", operation="delete",
                          quote="[EU: delete]", proposers=["EU"])
    assert made.id.startswith("EU-")
    assert made.operation.apply(text) == text.replace(" [EU: delete]", "")
    drafts.support(made.id, "IRL")
    drafts.oppose(made.id, "MEX", "keep the national plan")
    drafts.accept(made.id, "agreed in informal consultations")
    again = open_drafts(drafts.root).proposal(made.id)
    assert again.status is ProposalStatus.ACCEPTED
    assert (again.supporters, again.opponents) == (("IRL",), ("MEX",))
    assert [e.action for e in again.history] == ["proposed", "supported", "opposed", "accepted"]


@pytest.mark.parametrize(("change", "message"), [
    ({"proposers": ["XXX"]}, "unknown party"),
    ({"paragraph": "Action 999"}, "no paragraph Action 999"),
    ({"quote": "words that are not there"}, "not in the paragraph"),
    ({"quote": "and"}, "occurs 3 times"),
    ({"on_behalf_of": "NOR"}, "not a group"),
])
def test_bad_proposals_write_nothing(drafts: Drafts, change: dict[str, object],
                                     message: str) -> None:
    fields: dict[str, object] = {"paragraph": "Action 27", "operation": "replace",
                                 "quote": "[EU: delete]", "text": "new", "proposers": ["NOR"]}
    fields.update(change)
    with pytest.raises(DraftkitError, match=message):
        drafts.propose(DOC, **fields)  # type: ignore[arg-type]
    assert drafts.proposals(DOC) == []


def test_quotes_match_whole_words(drafts: Drafts) -> None:
    text = drafts.paragraph(DOC, "Action 27").text
    assert "plans" in text and text.count("plan") == 2
    made = drafts.propose(DOC, paragraph="Action 27", operation="replace", quote="plan",
                          text="programme", proposers=["NOR"])
    result = made.operation.apply(text)
    assert result is not None and "plans" in result and "national programme of action" in result


def test_forbidden_transitions(drafts: Drafts) -> None:
    made = drafts.propose(DOC, paragraph="Action 27", operation="retain", proposers=["MEX"])
    with pytest.raises(ProposalError, match="only its proposers"):
        drafts.withdraw(made.id, "NOR")
    drafts.withdraw(made.id, "MEX")
    with pytest.raises(ProposalError, match="withdrawn: it cannot be accepted"):
        drafts.accept(made.id)
    with pytest.raises(ProposalError, match="positions are closed"):
        drafts.support(made.id, "NOR")
    with pytest.raises(DraftkitError, match="not a plain id"):
        drafts.proposal("../etc/passwd")


def test_old_addresses_find_renumbered_paragraphs(drafts: Drafts) -> None:
    zero = drafts.revision(DOC, "zero-draft")
    rev1 = drafts.revision(DOC, "rev1")
    moved = next(p for p in zero.paragraphs() if p.label is not None and
                 rev1.by_id(p.id) is not None and rev1.by_id(p.id).label != p.label)
    made = drafts.propose(DOC, revision="zero-draft", paragraph=str(moved.label),
                          operation="retain", proposers=["CHL"])
    now = rev1.by_id(moved.id)
    assert now is not None
    assert [p.id for p in drafts.proposals(DOC, paragraph=str(now.label))] == [made.id]
    assert drafts.paragraph(DOC, f"{moved.label}@zero-draft").id == moved.id


def test_filters(drafts: Drafts) -> None:
    a = drafts.propose(DOC, paragraph="Action 27", operation="retain", proposers=["ZMB"],
                       on_behalf_of="AFRICAN-GROUP")
    b = drafts.propose(DOC, paragraph="Action 1", operation="retain", proposers=["NOR", "IRL"])
    assert [p.id for p in drafts.proposals(DOC, party="GHA")] == [a.id]
    assert [p.id for p in drafts.proposals(DOC, party="IRL")] == [b.id]
    assert [p.id for p in drafts.proposals(DOC, section="VI")] == [a.id]
    assert [p.id for p in drafts.proposals(DOC, status="proposed")] == [a.id, b.id]


def _propose_many(args: tuple[str, int]) -> list[str]:
    root, worker = args
    drafts = open_drafts(root)
    party = ["NOR", "CHL", "MEX", "IRL"][worker % 4]
    return [drafts.propose(DOC, paragraph="Action 27", operation="retain", proposers=[party],
                           rationale=f"worker {worker} item {n}").id for n in range(100)]


def test_sixteen_processes_add_a_hundred_each(drafts: Drafts) -> None:
    with multiprocessing.get_context("fork").Pool(16) as pool:
        made = pool.map(_propose_many, [(str(drafts.root), w) for w in range(16)])
    ids = [i for batch in made for i in batch]
    assert len(ids) == len(set(ids)) == 1600
    found = open_drafts(drafts.root).proposals(DOC)
    assert sorted(p.id for p in found) == sorted(ids)
    assert {p.rationale for p in found} == {f"worker {w} item {n}"
                                             for w in range(16) for n in range(100)}


words = st.lists(st.sampled_from(["as", "soon", "possible", "[within", "eight]", "years",
                                  "États", "مرحبا", "𝔘𝔫𝔦", "and"]), min_size=3, max_size=14)


@given(words, st.data())
def test_word_operations_change_only_their_words(sentence: list[str],
                                                 data: st.DataObject) -> None:
    text = " ".join(sentence)
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    quote = " ".join(sentence[start:end])
    occurrence = len(occurrences(text, quote))
    kind = data.draw(st.sampled_from([OperationKind.DELETE, OperationKind.REPLACE,
                                      OperationKind.INSERT]))
    try:
        op = word_operation(kind, text, quote, None, "NEW", Position.AFTER)
    except AnchorError:
        assert occurrence > 1
        return
    result = op.apply(text)
    assert result is not None
    at = occurrences(text, quote)[0]
    if kind is OperationKind.REPLACE:
        assert result == text[:at] + "NEW" + text[at + len(quote):]
    elif kind is OperationKind.INSERT:
        assert result == text[:at + len(quote)] + " NEW" + text[at + len(quote):]
    else:
        assert result.replace(" ", "") == (text[:at] + text[at + len(quote):]).replace(" ", "")
        assert "  " not in result


def test_proposal_file_round_trips(drafts: Drafts) -> None:
    made = drafts.propose(DOC, paragraph="Action 27", operation="insert",
                          quote="[EU: delete]", text="[GRULAC: retain]", position="before",
                          proposers=["MEX", "CHL"], on_behalf_of="GRULAC",
                          rationale="Keep | both", when=dt.datetime(2010, 9, 1, tzinfo=dt.UTC))
    drafts.support(made.id, "PER", "with | pipes")
    path = drafts.root / DOC / "proposals" / f"{made.id}.txt"
    text = path.read_text()
    assert format_proposal(parse_proposal(text, str(path))) == text


def test_unknown_proposal(drafts: Drafts) -> None:
    with pytest.raises(NotFoundError):
        drafts.support("NOR-zzzz", "CHL")
