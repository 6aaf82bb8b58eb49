"""Starting and growing a store: init, new, parties; folders that are not drafts folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, SHIPPED, snapshot
from draftkit.api import init_drafts, open_drafts
from draftkit.cli import cli
from draftkit.errors import DraftkitError, FormatError
from draftkit.labels import Label
from draftkit.model import PartyKind, RevisionKind, Status
from draftkit.plaintext import read_plain_text, split_label
from draftkit.store import files
from draftkit.store.drafts_folder import find_drafts_folder
from draftkit.store.registry_format import parse_parties
from draftkit.store.setup import GITATTRIBUTES

GIT = shutil.which("git")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
DECLARATION = """\
PP1 Recognizing that cluster munitions cause unacceptable harm to civilians,
PP2 Deeply concerned that survivors still lack the assistance they need,
OP1 Commit to destroy all stockpiles as soon as possible;
OP2 Call upon all States to join the Convention.
"""
PLAN = """\
# I. Introduction

The First Meeting of States Parties adopts this Action Plan
to guide States Parties in implementing the Convention.

# III. Universalization

Universal adherence is the surest way to end the harm.

Action 1 Promote adherence to the Convention
by all States, as soon as possible.

Action #2 Encourage States not party to attend meetings.

# IV. Stockpile destruction

11. States Parties with stockpiles will:

Action 3 bis Destroy stockpiles within eight years.

4.1 Report on progress each year.

\\2010 was the year the Convention entered into force.
"""


def run(*args: str, drafts: Path | None = None) -> tuple[int, str, str]:
    prefix = ["--drafts", str(drafts)] if drafts is not None else []
    result = CliRunner().invoke(cli, [*prefix, *args])
    return result.exit_code, result.stdout, result.stderr


def started(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    init_drafts(root)
    return root


# a folder that is not a drafts folder is refused, not shown as an empty store


@pytest.mark.parametrize("args", [("docs",), ("parties", "list"), ("check",),
                                  ("new", "d", "--title", "T", "--kind", "other",
                                   "--from", "README.md")])
def test_a_folder_that_is_not_a_drafts_folder_is_refused(tmp_path: Path,
                                                          args: tuple[str, ...]) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "README.md").write_text("# x\n\ntext\n")
    before = snapshot(tmp_path)
    code, out, err = run(*args, drafts=tmp_path / "plain")
    assert code == 2 and out == ""
    assert err == (f"draftkit: {tmp_path / 'plain'}: not a drafts folder (no parties.txt, "
                   f"no documents); start one with `draftkit init {tmp_path / 'plain'}`\n")
    assert snapshot(tmp_path) == before
    code, _, err = run("docs", drafts=tmp_path / "missing")
    assert code == 2 and "no such folder" in err and "draftkit init" in err


def test_the_nearest_drafts_folder_upwards_must_be_one(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()  # someone's own drafts/, say of letters
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DraftkitError, match="not a drafts folder"):
        find_drafts_folder()
    monkeypatch.setenv("DRAFTKIT_DRAFTS", str(tmp_path / "drafts"))
    with pytest.raises(DraftkitError, match="not a drafts folder"):
        open_drafts()


def test_a_drafts_folder_is_found_from_inside_it_whatever_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "treaty"
    init_drafts(root)
    (root / "notes").mkdir()
    monkeypatch.chdir(root / "notes")
    assert find_drafts_folder() == root.resolve()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "parties.txt").write_text("not ours\n")  # another tool's file
    monkeypatch.chdir(tmp_path / "other")
    with pytest.raises(DraftkitError, match="no drafts folder"):
        find_drafts_folder()


@pytest.mark.parametrize("folder", [SHIPPED, FIXTURE], ids=["shipped", "fixture"])
def test_the_shipped_drafts_and_a_store_without_a_registry_are_drafts_folders(
        tmp_path: Path, folder: Path) -> None:
    assert open_drafts(folder).folder.document_ids()
    shutil.copytree(folder, tmp_path / "drafts")
    (tmp_path / "drafts" / "parties.txt").unlink()
    assert open_drafts(tmp_path / "drafts").folder.document_ids()


# init


def test_init_writes_the_registry_gitattributes_and_gitignore(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init")
    assert code == 0, err
    root = tmp_path / "drafts"
    assert "started a drafts folder in drafts" in out
    assert (root / "parties.txt").read_text() == "draftkit parties 2\n\n"
    assert (root / ".gitattributes").read_text() == GITATTRIBUTES
    assert ".draftkit/" in (root / ".gitignore").read_text().splitlines()
    assert open_drafts(root).parties() == {} and open_drafts(root).documents() == []
    assert run("check", drafts=root)[0] == 0
    code, out, _ = run("docs")
    assert code == 0 and "No documents yet: start one with `draftkit new" in out
    before = snapshot(root)
    code, _, err = run("init")
    assert code == 2 and err == "draftkit: drafts is a drafts folder already\n"
    assert run("init", str(SHIPPED))[0] == 2
    assert run("init", str(FIXTURE))[0] == 2
    assert snapshot(root) == before


def test_the_shipped_gitattributes_are_what_init_writes() -> None:
    assert (SHIPPED / ".gitattributes").read_text() == GITATTRIBUTES
    assert (FIXTURE / ".gitattributes").read_text() == GITATTRIBUTES


def test_init_takes_a_folder_or_drafts_and_refuses_a_foreign_gitattributes(
        tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "a" / "b"))[0] == 0
    assert (tmp_path / "a" / "b" / "parties.txt").is_file()
    assert run("--drafts", str(tmp_path / "c"), "init")[0] == 0
    assert (tmp_path / "c" / "parties.txt").is_file()
    assert run("--drafts", str(tmp_path / "c"), "init", str(tmp_path / "d"))[0] == 2
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / ".gitattributes").write_text("*.png binary\n")
    code, _, err = run("init", str(tmp_path / "e"))
    assert code == 2 and ".gitattributes exists" in err
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == [".gitattributes"]
    (tmp_path / "f").write_text("a file")
    assert run("init", str(tmp_path / "f"))[0] == 2


def test_init_finishes_what_a_killed_init_left(tmp_path: Path) -> None:
    """A kill after .gitattributes and .gitignore but before parties.txt (the marker and
    commit point) leaves a folder that is not a drafts folder; init again finishes it."""
    root = tmp_path / "drafts"
    root.mkdir()
    (root / ".gitattributes").write_text(GITATTRIBUTES)
    with pytest.raises(DraftkitError, match="not a drafts folder"):
        open_drafts(root)
    made = init_drafts(root)
    assert [p.name for p in made.written] == [".gitignore", "parties.txt"]


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_init_git_makes_a_repository_that_ignores_draftkit_and_union_merges(
        tmp_path: Path) -> None:
    root = tmp_path / "treaty"
    code, out, err = run("init", str(root), "--git")
    assert code == 0, err and "made it a git repository" in out
    assert (root / ".git").is_dir()
    drafts = open_drafts(root)
    drafts.add_party("NOR", kind="state", name="Norway")
    (tmp_path / "t.txt").write_text(DECLARATION)
    drafts.new_document("declaration", title="Declaration", kind="declaration",
                        source=tmp_path / "t.txt")
    made = drafts.propose("declaration", paragraph="OP1", operation="retain", proposers=["NOR"])
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    assert ".draftkit" not in status and f"declaration/proposals/{made.id}.txt" in status
    for path in (f"declaration/proposals/{made.id}.txt", "parties.txt"):
        attr = subprocess.run(["git", "check-attr", "merge", path], cwd=root,
                              capture_output=True, text=True, check=True).stdout
        assert attr.strip().endswith("merge: union")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=ENV)
    subprocess.run(["git", "commit", "-qm", "start"], cwd=root, check=True, env=ENV)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_init_git_inside_a_repository_makes_none_nested(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    code, out, err = run("init", str(tmp_path / "repo" / "drafts"), "--git")
    assert code == 0, err
    assert "inside the git repository" in out
    assert not (tmp_path / "repo" / "drafts" / ".git").exists()


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_parties_added_on_two_clones_are_both_kept(tmp_path: Path) -> None:
    def git(folder: Path, *args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, env=ENV, check=True, capture_output=True)

    init_drafts(tmp_path / "origin", git=True)
    open_drafts(tmp_path / "origin").add_party("NOR", kind="state", name="Norway")
    git(tmp_path / "origin", "add", "-A")
    git(tmp_path / "origin", "commit", "-qm", "registry")
    for name, code, country in (("a", "IRL", "Ireland"), ("b", "CHL", "Chile")):
        git(tmp_path, "clone", "-q", str(tmp_path / "origin"), name)
        open_drafts(tmp_path / name).add_party(code, kind="state", name=country)
        git(tmp_path / name, "commit", "-qam", country)
    git(tmp_path / "a", "pull", "-q", "--no-rebase", str(tmp_path / "b"))
    assert set(open_drafts(tmp_path / "a").parties()) == {"NOR", "IRL", "CHL"}


# new: a document and its first revision


def test_plain_text_paragraphs_labels_and_sections(tmp_path: Path) -> None:
    sections = read_plain_text(PLAN, "plan.txt")
    assert [(s.number, s.heading) for s in sections] == [
        ("I", "Introduction"), ("III", "Universalization"), ("IV", "Stockpile destruction")]
    intro, universal, stockpiles = sections
    assert [p.text for p in intro.paragraphs] == [
        "The First Meeting of States Parties adopts this Action Plan to guide States "
        "Parties in implementing the Convention."]
    assert intro.paragraphs[0].label is None
    assert [(str(p.label), p.text) for p in universal.paragraphs[1:]] == [
        ("Action 1", "Promote adherence to the Convention by all States, as soon as "
                     "possible."),
        ("Action 2", "Encourage States not party to attend meetings.")]
    assert [str(p.label) if p.label else None for p in stockpiles.paragraphs] == [
        "11", "Action 3 bis", "4.1", None]
    assert stockpiles.paragraphs[-1].text == \
        "2010 was the year the Convention entered into force."
    ids = [s.id for s in sections] + [p.id for s in sections for p in s.paragraphs]
    assert len(set(ids)) == len(ids)
    assert all(p.status is Status.OPEN for s in sections for p in s.paragraphs)


def test_plain_text_one_paragraph_a_line_and_a_declarations_two_parts() -> None:
    sections = read_plain_text(DECLARATION.replace("\n", "\r\n"), "d.txt")
    assert [(s.heading, [str(p.label) for p in s.paragraphs]) for s in sections] == [
        ("Preamble", ["PP1", "PP2"]), ("Operative part", ["OP1", "OP2"])]
    plain = read_plain_text("First paragraph.\nSecond paragraph.\n", "p.txt")
    assert [(s.heading, len(s.paragraphs)) for s in plain] == [("Text", 2)]


@pytest.mark.parametrize(("text", "label", "rest"), [
    ("OP 5 bis Calls upon all States", "OP5 bis", "Calls upon all States"),
    ("op5: Decides", "OP5", "Decides"),
    ("Action #20 Ensure", "Action 20", "Ensure"),
    ("12) States Parties", "12", "States Parties"),
    ("12 States Parties", None, "12 States Parties"),
    ("2010 saw", None, "2010 saw"),
    ("PP1", None, "PP1"),
    ("\\OP1 is a label in the text", None, "OP1 is a label in the text"),
])
def test_labels_are_read_from_the_start_of_a_paragraph(text: str, label: str | None,
                                                       rest: str) -> None:
    found, words = split_label(text)
    assert (found, words) == (Label.parse(label) if label else None, rest)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 1, "no paragraphs: write one per line, or separate them by blank lines"),
    ("# Heading only\n", 1, "no paragraphs: write one per line, or separate them by blank "
                           "lines"),
    ("OP1 a\nOP2 b\nOP1 c\n", 3, "label OP1 is already used on line 1"),
    ("# I. Part\n\nA text.\n\n#\n\nMore.\n", 5, "a heading without words"),
])
def test_plain_text_problems_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_plain_text(text, "t.txt")
    assert str(caught.value) == f"t.txt:{line}: {message}"


def test_new_records_the_document_and_its_first_revision_as_one_folder(tmp_path: Path) -> None:
    root = started(tmp_path)
    source = tmp_path / "plan.txt"
    source.write_text(PLAN)
    code, out, err = run("new", "action-plan", "--title", "Vientiane Action Plan", "--kind",
                         "action-plan", "--from", str(source), "--date", "2010-06-01",
                         "--issued-by", "Presidency (Lao PDR)", drafts=root)
    assert code == 0, err
    assert out.startswith("started action-plan: Zero draft dated 2010-06-01, 8 paragraphs "
                          "(5 labelled) in 3 sections: I. Introduction; III. Universalization")
    drafts = open_drafts(root)
    assert drafts.document("action-plan").title == "Vientiane Action Plan"
    revision = drafts.revision("action-plan")
    assert (revision.name, revision.issued_by, revision.parent, revision.kind) == \
        ("zero-draft", "Presidency (Lao PDR)", None, RevisionKind.ZERO_DRAFT)
    assert sorted(p.name for p in (root / "action-plan").iterdir()) == \
        ["document.txt", "revisions"]
    assert drafts.check().clean
    assert not files.debris(root)
    code, _, err = run("show", "action-plan", "--para", "Action 3 bis", drafts=root)
    assert code == 0, err


def test_new_from_an_export_keeps_sections_labels_statuses_and_ids(tmp_path: Path) -> None:
    root = started(tmp_path)
    shipped = open_drafts(FIXTURE)
    export = tmp_path / "rev1.txt"
    code, _, err = run("export", "political-declaration", "--rev", "rev1", "-o", str(export),
                       drafts=FIXTURE)
    assert code == 0, err
    code, _, err = run("new", "declaration", "--title", "Declaration", "--kind", "declaration",
                       "--from", str(export), "--name", "rev1", "--date", "2010-09-06",
                       drafts=root)
    assert code == 0, err
    ours = open_drafts(root).revision("declaration")
    theirs = shipped.revision("political-declaration", "rev1")
    assert ours.sections == theirs.sections
    assert (ours.name, ours.parent, str(ours.date), ours.kind) == \
        ("rev1", None, "2010-09-06", None)
    code, _, err = run("new", "other", "--title", "Other", "--kind", "other", "--from",
                       str(export), "--revision-kind", "chairs-non-paper", drafts=root)
    assert code == 0, err
    assert open_drafts(root).revision("other").kind is RevisionKind.CHAIRS_NON_PAPER


@pytest.mark.parametrize(("args", "message"), [
    (("Bad Id",), "not a document id: 'Bad Id'"),
    (("doc", "--name", "Rev 1"), "not a revision name: 'Rev 1'"),
    (("doc", "--title", " "), "a document needs its title"),
    (("taken",), "exists already: choose another document id"),
    (("doc", "--from", "bad.txt"), "bad.txt:1: no paragraphs"),
    (("doc", "--from", "proposal.txt"), "expected first line 'draftkit revision 2'"),
])
def test_new_refuses_bad_input_and_writes_nothing(tmp_path: Path, args: tuple[str, ...],
                                                  message: str) -> None:
    root = started(tmp_path)
    (tmp_path / "t.txt").write_text(DECLARATION)
    (tmp_path / "bad.txt").write_text("\n\n")
    shutil.copy(FIXTURE / "vientiane-action-plan" / "proposals" / "CIV-3xss.txt",
                tmp_path / "proposal.txt")
    assert run("new", "taken", "--title", "T", "--kind", "other", "--from",
               str(tmp_path / "t.txt"), drafts=root)[0] == 0
    before = snapshot(root)
    document, *rest = args
    options = {"--title": "A title", "--kind": "declaration", "--from": str(tmp_path / "t.txt")}
    for key, value in zip(rest[::2], rest[1::2], strict=True):
        options[key] = str(tmp_path / value) if key == "--from" else value
    code, out, err = run("new", document, *(x for kv in options.items() for x in kv),
                         drafts=root)
    assert code == 2 and out == "" and message in err, err
    assert snapshot(root) == before


def test_a_killed_new_leaves_no_document_and_the_next_write_clears_it(tmp_path: Path,
                                                                      monkeypatch:
                                                                      pytest.MonkeyPatch
                                                                      ) -> None:
    """Killed before its one rename (the commit point), `new` leaves its staged folder in
    the drafts folder's .draftkit/tmp/: no document, and the next write there removes it."""
    root = started(tmp_path)
    (tmp_path / "t.txt").write_text(DECLARATION)
    drafts = open_drafts(root)

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # stands for a kill at the commit point

    monkeypatch.setattr(os, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        drafts.new_document("declaration", title="D", kind="declaration",
                            source=tmp_path / "t.txt")
    monkeypatch.undo()
    assert not (root / "declaration").exists() and drafts.folder.document_ids() == []
    assert [p.name[:7] for p in files.debris(root)] == ["folder-"]
    assert [str(p) for p in drafts.check().problems] and not drafts.check(repair=True).problems
    assert not files.debris(root)
    drafts.new_document("declaration", title="D", kind="declaration", source=tmp_path / "t.txt")
    assert drafts.revision("declaration").paragraph_count() == 4


# parties


def test_parties_add_list_and_edit(tmp_path: Path) -> None:
    root = started(tmp_path)
    for args in (("NOR", "--kind", "state", "--name", "Norway"),
                 ("irl", "--kind", "state", "--name", "Ireland"),
                 ("CMC", "--kind", "civil-society", "--name", "Cluster Munition Coalition"),
                 ("BEL", "--kind", "state", "--name", "Belgium"),
                 ("EU", "--kind", "group", "--name", "European Union", "--members", "BEL, IRL"),
                 ("ICRC", "--kind", "organization", "--name", "ICRC")):
        code, out, err = run("parties", "add", *args, drafts=root)
        assert code == 0, err
    assert out == "added ICRC: ICRC, organization; observer\n"
    text = (root / "parties.txt").read_text()
    assert text == ("draftkit parties 2\n\n@party NOR | state | Norway\n"
                    "@party IRL | state | Ireland\n@party BEL | state | Belgium\n"
                    "@party EU | group | European Union | BEL IRL\n"
                    "@party ICRC | organization | ICRC\n"
                    "@party CMC | civil-society | Cluster Munition Coalition\n")
    code, out, _ = run("parties", "list", "--format", "json", drafts=root)
    listed = {p["code"]: p for p in __import__("json").loads(out)}
    assert listed["CMC"]["observer"] and not listed["EU"]["observer"]
    code, out, _ = run("parties", "list", drafts=root)
    assert code == 0 and "observer" in out and "tables amendments" in out
    code, out, err = run("parties", "edit", "ICRC", "--name",
                         "International Committee of the Red Cross", drafts=root)
    assert code == 0, err
    assert run("parties", "edit", "EU", "--add-member", "NOR", drafts=root)[0] == 0
    assert run("parties", "edit", "EU", "--remove-member", "IRL", drafts=root)[0] == 0
    parties = open_drafts(root).parties()
    assert parties["EU"].members == ("BEL", "NOR")
    assert parties["ICRC"].name == "International Committee of the Red Cross"
    assert run("parties", "edit", "EU", "--members", "", "--kind", "organization",
               drafts=root)[0] == 0
    assert open_drafts(root).parties()["EU"].kind is PartyKind.ORGANIZATION


@pytest.mark.parametrize(("args", "message"), [
    (("add", "NOR", "--kind", "state", "--name", "Norway again"),
     "party NOR is already in the registry (Norway)"),
    (("add", "N O", "--kind", "state", "--name", "x"), "not a party code: 'N O'"),
    (("add", "XX", "--kind", "state", "--name", "a | b"), "not a party name"),
    (("add", "XX", "--kind", "state", "--name", "x", "--members", "NOR"),
     "only a group has members"),
    (("add", "G", "--kind", "group", "--name", "G", "--members", "NOR QQQ"),
     "unknown party 'QQQ'"),
    (("add", "G", "--kind", "group", "--name", "G", "--members", "CMC"),
     "CMC is a civil-society: a group's members are States"),
    (("add", "G", "--kind", "group", "--name", "G", "--members", "G"),
     "G cannot be a member of itself"),
    (("add", "XX", "--kind", "planet", "--name", "x"), "invalid value for '--kind'"),
    (("edit", "QQQ", "--name", "x"), "unknown party 'QQQ'"),
    (("edit", "NOR",), "nothing to change for NOR"),
    (("edit", "BEL", "--kind", "organization"), "BEL is a member of EU: it stays a state"),
    (("edit", "EU", "--kind", "state"), "EU stays a group: proposals were tabled on its"),
    (("edit", "EU", "--remove-member", "NOR"), "NOR: not a member of EU"),
])
def test_parties_refuses_and_writes_nothing(tmp_path: Path, args: tuple[str, ...],
                                            message: str) -> None:
    root = started(tmp_path)
    drafts = open_drafts(root)
    drafts.add_party("NOR", kind="state", name="Norway")
    drafts.add_party("BEL", kind="state", name="Belgium")
    drafts.add_party("CMC", kind="civil-society", name="CMC")
    drafts.add_party("EU", kind="group", name="European Union", members=["BEL"])
    (tmp_path / "t.txt").write_text(DECLARATION)
    drafts.new_document("d", title="D", kind="declaration", source=tmp_path / "t.txt")
    drafts.propose("d", paragraph="OP1", operation="retain", proposers=["BEL"],
                   on_behalf_of="EU")
    before = snapshot(root)
    code, out, err = run("parties", *args, drafts=root)
    assert code == 2 and out == "" and message in err, err
    assert snapshot(root) == before


def test_the_registry_written_is_one_the_grammar_reads_back(tmp_path: Path) -> None:
    root = started(tmp_path)
    drafts = open_drafts(root)
    drafts.add_party("CIV", kind="state", name="Côte d'Ivoire")
    drafts.add_party("MEX", kind="state", name="  México  ")
    path = root / "parties.txt"
    parsed = parse_parties(path.read_text(encoding="utf-8"), str(path))
    assert parsed["MEX"].name == "México" and parsed["CIV"].name == "Côte d'Ivoire"


# the whole way, as a new user goes: no file edited by hand


def test_a_new_user_inits_adds_parties_starts_a_document_proposes_and_merges(
        tmp_path: Path) -> None:
    """Real processes, in a fresh folder: init, parties add, new, propose, support (an
    observer), accept, merge --into, show; nothing written by hand but the plain text."""
    bin_dir = Path(sys.executable).parent
    env = {**ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}", "COLUMNS": "200",
           "NO_COLOR": "1"}
    env.pop("DRAFTKIT_DRAFTS", None)
    (tmp_path / "zero.txt").write_text(DECLARATION, encoding="utf-8")

    def draftkit(*args: str, cwd: Path = tmp_path) -> str:
        done = subprocess.run([sys.executable, "-m", "draftkit", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{args}: {done.stderr}"
        return done.stdout

    draftkit("init", *(("--git",) if GIT else ()))
    root = tmp_path / "drafts"
    draftkit("parties", "add", "NOR", "--kind", "state", "--name", "Norway")
    draftkit("parties", "add", "IRL", "--kind", "state", "--name", "Ireland")
    draftkit("parties", "add", "CMC", "--kind", "civil-society", "--name",
             "Cluster Munition Coalition")
    draftkit("parties", "add", "EU", "--kind", "group", "--name", "European Union",
             "--members", "IRL")
    draftkit("new", "declaration", "--title", "Political Declaration", "--kind",
             "declaration", "--from", "zero.txt", "--date", "2010-06-01")
    made = draftkit("propose", "declaration", "--para", "OP1", "--op", "replace", "--quote",
                    "as soon as possible", "--text", "within eight years", "--by", "NOR",
                    cwd=root / "declaration").split(":")[0]
    draftkit("propose", "declaration", "--para", "OP2", "--op", "insert", "--position",
             "after", "--quote", "Convention", "--text", "without delay", "--by", "IRL",
             "--on-behalf-of", "EU")
    draftkit("support", made, "--party", "CMC")
    assert "[as soon as possible / within eight years - NOR; CMC (observer) support]" in \
        draftkit("merge", "declaration", "--compile")
    draftkit("accept", made)
    out = draftkit("merge", "declaration", "--into", "rev1", "--status", "accepted",
                   "--date", "2010-09-06")
    assert f"Applied: {made}" in out
    shown = draftkit("show", "declaration", "--para", "OP1")
    assert "Commit to destroy all stockpiles within eight years;" in shown
    assert draftkit("check") == ""
    if GIT:
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                                cwd=root, env=env, capture_output=True, text=True).stdout
        assert ".draftkit" not in status and "declaration/revisions/rev1.txt" in status
