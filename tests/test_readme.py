"""The README's Python example runs on the shipped drafts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def _tour_commands(readme: str) -> list[tuple[str, int]]:
    """The README's shell examples in order, continuation lines joined, each with the exit
    status its comment promises ("# exit 1: …"; 0 when it names none)."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            if line.startswith(("draftkit ", "cp ")):
                promised = re.search(r"#.*\bexit (\d)\b", line)
                commands.append((line, int(promised.group(1)) if promised else 0))
    return commands


def test_readme_tour_runs_on_a_copy_of_the_drafts(tmp_path: Path) -> None:
    """Every command in order, on a copy of the shipped drafts, exits as the README says."""
    shutil.copytree(REPO / "drafts", tmp_path / "drafts")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "DRAFTKIT_DRAFTS": str(tmp_path / "drafts"), "COLUMNS": "120"}
    commands = _tour_commands((REPO / "README.md").read_text())
    assert len(commands) > 20 and any(code == 1 for _, code in commands)
    for command, code in commands:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == code, f"{command}\n{done.stdout}\n{done.stderr}"
        if command.startswith("draftkit check"):  # the tour's writes leave the store clean
            assert done.stdout == "", done.stdout
