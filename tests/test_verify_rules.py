"""The rules of `draftkit verify` as pure laws over a commit (no git here: see
test_verify.py for the real repository). Files are written by draftkit's own
formatters, with hostile text in every value."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from draftkit.comments import Comment, CommentType, Decision, Disposition, Reply
from draftkit.keys import PRESIDENCY
from draftkit.model import Party, PartyKind
from draftkit.proposals import Event, Operation, OperationKind, Proposal
from draftkit.store.item_format import format_comment, format_proposal
from draftkit.verify import Commit, Texts, judge
from strategies import paragraph_text, spiced

WHEN = dt.datetime(2010, 9, 20, 10, 0, tzinfo=dt.UTC)
PARTIES = {code: Party(code, PartyKind.STATE, code) for code in ("NOR", "GBR", "BEL", "FRA")}
PARTIES["EU"] = Party("EU", PartyKind.GROUP, "European Union", ("BEL", "FRA"))
PARTIES["CMC"] = Party("CMC", PartyKind.CIVIL_SOCIETY, "Cluster Munition Coalition")
PATH = "vap/proposals/GBR-abcd.txt"


def proposal(text: str = "x", proposers: tuple[str, ...] = ("GBR",),
             on_behalf_of: str | None = None, events: tuple[Event, ...] = ()) -> Proposal:
    return Proposal(id="GBR-abcd", document="vap", revision="rev1", paragraph="p1",
                    operation=Operation(OperationKind.REPLACE_PARAGRAPH, text=text),
                    proposers=proposers, on_behalf_of=on_behalf_of, created=WHEN,
                    rationale=text, history=(Event(WHEN, proposers[0], "proposed"), *events))


def signed(by: str, *files: Texts) -> list[str]:
    """The reasons judge gives for a commit signed by a key of `by`."""
    commit = Commit("c0ffee", "G", f"SHA256:{by}", {f"SHA256:{h}": h for h in PARTIES} | {
        f"SHA256:{PRESIDENCY}": PRESIDENCY}, PARTIES, files)
    return [finding.why for finding in judge(commit)]


def appended(before: Proposal, after: Proposal) -> Texts:
    return Texts(PATH, (format_proposal(before),), format_proposal(after))


@given(paragraph_text, spiced)
def test_a_position_verifies_for_its_party_only(text: str, note: str) -> None:
    before = proposal(text)
    after = proposal(text, events=(Event(WHEN, "NOR", "supported", note=note),))
    assert signed("NOR", appended(before, after)) == []
    assert signed("CMC", appended(before, after)) == ["'supported' by NOR, signed for CMC"]
    assert signed(PRESIDENCY, appended(before, after)) == [
        "'supported' by NOR, signed for Presidency"]


@given(spiced)
def test_decisions_are_the_presidencys_whatever_name_they_give(note: str) -> None:
    before = proposal()
    for by in (PRESIDENCY, "GBR"):
        after = proposal(events=(Event(WHEN, by, "accepted", note=note),))
        assert signed(PRESIDENCY, appended(before, after)) == []
        assert signed("GBR", appended(before, after)) == [
            f"'accepted' (by {by}) is the presidency's, signed for GBR"]


@given(paragraph_text, st.sampled_from(["crlf", "bom", "strip", "reorder", "blank"]))
def test_what_changes_no_meaning_is_no_rewrite(text: str, how: str) -> None:
    committed = format_proposal(proposal(text, events=(
        Event(WHEN, "NOR", "supported"), Event(WHEN, "FRA", "opposed"))))
    lines = committed.split("\n")
    changed = {"crlf": committed.replace("\n", "\r\n"), "bom": "\ufeff" + committed,
               "strip": "\n".join(line.rstrip(" \t") for line in lines),
               "reorder": "\n".join([*lines[:-3], lines[-2], lines[-3], ""]),
               "blank": committed + "\n\n"}[how]
    assert signed("GBR", Texts(PATH, (committed,), changed)) == []


@given(paragraph_text, st.data())
def test_removing_or_changing_any_committed_line_is_a_rewrite(text: str,
                                                              data: st.DataObject) -> None:
    committed = format_proposal(proposal(text, events=(Event(WHEN, "NOR", "supported"),)))
    lines = committed.rstrip("\n").split("\n")
    gone = data.draw(st.sampled_from([n for n, line in enumerate(lines) if line.strip()]))
    left = "\n".join(line for n, line in enumerate(lines) if n != gone) + "\n"
    assert "rewritten: lines committed before are changed or removed" in \
        signed("GBR", Texts(PATH, (committed,), left))[0]


def test_a_new_proposal_speaks_for_its_proposers_and_group() -> None:
    cosponsored = Texts(PATH, (), format_proposal(proposal(proposers=("GBR", "NOR"))))
    assert signed("NOR", cosponsored) == signed("GBR", cosponsored) == []
    assert signed("FRA", cosponsored) == ["a proposal by GBR NOR, signed for FRA"]
    for_eu = Texts(PATH, (), format_proposal(proposal(proposers=("BEL",), on_behalf_of="EU")))
    assert signed("BEL", for_eu) == signed("EU", for_eu) == []
    # FRA is a member of the EU, but BEL is the member speaking: FRA cannot table it
    assert signed("FRA", for_eu) == ["a proposal by BEL on behalf of EU, signed for FRA"]
    header_changed = Texts(PATH, (format_proposal(proposal("x")),),
                           format_proposal(proposal("y")))
    assert signed("GBR", header_changed) == [
        "rewritten: lines committed before are changed or removed; rewritten: its header "
        "changed after it was committed"]


def test_a_group_position_by_the_group_or_a_member() -> None:
    before = proposal()
    after = proposal(events=(Event(WHEN, "EU", "opposed"),))
    assert signed("EU", appended(before, after)) == signed("FRA", appended(before, after)) == []
    assert signed("NOR", appended(before, after)) == ["'opposed' by EU, signed for NOR"]


def test_comments_replies_and_dispositions() -> None:
    comment = Comment(id="C-CMC-abcd", document="vap", revision="rev1", party="CMC",
                      type=CommentType.GENERAL, text="Keep it.", created=WHEN)
    path = "vap/comments/C-CMC-abcd.txt"
    new = Texts(path, (), format_comment(comment))
    assert signed("CMC", new) == []
    assert signed("NOR", new) == ["a comment by CMC, signed for NOR"]
    replied = Comment(**{**_fields(comment), "replies": (Reply(WHEN, "NOR", "Agreed | so"),)})
    disposed = Comment(**{**_fields(comment), "decisions": (
        Decision(WHEN, PRESIDENCY, Disposition.NOTED),)})
    assert signed("NOR", Texts(path, (format_comment(comment),), format_comment(replied))) == []
    assert signed("CMC", Texts(path, (format_comment(comment),), format_comment(replied))) == [
        "a reply by NOR, signed for CMC"]
    assert signed("CMC", Texts(path, (format_comment(comment),), format_comment(disposed))) == [
        "a disposition (by Presidency) is the presidency's, signed for CMC"]


def test_the_presidencys_files_and_unsigned_commits() -> None:
    registry = Texts("parties.txt", ("draftkit parties 2\n",), "draftkit parties 2\n\n")
    assert signed(PRESIDENCY, registry) == []
    assert signed("NOR", registry) == ["the registry is the presidency's to change"]
    revision = Texts("vap/revisions/rev2.txt", (None,), "draftkit revision 2\n")
    assert signed("NOR", revision) == ["a revision is the presidency's to change"]
    edited = Texts("vap/decisions/ADREF-X-abcd.txt", ("a\n",), "b\n")
    assert signed(PRESIDENCY, edited) == [
        "a decision changed or removed after it was committed"]
    unsigned = Commit("c0ffee", "N", "", {}, PARTIES, (registry, revision))
    assert [(f.signer, f.why) for f in judge(unsigned)] == [("unsigned", "not signed")] * 2
    unknown = Commit("c0ffee", "G", "SHA256:other", {"SHA256:NOR": "NOR"}, PARTIES, (revision,))
    assert [(f.signer, f.why) for f in judge(unknown)] == [
        ("key SHA256:other not in the registry", "signed by a key not in the registry")]


def _fields(comment: Comment) -> dict[str, object]:
    return {name: getattr(comment, name) for name in (
        "id", "document", "revision", "party", "type", "text", "created", "paragraph",
        "anchor", "proposed_change", "label", "replies", "decisions")}
