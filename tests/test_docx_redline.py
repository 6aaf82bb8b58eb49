"""The diff as a Word redline: rejecting all gives FROM, accepting all gives TO, authors named."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from conftest import FIXTURE, make_revision
from draftkit.api import open_drafts
from draftkit.docx.reader import read_docx
from draftkit.docx.redline import diff_to_docx
from draftkit.model import Revision
from draftkit.provenance import Change, Move, Provenance


def lines(revision: Revision) -> list[str]:
    """A revision as the paragraphs of its redline (below the two title lines)."""
    out = []
    for section in revision.sections:
        out.append(section.title)
        out += [f"{p.label} {p.text}" if p.label else p.text for p in section.paragraphs]
    return out


def view(data: bytes, left_out: str) -> list[str]:
    text = "".join(p.text for p in read_docx(data).pieces if p.kind != left_out)
    return [line for line in text.split("\n") if line][2:]


def test_shipped_zero_draft_to_rev1_round_trips_both_ways() -> None:
    drafts = open_drafts(FIXTURE)
    for document in ("vientiane-action-plan", "political-declaration"):
        before = drafts.revision(document, "zero-draft")
        after = drafts.revision(document, "rev1")
        data = diff_to_docx(before, after, title=drafts.document(document).title)
        assert view(data, "insert") == lines(before)
        assert view(data, "delete") == lines(after)
        authors = {p.author for p in read_docx(data).pieces if p.kind != "equal"}
        assert authors == {after.issued_by}


def test_provenance_names_the_parties_and_moves_go_back_on_reject() -> None:
    before = make_revision([("a", "OP1", "Recognize the plan."), ("b", "OP2", "Call upon all."),
                            ("c", "OP3", "Decide to meet <soon> & [often].")])
    after = make_revision([("c", "OP1", "Decide to meet <soon> & [often]."),
                           ("a", "OP2", "Recognize the action plan 😀."),
                           ("d", "OP3", "Welcome مرحبا.")], name="rev1", parent="zero-draft")
    provenance = Provenance("rev1", "zero-draft", {
        "a": (Change(14, 14, 14, 21, ("NOR-1a2b",), ("NOR", "IRL")),),
        "d": (Change(0, 0, 0, 15, ("CHL-9z8y",), ("CHL",)),)})
    data = diff_to_docx(before, after, provenance)
    assert view(data, "insert") == lines(before)
    assert view(data, "delete") == lines(after)
    pieces = read_docx(data).pieces
    # "a" moved (by no proposal the provenance knows: the issuer) and edited by NOR, IRL
    assert {p.author for p in pieces if p.kind == "insert" and "action" in p.text} == \
        {"Presidency, NOR, IRL"}
    assert {p.author for p in pieces if p.kind == "delete" and "Recognize" in p.text} == \
        {"Presidency"}
    moved = Provenance("rev1", "zero-draft", provenance.changes,
                       {"a": Move(("AUT-5e6f",), ("AUT",))})
    pieces = read_docx(diff_to_docx(before, after, moved)).pieces
    assert {(p.kind, p.author) for p in pieces if "Recognize" in p.text} == \
        {("insert", "AUT, NOR, IRL"), ("delete", "AUT")}
    assert {p.author for p in pieces if "Welcome" in p.text} == {"CHL"}
    relabelled = next(p.paragraph for p in pieces if p.text.startswith("Decide") and
                      p.kind == "equal")
    assert {p.author for p in pieces if p.paragraph == relabelled and p.kind != "equal"} == \
        {"Presidency"}


def test_title_and_dates() -> None:
    before = make_revision([("a", "OP1", "Text.")])
    after = make_revision([("a", "OP1", "Text, changed.")], name="rev1")
    data = diff_to_docx(before, after, title="Political declaration")
    text = "".join(p.text for p in read_docx(data).pieces)
    assert text.startswith("Political declaration\nZero draft → Rev.1\n")
    assert after.date == dt.date(2010, 6, 1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b'w:date="2010-06-01T00:00:00Z"' in archive.read("word/document.xml")
