"""Generated revisions for the benchmarks: plausible treaty prose from a fixed seed.

Two corpora of one shape: a zero draft of N paragraphs (about 100 words each,
in sections of a hundred) and a Rev.1 with 5% of its paragraphs edited (one to
three word-level edits each), 2% inserted and 1% deleted.

- `realistic`: what a presidency issues between two readings. The edits are
  spread through the text and every paragraph keeps its label: a deleted one
  leaves its number unused, an inserted one takes a "bis" after the paragraph
  it follows ("Action 57 bis"). Nothing is renumbered.
- `renumbered`: the same changes, then every label renumbered cleanly (most
  labels after the first insertion change), as in bench_diff's first corpus.
"""

from __future__ import annotations

import datetime as dt
import random

from draftkit.labels import Label, renumber
from draftkit.model import Paragraph, Revision, Section, Status

DOCUMENT = "bench-plan"
CORPORA = ("realistic", "renumbered")
PER_SECTION = 100


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


Item = tuple[str, Label, str]  # paragraph id, label, text


def make_revisions(paragraphs: int, seed: int, corpus: str = "realistic"
                   ) -> tuple[Revision, Revision]:
    """A zero draft of `paragraphs` paragraphs and its Rev.1 (see the module's docstring)."""
    if corpus not in CORPORA:
        raise ValueError(f"no corpus {corpus!r}: {', '.join(CORPORA)}")
    rng = random.Random(seed)
    writer = Writer(rng)
    texts: list[Item] = [(f"p{i:06d}", Label("Action", (i + 1,)), writer.paragraph())
                         for i in range(paragraphs)]
    later = list(texts)
    for index in rng.sample(range(len(later)), len(later) * 5 // 100):
        pid, label, text = later[index]
        later[index] = (pid, label, writer.edit(text))
    gone = set(rng.sample([pid for pid, _, _ in later], len(later) // 100))
    later = [item for item in later if item[0] not in gone]
    # Each insertion follows a distinct paragraph of the zero draft still there.
    after = sorted(rng.sample(range(len(later)), paragraphs * 2 // 100), reverse=True)
    for n, index in enumerate(after):
        followed = later[index][1]
        later.insert(index + 1, (f"n{n:06d}", Label(followed.prefix, followed.number, (2,)),
                                 writer.paragraph()))
    if corpus == "renumbered":
        labels = renumber([label for _, label, _ in later])
        later = [(pid, new, text) for (pid, _, text), new in zip(later, labels, strict=True)]
    before = _revision("zero-draft", texts, None, dt.date(2010, 6, 1))
    return before, _revision("rev1", later, "zero-draft", dt.date(2010, 9, 6))


def _revision(name: str, items: list[Item], parent: str | None, date: dt.date) -> Revision:
    sections = tuple(
        Section(f"s{n:04d}", str(n + 1), f"Theme {n + 1}", tuple(
            Paragraph(pid, label, text, Status.OPEN)
            for pid, label, text in items[n * PER_SECTION:(n + 1) * PER_SECTION]))
        for n in range((len(items) + PER_SECTION - 1) // PER_SECTION))
    return Revision(DOCUMENT, name, date, "Presidency", parent, sections=sections)
