"""Contributions from two clones merge under git without conflict and without loss.

git itself is the oracle: two people work on copies of the drafts folder, each
adds items and records positions on the same proposal, and `git merge` must
bring both sides together cleanly (item files are new paths, and appended
events merge by the union driver set in drafts/.gitattributes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE
from draftkit.api import open_drafts

DOC = "vientiane-action-plan"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_two_clones_merge_without_conflict_or_loss(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(FIXTURE, origin / "drafts")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "drafts")
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", str(origin), name)

    alice = open_drafts(tmp_path / "a" / "drafts")
    alice.support("NOR-y6bx", "IRL", "Ireland joins")
    made_a = alice.propose(DOC, paragraph="Action 27", operation="retain", proposers=["NOR"])
    git(tmp_path / "a", "add", "-A")
    git(tmp_path / "a", "commit", "-qm", "Ireland supports; Norway retains")

    bob = open_drafts(tmp_path / "b" / "drafts")
    bob.oppose("NOR-y6bx", "JPN", "Japan prefers the deadline wording")
    made_b = bob.propose(DOC, paragraph="Action 27", operation="retain", proposers=["NOR"])
    comment = bob.comment(DOC, party="CHL", text="Chile supports the plan", type="general")
    git(tmp_path / "b", "add", "-A")
    git(tmp_path / "b", "commit", "-qm", "Japan opposes; Norway retains; Chile comments")

    git(tmp_path / "a", "pull", "-q", "--no-rebase", str(tmp_path / "b"), "main")
    merged = open_drafts(tmp_path / "a" / "drafts")
    proposal = merged.proposal("NOR-y6bx")
    assert "IRL" in proposal.supporters and "JPN" in proposal.opponents
    ids = {p.id for p in merged.proposals(DOC)}
    assert {made_a.id, made_b.id} <= ids
    assert comment.id in {c.id for c in merged.comments(DOC)}
    assert git(tmp_path / "a", "status", "--porcelain") == ""
