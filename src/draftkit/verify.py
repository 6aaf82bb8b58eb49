"""Attribution that cannot be forged: is every item and event in the commit of a key
that speaks for it?

Pure rules over a commit and what it changed in the drafts folder; the history
is read by `store.git_history` and composed in `Drafts.verify`. A commit's
signature is checked by git; here, its key (by fingerprint) is looked up in
the keys in force at the commit, and every line the commit adds is matched
with the party or role it speaks for:

- a new proposal speaks for its proposers and the group they speak on behalf
  of; a new comment for its party; an `@event` for its actor (supported,
  opposed, position-withdrawn, withdrawn, proposed); an `@reply` for its
  party. A group's line may be signed by a key of the group or of one of its
  members (the member speaking for it);
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
that its parents kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.keys import PRESIDENCY
from draftkit.model import Party
from draftkit.store import grammar
from draftkit.store.item_format import COMMENT_SHAPES, PROPOSAL_SHAPES

PRESIDENCY_ACTIONS = ("accepted", "rejected", "superseded", "reopened")
PARTY_ACTIONS = ("proposed", "supported", "opposed", "position-withdrawn", "withdrawn")
GOOD = ("G", "U")  # git: a good signature (U: its key is not in the allowed-signers file)
_GIT_SAYS = {"B": "a bad signature", "E": "a signature git could not check",
             "X": "an expired signature", "Y": "a signature by an expired key",
             "R": "a signature by a revoked key"}


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
    """A commit to judge: its id, git's verdict on its signature (`%G?`), the signing
    key's fingerprint, the keys in force (fingerprint → holder) and the parties (for
    groups' members), and the files of the drafts folder it changed."""

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
    return commit.keys.get(commit.fingerprint) if commit.status in GOOD else None


def signer_shown(commit: Commit) -> str:
    if commit.status == "N":
        return "unsigned"
    if commit.status not in GOOD:
        return _GIT_SAYS.get(commit.status, f"git says {commit.status}")
    return signer(commit) or f"key {commit.fingerprint or '?'} not in the registry"


def judge(commit: Commit) -> list[Finding]:
    """The commit's unverified items, one finding per file with every reason for it."""
    who = signer(commit)
    findings = []
    for texts in commit.files:
        kind = _kind(texts.path)
        reasons = _rewrites(texts, kind)
        if who is None:
            reasons.append(_unsigned(commit))
        else:
            reasons += _attribution(texts, kind, who, commit.parties)
        if reasons:
            findings.append(Finding(texts.path, commit.sha, signer_shown(commit),
                                    "; ".join(dict.fromkeys(reasons))))
    return findings


def _unsigned(commit: Commit) -> str:
    if commit.status == "N":
        return "not signed"
    if commit.status not in GOOD:
        return f"git finds {_GIT_SAYS.get(commit.status, commit.status)}"
    return "signed by a key not in the registry"


def _kind(path: str) -> str:
    """proposals, comments, revisions or decisions for a file of theirs; else ''."""
    parts = path.split("/")
    return parts[1] if len(parts) == 3 and parts[2].endswith(".txt") and parts[1] in (
        "proposals", "comments", "revisions", "decisions") else ""


def _rewrites(texts: Texts, kind: str) -> list[str]:
    """What the commit rewrote of what was committed before."""
    if kind in ("revisions", "decisions"):
        if any(t is not None for t in texts.before):
            return [f"a {kind[:-1]} changed or removed after it was committed"]
        return []
    if kind not in ("proposals", "comments"):
        return []
    after = _lines(texts.after)
    befores = [_lines(t) for t in texts.before if t is not None]
    reasons = []
    if _dropped(texts, after, befores):
        reasons.append("rewritten: lines committed before are changed or removed")
    if befores and any(not line.startswith("@") for line in after - set().union(*befores)):
        reasons.append("rewritten: its header changed after it was committed")
    return reasons


def _attribution(texts: Texts, kind: str, who: str, parties: Mapping[str, Party]) -> list[str]:
    """Whether `who` speaks for everything the commit adds to the file."""
    if kind not in ("proposals", "comments"):
        if who == PRESIDENCY:
            return []
        what = "a revision" if kind == "revisions" else "a status decision" \
            if kind == "decisions" else "the registry" if texts.path == "parties.txt" \
            else "a document's record" if texts.path.endswith("/document.txt") \
            else "the drafts folder's own files"
        return [f"{what} is the presidency's to change"]
    befores = [_lines(t) for t in texts.before if t is not None]
    added = sorted(_lines(texts.after) - set().union(set(), *befores))
    reasons = [] if befores or texts.after is None else _new_item(texts, kind, who, parties)
    if reasons:
        return reasons  # none of a new item speaks for the signer: that is all to say
    shapes = PROPOSAL_SHAPES if kind == "proposals" else COMMENT_SHAPES
    for line in added:
        if not line.startswith("@"):
            continue
        try:
            read = grammar.read(f"draftkit {kind[:-1]} 2\n\n{line}\n", texts.path,
                                kind[:-1], versions=(2,), shapes=shapes)
        except FormatError as error:
            reasons.append(f"an unreadable line: {error.message}")
            continue
        for record in read.records:
            reasons += _record(record, who, parties)
    return reasons


def _lines(text: str | None) -> set[str]:
    """A file's lines as they mean: BOM, line ends, trailing whitespace and blank lines
    do not count."""
    return {line.rstrip() for line in grammar.normalise(text or "").split("\n")
            if line.strip()}


def _dropped(texts: Texts, after: set[str], befores: list[set[str]]) -> bool:
    """Whether the commit removes or changes lines its parents had. For a merge, a line
    one parent lacks was removed on that side (and judged there) when the merge base
    has it; one the merge base lacks was added on a side, and the merge must keep it."""
    if len(befores) <= 1:
        return bool(befores and befores[0] - after)
    base = _lines(texts.base)
    for before in befores:
        for line in before - after:
            if line not in base or all(line in other for other in befores):
                return True
    return False


def _new_item(texts: Texts, kind: str, who: str,
              parties: Mapping[str, Party]) -> list[str]:
    from draftkit.store.item_format import parse_comment, parse_proposal

    try:
        if kind == "proposals":
            proposal = parse_proposal(texts.after or "", texts.path)
            speakers, what = proposal.parties, f"a proposal by {' '.join(proposal.proposers)}"
            if proposal.on_behalf_of:
                what += f" on behalf of {proposal.on_behalf_of}"
        else:
            comment = parse_comment(texts.after or "", texts.path)
            speakers, what = (comment.party,), f"a comment by {comment.party}"
    except FormatError as error:
        return [f"unreadable: {error.message}"]
    if _speaks_for(who, speakers, parties):
        return []
    return [f"{what}, signed for {who}"]


def _record(record: grammar.Record, who: str,
            parties: Mapping[str, Party]) -> list[str]:
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


def _speaks_for(who: str, speakers: tuple[str, ...], parties: Mapping[str, Party]) -> bool:
    """Whether the holder `who` speaks for one of `speakers`: it is one of them, or a
    member of one that is a group."""
    return any(who == code or who in (parties[code].members if code in parties else ())
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
