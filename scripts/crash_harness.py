"""Kill draftkit's write commands at random moments: the store must be exactly before or after.

    .venv/bin/python scripts/crash_harness.py --kills 1000 --seed 7 [--workers N] [--dir DIR]

Each write command runs as a real `python -m draftkit --drafts DIR ...` process
on its own copy of the shipped drafts and is sent SIGKILL after a delay drawn
uniformly between 0 and the command's duration (measured on a first run, left
to finish, then followed as the median of the recent complete runs, the repeats
below, as the machine's load changes), so kills land in start-up, in the work
and in the write. The commands: `new` (a document from a plain text of 1,000
paragraphs); `propose`;
`accept`, `support` and `oppose`; `revise --from` an edited export; `merge
--into` of some 170 accepted proposals; `import` of a .docx with 40 tracked
changes, 14 new comments and a reply to an existing comment (a batch of 55
files, whose writing takes a good part of the run; a new file for each kill, made
from the store as it stands). Each copy is reused from the
state the last kill left, and restored from a fresh copy when a command has
nothing left to do there.

After each kill:

(a) the store loads as the next draftkit process sees it (a batch the killed
    writer committed is rolled forward): every document, revision (seal
    included), merge record, proposal and comment parses, and no id is taken twice;
(b) `draftkit check --repair` exits 0 (and so does a plain `check` after it, when
    it removed debris);
(c) every proposal accepted or incorporated before is still accepted, or
    incorporated in a recorded revision whose merge record lists it; no proposal
    claims a revision that does not list it;
(d) the files (draftkit's working folders aside) are exactly as before, or differ
    by exactly what the command writes when it completes: one new document
    folder with its document.txt and first revision; one new proposal; one
    more event on one proposal; one new revision with the edited text, or with
    the merge record listing every planned proposal; all of an import's planned
    proposals, comments and replies, or none of them;
(e) the same command run again exits as it must from that state (0; or 2 where
    the first run was recorded and a second is refused: accepting an accepted
    proposal, recording a revision name that is taken; an import of a file
    recorded already exits 0 and writes nothing), and leaves the store after it
    as (a) to (d) require; when it wrote, no debris is left in the
    document's working folder (the next write sweeps it);
(f) every working folder `.draftkit/` ignores itself (its .gitignore says `*`), so
    git never sees a lock or an unfinished write.

On half the kills the repeat runs before `check --repair`, so that the repeat's
own sweep of the debris is what is checked. The pytest suite runs this module
(tests/test_crash.py); this script runs it at any count and prints a summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import attrs

from draftkit import open_drafts
from draftkit.api import Drafts
from draftkit.comments import Comment
from draftkit.docx.blocks import Block, Note, NoteReply, Run, Tracked
from draftkit.docx.export import paragraph_block
from draftkit.docx.writer import write_docx
from draftkit.proposals import Proposal, ProposalStatus
from draftkit.render.export import to_text

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "drafts"
DOC = "vientiane-action-plan"
COMMANDS = ("new", "propose", "accept", "revise", "merge", "import")  # the slowest last
WHEN = dt.datetime(2010, 9, 6, tzinfo=dt.UTC)
TIMEOUT = 120.0  # seconds: a command that takes longer is hung (on a lock, say)
WORKING = ".draftkit"


class Inconsistent(Exception):
    """The store is not exactly as before or after the command, or misbehaves after it."""


# what the store holds, as a later draftkit process sees it


@dataclass(frozen=True)
class State:
    files: dict[str, bytes]  # every file but draftkit's working folders, by relative path
    revisions: dict[str, list[str]]  # document -> recorded revisions
    texts: dict[tuple[str, str], tuple[tuple[str, str], ...]]  # (doc, rev) -> (id, text)s
    records: dict[tuple[str, str], frozenset[str]]  # (doc, rev) -> proposals it incorporated
    proposals: dict[str, Proposal]
    comments: dict[str, Comment]


def observe(root: Path) -> State:
    """(a): load everything as the next draftkit process would (which moves a batch that a
    killed writer committed into place), then read the files."""
    try:
        drafts = open_drafts(root)
        drafts.parties()
        revisions: dict[str, list[str]] = {}
        texts: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        records: dict[tuple[str, str], frozenset[str]] = {}
        proposals: dict[str, Proposal] = {}
        comments: dict[str, Comment] = {}
        for doc in drafts.folder.document_ids():
            drafts.document(doc)
            revisions[doc] = drafts.revision_names(doc)
            for name in revisions[doc]:
                revision = drafts.revision(doc, name)
                texts[doc, name] = tuple((p.id, p.text) for p in revision.paragraphs())
                record = drafts.merge_record(doc, name)
                records[doc, name] = frozenset(record.incorporated if record else ())
            for proposal in drafts.proposals(doc):
                if proposal.id in proposals:
                    raise Inconsistent(f"two proposals {proposal.id}")
                proposals[proposal.id] = proposal
            for comment in drafts.comments(doc):
                if comment.id in comments:
                    raise Inconsistent(f"two comments {comment.id}")
                comments[comment.id] = comment
    except Inconsistent:
        raise
    except Exception as error:  # anything that stops a load is what (a) is about
        raise Inconsistent(f"the store does not load: {type(error).__name__}: {error}") from None
    return State(snapshot(root), revisions, texts, records, proposals, comments)


def _working(path: Path) -> bool:
    """Whether a path is in a working folder, or in one being made (`.draftkit.*`: staged
    beside its folder and renamed into place; a writer killed between leaves it)."""
    return any(part == WORKING or part.startswith(f"{WORKING}.") for part in path.parts)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not _working(p.relative_to(root))}


def leftovers(root: Path) -> tuple[list[Path], list[Path]]:
    """What a killed writer left in the working folders: files being written (tmp/), a
    working folder or its .gitignore never put in place, and committed batches not yet
    moved into place (commit/)."""
    debris = [entry for folder in root.rglob(f"{WORKING}/tmp") for entry in folder.iterdir()]
    debris += [*root.rglob(f"{WORKING}.*"), *root.rglob(f"{WORKING}/.gitignore.*")]
    batches = [entry for folder in root.rglob(f"{WORKING}/commit") for entry in folder.iterdir()]
    return debris, batches


def unseen_by_git(root: Path) -> None:
    """Every working folder ignores itself (its .gitignore says `*`), so git never sees
    a lock or an unfinished write, in whatever repository the drafts folder sits."""
    for folder in sorted(root.rglob(WORKING)):
        ignore = folder / ".gitignore"
        lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
        if "*" not in lines:
            raise Inconsistent(f"{folder.relative_to(root)}/.gitignore is "
                               f"{'missing' if not ignore.is_file() else repr(lines)}: git "
                               f"sees the lock and any debris (and `git add -A` commits them)")


def invariants(before: State, after: State) -> None:
    """(c) and the incorporation half of (d)."""
    for (doc, name), incorporated in after.records.items():
        for proposal_id in sorted(incorporated):
            found = after.proposals.get(proposal_id)
            if found is None or found.incorporated_in != name:
                raise Inconsistent(f"{doc}/{name} records {proposal_id} as incorporated, but "
                                   f"it is {'missing' if found is None else found.status.value}"
                                   f" (incorporated in {found and found.incorporated_in})")
    for proposal in after.proposals.values():
        if proposal.incorporated_in is not None and \
                proposal.id not in after.records.get((proposal.document,
                                                      proposal.incorporated_in), ()):
            raise Inconsistent(f"{proposal.id} says it is incorporated in "
                               f"{proposal.incorporated_in}, which does not record it")
    for proposal_id, was in sorted(before.proposals.items()):
        if was.status not in (ProposalStatus.ACCEPTED, ProposalStatus.INCORPORATED):
            continue
        now = after.proposals.get(proposal_id)
        if now is None:
            raise Inconsistent(f"{proposal_id}, {was.status.value} before, is gone")
        if was.status is ProposalStatus.INCORPORATED and now.incorporated_in != \
                was.incorporated_in:
            raise Inconsistent(f"{proposal_id} was incorporated in {was.incorporated_in}, "
                               f"now {now.status.value} {now.incorporated_in or ''}")
        if now.status not in (ProposalStatus.ACCEPTED, ProposalStatus.INCORPORATED):
            raise Inconsistent(f"{proposal_id}, {was.status.value} before, is now "
                               f"{now.status.value}")


@dataclass(frozen=True)
class Diff:
    added: frozenset[str]
    changed: frozenset[str]
    removed: frozenset[str]

    @classmethod
    def between(cls, before: dict[str, bytes], after: dict[str, bytes]) -> Diff:
        return cls(frozenset(after.keys() - before.keys()),
                   frozenset(k for k in after.keys() & before.keys() if after[k] != before[k]),
                   frozenset(before.keys() - after.keys()))

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def __str__(self) -> str:
        def some(paths: frozenset[str]) -> str:
            shown = ", ".join(sorted(paths)[:4])
            return f"{shown} and {len(paths) - 4} more" if len(paths) > 4 else shown

        parts = [f"{len(paths)} {what}: {some(paths)}" for what, paths in
                 (("added", self.added), ("changed", self.changed), ("removed", self.removed))
                 if paths]
        return "; ".join(parts) or "no change"

    def only(self, added: Sequence[str] = (), changed: Sequence[str] = ()) -> str | None:
        """None if this diff is exactly `added` and `changed`, else what differs."""
        if (self.added, self.changed, self.removed) == \
                (frozenset(added), frozenset(changed), frozenset()):
            return None
        return f"expected added {sorted(added)} changed {sorted(changed)}"


# the commands

Check = Callable[[Diff, State, State], str | None]


@dataclass(frozen=True)
class Expect:
    """How the command ends when it runs to completion from a given state: its exit
    status, and whether a diff is exactly what it writes (None) or not (why); no
    `check`: it writes nothing."""

    code: int
    check: Check | None = None


REFUSED = Expect(2)


@dataclass(frozen=True)
class Step:
    command: str  # propose, accept, support, oppose, revise, merge, import
    argv: list[str]
    expect: Callable[[State], Expect]


def new_items(diff: Diff, kind: str) -> list[str]:
    return sorted(Path(p).stem for p in diff.added if p.startswith(f"{DOC}/{kind}/"))


class Scenario:
    """One command's copy of the drafts and what to run on it next."""

    name = ""

    def __init__(self, home: Path, rng: random.Random) -> None:
        self.home = home
        self.rng = rng
        self.root = home / "drafts"
        self.template = home / "template"

    def setup(self) -> None:
        shutil.copytree(SHIPPED, self.template, ignore=shutil.ignore_patterns(WORKING))
        self.prepare(open_drafts(self.template))
        self.restore()

    def prepare(self, drafts: Drafts) -> None:
        """Make the template ready (through the Python API)."""

    def restore(self) -> bool:
        """A fresh copy of the template (True: the store changed)."""
        if self.root.exists():
            shutil.rmtree(self.root)
        shutil.copytree(self.template, self.root, ignore=shutil.ignore_patterns(WORKING))
        return True

    def ready(self) -> bool:
        """Before each step: restore a fresh copy, or add work, if there is none left
        (and say so: True)."""
        return False

    def choose(self, state: State) -> Step:
        raise NotImplementedError


class Propose(Scenario):
    name = "propose"
    CHOICES = (
        ["--para", "Action 27", "--op", "replace", "--quote", "within one year", "--text",
         "within two years", "--by", "NOR", "--by", "IRL", "--rationale", "Not realistic"],
        ["--para", "Action 27", "--op", "add", "--position", "after", "--text",
         "Ensure that survivors take part in planning.", "--by", "ZMB", "--on-behalf-of",
         "AFRICAN-GROUP"],
        ["--para", "Action 3", "--op", "retain", "--by", "CHL"],
        ["--para", "Action 44", "--op", "delete-paragraph", "--by", "GBR"],
    )

    def ready(self) -> bool:
        return len(list((self.root / DOC / "proposals").iterdir())) > 300 and self.restore()

    def choose(self, state: State) -> Step:
        options = self.rng.choice(self.CHOICES)
        kind = options[options.index("--op") + 1]

        def check(diff: Diff, before: State, after: State) -> str | None:
            made = new_items(diff, "proposals")
            if len(made) != 1:
                return "expected one new proposal"
            if after.proposals[made[0]].operation.kind.value != kind:
                return f"{made[0]} is not a {kind}"
            return diff.only(added=[f"{DOC}/proposals/{made[0]}.txt"])

        return Step("propose", ["propose", DOC, *options], lambda state: Expect(0, check))


class Decide(Scenario):
    """accept, support and oppose: one more event on one proposal."""

    name = "accept"
    PARTIES = ("CHL", "MEX", "NOR", "GBR", "JPN", "AUT")

    def ready(self) -> bool:
        drafts = open_drafts(self.root)
        if len(drafts.proposals(DOC)) > 300:
            return self.restore()
        if drafts.proposals(DOC, status="proposed"):
            return False
        for paragraph in self.rng.sample(drafts.paragraphs(DOC), 5):
            drafts.propose(DOC, paragraph=paragraph.address, operation="retain",
                           proposers=["SEN"])
        return True

    def choose(self, state: State) -> Step:
        open_to = [p for p in state.proposals.values() if p.document == DOC and p.status in
                   (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)]
        action = self.rng.choice(("accept", "support", "oppose"))
        if action == "accept":
            proposal = self.rng.choice(sorted((p for p in open_to
                                               if p.status is ProposalStatus.PROPOSED),
                                              key=lambda p: p.id))
            argv = ["accept", proposal.id, "--note", "Agreed in informal consultations"]
        else:
            party = self.rng.choice(self.PARTIES)
            proposal = self.rng.choice(sorted((p for p in open_to if party not in p.parties),
                                              key=lambda p: p.id))
            argv = [action, proposal.id, "--party", party]
        event = {"accept": "accepted", "support": "supported", "oppose": "opposed"}[action]
        path = f"{DOC}/proposals/{proposal.id}.txt"

        def check(diff: Diff, before: State, after: State) -> str | None:
            was, now = before.proposals[proposal.id], after.proposals[proposal.id]
            if now.history[:-1] != was.history or now.history[-1].action != event:
                return f"{proposal.id} does not have exactly one more event, {event}"
            return diff.only(changed=[path])

        def expect(state: State) -> Expect:
            if action == "accept" and \
                    state.proposals[proposal.id].status is not ProposalStatus.PROPOSED:
                return REFUSED
            return Expect(0, check)

        return Step(action, argv, expect)


class Revise(Scenario):
    name = "revise"

    def ready(self) -> bool:
        return len(open_drafts(self.root).revision_names(DOC)) >= 8 and self.restore()

    def choose(self, state: State) -> Step:
        names = state.revisions[DOC]
        name = next(f"rev{n}" for n in range(len(names), 1000) if f"rev{n}" not in names)
        # with the statuses in force (the revision's, then the decisions since), as an
        # export writes them: revise refuses a text that changes a status
        latest = open_drafts(self.root).current(DOC, names[-1])
        # an open paragraph: agreed words changed without a reopening are a problem for check
        paragraph = self.rng.choice([p for p in latest.paragraphs() if p.status.value == "open"])
        edited = f"{paragraph.text} Revised in {name}."
        text, count = re.subn(rf"(?m)^(@para {re.escape(paragraph.id)} \|.*\n)(.*)$",
                              lambda m: m.group(1) + edited, to_text(latest))
        assert count == 1, paragraph.id
        source = self.home / f"{name}.txt"
        source.write_text(text, encoding="utf-8")
        wanted = tuple((p.id, edited if p.id == paragraph.id else p.text)
                       for p in latest.paragraphs())
        path = f"{DOC}/revisions/{name}.txt"

        def check(diff: Diff, before: State, after: State) -> str | None:
            if after.texts.get((DOC, name)) != wanted:
                return f"{name} does not hold the edited text"
            return diff.only(added=[path])

        def expect(state: State) -> Expect:
            return REFUSED if name in state.revisions[DOC] else Expect(0, check)

        return Step("revise", ["revise", DOC, "--from", str(source), "--name", name,
                               "--date", "2010-10-01", "--issued-by", "Presidency (Lao PDR)"],
                    expect)


class Merge(Scenario):
    """merge --into rev2 of every accepted proposal: the shipped 12 and about 155 more,
    so that the merge itself takes a good part of the command's time."""

    name = "merge"
    INTO = "rev2"
    planned: frozenset[str] = frozenset()

    def prepare(self, drafts: Drafts) -> None:
        rev1 = drafts.revision(DOC, "rev1")
        touched = {p.paragraph for p in drafts.proposals(DOC)} | \
            {p.operation.destination for p in drafts.proposals(DOC)}
        for paragraph in rev1.paragraphs():
            if paragraph.id in touched or paragraph.label is None:
                continue
            for word in unique_words(paragraph.text, 5)[::3][:4]:
                made = drafts.propose(DOC, paragraph=paragraph.address, operation="insert",
                                      quote=word, text="duly", position="after",
                                      proposers=["NOR"], revision="rev1")
                drafts.accept(made.id)
        result = drafts.merge(DOC, self.INTO, drafts.select(DOC, statuses=("accepted",)),
                              dry_run=True, date=dt.date(2010, 10, 15), reopen=True)
        assert not result.conflicts and not result.stale, "the merge must be clean"
        self.planned = frozenset(result.applied)
        assert len(self.planned) > 100

    def ready(self) -> bool:
        return self.INTO in open_drafts(self.root).revision_names(DOC) and self.restore()

    def choose(self, state: State) -> Step:
        path = f"{DOC}/revisions/{self.INTO}.txt"

        def check(diff: Diff, before: State, after: State) -> str | None:
            if after.records.get((DOC, self.INTO)) != self.planned:
                return f"{self.INTO} does not record the {len(self.planned)} planned proposals"
            return diff.only(added=[path])

        def expect(state: State) -> Expect:
            return REFUSED if self.INTO in state.revisions[DOC] else Expect(0, check)

        return Step("merge", ["merge", DOC, "--into", self.INTO, "--status", "accepted",
                              "--reopen", "--date", "2010-10-15"], expect)


class Import(Scenario):
    """import of a delegation's Word file, a new one (with new changes and comments) for
    each step, made from the current store as a delegation would, so that each step has
    a batch to write: an import of a file imported before records nothing."""

    name = "import"

    def __init__(self, home: Path, rng: random.Random) -> None:
        super().__init__(home, rng)
        self.steps = 0
        self.source = home / "delegation-0.docx"

    def prepare(self, drafts: Drafts) -> None:
        self.source.write_bytes(delegation_docx(drafts, "v0"))
        plan = drafts.import_docx(DOC, self.source, revision="rev1", party="NOR",
                                  dry_run=True).plan
        assert not plan.problems and len(plan.proposals) >= 10 and len(plan.comments) >= 3 \
            and plan.replies, plan

    def ready(self) -> bool:
        return len(list((self.root / DOC / "proposals").iterdir())) > 400 and self.restore()

    def choose(self, state: State) -> Step:
        self.source.unlink(missing_ok=True)
        self.steps += 1
        self.source = source = self.home / f"delegation-{self.steps}.docx"
        source.write_bytes(delegation_docx(open_drafts(self.root), f"v{self.steps}"))

        def expect(state: State) -> Expect:
            plan = open_drafts(self.root).import_docx(DOC, source, revision="rev1",
                                                      party="NOR", dry_run=True).plan
            replied = sorted({f"{DOC}/comments/{r.comment}.txt" for r in plan.replies})

            def check(diff: Diff, before: State, after: State) -> str | None:
                made = [f"{DOC}/{kind}/{item}.txt" for kind in ("proposals", "comments")
                        for item in new_items(diff, kind)]
                if (len(new_items(diff, "proposals")), len(new_items(diff, "comments"))) != \
                        (len(plan.proposals), len(plan.comments)):
                    return (f"expected {len(plan.proposals)} proposals and "
                            f"{len(plan.comments)} comments")
                return diff.only(added=made, changed=replied)

            writes = plan.proposals or plan.comments or plan.replies
            return Expect(0, check if writes else None)  # recorded already: writes nothing

        return Step("import", ["import", DOC, str(source), "--rev", "rev1", "--party", "NOR"],
                    expect)


class New(Scenario):
    """new: a document and its first revision from a plain text of 1,000 paragraphs; the
    folder appears whole, by one rename, or not at all."""

    name = "new"
    PARAGRAPHS = 1000

    def prepare(self, drafts: Drafts) -> None:
        sections = [f"# {n}. Section {n}\n\n" + "\n\n".join(
            f"Action {n}.{k} States Parties will carry out measure {k} of section {n} in "
            f"full, report on it every year and seek assistance where they need it."
            for k in range(1, self.PARAGRAPHS // 10 + 1)) for n in range(1, 11)]
        (self.home / "text.txt").write_text("\n\n".join(sections) + "\n", encoding="utf-8")

    def ready(self) -> bool:
        return len(open_drafts(self.root).folder.document_ids()) >= 6 and self.restore()

    def choose(self, state: State) -> Step:
        doc = next(f"document-{n}" for n in range(1, 1000) if f"document-{n}" not in
                   state.revisions)

        def check(diff: Diff, before: State, after: State) -> str | None:
            if len(after.texts.get((doc, "zero-draft"), ())) != self.PARAGRAPHS:
                return f"{doc} does not hold the text's {self.PARAGRAPHS} paragraphs"
            return diff.only(added=[f"{doc}/document.txt", f"{doc}/revisions/zero-draft.txt"])

        def expect(state: State) -> Expect:
            return REFUSED if doc in state.revisions else Expect(0, check)

        return Step("new", ["new", doc, "--title", f"Document {doc}", "--kind", "action-plan",
                            "--from", str(self.home / "text.txt"), "--date", "2010-06-01"],
                    expect)


SCENARIOS: dict[str, type[Scenario]] = {s.name: s for s in
                                        (New, Propose, Decide, Revise, Merge, Import)}


def unique_words(text: str, length: int) -> list[str]:
    """Words of at least `length` letters that occur once in `text`, in order."""
    words = dict.fromkeys(re.findall(rf"[A-Za-z]{{{length},}}", text))
    return [w for w in words if len(re.findall(rf"\b{w}\b", text)) == 1]


def delegation_docx(drafts: Drafts, tag: str, changes: int = 40) -> bytes:
    """A delegation's copy of rev1 with tracked changes (a word replaced in each of
    `changes` labelled paragraphs), a new comment on every third changed word and a new
    reply to an existing comment; `tag` makes the words new."""
    rev1 = drafts.revision(DOC, "rev1")
    blocks = []
    replied = next(c for c in drafts.comments(DOC) if c.paragraph and c.anchor
                   and (place := drafts.placement(c, "rev1").located) is not None
                   and place.start < place.end)
    place = drafts.placement(replied, "rev1").located
    assert replied.paragraph is not None and place is not None
    target = rev1.by_id(replied.paragraph)
    assert target is not None
    block = paragraph_block(target, [(replied, place)])
    (note,) = block.notes
    reply = NoteReply("NOR", WHEN, f"We agree ({tag}).")
    blocks.append(attrs.evolve(block, notes=(attrs.evolve(note,
                                                          replies=(*note.replies, reply)),)))
    changed = 0
    for paragraph in rev1.paragraphs():
        words = unique_words(paragraph.text, 6)
        if paragraph.label is None or not words or paragraph.id == replied.paragraph:
            continue
        found = re.search(rf"\b{words[0]}\b", paragraph.text)
        assert found is not None
        key = f"n{changed}"
        notes = (Note(key, "NOR", WHEN, (f"Why not {words[0]} ({tag})?",)),) \
            if changed % 3 == 0 else ()
        runs = (Run(paragraph.text[:found.start()]),
                Run(words[0], Tracked("delete", ("NOR",), WHEN)),
                Run(f"{words[0]}-{tag}", Tracked("insert", ("NOR",), WHEN),
                    notes=(key,) if notes else ()),
                Run(paragraph.text[found.end():]))
        blocks.append(Block(runs, label=(Run(f"{paragraph.label} ", bold=True),), notes=notes))
        changed += 1
        if changed == changes:
            break
    return write_docx(blocks)


# running and killing


@dataclass
class Tally:
    command: str
    kills: dict[str, int] = field(default_factory=dict)  # per command run (accept, support…)
    before: int = 0  # kills after which the store was as before the command
    after: int = 0  # … as after it
    debris: int = 0  # kills that left files being written in tmp/
    batches: int = 0  # kills that left a committed batch for the next process to move in
    swept: int = 0  # kills whose debris the repeated command swept
    finished: int = 0  # runs that ended before the kill came
    durations: list[float] = field(default_factory=list)  # of complete runs
    duration: float = 0.0  # the recent ones' median
    seconds: float = 0.0
    doing: str = ""  # the step under way, for the report
    problems: list[str] = field(default_factory=list)

    @property
    def killed(self) -> int:
        return sum(self.kills.values())


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTKIT_DRAFTS", "FORCE_COLOR")}
    env.update(NO_COLOR="1", COLUMNS="200")
    return env


def draftkit(root: Path, argv: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "draftkit", "--drafts", str(root), *argv]


def run(root: Path, argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(draftkit(root, argv), capture_output=True, text=True,
                              env=environment(), cwd=root.parent, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Inconsistent(f"draftkit {' '.join(argv)} hung for {TIMEOUT:.0f} s") from None


def start_and_kill(root: Path, argv: Sequence[str],
                   delay: float | None) -> tuple[int, float, str]:
    """Run a command; SIGKILL it after `delay` seconds unless it ended first (None: let it
    finish). Its exit status (-SIGKILL when killed), how long it ran and its stderr."""
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        process = subprocess.Popen(draftkit(root, argv), stdout=subprocess.DEVNULL,
                                   stderr=errors, env=environment(), cwd=root.parent)
        try:
            process.wait(timeout=TIMEOUT if delay is None else delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL if delay is not None else signal.SIGTERM)
        code = process.wait()
        took = time.monotonic() - started
        errors.seek(0)
        return code, took, errors.read().decode("utf-8", "replace")


def check_clean(root: Path) -> None:
    """(b): `draftkit check --repair` is clean; when it removed debris, so is a plain check
    (when it removed nothing, it is the plain check)."""
    repaired = run(root, ["check", "--repair"])
    if repaired.returncode != 0:
        raise Inconsistent(f"check --repair exits {repaired.returncode}: "
                           f"{(repaired.stdout + repaired.stderr).strip()}")
    if repaired.stderr.strip():
        plain = run(root, ["check"])
        if plain.returncode != 0:
            raise Inconsistent(f"check after check --repair exits {plain.returncode}: "
                               f"{(plain.stdout + plain.stderr).strip()}")


def judge(before: State, after: State, expected: Expect) -> str:
    """"before" or "after" (d), or Inconsistent."""
    invariants(before, after)
    diff = Diff.between(before.files, after.files)
    if not diff:
        return "before"
    if expected.check is None:
        raise Inconsistent(f"{diff}, though the command writes nothing from that state")
    reason = expected.check(diff, before, after)
    if reason is not None:
        raise Inconsistent(f"neither before nor after the command ({reason}): {diff}")
    return "after"


def attempt(scenario: Scenario, tally: Tally, rng: random.Random, measure: bool,
            known: State | None) -> State:
    """One step: run the command (killed, unless measuring), check the store, repeat it.
    `known`: the store's state, if known; returns the state it leaves."""
    root = scenario.root
    state = observe(root) if scenario.ready() or known is None else known
    step = scenario.choose(state)
    expected = step.expect(state)
    if expected.code != 0 or expected.check is None:
        raise AssertionError(f"the harness chose a command with nothing to do: {step.argv}")
    delay = None if measure else rng.uniform(0, tally.duration)
    tally.doing = (f"draftkit {' '.join(step.argv)}"
                   + ("" if delay is None else f", SIGKILL after {delay:.3f} s"))
    code, took, stderr = start_and_kill(root, step.argv, delay)
    if code != -signal.SIGKILL:
        after = observe(root)
        outcome = judge(state, after, expected)
        if code != expected.code or (outcome == "after") != (expected.check is not None):
            raise Inconsistent(f"run to completion, it exits {code} and the store is "
                               f"{outcome} it: {stderr.strip()[-500:]}")
        if measure:
            tally.durations.append(took)
        else:
            tally.finished += 1
        return after
    tally.kills[step.command] = tally.kills.get(step.command, 0) + 1
    debris, batches = leftovers(root)
    tally.debris += bool(debris)
    tally.batches += bool(batches)
    unseen_by_git(root)
    after = observe(root)
    outcome = judge(state, after, expected)
    setattr(tally, outcome, getattr(tally, outcome) + 1)
    repair_first = rng.random() < 0.5
    if repair_first:
        check_clean(root)
    again = step.expect(after)
    if outcome == "before" and again.code != 0:
        raise Inconsistent("the command is refused from the very state it was killed in")
    started = time.monotonic()
    result = run(root, step.argv)
    if result.returncode == 0:
        tally.durations.append(time.monotonic() - started)
    if result.returncode != again.code:
        raise Inconsistent(f"run again, it exits {result.returncode} (expected {again.code}): "
                           f"{(result.stdout + result.stderr).strip()[-500:]}")
    final = observe(root)
    unseen_by_git(root)
    if judge(after, final, again) != "after" and again.check is not None:
        raise Inconsistent("run again, it exits 0 but writes nothing")
    if result.returncode == 0:
        left = leftovers(root / DOC)[0]
        if left:
            raise Inconsistent(f"debris survived the next write: {left}")
        tally.swept += bool(debris) and not repair_first
    if not repair_first:
        check_clean(root)
    return final


MEASURED_RUNS = 1  # runs to completion before the first kill
RECENT = 9  # the kill delay is uniform up to the median duration of this many recent runs


def exercise(scenario: Scenario, kills: int, seed: int) -> Tally:
    """Kill one command `kills` times, after running it to completion once to measure
    it. The kill delays are uniform between 0 and the median duration of the recent
    complete runs (that one, then the repeats), which follows the machine's load."""
    tally = Tally(scenario.name)
    started = time.monotonic()
    rng = random.Random(f"{seed}/{scenario.name}/kills")
    state: State | None = None
    for number in range(10 * kills + 10):  # bounded, should kills never land
        measure = number < MEASURED_RUNS
        if not measure and tally.killed >= kills:
            break
        if number >= MEASURED_RUNS:
            tally.duration = statistics.median(tally.durations[-RECENT:])
        try:
            state = attempt(scenario, tally, rng, measure, state)
        except Inconsistent as problem:
            kept = scenario.home / f"inconsistent-{number}"
            shutil.copytree(scenario.root, kept)
            tally.problems.append(f"seed {seed}, {scenario.name} step {number} "
                                  f"({tally.doing}): {problem} (store kept in {kept})")
            state = None
            scenario.restore()
            if measure:
                break
    tally.seconds = time.monotonic() - started
    return tally


@dataclass
class Summary:
    seed: int
    tallies: list[Tally]
    seconds: float

    @property
    def kills(self) -> int:
        return sum(t.killed for t in self.tallies)

    @property
    def problems(self) -> list[str]:
        return [p for t in self.tallies for p in t.problems]

    def __str__(self) -> str:
        lines = [f"crash harness, seed {self.seed}: {self.kills} kills in "
                 f"{self.seconds:.1f} s",
                 f"{'command':<9} {'kills':>5} {'before':>6} {'after':>5} {'debris':>6} "
                 f"{'batch':>5} {'swept':>5} {'ended':>5} {'run s':>6}  kills by command"]
        for t in self.tallies:
            lines.append(f"{t.command:<9} {t.killed:>5} {t.before:>6} {t.after:>5} "
                         f"{t.debris:>6} {t.batches:>5} {t.swept:>5} {t.finished:>5} "
                         f"{t.duration:>6.2f}  "
                         + ", ".join(f"{c} {n}" for c, n in sorted(t.kills.items())))
        lines.append("(before/after: the store as before or after the command; debris: the "
                     "kill left files being written; batch: a committed batch the next "
                     "process moved into place; swept: debris the repeated command removed; "
                     "ended: runs that finished before the kill; run s: the median "
                     "duration of the recent complete runs)")
        lines += [f"INCONSISTENT: {p}" for p in self.problems]
        lines.append(f"inconsistent stores: {len(self.problems)}")
        return "\n".join(lines)


def harness(kills: int, seed: int, workdir: Path, workers: int = 2,
            commands: Sequence[str] = COMMANDS) -> Summary:
    """Kill the write commands `kills` times in all, shared evenly, each on its own copy of
    the shipped drafts under `workdir`; `workers` commands at a time."""
    started = time.monotonic()
    shares = [kills // len(commands) + (i < kills % len(commands))
              for i in range(len(commands))]
    scenarios = [SCENARIOS[name](workdir / name, random.Random(f"{seed}/{name}"))
                 for name in commands]
    for scenario in scenarios:  # one at a time, so that no setup slows a measurement
        scenario.home.mkdir(parents=True)
        scenario.setup()
    slowest_first = sorted(zip(scenarios, shares, strict=True),
                           key=lambda pair: COMMANDS[::-1].index(pair[0].name))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        tallies = pool.map(lambda pair: exercise(pair[0], pair[1], seed), slowest_first)
        done = {t.command: t for t in tallies}
    return Summary(seed, [done[name] for name in commands], time.monotonic() - started)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000, help="kills in all (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="commands run at once (default: one per core)")
    parser.add_argument("--command", action="append", choices=COMMANDS,
                        help="only this command (repeat for more)")
    parser.add_argument("--dir", type=Path, help="work here, and keep it (default: a "
                                                 "temporary folder, removed unless "
                                                 "something was inconsistent)")
    options = parser.parse_args(argv)
    if sys.platform == "win32":
        parser.error("needs SIGKILL, which Windows does not have")
    workdir = options.dir or Path(tempfile.mkdtemp(prefix="draftkit-crash-"))
    summary = harness(options.kills, options.seed, workdir, options.workers,
                      options.command or COMMANDS)
    print(summary)
    if summary.problems:
        print(f"stores kept in {workdir}")
        return 1
    if options.dir is None:
        shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
