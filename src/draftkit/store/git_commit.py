"""`draftkit --commit COMMAND`: the signed git commit of exactly what a command wrote.

Before the command runs, the drafts folder must be in a git repository that
signs commits (`user.signingkey` set; see docs/shared-repository.md) and must
have nothing uncommitted, so that the commit holds the command's writes and
nothing else; otherwise nothing is written. After it has written, everything
changed in the drafts folder is committed, signed (`git commit -S`), with the
command line as the message.
"""

from __future__ import annotations

from pathlib import Path

from draftkit.errors import DraftkitError
from draftkit.store.git_history import Git


def ready(drafts: Path) -> Git:
    """The repository to commit in, once it can take the commit; DraftkitError saying
    what stands in the way otherwise."""
    git = Git(drafts)
    if not git.run("config", "--get", "user.signingkey", what="--commit makes a signed "
                   "commit: set git's user.signingkey (and gpg.format ssh) first, see "
                   "docs/shared-repository.md").strip():
        raise DraftkitError("--commit makes a signed commit: user.signingkey is empty")
    dirty = git.uncommitted()
    if dirty:
        shown = ", ".join(path for path, _ in dirty[:3]) + (", …" if len(dirty) > 3 else "")
        raise DraftkitError(f"--commit: the drafts folder has changes not committed "
                            f"({shown}); commit them first, so the commit holds this "
                            f"command's writes alone")
    return git


def commit(git: Git, message: str) -> str | None:
    """Commit, signed, everything changed in the drafts folder; its id, or None when the
    command wrote nothing."""
    git.run("add", "--all", "--", ".")
    if not git.uncommitted():
        return None
    git.run("commit", "--quiet", "--gpg-sign", "--message", message, "--", ".")
    return git.commit("HEAD")
