"""How fast is `draftkit merge` at the scale of a large UN negotiation?

Generates, in a temporary drafts folder, a document of 1,000 paragraphs in a
zero draft and a Rev.1 (5% of paragraphs edited), and 10,000 proposals from
193 states and a few groups: replacements, insertions, deletions, retains and
added paragraphs; about 15% on words another proposal also touches (some of
them identical), 10% written against the zero draft (some now stale), 40%
accepted, with supporters and opponents. Then times, as whole processes:

- `draftkit merge DOC --compile --format json -o FILE` (all proposed and accepted);
- `draftkit merge DOC --into rev2 --bracket --skip-stale --format json` (the accepted
  ones, recorded with provenance and incorporated events; a fresh copy of the
  store for every run, the copy not timed);

each the median of --runs runs, with the peak memory of the process
(ru_maxrss), and the same at 1,000 proposals to see how time grows. Targets:
each at most 2 s and 300 MB at 10,000 proposals, and time growing no faster
than the number of proposals.

    .venv/bin/python bench/bench_merge.py [--runs 3] [--proposals 10000] [--seed 2010]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from draftkit.labels import Label
from draftkit.model import (
    Document,
    DocumentKind,
    Paragraph,
    Party,
    PartyKind,
    Revision,
    Section,
    Status,
)
from draftkit.proposals import (
    Event,
    Operation,
    OperationKind,
    Position,
    Proposal,
    word_operation,
)
from draftkit.store.files import sha256, write_atomic
from draftkit.store.item_format import format_proposal
from draftkit.store.registry_format import (
    Manifest,
    RecordedRevision,
    format_manifest,
    format_parties,
)
from draftkit.store.revision_format import format_revision

DOCUMENT = "bench-plan"
PARAGRAPHS = 1000
WORDS = [
    "States", "Parties", "will", "destroy", "clear", "assist", "report", "cooperate", "promote",
    "ensure", "support", "national", "plan", "survivors", "victims", "stockpiles", "munitions",
    "areas", "contaminated", "risk", "education", "resources", "assistance", "international",
    "transparency", "measures", "deadline", "within", "eight", "ten", "years", "entry", "force",
    "relevant", "partners", "United", "Nations", "Convention", "implementation", "progress",
    "meeting", "[brackets]", "[alternative wording]", "Côte", "مرحبا",
]
KINDS = [("replace", 55), ("insert", 22), ("delete", 15), ("retain", 4), ("add", 4)]
T0 = dt.datetime(2010, 7, 1, tzinfo=dt.UTC)


def paragraph_text(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        words = rng.choices(WORDS, k=rng.randint(10, 18))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def revisions(rng: random.Random) -> tuple[Revision, Revision]:
    texts = [paragraph_text(rng) for _ in range(PARAGRAPHS)]
    later = list(texts)
    for index in rng.sample(range(PARAGRAPHS), PARAGRAPHS * 5 // 100):
        words = later[index].split(" ")
        at = rng.randrange(len(words) - 3)
        words[at:at + 2] = rng.choices(WORDS, k=rng.randint(1, 3))
        later[index] = " ".join(words)

    def revision(name: str, items: list[str], parent: str | None) -> Revision:
        sections = tuple(
            Section(f"s{n:03d}", str(n + 1), f"Theme {n + 1}", tuple(
                Paragraph(f"p{i:05d}", Label("Action", (i + 1,)), items[i], Status.OPEN)
                for i in range(n * 100, min((n + 1) * 100, len(items)))))
            for n in range(len(items) // 100))
        return Revision(DOCUMENT, name, dt.date(2010, 6, 1), "Presidency", parent,
                        sections=sections)

    return revision("zero-draft", texts, None), revision("rev1", later, "zero-draft")


def proposals(rng: random.Random, count: int, zero: Revision, rev1: Revision,
              parties: list[str]) -> list[Proposal]:
    """`count` proposals; about 15% on words another also touches, 10% on the zero draft."""
    made: list[Proposal] = []
    taken: dict[tuple[str, str], list[tuple[int, int]]] = {}
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    for n in range(count):
        base = zero if rng.random() < 0.10 else rev1
        paragraph = rng.choice(list(base.paragraphs()))
        words = paragraph.text.split(" ")
        used = taken.setdefault((base.name, paragraph.id), [])
        if used and rng.random() < 0.15:
            start, end = rng.choice(used)  # the same words as another proposal
        else:
            start = rng.randrange(0, len(words) - 3, 4)
            end = start + rng.randint(1, 3)
            used.append((start, end))
        kind = rng.choice(kinds)
        proposers = (rng.choice(parties),)
        if kind == "add":
            operation = Operation(OperationKind.ADD, text=paragraph_text(rng),
                                  position=Position.AFTER)
        else:
            quote = " ".join(words[start:end])
            before = " ".join(words[:start])
            occurrence = before.count(quote) + 1 if quote else 1
            new = " ".join(rng.choices(WORDS, k=rng.randint(1, 4))) if kind in (
                "replace", "insert") else ""
            if len(used) > 1 and rng.random() < 0.3:
                new = "within eight years"  # identical wordings from several parties
            try:
                operation = word_operation(OperationKind(kind), paragraph.text, quote,
                                           occurrence, new,
                                           Position.AFTER if kind == "insert" else None)
            except Exception:  # the quote also occurs inside a longer match: take another
                continue
        created = T0 + dt.timedelta(seconds=n)
        history = [Event(created, proposers[0], "proposed")]
        for party in rng.sample(parties, rng.randint(0, 3)):
            if party != proposers[0]:
                history.append(Event(created + dt.timedelta(seconds=1), party,
                                     rng.choice(["supported", "opposed"])))
        if rng.random() < 0.40:
            history.append(Event(created + dt.timedelta(seconds=2), "Presidency", "accepted"))
        made.append(Proposal(f"{proposers[0]}-{n:05d}", DOCUMENT, base.name, paragraph.id,
                             operation, proposers, created, label=str(paragraph.label),
                             history=tuple(history)))
    return made


def build(root: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    zero, rev1 = revisions(rng)
    states = [f"S{n:03d}" for n in range(1, 194)]
    registry = {code: Party(code, PartyKind.STATE, f"State {code}") for code in states}
    for n, code in enumerate(["G77", "EU", "GRULAC", "AG", "WEOG"]):
        registry[code] = Party(code, PartyKind.GROUP, f"Group {code}",
                               tuple(states[n * 30:(n + 1) * 30]))
    write_atomic(root / "parties.txt", format_parties(registry))
    folder = root / DOCUMENT
    recorded = []
    for revision in (zero, rev1):
        text = format_revision(revision)
        write_atomic(folder / "revisions" / f"{revision.name}.txt", text)
        recorded.append(RecordedRevision(revision.name, sha256(text.encode("utf-8"))))
    write_atomic(folder / "document.txt", format_manifest(Manifest(
        Document(DOCUMENT, "Benchmark plan", DocumentKind.ACTION_PLAN), tuple(recorded))))
    (folder / "proposals").mkdir()
    for proposal in proposals(rng, count, zero, rev1, list(registry)):
        (folder / "proposals" / f"{proposal.id}.txt").write_text(format_proposal(proposal),
                                                                  encoding="utf-8")


def command() -> list[str]:
    script = Path(sys.executable).with_name("draftkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "draftkit"]


def run_child(args: list[str], expected: tuple[int, ...]) -> tuple[float, float]:
    """Seconds and peak megabytes of one draftkit process (reaped here, so that its own
    ru_maxrss is known, not the largest of all children so far)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        argv = command() + args
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in expected:
        raise SystemExit(f"draftkit {' '.join(args)} exited {code}")
    return seconds, usage.ru_maxrss / 1024


def bench(count: int, seed: int, runs: int, folder: Path) -> dict[str, tuple[float, float]]:
    source = folder / f"store-{count}"
    build(source, count, seed)
    compile_runs = [run_child(["--drafts", str(source), "merge", DOCUMENT, "--compile",
                               "--format", "json", "-o", str(folder / "compilation.json")],
                              (0, 1)) for _ in range(runs)]
    merge_runs = []
    for n in range(runs):
        copy = folder / f"copy-{count}-{n}"
        shutil.copytree(source, copy)
        os.sync()  # the copy is set-up: flush it now, not inside the timed merge's fsyncs
        merge_runs.append(run_child(["--drafts", str(copy), "merge", DOCUMENT, "--into",
                                     "rev2", "--bracket", "--skip-stale", "--format", "json",
                                     "-o", str(folder / "report.json")], (0, 1)))
        if not (copy / DOCUMENT / "revisions" / "rev2.txt").is_file():
            raise SystemExit("the clean merge recorded no revision")
    return {"compile": (statistics.median(t for t, _ in compile_runs),
                        max(m for _, m in compile_runs)),
            "clean merge": (statistics.median(t for t, _ in merge_runs),
                            max(m for _, m in merge_runs))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2010)
    options = parser.parse_args()
    small = max(options.proposals // 10, 1)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        figures = {count: bench(count, options.seed, options.runs, folder)
                   for count in (small, options.proposals)}
        report = (folder / "report.json").read_text(encoding="utf-8")
    summary = json.loads(report)
    print(f"{PARAGRAPHS} paragraphs (zero draft and Rev.1), 193 states and "
          f"5 groups; median of {options.runs} runs, peak memory of the process\n")
    print(f"last clean merge of {options.proposals:,}: {len(summary['applied']):,} applied, "
          f"{len(summary['combined']):,} combined groups, {len(summary['bracketed']):,} "
          f"bracketed, {len(summary['stale']):,} stale (skipped)\n")
    met = True
    for task in ("compile", "clean merge"):
        (t1, m1), (t2, m2) = figures[small][task], figures[options.proposals][task]
        growth = t2 / t1
        ok = t2 <= 2.0 and m2 <= 300 and growth <= options.proposals / small
        met &= ok
        print(f"{task:<12} {small:>6,} proposals {t1:6.2f} s {m1:6.0f} MB | "
              f"{options.proposals:,} proposals {t2:6.2f} s {m2:6.0f} MB | growth x{growth:4.1f}"
              f" (proposals x{options.proposals / small:.0f})  {'met' if ok else 'NOT met'}")
    print(f"\ntargets (<= 2 s, <= 300 MB, growth no faster than linear): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
