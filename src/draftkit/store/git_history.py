"""Reading a drafts folder's git history for `draftkit verify`: the shell side.

Everything here runs git or ssh-keygen and hands back plain data; the rules that
judge it are pure (draftkit.verify), composed with it in `verify_history`.

A commit's signature is checked by ssh-keygen exactly as git checks an SSH
signature whose key it is not told to trust: the commit object without its
`gpgsig` header is the message, in git's namespace (`ssh-keygen -Y
check-novalidate -n git`), which gives the signing key's fingerprint. Whom
that key speaks for is the registry's to say, as it stood at the commit: an
allowed-signers file cannot say that a key holds from a given commit on. (git
itself, `git log --format=%G?`, runs ssh-keygen twice a commit, to find the
principal and then to verify: twice the cost, for an answer draftkit does not
use. The tests compare both on every commit.)

Git processes however long the history: one `git log --raw` for what each
commit changed (and one `git diff-tree` per parent of a merge), and `git
cat-file --batch` for the commits and files; then one ssh-keygen per signed
commit, as many side by side as there are processors.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
from attrs import frozen

from draftkit.errors import DraftkitError
from draftkit.keys import PRESIDENCY, SigningKey
from draftkit.model import Party
from draftkit.store.registry_format import parse_registry
from draftkit.store.setup import git_program
from draftkit.verify import Commit, Finding, Report, Texts, judge

_FINGERPRINT = re.compile(rb"key (SHA256:[A-Za-z0-9+/]+)")


def _split_signature(commit: bytes) -> tuple[bytes, bytes | None]:
    """A commit object as signed (without its `gpgsig` header) and its signature."""
    head, separator, body = commit.partition(b"\n\n")
    kept, signature, inside = [], [], False
    for line in head.split(b"\n"):
        if line.startswith(b"gpgsig "):
            inside = True
            signature.append(line[len(b"gpgsig "):])
        elif inside and line.startswith(b" "):
            signature.append(line[1:])
        else:
            inside = False
            kept.append(line)
    message = b"\n".join(kept) + separator + body
    return message, b"\n".join(signature) + b"\n" if signature else None


@frozen
class FileChange:
    """One file of the drafts folder a commit changed: its path inside the drafts folder
    (with `/`), its blob in each parent (None: absent there) and in the commit (None:
    deleted)."""

    path: str
    before: tuple[str | None, ...]
    after: str | None


@frozen
class CommitChanges:
    sha: str
    parents: tuple[str, ...]
    changes: tuple[FileChange, ...]


@frozen
class Signature:
    """A commit's signature, in git's letters (`%G?`): G good, B bad, N none, E not an
    SSH signature (OpenPGP, X.509); and the signing key's fingerprint (SHA256:…)."""

    status: str
    fingerprint: str


class Git:
    """git, run in the repository that holds a drafts folder."""

    def __init__(self, drafts: Path) -> None:
        self.program = git_program()
        self.cwd = drafts
        top = self.run("rev-parse", "--show-toplevel", what="the drafts folder is not in a "
                        "git repository (see docs/shared-repository.md)").strip()
        self.top = Path(top)
        self.prefix = self.run("rev-parse", "--show-prefix").strip()  # "drafts/" or ""

    def run(self, *args: str, what: str = "") -> str:
        done = subprocess.run([self.program, *args], cwd=self.cwd, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
        if done.returncode != 0:
            said = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
            raise DraftkitError(what or f"git {args[0]} failed: {said}")
        return done.stdout

    def commit(self, name: str) -> str:
        """The full id of a commit named by a ref or an id; DraftkitError if none."""
        return self.run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}",
                         what=f"no such commit: {name!r}").strip()

    def has_head(self) -> bool:
        try:
            self.commit("HEAD")
        except DraftkitError:
            return False
        return True

    def history(self, since: str | None) -> list[CommitChanges]:
        """Every commit after `since` (all of them without it) that changed the drafts
        folder, parents before children, with what it changed there: for a merge, each
        file that differs from any of its parents."""
        revisions = [f"{since}..HEAD"] if since else ["HEAD"]
        # the user's log.showSignature or color.ui=always would change what git prints
        out = self.run("-c", "log.showSignature=false", "log", "--no-color", "--topo-order",
                       "--reverse", "--format=%x01%H %P", "--raw", "--no-renames", "--root",
                       "--no-abbrev", "-z", *revisions, "--")
        commits = []
        for chunk in out.split("\x01")[1:]:
            head, _, rest = chunk.partition("\0")
            sha, *parents = head.split()
            if len(parents) > 1:  # git log shows no diff for a merge: one per parent
                diffs = [self._diff(self.run("diff-tree", "--no-color", "-r", "--no-renames",
                                             "--raw", "-z", "--no-abbrev", parent, sha))
                         for parent in parents]
            else:
                diffs = [self._diff(rest)]
            paths = list(dict.fromkeys(path for diff in diffs for path in diff))
            changes = []
            for path in paths:
                after = next(diff[path][1] for diff in diffs if path in diff)
                changes.append(FileChange(path, tuple(diff[path][0] if path in diff else after
                                                      for diff in diffs), after))
            if changes:
                commits.append(CommitChanges(sha, tuple(parents), tuple(changes)))
        return commits

    def _diff(self, raw: str) -> dict[str, tuple[str | None, str | None]]:
        """git's raw diff (-z) as path in the drafts folder → (blob before, blob after)."""
        tokens = [t for t in (t.strip("\n") for t in raw.split("\0")) if t]
        found = {}
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            if path.startswith(self.prefix):
                _, _, old, new, _ = meta.lstrip(":").split()
                # git writes an absent side as an id of zeros (40 or, SHA-256, 64)
                found[path[len(self.prefix):]] = (old if old.strip("0") else None,
                                                  new if new.strip("0") else None)
        return found

    def merge_base(self, parents: Sequence[str]) -> str | None:
        done = subprocess.run([self.program, "merge-base", "--octopus", *parents],
                              cwd=self.cwd, capture_output=True, text=True, check=False)
        return done.stdout.strip() or None

    def read(self, objects: Iterable[str]) -> dict[str, str | None]:
        """The text of each object named (a blob id or `<commit>:<path>`), decoded as
        UTF-8 (undecodable bytes replaced); None for one that does not exist. One
        `git cat-file --batch` for them all."""
        names = list(dict.fromkeys(objects))
        found = self._objects(names) if names else {}
        return {name: found[name].decode("utf-8", errors="replace") if name in found
                else None for name in names}

    def signatures(self, commits: Sequence[str]) -> Iterator[Signature]:
        """Each commit's signature in turn, checked by ssh-keygen as git checks it: the
        commit object without its `gpgsig` header is the signed message, in git's
        namespace (`ssh-keygen -Y check-novalidate -n git`). Whose key it is, is for
        the registry to say, by its fingerprint. Checks run side by side, one per
        processor, ahead of the caller, who judges one commit while the next are
        checked."""
        raw = self._objects(commits)
        keygen = shutil.which("ssh-keygen")
        with tempfile.TemporaryDirectory(prefix="draftkit-verify-") as folder:

            def check(sha: str) -> Signature:
                message, signature = _split_signature(raw.get(sha) or b"")
                if signature is None:
                    return Signature("N", "")
                if b"BEGIN SSH SIGNATURE" not in signature:
                    return Signature("E", "")  # an OpenPGP or X.509 signature: not a key here
                if keygen is None:
                    raise DraftkitError("ssh-keygen is not installed (or not on PATH): it "
                                        "checks the commits' signatures (openssh-client)")
                path = Path(folder) / sha
                path.write_bytes(signature)
                done = subprocess.run([keygen, "-Y", "check-novalidate", "-n", "git", "-s",
                                       str(path)], input=message, capture_output=True,
                                      check=False)
                found = _FINGERPRINT.search(done.stdout)
                if done.returncode != 0 or found is None:
                    return Signature("B", "")
                return Signature("G", found.group(1).decode("ascii"))

            workers = max(1, min(os.cpu_count() or 1, 8))
            with ThreadPoolExecutor(workers) as pool:
                yield from pool.map(check, commits)

    def _objects(self, names: Sequence[str]) -> dict[str, bytes]:
        """The raw bytes of the objects named, by one `git cat-file --batch`."""
        done = subprocess.run([self.program, "cat-file", "--batch"], cwd=self.cwd,
                              input="".join(f"{n}\n" for n in names).encode("utf-8"),
                              capture_output=True, check=False)
        if done.returncode != 0:
            raise DraftkitError(f"git cat-file failed: {done.stderr.decode(errors='replace')}")
        data, at = done.stdout, 0
        found: dict[str, bytes] = {}
        for name in names:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            at = end + 1
            if len(header) < 3 or header[-1] == b"missing":
                continue
            size = int(header[2])
            found[name] = data[at:at + size]
            at += size + 1
        return found

    def uncommitted(self) -> list[tuple[str, str]]:
        """Files of the drafts folder that differ from HEAD or are not in git: (path
        inside the drafts folder, git's two-letter status)."""
        out = self.run("status", "--porcelain=v1", "-z", "--untracked-files=all",
                        "--no-renames", "--", ".")
        found = []
        for entry in out.split("\0"):
            if len(entry) > 3 and entry[3:].startswith(self.prefix):
                found.append((entry[3 + len(self.prefix):], entry[:2]))
        return found


Registry = tuple[dict[str, Party], tuple[SigningKey, ...]]
_UNCOMMITTED = {"??": "new, not committed", " D": "deleted, not committed",
                "D ": "deleted, not committed"}


def verify_history(drafts: Path, document_id: str | None, since: str | None) -> Report:
    """Read the history of the drafts folder at `drafts` and judge it (draftkit.verify).

    The keys in force at a commit are those recorded in the registry of its parents:
    a key added by a commit does not sign that commit. The one exception is the
    trust anchor: where no key is recorded before it, a commit's own presidency keys
    count for it, so the presidency's first signed commit (recording its key and the
    delegations') verifies; delegations check that key's fingerprint with the
    presidency out of band (docs/shared-repository.md). There is one anchor, and
    none after a start (`since`) that records keys: any other commit that vouches
    for itself (an unrelated history with keys of its own, merged in) is reported."""
    git = Git(drafts)
    if not git.has_head():
        raise DraftkitError("the drafts folder's repository has no commits yet")
    start = git.commit(since) if since else None
    history = [c for c in git.history(start) if any(
        _concerns(f.path, document_id) for f in c.changes)]
    registry_path = f"{git.prefix}parties.txt"
    texts = git.read([f"{sha}:{registry_path}" for c in history for sha in (*c.parents, c.sha)]
                     + ([f"{start}:{registry_path}"] if start else []))
    parsed: dict[str, Registry | DraftkitError] = {}  # a registry's text, read once

    def read_registry(commit: str) -> Registry | DraftkitError:
        text = texts.get(f"{commit}:{registry_path}")
        if text is None:
            return {}, ()
        if text not in parsed:
            try:
                parsed[text] = parse_registry(text, registry_path)
            except DraftkitError as error:
                parsed[text] = error
        return parsed[text]

    def registry(commit: str) -> Registry:
        """The registry at `commit`; none where it does not read (the commit that
        wrote it is reported)."""
        found = read_registry(commit)
        return ({}, ()) if isinstance(found, DraftkitError) else found

    bases = {c.sha: git.merge_base(c.parents) for c in history if len(c.parents) > 1}
    wanted = [b for c in history for f in c.changes for b in (*f.before, f.after) if b]
    wanted += [f"{bases[c.sha]}:{git.prefix}{f.path}" for c in history
               if bases.get(c.sha) for f in c.changes]
    blobs = git.read(wanted)
    fingerprints: dict[str, str] = {}  # a key's base64 → its fingerprint, computed once
    findings: list[Finding] = []
    anchors: list[str] = []  # commits whose own presidency keys vouch for themselves
    for c, signature in zip(history, git.signatures([c.sha for c in history]), strict=True):
        keys = {k.blob: k for sha in c.parents for k in registry(sha)[1]}
        parties = {code: p for sha in (*c.parents, c.sha) for code, p in registry(sha)[0].items()}
        if not keys:
            keys = {k.blob: k for k in registry(c.sha)[1] if k.holder == PRESIDENCY}
            anchors += [c.sha] if keys else []
        base = bases.get(c.sha)
        files = tuple(Texts(f.path, tuple(blobs.get(b) if b else None for b in f.before),
                            blobs.get(f.after) if f.after else None,
                            blobs.get(f"{base}:{git.prefix}{f.path}") if base else None)
                      for f in c.changes if _concerns(f.path, document_id))
        for k in keys.values():
            if k.blob not in fingerprints:
                fingerprints[k.blob] = k.fingerprint
        holders = {fingerprints[k.blob]: k.holder for k in keys.values()}
        findings += judge(Commit(c.sha, signature.status, signature.fingerprint, holders,
                                 parties, files))
        unreadable = read_registry(c.sha)
        if isinstance(unreadable, DraftkitError) and any(
                f.path == "parties.txt" and f.after is not None for f in files):
            findings.append(Finding("parties.txt", c.sha, "-",
                                    f"the registry does not read: {unreadable}"))
    keyed_start = start if start and registry(start)[1] else None
    findings += _anchors(anchors, keyed_start)
    for path, status in git.uncommitted():
        if _concerns(path, document_id):
            findings.append(Finding(path, "uncommitted", "-", _UNCOMMITTED.get(
                status, "changed since the last commit, not committed")))
    shown = tuple(attrs.evolve(f, path=f"{git.prefix}{f.path}") for f in findings)
    return Report(shown, len(history), sum(len(c.changes) for c in history), start,
                  anchors[0] if len(anchors) == 1 and keyed_start is None else None)


def _anchors(anchors: list[str], keyed_start: str | None) -> list[Finding]:
    """The trust anchor is one commit: the first to record keys. Where the start of the
    range records keys already, or where two histories each have one (an unrelated
    history merged in), every commit that vouches for itself is reported."""
    if keyed_start is not None:
        why = f"presidency keys that vouch for themselves, where {keyed_start[:12]} " \
              f"records the keys in force"
    elif len(anchors) > 1:
        why = f"one of {len(anchors)} trust anchors ({', '.join(a[:12] for a in anchors)}): " \
              f"presidency keys that vouch for themselves; there must be one"
    else:
        return []
    return [Finding("parties.txt", sha, "-", why) for sha in anchors]


def _concerns(path: str, document_id: str | None) -> bool:
    """Whether a file is judged: every file, or one document's and the folder's own."""
    return document_id is None or "/" not in path or path.startswith(f"{document_id}/")

