"""Paragraph and section identities: six characters from an alphabet without look-alikes.

Two ways to make one, both avoiding the identities already `taken`:

- `new_id`: random (from `secrets`), for what is genuinely new to the store,
  such as a paragraph typed into a revised text;
- `derived_id`: the same for the same seed, for the pure core. `merge` seeds it
  with the document, the new revision's name and the proposals that add the
  paragraph, so a dry run and the real run of one merge give the same ids.

An `IdSource` is what the core is given: a seed and the taken identities in,
an identity out. `random_id` is the random one in that shape.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from collections.abc import Set as AbstractSet

ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ID_LENGTH = 6

IdSource = Callable[[str, AbstractSet[str]], str]


def new_id(taken: AbstractSet[str] = frozenset()) -> str:
    """A fresh random identity not in `taken`."""
    while True:  # one draw for the six letters (each by itself read the system's entropy)
        candidate = _letters(secrets.randbelow(len(ID_ALPHABET) ** ID_LENGTH))
        if candidate not in taken:
            return candidate


def derived_id(seed: str, taken: AbstractSet[str] = frozenset()) -> str:
    """The identity `seed` hashes to (SHA-256), or, if taken, that of seed#1, seed#2…"""
    attempt = 0
    while True:
        candidate = _hashed(seed if attempt == 0 else f"{seed}#{attempt}")
        if candidate not in taken:
            return candidate
        attempt += 1


def random_id(seed: str, taken: AbstractSet[str] = frozenset()) -> str:
    """An `IdSource` that ignores the seed: a random identity not in `taken`."""
    del seed
    return new_id(taken)


def _hashed(text: str) -> str:
    return _letters(int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big"))


def _letters(number: int) -> str:
    """The identity a number stands for: its last ID_LENGTH digits in base len(ID_ALPHABET)."""
    letters = []
    for _ in range(ID_LENGTH):
        number, index = divmod(number, len(ID_ALPHABET))
        letters.append(ID_ALPHABET[index])
    return "".join(letters)
