"""Word exports as issued documents: the first-page block, the running header (the
symbol), page numbers as a PAGE field, core properties, comment initials; and PDF
through LibreOffice (a real LibreOffice converts each export; without it, one line
and exit 2)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import SHIPPED, snapshot
from conftest import run_strict as run
from draftkit.api import open_drafts
from draftkit.docx.compilation import compilation_to_docx
from draftkit.docx.redline import diff_to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
DECLARATION = "political-declaration"
PLAN = "vientiane-action-plan"


def parts(data: bytes) -> dict[str, ElementTree.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: ElementTree.fromstring(archive.read(name))
                for name in archive.namelist() if name.endswith((".xml", ".rels"))}


def texts(element: ElementTree.Element) -> list[str]:
    """Each paragraph's text."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in element.iter(f"{W}p")]


def styled(document: ElementTree.Element) -> list[tuple[str, str]]:
    found = []
    for p in document.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        found.append((style.get(f"{W}val", "") if style is not None else "",
                      "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return found


def referenced(package: dict[str, ElementTree.Element], kind: str) -> dict[str, str]:
    """The section's header or footer references: type → the part they point to."""
    rels = {r.get("Id"): r.get("Target")
            for r in package["word/_rels/document.xml.rels"].iter(f"{REL}Relationship")}
    section = package["word/document.xml"].find(f"{W}body/{W}sectPr")
    assert section is not None
    return {ref.get(f"{W}type", ""): f"word/{rels[ref.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')]}"
            for ref in section.iter(f"{W}{kind}Reference")}


def assert_issued(data: bytes, symbol_header: str, block: list[str], title: str) -> None:
    package = parts(data)
    document = package["word/document.xml"]
    assert styled(document)[:len(block)] == [
        ("Symbol" if index == 0 else "Masthead", line) for index, line in enumerate(block)]
    headers = referenced(package, "header")
    assert list(headers) == ["default"]  # the first page shows the block instead
    assert texts(package[headers["default"]]) == [symbol_header]
    footers = referenced(package, "footer")
    assert set(footers) == {"default", "first"}  # every page is numbered
    for name in footers.values():
        instructions = [i.text for i in package[name].iter(f"{W}instrText")]
        assert [i.strip() for i in instructions if i] == ["PAGE"]
        kinds = [f.get(f"{W}fldCharType") for f in package[name].iter(f"{W}fldChar")]
        assert kinds == ["begin", "separate", "end"]
    section = document.find(f"{W}body/{W}sectPr")
    assert section is not None and section.find(f"{W}titlePg") is not None
    core = package["docProps/core.xml"]
    assert core.findtext(f"{DC}title") == title
    assert core.findtext(f"{DC}creator") == "Presidency (Lao PDR)"
    root_rels = [r.get("Target") for r in package["_rels/.rels"].iter(f"{REL}Relationship")]
    assert "docProps/core.xml" in root_rels
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    for name in [*headers.values(), *footers.values(), "docProps/core.xml"]:
        assert f'PartName="/{name}"' in types


REV1_BLOCK = ["CCM/MSP/2010/WP.1/Rev.1", "Distr.: General", "20 August 2010",
              "Original: English"]


def test_the_export_opens_like_an_issued_un_document() -> None:
    data = open_drafts(SHIPPED).export_docx(DECLARATION, "rev1")
    assert_issued(data, "CCM/MSP/2010/WP.1/Rev.1", REV1_BLOCK,
                  "Vientiane Declaration of the First Meeting of States Parties")
    lines = styled(parts(data)["word/document.xml"])
    assert lines[4:7] == [("Meeting", "Preparatory Meeting"),
                          ("Meeting", "Geneva, Switzerland, 6 September 2010"),
                          ("Title", "Vientiane Declaration of the First Meeting of States "
                                    "Parties")]


def test_the_redline_and_the_compilation_say_what_they_are() -> None:
    drafts = open_drafts(SHIPPED)
    zero, rev1 = drafts.revision(PLAN, "zero-draft"), drafts.revision(PLAN, "rev1")
    redline = diff_to_docx(zero, rev1, drafts.provenance(PLAN, "rev1"),
                           document=drafts.document(PLAN))
    block = ["CCM/MSP/2010/WP.2/Rev.1", "Distr.: General", "27 August 2010",
             "Original: English"]
    assert_issued(redline, "CCM/MSP/2010/WP.2/Rev.1 (changes since Zero draft)", block,
                  "Vientiane Action Plan: changes since Zero draft")
    compiled = drafts.compile(PLAN, drafts.select(PLAN, statuses=("proposed", "accepted")))
    assert_issued(compilation_to_docx(compiled),
                  "CCM/MSP/2010/WP.2/Rev.1 (compilation text)", block,
                  "Vientiane Action Plan: compilation text")


def test_comment_initials_are_the_party_codes() -> None:
    comments = parts(open_drafts(SHIPPED).export_docx(PLAN, "rev1"))["word/comments.xml"]
    pairs = {(c.get(f"{W}author"), c.get(f"{W}initials")) for c in comments}
    assert ("GBR", "GBR") in pairs and ("CMC", "CMC") in pairs
    initials: dict[str, str] = {}
    for author, mark in pairs:
        assert initials.setdefault(mark or "", author or "") == author  # one party each
    assert len(initials) >= 5


def test_the_first_page_block_is_not_read_back_as_text(copy: Path, tmp_path: Path) -> None:
    exported = tmp_path / "rev1.docx"
    assert run(copy, "export", PLAN, "--rev", "rev1", "--format", "docx",
               "-o", str(exported))[0] == 0
    code, out, err = run(copy, "import", PLAN, str(exported), "--rev", "rev1", "--dry-run")
    assert code == 0, err
    assert out.startswith("nothing to import") and "not imported" not in out


def test_pdf_without_libreoffice_is_one_line_and_nothing_written(
        copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    before = snapshot(tmp_path)
    code, out, err = run(copy, "export", DECLARATION, "--format", "pdf",
                         "-o", str(tmp_path / "rev1.pdf"))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "LibreOffice" in err
    assert snapshot(tmp_path) == before


needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice (soffice) is not installed")


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@needs_office
@pytest.mark.parametrize("command", [
    ("export", DECLARATION, "--rev", "rev1"),
    ("export", PLAN, "--rev", "zero-draft"),
    ("diff", PLAN, "zero-draft", "rev1"),
    ("merge", PLAN, "--compile"),
])
def test_libreoffice_converts_each_export_to_pdf(tmp_path: Path,
                                                 command: tuple[str, ...]) -> None:
    target = tmp_path / "out.pdf"
    code, _, err = run(SHIPPED, *command, "--format", "pdf", "-o", str(target))
    assert code in (0, 1), err  # diff exits 1 when there are changes
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert pages(pdf) >= 2  # the plan and the declaration run over more than a page
