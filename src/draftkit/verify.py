"""Attribution that cannot be forged: is every item and event in the commit of a key
that speaks for it?

Pure rules over a commit and what it changed in the drafts folder; the history
is read, and each signature checked by ssh-keygen, in `store.git_history`.
Here a good signature's key (by fingerprint) is looked up in the keys in force
at the commit, and every line the commit adds is matched with the party or
role it speaks for:

- a new proposal speaks for its proposers and the group they speak on behalf
  of (the member speaking is named among the proposers: the group's other
  members do not speak for it); a new comment for its party; an `@event` for
  its actor (supported, opposed, position-withdrawn, withdrawn, proposed); an
  `@reply` for its party. A group's comment, event or reply names no member,
  so a key of the group or of any of its members may sign it;
- accepted, rejected, superseded and reopened events, `@disposition` lines,
  decisions (`decisions/`), revisions (`revisions/`), `document.txt`, the
  registry (`parties.txt`, with its keys) and the folder's own files
  (`.gitattributes`, `.gitignore`) are the presidency's;
- nothing is rewritten: a proposal or comment only ever gets lines appended,
  and a revision or decision file, once committed, is never changed or
  removed. Line ends, a byte-order mark and trailing whitespace do not count
  (they change no meaning: docs/store-format.md), nor does the order of lines
  (git's union merge may put both clones' lines in either order).

A merge commit is judged on what it brings that none of its parents had (what
each side brought was judged in that side's commits), and on lines it drops
that a side made; a merge that brings and drops nothing says nothing, and its
signature (a host's "merge" button, or none) does not matter.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.keys import PRESIDENCY
from draftkit.model import Party
from draftkit.store import grammar
from draftkit.store.item_format import (
    COMMENT_KEYS,
    COMMENT_SHAPES,
    PROPOSAL_KEYS,
    PROPOSAL_SHAPES,
)

PRESIDENCY_ACTIONS = ("accepted", "rejected", "superseded", "reopened")
PARTY_ACTIONS = ("proposed", "supported", "opposed", "position-withdrawn", "withdrawn")
GOOD = "G"
_SIGNATURES = {"B": "a bad signature", "E": "a signature that is not SSH (OpenPGP, X.509)"}


@frozen
class Texts:
    """One file a commit changed: its text in each parent (None: absent), in the commit
    (None: deleted) and, for a merge, in the merge base."""

    path: str
    before: tuple[str | None, ...]
    after: str | None
    base: str | None = None


@frozen
class Commit:
    """A commit to judge: its id, the check of its signature (in git's letters, `%G?`:
    G good, B bad, N none, E not SSH), the signing key's fingerprint, the keys in
    force (fingerprint → holder), the parties (for groups' members), and the files of
    the drafts folder it changed."""

    sha: str
    status: str
    fingerprint: str
    keys: Mapping[str, str]
    parties: Mapping[str, Party]
    files: tuple[Texts, ...]


@frozen
class Finding:
    """One unverified item in one commit: the file, the commit, who signed, and why."""

    path: str
    commit: str
    signer: str
    why: str


def signer(commit: Commit) -> str | None:
    """Who the commit's key speaks for, or None."""
    return commit.keys.get(commit.fingerprint) if commit.status == GOOD else None


def signer_shown(commit: Commit) -> str:
    if commit.status == "N":
        return "unsigned"
    if commit.status != GOOD:
        return _SIGNATURES.get(commit.status, commit.status)
    return signer(commit) or f"key {commit.fingerprint or '?'} not in the registry"


def judge(commit: Commit) -> list[Finding]:
    """The commit's unverified items, one finding per file with every reason for it."""
    who = signer(commit)
    findings = []
    for texts in commit.files:
        if len(texts.before) > 1 and not _merge_brings(texts):
            continue  # a merge that keeps what its sides made, and makes nothing
        kind = _kind(texts.path)
        versions = _Versions.of(texts) if kind in ("proposals", "comments") else None
        reasons = _rewrites(texts, kind, versions)
        if who is None:
            reasons.append(_unsigned(commit))
        elif versions is None:
            reasons += _presidency_file(texts, kind, who)
        else:
            reasons += _item(texts, kind, versions, who, commit.parties)
        if reasons:
            findings.append(Finding(texts.path, commit.sha, signer_shown(commit),
                                    "; ".join(dict.fromkeys(reasons))))
    return findings


def _unsigned(commit: Commit) -> str:
    if commit.status == "N":
        return "not signed"
    if commit.status != GOOD:
        return _SIGNATURES.get(commit.status, commit.status)
    return "signed by a key not in the registry"


def _kind(path: str) -> str:
    """proposals, comments, revisions or decisions for a file of theirs; else ''."""
    parts = path.split("/")
    return parts[1] if len(parts) == 3 and parts[2].endswith(".txt") and parts[1] in (
        "proposals", "comments", "revisions", "decisions") else ""


@frozen
class _Versions:
    """An item file's lines as they mean, in the commit and in each parent that has it:
    BOM, line ends, trailing whitespace and blank lines do not count."""

    after: frozenset[str]
    befores: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, texts: Texts) -> _Versions:
        return cls(_lines(texts.after), tuple(_lines(t) for t in texts.before if t is not None))

    @property
    def added(self) -> frozenset[str]:
        return self.after.difference(*self.befores)


def _lines(text: str | None) -> frozenset[str]:
    return frozenset(line.rstrip() for line in grammar.normalise(text or "").split("\n")
                     if line.strip())


def _rewrites(texts: Texts, kind: str, versions: _Versions | None) -> list[str]:
    """What the commit rewrote of what was committed before."""
    if kind in ("revisions", "decisions"):
        if any(t is not None for t in texts.before):
            return [f"a {kind[:-1]} changed or removed after it was committed"]
        return []
    if versions is None:
        return []
    reasons = []
    if _dropped(texts, versions):
        reasons.append("rewritten: lines committed before are changed or removed")
    if versions.befores and any(not line.startswith("@") for line in versions.added):
        reasons.append("rewritten: its header changed after it was committed")
    return reasons


def _dropped(texts: Texts, versions: _Versions) -> bool:
    """Whether the commit removes or changes lines its parents had. For a merge, a line
    one parent lacks was removed on that side (and judged there) when the merge base
    has it; one the merge base lacks was added on a side, and the merge must keep it."""
    befores, after = versions.befores, versions.after
    if len(befores) <= 1:
        return bool(befores and befores[0] - after)
    base = _lines(texts.base)
    return any(line not in base or all(line in other for other in befores)
               for before in befores for line in before - after)


def _merge_brings(texts: Texts) -> bool:
    """Whether a merge brings to a file lines none of its sides had, or drops lines a
    side made: only then does it speak, and its signature count."""
    versions = _Versions.of(texts)
    return bool(versions.added) or _dropped(texts, versions)


def _presidency_file(texts: Texts, kind: str, who: str) -> list[str]:
    if who == PRESIDENCY:
        return []
    what = "a revision" if kind == "revisions" else "a status decision" \
        if kind == "decisions" else "the registry" if texts.path == "parties.txt" \
        else "a document's record" if texts.path.endswith("/document.txt") \
        else "the drafts folder's own files"
    return [f"{what} is the presidency's to change"]


def _item(texts: Texts, kind: str, versions: _Versions, who: str,
          parties: Mapping[str, Party]) -> list[str]:
    """Whether `who` speaks for everything the commit adds to a proposal or comment."""
    added = versions.added
    if not added or texts.after is None:
        return []
    shapes = PROPOSAL_SHAPES if kind == "proposals" else COMMENT_SHAPES
    keys = PROPOSAL_KEYS if kind == "proposals" else COMMENT_KEYS
    speakers: tuple[str, ...] = ()
    # a new item is read whole (its header says whom it speaks for); to an item
    # committed before, only what was appended is read
    text = texts.after if not versions.befores else \
        "\n".join([f"draftkit {kind[:-1]} 2", "",
                   *sorted(line for line in added if line.startswith("@"))]) + "\n"
    try:
        read = grammar.read(text, texts.path, kind[:-1], versions=(2,), keys=keys,
                            shapes=shapes)
    except FormatError as error:
        return [f"unreadable: {error.message}"]
    if not versions.befores:
        header = read.header
        if kind == "proposals":
            group = header.get("on-behalf-of")
            speakers = (*header.get("proposers", "").split(), *([group] if group else []))
            what = f"a proposal by {header.get('proposers', '?')}" + (
                f" on behalf of {group}" if group else "")
        else:
            speakers, what = (header.get("party", ""),), f"a comment by {header.get('party')}"
        # a proposal names the member speaking for a group: the group's other members
        # do not speak for it; a comment names only its party
        members = kind == "comments"
        if not _speaks_for(who, speakers, parties, members=members):
            return [f"{what}, signed for {who}"]  # none of it speaks for the signer
    lines = grammar.normalise(text).split("\n")
    reasons = []
    for record in read.records:
        if lines[record.line - 1].rstrip() not in added:
            continue
        if record.tag == "event" and record.fields[2] == "proposed" and \
                record.fields[1] in speakers:
            continue  # making the proposal, by a co-sponsor: judged with its header
        reasons += _record(record, who, parties)
    return reasons


def _record(record: grammar.Record, who: str, parties: Mapping[str, Party]) -> list[str]:
    if record.tag == "event":
        _, actor, action, *_ = record.fields
        if action in PRESIDENCY_ACTIONS:
            return [] if who == PRESIDENCY else \
                [f"'{action}' (by {actor}) is the presidency's, signed for {who}"]
        if action not in PARTY_ACTIONS:
            return [] if who == PRESIDENCY else [f"an unknown action {action!r} signed for "
                                                 f"{who}"]
        return [] if _speaks_for(who, (actor,), parties) else \
            [f"'{action}' by {actor}, signed for {who}"]
    if record.tag == "reply":
        party = record.fields[1]
        return [] if _speaks_for(who, (party,), parties) else \
            [f"a reply by {party}, signed for {who}"]
    by = record.fields[1]
    return [] if who == PRESIDENCY else \
        [f"a disposition (by {by}) is the presidency's, signed for {who}"]


def _speaks_for(who: str, speakers: tuple[str, ...], parties: Mapping[str, Party], *,
                members: bool = True) -> bool:
    """Whether the holder `who` speaks for one of `speakers`: it is one of them, or (with
    `members`) a member of one that is a group."""
    return any(who == code or (members and code in parties and who in parties[code].members)
               for code in speakers)


@frozen
class Report:
    """What `verify` found: the unverified items (none when all is verified), how many
    commits and file changes it judged, from where (`since`: the commit whose history
    was accepted as it is), and the trust anchor: the commit whose own presidency keys
    were taken as given, because no key was recorded before it."""

    findings: tuple[Finding, ...]
    commits: int
    changes: int
    since: str | None = None
    anchor: str | None = None

    @property
    def verified(self) -> bool:
        return not self.findings
