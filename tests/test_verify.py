"""Attribution that cannot be forged: `draftkit verify` over a real shared repository.

git and ssh-keygen are the oracles: a bare repository and three clones (the
presidency, Norway, the Cluster Munition Coalition), each signing its commits
with its own generated SSH key, push and pull through it. The clean history
verifies; each forgery is found, with its reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SHIPPED
from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.errors import DraftkitError, FormatError
from draftkit.keys import allowed_signers, parse_public_key
from draftkit.store.git_history import Git
from draftkit.store.registry_format import format_parties, parse_registry

DOC = "vientiane-action-plan"
pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("ssh-keygen") is None,
                                reason="git and ssh-keygen are installed by .ci/run")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def new_key(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True)
    return key


def clone(world: Path, name: str, key: Path) -> Path:
    folder = world / name
    git(world, "clone", "-q", str(world / "origin.git"), name)
    for setting in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                    ("commit.gpgsign", "true"), ("pull.rebase", "false")):
        git(folder, "config", *setting)
    return folder


def commit(folder: Path, message: str, *options: str) -> str:
    git(folder, "add", "-A")
    git(folder, *options, "commit", "-qm", message)
    return git(folder, "rev-parse", "HEAD").strip()


def run(drafts: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The clean shared history: the shipped drafts committed unsigned (the history
    before signing began), the presidency's signed commit recording the keys, then
    Norway's and the CMC's signed contributions made in parallel and merged, and the
    presidency's decisions."""
    world = tmp_path_factory.mktemp("world")
    (world / "keys").mkdir()
    keys = {name: new_key(world / "keys", name) for name in ("presidency", "nor", "cmc",
                                                              "rogue")}
    git(world, "init", "-q", "--bare", "-b", "main", "origin.git")
    presidency = clone(world, "presidency", keys["presidency"])
    shutil.copytree(SHIPPED, presidency / "drafts")
    start = commit(presidency, "drafts as circulated", "-c", "commit.gpgsign=false")
    drafts = presidency / "drafts"
    for holder, name in (("Presidency", "presidency"), ("NOR", "nor"), ("CMC", "cmc")):
        code, said = run(drafts, "parties", "key", holder, "--add", f"{keys[name]}.pub")
        assert code == 0, said
    anchor = commit(presidency, "signing keys of the presidency, NOR and CMC")
    git(presidency, "push", "-q", "origin", "main")

    nor = clone(world, "nor", keys["nor"])
    cmc = clone(world, "cmc", keys["cmc"])
    norway = open_drafts(nor / "drafts")
    made = norway.propose(DOC, paragraph="Action 2", operation="retain", proposers=["NOR"])
    norway.support("SEN-ykja", "NOR", "Norway agrees")
    commit(nor, "NOR: retain Action 2; supports SEN-ykja")
    git(nor, "push", "-q", "origin", "main")

    coalition = open_drafts(cmc / "drafts")
    remark = coalition.comment(DOC, party="CMC", text="Keep the deadline.", type="general")
    coalition.support("SEN-ykja", "CMC", "The coalition agrees")  # the same file as NOR's
    coalition.reply("C-NOR-z442", "CMC", "The coalition agrees with Norway.")
    commit(cmc, "CMC: a comment, a position, a reply")
    git(cmc, "pull", "-q", "--no-edit", "origin", "main")  # a merge commit, signed by CMC
    git(cmc, "push", "-q", "origin", "main")

    git(presidency, "pull", "-q", "origin", "main")
    chair = open_drafts(drafts)
    chair.accept(made.id)
    chair.dispose(remark.id, "noted", "Thank you.")
    commit(presidency, "Presidency: accepts the retention, notes the comment")
    git(presidency, "push", "-q", "origin", "main")
    for folder in (nor, cmc):
        git(folder, "pull", "-q", "origin", "main")
    return {"world": world, "keys": keys, "start": start, "anchor": anchor,
            "proposal": made.id, "comment": remark.id}


@pytest.fixture
def fresh(world: dict[str, object], tmp_path: Path) -> Iterator[dict[str, Path]]:
    """Copies of the three clones and the bare repository, for a test that forges."""
    source = world["world"]
    assert isinstance(source, Path)
    for name in ("origin.git", "presidency", "nor", "cmc"):
        shutil.copytree(source / name, tmp_path / name, symlinks=True)
        if name != "origin.git":
            git(tmp_path / name, "remote", "set-url", "origin", str(tmp_path / "origin.git"))
    yield {name: tmp_path / name for name in ("presidency", "nor", "cmc")}


def verified(folder: Path, since: object) -> tuple[int, list[str]]:
    assert isinstance(since, str)
    code, said = run(folder / "drafts", "verify", "--since", since)
    return code, said.splitlines()


def test_the_clean_history_verifies_in_every_clone(world: dict[str, object]) -> None:
    source = world["world"]
    assert isinstance(source, Path)
    for name in ("presidency", "nor", "cmc"):
        report = open_drafts(source / name / "drafts").verify(since=str(world["start"]))
        assert report.findings == (), (name, report.findings)
        assert report.commits == 5  # keys, NOR, CMC, CMC's merge, the presidency's
        assert report.anchor == world["anchor"]  # the start commit records no key
        code, lines = verified(source / name, world["start"])
        assert code == 0 and lines[-1].endswith("all verified"), lines


def test_signatures_are_checked_as_git_checks_them(world: dict[str, object],
                                                 tmp_path: Path) -> None:
    """git is the oracle: on every commit of the shared history, and on a signed commit
    whose message was altered after signing, draftkit's check (ssh-keygen, once a
    commit) finds what `git log --format=%G? %GK` finds (git's U: a good signature by a
    key git was not told to trust)."""
    source = world["world"]
    assert isinstance(source, Path)
    folder = source / "presidency"
    head = git(folder, "cat-file", "commit", "HEAD")
    altered = head.replace("Presidency: accepts", "Presidency: rejects")
    forged = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"],
                            cwd=folder, env=ENV, input=altered, capture_output=True,
                            text=True, check=True).stdout.strip()
    commits = [*git(folder, "rev-list", "HEAD").split(), forged]
    ours = dict(zip(commits, Git(folder / "drafts").signatures(commits), strict=True))
    signers = tmp_path / "allowed_signers"
    signers.write_text(open_drafts(folder / "drafts").allowed_signers(), encoding="utf-8")
    theirs = git(folder, "-c", f"gpg.ssh.allowedSignersFile={signers}", "log",
                 "--no-walk=unsorted", "--format=%H %G? %GK", *commits).splitlines()
    assert len(theirs) == len(commits) == 7
    for line in theirs:
        sha, status, *fingerprint = line.split()
        assert (ours[sha].status, ours[sha].fingerprint) == (
            {"U": "G"}.get(status, status), fingerprint[0] if fingerprint else "")
    assert ours[forged].status == "B" and [line.split()[1] for line in theirs].count("N") == 1
    assert {line.split()[1] for line in theirs} == {"G", "N", "B"}


def test_the_first_signed_commit_is_the_trust_anchor(world: dict[str, object]) -> None:
    """Without --since the unsigned start is reported, file by file; the commit that
    records the first keys is verified by its own presidency key (the anchor)."""
    source = world["world"]
    assert isinstance(source, Path)
    report = open_drafts(source / "presidency" / "drafts").verify()
    assert report.anchor == world["anchor"]
    start = str(world["start"])
    assert {f.commit for f in report.findings} == {start}
    assert all(f.signer == "unsigned" and f.why == "not signed" for f in report.findings)
    assert "drafts/parties.txt" in {f.path for f in report.findings}
    code, said = run(source / "presidency" / "drafts", "verify")
    assert code == 1
    assert f"drafts/parties.txt | {start[:12]} | unsigned | not signed" in said.splitlines()


def test_cmc_commits_a_proposal_by_nor(fresh: dict[str, Path], world: dict[str, object]
                                       ) -> None:
    made = open_drafts(fresh["cmc"] / "drafts").propose(
        DOC, paragraph="Action 27", operation="delete-paragraph", proposers=["NOR"])
    forged = commit(fresh["cmc"], "NOR (really CMC): delete Action 27")
    git(fresh["cmc"], "push", "-q", "origin", "main")
    git(fresh["presidency"], "pull", "-q", "origin", "main")
    code, lines = verified(fresh["presidency"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/{made.id}.txt | {forged[:12]} | CMC | "
                          f"a proposal by NOR, signed for CMC"]
    assert lines[-1].endswith("1 unverified")


def test_nor_accepts_its_own_proposal(fresh: dict[str, Path], world: dict[str, object]
                                      ) -> None:
    norway = open_drafts(fresh["nor"] / "drafts")
    made = norway.propose(DOC, paragraph="Action 6", operation="retain", proposers=["NOR"])
    norway.accept(made.id)
    forged = commit(fresh["nor"], "NOR proposes, and accepts its proposal")
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/{made.id}.txt | {forged[:12]} | NOR | "
                          f"'accepted' (by Presidency) is the presidency's, signed for NOR"]


def test_an_unsigned_commit(fresh: dict[str, Path], world: dict[str, object]) -> None:
    open_drafts(fresh["nor"] / "drafts").support("GBR-tr27", "NOR")
    forged = commit(fresh["nor"], "unsigned", "-c", "commit.gpgsign=false")
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/GBR-tr27.txt | {forged[:12]} | unsigned | "
                          f"not signed"]


def test_a_commit_signed_by_a_key_not_in_the_registry(fresh: dict[str, Path],
                                                      world: dict[str, object]) -> None:
    keys = world["keys"]
    assert isinstance(keys, dict)
    open_drafts(fresh["nor"] / "drafts").support("GBR-tr27", "NOR")
    forged = commit(fresh["nor"], "signed by another key", "-c",
                    f"user.signingkey={keys['rogue']}")
    rogue = parse_public_key("NOR", (Path(f"{keys['rogue']}.pub")).read_text())
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/GBR-tr27.txt | {forged[:12]} | key "
                          f"{rogue.fingerprint} not in the registry | signed by a key not "
                          f"in the registry"]


def test_an_item_edited_after_it_was_committed(fresh: dict[str, Path],
                                               world: dict[str, object]) -> None:
    proposal = str(world["proposal"])
    path = fresh["nor"] / "drafts" / DOC / "proposals" / f"{proposal}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("proposers: NOR", "proposers: NOR IRL"), encoding="utf-8")
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1  # first as it stands: changed, not committed
    assert lines[:-1] == [f"drafts/{DOC}/proposals/{proposal}.txt | uncommitted | - | "
                          f"changed since the last commit, not committed"]
    forged = commit(fresh["nor"], "NOR adds a co-sponsor to its committed proposal")
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1
    assert lines[:-1] == [
        f"drafts/{DOC}/proposals/{proposal}.txt | {forged[:12]} | NOR | rewritten: lines "
        f"committed before are changed or removed; rewritten: its header changed after it "
        f"was committed"]


def test_a_revision_or_key_change_is_the_presidencys(fresh: dict[str, Path],
                                                     world: dict[str, object]) -> None:
    keys = world["keys"]
    assert isinstance(keys, dict)
    code, said = run(fresh["nor"] / "drafts", "parties", "key", "CMC", "--add",
                     f"{keys['rogue']}.pub")
    assert code == 0, said
    forged = commit(fresh["nor"], "NOR gives CMC a second key")
    code, lines = verified(fresh["nor"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/parties.txt | {forged[:12]} | NOR | the registry is the "
                          f"presidency's to change"]
    revision = fresh["presidency"] / "drafts" / DOC / "revisions" / "rev1.txt"
    revision.write_text(revision.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    revision.write_text(revision.read_text(encoding="utf-8").replace("Geneva", "Genève"),
                        encoding="utf-8")
    forged = commit(fresh["presidency"], "the presidency edits a recorded revision")
    code, lines = verified(fresh["presidency"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/revisions/rev1.txt | {forged[:12]} | Presidency | "
                          f"a revision changed or removed after it was committed"]


def test_a_merge_that_drops_a_line_is_rewriting(fresh: dict[str, Path],
                                                world: dict[str, object]) -> None:
    """Both sides add to one proposal; the merge keeps only one side's line."""
    open_drafts(fresh["nor"] / "drafts").support("GBR-tr27", "NOR")
    commit(fresh["nor"], "NOR supports GBR-tr27")
    git(fresh["nor"], "push", "-q", "origin", "main")
    open_drafts(fresh["cmc"] / "drafts").oppose("GBR-tr27", "CMC")
    commit(fresh["cmc"], "CMC opposes GBR-tr27")
    git(fresh["cmc"], "fetch", "-q", "origin")
    git(fresh["cmc"], "merge", "-q", "--no-commit", "origin/main")
    path = fresh["cmc"] / "drafts" / DOC / "proposals" / "GBR-tr27.txt"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8")
                            .splitlines(keepends=True) if "| NOR | supported" not in line),
                    encoding="utf-8")
    merged = commit(fresh["cmc"], "a merge that loses Norway's position")
    code, lines = verified(fresh["cmc"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/GBR-tr27.txt | {merged[:12]} | CMC | "
                          f"rewritten: lines committed before are changed or removed"]


def test_a_document_and_bad_input(world: dict[str, object], tmp_path: Path) -> None:
    source = world["world"]
    assert isinstance(source, Path)
    drafts = source / "presidency" / "drafts"
    assert open_drafts(drafts).verify(DOC, since=str(world["start"])).verified
    code, said = run(drafts, "verify", "--format", "json")
    shown = json.loads(said)
    assert code == 1 and shown["verified"] is False and shown["anchor"] == world["anchor"]
    assert shown["commits"] == 6 and {f["commit"] for f in shown["unverified"]} == {
        world["start"]}
    assert set(shown["unverified"][0]) == {"path", "commit", "signer", "why"}
    code, said = run(drafts, "verify", "--since", "no-such-commit")
    assert code == 2 and said == "draftkit: no such commit: 'no-such-commit'\n"
    code, said = run(drafts, "verify", "no-such-document")
    assert code == 2 and "no-such-document" in said
    shutil.copytree(SHIPPED, tmp_path / "drafts")
    code, said = run(tmp_path / "drafts", "verify")
    assert code == 2 and "not in a git repository" in said


def test_keys_in_the_registry(copy: Path, tmp_path: Path) -> None:
    key = new_key(tmp_path, "norway")
    public = key.with_suffix(".pub").read_text(encoding="utf-8")
    code, said = run(copy, "parties", "key", "nor", "--add", str(key.with_suffix(".pub")))
    added = parse_public_key("NOR", public)
    assert code == 0 and said == f"added NOR's key {added.fingerprint} (ssh-ed25519, norway)\n"
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", str(key.with_suffix(".pub"))],
                                 capture_output=True, text=True, check=True).stdout.split()[1]
    assert added.fingerprint == fingerprint  # ssh-keygen is the oracle
    text = (copy / "parties.txt").read_text(encoding="utf-8")
    assert text.endswith(f"@key NOR | {added.public} | norway\n")
    assert run(copy, "parties", "key", "CMC", "--add", str(key.with_suffix(".pub"))) == (
        2, f"draftkit: key {added.fingerprint} is recorded already, for NOR\n")
    assert run(copy, "parties", "key", "XYZ", "--add", str(key.with_suffix(".pub")))[0] == 2
    code, said = run(copy, "parties", "allowed-signers")
    assert said == f'NOR namespaces="git" {added.public}\n'
    assert allowed_signers(parse_registry(text, "parties.txt")[1]) == said
    code, said = run(copy, "parties", "edit", "NOR", "--name", "Kingdom of Norway")
    assert code == 0 and (copy / "parties.txt").read_text(encoding="utf-8").endswith(
        f"@key NOR | {added.public} | norway\n")  # editing a party keeps the keys
    assert run(copy, "parties", "key", "NOR") == (0, f"{added.fingerprint} ssh-ed25519 "
                                                     f"norway\n")
    assert run(copy, "parties", "key", "NOR", "--remove", added.fingerprint) == (
        0, f"removed NOR's key {added.fingerprint}\n")
    assert "@key" not in (copy / "parties.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("line", "error"), [
    ("@key NOR | ssh-ed25519", "a key is written '<type> <base64>'"),
    ("@key NOR | ssh-dss AAAAB3NzaC1kc3M= | old", "not an SSH signing key type"),
    ("@key NOR | ssh-ed25519 AAAAB3NzaC1yc2E= | x", "holds a 'ssh-rsa' key"),
    ("@key NOR | ssh-ed25519 !!!! | x", "not valid base64"),
    ("@key XYZ | ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 | x", "unknown party 'XYZ'"),
    ("@key presidency | ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 | x", "written Presidency"),
])
def test_a_bad_key_line_names_its_line(line: str, error: str) -> None:
    text = f"draftkit parties 2\n\n@party NOR | state | Norway\n{line}\n"
    with pytest.raises(FormatError) as raised:
        parse_registry(text, "parties.txt")
    assert raised.value.line == 4 and error in raised.value.message


def test_the_presidency_holds_keys_and_a_key_one_holder() -> None:
    key = parse_public_key("Presidency", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKx0 chair")
    text = format_parties({}, (key,))
    assert text == f"draftkit parties 2\n\n@key Presidency | {key.public} | chair\n"
    assert parse_registry(text, "p") == ({}, (key,))
    twice = text + f"@key Presidency | {key.public}\n"
    with pytest.raises(DraftkitError, match="listed twice"):
        parse_registry(twice, "p")


def test_the_ci_recipe_runs_check_verify_and_publish(world: dict[str, object]) -> None:
    """The workflow's own draftkit lines, run by bash in the presidency's clone: check and
    verify pass from the signed start and fail on the unsigned history before it; the
    site is published from the verified clone."""
    import sys

    recipe = (REPO / "docs" / "shared-repository-ci.yml").read_text(encoding="utf-8")
    lines = [line.strip()[len("run: "):] for line in recipe.splitlines()
             if line.strip().startswith("run: draftkit")]
    assert [line.split()[3] for line in lines] == ["check", "verify", "publish"]
    source = world["world"]
    assert isinstance(source, Path)
    clone = source / "presidency"
    define = f'draftkit() {{ "{sys.executable}" -m draftkit "$@"; }}\n'
    for since, expected in ((str(world["start"]), 0), ("", 1)):
        done = subprocess.run(["bash", "-c", define + "\n".join(
            f"{line} || exit $?" for line in lines[:2])], cwd=clone,
            env={**ENV, "SINCE": since}, capture_output=True, text=True)
        assert done.returncode == expected, done.stdout + done.stderr
    done = subprocess.run(["bash", "-c", define + lines[2]], cwd=clone, env=ENV,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (clone / "site" / "index.html").is_file()
    shutil.rmtree(clone / "site")


def test_commit_makes_the_signed_commit_of_what_a_command_wrote(
        fresh: dict[str, Path], world: dict[str, object]) -> None:
    drafts = fresh["nor"] / "drafts"
    before = git(fresh["nor"], "rev-parse", "HEAD").strip()
    code, said = run(drafts, "--commit", "support", "GBR-tr27", "--party", "NOR",
                     "--note", "Norway agrees")
    assert code == 0, said
    head = git(fresh["nor"], "rev-parse", "HEAD").strip()
    assert head != before and git(fresh["nor"], "status", "--porcelain") == ""
    assert git(fresh["nor"], "log", "-1", "--format=%s") == \
        "draftkit support GBR-tr27 --party NOR --note 'Norway agrees'\n"
    assert f"committed {head[:12]} (signed)" in said
    assert git(fresh["nor"], "show", "--format=", "--name-only", "HEAD") == \
        f"drafts/{DOC}/proposals/GBR-tr27.txt\n"
    assert verified(fresh["nor"], world["start"])[0] == 0
    # a folder with changes not committed: refused, nothing written
    path = drafts / DOC / "proposals" / "GBR-tr27.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    written = path.read_bytes()
    code, said = run(drafts, "--commit", "oppose", "GBR-tr27", "--party", "NOR")
    assert code == 2 and "changes not committed" in said and path.read_bytes() == written
    git(fresh["nor"], "checkout", "--", ".")
    # a command that writes nothing makes no commit
    code, said = run(drafts, "--commit", "proposals", DOC)
    assert code == 0 and "no commit made" in said
    assert git(fresh["nor"], "rev-parse", "HEAD").strip() == head
    # no signing key: refused before anything is written
    git(fresh["nor"], "config", "--unset", "user.signingkey")
    code, said = run(drafts, "--commit", "oppose", "GBR-tr27", "--party", "NOR")
    assert code == 2 and "user.signingkey" in said
    assert git(fresh["nor"], "status", "--porcelain") == ""


def test_an_unrelated_history_with_its_own_anchor_is_reported(
        fresh: dict[str, Path], world: dict[str, object], tmp_path: Path) -> None:
    """CMC starts a history of its own, records a 'Presidency' key of its own in it,
    forges decisions there, and merges it in: its anchor is not the repository's."""
    keys = world["keys"]
    assert isinstance(keys, dict)
    cmc = fresh["cmc"]
    git(cmc, "checkout", "-q", "--orphan", "forged")
    git(cmc, "rm", "-rq", "--cached", ".")
    shutil.rmtree(cmc / "drafts")
    shutil.copytree(SHIPPED, cmc / "drafts")
    code, said = run(cmc / "drafts", "parties", "key", "Presidency", "--add",
                     f"{keys['cmc']}.pub")
    assert code == 0, said
    anchor = commit(cmc, "a presidency of CMC's own")
    git(cmc, "checkout", "-q", "main")
    git(cmc, "merge", "-q", "--allow-unrelated-histories", "-X", "ours", "--no-edit", "forged")
    code, lines = verified(cmc, world["start"])
    assert code == 1
    real = str(world["anchor"])
    why = f"one of 2 trust anchors ({real[:12]}, {anchor[:12]}): presidency keys that " \
          f"vouch for themselves; there must be one"
    why_swapped = why.replace(f"{real[:12]}, {anchor[:12]}", f"{anchor[:12]}, {real[:12]}")
    assert {f"drafts/parties.txt | {sha[:12]} | - | {why}" for sha in (real, anchor)} <= \
        set(lines) or {f"drafts/parties.txt | {sha[:12]} | - | {why_swapped}"
                       for sha in (real, anchor)} <= set(lines)
    # starting after the real anchor, nothing may vouch for itself any more
    code, lines = verified(cmc, real)
    assert code == 1
    assert f"drafts/parties.txt | {anchor[:12]} | - | presidency keys that vouch for " \
           f"themselves, where {real[:12]} records the keys in force" in lines


def test_merges_that_bring_nothing_new_verify_whoever_signs(
        fresh: dict[str, Path], world: dict[str, object]) -> None:
    """The presidency records a decision, a revision and a key while NOR works; NOR
    pulls (a merge signed by NOR), then CMC pulls without signing: nothing new is said
    in either merge, so both verify."""
    keys = world["keys"]
    assert isinstance(keys, dict)
    chair = open_drafts(fresh["presidency"] / "drafts")
    chair.agree(DOC, paragraph="Action 6", action="confirm", meeting="1msp")
    revision = fresh["presidency"] / "drafts" / DOC / "revisions" / "rev1.txt"
    shutil.copy(revision, revision.with_name("copy-of-rev1.txt"))  # a new file, not an edit
    code, said = run(fresh["presidency"] / "drafts", "parties", "key", "NOR", "--add",
                     f"{keys['rogue']}.pub")
    assert code == 0, said
    commit(fresh["presidency"], "Presidency: Action 6 confirmed; a second key for NOR")
    git(fresh["presidency"], "push", "-q", "origin", "main")
    open_drafts(fresh["nor"] / "drafts").support("GBR-tr27", "NOR")
    commit(fresh["nor"], "NOR supports GBR-tr27")
    git(fresh["nor"], "pull", "-q", "--no-edit", "origin", "main")
    git(fresh["nor"], "push", "-q", "origin", "main")
    open_drafts(fresh["cmc"] / "drafts").oppose("GBR-tr27", "CMC")
    commit(fresh["cmc"], "CMC opposes GBR-tr27")
    git(fresh["cmc"], "-c", "commit.gpgsign=false", "pull", "-q", "--no-edit", "origin",
        "main")
    assert git(fresh["cmc"], "log", "-1", "--format=%G? %P").split()[0] == "N"
    assert len(git(fresh["cmc"], "log", "-1", "--format=%P").split()) == 2
    for name in ("nor", "cmc"):
        code, lines = verified(fresh[name], world["start"])
        assert code == 0, (name, lines)
    # the same unsigned merge, had it added a line of its own, is reported
    path = fresh["cmc"] / "drafts" / DOC / "proposals" / "GBR-tr27.txt"
    path.write_text(path.read_text(encoding="utf-8")
                    + "@event 2010-10-01T10:00:00Z | Presidency | accepted\n", encoding="utf-8")
    git(fresh["cmc"], "add", "-A")
    git(fresh["cmc"], "-c", "commit.gpgsign=false", "commit", "-q", "--amend", "--no-edit")
    merged = git(fresh["cmc"], "rev-parse", "HEAD").strip()
    code, lines = verified(fresh["cmc"], world["start"])
    assert code == 1
    assert lines[:-1] == [f"drafts/{DOC}/proposals/GBR-tr27.txt | {merged[:12]} | unsigned | "
                          f"not signed"]


def test_the_users_git_settings_change_nothing(world: dict[str, object],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = world["world"]
    assert isinstance(source, Path)
    drafts = source / "nor" / "drafts"
    plain = open_drafts(drafts).verify()
    for n, (key, value) in enumerate((("log.showSignature", "true"), ("color.ui", "always"),
                                      ("core.quotePath", "true"), ("diff.noprefix", "true"))):
        monkeypatch.setenv(f"GIT_CONFIG_KEY_{n}", key)
        monkeypatch.setenv(f"GIT_CONFIG_VALUE_{n}", value)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "4")
    assert open_drafts(drafts).verify() == plain
    assert plain.commits == 6 and len(plain.findings) > 10  # the unsigned start, file by file


def test_a_registry_that_does_not_read_is_reported_once(fresh: dict[str, Path],
                                                        world: dict[str, object]) -> None:
    """The presidency commits a registry with a broken line: that commit is reported
    with the registry's own error."""
    registry = fresh["presidency"] / "drafts" / "parties.txt"
    registry.write_text(registry.read_text(encoding="utf-8") + "@party\n", encoding="utf-8")
    broken = commit(fresh["presidency"], "the presidency breaks the registry")
    code, lines = verified(fresh["presidency"], world["start"])
    assert code == 1
    line = len(registry.read_text(encoding="utf-8").splitlines())
    assert lines[:-1] == [
        f"drafts/parties.txt | {broken[:12]} | - | the registry does not read: "
        f"drafts/parties.txt:{line}: @party takes 3 to 4 fields separated by ' | ', not 0"]
