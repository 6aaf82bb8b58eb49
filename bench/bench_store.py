"""How many proposals a second does the store take from many writers at once?

Sixteen OS processes each open the drafts folder once with
`draftkit.open_drafts` and call `drafts.propose(...)` a hundred times (a
`retain` on one paragraph, each worker for its own party, each call with its
own rationale): the shape of the 16-process test in tests/test_proposals.py.
The workers start, import draftkit and open the store, then wait; the clock
starts when all are told to go and stops when the last has exited. Every run
checks that all the proposals were recorded under distinct ids.

On two stores, a fresh copy of each for every run (the copy not timed):

- bench: the document of bench_merge.py (1,000 paragraphs, a zero draft and
  a Rev.1, 193 states and 5 groups) with 10,000 proposals already made;
- shipped: the repository's drafts/ without its sample proposals and comments
  (the test's store), proposing on "Action 27" of the Vientiane Action Plan.

Then the same through the command line, labelled "CLI": sixteen workers each
running --cli-calls `draftkit propose` processes one after the other (a
whole interpreter start for every proposal).

Reported: proposals a second (the median of --runs runs), with start-up
included as well, the CPU time the workers spent (user + system) per
proposal, and the workers' peak memory. Target (issue 9): at least 40
proposals a second with 16 processes x 100 calls on this two-core machine.

    .venv/bin/python bench/bench_store.py [--runs 3] [--processes 16] [--calls 100]
                                          [--cli-calls 25] [--existing 10000]
                                          [--store bench|shipped|both]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from attrs import frozen
from common import draftkit_command, verdict

BENCH = Path(__file__).resolve().parent
SHIPPED = BENCH.parent / "drafts"
TARGET = 40.0  # proposals a second

WORKER = """
import json, resource, sys, time
from draftkit import open_drafts

root, document, worker, calls, paragraph, party = sys.argv[1:]
drafts = open_drafts(root)
print("ready", flush=True)
sys.stdin.readline()
before = resource.getrusage(resource.RUSAGE_SELF)
ids = [drafts.propose(document, paragraph=paragraph, operation="retain", proposers=[party],
                      rationale=f"worker {worker} item {n}").id for n in range(int(calls))]
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"ids": ids, "cpu": after.ru_utime + after.ru_stime
                  - before.ru_utime - before.ru_stime, "maxrss_kb": after.ru_maxrss}))
"""

BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench_merge import build
build(Path(sys.argv[2]), int(sys.argv[3]), 2010)
"""


@frozen
class Store:
    name: str
    source: Path
    document: str
    paragraph: str
    parties: tuple[str, ...]


@frozen
class Run:
    """One run: proposals, seconds from "go" to the last exit, seconds from the first
    start, the workers' CPU seconds and their largest peak memory in MB."""

    proposals: int
    seconds: float
    with_startup: float
    cpu: float
    megabytes: float


def make_stores(folder: Path, existing: int, which: str) -> list[Store]:
    stores = []
    if which in ("bench", "both"):
        # built in another process, so that this one stays small: a child's peak
        # memory (ru_maxrss) starts at the size of the process that started it
        subprocess.run([sys.executable, "-c", BUILD, str(BENCH), str(folder / "bench"),
                        str(existing)], check=True)
        stores.append(Store(f"bench ({existing:,} proposals)", folder / "bench",
                            "bench-plan", "Action 27",
                            tuple(f"S{n:03d}" for n in range(1, 17))))
    if which in ("shipped", "both"):
        shutil.copytree(SHIPPED, folder / "shipped",
                        ignore=shutil.ignore_patterns("proposals", "comments", ".draftkit"))
        stores.append(Store("shipped (test shape)", folder / "shipped",
                            "vientiane-action-plan", "Action 27",
                            ("NOR", "CHL", "MEX", "IRL")))
    return stores


def fresh_copy(store: Store, folder: Path) -> Path:
    copy = folder / "copy"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(store.source, copy)
    os.sync()  # set-up: flushed now, not inside the timed writes' fsyncs
    return copy


def proposal_count(root: Path, store: Store) -> int:
    folder = root / store.document / "proposals"
    return sum(name.endswith(".txt") for name in os.listdir(folder)) if folder.is_dir() else 0


def api_run(store: Store, root: Path, processes: int, calls: int) -> Run:
    """`processes` workers, each opening the store once and proposing `calls` times."""
    before = proposal_count(root, store)
    started = time.perf_counter()
    workers = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root), store.document, str(w), str(calls),
         store.paragraph, store.parties[w % len(store.parties)]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for w in range(processes)]
    for worker in workers:
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    go = time.perf_counter()
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate()[0] for worker in workers]
    done = time.perf_counter()
    if any(worker.returncode for worker in workers):
        raise SystemExit("a worker failed")
    reports = [json.loads(output) for output in outputs]
    ids = [i for report in reports for i in report["ids"]]
    if len(set(ids)) != processes * calls or \
            proposal_count(root, store) != before + processes * calls:
        raise SystemExit(f"{len(set(ids))} distinct ids, "
                         f"{proposal_count(root, store) - before} files for "
                         f"{processes * calls} proposals")
    return Run(len(ids), done - go, done - started, sum(r["cpu"] for r in reports),
               max(r["maxrss_kb"] for r in reports) / 1024)


def cli_run(store: Store, root: Path, processes: int, calls: int, folder: Path) -> Run:
    """`processes` threads, each running `calls` `draftkit propose` processes in turn."""
    before = proposal_count(root, store)
    failures: list[str] = []
    usage: list[tuple[float, float]] = []  # CPU seconds and peak MB of each process

    def worker(w: int) -> None:
        errors = folder / f"stderr-{w}"
        for n in range(calls):
            argv = [*draftkit_command(), "--drafts", str(root), "propose", store.document,
                    "--para", store.paragraph, "--op", "retain",
                    "--by", store.parties[w % len(store.parties)],
                    "--rationale", f"worker {w} item {n}"]
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                 0o644)])
            _, status, rusage = os.wait4(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failures.append(errors.read_text(encoding="utf-8", errors="replace").strip())
                return
            usage.append((rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss / 1024))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(processes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise SystemExit(f"draftkit propose failed: {failures[0]}")
    made = proposal_count(root, store) - before
    if made != processes * calls:
        raise SystemExit(f"{made} files for {processes * calls} proposals")
    return Run(made, seconds, seconds, sum(cpu for cpu, _ in usage),
               max(megabytes for _, megabytes in usage))


def summary(label: str, runs: list[Run], target: bool) -> str:
    rate = statistics.median(r.proposals / r.seconds for r in runs)
    with_startup = statistics.median(r.proposals / r.with_startup for r in runs)
    cpu = statistics.median(r.cpu / r.proposals for r in runs)
    wall = statistics.median(r.seconds for r in runs)
    line = (f"{label:<54} {rate:7.1f}/s ({runs[0].proposals:,} in {wall:6.2f} s; "
            f"{with_startup:5.1f}/s with start-up) CPU {cpu * 1000:5.1f} ms/proposal, "
            f"peak {max(r.megabytes for r in runs):4.0f} MB")
    if target:
        line += f"  target >= {TARGET:.0f}/s: {verdict(rate >= TARGET)}"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--calls", type=int, default=100, help="propose calls per process")
    parser.add_argument("--cli-calls", type=int, default=25,
                        help="`draftkit propose` processes per CLI worker (0: no CLI run)")
    parser.add_argument("--existing", type=int, default=10_000,
                        help="proposals already in the bench store")
    parser.add_argument("--store", choices=("bench", "shipped", "both"), default="both")
    options = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average at the start {os.getloadavg()[0]:.2f}; "
          f"median of {options.runs} runs; CPU = user + system of the workers\n", flush=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for store in make_stores(folder, options.existing, options.store):
            runs = [api_run(store, fresh_copy(store, folder), options.processes,
                            options.calls) for _ in range(options.runs)]
            print(summary(f"API {store.name}: {options.processes} x {options.calls} propose",
                          runs, True), flush=True)
            if options.cli_calls:
                runs = [cli_run(store, fresh_copy(store, folder), options.processes,
                                options.cli_calls, folder) for _ in range(options.runs)]
                print(summary(f"CLI {store.name}: {options.processes} x "
                              f"{options.cli_calls} `draftkit propose`", runs, True), flush=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
