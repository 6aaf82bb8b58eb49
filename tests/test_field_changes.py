"""Changes of a form field by proposal (issue 14): store, check, merge, compile, diff."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import refused_in_one_line, run_cli, snapshot
from draftkit.api import open_drafts
from draftkit.form import FieldEdit, FieldKind, FormField
from draftkit.merge import MergeOptions, MergeResult, merge
from draftkit.model import Paragraph, Revision, Section, Status
from draftkit.proposals import Event, Operation, OperationKind, Proposal
from draftkit.rebase import History
from draftkit.store import grammar
from draftkit.store.item_format import format_proposal, parse_proposal
from draftkit.tablediff import field_diff
from strategies import field_edits, form_fields

DOC = "reporting-formats"
T0 = dt.datetime(2010, 9, 1, tzinfo=dt.UTC)


def _change(drafts: Path, party: str, *args: str) -> str:
    code, out = run_cli(drafts, "propose", DOC, "--para", "B4", "--op", "change-field", *args,
                        "--by", party)
    assert code == 0, out
    return out.split(":")[0]


def test_a_field_change_is_stored_part_by_part_and_checks_clean(bare: Path) -> None:
    pid = _change(bare, "NZL", "--kind", "choice", "--choice", "by lot", "--choice",
                  'by "type | lot"', "--instructions", "Tick one; [see Article 3].",
                  "--required")
    path = bare / DOC / "proposals" / f"{pid}.txt"
    text = path.read_text(encoding="utf-8")
    assert "operation: change-field\nkind: choice\nobligation: required\n" in text
    assert "instructions: Tick one; [see Article 3].\n" in text
    assert (grammar.record_line("choice", "by lot") + "\n" +
            grammar.record_line("choice", 'by "type | lot"') + "\n@event") in text
    proposal = parse_proposal(text, str(path))
    assert proposal.operation.field == FieldEdit(FieldKind.CHOICE, ("by lot", 'by "type | lot"'),
                                                 "Tick one; [see Article 3].", False)
    assert format_proposal(proposal) == text
    assert run_cli(bare, "check", DOC) == (0, "")
    path.write_text(text.replace("obligation: required", "obligation: maybe"), encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and f"{pid}.txt:" in out and "obligation: expected required or voluntary" \
        in out
    path.write_text(text.replace("paragraph: q7emgf", "paragraph: 8zcfhg"), encoding="utf-8")
    code, out = run_cli(bare, "check", DOC)
    assert code == 1 and "changes the field B3, which is not a form field in rev1" in out


@pytest.mark.parametrize(("para", "args", "said"), [
    ("B4", [], "change-field needs what it changes"),
    ("B4", ["--voluntary"], "B4 is like that already"),
    ("B4", ["--choice", "a", "--choice", "b"], "a text field offers no choices"),
    ("B4", ["--kind", "choice", "--choice", "only"], "at least two choices"),
    ("B4", ["--instructions", "  "], "not blank"),
    ("B3", ["--required"], "B3 is not a form field in Rev.1"),
    ("B3, row 1, column Type of cluster munition", ["--required"], "cannot be proposed on a cell"),
])
def test_a_field_change_that_cannot_be_made_is_refused_in_one_line(
        bare: Path, para: str, args: list[str], said: str) -> None:
    refused_in_one_line(bare, said, "propose", DOC, "--para", para, "--op", "change-field",
                        *args, "--by", "NZL")


def test_field_options_belong_to_change_field_only(bare: Path) -> None:
    refused_in_one_line(bare, "are for change-field, not replace", "propose", DOC, "--para",
                        "B4", "--op", "replace", "--quote", "Lot", "--text", "Batch",
                        "--required", "--by", "NZL")


def test_changes_of_different_parts_combine_and_the_diff_shows_them(bare: Path) -> None:
    required = _change(bare, "NZL", "--required")
    worded = _change(bare, "MEX", "--instructions", "By type; where known.")
    label = run_cli(bare, "propose", DOC, "--para", "B4", "--op", "replace", "--quote", "Lot",
                    "--text", "Batch or lot", "--by", "IRL")[1].split(":")[0]
    drafts = open_drafts(bare)
    for pid in (required, worded, label):
        drafts.accept(pid)
    code, out = run_cli(bare, "merge", DOC, "--compile")
    assert code == 0 and "B4, field: [change field - NZL (late)] required" in out
    assert "B4, field: [change field - MEX (late)] instructions: By type; where known." in out
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    assert code == 0 and "3 applied, 0 conflicts" in out, out
    b4 = open_drafts(bare).revision(DOC, "rev2").find("B4")
    assert b4.form == FormField(FieldKind.TEXT, (), "By type; where known.", False)
    assert b4.text == "Batch or lot numbers of the cluster munitions stockpiled"
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2")
    assert code == 1 and "[field: text; voluntary → text; required]" in out and "By type" in out
    code, out = run_cli(bare, "diff", DOC, "rev1", "rev2", "--format", "json")
    field = next(p for p in json.loads(out)["paragraphs"] if p["to_label"] == "B4")["field"]
    assert field["change"] == ["instructions", "voluntary"]
    assert {p.status.value for p in open_drafts(bare).proposals(DOC)} == {"incorporated"}
    assert run_cli(bare, "check", DOC) == (0, "")


def test_required_against_voluntary_conflicts_until_one_is_preferred(bare: Path) -> None:
    nzl = _change(bare, "NZL", "--required")
    mex = _change(bare, "MEX", "--voluntary", "--instructions", "Where known.")
    drafts = open_drafts(bare)
    drafts.accept(nzl)
    before = snapshot(bare)
    code, out = run_cli(bare, "accept", mex)
    assert code == 2 and f"{mex} conflicts with accepted {nzl} (NZL) on B4, the field's " \
        f"obligation" in out and snapshot(bare) == before
    assert run_cli(bare, "accept", mex, "--force")[0] == 0
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08")
    said = " ".join(out.split())
    assert code == 1 and "Conflict B4 on the field's obligation: " in said
    assert f'{nzl} (NZL): "required"' in said and f'{mex} (MEX): "voluntary"' in said
    assert "rev2" not in open_drafts(bare).revision_names(DOC)
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--bracket")
    assert code == 1 and "only competing instructions can be bracketed; choose with --prefer" \
        in " ".join(out.split())
    code, out = run_cli(bare, "merge", DOC, "--into", "rev2", "--date", "2010-10-08",
                        "--prefer", nzl)
    assert code == 0 and f"{mex} (for {nzl})" in out, out
    drafts = open_drafts(bare)
    was = drafts.revision(DOC, "rev1").find("B4").form
    assert was is not None and was.voluntary
    assert drafts.revision(DOC, "rev2").find("B4").form == evolve(was, voluntary=False)
    assert drafts.proposal(mex).status.value == "not-selected"
    assert drafts.proposal(nzl).status.value == "incorporated"


def _field_revision(form: FormField, status: Status = Status.OPEN,
                    name: str = "zero-draft") -> Revision:
    paragraphs = (Paragraph("fld001", None, "Lot numbers", status, form=form),
                  Paragraph("fld002", None, "Focal point", status,
                            form=FormField(FieldKind.TEXT)))
    return Revision(document="test-doc", name=name, date=dt.date(2010, 6, 1),
                    issued_by="Presidency", sections=(Section("sec001", "I", "Forms",
                                                              paragraphs),))


def _proposal(pid: str, edit: FieldEdit, paragraph: str = "fld001",
              party: str = "NOR") -> Proposal:
    events = (Event(T0, party, "proposed"), Event(T0, "Presidency", "accepted"))
    return Proposal(pid, "test-doc", "zero-draft", paragraph,
                    Operation(OperationKind.CHANGE_FIELD, field=edit), (party,), T0,
                    history=events)


def _merge(target: Revision, proposals: list[Proposal], bracket: bool = False,
           reopen: bool = False) -> MergeResult:
    return merge(target, proposals, History({target.name: target}, {}),
                 MergeOptions("rev1", dt.date(2010, 9, 2), "Presidency", bracket=bracket,
                              reopen=reopen))


def test_competing_instructions_alone_are_bracketed_and_stay_open() -> None:
    target = _field_revision(FormField(FieldKind.TEXT, instructions="Give them."))
    one = _proposal("P1", FieldEdit(instructions="Give them by type."))
    other = _proposal("P2", FieldEdit(instructions="Give them by lot."), party="MEX")
    assert [c.scope for c in _merge(target, [one, other]).conflicts] == ["field"]
    result = _merge(target, [one, other], bracket=True)
    assert result.revision is not None and result.bracketed == ("P1", "P2")
    assert result.applied == () and not result.conflicts
    field = result.revision.by_id("fld001")
    assert field is not None and field.form is not None
    assert field.form.instructions == "[Give them by type. / Give them by lot.]"


def test_a_change_of_a_field_gone_or_no_longer_a_field_is_stale() -> None:
    zero = _field_revision(FormField(FieldKind.YES_NO))
    change = _proposal("P1", FieldEdit(voluntary=True))
    gone = evolve(zero, sections=(evolve(zero.sections[0],
                                         paragraphs=zero.sections[0].paragraphs[1:]),))
    plain = zero.with_paragraphs({"fld001": Paragraph("fld001", None, "Lot numbers")})
    choices = _proposal("P2", FieldEdit(choices=("a", "b")))
    was_choice = _field_revision(FormField(FieldKind.CHOICE, ("x", "y")))
    for target, proposal, said in ((gone, change, "fld001 is not in Zero draft"),
                                   (plain, change, "is not a form field in"),
                                   (zero, choices, "a yes-no field offers no choices")):
        result = merge(target, [proposal], History({"zero-draft": was_choice}, {}),
                       MergeOptions("rev9", dt.date(2010, 9, 2), "Presidency"))
        assert result.revision is None and said in result.stale[0].reason, result.stale


def test_a_change_of_an_agreed_field_is_protected_unless_reopened() -> None:
    target = _field_revision(FormField(FieldKind.TEXT, voluntary=True), Status.AGREED)
    change = _proposal("P1", FieldEdit(voluntary=False))
    refused = _merge(target, [change])
    assert refused.revision is None and [c.proposals for c in refused.protected] == [("P1",)]
    reopened = _merge(target, [change], reopen=True)
    assert reopened.revision is not None
    field = reopened.revision.by_id("fld001")
    assert field is not None and field.status is Status.OPEN and field.form is not None
    assert not field.form.voluntary


def test_the_proposals_list_says_what_a_field_change_does(bare: Path) -> None:
    pid = _change(bare, "NZL", "--kind", "number", "--instructions", "Number of lots.")
    code, out = run_cli(bare, "proposals", DOC, "--para", "B4")
    assert code == 0 and "change the field: kind number; instructions: Number of lots." \
        in " ".join(out.split())
    code, out = run_cli(bare, "proposals", DOC, "--format", "json")
    found = next(p for p in json.loads(out) if p["id"] == pid)
    assert found["field"] == {"kind": "number", "choices": [],
                              "instructions": "Number of lots."}


@settings(max_examples=60, deadline=None)
@given(st.data(), form_fields())
def test_a_change_then_the_diff_shows_exactly_the_parts_it_changed(
        data: st.DataObject, form: FormField) -> None:
    edit = data.draw(field_edits(form))
    changed = edit.apply(form)
    expected = [part for part, value in edit.parts().items() if getattr(form, part) != value]
    assert sorted(field_diff(form, changed).change) == sorted(expected)
    untouched = [p for p in ("kind", "choices", "instructions", "voluntary")
                 if p not in edit.parts()]
    assert all(getattr(changed, p) == getattr(form, p) for p in untouched)


@settings(max_examples=60, deadline=None)
@given(st.data(), form_fields(), form_fields())
def test_disjoint_field_changes_commute(data: st.DataObject, first: FormField,
                                       second: FormField) -> None:
    """Changes of two fields, and of separate parts of one field, merge the same in
    either order and each leaves what it proposed."""
    target = _field_revision(first).with_paragraphs({"fld002": Paragraph(
        "fld002", None, "Focal point", form=second)})
    on_first = data.draw(field_edits(first))
    taken = on_first.parts()
    separate = FieldEdit(instructions=None if "instructions" in taken else "Other.",
                         voluntary=None if "voluntary" in taken else not first.voluntary)
    proposals = [_proposal("P1", on_first), _proposal("P2", data.draw(field_edits(second)),
                                                      "fld002", "MEX")]
    if separate.parts():
        proposals.append(_proposal("P3", separate, party="IRL"))
    one_way, other_way = _merge(target, proposals), _merge(target, proposals[::-1])
    assert one_way.revision is not None and other_way.revision is not None
    assert one_way.revision.sections == other_way.revision.sections
    assert sorted(one_way.applied) == sorted(p.id for p in proposals)
    for proposal in proposals:
        field = one_way.revision.by_id(proposal.paragraph)
        assert field is not None and field.form is not None
        for part, value in (proposal.operation.field or FieldEdit()).parts().items():
            assert getattr(field.form, part) == value
