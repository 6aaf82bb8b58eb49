from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from conftest import FIXTURE, make_revision
from draftkit import docdiff
from draftkit.api import Drafts, open_drafts
from draftkit.cli import cli
from draftkit.model import Revision
from draftkit.render import diff_json
from draftkit.store.revision_format import format_revision
from strategies import revision_pairs

DOC = "vientiane-action-plan"
DOCUMENTS = ("vientiane-action-plan", "political-declaration")


def run(*args: str, drafts: Path = FIXTURE) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), "diff", *args])
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def test_redline_shows_relabelled_actions_and_exits_1() -> None:
    code, out, _ = run(DOC, "zero-draft", "rev1")
    assert code == 1
    assert "Action 26 → Action 27" in out
    assert "Action 37 → Action 19" in out and "moved" in out
    assert "⟦-[one year] [six months]-⟧⟦+one year+⟧" in flat(out)  # no confusing markers


def test_defaults_compare_the_latest_revision_with_its_parent() -> None:
    assert run(DOC) == run(DOC, "zero-draft", "rev1")
    assert run(DOC, "zero-draft") == run(DOC, "zero-draft", "rev1")


def test_a_revision_against_itself_exits_0() -> None:
    code, out, _ = run(DOC, "rev1", "rev1")
    assert code == 0 and "No differences." in out
    assert run(DOC, "rev1", "rev1", "--format", "json")[0] == 0


@pytest.mark.parametrize("args", [(DOC, "zero-draft", "rev9"), ("no-such-doc",),
                                  (DOC, "--para", "Action 999"), (DOC, "--section", "XX")])
def test_trouble_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_first_revision_alone_has_nothing_to_compare(empty_store: Drafts) -> None:
    empty_store.record(make_revision([("aaaaaa", "OP1", "Commit.")], document="test-doc"))
    code, _, err = run("test-doc", drafts=empty_store.root)
    assert code == 2 and "first revision" in err


def reconstructed(paragraph: dict[str, Any], ops: tuple[str, str]) -> str:
    return "".join(span["text"] for span in paragraph["spans"] if span["op"] in ops)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_json_contract_holds_for_every_paragraph(document: str) -> None:
    code, out, _ = run(document, "zero-draft", "rev1", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("zero-draft", "rev1")
    drafts = open_drafts(FIXTURE)
    before = drafts.revision(document, "zero-draft")
    after = drafts.revision(document, "rev1")
    ids = {p["id"] for p in data["paragraphs"]}
    assert ids == {p.id for p in before.paragraphs()} | {p.id for p in after.paragraphs()}
    for item in data["paragraphs"]:
        old, new = before.by_id(item["id"]), after.by_id(item["id"])
        assert reconstructed(item, ("equal", "delete")) == (old.text if old else "")
        assert reconstructed(item, ("equal", "insert")) == (new.text if new else "")
        assert item["from_label"] == (str(old.label) if old and old.label else None)
        assert item["to_label"] == (str(new.label) if new and new.label else None)
        change = item["change"]
        assert isinstance(change, str) or (isinstance(change, list) and len(change) > 1)
    in_to = [p["id"] for p in data["paragraphs"] if p["to_label"] or p["to_section"]]
    assert in_to == [p.id for p in after.paragraphs()]
    if document == DOC:
        relabelled = [p for p in data["paragraphs"] if p["from_label"] == "Action 26"]
        assert relabelled[0]["to_label"] == "Action 27"
        assert set(relabelled[0]["change"]) == {"modified", "relabelled"}


@given(revision_pairs())
def test_json_reconstructs_any_pair_of_revisions(pair: tuple[Revision, Revision]) -> None:
    before, after = pair
    data = json.loads(diff_json.to_json(docdiff.diff(before, after)))
    for item in data["paragraphs"]:
        old, new = before.by_id(item["id"]), after.by_id(item["id"])
        assert reconstructed(item, ("equal", "delete")) == (old.text if old else "")
        assert reconstructed(item, ("equal", "insert")) == (new.text if new else "")


def test_json_of_unchanged_paragraphs_is_one_equal_span() -> None:
    data = json.loads(run(DOC, "rev1", "rev1", "--format", "json")[1])
    assert data["changed"] is False
    assert all(p["change"] == "unchanged" and len(p["spans"]) == 1 for p in data["paragraphs"])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_all_text_and_shows_brackets(empty_store: Drafts) -> None:
    kept = "Adopt <script>alert(1)</script> & [this] "
    before = make_revision([("aaaaaa", "OP1", kept + "now.")])
    after = make_revision([("aaaaaa", "OP1", kept + "<b>then</b>.")],
                          name="rev1", parent="zero-draft")
    empty_store.record(before)
    empty_store.record(after)
    code, out, _ = run("test-doc", "--format", "html", drafts=empty_store.root)
    assert code == 1
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    parser = _Text()
    parser.feed(out)
    assert {"del", "ins", "style"} <= set(parser.tags) and "script" not in parser.tags
    text = "".join(parser.text)
    assert kept in text and "<b>then</b>" in text


def test_html_of_the_shipped_drafts_is_one_page() -> None:
    code, out, _ = run(DOC, "zero-draft", "rev1", "--format", "html")
    assert code == 1 and out.startswith("<!DOCTYPE html>") and out.count("<html") == 1
    assert "Action 26 → Action 27" in out and "[EU: delete]" in out


def test_markdown_marks_changes_and_escapes_brackets() -> None:
    from markdown_it import MarkdownIt

    code, out, _ = run("political-declaration", "--format", "markdown", "--para", "PP3",
                       "--para", "OP2")
    assert code == 1
    assert "~~maim~~**injure**" in out
    assert "\\[as soon as possible\\]" in out
    rendered = MarkdownIt("commonmark").enable("strikethrough").render(out)
    assert "<s>maim</s><strong>injure</strong>" in rendered
    assert "[as soon as possible]" in rendered and "~~" not in rendered and "**" not in rendered


def test_unified_is_a_word_diff_with_a_header_per_paragraph() -> None:
    code, out, _ = run(DOC, "--format", "unified", "--para", "Action 27")
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == ["--- Zero draft", "+++ Rev.1"]
    assert lines[3].startswith("@@ Action 26 → Action 27 | modified, relabelled")
    assert "{+" in lines[4] and "[EU: delete]" in lines[4]


def test_para_resolves_addresses_in_either_revision() -> None:
    code, out, _ = run(DOC, "--format", "json", "--para", "Action 11", "--para",
                       "Action 26@zero-draft")
    ids = [p["from_label"] for p in json.loads(out)["paragraphs"]]
    assert code == 1 and set(ids) == {"Action 10", "Action 26"}
    deleted = json.loads(run(DOC, "--format", "json", "--para", "Action 11@zero-draft")[1])
    assert [p["change"] for p in deleted["paragraphs"]] == ["deleted"]


def test_section_and_context() -> None:
    code, out, _ = run(DOC, "--format", "json", "--section", "IV")
    sections = {p["to_section"] or p["from_section"] for p in json.loads(out)["paragraphs"]}
    assert code == 1 and len(sections) == 1
    by_heading = run(DOC, "--format", "json", "--section", "stockpile destruction and retention")
    assert by_heading[1] == out
    narrow = run("political-declaration", "--format", "unified", "--section", "Preamble")[1]
    wide = run("political-declaration", "--format", "unified", "--section", "Preamble",
               "--context", "1")[1]
    assert "@@ PP1 @@" not in narrow and "@@ PP1 @@" in wide


def test_stat_counts_per_section() -> None:
    data = json.loads(run(DOC, "--stat", "--format", "json")[1])
    assert len(data["sections"]) == 8
    assert sum(s["relabelled"] for s in data["sections"]) >= 40
    code, out, _ = run(DOC, "--stat")
    assert code == 1 and "Universalization" in out and "total" in out


def test_side_by_side_shows_both_texts() -> None:
    code, out, _ = run(DOC, "--side-by-side", "--para", "Action 27")
    assert code == 1 and "Zero draft" in out and "Rev.1" in out
    assert "Action 26" in out and "Action 27" in out
    assert run(DOC, "--side-by-side", "--format", "json")[0] == 2


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    code, out, _ = run(DOC, "--format", "markdown", "-o", str(target))
    assert code == 1 and out == ""
    assert "Action 26 → Action 27" in target.read_text(encoding="utf-8")


def test_against_an_edited_export(tmp_path: Path) -> None:
    drafts = open_drafts(FIXTURE)
    text = format_revision(drafts.revision(DOC, "rev1"))
    edited = text.replace("Encourage signatories", "Urge signatories")
    lines = edited.split("\n")
    at = next(i for i, line in enumerate(lines) if "| Action 3 |" in line)
    lines[at] = "@para " + lines[at][lines[at].index("|"):]  # no id: carried by its text
    source = tmp_path / "edited.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run(DOC, "--against", str(source), "--format", "json")
    data = json.loads(out)
    assert code == 1 and (data["from"], data["to"]) == ("rev1", str(source))
    changed = [p for p in data["paragraphs"] if p["change"] != "unchanged"]
    assert [(p["to_label"], p["change"]) for p in changed] == [("Action 2", "modified")]
    source.write_text(text, encoding="utf-8")
    assert run(DOC, "--against", str(source))[0] == 0
    assert run(DOC, "zero-draft", "rev1", "--against", str(source))[0] == 2


def test_json_path_does_not_import_rich() -> None:
    probe = ("import sys\nfrom draftkit.cli import main\nsys.argv = ['draftkit', '--drafts', "
             f"{str(FIXTURE)!r}, 'diff', {DOC!r}, '--format', 'json']\n"
             "try:\n    main()\nexcept SystemExit as end:\n"
             "    assert 'rich' not in sys.modules, 'rich was imported'\n"
             "    sys.exit(end.code)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1, result.stderr
    json.loads(result.stdout)


def test_no_color_keeps_strike_and_underline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run("political-declaration", "--para", "PP3")
    assert code == 1
    assert "\x1b[9m" in out and "\x1b[4m" in out  # struck deletions, underlined insertions
    assert "\x1b[31m" not in out and "\x1b[32m" not in out and "[-" not in out
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[9;31m" in run("political-declaration", "--para", "PP3")[1]


def test_diff_as_word_redline(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(cli, ["--drafts", str(FIXTURE), "diff", "vientiane-action-plan",
                                      "zero-draft", "rev1", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 1
    document = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "<w:ins " in document and "<w:del " in document
    assert out.stat().st_mode & 0o044  # readable by others, like any file the user writes


def test_diff_with_proposals_applied_names_them() -> None:
    code, out, _ = run(DOC, "--proposal", "NOR-y6bx", "--proposal", "BEL-76pj",
                       "--format", "json")
    assert code == 1
    changed = [p for p in json.loads(out)["paragraphs"] if p["change"] != "unchanged"]
    assert [p["to_label"] for p in changed] == ["Action 9", "Action 10"]
    spans = [s for p in changed for s in p["spans"] if s["op"] != "equal"]
    assert spans and all(s["proposals"] in (["NOR-y6bx"], ["BEL-76pj"]) for s in spans)
    code, _, err = run(DOC, "--proposal", "NOR-y6bx", "--proposal", "MEX-rz2x")
    assert code == 2 and "conflict on Action 10" in err


def test_diff_after_a_merge_names_proposal_and_parties(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "drafts"
    shutil.copytree(FIXTURE, copy)
    merged = CliRunner().invoke(cli, ["--drafts", str(copy), "merge", DOC, "--into", "rev2",
                                      "--status", "accepted", "--renumber",
                                      "--date", "2010-10-01", "--reopen"])
    assert merged.exit_code == 0, merged.output
    code, out, _ = run(DOC, "rev1", "rev2", "--format", "json", drafts=copy)
    assert code == 1
    accepted = {p.id: p for p in open_drafts(copy).proposals(DOC, status="incorporated")}
    assert len(accepted) == 12
    changes = [s for p in json.loads(out)["paragraphs"] for s in p["spans"]
               if s["op"] != "equal"]
    assert changes
    for span in changes:
        assert span["proposals"], span
        assert set(span["proposals"]) <= set(accepted)
        assert set(span["parties"]) <= {party for i in span["proposals"]
                                        for party in accepted[i].parties}


def test_redline_abbreviates_paragraphs_whose_words_did_not_change() -> None:
    code, out, _ = run(DOC, "zero-draft", "rev1")
    assert code == 1
    rev1 = open_drafts(FIXTURE).revision(DOC, "rev1")
    relabelled_only = rev1.find("Action 20").text  # was Action 19, words unchanged
    assert relabelled_only.split()[0] in out and relabelled_only not in flat(out)
    assert " …" in out
