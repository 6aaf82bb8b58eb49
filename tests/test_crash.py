"""Crash safety: every write command, killed at any moment, leaves the store exactly as
before or after it (issue 9). The harness lives in scripts/crash_harness.py, which runs
it at any count (`--kills 1000 --seed N`); here it runs 60 seeded kills, and its
verdicts are shown to catch the half-written stores a broken commit point leaves."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import REPO
from draftkit.api import open_drafts
from draftkit.proposals import ProposalStatus
from draftkit.store.item_format import format_proposal

SEED = 20100906
KILLS = 60


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_harness",
                                                  REPO / "scripts" / "crash_harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


crash = _harness()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGKILL")
def test_a_write_killed_at_any_moment_leaves_the_store_before_or_after(tmp_path: Path) -> None:
    summary = crash.harness(KILLS, SEED, tmp_path, workers=2)
    print(summary)
    assert summary.problems == [], "\n".join(summary.problems)
    assert {t.command: t.killed >= KILLS // len(crash.COMMANDS) for t in summary.tallies} == \
        dict.fromkeys(crash.COMMANDS, True)
    assert summary.kills >= KILLS


# The verdicts on their own: each broken store a faulty commit point could leave is caught.


def scenario(kind: Any, tmp_path: Path) -> tuple[Any, Any, Any, Any]:
    """A command's copy of the drafts, its state, the harness's next step there and
    what that step must do."""
    made = kind(tmp_path / kind.name, crash.random.Random(SEED))
    made.home.mkdir()
    made.setup()
    state = crash.observe(made.root)
    step = made.choose(state)
    return made, state, step, step.expect(state)


def test_half_an_import_is_neither_before_nor_after(tmp_path: Path) -> None:
    made, before, _, expected = scenario(crash.Import, tmp_path)
    drafts = open_drafts(made.root)
    imported = drafts.import_docx(crash.DOC, made.source, revision="rev1", party="NOR",
                                  dry_run=True)
    assert len(imported.plan.proposals) > 2
    imported = drafts.import_docx(crash.DOC, made.source, revision="rev1", party="NOR")
    assert crash.judge(before, crash.observe(made.root), expected) == "after"
    for proposal in imported.proposals[::2]:  # as if the batch were moved in halfway
        (made.root / crash.DOC / "proposals" / f"{proposal.id}.txt").unlink()
    with pytest.raises(crash.Inconsistent, match="neither before nor after"):
        crash.judge(before, crash.observe(made.root), expected)


def test_a_merge_that_records_fewer_proposals_than_planned_is_caught(tmp_path: Path) -> None:
    made, before, _, expected = scenario(crash.Merge, tmp_path)
    drafts = open_drafts(made.root)
    some = drafts.select(crash.DOC, statuses=("accepted",))[:10]
    drafts.merge(crash.DOC, made.INTO, some, date=dt.date(2010, 10, 15), reopen=True)
    with pytest.raises(crash.Inconsistent, match="does not record the"):
        crash.judge(before, crash.observe(made.root), expected)


def test_an_accepted_proposal_that_loses_its_acceptance_is_caught(tmp_path: Path) -> None:
    made, before, _, expected = scenario(crash.Propose, tmp_path)
    accepted = next(p for p in before.proposals.values()
                    if p.status is ProposalStatus.ACCEPTED and p.document == crash.DOC)
    reverted = crash.attrs.evolve(accepted, history=accepted.history[:1])
    (made.root / crash.DOC / "proposals" / f"{accepted.id}.txt").write_text(
        format_proposal(reverted), encoding="utf-8")
    with pytest.raises(crash.Inconsistent, match=f"{accepted.id}, accepted before, is now "
                                                 f"proposed"):
        crash.judge(before, crash.observe(made.root), expected)


def test_a_half_written_file_in_the_store_does_not_load(tmp_path: Path) -> None:
    made, *_ = scenario(crash.Propose, tmp_path)
    path = next((made.root / crash.DOC / "proposals").iterdir())
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(crash.Inconsistent, match="does not load"):
        crash.observe(made.root)


def test_debris_is_repaired_but_a_stray_revision_is_not(tmp_path: Path) -> None:
    made, *_ = scenario(crash.Propose, tmp_path)
    scratch = made.root / crash.DOC / ".draftkit" / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "0123456789abcdef").write_text("half a propos")
    crash.check_clean(made.root)
    assert not any(scratch.iterdir())
    revisions = made.root / crash.DOC / "revisions"
    shutil.copy(revisions / "rev1.txt", revisions / "rev2.txt")
    with pytest.raises(crash.Inconsistent, match="check --repair exits 1"):
        crash.check_clean(made.root)


def test_a_working_folder_that_git_would_see_is_caught(tmp_path: Path) -> None:
    made, *_ = scenario(crash.Propose, tmp_path)
    crash.unseen_by_git(made.root)
    (made.root / crash.DOC / ".draftkit").mkdir()  # as a kill before its .gitignore leaves it
    with pytest.raises(crash.Inconsistent, match="gitignore is missing"):
        crash.unseen_by_git(made.root)


def test_a_working_folder_killed_while_being_made_is_debris_not_a_change(
        tmp_path: Path) -> None:
    """A writer killed between staging the working folder (`.draftkit.*`) and renaming it
    into place leaves it beside the document: draftkit's debris, swept by the next write,
    never a change to the store's files (seen once in 60 kills of merge --into)."""
    made, before, _, expected = scenario(crash.Merge, tmp_path)
    staging = made.root / crash.DOC / ".draftkit.0badc0de"
    staging.mkdir()
    (staging / ".gitignore").write_text("*\n", encoding="utf-8")
    assert crash.judge(before, crash.observe(made.root), expected) == "before"
    assert crash.leftovers(made.root / crash.DOC)[0] == [staging]
    open_drafts(made.root).accept(next(p.id for p in open_drafts(made.root).proposals(
        crash.DOC) if p.status is ProposalStatus.PROPOSED), "Agreed.")
    assert crash.leftovers(made.root / crash.DOC)[0] == []
