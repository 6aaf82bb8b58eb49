"""Reading a drafts folder's git history for `draftkit verify`: the shell side.

Everything here runs git and hands back plain data; the rules that judge it are
pure (draftkit.verify). git does the cryptography: each commit's signature is
checked by git itself (`%G?` and `%GK`, with `gpg.ssh.allowedSignersFile`
pointing at an allowed-signers file derived from the registry), which runs
ssh-keygen. Which key may speak for whom is decided by the pure rules, from
the key's fingerprint and the registry in force at the commit.

Four git processes however long the history: one `git log --raw -c` for what
each commit changed, one `git cat-file --batch` for the files' contents, and
one `git log --no-walk` per processor for the signatures (checking a signature
runs ssh-keygen twice, the one slow step; they run side by side).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
from attrs import frozen

from draftkit.errors import DraftkitError
from draftkit.keys import PRESIDENCY, SigningKey, allowed_signers, holders_by_fingerprint
from draftkit.model import Party
from draftkit.store.registry_format import parse_registry
from draftkit.store.setup import git_program
from draftkit.verify import Commit, Finding, Report, Texts, judge

ZERO = "0" * 40


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
    """git's verdict on a commit's signature: `%G?` (G good, U good but the signer not
    in the allowed-signers file, B bad, N none, E cannot be checked, X/Y expired,
    R revoked) and the signing key's fingerprint `%GK` (SHA256:… for SSH)."""

    status: str
    fingerprint: str


class Git:
    """git, run in the repository that holds a drafts folder."""

    def __init__(self, drafts: Path) -> None:
        self.program = git_program()
        self.cwd = drafts
        top = self._run("rev-parse", "--show-toplevel", what="the drafts folder is not in a "
                        "git repository (see docs/shared-repository.md)").strip()
        self.top = Path(top)
        self.prefix = self._run("rev-parse", "--show-prefix").strip()  # "drafts/" or ""

    def _run(self, *args: str, what: str = "", stdin: str | None = None,
             config: Sequence[str] = ()) -> str:
        command = [self.program, *(part for c in config for part in ("-c", c)), *args]
        done = subprocess.run(command, cwd=self.cwd, input=stdin, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
        if done.returncode != 0:
            said = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
            raise DraftkitError(what or f"git {args[0]} failed: {said}")
        return done.stdout

    def commit(self, name: str) -> str:
        """The full id of a commit named by a ref or an id; DraftkitError if none."""
        return self._run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}",
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
        out = self._run("log", "--topo-order", "--reverse", "--format=%x01%H %P", "--raw",
                        "--no-renames", "--root", "--no-abbrev", "-z", *revisions, "--")
        commits = []
        for chunk in out.split("\x01")[1:]:
            head, _, rest = chunk.partition("\0")
            sha, *parents = head.split()
            if len(parents) > 1:  # git log shows no diff for a merge: one per parent
                diffs = [self._diff(self._run("diff-tree", "-r", "--no-renames", "--raw",
                                              "-z", "--no-abbrev", parent, sha))
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
                found[path[len(self.prefix):]] = (None if old == ZERO else old,
                                                  None if new == ZERO else new)
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
        if not names:
            return {}
        done = subprocess.run([self.program, "cat-file", "--batch"], cwd=self.cwd,
                              input="".join(f"{n}\n" for n in names).encode("utf-8"),
                              capture_output=True, check=False)
        if done.returncode != 0:
            raise DraftkitError(f"git cat-file failed: {done.stderr.decode(errors='replace')}")
        data, at = done.stdout, 0
        found: dict[str, str | None] = {}
        for name in names:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            at = end + 1
            if len(header) < 3 or header[-1] == b"missing":
                found[name] = None
                continue
            size = int(header[2])
            found[name] = data[at:at + size].decode("utf-8", errors="replace")
            at += size + 1
        return found

    def signatures(self, commits: Sequence[str],
                   allowed_signers: str) -> dict[str, Signature]:
        """git's check of each commit's signature, with `allowed_signers` as
        `gpg.ssh.allowedSignersFile`. The commits are shared among as many git
        processes as there are processors."""
        if not commits:
            return {}
        workers = max(1, min(os.cpu_count() or 1, 8, len(commits)))
        share = -(-len(commits) // workers)
        parts = [commits[n:n + share] for n in range(0, len(commits), share)]
        with tempfile.TemporaryDirectory(prefix="draftkit-verify-") as folder:
            signers = Path(folder) / "allowed_signers"
            signers.write_text(allowed_signers, encoding="utf-8")
            config = (f"gpg.ssh.allowedSignersFile={signers}", "log.showSignature=false")

            def check(part: Sequence[str]) -> str:
                return self._run("log", "--no-walk=unsorted", "--stdin",
                                 "--format=%H %G? %GK", stdin="".join(f"{c}\n" for c in part),
                                 config=config)

            with ThreadPoolExecutor(len(parts)) as pool:
                outputs = list(pool.map(check, parts))
        found = {}
        for line in "".join(outputs).splitlines():
            sha, status, *fingerprint = line.split()
            found[sha] = Signature(status, fingerprint[0] if fingerprint else "")
        return found

    def uncommitted(self) -> list[tuple[str, str]]:
        """Files of the drafts folder that differ from HEAD or are not in git: (path
        inside the drafts folder, git's two-letter status)."""
        out = self._run("status", "--porcelain=v1", "-z", "--untracked-files=all",
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
    trust anchor: while no key is recorded at all, a commit's own presidency keys
    count for it, so the presidency's first signed commit (recording its key and the
    delegations') verifies; delegations check that key's fingerprint with the
    presidency out of band (docs/shared-repository.md)."""
    git = Git(drafts)
    if not git.has_head():
        raise DraftkitError("the drafts folder's repository has no commits yet")
    start = git.commit(since) if since else None
    history = [c for c in git.history(start) if any(
        _concerns(f.path, document_id) for f in c.changes)]
    registry_path = f"{git.prefix}parties.txt"
    texts = git.read([f"{sha}:{registry_path}" for c in history for sha in (*c.parents, c.sha)])
    parsed: dict[str, Registry] = {}

    def registry(commit: str) -> Registry:
        text = texts.get(f"{commit}:{registry_path}")
        if text is None:
            return {}, ()
        if text not in parsed:
            try:
                parsed[text] = parse_registry(text, registry_path)
            except DraftkitError:
                parsed[text] = {}, ()  # the commit that wrote it is reported
        return parsed[text]

    bases = {c.sha: git.merge_base(c.parents) for c in history if len(c.parents) > 1}
    wanted = [b for c in history for f in c.changes for b in (*f.before, f.after) if b]
    wanted += [f"{bases[c.sha]}:{git.prefix}{f.path}" for c in history
               if bases.get(c.sha) for f in c.changes]
    blobs = git.read(wanted)
    every_key = {k.blob: k for c in history for sha in (*c.parents, c.sha)
                 for k in registry(sha)[1]}
    signatures = git.signatures([c.sha for c in history],
                                allowed_signers(tuple(every_key.values())))
    findings: list[Finding] = []
    anchor = None
    for c in history:
        keys = {k.blob: k for sha in c.parents for k in registry(sha)[1]}
        parties = {code: p for sha in (*c.parents, c.sha) for code, p in registry(sha)[0].items()}
        if not keys:
            keys = {k.blob: k for k in registry(c.sha)[1] if k.holder == PRESIDENCY}
            anchor = anchor or (c.sha if keys else None)
        base = bases.get(c.sha)
        files = tuple(Texts(f.path, tuple(blobs.get(b) if b else None for b in f.before),
                            blobs.get(f.after) if f.after else None,
                            blobs.get(f"{base}:{git.prefix}{f.path}") if base else None)
                      for f in c.changes if _concerns(f.path, document_id))
        signature = signatures.get(c.sha, Signature("N", ""))
        findings += judge(Commit(c.sha, signature.status, signature.fingerprint,
                                 holders_by_fingerprint(tuple(keys.values())), parties, files))
        findings += _unreadable_registry(c.sha, files, registry_path)
    for path, status in git.uncommitted():
        if _concerns(path, document_id):
            findings.append(Finding(path, "uncommitted", "-", _UNCOMMITTED.get(
                status, "changed since the last commit, not committed")))
    shown = tuple(attrs.evolve(f, path=f"{git.prefix}{f.path}") for f in findings)
    return Report(shown, len(history), sum(len(c.changes) for c in history), start, anchor)


def _concerns(path: str, document_id: str | None) -> bool:
    """Whether a file is judged: every file, or one document's and the folder's own."""
    return document_id is None or "/" not in path or path.startswith(f"{document_id}/")


def _unreadable_registry(sha: str, files: tuple[Texts, ...], path: str) -> list[Finding]:
    for texts in files:
        if texts.path == "parties.txt" and texts.after is not None:
            try:
                parse_registry(texts.after, path)
            except DraftkitError as error:
                return [Finding(texts.path, sha, "-", f"the registry does not read: {error}")]
    return []
