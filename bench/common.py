"""What the benchmarks share: running a draftkit process and measuring it.

A measured process is started by a small runner (a fresh Python process that
does nothing else), not by the benchmark itself: on Linux a child's peak
memory (ru_maxrss) starts at the resident size of the process that forked it,
so a child of the benchmark, which holds a generated store in memory, would
report the benchmark's size instead of its own.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

RUNNER = """
import json, os, sys, time
argv = sys.argv[1:]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "wall": wall,
                  "user": usage.ru_utime, "sys": usage.ru_stime,
                  "maxrss_kb": usage.ru_maxrss}))
"""


@frozen
class Measure:
    """One process: wall seconds, CPU seconds (user + system) and peak resident MB."""

    wall: float
    cpu: float
    megabytes: float


def draftkit_command() -> list[str]:
    script = Path(sys.executable).with_name("draftkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "draftkit"]


def measure(argv: Sequence[str], expected: tuple[int, ...] = (0,)) -> Measure:
    """Run `argv` (its output discarded) and measure it; stop if it exits otherwise."""
    done = subprocess.run([sys.executable, "-c", RUNNER, *argv], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the runner failed: {done.stderr}")
    figures = json.loads(done.stdout)
    if figures["code"] not in expected:
        raise SystemExit(f"{' '.join(argv)} exited {figures['code']}: {done.stderr.strip()}")
    return Measure(figures["wall"], figures["user"] + figures["sys"],
                   figures["maxrss_kb"] / 1024)


def draftkit(args: Sequence[str], expected: tuple[int, ...] = (0,)) -> Measure:
    return measure([*draftkit_command(), *args], expected)


def median(runs: Sequence[Measure]) -> Measure:
    """Median wall and CPU over the runs, and the largest peak memory."""
    return Measure(statistics.median(m.wall for m in runs),
                   statistics.median(m.cpu for m in runs), max(m.megabytes for m in runs))


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"
