from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO, SHIPPED, run_split, snapshot
from draftkit.api import open_drafts

DOC = "vientiane-action-plan"


def run(*args: str, drafts: Path = FIXTURE) -> tuple[int, str, str]:
    return run_split(drafts, *args)


def test_show_prints_brackets_literally() -> None:
    code, out, _ = run("show", DOC, "--rev", "rev1", "--para", "Action 27")
    assert code == 0
    flat = " ".join(out.split())
    assert "Action 27" in flat and "[EU: delete]" in flat and "[bold]" in flat


def test_show_finds_the_drafts_folder_from_the_repository(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "draftkit", "show", DOC, "--para",
                             "Action 27"], cwd=REPO / "src", capture_output=True,
                            text=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    shipped = open_drafts(SHIPPED).paragraph(DOC, "Action 27").text
    assert " ".join(shipped.split()) in " ".join(result.stdout.split())


@pytest.mark.parametrize("args", [
    ("show", "no-such-doc"), ("show", DOC, "--para", "Action 999"),
    ("show", DOC, "--rev", "rev9"), ("show", DOC, "--para", "gibberish words"),
    ("log", "../etc"), ("export", DOC, "--format", "pdf"),
])
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 or "Usage" in err
    assert "Traceback" not in err + out


def test_log_and_docs() -> None:
    code, out, _ = run("log", DOC)
    assert code == 0 and "Rev.1" in out and "Zero draft" in out
    code, out, _ = run("docs")
    assert (code == 0 and "political-declaration" in out.replace("…", "")) or "political" in out


def test_tampered_revision_exits_2_and_writes_nothing(copy: Path) -> None:
    path = copy / DOC / "revisions" / "rev1.txt"
    path.write_text(path.read_text().replace("Integrate", "Fold"))
    before = sorted(p.name for p in copy.rglob("*"))
    code, _, err = run("show", DOC, "--rev", "rev1", drafts=copy)
    assert code == 2 and "changed after it was recorded" in err
    assert sorted(p.name for p in copy.rglob("*")) == before


def test_revise_keeps_identities(copy: Path, tmp_path: Path) -> None:
    code, text, _ = run("export", DOC, "--rev", "rev1", drafts=copy)
    assert code == 0
    rev1 = open_drafts(copy).revision(DOC, "rev1")
    lines = text.split("\n")
    # Strip every id, edit one paragraph, relabel one, insert a new one.
    stripped = [("@para  |" + line.split("|", 1)[1]) if line.startswith("@para") else line
                for line in lines]
    edited = "\n".join(stripped).replace("Integrate victim assistance",
                                         "Fully integrate victim assistance")
    edited = edited.replace("| Action 27 |", "| Action 27 bis |", 1)
    second_section = edited.index("@section", edited.index("@section") + 1)
    end_of_line = edited.index("\n", second_section)
    edited = edited[:end_of_line] + "\n\n@para | - | open\nA new chapeau paragraph." + \
        edited[end_of_line:]
    source = tmp_path / "edited.txt"
    source.write_text(edited)
    code, _, err = run("revise", DOC, "--from", str(source), "--name", "rev2",
                         "--date", "2010-10-01", drafts=copy)
    assert code == 0, err
    rev2 = open_drafts(copy).revision(DOC, "rev2")
    assert rev2.parent == "rev1"
    old_ids = [p.id for p in rev1.paragraphs()]
    new_ids = [p.id for p in rev2.paragraphs()]
    assert len(new_ids) == len(old_ids) + 1
    assert set(old_ids) < set(new_ids)
    action = rev2.by_id(rev1.find("Action 27").id)
    assert action is not None and str(action.label) == "Action 27 bis"
    assert action.text.startswith("Fully integrate")


def test_revise_refuses_bad_files(copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("draftkit revision 2\nname: rev2\n\n@section x | - | H\n\n"
                   "@para | OP1 | sort-of\nText\n")
    before = (copy / DOC / "document.txt").read_bytes()
    code, _, err = run("revise", DOC, "--from", str(bad), "--name", "rev2", drafts=copy)
    assert code == 2 and f"{bad}:6: unknown status" in err
    bad.write_bytes(b"draftkit revision 2\n\xc3\x28\n")
    code, _, err = run("revise", DOC, "--from", str(bad), "--name", "rev2", drafts=copy)
    assert code == 2 and f"{bad}:2: invalid UTF-8" in err
    code, _, err = run("revise", DOC, "--from", str(FIXTURE / DOC / "revisions" / "rev1.txt"),
                       "--name", "rev1", drafts=copy)
    assert code == 2 and "never rewritten" in err
    assert (copy / DOC / "document.txt").read_bytes() == before
    assert not (copy / DOC / "revisions" / "rev2.txt").exists()
    assert snapshot(copy) == snapshot(FIXTURE)


def test_export_formats_escape_brackets() -> None:
    code, md, _ = run("export", DOC, "--rev", "rev1", "--format", "markdown")
    assert code == 0 and r"\[EU: delete\]" in md
    code, js, _ = run("export", DOC, "--format", "json")
    data = json.loads(js)
    texts = [p["text"] for s in data["sections"] for p in s["paragraphs"]]
    assert any("[EU: delete]" in t for t in texts)
    code, text, _ = run("export", DOC, "--rev", "rev1")
    recorded = (FIXTURE / DOC / "revisions" / "rev1.txt").read_bytes()
    assert recorded.startswith(text.encode())
    assert recorded[len(text.encode()):].startswith(b"\n@sha256 ")


@pytest.mark.parametrize("root", [SHIPPED, FIXTURE], ids=["shipped", "fixture"])
def test_shipped_store_round_trips_byte_for_byte(root: Path) -> None:
    from draftkit.store.decision_format import format_decision, parse_decision
    from draftkit.store.item_format import (
        format_comment,
        format_proposal,
        parse_comment,
        parse_proposal,
    )
    from draftkit.store.registry_format import (
        format_document,
        format_parties,
        parse_document,
        parse_parties,
    )
    from draftkit.store.revision_format import format_revision_file

    drafts = open_drafts(root)
    text = (root / "parties.txt").read_text()
    assert format_parties(parse_parties(text, "p")) == text
    for document in drafts.documents():
        folder = root / document.id
        text = (folder / "document.txt").read_text()
        assert format_document(parse_document(text, "d")) == text
        for revision in drafts.revisions(document.id):
            assert format_revision_file(revision).encode() == \
                (folder / "revisions" / f"{revision.name}.txt").read_bytes()
        for path in (folder / "proposals").glob("*.txt"):
            assert format_proposal(parse_proposal(path.read_text(), "x")) == path.read_text()
        for path in (folder / "comments").glob("*.txt"):
            assert format_comment(parse_comment(path.read_text(), "x")) == path.read_text()
        for path in (folder / "decisions").glob("*.txt"):
            assert format_decision(parse_decision(path.read_text(), "x")) == path.read_text()


def test_propose_and_list_from_the_command_line(copy: Path, tmp_path: Path) -> None:
    code, out, err = run("propose", DOC, "--para", "Action 27", "--op", "replace", "--quote",
                         "within one year", "--text", "within two years", "--by", "NOR",
                         "--by", "IRL", drafts=copy)
    assert code == 0, err
    made = out.split(":")[0]
    assert run("support", made, "--party", "CHL", drafts=copy)[0] == 0
    assert run("oppose", made, "--party", "MEX", drafts=copy)[0] == 0
    code, _, err = run("accept", made, drafts=copy)  # its words are AFRICANGROUP-ncs9's too
    assert code == 2 and "conflicts with accepted AFRICANGROUP-ncs9" in err
    assert run("accept", made, "--force", drafts=copy)[0] == 0
    code, _, err = run("withdraw", made, "--party", "CHL", drafts=copy)
    assert code == 2 and "only its proposers" in err
    source = tmp_path / "p.txt"
    source.write_text("paragraph: Action 27\noperation: delete\nquote: [bold]\n"
                      "proposers: MEX\nrationale: editorial\n")
    code, out, err = run("propose", DOC, "--from", str(source), drafts=copy)
    assert code == 0, err
    code, out, _ = run("proposals", DOC, "--para", "Action 27", "--format", "json", drafts=copy)
    listed = {p["id"]: p for p in json.loads(out)}
    assert listed[made]["status"] == "accepted"
    assert listed[made]["supporters"] == ["CHL"] and listed[made]["opponents"] == ["MEX"]
    assert listed[made]["proposers"] == ["NOR", "IRL"]


def test_comments_matrix_csv(copy: Path) -> None:
    code, out, err = run("comment", DOC, "--party", "CMC", "--type", "substantive", "--text",
                         "Keep the one-year timeline, it matters to survivors",
                         "--para", "Action 27", "--quote", "within one year", drafts=copy)
    assert code == 0, err
    made = out.split(":")[0]
    assert run("reply", made, "--party", "NOR", "--text", "Agreed", drafts=copy)[0] == 0
    assert run("dispose", made, "--disposition", "noted", "--observation", "See Rev.2",
               drafts=copy)[0] == 0
    code, out, _ = run("comments", DOC, "--format", "csv", drafts=copy)
    rows = list(csv.DictReader(io.StringIO(out)))
    mine = next(r for r in rows if r["ID"] == made)
    assert mine["Type"] == "te" and mine["Observations of the secretariat"] == "Noted: See Rev.2"
    assert mine["Paragraph"] == "Action 27" and mine["Replies"] == "NOR: Agreed"
    assert mine["Quoted words"] == "within one year" and mine["MB/NC"] == "CMC (observer)"
    code, out, _ = run("comments", DOC, "--open", "--format", "json", drafts=copy)
    assert made not in {c["id"] for c in json.loads(out)}


def test_status_dashboard() -> None:
    code, out, _ = run("status", DOC, "--format", "json")
    assert code == 0
    board = json.loads(out)
    assert len(board["sections"]) == 8
    rev1 = open_drafts(FIXTURE).revision(DOC, "rev1")
    assert sum(s["open"] + s["ad_ref"] + s["agreed"] for s in board["sections"]) == \
        rev1.paragraph_count()
    code, out, _ = run("status", DOC)
    assert code == 0 and "Most contested" in out


def test_show_what_stands_between_open_paragraphs_and_agreement() -> None:
    code, out, _ = run("show", DOC, "--status", "open", "--section", "VI", "--notes")
    assert code == 0
    flat = " ".join(out.split())
    assert "Action 27" in flat and "EU-7xdg (proposed): delete" in flat
    assert "MOZ HI (observer) oppose" in flat
    rev1 = open_drafts(FIXTURE).revision(DOC, "rev1")
    section = next(s for s in rev1.sections if s.number == "VI")
    agreed = [p for p in section.paragraphs if p.status.value == "agreed" and p.label]
    assert agreed and all(f"{p.label} " not in out for p in agreed)
    code, _, err = run("show", DOC, "--section", "IX")
    assert code == 2 and "no section ix" in err.lower()
