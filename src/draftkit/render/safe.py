"""Safe output: nothing a party wrote reaches a terminal or a text file as instructions.

Control characters (C0 but tab and newline, DEL, C1) and the bidirectional
overrides and isolates that can reorder what a reader sees are shown visibly,
as `\\x1b` or `<U+202E>`; the stored text is never altered.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]")
_UNSAFE_IN_LINE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]")


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (tab and newline kept)."""
    return _UNSAFE.sub(_shown, text)


def visible_line(text: str) -> str:
    """`visible`, and newlines shown too: for output that must stay one line."""
    return _UNSAFE_IN_LINE.sub(_shown, text)
