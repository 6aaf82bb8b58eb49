"""How fast is `draftkit diff`? Generated revisions, timed beside git and dmp.

For each corpus (bench/corpus.py: `realistic`, edits spread through labels that
stay put, and `renumbered`, the same with every label renumbered) at 1,000
paragraphs (about 100,000 words) and at --scale times that, records the zero
draft and its Rev.1 in a temporary drafts folder through draftkit's API, then
times, all in one run:

- `draftkit diff DOC zero-draft rev1 --format json`, the whole process (with
  its CPU time and peak memory);
- `git diff --no-index --word-diff` on the two revision files;
- a whole-text diff-match-patch run on the same two files (a Python process
  running `diff_main` with Diff_Timeout = 0, then `diff_cleanupSemantic`);
- `redlines` on the two texts (a Python process), at the small size only and
  only where the package is installed (the `bench` extra);
- `docdiff.diff` in this process, on the two revisions already loaded.

Each figure is the median of --runs runs. Targets (issue 12):

- draftkit end to end <= 1.0x the whole-text dmp run at 1k paragraphs, <= 0.3x
  at 10k; at least 300x faster than redlines at 1k;
- the in-process diff <= 1.0x git's whole process at 1k and at 10k, and
  linear: 10x the input in at most 11x the time;
- peak memory of the 10k diff <= twice the store's text (both revision files)
  plus 60 MB.

    .venv/bin/python bench/bench_diff.py [--runs 5] [--paragraphs 1000] [--scale 10]
                                         [--corpus realistic --corpus renumbered] [--seed 2010]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import Measure, draftkit, measure, median, verdict
from corpus import CORPORA, DOCUMENT, make_revisions

from draftkit import open_drafts
from draftkit.docdiff import diff
from draftkit.model import Document, DocumentKind, Revision
from draftkit.store.registry_format import format_document, format_parties

DMP_SCRIPT = """
import sys
from diff_match_patch import diff_match_patch
a, b = (open(path, encoding="utf-8").read() for path in sys.argv[1:3])
engine = diff_match_patch()
engine.Diff_Timeout = 0
diffs = engine.diff_main(a, b)
engine.diff_cleanupSemantic(diffs)
"""
REDLINES_SCRIPT = """
import sys
from redlines import Redlines
a, b = (open(path, encoding="utf-8").read() for path in sys.argv[1:3])
Redlines(a, b).output_markdown
"""


QUICK_RUNS = 15


def record(root: Path, before: Revision, after: Revision) -> tuple[Path, Path]:
    (root / DOCUMENT).mkdir(parents=True)
    (root / "parties.txt").write_text(format_parties({}), encoding="utf-8")
    (root / DOCUMENT / "document.txt").write_text(format_document(
        Document(DOCUMENT, "Benchmark plan", DocumentKind.ACTION_PLAN)), encoding="utf-8")
    drafts = open_drafts(root)
    return drafts.record(before), drafts.record(after)


def median_time(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """The median wall and CPU seconds of `runs` calls of `action`."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


def runs_of(argv: list[str], runs: int, expected: tuple[int, ...] = (0,)) -> Measure:
    return median([measure(argv, expected) for _ in range(runs)])


def one_size(corpus: str, paragraphs: int, options: argparse.Namespace,
             with_redlines: bool) -> dict[str, float]:
    """The figures of one corpus at one size, printed; returns them by name."""
    before, after = make_revisions(paragraphs, options.seed, corpus)
    words = sum(len(p.text.split()) for p in before.paragraphs())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "drafts"
        old_file, new_file = record(root, before, after)
        store_bytes = old_file.stat().st_size + new_file.stat().st_size
        compared = diff(before, after)
        counts = {kind: sum(kind in p.change for p in compared.paragraphs)
                  for kind in ("modified", "inserted", "deleted", "relabelled")}
        print(f"\n== {corpus}, {before.paragraph_count():,} paragraphs, {words:,} words, "
              f"{old_file.stat().st_size:,} bytes; rev1: "
              + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        command = ["--drafts", str(root), "diff", DOCUMENT, "zero-draft", "rev1", "--format",
                   "json"]
        draftkit(command, expected=(1,))  # not counted: it may compile bytecode
        ours = median([draftkit(command, expected=(1,)) for _ in range(options.runs)])
        files = [str(old_file), str(new_file)]
        # The in-process diff and git take a tenth of a second: more runs of both steady
        # their medians against the load of a shared machine at little cost.
        quick_runs = max(options.runs, QUICK_RUNS)
        inside, inside_cpu = median_time(lambda: diff(before, after), quick_runs)
        figures = {
            "draftkit diff --format json (process)": ours.wall,
            "diff-match-patch whole text (process)":
                runs_of([sys.executable, "-c", DMP_SCRIPT, *files], options.runs).wall,
            "docdiff.diff (in process)": inside,
        }
        cpu = {"docdiff.diff (in process)": inside_cpu}
        git = shutil.which("git")
        if git:
            git_run = runs_of([git, "diff", "--no-index", "--word-diff", "--no-color", *files],
                              quick_runs, expected=(1,))
            figures["git diff --no-index --word-diff (process)"] = git_run.wall
            cpu["git diff --no-index --word-diff (process)"] = git_run.cpu
        if with_redlines:
            figures["redlines (process, one run)"] = measure(
                [sys.executable, "-c", REDLINES_SCRIPT, *files]).wall
    width = max(len(name) for name in figures)
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds * 1000:9.1f} ms"
              + (f"  (cpu {cpu[name] * 1000:.1f} ms)" if name in cpu else ""))
    print(f"  draftkit diff: cpu {ours.cpu * 1000:.0f} ms, peak {ours.megabytes:.0f} MB "
          f"(store text {store_bytes / 1e6:.1f} MB)")
    figures["peak MB"] = ours.megabytes
    figures["store MB"] = store_bytes / 2**20
    figures.update({f"{name} cpu": seconds for name, seconds in cpu.items()})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=10,
                        help="the larger size, as a multiple of --paragraphs (1: none)")
    parser.add_argument("--corpus", action="append", choices=CORPORA,
                        help="repeatable; default: both")
    parser.add_argument("--seed", type=int, default=2010)
    options = parser.parse_args()
    with_redlines = importlib.util.find_spec("redlines") is not None
    print(f"load average at start: {os.getloadavg()}; median of {options.runs} runs each "
          f"(the in-process diff and git: of {max(options.runs, QUICK_RUNS)})")

    verdicts: list[str] = []

    def target(name: str, ratio: float, limit: float) -> None:
        verdicts.append(f"  {name:<58} {ratio:7.2f}  (<= {limit}: {verdict(ratio <= limit)})")

    ours_key, dmp_key = "draftkit diff --format json (process)", \
        "diff-match-patch whole text (process)"
    inside_key, git_key = "docdiff.diff (in process)", "git diff --no-index --word-diff (process)"
    for corpus in options.corpus or CORPORA:
        sizes = [options.paragraphs] + ([options.paragraphs * options.scale]
                                        if options.scale > 1 else [])
        results = {n: one_size(corpus, n, options, with_redlines and n == sizes[0])
                   for n in sizes}
        verdicts.append(f"{corpus}:")
        for n, figures in results.items():
            dmp_limit = 1.0 if n == sizes[0] else 0.3
            target(f"draftkit diff / dmp whole text at {n:,}", figures[ours_key]
                   / figures[dmp_key], dmp_limit)
            if git_key in figures:
                target(f"in-process diff / git whole process at {n:,}",
                       figures[inside_key] / figures[git_key], 1.0)
                verdicts.append(f"  {'  the same in CPU time (for information)':<58} "
                                f"{figures[inside_key + ' cpu'] / figures[git_key + ' cpu']:7.2f}")
        small = results[sizes[0]]
        redlines_key = "redlines (process, one run)"
        if redlines_key in small:
            speedup = small[redlines_key] / small[ours_key]
            verdicts.append(f"  {'redlines / draftkit diff at ' + format(sizes[0], ','):<58} "
                            f"{speedup:7.0f}  (>= 300: {verdict(speedup >= 300)})")
        else:
            verdicts.append("  redlines / draftkit diff: not measured (redlines is not "
                            "installed: pip install -e '.[bench]')")
        if len(sizes) > 1:
            large = results[sizes[1]]
            target(f"in-process diff growth {sizes[0]:,} -> {sizes[1]:,}",
                   large[inside_key] / small[inside_key], 1.1 * options.scale)
            target(f"diff process growth {sizes[0]:,} -> {sizes[1]:,}",
                   large[ours_key] / small[ours_key], 1.1 * options.scale)
            allowed = 2 * large["store MB"] + 60
            verdicts.append(f"  {'peak memory at ' + format(sizes[1], ',') + ' (MB)':<58} "
                            f"{large['peak MB']:7.0f}  (<= {allowed:.0f}: "
                            f"{verdict(large['peak MB'] <= allowed)})")
    print(f"\nload average at end: {os.getloadavg()}\ntargets:")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
