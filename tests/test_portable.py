"""draftkit imports and works where there is no fcntl (Windows has none).

Each test runs a fresh interpreter, so what this process has imported proves nothing
either way. Where fcntl is made unavailable, filelock falls back to its soft lock (and
warns that it did); draftkit must import, read and write all the same.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import FIXTURE, REPO

# Modules that exist on one family of systems only; none may be imported at module level.
ONE_SYSTEM_ONLY = {"fcntl", "termios", "pwd", "grp", "resource", "posix", "msvcrt", "winreg",
                   "_winapi", "nt"}

NO_FCNTL = """
import sys

class NoFcntl:
    '''What Windows does with `import fcntl`.'''

    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ModuleNotFoundError("No module named 'fcntl'", name="fcntl")
        return None

sys.modules.pop("fcntl", None)
sys.meta_path.insert(0, NoFcntl())
"""


def run(script: str, *args: str) -> dict[str, object]:
    """Run `script` in a fresh interpreter; it prints one JSON object as its last line."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_importing_draftkit_and_its_cli_loads_neither_fcntl_nor_filelock() -> None:
    seen = run("""
        import json, sys
        import draftkit
        after_package = sorted(m for m in ("fcntl", "filelock") if m in sys.modules)
        import draftkit.cli
        import draftkit.api, draftkit.store.files, draftkit.store.drafts_folder
        after_cli = sorted(m for m in ("fcntl", "filelock") if m in sys.modules)
        print(json.dumps({"package": after_package, "cli": after_cli}))
    """)
    assert seen == {"package": [], "cli": []}


def test_every_module_imports_without_fcntl() -> None:
    seen = run(NO_FCNTL + """
import importlib, json, pkgutil, warnings
import draftkit

names = sorted(m.name for m in pkgutil.walk_packages(draftkit.__path__, "draftkit.")
               if not m.name.endswith("__main__"))
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": len(names), "fcntl": "fcntl" in sys.modules}))
""")
    assert seen["fcntl"] is False
    assert isinstance(seen["modules"], int) and seen["modules"] > 20


def test_no_module_imports_a_one_system_module_at_module_level() -> None:
    """Read the source: an import of fcntl, msvcrt & co. may only sit inside a function,
    where it runs on the system that has it."""
    found = []
    for path in sorted((REPO / "src" / "draftkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        functions = [node for node in ast.walk(tree)
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
        inside = {id(inner) for function in functions for inner in ast.walk(function)}
        for node in ast.walk(tree):
            if id(node) in inside:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module.split(".")[0]]
            else:
                continue
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {name}"
                      for name in names if name in ONE_SYSTEM_ONLY]
    assert found == []


def test_the_package_works_without_fcntl(tmp_path: Path) -> None:
    """Without fcntl: open a copy of the shipped drafts, propose, support and accept a
    proposal, merge it into a new revision, record another revision from an export, run
    a command of the CLI; then read it all back."""
    seen = run(NO_FCNTL + """
import json, shutil, warnings
from pathlib import Path

warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    import draftkit
    from draftkit import open_drafts
    from draftkit.store.revision_format import format_revision

    root = Path(sys.argv[1]) / "drafts"
    shutil.copytree(sys.argv[2], root)
    drafts = open_drafts(root)
    document = "vientiane-action-plan"
    made = drafts.propose(document, paragraph="Action 27", operation="replace",
                          quote="within one year", text="within two years",
                          proposers=["NOR", "IRL"], rationale="One year is not realistic")
    drafts.support(made.id, "CHL")
    from draftkit.cli import cli
    cli.main(["--drafts", str(root), "support", made.id, "--party", "GBR"],
             prog_name="draftkit", standalone_mode=False)
    # forced: its words are also those of the accepted AFRICANGROUP-ncs9, left out here
    drafts.accept(made.id, "Agreed in informal consultations", force=True)
    result = drafts.merge(document, "rev2", [drafts.proposal(made.id)], issued_by="Presidency",
                          meeting="1msp")
    export = Path(sys.argv[1]) / "rev3.txt"
    latest = drafts.revision(document)
    export.write_text(format_revision(latest).replace("within two years",
                                                      "within two years at most"),
                      encoding="utf-8")
    drafts.revise(document, export, name="rev3", issued_by="Presidency (Lao PDR)",
                  meeting="1msp")


    import filelock
    again = open_drafts(root)
    proposal = again.proposal(made.id)
    print(json.dumps({
        "fcntl imported": "fcntl" in sys.modules,
        "filelock has fcntl": filelock.has_fcntl,
        "lock": filelock.FileLock.__name__,
        "status": proposal.status.value,
        "incorporated in": proposal.incorporated_in,
        "supporters": list(proposal.supporters),
        "revisions": again.revision_names(document),
        "rev2 has it": "within two years" in again.paragraph(document, "Action 27", "rev2").text,
        "rev3 has the edit": "within two years at most"
                             in again.paragraph(document, "Action 27", "rev3").text,
        "merge record": again.merge_record(document, "rev2").incorporated == (made.id,),
        "applied": list(result.applied),
        "id": made.id,
        "warnings": sorted({str(w.message) for w in caught}),
    }))
""", str(tmp_path), str(FIXTURE))
    assert seen["fcntl imported"] is False
    assert seen["filelock has fcntl"] is False and seen["lock"] == "SoftFileLock"
    assert seen["status"] == "incorporated" and seen["incorporated in"] == "rev2"
    assert seen["supporters"] == ["CHL", "GBR"]
    assert seen["revisions"] == ["zero-draft", "rev1", "rev2", "rev3"]
    assert seen["rev2 has it"] is True and seen["rev3 has the edit"] is True
    assert seen["merge record"] is True and seen["applied"] == [seen["id"]]
    assert not (tmp_path / "drafts" / "vientiane-action-plan" / ".draftkit" / "tmp").exists() \
        or not list((tmp_path / "drafts" / "vientiane-action-plan" / ".draftkit" / "tmp")
                    .iterdir())
