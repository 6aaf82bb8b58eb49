"""The words-to-characters encoding that lets diff-match-patch diff words.

Tokens are cut by `draftkit.text`: a word, a punctuation mark, or one
character of a script written without spaces, each with its trailing
whitespace; `"".join(tokens(s)) == s` for any s.

diff-match-patch diffs characters. Giving each distinct token one character
(`encode`) makes its character diff a word diff; `decode` maps back. Diff and
merge share this so that they see the same words.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

_SURROGATES = 0xD800
_SURROGATE_COUNT = 0x800
MAX_DISTINCT = 0x110000 - _SURROGATE_COUNT


def encode(*token_lists: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Each token list as a string of one character per token, and the vocabulary.

    Equal tokens get equal characters across all the lists (the n-th distinct token in
    order of first appearance gets the n-th code point, the surrogates skipped: they are
    not characters in a str); the vocabulary maps each character back to its token (as
    `decode` reads it).
    """
    distinct = dict.fromkeys(itertools.chain.from_iterable(token_lists))
    if len(distinct) > MAX_DISTINCT:
        raise ValueError(f"more than {MAX_DISTINCT} distinct tokens")
    points = itertools.chain(range(min(len(distinct), _SURROGATES)),
                             range(_SURROGATES + _SURROGATE_COUNT,
                                   len(distinct) + _SURROGATE_COUNT))
    codes = dict(zip(distinct, map(chr, points), strict=True))
    encoded = ["".join(map(codes.__getitem__, token_list)) for token_list in token_lists]
    return encoded, dict(zip(codes.values(), codes, strict=True))


def decode(chars: str, vocabulary: Mapping[str, str]) -> str:
    """The text that `chars` (from `encode`) stands for."""
    return "".join(map(vocabulary.__getitem__, chars))
