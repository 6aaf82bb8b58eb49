"""`draftkit import` on bad files: a clear error, exit 2, nothing written."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from conftest import run_split as run
from conftest import snapshot
from draftkit.api import open_drafts
from draftkit.docx import package
from draftkit.docx.redline import diff_to_docx

DOC = "vientiane-action-plan"


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def valid_redline(root: Path) -> bytes:
    drafts = open_drafts(root)
    return diff_to_docx(drafts.revision(DOC, "zero-draft"), drafts.revision(DOC, "rev1"))


def replaced(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files[name] = content
    return zipped(files)


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize(("make", "message"), [
    (lambda root: os.urandom(4096), "not a .docx file"),
    (lambda root: b"", "not a .docx file"),
    (lambda root: valid_redline(root)[:2000], "not a .docx file"),
    (lambda root: zipped({"hello.txt": b"hi"}), "no word/document.xml"),
    (lambda root: zipped({"word/document.xml": b"<w:document"}), "not well-formed XML"),
    (lambda root: zipped({"word/document.xml": BOMB}), "declares a DTD"),
    (lambda root: zipped({"word/document.xml": EXTERNAL}), "declares a DTD"),
    (lambda root: replaced(valid_redline(root), "word/document.xml", BOMB), "declares a DTD"),
    (lambda root: zipped({"word/document.xml": b"<a/>"}), "not a WordprocessingML document"),
    (lambda root: zipped({"word/document.xml": b"\0" * (package.MAX_PART + 1)}), "refused"),
])
def test_bad_files_are_refused_and_nothing_is_written(copy: Path, tmp_path: Path, make: object,
                                                      message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(make(copy))  # type: ignore[operator]
    before = snapshot(copy)
    code, out, err = run(copy, "import", DOC, str(path), "--rev", "zero-draft",
                         "--party", "NOR")
    assert code == 2, out + err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err
    assert snapshot(copy) == before


def test_a_declared_size_beyond_the_limit_is_refused_before_inflating(copy: Path,
                                                                     tmp_path: Path) -> None:
    data = bytearray(zipped({"word/document.xml": b"<w:document/>"}))
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 4_000_000_000)  # uncompressed size: 4 GB
    path = tmp_path / "bomb.docx"
    path.write_bytes(bytes(data))
    code, _, err = run(copy, "import", DOC, str(path), "--rev", "zero-draft")
    assert code == 2 and "inflates to 4,000,000,000 bytes" in err


def test_too_many_entries_are_refused(copy: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_ENTRIES", 5)
    path = tmp_path / "many.docx"
    path.write_bytes(zipped({f"f{n}": b"" for n in range(6)}))
    code, _, err = run(copy, "import", DOC, str(path), "--rev", "zero-draft")
    assert code == 2 and "6 entries" in err


def test_a_docx_of_another_document_is_refused(copy: Path, tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    other = drafts.export_docx("political-declaration", "rev1")
    path = tmp_path / "other.docx"
    path.write_bytes(other)
    before = snapshot(copy)
    code, _, err = run(copy, "import", DOC, str(path), "--rev", "rev1")
    assert code == 2 and "no paragraph matches Rev.1 of vientiane-action-plan" in err
    assert snapshot(copy) == before


def test_dry_run_writes_nothing_and_json_lists_the_plan(copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "redline.docx"
    path.write_bytes(valid_redline(copy))
    before = snapshot(copy)
    code, out, _ = run(copy, "import", DOC, str(path), "--rev", "zero-draft", "--dry-run",
                       "--format", "json")
    assert code == 0 and snapshot(copy) == before
    plan = json.loads(out)
    assert plan["dry_run"] is True and plan["proposals"] == []
    assert "who is no party" in plan["not_imported"][0]
    code, out, _ = run(copy, "import", DOC, str(path), "--rev", "zero-draft", "--party",
                       "NOR")
    assert code == 0 and out.startswith("recorded 30 proposals")
    assert "NOR-" in out and snapshot(copy) != before
