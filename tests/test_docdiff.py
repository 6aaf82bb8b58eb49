from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from conftest import make_revision
from draftkit.docdiff import DocumentDiff, diff
from draftkit.errors import DraftkitError
from draftkit.labels import Label
from draftkit.model import Revision, Section, Status
from draftkit.provenance import Change, Provenance
from strategies import revision_pairs, revisions

THREE = [("aaaaaa", "OP1", "Commit to the Convention."),
         ("bbbbbb", "OP2", "Call upon all States [as soon as possible]."),
         ("cccccc", "OP3", "Decide to meet again.")]


def later(revision: Revision, texts: list[tuple[str, str | None, str]]) -> Revision:
    return make_revision(texts, name="rev1", parent=revision.name)


def kinds(compared: DocumentDiff) -> dict[str, tuple[str, ...]]:
    return {p.id: p.change for p in compared.paragraphs}


@given(revision_pairs())
def test_spans_reconstruct_both_revisions(pair: tuple[Revision, Revision]) -> None:
    before, after = pair
    compared = diff(before, after)
    for paragraph in compared.paragraphs:
        old, new = before.by_id(paragraph.id), after.by_id(paragraph.id)
        assert paragraph.from_text == (old.text if old else "")
        assert paragraph.to_text == (new.text if new else "")
        assert paragraph.from_label == (old.label if old else None)
        assert paragraph.to_label == (new.label if new else None)
    assert {p.id for p in compared.paragraphs} == \
        {p.id for p in before.paragraphs()} | {p.id for p in after.paragraphs()}


@given(revision_pairs())
def test_paragraphs_come_in_the_to_order(pair: tuple[Revision, Revision]) -> None:
    before, after = pair
    compared = diff(before, after)
    assert [p.id for p in compared.paragraphs if p.to_section] == \
        [p.id for p in after.paragraphs()]
    assert [s.id for s in compared.sections if "deleted" not in s.change] == \
        [s.id for s in after.sections]


@given(revision_pairs())
def test_kinds_agree_with_the_revisions(pair: tuple[Revision, Revision]) -> None:
    before, after = pair
    for paragraph in diff(before, after).paragraphs:
        old, new = before.by_id(paragraph.id), after.by_id(paragraph.id)
        if old is None or new is None:
            assert paragraph.change == ("inserted" if old is None else "deleted",)
            continue
        assert ("modified" in paragraph.change) == (old.text != new.text)
        assert ("relabelled" in paragraph.change) == (old.label != new.label)
        assert ("status" in paragraph.change) == (old.status != new.status)
        if paragraph.change == ("unchanged",):
            assert len(paragraph.spans) == 1 and paragraph.spans[0].op == "equal"


@given(revisions())
def test_a_revision_against_itself_has_no_changes(revision: Revision) -> None:
    compared = diff(revision, revision)
    assert not compared.has_changes
    assert all(p.change == ("unchanged",) for p in compared.paragraphs)
    assert all(s.change == ("unchanged",) for s in compared.sections)
    assert all(len(p.spans) == 1 and p.spans[0].op == "equal" for p in compared.paragraphs)
    assert [p.id for p in compared.paragraphs] == [p.id for p in revision.paragraphs()]


def test_renumbering_alone_is_relabelling_not_delete_and_insert() -> None:
    before = make_revision(THREE)
    after = later(before, [("aaaaaa", "OP1", THREE[0][2]), ("nnnnnn", "OP2", "A new one."),
                           ("bbbbbb", "OP3", THREE[1][2]), ("cccccc", "OP4", THREE[2][2])])
    compared = diff(before, after)
    assert kinds(compared) == {"aaaaaa": ("unchanged",), "nnnnnn": ("inserted",),
                               "bbbbbb": ("relabelled",), "cccccc": ("relabelled",)}
    relabelled = compared.paragraphs[2]
    assert relabelled.heading == "OP2 → OP3"
    assert [s.op for s in relabelled.spans] == ["equal"]


def test_moving_one_paragraph_marks_only_it_moved() -> None:
    texts = [(f"para{i:02d}", f"OP{i}", f"Paragraph number {i}.") for i in range(1, 9)]
    before = make_revision(texts)
    order = [texts[0], *texts[2:7], texts[1], texts[7]]
    compared = diff(before, later(before, order))
    assert [p.id for p in compared.paragraphs if "moved" in p.change] == ["para02"]


def test_moving_to_another_section_is_a_move() -> None:
    before = make_revision(THREE)
    first, second = before.sections[0].paragraphs[:2], before.sections[0].paragraphs[2:]
    after = attrs.evolve(before, name="rev1", sections=(
        attrs.evolve(before.sections[0], paragraphs=first),
        Section("sec002", "II", "Follow-up", second)))
    compared = diff(before, after)
    assert kinds(compared)["cccccc"] == ("moved",)
    assert [s.change for s in compared.sections] == [("unchanged",), ("inserted",)]


def test_deleted_paragraphs_stay_at_their_old_place() -> None:
    before = make_revision(THREE)
    compared = diff(before, later(before, [THREE[0], THREE[2]]))
    assert [p.id for p in compared.paragraphs] == ["aaaaaa", "bbbbbb", "cccccc"]
    assert compared.paragraphs[1].change == ("deleted",)
    assert compared.paragraphs[1].heading == "OP2"


def test_modified_relabelled_and_status_combine() -> None:
    before = make_revision(THREE)
    after = later(before, [THREE[0], ("bbbbbb", "OP1 bis", "Call upon all States now."),
                           THREE[2]])
    after = attrs.evolve(after, sections=(attrs.evolve(after.sections[0], paragraphs=tuple(
        attrs.evolve(p, status=Status.AGREED) if p.id == "bbbbbb" else p
        for p in after.sections[0].paragraphs)),))
    paragraph = diff(before, after).paragraphs[1]
    assert paragraph.change == ("modified", "relabelled", "status")
    assert (paragraph.from_status, paragraph.to_status) == (Status.OPEN, Status.AGREED)
    assert paragraph.to_label == Label.parse("OP1 bis")
    assert [(s.op, s.text) for s in paragraph.spans] == [
        ("equal", "Call upon all States "), ("delete", "[as soon as possible]"),
        ("insert", "now"), ("equal", ".")]


def test_sections_renamed_renumbered_and_deleted() -> None:
    before = attrs.evolve(make_revision(THREE), sections=(
        *make_revision(THREE).sections, Section("sec002", "II", "Annex")))
    after = attrs.evolve(before, name="rev1", sections=(
        attrs.evolve(before.sections[0], number="I bis", heading="Operative paragraphs"),))
    compared = diff(before, after)
    renamed, deleted = compared.sections
    assert renamed.change == ("renamed", "renumbered")
    assert renamed.number_change == "I → I bis"
    assert [(s.op, s.text) for s in renamed.heading_spans] == [
        ("equal", "Operative "), ("delete", "part"), ("insert", "paragraphs")]
    assert deleted.change == ("deleted",) and deleted.title == "II. Annex"
    assert compared.has_changes


def test_provenance_names_the_proposals_behind_each_span() -> None:
    old = "Call upon all States [as soon as possible] to ratify the Convention."
    new = "Call upon all States [within one year] to ratify the Convention, Chile said."
    before = make_revision([("bbbbbb", "OP2", old)])
    after = later(before, [("bbbbbb", "OP2", new)])
    nor = Change(old.index("[") + 1, old.index("]"), new.index("[") + 1, new.index("]"),
                 ("NOR-1",), ("NOR",))
    chl = Change(len(old) - 1, len(old) - 1, new.index(","), len(new) - 1, ("CHL-2",),
                 ("CHL", "GRULAC"))
    provenance = Provenance("rev1", "zero-draft", {"bbbbbb": (nor, chl)})
    spans = diff(before, after, provenance).paragraphs[0].spans
    assert [(s.op, s.text, s.proposals, s.parties) for s in spans if s.op != "equal"] == [
        ("delete", "as soon as possible", ("NOR-1",), ("NOR",)),
        ("insert", "within one year", ("NOR-1",), ("NOR",)),
        ("insert", ", Chile said", ("CHL-2",), ("CHL", "GRULAC"))]
    assert all(not s.proposals for s in spans if s.op == "equal")


def test_a_span_over_two_changes_names_both() -> None:
    old, new = "Adopt the plan.", "Adopt the revised action plan."
    before = make_revision([("bbbbbb", "OP2", old)])
    after = later(before, [("bbbbbb", "OP2", new)])
    at = len("Adopt the ")
    provenance = Provenance("rev1", "zero-draft", {"bbbbbb": (
        Change(at, at, at, at + len("revised "), ("EU-1",), ("EU",)),
        Change(at, at, at + len("revised "), at + len("revised action "), ("NOR-1",),
               ("NOR",)))})
    (inserted,) = [s for s in diff(before, after, provenance).paragraphs[0].spans
                   if s.op == "insert"]
    assert (inserted.text, inserted.proposals, inserted.parties) == (
        "revised action ", ("EU-1", "NOR-1"), ("EU", "NOR"))


def test_provenance_of_other_revisions_is_refused() -> None:
    before = make_revision(THREE)
    with pytest.raises(DraftkitError, match="provenance"):
        diff(before, later(before, THREE), Provenance("rev2", "rev1", {}))


def test_stat_counts_per_section() -> None:
    before = make_revision(THREE)
    after = later(before, [("aaaaaa", "OP1", "Commit to the whole Convention."),
                           ("cccccc", "OP2", THREE[2][2])])
    (stat,) = diff(before, after).stat()
    assert (stat.title, stat.paragraphs, stat.deleted, stat.modified, stat.relabelled,
            stat.words_inserted) == ("I. Operative part", 3, 1, 1, 1, 1)


def test_restricting_and_context() -> None:
    texts = [(f"para{i:02d}", f"OP{i}", f"Paragraph number {i}.") for i in range(1, 9)]
    before = make_revision(texts)
    edited = [*texts[:4], ("para05", "OP5", "Paragraph five."), *texts[5:]]
    compared = diff(before, later(before, edited))
    assert [p.id for p in compared.visible(0)] == ["para05"]
    assert [p.id for p in compared.visible(1)] == ["para04", "para05", "para06"]
    assert len(compared.visible(None)) == 8
    only = compared.restricted({"para01"})
    assert [p.id for p in only.paragraphs] == ["para01"] and not only.has_changes
    assert compared.restricted(sections={"sec001"}).has_changes
