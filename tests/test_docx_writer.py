"""The .docx writer and the clean revision export: valid parts, native marks, escaping."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from conftest import FIXTURE
from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.docx.blocks import Block, Note, NoteReply, Run, Tracked, heading
from draftkit.docx.reader import read_docx
from draftkit.docx.writer import write_docx
from draftkit.errors import DraftkitError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = dt.datetime(2010, 9, 6, tzinfo=dt.UTC)
NOR = Tracked("insert", ("NOR", "IRL"), WHEN)
EU = Tracked("delete", ("EU",), WHEN)
TRICKY = "Ensure <script>alert(1)</script> & [brackets] 😀 مرحبا\ttab"


def sample() -> bytes:
    note = Note("c1", "CMC", WHEN, ("Needs a timeline", "Substantive comment C-CMC-4kx2"),
                (NoteReply("NOR", WHEN, "We agree"),), done=True)
    return write_docx([
        heading("Vientiane Action Plan", 0),
        heading("III. Universalization", 1),
        Block((Run(TRICKY + " "), Run("within one year", EU, notes=("c1",)),
               Run("within two years", NOR, notes=("c1",)), Run(".")),
              label=(Run("Action 27 ", bold=True),), notes=(note,)),
        Block((Run("A new paragraph.", NOR),), label=(Run("Action 27 bis ", NOR),), mark=NOR),
        Block((Run("An old paragraph.", EU),), label=(Run("Action 28 ", EU),), mark=EU),
    ])


def part(data: bytes, name: str) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ElementTree.fromstring(archive.read(name))


def test_package_has_the_parts_word_needs() -> None:
    with zipfile.ZipFile(io.BytesIO(sample())) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        types = archive.read("[Content_Types].xml").decode()
    assert names[0] == "[Content_Types].xml"
    for name in ("_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
                 "word/comments.xml", "word/commentsExtended.xml",
                 "word/_rels/document.xml.rels"):
        assert name in names
        assert f"/{name}" in types or name.endswith(".rels")


def test_tracked_changes_are_native_with_unique_ids() -> None:
    document = part(sample(), "word/document.xml")
    inserted = document.findall(f".//{W}ins")
    deleted = document.findall(f".//{W}del")
    assert {i.get(f"{W}author") for i in inserted} == {"NOR, IRL"}
    assert {d.get(f"{W}author") for d in deleted} == {"EU"}
    assert {i.get(f"{W}date") for i in inserted + deleted} == {"2010-09-06T00:00:00Z"}
    ids = [int(e.get(f"{W}id", "")) for e in document.iter()
           if e.tag in (f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)) and all(0 < i < 2**31 for i in ids)
    assert all(d.find(f".//{W}t") is None and d.find(f".//{W}delText") is not None
               for d in deleted if d.find(f"{W}r") is not None)
    marks = document.findall(f".//{W}pPr/{W}rPr/*")
    assert [m.tag for m in marks] == [f"{W}ins", f"{W}del"]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert all(t.get(space) == "preserve" for t in document.iter()
               if t.tag in (f"{W}t", f"{W}delText"))


def test_comments_are_native_with_ranges_and_replies() -> None:
    data = sample()
    document = part(data, "word/document.xml")
    starts = [e.get(f"{W}id") for e in document.iter(f"{W}commentRangeStart")]
    ends = [e.get(f"{W}id") for e in document.iter(f"{W}commentRangeEnd")]
    references = [e.get(f"{W}id") for e in document.iter(f"{W}commentReference")]
    assert sorted(starts) == sorted(ends) == sorted(references) and len(starts) == 2
    comments = part(data, "word/comments.xml").findall(f"{W}comment")
    assert [c.get(f"{W}author") for c in comments] == ["CMC", "NOR"]
    extended = part(data, "word/commentsExtended.xml")
    assert len(extended) == 2 and extended[1].get(
        "{http://schemas.microsoft.com/office/word/2012/wordml}paraIdParent")


def test_text_survives_reading_back() -> None:
    read = read_docx(sample())
    old = "".join(p.text for p in read.pieces if p.kind != "insert")
    new = "".join(p.text for p in read.pieces if p.kind != "delete")
    assert f"Action 27 {TRICKY} within one year.\n" in old
    assert f"Action 27 {TRICKY} within two years.\n" in new
    assert "An old paragraph." in old and "An old paragraph." not in new
    assert "A new paragraph." in new and "A new paragraph." not in old
    assert read.styles[:2] == ("Title", "Heading1")
    first, reply = read.comments
    assert (first.author, reply.author, reply.parent) == ("CMC", "NOR", first.id)
    assert "".join(p.text for p in read.pieces[first.start:first.end]) == \
        "within one yearwithin two years"


def test_same_input_same_bytes() -> None:
    assert sample() == sample()


@pytest.mark.parametrize("bad", ["\x0b", "\x00", "\ufffe", "\ud800"])
def test_characters_xml_cannot_hold_are_an_error(bad: str) -> None:
    with pytest.raises(DraftkitError, match=f"U\\+{ord(bad):04X}"):
        write_docx([Block((Run(f"before {bad} after"),))])


def test_a_tracked_last_paragraph_is_followed_by_a_plain_one() -> None:
    data = write_docx([Block((Run("gone", EU),), mark=EU)])
    paragraphs = part(data, "word/document.xml").findall(f".//{W}p")
    assert len(paragraphs) == 2 and paragraphs[-1].find(f".//{W}del") is None


def test_export_docx_is_clean_with_the_comments_placed(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    made = drafts.comment("vientiane-action-plan", party="CMC", type="substantive",
                          paragraph="Action 27", quote="national health",
                          text="Survivors <need> & [this]", revision="rev1")
    drafts.reply(made.id, "IRL", "We agree")
    drafts.dispose(made.id, "accepted-in-principle", "See Rev.2")
    out = tmp_path / "rev1.docx"
    result = CliRunner().invoke(cli, ["--drafts", str(copy), "export", "vientiane-action-plan",
                                      "--rev", "rev1", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    read = read_docx(data)
    assert {p.kind for p in read.pieces} == {"equal"}
    assert not re.search(rb"<w:(ins|del) ", zipfile.ZipFile(out).read("word/document.xml"))
    text = "".join(p.text for p in read.pieces)
    rev1 = drafts.revision("vientiane-action-plan", "rev1")
    for paragraph in rev1.paragraphs():
        assert f"{paragraph.label} {paragraph.text}\n" in text or f"{paragraph.text}\n" in text
    ours = next(c for c in read.comments if made.id in c.text)
    assert ours.author == "CMC"
    assert "Survivors <need> & [this]" in ours.text and "accepted in principle" in ours.text
    assert "See Rev.2" in ours.text
    assert "".join(p.text for p in read.pieces[ours.start:ours.end]) == "national health"
    reply = next(c for c in read.comments if c.parent == ours.id)
    assert (reply.author, reply.text) == ("IRL", "We agree")


def test_export_docx_needs_an_output_file() -> None:
    result = CliRunner().invoke(cli, ["--drafts", str(FIXTURE), "export",
                                      "vientiane-action-plan", "--format", "docx"])
    assert result.exit_code == 2 and "-o FILE" in result.output


def test_right_to_left_paragraphs_are_marked_bidi() -> None:
    data = write_docx([Block((Run("تلتزم الدول الأطراف [بتدمير] المخزونات"),)),
                       Block((Run("«Les États» مرحبا"),)), Block((Run("1. שלום"),))])
    paragraphs = part(data, "word/document.xml").iter(f"{W}p")
    marked = [p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs]
    assert marked == [True, False, True]
