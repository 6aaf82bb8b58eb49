"""Safe output: nothing a party wrote reaches a terminal, a file or a spreadsheet as
instructions.

The one family of functions that neutralises text, for every output draftkit
writes. Control characters (C0 but tab and newline, ESC among them; DEL; C1)
and the bidirectional overrides and isolates that can reorder what a reader
sees are

- shown visibly, as `\\x1b` or `<U+202E>`, in terminal, plain-text, markdown and
  HTML output (`visible`, `visible_line`, `html_text`): a reader sees that they
  are there, and nothing acts on them;
- escaped as `\\u001b` in JSON (`dumps`, `json_safe`): JSON stays JSON, its
  bytes carry no control, and a consumer decodes exactly the stored text;
- shown visibly in CSV cells too, and a cell a spreadsheet would take for a
  formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
  leading `'`, as OWASP recommends (`csv_cell`).

The stored text is never altered: these functions are applied on the way out.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

# Overrides and isolates reorder whole runs of text ("Trojan Source"); the marks
# (U+200E, U+200F, U+061C) only set the direction of neutral characters, and
# Arabic and Hebrew text legitimately holds them: they pass.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]")
_UNSAFE_IN_LINE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def html_text(text: str) -> str:
    """`text` for an HTML page: controls shown visibly (a character reference would
    still act, or turn C1 into other characters), then escaped, quotes included."""
    return html.escape(visible(text))


def json_safe(dumped: str) -> str:
    """JSON text (as `json.dumps` writes it) with the controls it leaves raw (DEL, C1,
    bidi) escaped as `\\uXXXX`: the same JSON value, in bytes that carry no control.

    Such characters can only stand inside JSON strings, where the escape means them."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def dumps(value: Any, *, indent: int | None = None) -> str:
    """`json.dumps` (non-ASCII text kept readable) made safe by `json_safe`."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def dumps_pieces(value: Any) -> Iterator[str]:
    """`dumps(value)` (compact) in pieces, where `value` holds iterators in place of
    lists: each item is encoded as it comes, so neither the whole value nor its whole
    text need be in memory at once (a 50,000-proposal compilation is 23 MB of JSON).
    An iterator may stand as the value, or in a dict or iterator on the way down to it;
    anything without one is encoded whole, by the C encoder."""
    if isinstance(value, Iterator):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from dumps_pieces(item)
        yield "]"
    elif _streams(value):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield (", " if index else "") + dumps(key) + ": "
            yield from dumps_pieces(item)
        yield "}"
    else:
        yield dumps(value)


def _streams(value: Any) -> bool:
    """Whether `value` is an iterator, or a dict with one among its values, or deeper in
    a dict among them."""
    return isinstance(value, Iterator) or (
        isinstance(value, dict) and any(map(_streams, value.values())))


def csv_cell(text: str) -> str:
    """A spreadsheet cell: controls shown visibly (newlines too), and a leading `'` when
    a spreadsheet would read the cell as a formula, so it reads as text. A legitimate
    leading "- " or "+1" gets the quote too: that is the price of never running one."""
    shown = visible_line(text)
    return "'" + shown if shown.startswith(FORMULA_START) else shown
