"""Signing keys: which public SSH keys speak for which party, and for the presidency.

A key is recorded in the registry (`parties.txt`) as its own line,

    @key NOR | ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… | norway-delegation@geneva

so adding one is one appended line (it diffs well and lands in parallel). Its
holder is a party code or `Presidency`, the role that issues revisions and
decides on proposals; the presidency is not a party (it is held by a State,
but the chair's team and that State's delegation speak separately). A key
holds for one holder only. git's allowed-signers file is derived from these
lines (`allowed_signers`), never stored beside them.

Pure rules; the store reads and writes the registry.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from attrs import frozen

from draftkit.errors import DraftkitError, NotFoundError
from draftkit.model import Party

PRESIDENCY = "Presidency"
# The public key types ssh-keygen signs with (`ssh-keygen -Y sign`).
KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
             "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
             "sk-ecdsa-sha2-nistp256@openssh.com")


@frozen
class SigningKey:
    """One public key and the party (or the presidency) it speaks for."""

    holder: str
    kind: str
    blob: str  # the key's base64, as in a .pub file
    comment: str = ""

    @property
    def public(self) -> str:
        return f"{self.kind} {self.blob}"

    @property
    def fingerprint(self) -> str:
        """As ssh-keygen and git show it: `SHA256:` and the unpadded base64 of the
        SHA-256 of the key's bytes."""
        digest = hashlib.sha256(base64.b64decode(self.blob)).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def holder_name(holder: str, parties: dict[str, Party]) -> str:
    """A holder as the registry writes it: `Presidency` (any case), or a party code in
    the registry; NotFoundError otherwise."""
    written = holder.strip()
    if written.casefold() == PRESIDENCY.casefold():
        return PRESIDENCY
    code = written.upper()
    if code not in parties:
        raise NotFoundError(f"unknown party {holder!r}: a key is held by a party in the "
                            f"registry or by the {PRESIDENCY}")
    return code


def parse_public_key(holder: str, text: str) -> SigningKey:
    """A key from a line of a `.pub` file (`<type> <base64> [comment]`); DraftkitError
    if it is not an SSH public key of a type ssh-keygen signs with."""
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 2:
        raise DraftkitError("not an SSH public key: expected '<type> <base64> [comment]', "
                            "like the line of a .pub file")
    kind, blob = parts[0], parts[1]
    if kind not in KEY_TYPES:
        raise DraftkitError(f"not an SSH signing key type: {kind!r} (one of "
                            f"{', '.join(KEY_TYPES)})")
    try:
        data = base64.b64decode(blob, validate=True)
        (length,) = struct.unpack(">I", data[:4])
        inner = data[4:4 + length].decode("ascii")
    except (binascii.Error, struct.error, UnicodeDecodeError):
        raise DraftkitError(f"not an SSH public key: its {kind} data is not valid "
                            f"base64 key bytes") from None
    if inner != kind:
        raise DraftkitError(f"not an SSH public key: it says {kind} but holds a "
                            f"{inner!r} key")
    comment = parts[2].strip() if len(parts) == 3 else ""
    return SigningKey(holder, kind, blob, " ".join(comment.split()))


def add_key(keys: tuple[SigningKey, ...], key: SigningKey) -> tuple[SigningKey, ...]:
    """The keys with `key` appended; refused if it is recorded already (a key speaks for
    one holder only)."""
    for known in keys:
        if known.blob == key.blob:
            raise DraftkitError(f"key {key.fingerprint} is recorded already, for "
                                f"{known.holder}")
    return (*keys, key)


def remove_key(keys: tuple[SigningKey, ...], holder: str,
               which: str) -> tuple[tuple[SigningKey, ...], SigningKey]:
    """The keys without the one of `holder` named by `which`: its fingerprint
    (`SHA256:…`), its base64, or its `.pub` line. Returns the keys left and the one
    removed."""
    wanted = which.strip()
    parts = wanted.split()
    named = {wanted, parts[1] if len(parts) >= 2 else wanted}
    found = [k for k in keys if k.holder == holder and named & {k.fingerprint, k.blob}]
    if not found:
        raise NotFoundError(f"{holder} has no key {wanted!r} (see `draftkit parties key "
                            f"{holder}`)")
    return tuple(k for k in keys if k is not found[0]), found[0]


def allowed_signers(keys: tuple[SigningKey, ...]) -> str:
    """git's allowed-signers file (`gpg.ssh.allowedSignersFile`): one line per key, its
    holder as the principal, for git's namespace only."""
    return "".join(f'{key.holder} namespaces="git" {key.public}\n' for key in keys)

