"""The merge core is pure: ids injected and derived from the merge, no store, no gc tampering."""

from __future__ import annotations

import ast
import datetime as dt
import gc
import inspect
import json
import subprocess
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import draftkit.merge
from conftest import run_split
from draftkit.api import open_drafts
from draftkit.identity import ID_ALPHABET, ID_LENGTH, derived_id, new_id, random_id
from draftkit.model import Revision
from draftkit.proposals import Operation, OperationKind, Position
from merge_helpers import make_proposal, run_merge

DOC = "vientiane-action-plan"
INTO = ("merge", DOC, "--into", "rev2", "--status", "accepted", "--renumber", "--reopen",
        "--date", "2010-11-12", "--format", "json")


def run(drafts: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run_split(drafts, *args)
    return code, json.loads(out or "null"), err


def texts(revision: Revision) -> list[tuple[str, str, str | None, str]]:
    """Every paragraph as (section id, paragraph id, label, text), in order."""
    return [(s.id, p.id, str(p.label) if p.label else None, p.text)
            for s in revision.sections for p in s.paragraphs]


def test_a_dry_run_and_the_real_merge_give_the_same_text_and_ids(copy: Path) -> None:
    drafts = open_drafts(copy)
    rev1 = drafts.revision(DOC, "rev1")
    selected = drafts.select(DOC, statuses=("accepted",))
    kwargs: dict[str, Any] = {"renumber": True, "date": dt.date(2010, 11, 12),
                              "note": "Merged.", "reopen": True}
    dry = drafts.merge(DOC, "rev2", selected, dry_run=True, **kwargs)
    again = drafts.merge(DOC, "rev2", selected, dry_run=True, **kwargs)
    assert dry == again and not dry.recorded
    assert dry.revision is not None
    added = {pid for _, pid, _, _ in texts(dry.revision)} - {p.id for p in rev1.paragraphs()}
    assert added  # the shipped accepted proposals add a paragraph: its id is what is at stake
    real = drafts.merge(DOC, "rev2", selected, **kwargs)
    assert real.recorded and real.revision == dry.revision
    assert (real.applied, real.labels, real.provenance) == \
        (dry.applied, dry.labels, dry.provenance)
    assert texts(open_drafts(copy).revision(DOC, "rev2")) == texts(dry.revision)


def test_dry_run_and_real_run_on_the_command_line_agree(copy: Path) -> None:
    code, first, err = run(copy, *INTO, "--dry-run")
    assert code == 0, err
    code, second, err = run(copy, *INTO, "--dry-run")
    assert code == 0 and first == second, err
    code, real, err = run(copy, *INTO)
    assert code == 0, err
    assert real.pop("revision") == "rev2" and first.pop("revision") is None
    assert real.pop("dry_run") is False and first.pop("dry_run") is True
    assert real == first
    rev2 = open_drafts(copy).revision(DOC, "rev2")
    new = [r["paragraph"] for r in real["labels"] if r["old"] is None]
    assert new and set(new) <= {p.id for p in rev2.paragraphs()}


def test_added_paragraph_ids_come_from_the_injected_source() -> None:
    from conftest import make_revision

    rev = make_revision([("p1", "OP1", "One."), ("p2", "OP2", "Two.")])
    adds = [make_proposal("NOR-1", "p1", Operation(OperationKind.ADD, text="Added.",
                                                   position=Position.AFTER)),
            make_proposal("MEX-1", "p2", Operation(OperationKind.ADD, text="Also added.",
                                                   position=Position.AFTER), n=1)]
    seeds: list[str] = []

    def counting(seed: str, taken: AbstractSet[str]) -> str:
        seeds.append(seed)
        assert {"p1", "p2", "sec001"} <= taken
        return f"new{len(seeds)}"

    result = run_merge(rev, adds, identify=counting)
    assert result.revision is not None
    assert [p.id for p in result.revision.paragraphs()] == ["p1", "new1", "p2", "new2"]
    assert seeds == ["test-doc/rev9/NOR-1", "test-doc/rev9/MEX-1"]
    default = run_merge(rev, adds)
    assert default == run_merge(rev, adds)  # the same merge, the same ids
    assert default.revision is not None
    derived = [p.id for p in default.revision.paragraphs()]
    assert derived[1] == derived_id("test-doc/rev9/NOR-1", {"p1", "p2", "sec001"})
    other = run_merge(rev, adds, name="rev8")
    assert other.revision is not None
    assert [p.id for p in other.revision.paragraphs()][1] != derived[1]
    randomly = run_merge(rev, adds, identify=random_id)
    assert randomly.revision is not None and len(list(randomly.revision.paragraphs())) == 4


def test_derived_ids_are_stable_well_formed_and_avoid_taken_ones() -> None:
    first = derived_id("vientiane-action-plan/rev2/NOR-y6bx")
    assert first == derived_id("vientiane-action-plan/rev2/NOR-y6bx")
    assert len(first) == ID_LENGTH and set(first) <= set(ID_ALPHABET)
    second = derived_id("vientiane-action-plan/rev2/NOR-y6bx", {first})
    assert second != first and second == derived_id("vientiane-action-plan/rev2/NOR-y6bx#1")
    assert derived_id("x", {derived_id("x"), derived_id("x#1")}) == derived_id("x#2")
    fresh = new_id({first})
    assert len(fresh) == ID_LENGTH and set(fresh) <= set(ID_ALPHABET) and fresh != first


def test_the_merge_core_does_not_import_the_store() -> None:
    tree = ast.parse(inspect.getsource(draftkit.merge))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names]
    assert not [m for m in imported if m.startswith("draftkit.store")]
    assert not {"secrets", "random", "gc"} & {m.split(".")[0] for m in imported}
    # In a fresh interpreter, with the package's __init__ (which opens the API, and so the
    # store) left out: what does importing the merge core bring in?
    code = ("import sys, types; package = types.ModuleType('draftkit'); "
            f"package.__path__ = [{str(Path(draftkit.merge.__file__).parent)!r}]; "
            "sys.modules['draftkit'] = package; import draftkit.merge; "
            "print(sorted(m for m in sys.modules if m.startswith('draftkit.')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    loaded = ast.literal_eval(found.stdout.strip())
    assert "draftkit.merge" in loaded and "draftkit.identity" in loaded
    assert not [m for m in loaded if m.startswith(("draftkit.store", "draftkit.api"))], loaded


def test_the_merge_command_leaves_garbage_collection_on(copy: Path) -> None:
    assert gc.isenabled()
    code, _, err = run(copy, *INTO, "--dry-run")
    assert code == 0, err
    assert gc.isenabled()
    code, _, err = run(copy, *INTO)
    assert code == 0, err
    assert gc.isenabled()
    source = Path(draftkit.merge.__file__).parent
    for path in source.rglob("*.py"):
        assert "gc.disable" not in path.read_text(encoding="utf-8"), path
