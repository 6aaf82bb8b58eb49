"""The folder's integrity: `check`, signing keys and attribution (issue 15: see
`draftkit.keys` and `draftkit.verify`), signed commits and their verification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from draftkit.desk.base import Desk
from draftkit.keys import SigningKey, holder_name
from draftkit.model import Party

if TYPE_CHECKING:
    from draftkit.check import Report as CheckReport
    from draftkit.verify import Report as VerifyReport


class IntegrityDesk(Desk):
    """The folder's integrity: check, signing keys, signed commits, verify."""

    def check(self, document_id: str | None = None, repair: bool = False) -> CheckReport:
        """Check the drafts folder, or one document, as `draftkit check` does: every
        file's grammar and seal, ids, parties, references, parents, debris. With
        `repair`, first remove the debris that killed writers left (never data)."""
        from draftkit.check import check

        if document_id is not None:
            self.document(document_id)
        return check(self.folder, None if document_id is None else [document_id], repair)

    def keys(self, holder: str | None = None) -> tuple[SigningKey, ...]:
        """The registry's signing keys (of one party, or of the presidency)."""
        keys = self.folder.keys()
        if holder is None:
            return keys
        who = holder_name(holder, self.parties())
        return tuple(k for k in keys if k.holder == who)

    def add_key(self, holder: str, public_key: str) -> SigningKey:
        """Record a public SSH key (a line of a .pub file) as speaking for a party or for
        the presidency (`holder`: a party code or `Presidency`)."""
        from draftkit.keys import add_key, parse_public_key
        from draftkit.store.setup import update_keys

        added: list[SigningKey] = []

        def change(parties: dict[str, Party], keys: tuple[SigningKey, ...]
                   ) -> tuple[SigningKey, ...]:
            added.append(parse_public_key(holder_name(holder, parties), public_key))
            return add_key(keys, added[0])

        update_keys(self.root, change)
        return added[0]

    def remove_key(self, holder: str, which: str) -> SigningKey:
        """Remove one of a holder's keys, named by its fingerprint (SHA256:…), its base64
        or its .pub line. Commits it signed before stay verified: keys in force at a
        commit are those its parents record."""
        from draftkit.keys import remove_key
        from draftkit.store.setup import update_keys

        removed: list[SigningKey] = []

        def change(parties: dict[str, Party], keys: tuple[SigningKey, ...]
                   ) -> tuple[SigningKey, ...]:
            left, gone = remove_key(keys, holder_name(holder, parties), which)
            removed.append(gone)
            return left

        update_keys(self.root, change)
        return removed[0]

    def allowed_signers(self) -> str:
        """git's allowed-signers file, derived from the registry's keys (for
        `gpg.ssh.allowedSignersFile`, so `git log --show-signature` names the holders)."""
        from draftkit.keys import allowed_signers

        return allowed_signers(self.folder.keys())

    def committing(self) -> Callable[[str], str | None]:
        """Get ready to commit what comes next as one signed git commit (`--commit`):
        refused, before anything is written, where the drafts folder is not in a
        repository that signs commits or has changes not committed. Returns the function
        that makes the commit, with a message: the commit's id, or None when nothing was
        written."""
        from draftkit.store.git_commit import commit, ready

        git = ready(self.root)
        return lambda message: commit(git, message)

    def verify(self, document_id: str | None = None, since: str | None = None) -> VerifyReport:
        """Check the git history of the drafts folder (or of one document and the
        registry): every item and event in a commit signed by a key of a party it speaks
        for, the presidency's acts by the presidency's keys, nothing rewritten after it
        was committed, nothing left uncommitted. History up to and including `since` (a
        commit) is accepted as it is. See draftkit.verify."""
        from draftkit.store.git_history import verify_history

        if document_id is not None:
            self.document(document_id)
        return verify_history(self.root, document_id, since)
