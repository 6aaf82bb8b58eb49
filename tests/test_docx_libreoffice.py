"""Our .docx files as a real client reads them: LibreOffice, driven over UNO.

Skipped unless `soffice` is installed and the system python can `import uno`
(Debian: libreoffice-writer-nogui python3-uno; `.ci/run` installs them). One
headless soffice with a private profile serves the whole module and is
killed at the end. The UNO side runs as a script under /usr/bin/python3.

The nogui build has no dialog files and aborts when a document *view* draws
comments, so documents are read without a view (a bare model loaded through
XLoadable), and accept-all / reject-all, which need a view to dispatch to,
run on a copy stored as ODT with the comments taken out of its XML (tracked
changes are independent of comments, and ODT keeps them losslessly).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest

from conftest import FIXTURE, make_revision
from draftkit.api import open_drafts
from draftkit.docx.redline import diff_to_docx
from draftkit.model import Revision
from draftkit.provenance import Change, Provenance
from draftkit.table import Column, Row, Table
from test_docx_import import applied
from test_docx_redline import lines

SYSTEM_PYTHON = "/usr/bin/python3"
DOC = "vientiane-action-plan"

UNO_SCRIPT = r'''
import json, os, re, sys, time, zipfile
import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.25)


def model(ctx, path, filter_name="MS Word 2007 XML"):
    """A document without a view: nothing is drawn, so comments cannot crash nogui."""
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load((prop("URL", uno.systemPathToFileUrl(path)), prop("FilterName", filter_name)))
    return doc


def paragraphs(doc):
    found, items = [], doc.Text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.Paragraph"):
            found.append(item)
    return found


def lines_of(doc):
    """Each paragraph's text, and each table row as its cells joined by " | ", in order."""
    found, items = [], doc.Text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.Paragraph"):
            found.append(item.getString())
        elif item.supportsService("com.sun.star.text.TextTable"):
            for row in range(item.getRows().getCount()):
                found.append(" | ".join(item.getCellByPosition(column, row).getString()
                                        for column in range(item.getColumns().getCount())))
    return found


def notes(doc):
    found, items = [], doc.getTextFields().createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.TextField.Annotation"):
            found.append(item)
    return found


def without_notes(odt):
    """Take the comments out of an ODT (disposing them over UNO can crash LibreOffice 7.4
    when they sit on tracked text); the tracked changes stay as they are."""
    with zipfile.ZipFile(odt) as archive:
        parts = [(item, archive.read(item)) for item in archive.infolist()]
    with zipfile.ZipFile(odt, "w") as archive:
        for item, data in parts:
            if item.filename == "content.xml":
                text = re.sub(r"<office:annotation\b.*?</office:annotation>", "",
                              data.decode("utf-8"), flags=re.DOTALL)
                data = re.sub(r"<office:annotation-end\b[^>]*/>", "", text).encode("utf-8")
            archive.writestr(item, data)


def dispatched(ctx, odt, command):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(odt), "_blank", 0,
                                       (prop("Hidden", True),))
    try:
        helper = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        return lines_of(doc)
    finally:
        doc.close(True)


def inspect(ctx, path):
    doc = model(ctx, path)
    redlines, items = [], doc.getRedlines().createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        redlines.append({"author": item.getPropertyValue("RedlineAuthor"),
                         "type": item.getPropertyValue("RedlineType")})
    result = {"paragraphs": [p.getString() for p in paragraphs(doc)], "redlines": redlines,
              "notes": [{"author": n.Author, "content": n.Content,
                         "anchor": n.getAnchor().getString(), "resolved": n.Resolved}
                        for n in notes(doc)]}
    odt = path + ".odt"
    doc.storeToURL(uno.systemPathToFileUrl(odt), (prop("FilterName", "writer8"),))
    doc.close(True)
    without_notes(odt)
    result["accepted"] = dispatched(ctx, odt, ".uno:AcceptAllTrackedChanges")
    result["rejected"] = dispatched(ctx, odt, ".uno:RejectAllTrackedChanges")
    return result


def words(doc, wanted):
    """A cursor selecting the first occurrence of `wanted` (search needs a view)."""
    for paragraph in paragraphs(doc):
        at = paragraph.getString().find(wanted)
        if at >= 0:
            cursor = doc.Text.createTextCursorByRange(paragraph.getStart())
            cursor.goRight(at, False)
            cursor.goRight(len(wanted), True)
            return cursor
    raise LookupError(wanted)


def edit(ctx, source, target, plan):
    """Edit as a delegate would, with change tracking on, and save as .docx."""
    doc = model(ctx, source)
    doc.RecordChanges = True
    text = doc.Text
    for step in plan:
        if step["do"] == "replace":
            words(doc, step["old"]).setString(step["new"])
        elif step["do"] == "add-after":
            where = next(p for p in paragraphs(doc) if p.getString().startswith(step["at"]))
            cursor = text.createTextCursorByRange(where.getEnd())
            text.insertControlCharacter(cursor, uno.getConstantByName(
                "com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK"), False)
            text.insertString(cursor, step["text"], False)
        elif step["do"] == "delete":
            where = next(p for p in paragraphs(doc) if p.getString().startswith(step["at"]))
            cursor = text.createTextCursorByRange(where.getStart())
            cursor.gotoEndOfParagraph(True)
            cursor.goRight(1, True)
            cursor.setString("")
        elif step["do"] == "cell":
            cell = doc.getTextTables().getByIndex(step["table"]).getCellByName(step["cell"])
            cursor = cell.createTextCursor()
            cursor.goRight(cell.getString().find(step["old"]), False)
            cursor.goRight(len(step["old"]), True)
            cursor.setString(step["new"])
        elif step["do"] == "add-row":
            table = doc.getTextTables().getByIndex(step["table"])
            table.getRows().insertByIndex(step["after"] + 1, 1)
            for column, value in enumerate(step["texts"]):
                table.getCellByPosition(column, step["after"] + 1).setString(value)
        elif step["do"] == "comment":
            found = words(doc, step["on"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = step["author"]
            note.Content = step["text"]
            text.insertTextContent(found, note, True)
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),))
    doc.close(True)
    return {"saved": target}


ctx = connect(sys.argv[1])
if sys.argv[2] == "inspect":
    print(json.dumps(inspect(ctx, sys.argv[3])))
else:
    print(json.dumps(edit(ctx, sys.argv[3], sys.argv[4], json.loads(sys.argv[5]))))
sys.stdout.flush()
os._exit(0)  # pyuno may crash tearing its bridge down at exit (seen: SIGSEGV under load)
'''


def _available() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                           timeout=60, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _available(),
                                reason="LibreOffice (soffice) with python3-uno not installed")

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="givenname" oor:op="fuse">
<value>Norway</value></prop></item>
</oor:items>
"""


class Office:
    """One headless soffice on a private pipe; `run` drives it through the UNO script."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pipe = f"draftkit-{uuid.uuid4().hex}"
        (folder / "profile" / "user").mkdir(parents=True)
        (folder / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE)
        self.script = folder / "uno_script.py"
        self.script.write_text(UNO_SCRIPT)
        self.process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
             "--nodefault", "--nofirststartwizard", f"--accept=pipe,name={self.pipe};urp;",
             f"-env:UserInstallation={(folder / 'profile').as_uri()}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def run(self, *args: str) -> Any:
        result = subprocess.run([SYSTEM_PYTHON, str(self.script), self.pipe, *args],
                                capture_output=True, text=True, timeout=180, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(result.stdout)

    def inspect(self, data: bytes, name: str) -> Any:
        path = self.folder / name
        path.write_bytes(data)
        return self.run("inspect", str(path))

    def stop(self) -> None:
        """End the soffice started here, and its children (its own process group)."""
        for sent in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sent)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=20)
                return
            except subprocess.TimeoutExpired:
                continue


def shown(found: list[str]) -> list[str]:
    """Paragraphs as LibreOffice gives them, without the empty ones and the two title lines."""
    return [p for p in found if p][2:]


def test_accepting_gives_to_and_rejecting_gives_from(office: Office) -> None:
    drafts = open_drafts(FIXTURE)
    before, after = drafts.revision(DOC, "zero-draft"), drafts.revision(DOC, "rev1")
    seen = office.inspect(diff_to_docx(before, after), "redline.docx")
    assert shown(seen["accepted"]) == lines(after)
    assert shown(seen["rejected"]) == lines(before)
    assert {r["author"] for r in seen["redlines"]} == {after.issued_by}
    assert {r["type"] for r in seen["redlines"]} == {"Insert", "Delete"}


def test_authors_are_the_parties_and_text_survives(office: Office) -> None:
    before = make_revision([("a", "OP1", "Recognize the plan [as agreed] <b>."),
                            ("b", "OP2", "Call upon all."),
                            ("c", "OP3", "Decide 😀 مرحبا.")])
    after = make_revision([("a", "OP1", "Recognize the action plan [as agreed] <b>."),
                           ("c", "OP2", "Decide 😀 مرحبا."),
                           ("d", "OP3", "Welcome [all] & more.")],
                          name="rev1", parent="zero-draft")
    provenance = Provenance("rev1", "zero-draft", {
        "a": (Change(14, 14, 14, 21, ("NOR-1a2b",), ("NOR", "IRL")),),
        "b": (Change(0, 14, 0, 0, ("EU-3c4d",), ("EU",)),),
        "d": (Change(0, 0, 0, 21, ("CHL-9z8y",), ("CHL",)),)})
    seen = office.inspect(diff_to_docx(before, after, provenance), "parties.docx")
    assert shown(seen["accepted"]) == lines(after)
    assert shown(seen["rejected"]) == lines(before)
    assert {r["author"] for r in seen["redlines"]} == {"NOR, IRL", "EU", "CHL", "Presidency"}


def test_comments_survive_on_their_words(office: Office, tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    drafts = open_drafts(root)
    made = drafts.comment(DOC, party="CMC", type="substantive", paragraph="Action 27",
                          quote="national health", text="Survivors <need> & [this] 😀",
                          revision="rev1")
    drafts.reply(made.id, "IRL", "We agree")
    drafts.dispose(made.id, "accepted-in-principle", "See Rev.2")
    seen = office.inspect(drafts.export_docx(DOC, "rev1"), "clean.docx")
    assert seen["redlines"] == []
    ours = next(n for n in seen["notes"] if made.id in n["content"])
    assert ours["author"] == "CMC" and ours["anchor"] == "national health"
    assert "Survivors <need> & [this] 😀" in ours["content"]
    assert "accepted in principle" in ours["content"] and ours["resolved"]
    reply = next(n for n in seen["notes"] if n["content"] == "We agree")
    assert (reply["author"], reply["anchor"]) == ("IRL", "national health")
    rev1 = drafts.revision(DOC, "rev1")
    head = drafts.masthead(DOC, "rev1")
    block = [*head.lines(), *head.meeting_lines()]  # the first page, as LibreOffice reads it
    found = [p for p in seen["paragraphs"] if p]
    assert found[:len(block)] == block
    assert shown(found[len(block):])[:2] == [rev1.sections[0].title,
                                             f"1 {rev1.find('1').text}"]


def test_an_export_edited_in_libreoffice_imports_as_attributed_proposals(
        office: Office, tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    drafts = open_drafts(root)
    rev1 = drafts.revision(DOC, "rev1")
    clean = tmp_path / "rev1.docx"
    clean.write_bytes(drafts.export_docx(DOC, "rev1"))
    edited = tmp_path / "norway.docx"
    plan = [{"do": "replace", "old": "national health", "new": "national public health"},
            {"do": "add-after", "at": "Action 27 ",
             "text": "Action 27 bis Ensure that survivors take part in planning."},
            {"do": "delete", "at": "Action 28 "},
            {"do": "comment", "on": "disability and social services", "author": "Chile",
             "text": "editorial: Say “social protection”?"}]
    office.run("edit", str(clean), str(edited), json.dumps(plan))
    result = drafts.import_docx(DOC, edited, revision="rev1")
    assert result.plan.problems == ()
    assert {p.proposers for p in result.proposals} == {("NOR",)}
    expected = [p.text for p in rev1.paragraphs()]
    at = [p.label for p in rev1.paragraphs()].index(rev1.find("Action 27").label)
    expected[at] = expected[at].replace("national health", "national public health")
    expected.insert(at + 1, "Ensure that survivors take part in planning.")
    expected.remove(rev1.find("Action 28").text)
    assert applied(rev1, list(result.proposals)) == expected
    (comment,) = result.comments
    assert (comment.party, comment.type.value, comment.label) == ("CHL", "editorial",
                                                                 "Action 27")
    assert comment.anchor is not None
    assert comment.anchor.quote == "disability and social services"
    assert comment.text == "Say “social protection”?"


def table_lines(revision: Revision) -> list[str]:
    """What LibreOffice should read: each section's title, each paragraph's label and text,
    and under a table's caption its header row and rows, cells joined by " | "."""
    found = []
    for section, paragraph in revision.located():
        if paragraph is section.paragraphs[0]:
            found.append(section.title)
        found.append(f"{paragraph.label} {paragraph.text}")
        if paragraph.table is not None:
            found.append(" | ".join(c.heading for c in paragraph.table.columns))
            found += [" | ".join(row.cells) for row in paragraph.table.rows]
    return found


def test_a_table_redline_accepts_to_to_and_rejects_to_from(office: Office) -> None:
    """Cells edited word by word, rows inserted, deleted and moved, a heading renamed,
    a table added whole: tracked changes inside Word table cells and rows."""
    columns = (Column("type", "Type [of munition]"), Column("qty", "Quantity"))
    stocks = Table(columns, (Row("r1", ("M26 rocket", "1 200")), Row("r2", ("BLU-97", "40")),
                             Row("r3", ("مرحبا 😀", "")), Row("r4", ("M85 <b>", "12"))))
    before = make_revision([("a", "B1", "Stocks by type")])
    before = attrs.evolve(before, sections=(attrs.evolve(before.sections[0], paragraphs=(
        attrs.evolve(before.sections[0].paragraphs[0], table=stocks),)),))
    after_table = Table((columns[0], Column("qty", "Number")), (
        Row("r4", ("M85 <b>", "12")), Row("r1", ("M26 rocket", "1 100")),
        Row("r5", ("Total", "1 112")), Row("r3", ("مرحبا 😀", "5"))))
    added = Table((Column("x", "Lot"),), (Row("q1", ("L-7",)),))
    after = make_revision([("a", "B1", "Stocks by type"), ("b", "B2", "Lots")],
                          name="rev1", parent="zero-draft")
    after = attrs.evolve(after, sections=(attrs.evolve(after.sections[0], paragraphs=(
        attrs.evolve(after.sections[0].paragraphs[0], table=after_table),
        attrs.evolve(after.sections[0].paragraphs[1], table=added))),))
    seen = office.inspect(diff_to_docx(before, after), "table-redline.docx")
    assert shown(seen["accepted"]) == table_lines(after)
    assert shown(seen["rejected"]) == table_lines(before)
