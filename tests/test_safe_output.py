"""Safe output: a party's text never drives the reader's terminal or spreadsheet.

A copy of the shipped drafts gets, through the public API, a revision, proposals,
a comment, a reply and an observation that hold every control character: ESC
sequences (clear screen, an OSC 0 window title, an OSC 8 link), BEL, other C0,
DEL, C1 and the bidi overrides, isolates and marks. Every command that prints
party-written text then runs on it, plain and in colour, and the bytes it writes
are checked: no raw control reaches stdout or stderr; the text is shown visibly
(`\\x1b`, `<U+202E>`) instead, JSON escapes it and decodes to the stored text, and
a CSV cell that a spreadsheet would take for a formula starts with `'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner, Result

from conftest import FIXTURE, snapshot
from draftkit.api import Drafts, open_drafts
from draftkit.cli import cli
from draftkit.docx.blocks import Block, Note, Run, Tracked, heading
from draftkit.docx.writer import write_docx
from draftkit.render.export import to_text
from draftkit.render.safe import csv_cell, dumps, html_text, json_safe, visible, visible_line
from draftkit.store.registry_format import format_document

DOC = "vientiane-action-plan"
DATE = ("--date", "2010-10-01")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"  # direction marks: legitimate in Arabic and Hebrew text
EVIL = ("\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
        "\x07\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x80\x85\x9b\x9f" + BIDI + MARKS)
# What may not reach a reader raw: C0 but tab and newline, DEL, C1, bidi controls.
RAW = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI}]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours and styles
COLOUR = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None, "COLUMNS": "200"}

PARAGRAPH = f"Evil {EVIL} text."
HEADING = f"{EVIL} heading"
WORDING = f"within two years {EVIL} ok"
RIVAL = f"within six months {EVIL} ok"
RATIONALE = f"Because {EVIL} reasons"
COMMENT = f"Comment {EVIL} text"
REPLY = f"Reply {EVIL} text"
OBSERVATION = f"Observation {EVIL} text"


@attrs.frozen
class Hostile:
    root: Path
    nor: str
    irl: str
    comment: str
    disposed: str


def build(root: Path) -> Hostile:
    """The shipped drafts at `root`, with control characters in every party-written field."""
    shutil.copytree(FIXTURE, root)
    drafts = open_drafts(root)
    (root / DOC / "document.txt").write_text(format_document(attrs.evolve(
        drafts.document(DOC), title=f"Plan {EVIL} title")), encoding="utf-8")
    drafts = open_drafts(root)
    # Written against Rev.1 on words the hostile revision changes: stale, with a reason
    # that quotes the new words.
    drafts.propose(DOC, paragraph="Action 3", operation="replace", quote="regional meetings",
                   text="meetings", proposers=["GBR"], rationale=RATIONALE)
    rev1 = drafts.revision(DOC, "rev1")

    def hostile(paragraph: Any) -> Any:
        if str(paragraph.label) == "Action 27":
            return attrs.evolve(paragraph, text=f"{paragraph.text} {PARAGRAPH}")
        if str(paragraph.label) == "Action 3":
            return attrs.evolve(paragraph, text=paragraph.text.replace(
                "regional meetings", f"regional {EVIL} meetings"))
        return paragraph

    sections = []
    for section in rev1.sections:
        paragraphs = tuple(hostile(p) for p in section.paragraphs)
        named = any(str(p.label) == "Action 27" for p in paragraphs)
        sections.append(attrs.evolve(section, paragraphs=paragraphs,
                                     heading=f"{section.heading} {HEADING}" if named
                                     else section.heading))
    drafts.record(attrs.evolve(rev1, name="rev-evil", parent="rev1", date=dt.date(2010, 10, 1),
                               issued_by=f"Presidency {EVIL} issuer", note=f"Note {EVIL} note",
                               sections=tuple(sections)))
    nor = drafts.propose(DOC, paragraph="Action 27", operation="replace",
                         quote="within one year", text=WORDING, proposers=["NOR"],
                         rationale=RATIONALE)
    irl = drafts.propose(DOC, paragraph="Action 27", operation="replace",
                         quote="within one year", text=RIVAL, proposers=["IRL"])
    drafts.propose(DOC, paragraph="Action 27", operation="add", position="after",
                   text=f"Added {EVIL} paragraph.", proposers=["CHL"])
    drafts.support(nor.id, "CHL", f"Note {EVIL} note")
    drafts.accept(nor.id, force=True)  # conflicting on purpose: the merge report shows it
    drafts.accept(irl.id, force=True)
    comment = drafts.comment(DOC, party="CMC", type="substantive", text=COMMENT,
                             paragraph="Action 27", quote="within one year")
    drafts.reply(comment.id, "NOR", REPLY)
    disposed = drafts.comment(DOC, party="NOR", text=f"Second {EVIL} comment",
                              paragraph="Action 27")
    drafts.reply(disposed.id, "IRL", REPLY)
    drafts.dispose(disposed.id, "accepted", OBSERVATION)
    return Hostile(root, nor.id, irl.id, comment.id, disposed.id)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return build(tmp_path_factory.mktemp("hostile") / "drafts")


@pytest.fixture(scope="module")
def against(tmp_path_factory: pytest.TempPathFactory, hostile: Hostile) -> Path:
    """An edited export, under a file name that holds an escape sequence."""
    text = open_drafts(hostile.root).revision(DOC, "rev-evil")
    path = tmp_path_factory.mktemp("against") / "edited\x1b]0;pwned\x07.txt"
    path.write_text(to_text(text).replace("within one year", "within a year"), encoding="utf-8")
    return path


def invoke(root: Path, args: list[str], colour: bool = False) -> Result:
    return CliRunner().invoke(cli, ["--drafts", str(root), *args],
                              env=COLOUR if colour else None)


def raw_controls(data: bytes, colour: bool = False) -> list[str]:
    """The raw control characters in output bytes (rich's own colour codes aside)."""
    text = data.decode("utf-8")
    if colour:
        text = SGR.sub("", text)
    return sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})


# Every output that can print party-written text, by name: (arguments, kind). Kinds:
# "text" (terminal and plain text: controls shown as \x1b, <U+202E>), "table" (rich
# tables, which may fold a long cell), "json", "html", "csv", "markdown", and "export",
# the editable revision file (tested on its own below).
OUTPUTS: dict[str, tuple[list[str], str]] = {
    "docs": (["docs"], "table"),
    "log": (["log", DOC], "table"),
    "show": (["show", DOC], "text"),
    "show --notes": (["show", DOC, "--notes"], "text"),
    "show --status --notes": (["show", DOC, "--status", "open", "--notes"], "text"),
    "diff": (["diff", DOC, "rev1", "rev-evil"], "text"),
    "diff --side-by-side": (["diff", DOC, "rev1", "rev-evil", "--side-by-side"], "table"),
    "diff --stat": (["diff", DOC, "rev1", "rev-evil", "--stat"], "table"),
    "diff markdown": (["diff", DOC, "rev1", "rev-evil", "--format", "markdown"], "markdown"),
    "diff markdown --stat": (["diff", DOC, "rev1", "rev-evil", "--format", "markdown",
                              "--stat"], "markdown"),
    "diff html": (["diff", DOC, "rev1", "rev-evil", "--format", "html"], "html"),
    "diff html --stat": (["diff", DOC, "rev1", "rev-evil", "--format", "html", "--stat"],
                         "html"),
    "diff unified": (["diff", DOC, "rev1", "rev-evil", "--format", "unified"], "text"),
    "diff unified --stat": (["diff", DOC, "rev1", "rev-evil", "--format", "unified",
                             "--stat"], "text"),
    "diff json": (["diff", DOC, "rev1", "rev-evil", "--format", "json"], "json"),
    "diff json --stat": (["diff", DOC, "rev1", "rev-evil", "--format", "json", "--stat"],
                         "json"),
    "diff --proposal": (["diff", DOC, "--proposal", "{nor}"], "text"),
    "diff --proposal json": (["diff", DOC, "--proposal", "{nor}", "--format", "json"], "json"),
    "diff --against": (["diff", DOC, "--against", "{against}", "--format", "unified"], "text"),
    "diff --against terminal": (["diff", DOC, "--against", "{against}"], "text"),
    "proposals": (["proposals", DOC], "table"),
    "proposals json": (["proposals", DOC, "--format", "json"], "json"),
    "comments": (["comments", DOC], "table"),
    "comments csv": (["comments", DOC, "--format", "csv"], "csv"),
    "comments markdown": (["comments", DOC, "--format", "markdown"], "markdown"),
    "comments json": (["comments", DOC, "--format", "json"], "json"),
    "status": (["status", DOC], "table"),
    "status json": (["status", DOC, "--format", "json"], "json"),
    "merge --compile": (["merge", DOC, "--compile"], "text"),
    "merge --compile terminal": (["merge", DOC, "--compile", "--format", "terminal"], "text"),
    "merge --compile markdown": (["merge", DOC, "--compile", "--format", "markdown"],
                                 "markdown"),
    "merge --compile html": (["merge", DOC, "--compile", "--format", "html"], "html"),
    "merge --compile json": (["merge", DOC, "--compile", "--format", "json"], "json"),
    "merge --into": (["merge", DOC, "--into", "rev-x", "--dry-run", *DATE], "text"),
    "merge --into -o": (["merge", DOC, "--into", "rev-x", "--dry-run", *DATE, "-o", "{out}"],
                        "text"),
    "merge --into json": (["merge", DOC, "--into", "rev-x", "--dry-run", *DATE, "--format",
                           "json"],
                          "json"),
    "blame": (["blame", DOC, "--para", "Action 27"], "text"),
    "blame json": (["blame", DOC, "--format", "json"], "json"),
    "export": (["export", DOC], "export"),
    "export markdown": (["export", DOC, "--format", "markdown"], "markdown"),
    "export json": (["export", DOC, "--format", "json"], "json"),
}
# Colour applies to these: rich draws them, and styles each part.
COLOURED = ["docs", "log", "show", "show --notes", "show --status --notes", "diff",
            "diff --side-by-side", "diff --stat", "diff --proposal", "diff --against terminal",
            "proposals", "comments", "status", "merge --compile terminal", "merge --into"]


def arguments(name: str, hostile: Hostile, against: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "report.txt"
    return [a.format(nor=hostile.nor, against=against, out=out) for a in OUTPUTS[name][0]]


def output_of(name: str, hostile: Hostile, against: Path, tmp_path: Path,
              colour: bool = False) -> tuple[Result, bytes]:
    result = invoke(hostile.root, arguments(name, hostile, against, tmp_path), colour)
    assert result.exit_code in (0, 1), (result.output, result.exception)
    written = tmp_path / "report.txt"
    return result, written.read_bytes() if written.exists() else result.stdout_bytes


@pytest.mark.parametrize("name", [n for n, (_, kind) in OUTPUTS.items() if kind != "export"])
def test_no_raw_control_reaches_the_reader(name: str, hostile: Hostile, against: Path,
                                           tmp_path: Path) -> None:
    result, data = output_of(name, hostile, against, tmp_path)
    assert raw_controls(data) == []
    assert raw_controls(result.stderr_bytes) == []
    kind = OUTPUTS[name][1]
    text = data.decode("utf-8")
    if kind == "text":
        assert "\\x1b" in text and "<U+202E>" in text and "pwned" in text
    elif kind == "markdown":  # shown visibly, then escaped as markdown
        assert "\\\\x1b" in text and "\\<U\\+202E\\>" in text and "pwned" in text
    elif kind == "html":
        assert "\\x1b" in text and "&lt;U+202E&gt;" in text
    elif kind == "table":
        assert "\\x1b" in text or "x1b" in text


@pytest.mark.parametrize("name", COLOURED)
def test_no_raw_control_reaches_a_colour_terminal(name: str, hostile: Hostile,
                                                  against: Path, tmp_path: Path) -> None:
    result, data = output_of(name, hostile, against, tmp_path, colour=True)
    assert SGR.search(data.decode("utf-8")), "expected rich's colours"
    assert raw_controls(data, colour=True) == []
    assert raw_controls(result.stderr_bytes, colour=True) == []


def test_square_brackets_stay_literal_in_colour(hostile: Hostile) -> None:
    result = invoke(hostile.root, ["show", DOC, "--para", "Action 27"], colour=True)
    flat = " ".join(SGR.sub("", result.stdout).split())
    assert "[EU: delete]" in flat and "[bold]" in flat
    assert "\\x1b[2J" in flat and "<U+202E>" in flat


def strings(value: Any) -> Iterator[str]:
    """Every string in a decoded JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("name", [n for n, (_, kind) in OUTPUTS.items() if kind == "json"])
def test_json_stays_json_and_decodes_to_the_stored_text(name: str, hostile: Hostile,
                                                        against: Path,
                                                        tmp_path: Path) -> None:
    _, data = output_of(name, hostile, against, tmp_path)
    decoded = json.loads(data)
    found = [s for s in strings(decoded) if EVIL in s]
    assert found, "the hostile text is in the output, decoded exactly"


def test_json_values_equal_the_stored_text(hostile: Hostile) -> None:
    proposals = json.loads(invoke(hostile.root, ["proposals", DOC, "--format", "json"]).stdout)
    nor = next(p for p in proposals if p["id"] == hostile.nor)
    assert (nor["text"], nor["rationale"]) == (WORDING, RATIONALE)
    assert nor["history"][1]["note"] == f"Note {EVIL} note"
    comments = json.loads(invoke(hostile.root, ["comments", DOC, "--format", "json"]).stdout)
    by_id = {c["id"]: c for c in comments}
    assert by_id[hostile.comment]["text"] == COMMENT
    assert by_id[hostile.comment]["replies"][0]["text"] == REPLY
    assert by_id[hostile.disposed]["observation"] == OBSERVATION
    exported = json.loads(invoke(hostile.root, ["export", DOC, "--format", "json"]).stdout)
    texts = [p["text"] for s in exported["sections"] for p in s["paragraphs"]]
    stored = [p.text for p in open_drafts(hostile.root).revision(DOC).paragraphs()]
    assert texts == stored and any(t.endswith(PARAGRAPH) for t in texts)
    assert exported["revision"]["issued_by"] == f"Presidency {EVIL} issuer"
    compared = json.loads(invoke(hostile.root, ["diff", DOC, "rev1", "rev-evil",
                                                "--format", "json"]).stdout)
    new_text = {"".join(s["text"] for s in p["spans"] if s["op"] != "delete")
                for p in compared["paragraphs"]}
    assert set(stored) <= new_text


def test_html_shows_controls_visibly_and_escaped(hostile: Hostile) -> None:
    page = invoke(hostile.root, ["merge", DOC, "--compile", "--format", "html"]).stdout
    assert html_text(PARAGRAPH) in page
    page = invoke(hostile.root, ["diff", DOC, "rev1", "rev-evil", "--format", "html"]).stdout
    assert "\\x1b]0;pwned\\x07" in page and "&lt;U+202E&gt;" in page
    assert set(re.findall(r"&#[^;]*;", page)) <= {"&#x27;"}  # no character references


def test_markdown_shows_controls_visibly_and_escaped(hostile: Hostile) -> None:
    text = invoke(hostile.root, ["export", DOC, "--format", "markdown"]).stdout
    assert "\\\\x1b\\[2J" in text  # \x1b[2J, its backslash and bracket escaped
    assert "\\<U\\+202E\\>" in text


def test_the_stored_text_is_never_altered(hostile: Hostile, against: Path,
                                          tmp_path: Path) -> None:
    before = snapshot(hostile.root)
    for name in OUTPUTS:
        if "--into" not in name:
            output_of(name, hostile, against, tmp_path)
    assert snapshot(hostile.root) == before
    drafts = open_drafts(hostile.root)
    assert drafts.proposal(hostile.nor).operation.text == WORDING
    assert drafts.proposal(hostile.nor).rationale == RATIONALE
    comment = drafts.comment_by_id(hostile.comment)
    assert (comment.text, comment.replies[0].text) == (COMMENT, REPLY)
    decided = drafts.comment_by_id(hostile.disposed).disposition
    assert decided is not None and decided.observation == OBSERVATION
    assert any(p.text.endswith(PARAGRAPH) for p in drafts.revision(DOC).paragraphs())


def test_export_text_round_trips_exactly(hostile: Hostile, tmp_path: Path) -> None:
    """The editable revision file keeps every control: exported and revised, the text
    is the same, character for character."""
    root = tmp_path / "drafts"
    shutil.copytree(hostile.root, root)
    exported = invoke(root, ["export", DOC, "--rev", "rev-evil"])
    assert exported.exit_code == 0
    path = tmp_path / "rev-again.txt"
    path.write_bytes(exported.stdout_bytes)
    revised = invoke(root, ["revise", DOC, "--from", str(path), "--name", "rev-again", *DATE])
    assert revised.exit_code == 0, revised.output
    drafts = open_drafts(root)
    before, after = drafts.revision(DOC, "rev-evil"), drafts.revision(DOC, "rev-again")
    assert [(p.id, p.text) for p in after.paragraphs()] == \
        [(p.id, p.text) for p in before.paragraphs()]
    assert [s.heading for s in after.sections] == [s.heading for s in before.sections]
    assert (after.issued_by, after.note) == (before.issued_by, before.note)


def test_export_text_quotes_every_control(hostile: Hostile) -> None:
    """The revision file quotes C0, DEL and C1 with JSON escapes (the store grammar)."""
    data = invoke(hostile.root, ["export", DOC]).stdout_bytes
    assert raw_controls(data) == []
    assert "\\u001b[2J" in data.decode("utf-8")


def test_export_text_quotes_bidi_controls(hostile: Hostile) -> None:
    assert raw_controls(invoke(hostile.root, ["export", DOC]).stdout_bytes) == []


FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)",
            "- a bullet, as people write them", "\tTabbed", "=1+1 \x1b[2J"]


def test_csv_cells_that_look_like_formulas_are_quoted(copy: Path) -> None:
    drafts = open_drafts(copy)
    made = {text: drafts.comment(DOC, party="CMC", text=text, paragraph="Action 27").id
            for text in FORMULAS}
    drafts.reply(made["+1"], "NOR", "=cmd|' /C calc'!A0")
    drafts.dispose(made["@SUM(A1)"], "accepted", "-2+3")
    data = invoke(copy, ["comments", DOC, "--format", "csv"]).stdout_bytes
    assert raw_controls(data) == []
    rows = {row["ID"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8")))}
    cells = {text: rows[made[text]]["Comment"] for text in FORMULAS}
    assert cells == {'=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
                     "+1": "'+1", "-1+2": "'-1+2", "@SUM(A1)": "'@SUM(A1)",
                     "- a bullet, as people write them": "'- a bullet, as people write them",
                     "\tTabbed": "'\tTabbed", "=1+1 \x1b[2J": "'=1+1 \\x1b[2J"}
    assert rows[made["+1"]]["Replies"] == "NOR: =cmd|' /C calc'!A0"  # not at the start
    assert rows[made["@SUM(A1)"]]["Observations of the secretariat"] == "Accepted: -2+3"
    for text in FORMULAS:  # stored as written
        assert drafts.comment_by_id(made[text]).text == text


def test_every_csv_cell_starts_safely(hostile: Hostile) -> None:
    data = invoke(hostile.root, ["comments", DOC, "--format", "csv"]).stdout
    for row in csv.reader(io.StringIO(data)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_import_report_shows_controls_visibly(copy: Path, tmp_path: Path) -> None:
    """A Word file can carry C1 and bidi controls (XML refuses most of C0): the import
    report, text and JSON, shows them without acting on them."""
    drafts = open_drafts(copy)
    drafts.record(attrs.evolve(drafts.revision(DOC, "rev1"), name="rev-evil", parent="rev1"))
    xml_safe = "\x7f\x80\x85\x9b\x9f" + BIDI
    when = dt.datetime(2010, 10, 1, tzinfo=dt.UTC)
    target = drafts.paragraph(DOC, "Action 3", "rev-evil").text
    cut = target.index("regional meetings")
    note = Note("n1", "NOR", when, (f"Note {xml_safe} text",))
    path = tmp_path / "delegation.docx"
    path.write_bytes(write_docx([
        heading(drafts.document(DOC).title, 0), heading("III. Universalization", 1),
        Block((Run(target[:cut]), Run(f"new {xml_safe} words ", Tracked("insert", ("NOR",),
                                                                       when)),
               Run(target[cut:], notes=("n1",))), label=(Run("Action 3 "),), notes=(note,)),
        Block((Run(f"A paragraph {xml_safe} from elsewhere."),))]))
    before = snapshot(copy)
    for form in ("text", "json"):
        result = invoke(copy, ["import", DOC, str(path), "--rev", "rev-evil", "--dry-run",
                               "--format", form])
        assert result.exit_code == 0, result.output
        assert raw_controls(result.stdout_bytes) == [] == raw_controls(result.stderr_bytes)
        if form == "json":
            assert xml_safe in json.dumps(json.loads(result.stdout), ensure_ascii=False)
        else:
            assert "<U+202E>" in result.stdout and "\\x85" in result.stdout
    assert snapshot(copy) == before


def test_check_names_a_stray_file_visibly(copy: Path) -> None:
    (copy / DOC / "stray\x1b]0;pwned\x07\u202e.txt").write_text("x", encoding="utf-8")
    result = invoke(copy, ["check", DOC])
    assert result.exit_code == 1
    assert raw_controls(result.stdout_bytes) == [] == raw_controls(result.stderr_bytes)
    assert "\\x1b]0;pwned\\x07<U+202E>" in result.stdout


def test_the_neutralising_functions() -> None:
    assert visible("a\x1b[2Jb\tc\nd\x85\u202e\x7f") == "a\\x1b[2Jb\tc\nd\\x85<U+202E>\\x7f"
    assert visible_line("a\nb\tc") == "a\\x0ab\tc"
    assert visible("[bold] Côte d'Ivoire, 行动计划, دولة") == \
        "[bold] Côte d'Ivoire, 行动计划, دولة"
    assert html_text('<b>"x"</b>\u202e') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;&lt;U+202E&gt;"
    value = {"text": EVIL + " México →", "n": [1, None]}
    assert json.loads(dumps(value)) == value and json.loads(dumps(value, indent=2)) == value
    assert raw_controls(dumps(value).encode()) == [] and "México →" in dumps(value)
    unmarked = EVIL.removesuffix(MARKS)  # direction marks stay as written
    assert json_safe(json.dumps(unmarked, ensure_ascii=False)) == json.dumps(unmarked)
    assert [csv_cell(t) for t in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", "", "'x")] == \
        ["'=1", "'+1", "'-1", "'@a", "'\tx", "\\x0dx", "a=1", "", "'x"]


def test_hostile_drafts_build_through_the_public_api(hostile: Hostile) -> None:
    drafts: Drafts = open_drafts(hostile.root)
    assert drafts.revision(DOC).name == "rev-evil"
    assert EVIL in drafts.document(DOC).title


def test_direction_marks_in_arabic_text_reach_the_reader_as_written(copy: Path) -> None:
    """A right-to-left mark is part of how Arabic is written, not an instruction: it
    passes, while an override beside it is shown."""
    drafts = open_drafts(copy)
    text = "الدول الأطراف\u200f (2010)\u200f تلتزم \u202eبذلك."
    made = drafts.comment(DOC, party="LBN", text=text, paragraph="Action 27")
    out = invoke(copy, ["comments", DOC, "--party", "LBN"]).stdout_bytes.decode("utf-8")
    assert "الدول الأطراف\u200f (2010)\u200f تلتزم" in out and "\u202e" not in out
    assert "<U+202E>" in out
    assert drafts.comment_by_id(made.id).text == text
