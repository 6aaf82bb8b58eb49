"""How fast is `draftkit diff`? A 1,000-paragraph document, timed beside git and dmp.

Generates a document of 1,000 paragraphs (about 100,000 words) and a revision
of it with 5% of the paragraphs edited, 2% inserted and 1% deleted (and the
labels cleanly renumbered, as a presidency would), records both in a
temporary drafts folder through draftkit's API, then times, all in one run:

- `draftkit diff DOC zero-draft rev1 --format json`, the whole process;
- `git diff --no-index --word-diff` on the two revision files;
- a whole-text diff-match-patch run on the same two files (a Python process
  running `diff_main` with Diff_Timeout = 0, then `diff_cleanupSemantic`);
- `docdiff.diff` in this process, on the two revisions already loaded.

Each figure is the median of --runs runs. Targets: draftkit end to end no
slower than the whole-text diff-match-patch run; the in-process diff within
twice git's whole process.

    .venv/bin/python bench/bench_diff.py [--runs 5] [--paragraphs 1000] [--seed 2010]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs
from common import draftkit_command

from draftkit import open_drafts
from draftkit.docdiff import diff
from draftkit.labels import Label, renumber
from draftkit.model import Document, DocumentKind, Paragraph, Revision, Section, Status
from draftkit.store.registry_format import format_document, format_parties

DOCUMENT = "bench-plan"
DMP_SCRIPT = """
import sys
from diff_match_patch import diff_match_patch
a, b = (open(path, encoding="utf-8").read() for path in sys.argv[1:3])
engine = diff_match_patch()
engine.Diff_Timeout = 0
diffs = engine.diff_main(a, b)
engine.diff_cleanupSemantic(diffs)
"""


class Writer:
    """Plausible treaty prose from a fixed vocabulary, with brackets now and then."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        syllables = ["ra", "to", "ci", "ven", "al", "mu", "ni", "tion", "de", "pro", "sta",
                     "par", "ties", "con", "ex", "plo", "sive", "as", "sist", "ance"]
        self.words = sorted({"".join(rng.choices(syllables, k=rng.randint(1, 4)))
                             for _ in range(6000)})

    def phrase(self, count: int) -> str:
        return " ".join(self.rng.choices(self.words, k=count))

    def paragraph(self) -> str:
        sentences = []
        for _ in range(self.rng.randint(4, 7)):
            sentence = self.phrase(self.rng.randint(10, 24))
            if self.rng.random() < 0.2:
                sentence += f", [{self.phrase(3)}] [{self.phrase(2)}]"
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        return " ".join(sentences)

    def edit(self, text: str) -> str:
        """One to three word-level edits: replace, insert or delete a few words."""
        words = text.split(" ")
        for _ in range(self.rng.randint(1, 3)):
            at = self.rng.randrange(len(words) - 3)
            kind = self.rng.choice(["replace", "insert", "delete"])
            if kind == "replace":
                words[at:at + 2] = self.phrase(self.rng.randint(1, 3)).split(" ")
            elif kind == "insert":
                words[at:at] = self.phrase(self.rng.randint(1, 5)).split(" ")
            else:
                del words[at:at + self.rng.randint(1, 3)]
        return " ".join(words)


def make_revisions(paragraphs: int, seed: int) -> tuple[Revision, Revision]:
    rng = random.Random(seed)
    writer = Writer(rng)
    texts = [(f"p{i:05d}", writer.paragraph()) for i in range(paragraphs)]
    per_section = 100

    def revision(name: str, items: list[tuple[str, str]], parent: str | None) -> Revision:
        labels = renumber([Label("Action", (1,))] * len(items))
        sections = tuple(
            Section(f"s{n:03d}", str(n + 1), f"Theme {n + 1}", tuple(
                Paragraph(pid, labels[i], text, Status.OPEN)
                for i, (pid, text) in enumerate(items) if i // per_section == n))
            for n in range((len(items) + per_section - 1) // per_section))
        return Revision(DOCUMENT, name, dt.date(2010, 6, 1), "Presidency", parent,
                        sections=sections)

    later = list(texts)
    for index in rng.sample(range(len(later)), len(later) * 5 // 100):
        pid, text = later[index]
        later[index] = (pid, writer.edit(text))
    for pid in rng.sample([pid for pid, _ in later], len(later) // 100):
        later = [item for item in later if item[0] != pid]
    for n in range(paragraphs * 2 // 100):
        later.insert(rng.randrange(len(later) + 1), (f"n{n:05d}", writer.paragraph()))
    before = revision("zero-draft", texts, None)
    after = attrs.evolve(revision("rev1", later, "zero-draft"), date=dt.date(2010, 9, 6))
    return before, after


def record(root: Path, before: Revision, after: Revision) -> tuple[Path, Path]:
    (root / DOCUMENT).mkdir(parents=True)
    (root / "parties.txt").write_text(format_parties({}), encoding="utf-8")
    (root / DOCUMENT / "document.txt").write_text(format_document(
        Document(DOCUMENT, "Benchmark plan", DocumentKind.ACTION_PLAN)), encoding="utf-8")
    drafts = open_drafts(root)
    return drafts.record(before), drafts.record(after)


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_process(command: list[str], expected: int) -> Callable[[], None]:
    def action() -> None:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                check=False)
        if result.returncode != expected:
            raise SystemExit(f"{command[0]} exited {result.returncode}: "
                             f"{result.stderr.decode(errors='replace')}")
    return action


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2010)
    options = parser.parse_args()

    before, after = make_revisions(options.paragraphs, options.seed)
    words = sum(len(p.text.split()) for p in before.paragraphs())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "drafts"
        old_file, new_file = record(root, before, after)
        compared = diff(before, after)
        counts = {kind: sum(kind in p.change for p in compared.paragraphs)
                  for kind in ("modified", "inserted", "deleted", "relabelled")}
        print(f"document: {before.paragraph_count()} paragraphs, {words:,} words, "
              f"{old_file.stat().st_size:,} bytes; revision: "
              + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        print(f"median of {options.runs} runs each\n")

        figures = {
            "draftkit diff --format json (process)": median_time(run_process(
                [*draftkit_command(), "--drafts", str(root), "diff", DOCUMENT, "zero-draft",
                 "rev1", "--format", "json"], expected=1), options.runs),
            "diff-match-patch whole text (process)": median_time(run_process(
                [sys.executable, "-c", DMP_SCRIPT, str(old_file), str(new_file)], expected=0),
                options.runs),
            "docdiff.diff (in process)": median_time(lambda: diff(before, after),
                                                     options.runs),
        }
        git = shutil.which("git")
        if git:
            figures["git diff --no-index --word-diff (process)"] = median_time(run_process(
                [git, "diff", "--no-index", "--word-diff", "--no-color", str(old_file),
                 str(new_file)], expected=1), options.runs)

    width = max(len(name) for name in figures)
    for name, seconds in figures.items():
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    print()
    ours = figures["draftkit diff --format json (process)"]
    dmp = figures["diff-match-patch whole text (process)"]
    inside = figures["docdiff.diff (in process)"]
    print(f"draftkit end to end / dmp whole text: {ours / dmp:5.2f}  "
          f"(target <= 1: {'met' if ours <= dmp else 'NOT met'})")
    if git:
        git_time = figures["git diff --no-index --word-diff (process)"]
        print(f"in-process diff / git whole process: {inside / git_time:5.2f}  "
              f"(target <= 2: {'met' if inside <= 2 * git_time else 'NOT met'})")
        print(f"draftkit end to end / git:           {ours / git_time:5.2f}")
    else:
        print("git not found: its comparison is skipped")


if __name__ == "__main__":
    main()
