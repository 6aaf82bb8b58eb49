"""One error boundary: every bad input, at the API and the command line, is a
DraftkitError; the command line says it in one line on stderr, exits 2 and writes
nothing. Usage errors too; `--help` stays as it is."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, snapshot
from conftest import run_strict as run
from draftkit.api import Drafts, open_drafts
from draftkit.cli import cli
from draftkit.docx.reader import read_docx
from draftkit.errors import ChoiceError, DraftkitError, one_of
from draftkit.proposals import OperationKind

DOC = "vientiane-action-plan"
GOOD = ("paragraph: Action 27\noperation: replace\nquote: within one year\n"
        "text: within two years\nproposers: NOR\n")


def refused(root: Path, *args: str) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, no traceback,
    nothing on stdout, nothing written. Returns the line."""
    before = snapshot(root)
    code, out, err = run(root, *args)
    assert code == 2, (code, out, err)
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert err.startswith("draftkit: "), err
    assert "Traceback" not in out + err and "Usage:" not in err and out == ""
    assert snapshot(root) == before
    return err.rstrip("\n")


def written(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


# propose --from FILE: every key, each wrong, named by file and line

@pytest.mark.parametrize(("content", "line", "message"), [
    (GOOD + "occurrence: two\n", 6, "occurrence: not a whole number: 'two'"),
    (GOOD + "occurrence: 0\n", 6, "occurrence: counts from 1: '0'"),
    (GOOD + "occurrence: -1\n", 6, "occurrence: not a whole number: '-1'"),
    (GOOD + "occurrence: " + "9" * 5000 + "\n", 6, "occurrence: not a whole number"),
    (GOOD + "occurrence: 3\n", 3, "quote: 'within one year' occurs 1 time, not 3"),
    (GOOD.replace("replace", "bogus"), 2, "operation: not one of insert, delete, replace"),
    (GOOD.replace("replace", "insert") + "position: sideways\n", 6,
     "position: not one of before, after: 'sideways'"),
    (GOOD + "colour: red\n", 6, "unknown key 'colour' (keys: paragraph, operation"),
    (GOOD + "just words\n", 6, "expected 'key: value', not 'just words'"),
    (GOOD + "text: again\n", 6, "text: given twice (first on line 4)"),
    (GOOD + "rationale:\n", 6, "rationale: no value"),
    (GOOD + "rationale:   \n", 6, "rationale: no value"),
    (GOOD.replace("proposers: NOR", "proposers:"), 5, "proposers: no value"),
    (GOOD.replace("Action 27", "Action 9999"), 1, "paragraph: no paragraph Action 9999"),
    (GOOD.replace("Action 27", "bis bis"), 1, "paragraph: not a paragraph address"),
    (GOOD + "revision: rev99\n", 6, "revision: vientiane-action-plan has no revision 'rev99'"),
    (GOOD.replace("NOR", "NOR XXX"), 5, "proposers: unknown party 'XXX'"),
    (GOOD + "on-behalf-of: NOR\n", 6, "on-behalf-of: NOR is not a group"),
    (GOOD + "on-behalf-of: NOBODY\n", 6, "on-behalf-of: unknown party 'NOBODY'"),
    ("paragraph: Action 27\noperation: move\nposition: after\ndestination: nowhere\n"
     "proposers: NOR\n", 4, "destination: not a paragraph address: 'nowhere'"),
    ("paragraph: Action 27\noperation: move\nposition: after\ndestination: Action 999\n"
     "proposers: NOR\n", 4, "destination: no paragraph Action 999"),
    (GOOD + "rationale: one\rtwo\n", 6, "a carriage return inside a line"),
    (GOOD.encode() + b"rationale: caf\xe9\n", 6, "invalid UTF-8"),
    (GOOD.replace("within one year", "within ten years"), 3,
     "quote: the words 'within ten years' are not in the paragraph"),
])
def test_a_bad_proposal_file_is_named_by_file_and_line(
        copy: Path, tmp_path: Path, content: str | bytes, line: int, message: str) -> None:
    source = written(tmp_path, "proposal.txt", content)
    said = refused(copy, "propose", DOC, "--from", str(source))
    assert said.startswith(f"draftkit: {source}:{line}: {message}"), said


def test_what_the_file_leaves_out_or_gets_wrong_as_a_whole_names_the_file(
        copy: Path, tmp_path: Path) -> None:
    source = written(tmp_path, "p.txt", GOOD.replace("text: within two years\n", ""))
    said = refused(copy, "propose", DOC, "--from", str(source))
    assert said == f"draftkit: {source}: replace needs the new wording"
    source = written(tmp_path, "q.txt", GOOD.replace("proposers: NOR\n", ""))
    assert refused(copy, "propose", DOC, "--from", str(source)) == \
        "draftkit: missing --by (or 'proposers:' in the --from file)"


def test_an_option_overrides_the_file_and_is_not_blamed_on_it(copy: Path,
                                                              tmp_path: Path) -> None:
    source = written(tmp_path, "p.txt", GOOD)
    said = refused(copy, "propose", DOC, "--from", str(source), "--para", "Action 999")
    assert said == "draftkit: no paragraph Action 999 in Rev.1 of vientiane-action-plan"
    code, out, err = run(copy, "propose", DOC, "--from", str(source), "--by", "IRL")
    assert code == 0 and out.split(" (late: ")[0].rstrip().endswith("by IRL"), err


@pytest.mark.parametrize("spelling", [
    GOOD.replace("\n", "\r\n"), "\ufeff" + GOOD, "# a comment\n\n" + GOOD,
    GOOD.replace("proposers: NOR", "proposers: NOR, IRL"), GOOD.replace(": ", ":"),
])
def test_a_proposal_file_as_editors_write_it_is_read(copy: Path, tmp_path: Path,
                                                     spelling: str) -> None:
    source = written(tmp_path, "p.txt", spelling)
    code, out, err = run(copy, "propose", DOC, "--from", str(source))
    assert code == 0, err
    assert "replace on Action 27 by NOR" in out


# revise: a lone carriage return inside a paragraph line

def test_revise_refuses_a_lone_carriage_return_with_its_line(copy: Path,
                                                             tmp_path: Path) -> None:
    code, text, _ = run(copy, "export", DOC, "--rev", "rev1")
    assert code == 0
    lines = text.split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith("@para")) + 1
    lines[number] = lines[number][:15] + "\r" + lines[number][15:]
    source = written(tmp_path, "rev2.txt", "\n".join(lines))
    said = refused(copy, "revise", DOC, "--from", str(source), "--name", "rev2")
    assert said.startswith(f"draftkit: {source}:{number + 1}: "), said
    assert "carriage return" in said


# import: a .docx nesting elements thousands deep

def _nested(drafts: Drafts, tag: str, depth: int) -> bytes:
    """An export of rev1 with "deeply " inserted before Action 27's words, inside
    `depth` nested `tag` elements (tracked insertions by NOR, hyperlinks …)."""
    with zipfile.ZipFile(io.BytesIO(drafts.export_docx(DOC, "rev1"))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    xml = files["word/document.xml"].decode()
    at = xml.rindex("<w:r>", 0, xml.index("Integrate victim assistance"))
    attributes = ' w:author="NOR" w:date="2024-01-01T00:00:00Z"' if tag == "w:ins" else ""
    opened = "".join(f'<{tag} w:id="{900 + n}"{attributes}>' if attributes else f"<{tag}>"
                     for n in range(depth))
    inner = '<w:ins w:id="1" w:author="NOR"><w:r><w:t xml:space="preserve">deeply </w:t>' \
            '</w:r></w:ins>'
    files["word/document.xml"] = (xml[:at] + opened + inner + f"</{tag}>" * depth
                                  + xml[at:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("tag", "depth"), [
    ("w:ins", 1_000), ("w:ins", 20_000), ("w:hyperlink", 20_000), ("w:sdt", 20_000),
    ("w:smartTag", 5_000),
])
def test_a_deeply_nested_docx_imports_without_recursion(copy: Path, tmp_path: Path,
                                                        tag: str, depth: int) -> None:
    drafts = open_drafts(copy)
    data = _nested(drafts, tag, depth)
    inserted = [p for p in read_docx(data).pieces if p.kind == "insert"]
    assert [(p.text, p.author) for p in inserted] == [("deeply ", "NOR")]
    source = written(tmp_path, "nested.docx", data)
    before = snapshot(copy)
    code, out, err = run(copy, "import", DOC, str(source), "--rev", "rev1", "--dry-run")
    assert code == 0, err
    assert 'Action 27: insert "deeply"' in out
    assert snapshot(copy) == before


def test_tables_nested_deep_in_the_body_are_read_iteratively(copy: Path) -> None:
    drafts = open_drafts(copy)
    with zipfile.ZipFile(io.BytesIO(drafts.export_docx(DOC, "rev1"))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    xml = files["word/document.xml"].decode()
    at = xml.index("<w:body>") + len("<w:body>")
    depth = 20_000
    cell = "<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + \
        "</w:tc></w:tr></w:tbl>" * depth
    files["word/document.xml"] = (xml[:at] + cell + xml[at:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    document = read_docx(buffer.getvalue())
    assert document.pieces[0].text == "deep"


# usage errors: one line, pointing at the command's help

@pytest.mark.parametrize(("args", "message"), [
    (("propose", DOC, "--bogus"), "no such option '--bogus' (see draftkit propose --help)"),
    (("--bogus",), "no such option '--bogus' (see draftkit --help)"),
    (("frobnicate",), "no such command 'frobnicate' (see draftkit --help)"),
    (("propose",), "missing argument 'DOCUMENT' (see draftkit propose --help)"),
    (("propose", DOC, "--op", "bogus"),
     "invalid value for '--op': 'bogus' is not one of 'insert'"),
    (("propose", DOC, "--occurrence", "two"),
     "invalid value for '--occurrence': 'two' is not a valid whole number"),
    (("propose", DOC, "--occurrence", "0"), "invalid value for '--occurrence': 0 is not in"),
    (("show", DOC, "--rev"), "option '--rev' requires an argument (see draftkit show --help)"),
    (("show", DOC, "--status", "closed"), "invalid value for '--status'"),
    (("show", DOC, "extra"), "got unexpected extra argument (extra)"),
    (("revise", DOC, "--from", "/no/such/file", "--name", "rev2"),
     "invalid value for '--from': File '/no/such/file' does not exist"),
    (("revise", DOC, "--name", "rev2"), "missing option '--from'"),
    (("diff", DOC, "--context", "-1"), "invalid value for '--context'"),
    (("diff", DOC, "--side-by-side", "--format", "json"),
     "--side-by-side goes with --format terminal (see draftkit diff --help)"),
    (("merge", DOC), "give either --compile or --into NAME (see draftkit merge --help)"),
    (("merge", DOC, "--into", "rev2", "--date", "2024-02-30"), "invalid value for '--date'"),
    (("export", DOC, "--format", "docx"), "--format docx needs -o FILE"),
    ((), "missing command (see draftkit --help)"),
])
def test_a_usage_error_is_one_line(copy: Path, args: tuple[str, ...], message: str) -> None:
    said = refused(copy, *args)
    assert said.startswith(f"draftkit: {message}"), said
    assert said.endswith("--help)"), said


def test_the_installed_command_says_usage_errors_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "draftkit", "--drafts", str(FIXTURE),
                             "propose", DOC, "--bogus"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == \
        "draftkit: no such option '--bogus' (see draftkit propose --help)\n"


def test_help_stays_as_it_is() -> None:
    result = CliRunner().invoke(cli, ["propose", "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: draftkit propose [OPTIONS] DOCUMENT\n")
    assert "--occurrence N" in result.stdout and "Options:" in result.stdout
    alone = CliRunner().invoke(cli, [])
    assert alone.exit_code in (0, 2)  # click < 8.2 exits 0 here
    assert "Usage: draftkit [OPTIONS] COMMAND" in alone.stdout + alone.stderr
    assert "Commands:" in alone.stdout + alone.stderr


# every other bad input: many of them through the command line

QUOTE = ("--para", "Action 27", "--quote", "within one year")
BAD_INPUTS: list[tuple[str, ...]] = [
    ("show", "no-such-doc"), ("show", DOC, "--para", "Action 999"),
    ("show", DOC, "--para", "Action 27@no-such-rev"), ("show", DOC, "--section", "XLII"),
    ("show", DOC, "--para", "Action\x1b[2J27"), ("show", "..", "--rev", "a\x00b"),
    ("propose", DOC, "--para", "Action 27", "--op", "move", "--destination", "Action 27",
     "--position", "after", "--by", "NOR"),
    ("propose", DOC, *QUOTE, "--op", "replace", "--text", "x", "--by", "NOR",
     "--occurrence", "2"),
    ("propose", DOC, *QUOTE, "--op", "replace", "--text", "a\nb", "--by", "NOR"),
    ("propose", DOC, *QUOTE, "--op", "replace", "--text", "x", "--by", "NOR",
     "--rationale", "a\rb"),
    ("propose", DOC, *QUOTE, "--op", "replace", "--text", "x", "--by", "ZZZ"),
    ("propose", DOC, "--para", "Action 27", "--op", "add", "--position", "after", "--by",
     "NOR"),
    ("support", "NOR-zzzz", "--party", "CHL"), ("support", "../../x", "--party", "CHL"),
    ("withdraw", "NOR-y6bx", "--party", "CHL"), ("accept", "NOR-y6bx", "--by", "a b"),
    ("accept", "NOR-y6bx", "--note", "one\ntwo"),
    ("comment", DOC, "--party", "NOR", "--text", "a\nb"),
    ("comment", DOC, "--party", "NOR", "--text", "x", "--quote", "within one year"),
    ("comment", DOC, "--party", "NOR", "--text", "x", *QUOTE, "--occurrence", "5"),
    ("comment", DOC, "--party", "NOR", "--text", "x", "--proposal", "ZZ-1"),
    ("reply", "C-XX-1", "--party", "NOR", "--text", "x"),
    ("reply", "C-CMC-8m24", "--party", "NOR", "--text", "  "),
    ("dispose", "C-CMC-8m24", "--disposition", "accepted", "--by", "x y"),
    ("comments", DOC, "--party", "ZZZ"), ("proposals", DOC, "--section", "XLII"),
    ("diff", DOC, "zz", "rev1"), ("diff", DOC, "--proposal", "NOR-zzzz"),
    ("merge", DOC, "--into", "Bad Name"), ("merge", DOC, "--into", "rev1"),
    ("merge", DOC, "--into", "rev2", "--prefer", "ZZ-1"),
    ("merge", DOC, "--into", "rev2", "--note", "a\nb"),
    ("merge", DOC, "--into", "rev2", "--issued-by", "a\nb", "--date", "2010-10-01"),
    ("blame", DOC, "--para", "zzz"), ("status", DOC, "--rev", "zz"), ("check", "zzz"),
    ("import", DOC, "{tmp}/not-a.docx", "--rev", "rev1"),
    ("export", DOC, "-o", "{tmp}/no/such/folder/out.txt"),
    ("export", DOC, "--format", "docx", "-o", "{tmp}/no/such/folder/out.docx"),
    ("export", DOC, "-o", "{tmp}"),
    ("diff", DOC, "-o", "{tmp}/no/such/folder/out.html", "--format", "html"),
    ("merge", DOC, "--into", "rev2", "--skip-stale", "-o", "{tmp}/no/folder/report.txt"),
    ("comments", DOC, "--format", "csv", "-o", "{tmp}/no/folder/matrix.csv"),
    ("revise", DOC, "--from", "{tmp}/latin1.txt", "--name", "rev2"),
    ("revise", DOC, "--from", "{tmp}/bad-date.txt", "--name", "rev2"),
    ("revise", DOC, "--from", "{tmp}/garbage.txt", "--name", "rev2"),
    ("diff", DOC, "--against", "{tmp}/garbage.txt"),
    ("propose", DOC, "--from", "{tmp}"),
    ("--drafts", "{tmp}/no-such-folder", "docs"),
]


@pytest.mark.parametrize("args", BAD_INPUTS, ids=lambda args: " ".join(args)[:60])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
        copy: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    written(tmp_path, "not-a.docx", b"PK\x03\x04 not really")
    written(tmp_path, "latin1.txt", "draftkit revision 2\nname: r\xe9v\n".encode("latin-1"))
    exported = (FIXTURE / DOC / "revisions" / "rev1.txt").read_text(encoding="utf-8")
    written(tmp_path, "bad-date.txt", "\n".join(
        "date: 2024-02-30" if line.startswith("date:") else line
        for line in exported.split("\n")))
    written(tmp_path, "garbage.txt", "hello\nworld\n")
    refused(copy, *(arg.replace("{tmp}", str(tmp_path)) for arg in args))


def test_no_control_character_reaches_the_terminal_in_an_error(copy: Path) -> None:
    said = refused(copy, "show", DOC, "--rev", "\x1b]0;owned\x07\u202e")
    assert "\x1b" not in said and "\x07" not in said and "\u202e" not in said


# the API: bad input is a DraftkitError, never a bare ValueError

@pytest.mark.parametrize("call", [
    lambda d: d.propose(DOC, paragraph="Action 27", operation="bogus", proposers=["NOR"]),
    lambda d: d.propose(DOC, paragraph="Action 27", operation="insert", proposers=["NOR"],
                        quote="within one year", text="x", position="sideways"),
    lambda d: d.proposals(DOC, status="pending"),
    lambda d: d.select(DOC, statuses=("pending",)),
    lambda d: d.paragraphs(DOC, statuses=["closed"]),
    lambda d: d.comments(DOC, type="rant"),
    lambda d: d.comment(DOC, party="NOR", text="x", type="rant"),
    lambda d: d.dispose("C-CMC-8m24", "maybe"),
    lambda d: d.propose(DOC, paragraph="Action 27", operation="move", proposers=["NOR"],
                        destination="Action 27", position="after"),
], ids=["operation", "position", "proposal status", "select statuses", "paragraph status",
        "comments type", "comment type", "disposition", "move next to itself"])
def test_the_api_raises_draftkit_errors_for_bad_input(copy: Path, call: object) -> None:
    drafts = open_drafts(copy)
    before = snapshot(copy)
    with pytest.raises(DraftkitError):
        call(drafts)  # type: ignore[operator]
    assert snapshot(copy) == before


def test_one_of_names_the_choices() -> None:
    assert one_of(OperationKind, "move", "operation") is OperationKind.MOVE
    assert one_of(OperationKind, OperationKind.ADD, "operation") is OperationKind.ADD
    with pytest.raises(ChoiceError, match=r"^operation: not one of insert, delete, .*"
                                          r"retain, add-row, delete-row, move-row, change-field, "
                                          r"add-column, delete-column, move-column, "
                                          r"rename-column: 'bogus'$"):
        one_of(OperationKind, "bogus", "operation")
