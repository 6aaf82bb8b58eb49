"""Importing a delegation's .docx: tracked changes → proposals, comments → comments.

The round trip: a diff FROM → TO written as a redline and imported onto FROM
gives proposals whose application to FROM gives TO's text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import make_revision
from draftkit.anchors import find
from draftkit.api import Drafts, open_drafts
from draftkit.docx.blocks import Block, Note, NoteReply, Run, Tracked, heading
from draftkit.docx.redline import diff_to_docx
from draftkit.docx.writer import write_docx
from draftkit.model import Revision
from draftkit.proposals import OperationKind, Position, Proposal

DOC = "vientiane-action-plan"
WHEN = dt.datetime(2010, 9, 6, tzinfo=dt.UTC)


def applied(revision: Revision, proposals: list[Proposal]) -> list[str]:
    """The texts of `revision` with every proposal applied (each against the revision's
    own text, as merging does), in document order."""
    texts = {p.id: p.text for p in revision.paragraphs()}
    order = [p.id for p in revision.paragraphs()]
    on_words: dict[str, list[tuple[int, int, str]]] = {}
    added: dict[tuple[str, Position], list[str]] = {}
    for proposal in proposals:
        op, target = proposal.operation, proposal.paragraph
        if op.kind.on_words:
            assert op.anchor is not None
            old = texts[target]
            place = find(op.anchor, old)
            new = op.apply(old)
            assert new is not None
            on_words.setdefault(target, []).append(
                (place.start, place.end, new[place.start:len(new) - (len(old) - place.end)]))
        elif op.kind is OperationKind.REPLACE_PARAGRAPH:
            texts[target] = op.text
        elif op.kind is OperationKind.DELETE_PARAGRAPH:
            order.remove(target)
        elif op.kind is OperationKind.ADD:
            assert op.position is not None
            added.setdefault((target, op.position), []).append(op.text)
        elif op.kind is OperationKind.MOVE:
            assert op.destination is not None and op.position is not None
            order.remove(target)
            added.setdefault((op.destination, op.position), []).append(f"@{target}")
    for target, changes in on_words.items():
        text = texts[target]
        for start, end, replacement in sorted(changes, reverse=True):
            text = text[:start] + replacement + text[end:]
        texts[target] = text
    result: list[str] = []
    for paragraph_id in order:
        before = added.get((paragraph_id, Position.BEFORE), [])
        after = added.get((paragraph_id, Position.AFTER), [])
        for item in [*before, paragraph_id, *after]:
            key = item[1:] if item.startswith("@") else item
            result.append(texts.get(key, item))
    return result


def import_redline(drafts: Drafts, before: str, after: str, tmp_path: Path,
                   party: str | None = "NOR") -> list[Proposal]:
    data = diff_to_docx(drafts.revision(DOC, before), drafts.revision(DOC, after))
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    result = drafts.import_docx(DOC, path, revision=before, party=party)
    assert result.plan.problems == ()
    return list(result.proposals)


def test_a_redline_imports_as_proposals_that_give_the_new_text(copy: Path,
                                                               tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    proposals = import_redline(drafts, "zero-draft", "rev1", tmp_path)
    assert {p.proposers for p in proposals} == {("NOR",)}
    assert {p.revision for p in proposals} == {"zero-draft"}
    kinds = {p.operation.kind for p in proposals}
    assert {OperationKind.REPLACE, OperationKind.INSERT, OperationKind.ADD, OperationKind.MOVE,
            OperationKind.DELETE_PARAGRAPH} <= kinds
    assert applied(drafts.revision(DOC, "zero-draft"), proposals) == \
        [p.text for p in drafts.revision(DOC, "rev1").paragraphs()]
    stored = drafts.proposals(DOC, party="NOR")
    assert {p.id for p in proposals} <= {p.id for p in stored}


def test_the_political_declaration_round_trips_too(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    data = diff_to_docx(drafts.revision("political-declaration", "zero-draft"),
                        drafts.revision("political-declaration", "rev1"))
    (tmp_path / "pd.docx").write_bytes(data)
    result = drafts.import_docx("political-declaration", tmp_path / "pd.docx",
                                revision="zero-draft", party="CHL")
    assert result.plan.problems == ()
    assert applied(drafts.revision("political-declaration", "zero-draft"),
                   list(result.proposals)) == \
        [p.text for p in drafts.revision("political-declaration", "rev1").paragraphs()]


def small(texts: list[tuple[str, str | None, str]], name: str = "zero-draft") -> Revision:
    return make_revision(texts, name=name, parent=None if name == "zero-draft" else
                         "zero-draft", document="test-doc")


def test_unicode_brackets_and_markup_survive(empty_store: Drafts, tmp_path: Path) -> None:
    before = small([("a", "OP1", "Decide [to meet] <script>x</script> & 😀 soon."),
                    ("b", "OP2", "مرحبا بالعالم [نص] here."),
                    ("c", None, "An unlabelled chapeau 12 words.")])
    after = small([("a", "OP1", "Decide [to meet] <script>y</script> & 😀 🎉 soon."),
                   ("b", "OP2", "مرحبا بالعالم [نص جديد] here."),
                   ("c", None, "An unlabelled chapeau of 12 words.")], name="rev1")
    empty_store.record(before)
    empty_store.record(after)
    path = tmp_path / "in.docx"
    path.write_bytes(diff_to_docx(before, after))
    result = empty_store.import_docx("test-doc", path, revision="zero-draft", party="CHL")
    assert result.plan.problems == ()
    assert applied(before, list(result.proposals)) == [p.text for p in after.paragraphs()]


def delegation_file(*blocks: Block) -> bytes:
    return write_docx([heading("Test declaration", 0), heading("I. Operative part", 1),
                       *blocks])


def test_authors_map_to_parties_by_code_or_name_and_the_rest_is_reported(
        empty_store: Drafts, tmp_path: Path) -> None:
    empty_store.record(small([("a", "OP1", "Decide to meet within one year."),
                              ("b", "OP2", "Call upon all States to act."),
                              ("c", "OP3", "Welcome the plan.")]))
    when = WHEN
    norway = Tracked("insert", ("Norway",), when)
    chile = Tracked("delete", ("CHL",), when)
    stranger = Tracked("insert", ("J. Smith",), when)
    path = tmp_path / "delegation.docx"
    path.write_bytes(delegation_file(
        Block((Run("Decide to meet within "), Run("two years", norway), Run("one year", chile),
               Run(".")), label=(Run("OP1 "),)),
        Block((Run("Call upon all States to act"), Run(" now", stranger), Run(".")),
              label=(Run("OP2 "),)),
        Block((Run("Welcome the plan, as edited without tracking."),), label=(Run("OP3 "),)),
        Block((Run("A paragraph from elsewhere."),))))
    result = empty_store.import_docx("test-doc", path, revision="zero-draft")
    (made,) = result.proposals
    assert sorted(made.proposers) == ["CHL", "NOR"]
    assert made.operation.kind is OperationKind.REPLACE
    assert (made.operation.anchor and made.operation.anchor.quote, made.operation.text) == \
        ("one year", "two years")
    problems = "\n".join(result.plan.problems)
    assert "OP3 reads differently" in problems
    assert "“A paragraph from elsewhere.” matches no paragraph" in problems
    assert "'J. Smith', who is no party" in problems and "OP2" in problems


def test_comments_and_replies_come_in(empty_store: Drafts, tmp_path: Path) -> None:
    empty_store.record(small([("a", "OP1", "Decide to meet within one year, within reason."),
                              ("b", "OP2", "Call upon all States.")]))
    when = WHEN
    note = Note("n1", "Chile", when, ("editorial: Say “within”", "twice?"),
                (NoteReply("NOR", when, "We agree"),))
    whole = Note("n2", "NOR", when, ("On the whole paragraph",))
    top = Note("n3", "NOR", when, ("On the whole document",))
    path = tmp_path / "delegation.docx"
    path.write_bytes(write_docx([
        heading("Test declaration", 0, (top,)), heading("I. Operative part", 1),
        Block((Run("Decide to meet within one year, "), Run("within", notes=("n1",)),
               Run(" reason.")), label=(Run("OP1 "),), notes=(note,)),
        Block((Run("Call upon all States."),), label=(Run("OP2 "),), notes=(whole,))]))
    result = empty_store.import_docx("test-doc", path, revision="zero-draft")
    assert result.plan.problems == ()
    by_text = {c.text: c for c in result.comments}
    words = by_text["Say “within” twice?"]
    assert (words.party, words.type.value, words.label) == ("CHL", "editorial", "OP1")
    assert words.anchor is not None and words.anchor.quote == "within"
    placed = empty_store.placement(words, "zero-draft").located
    assert placed is not None and placed.start == len("Decide to meet within one year, ")
    assert [(r.party, r.text) for r in words.replies] == [("NOR", "We agree")]
    assert by_text["On the whole paragraph"].anchor is None
    assert by_text["On the whole paragraph"].label == "OP2"
    assert by_text["On the whole document"].paragraph is None


def test_a_reply_to_an_exported_comment_becomes_a_reply(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    made = drafts.comment(DOC, party="CMC", paragraph="Action 27", quote="national health",
                          text="Needs a timeline", revision="rev1")
    (agreed,) = drafts.reply(made.id, "IRL", "We agree").replies
    path = tmp_path / "back.docx"
    path.write_bytes(drafts.export_docx(DOC, "rev1"))
    untouched = drafts.import_docx(DOC, path, revision="rev1").plan
    assert untouched.empty and (untouched.problems, untouched.already) == ((), ())
    rev1 = drafts.revision(DOC, "rev1")
    paragraph = rev1.find("Action 27")
    note = Note("x", "CMC", WHEN, ("Needs a timeline", f"General comment {made.id}"),
                (NoteReply("IRL", agreed.when, "We agree"),
                 NoteReply("Norway", WHEN, "So do we")))
    path.write_bytes(write_docx([
        Block((Run(paragraph.text, notes=("x",)),), label=(Run("Action 27 "),),
              notes=(note,))]))
    result = drafts.import_docx(DOC, path, revision="rev1")
    assert (result.plan.problems, result.plan.already, result.comments) == ((), (), ())
    assert (result.plan.exported_comments, result.plan.exported_replies) == (1, 1)
    (reply,) = result.replies
    assert reply.id == made.id
    assert [(r.party, r.text) for r in reply.replies] == [("IRL", "We agree"),
                                                          ("NOR", "So do we")]


def test_a_comment_on_added_words_is_on_their_paragraph(empty_store: Drafts,
                                                         tmp_path: Path) -> None:
    empty_store.record(small([("a", "OP1", "Decide to meet."), ("b", "OP2", "Call upon all.")]))
    norway = Tracked("insert", ("NOR",), WHEN)
    why = Note("w", "NOR", WHEN, ("Meeting yearly keeps the pressure on",))
    path = tmp_path / "delegation.docx"
    path.write_bytes(delegation_file(
        Block((Run("Decide to meet"), Run(" every year", norway, notes=("w",)), Run(".")),
              label=(Run("OP1 "),), notes=(why,)),
        Block((Run("Call upon all."),), label=(Run("OP2 "),))))
    result = empty_store.import_docx("test-doc", path, revision="zero-draft")
    assert result.plan.problems == ()
    (comment,) = result.comments
    assert (comment.label, comment.anchor, comment.party) == ("OP1", None, "NOR")
    (proposal,) = result.proposals
    assert proposal.operation.kind is OperationKind.INSERT
    assert applied(empty_store.revision("test-doc", "zero-draft"), [proposal]) == \
        ["Decide to meet every year.", "Call upon all."]


def test_a_group_author_imports_as_speaking_on_its_behalf(empty_store: Drafts,
                                                         tmp_path: Path) -> None:
    (empty_store.root / "parties.txt").write_text(
        "draftkit parties 2\n\n@party ZMB | state | Zambia\n@party GHA | state | Ghana\n"
        "@party NOR | state | Norway\n@party AFRICAN-GROUP | group | African Group | ZMB GHA\n")
    empty_store.record(small([("a", "OP1", "Decide to meet within one year.")]))
    group = Tracked("insert", ("ZMB, AFRICAN-GROUP",), WHEN)
    mixed = Tracked("delete", ("NOR, AFRICAN-GROUP",), WHEN)
    path = tmp_path / "group.docx"
    path.write_bytes(delegation_file(Block(
        (Run("Decide to meet "), Run("without delay and ", group), Run("within one year"),
         Run(" at the latest", group), Run("."),), label=(Run("OP1 "),))))
    made = empty_store.import_docx("test-doc", path, revision="zero-draft").proposals
    assert len(made) == 2  # two tracked insertions, one on each side of "within one year"
    assert {(p.proposers, p.on_behalf_of) for p in made} == {(("ZMB",), "AFRICAN-GROUP")}
    path.write_bytes(delegation_file(Block(
        (Run("Decide to meet "), Run("within one year", mixed), Run("."),),
        label=(Run("OP1 "),))))
    (made,) = empty_store.import_docx("test-doc", path, revision="zero-draft").proposals
    assert (sorted(made.proposers), made.on_behalf_of) == (["AFRICAN-GROUP", "NOR"], None)
