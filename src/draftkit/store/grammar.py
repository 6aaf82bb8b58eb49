"""The one grammar of every store file: what a person reads in a git diff.

    draftkit <kind> <version>
    key: value
    …
    (a blank line)
    @tag field | field | field
    a text line, after the tags that carry one (a revision's @para)

A value is written bare when an editor cannot change what it means; one whose
edges carry meaning (surrounding spaces, emptiness, a leading double quote),
that holds a control or line-separator character, or, as a field, a "|", is
written as a double-quoted string with JSON escapes. Fields are separated by
"|" (written with a space each side); the last field takes the rest of the line. So an
editor or hook that strips trailing whitespace, converts line ends to CRLF or
adds a byte-order mark changes nothing: the reader takes CRLF and a BOM, and
strips bare values. Writing what was read gives back the same bytes.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import NamedTuple

from attrs import field, frozen

from draftkit.errors import FormatError

SEPARATOR = " | "
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


@frozen
class Shape:
    """What a record with one tag holds: between `least` and `most` fields (the last
    takes the rest of the line), and whether a text line follows it."""

    most: int
    least: int | None = None
    text: bool = False
    minimum: int = field(init=False)  # `least`, or `most` when it is not given

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "minimum", self.most if self.least is None else self.least)


class Record(NamedTuple):
    """One @tag line as read (a tuple: made ten thousand times a merge, at a third of the
    cost of a frozen attrs instance)."""

    tag: str
    fields: tuple[str, ...]
    line: int
    text: str | None = None


@frozen
class StoreFile:
    """A store file as read: its version, its header fields (with their lines), its records."""

    path: str
    version: int
    header: Mapping[str, str]  # in the order of its lines, one a line from the second
    records: tuple[Record, ...]

    @property
    def header_lines(self) -> dict[str, int]:
        """The line of each header field."""
        return {key: number for number, key in enumerate(self.header, start=2)}

    def error(self, line: int, message: str) -> FormatError:
        return FormatError(self.path, line, message)

    def require(self, key: str) -> str:
        if key not in self.header:
            raise FormatError(self.path, 1, f"header field {key!r} is missing")
        return self.header[key]

    def line_of(self, key: str) -> int:
        return self.header_lines.get(key, 1)


# writing

# Control characters (Unicode category Cc), the line and paragraph separators (Zl,
# Zp), and the bidirectional overrides and isolates that can reorder what a reader
# of the file (or its git diff) sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def needs_quotes(value: str, *, field: bool = False) -> bool:
    return (not value or value != value.strip() or value.startswith('"')
            or _UNSAFE.search(value) is not None or (field and "|" in value))


def _unsafe(character: str) -> bool:
    return _UNSAFE.match(character) is not None


def quote(value: str) -> str:
    """The double-quoted form: JSON escapes for quotes, backslashes and control characters."""
    out = ['"']
    for character in value:
        if character in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[character])
        elif _unsafe(character):
            out.append(f"\\u{ord(character):04x}")
        else:
            out.append(character)
    return "".join(out) + '"'


def value(text: str, *, field: bool = False) -> str:
    """A value as written: bare when that is safe, else quoted."""
    return quote(text) if needs_quotes(text, field=field) else text


def magic_line(kind: str, version: int) -> str:
    return f"draftkit {kind} {version}"


def header_line(key: str, text: str) -> str:
    return f"{key}: {value(text)}"


def record_line(tag: str, *fields: str) -> str:
    return f"@{tag} " + SEPARATOR.join(value(f, field=True) for f in fields)


def text_line(text: str) -> str:
    return value(text)


def join(lines: Iterable[str]) -> str:
    return "\n".join(lines) + "\n"


# reading

def normalise(text: str) -> str:
    """A file's text as the grammar reads it: no byte-order mark, LF line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read(text: str, path: str, kind: str, *, versions: Sequence[int] = (1,),
         keys: Sequence[str] = (), shapes: Mapping[str, Shape] | None = None) -> StoreFile:
    """Read a store file of `kind`; every problem is a FormatError naming path and line.

    `keys` are the header fields allowed; `shapes` the record tags and what each holds.
    """
    text = normalise(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" in text:
        number = next(n for n, line in enumerate(lines, start=1) if "\r" in line)
        raise FormatError(path, number, "a carriage return inside a line")
    version = _magic(lines[0] if lines else "", path, kind, versions)
    header: dict[str, str] = {}
    count = len(lines)
    allowed = _allowed(tuple(keys))
    number = 1  # of the line before lines[number]
    for line in islice(lines, 1, None):
        if not line or line[0] == "@" or line.isspace():
            break
        key, colon, raw = line.partition(":")
        key = key.strip()
        number += 1
        if not colon or key not in allowed:
            raise FormatError(path, number, f"expected a header field 'key: value' "
                                            f"(one of {', '.join(keys) or 'none'})")
        if key in header:
            raise FormatError(path, number, f"header field {key!r} given twice")
        raw = raw.strip()
        header[key] = _bare_or_quoted(raw, path, number) if raw[:1] == '"' else raw
    records = []
    shapes = shapes or {}
    while number < count:
        line = lines[number]
        if not line or line.isspace():
            number += 1
            continue
        tag, _, rest = line[1:].partition(" ")
        shape = shapes.get(tag) if line[0] == "@" else None
        if shape is None or '"' in rest:
            record, number = _record(lines, number, path, shapes)
            records.append(record)
            continue
        # The common line, read here (a third of the time of a proposal file): bare
        # fields, the pieces between "|"s, and the text line after it if it takes one.
        found = tuple(map(str.strip, rest.split("|", shape.most - 1))) \
            if rest and not rest.isspace() else ()
        if not shape.minimum <= len(found) <= shape.most:
            _counted(list(found), shape, path, number + 1, tag)
        if not shape.text:
            number += 1
            records.append(Record(tag, found, number))
            continue
        if number + 1 >= count or not (raw := lines[number + 1].strip()):
            raise FormatError(path, number + 2, f"expected the text of the @{tag} on this line")
        value = _bare_or_quoted(raw, path, number + 2) if raw[:1] == '"' else raw
        records.append(Record(tag, found, number + 1, value))
        number += 2
    return StoreFile(path, version, header, tuple(records))


@functools.cache
def _allowed(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


def _magic(line: str, path: str, kind: str, versions: Sequence[int]) -> int:
    if line == f"draftkit {kind} {versions[-1]}":  # as draftkit writes it
        return versions[-1]
    words = line.strip().split(" ")
    if len(words) != 3 or words[:2] != ["draftkit", kind] or not words[2].isdigit():
        raise FormatError(path, 1, f"expected first line {magic_line(kind, versions[-1])!r}")
    version = int(words[2])
    if version not in versions:
        raise FormatError(path, 1, f"draftkit {kind} format {version} is not one this "
                                   f"draftkit reads ({', '.join(map(str, versions))})")
    return version


def _record(lines: list[str], index: int, path: str,
            shapes: Mapping[str, Shape]) -> tuple[Record, int]:
    line = lines[index]
    tag, _, rest = line[1:].partition(" ") if line.startswith("@") else ("", "", "")
    shape = shapes.get(tag)
    if shape is None:
        tags = ", ".join(f"@{t}" for t in shapes) or "none"
        raise FormatError(path, index + 1, f"expected a record line starting with one of "
                                           f"{tags}")
    fields = _fields(rest, shape, path, index + 1, tag)
    if not shape.text:
        return Record(tag, fields, index + 1), index + 1
    if index + 1 >= len(lines) or not lines[index + 1].strip():
        raise FormatError(path, index + 2, f"expected the text of the @{tag} on this line")
    text = _bare_or_quoted(lines[index + 1], path, index + 2)
    return Record(tag, fields, index + 1, text), index + 2


def fields_of(text: str, most: int, what: str) -> tuple[str, ...]:
    """A line of up to `most` fields as a record holds them ('a | "b | c"': a field
    holding "|" is quoted), the last taking the rest; FormatError naming `what`."""
    return _fields(text, Shape(most, least=0), what, 1, what.lstrip("-"))


def _fields(rest: str, shape: Shape, path: str, number: int, tag: str) -> tuple[str, ...]:
    if '"' not in rest:  # no quoted field: the bare fields are the pieces between "|"s
        fields = rest.split("|", shape.most - 1) if rest.strip() else []
        return _counted([field.strip() for field in fields], shape, path, number, tag)
    fields = []
    position = 0
    while True:
        while position < len(rest) and rest[position] == " ":
            position += 1
        if rest.startswith('"', position):
            end = _string_end(rest, position, path, number)
            fields.append(_decode(rest[position:end], path, number))
            tail = rest[end:].lstrip(" ")
            if not tail.strip():
                break
            if not tail.startswith("|"):
                raise FormatError(path, number, "expected '|' after a quoted field")
            position = len(rest) - len(tail) + 1
            continue
        cut = -1 if len(fields) == shape.most - 1 else rest.find("|", position)
        if cut < 0:
            fields.append(rest[position:].strip())
            break
        fields.append(rest[position:cut].strip())
        position = cut + 1
    if not rest.strip():  # nothing after the tag: no fields (but '""' is one, empty)
        fields = []
    return _counted(fields, shape, path, number, tag)


def _counted(fields: list[str], shape: Shape, path: str, number: int,
             tag: str) -> tuple[str, ...]:
    """`fields`, refused if the record's shape does not take as many."""
    if not shape.minimum <= len(fields) <= shape.most:
        count = str(shape.most) if shape.minimum == shape.most else \
            f"{shape.minimum} to {shape.most}"
        raise FormatError(path, number, f"@{tag} takes {count} fields separated by "
                                        f"{SEPARATOR!r}, not {len(fields)}")
    return tuple(fields)


def _bare_or_quoted(raw: str, path: str, number: int) -> str:
    stripped = raw.strip()
    if stripped[:1] == '"':
        if _PLAIN_STRING.fullmatch(stripped):  # what json.loads would give, without it
            return stripped[1:-1]
        end = _string_end(stripped, 0, path, number)
        if end != len(stripped):
            raise FormatError(path, number, "text after the closing quote")
        return _decode(stripped, path, number)
    return stripped


# A double-quoted string: a backslash takes the character after it, whatever it is.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# One holding no escape, no control character and no lone surrogate, which json.loads
# reads as the characters between its quotes.
_PLAIN_STRING = re.compile('"[^"\\\\\x00-\x1f\ud800-\udfff]*"')


def _string_end(text: str, start: int, path: str, number: int) -> int:
    """The index just after the quoted string that starts at `start`."""
    found = _STRING.match(text, start)
    if found is None:
        raise FormatError(path, number, "a quoted value without its closing quote")
    return found.end()


def _decode(quoted: str, path: str, number: int) -> str:
    try:
        decoded = json.loads(quoted)
    except ValueError:
        raise FormatError(path, number, "a quoted value with a bad escape") from None
    if not isinstance(decoded, str):
        raise FormatError(path, number, "a quoted value with a bad escape")
    try:
        decoded.encode("utf-8")
    except UnicodeEncodeError:
        raise FormatError(path, number, "a quoted value with a lone surrogate") from None
    return decoded
