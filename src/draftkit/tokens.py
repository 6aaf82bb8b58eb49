"""Word tokens, and the words-to-characters encoding that lets diff-match-patch diff words.

A token is a word with its trailing whitespace, or one punctuation mark (brackets
included) with its trailing whitespace, or one CJK character (those scripts do
not separate words by spaces); whitespace opening the text is a token of its
own. Tokens never split a character, and `"".join(tokens(s)) == s` for any s.

diff-match-patch diffs characters. Giving each distinct token one character
(`encode`) makes its character diff a word diff; `decode` maps back. Diff and
merge share this so that they see the same words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# Punctuation that stands alone: ASCII, Latin-1, general, Arabic, Hebrew, CJK, fullwidth.
_PUNCTUATION = (
    r"!-/:-@\[-`{-~"
    "¡§«¶·»¿"
    "\u2010-\u2027\u2030-\u205e"
    "\u060c\u061b\u061f\u066a-\u066d\u06d4"
    "\u05be\u05c0\u05c3\u05c6\u05f3\u05f4"
    "\u3001-\u3003\u3008-\u3011\u3014-\u301f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(rf"\s+|(?:[{_PUNCTUATION}{_CJK}]|[^\s{_PUNCTUATION}{_CJK}]+)\s*")
_WORD_CHARACTER = re.compile(rf"[^\s{_PUNCTUATION}{_CJK}]")

_SURROGATES = 0xD800
_SURROGATE_COUNT = 0x800
MAX_DISTINCT = 0x110000 - _SURROGATE_COUNT


def tokens(text: str) -> list[str]:
    """The text's tokens, in order; they join back to exactly `text`."""
    return _TOKEN.findall(text)


def word_character(char: str) -> bool:
    """Whether `char` belongs to a word that runs on (not space, punctuation or CJK)."""
    return _WORD_CHARACTER.match(char) is not None


def _char(index: int) -> str:
    """The index-th code point, skipping the surrogates (not characters in a str)."""
    return chr(index if index < _SURROGATES else index + _SURROGATE_COUNT)


def encode(*token_lists: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Each token list as a string of one character per token, and the vocabulary.

    Equal tokens get equal characters across all the lists; the vocabulary maps
    each character back to its token (as `decode` reads it).
    """
    codes: dict[str, str] = {}
    for token_list in token_lists:
        for token in token_list:
            if token not in codes:
                if len(codes) == MAX_DISTINCT:
                    raise ValueError(f"more than {MAX_DISTINCT} distinct tokens")
                codes[token] = _char(len(codes))
    encoded = ["".join(map(codes.__getitem__, token_list)) for token_list in token_lists]
    return encoded, {char: token for token, char in codes.items()}


def decode(chars: str, vocabulary: Mapping[str, str]) -> str:
    """The text that `chars` (from `encode`) stands for."""
    return "".join(map(vocabulary.__getitem__, chars))
