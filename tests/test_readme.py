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


def _tour_commands(readme: str) -> list[str]:
    """The README's shell examples in order, continuation lines joined."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        joined = block.replace("\\\n", " ")
        commands += [line for line in joined.splitlines()
                     if line.startswith(("draftkit ", "cp "))]
    return commands


def test_readme_tour_runs_on_a_copy_of_the_drafts(tmp_path: Path) -> None:
    shutil.copytree(REPO / "drafts", tmp_path / "drafts")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "DRAFTKIT_DRAFTS": str(tmp_path / "drafts"), "COLUMNS": "120"}
    commands = _tour_commands((REPO / "README.md").read_text())
    assert len(commands) > 20
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        # 1 is diff's "there are differences" and merge's "conflicts remain".
        assert done.returncode in (0, 1), f"{command}\n{done.stderr}"
        if "merge" in command and "--compile" in command:  # its conflicts are content
            assert done.returncode == 0, f"{command}\n{done.stderr}"
        if command.startswith("draftkit check"):  # the tour's writes leave the store clean
            assert done.returncode == 0, f"{command}\n{done.stdout}"
