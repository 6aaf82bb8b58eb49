"""How long does `draftkit verify` take on a long signed history?

A git repository whose drafts folder holds the shipped Vientiane Action Plan
(its document and revisions), a registry of 12 States and their keys and the
presidency's, and a history of 1,000 commits after the one that records the
keys: each commit is one delegation adding its proposals and comments (4,500
proposals and 500 comments in all) and supporting two proposals of others
(appended events), or, every 25th, the presidency accepting proposals and
noting comments. Every commit is really signed, by ssh-keygen through git,
with the key of the party (or the presidency) whose items it adds: verify
has 1,001 real signatures to check. The history is built quickly: the trees
come from one `git fast-import`, then each commit is re-made signed with
`git commit-tree -S` on its tree (that generation is not timed).

Timed: `draftkit verify` over the whole history (the key-recording commit is
the trust anchor), which must exit 0; then, after one more commit that forges
(a delegation's commit accepting its own proposal), it must exit 1 naming it.
Target (issue 15): under 10 s for 1,000 commits with 5,000 items.

    .venv/bin/python bench/bench_verify.py [--runs 3] [--commits 1000] [--items 5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Measure, draftkit, median, verdict

from draftkit.comments import Comment, CommentType, Decision, Disposition
from draftkit.keys import PRESIDENCY, parse_public_key
from draftkit.model import Party, PartyKind
from draftkit.proposals import (
    Event,
    Operation,
    OperationKind,
    Proposal,
    ProposalStatus,
)
from draftkit.store.item_format import format_comment, format_proposal
from draftkit.store.registry_format import format_parties

REPO = Path(__file__).resolve().parent.parent
DOC = "vientiane-action-plan"
STATES = ("AUT", "CHL", "DEU", "FRA", "GHA", "IRL", "JPN", "MEX", "MOZ", "NOR", "NZL", "SEN")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
       "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
START = dt.datetime(2010, 9, 7, tzinfo=dt.UTC)


def git(folder: Path, *args: str, data: bytes | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=folder, env=ENV, input=data,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {args[0]}: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode()


def paragraph_ids() -> list[str]:
    revision = (REPO / "drafts" / DOC / "revisions" / "rev1.txt").read_text(encoding="utf-8")
    return [line.split()[1] for line in revision.splitlines() if line.startswith("@para ")]


def history(commits: int, items: int) -> list[tuple[str, dict[str, str]]]:
    """Per commit: who signs it, and the files it writes (path in the drafts folder →
    the whole new text)."""
    targets = paragraph_ids()
    proposals: dict[str, Proposal] = {}
    comments: dict[str, Comment] = {}
    party_commits = [n for n in range(commits) if n % 25 != 24]
    planned = {n: 0 for n in party_commits}
    for k in range(items):
        planned[party_commits[k * len(party_commits) // items]] += 1
    made = 0
    plan: list[tuple[str, dict[str, str]]] = []
    for n in range(commits):
        when = START + dt.timedelta(minutes=n)
        files: dict[str, str] = {}
        if n % 25 == 24:  # the presidency accepts the oldest open proposals
            open_ones = [p for p in proposals.values()
                         if p.status is ProposalStatus.PROPOSED][:5]
            for proposal in open_ones:
                proposal = proposal.with_event(Event(when, PRESIDENCY, "accepted"))
                proposals[proposal.id] = proposal
                files[f"{DOC}/proposals/{proposal.id}.txt"] = format_proposal(proposal)
            for comment in list(comments.values())[:2]:
                comment = Comment(**{**_fields(comment), "decisions": (
                    *comment.decisions, Decision(when, PRESIDENCY, Disposition.NOTED))})
                comments[comment.id] = comment
                files[f"{DOC}/comments/{comment.id}.txt"] = format_comment(comment)
            plan.append((PRESIDENCY, files))
            continue
        code = STATES[n % len(STATES)]
        for _ in range(planned[n]):
            made += 1
            if made % 10 == 0:
                comment = Comment(id=f"C-{code}-{made:05d}", document=DOC, revision="rev1",
                                  party=code, type=CommentType.GENERAL,
                                  text=f"Comment {made} of {code}.", created=when,
                                  paragraph=targets[made % len(targets)])
                comments[comment.id] = comment
                files[f"{DOC}/comments/{comment.id}.txt"] = format_comment(comment)
                continue
            proposal = Proposal(id=f"{code}-{made:05d}", document=DOC, revision="rev1",
                                paragraph=targets[made % len(targets)],
                                operation=Operation(OperationKind.RETAIN), proposers=(code,),
                                created=when, history=(Event(when, code, "proposed"),))
            proposals[proposal.id] = proposal
            files[f"{DOC}/proposals/{proposal.id}.txt"] = format_proposal(proposal)
        others = [p for p in list(proposals.values())[-60:]
                  if code not in p.parties and len(p.history) < 3][:2]
        for proposal in others:
            proposal = proposal.with_event(Event(when, code, "supported"))
            proposals[proposal.id] = proposal
            files[f"{DOC}/proposals/{proposal.id}.txt"] = format_proposal(proposal)
        plan.append((code, files))
    return plan


def _fields(comment: Comment) -> dict[str, object]:
    return {name: getattr(comment, name) for name in (
        "id", "document", "revision", "party", "type", "text", "created", "paragraph",
        "anchor", "proposed_change", "label", "replies", "decisions")}


def fast_import_stream(prefix: str, base: dict[str, bytes],
                       plan: list[tuple[str, dict[str, str]]]) -> bytes:
    out = bytearray()

    def blob(path: str, data: bytes) -> None:
        out.extend(f"M 100644 inline {prefix}{path}\ndata {len(data)}\n".encode())
        out.extend(data + b"\n")

    for n, (_, files) in enumerate([("", {}), *plan]):
        message = b"keys" if n == 0 else f"commit {n}".encode()
        out.extend(f"commit refs/heads/unsigned\ncommitter bench <b@example.org> "
                   f"{1283850000 + n * 60} +0000\ndata {len(message)}\n".encode())
        out.extend(message + b"\n")
        for path, data in (base.items() if n == 0 else
                           ((p, t.encode("utf-8")) for p, t in files.items())):
            blob(path, data)
    return bytes(out)


def build(folder: Path, commits: int, items: int) -> Path:
    """The signed repository; returns its drafts folder."""
    keys = folder / "keys"
    keys.mkdir()
    holders = (PRESIDENCY, *STATES)
    for holder in holders:
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", holder, "-f",
                        str(keys / holder)], check=True)
    registry = format_parties(
        {code: Party(code, PartyKind.STATE, f"State {code}") for code in STATES},
        tuple(parse_public_key(h, (keys / f"{h}.pub").read_text()) for h in holders))
    base = {"parties.txt": registry.encode("utf-8")}
    shipped = REPO / "drafts"
    for path in [shipped / ".gitattributes", shipped / DOC / "document.txt",
                 *sorted((shipped / DOC / "revisions").glob("*.txt"))]:
        base[str(path.relative_to(shipped))] = path.read_bytes()
    plan = history(commits, items)
    repository = folder / "repository"
    git(folder, "init", "-q", "-b", "main", str(repository))
    git(repository, "fast-import", "--quiet", data=fast_import_stream("drafts/", base, plan))
    trees = git(repository, "log", "--reverse", "--format=%T", "unsigned").split()
    signers = [PRESIDENCY, *(who for who, _ in plan)]
    parent: list[str] = []
    for n, (tree, who) in enumerate(zip(trees, signers, strict=True)):
        sha = git(repository, "-c", "gpg.format=ssh", "-c", f"user.signingkey={keys / who}",
                  "commit-tree", "-S", "-m", f"{who}: commit {n}", *parent, tree).strip()
        parent = ["-p", sha]
    git(repository, "update-ref", "refs/heads/main", parent[1])
    git(repository, "update-ref", "-d", "refs/heads/unsigned")
    git(repository, "checkout", "-q", "main")
    return repository / "drafts"


def forge(drafts: Path) -> None:
    """NOR accepts its own proposal, in a commit signed by NOR."""
    repository = drafts.parent
    path = next((drafts / DOC / "proposals").glob("NOR-*.txt"))
    path.write_text(path.read_text(encoding="utf-8")
                    + "@event 2010-12-01T10:00:00Z | Presidency | accepted\n", encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "-c", "gpg.format=ssh", "-c",
        f"user.signingkey={drafts.parent.parent / 'keys' / 'NOR'}", "commit", "-S", "-qm",
        "NOR accepts its own proposal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--items", type=int, default=5000)
    options = parser.parse_args()
    if shutil.which("git") is None or shutil.which("ssh-keygen") is None:
        raise SystemExit("git and ssh-keygen are needed")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        drafts = build(Path(folder), options.commits, options.items)
        count = len(git(drafts.parent, "rev-list", "HEAD").split())
        files = sum(1 for _ in drafts.glob(f"{DOC}/*/*.txt"))
        print(f"history: {count} commits, all signed; {files} item and revision files")
        clean: list[Measure] = [draftkit(["--drafts", str(drafts), "verify"])
                                for _ in range(options.runs)]
        forge(drafts)
        forged: list[Measure] = [draftkit(["--drafts", str(drafts), "verify"], expected=(1,))
                                 for _ in range(options.runs)]
    print(f"median of {options.runs} runs each")
    for name, runs in (("verify, clean (exit 0)", clean), ("verify, one forgery (exit 1)",
                                                          forged)):
        m = median(runs)
        print(f"{name:<30} wall {m.wall:6.2f} s  cpu {m.cpu:6.2f} s  "
              f"peak {m.megabytes:6.1f} MB")
    wall = median(clean).wall
    print(f"target: verify under 10 s on {options.commits} commits with {options.items} "
          f"items: {verdict(wall < 10)}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
