"""The revision file: parse with file:line errors, format byte-stably.

See docs/store-format.md. `format_revision(parse_revision(text))` gives back
`text` for any file draftkit wrote; hand-edited files are read leniently
(extra blank lines, CRLF) and paragraphs without ids get fresh identities.
"""

from __future__ import annotations

import datetime as dt
import secrets

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.labels import Label, LabelError
from draftkit.model import ID_PATTERN, Paragraph, Revision, Section, Status

MAGIC = "draftkit revision 1"
HEADER_KEYS = ("document", "name", "date", "issued-by", "parent", "note")
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh six-character identity not in `taken`."""
    while True:
        candidate = "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))
        if candidate not in taken:
            return candidate


@frozen
class ParsedRevision:
    """A revision file as read: its header fields, its sections, and which ids are new."""

    header: dict[str, str]
    sections: tuple[Section, ...]
    fresh_ids: frozenset[str]

    def to_revision(self, path: str, **overrides: str | None) -> Revision:
        """The Revision, with header fields overridden where given (for `revise`)."""
        fields = {**self.header, **{k: v for k, v in overrides.items() if v is not None}}
        for key in ("document", "name", "date", "issued-by"):
            if not fields.get(key):
                raise FormatError(path, 1, f"header field {key!r} is missing")
        try:
            date = dt.date.fromisoformat(fields["date"])
        except ValueError:
            raise FormatError(path, 1, f"date is not YYYY-MM-DD: {fields['date']!r}") from None
        try:
            return Revision(
                document=fields["document"],
                name=fields["name"],
                date=date,
                issued_by=fields["issued-by"],
                parent=fields.get("parent") or None,
                note=fields.get("note", ""),
                sections=self.sections,
            )
        except ValueError as error:
            raise FormatError(path, 1, str(error)) from None


def format_revision(revision: Revision) -> str:
    lines = [
        MAGIC,
        f"document: {revision.document}",
        f"name: {revision.name}",
        f"date: {revision.date.isoformat()}",
        f"issued-by: {revision.issued_by}",
    ]
    if revision.parent:
        lines.append(f"parent: {revision.parent}")
    if revision.note:
        lines.append(f"note: {revision.note}")
    for section in revision.sections:
        lines += ["", f"@section {section.id} | {section.number or '-'} | {section.heading}"]
        for paragraph in section.paragraphs:
            label = str(paragraph.label) if paragraph.label is not None else "-"
            lines += ["", f"@para {paragraph.id} | {label} | {paragraph.status.value}"]
            lines.append(paragraph.text)
    return "\n".join(lines) + "\n"


def parse_revision(text: str, path: str, *, require_ids: bool = True,
                   taken: frozenset[str] | set[str] = frozenset()) -> ParsedRevision:
    """Read a revision file; every problem is a FormatError naming path and line."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].strip() != MAGIC:
        raise FormatError(path, 1, f"expected first line {MAGIC!r}")
    header: dict[str, str] = {}
    index = 1
    while index < len(lines) and lines[index].strip() and not lines[index].startswith("@"):
        key, colon, value = lines[index].partition(":")
        key = key.strip()
        if not colon or key not in HEADER_KEYS:
            raise FormatError(path, index + 1, f"expected a header field 'key: value', one of "
                              f"{', '.join(HEADER_KEYS)}")
        if key in header:
            raise FormatError(path, index + 1, f"header field {key!r} given twice")
        header[key] = value.strip()
        index += 1
    body = _BodyReader(path, require_ids, taken)
    while index < len(lines):
        index = body.read(lines, index)
    return ParsedRevision(header, body.finish(), frozenset(body.fresh_ids))


class _BodyReader:
    """Reads @section and @para blocks, checking ids and labels as it goes."""

    def __init__(self, path: str, require_ids: bool, taken: frozenset[str] | set[str]) -> None:
        self.path = path
        self.taken = taken
        self.require_ids = require_ids
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.ids: set[str] = set()
        self.fresh_ids: set[str] = set()
        self.labels: set[Label] = set()
        self.open_section: tuple[str, str | None, str] | None = None

    def error(self, index: int, message: str) -> FormatError:
        return FormatError(self.path, index + 1, message)

    def read(self, lines: list[str], index: int) -> int:
        line = lines[index]
        if not line.strip():
            return index + 1
        if line.startswith("@section"):
            self._close_section()
            fields = line[len("@section"):].split("|", 2)
            if len(fields) != 3:
                raise self.error(index, "expected '@section <id> | <number or -> | <heading>'")
            number = fields[1].strip()
            identity = self._identity(fields[0], index)
            self.open_section = (identity, None if number == "-" else number, fields[2].strip())
            return index + 1
        if line.startswith("@para"):
            if self.open_section is None:
                raise self.error(index, "a paragraph before any @section")
            fields = line[len("@para"):].split("|")
            if len(fields) != 3:
                raise self.error(index, "expected '@para <id> | <label or -> | <status>'")
            if index + 1 >= len(lines) or not lines[index + 1].strip():
                raise self.error(index + 1, "expected the paragraph's text on the next line")
            paragraph = Paragraph(
                id=self._identity(fields[0], index),
                label=self._label(fields[1].strip(), index),
                text=lines[index + 1],
                status=self._status(fields[2].strip(), index),
            )
            self.paragraphs.append(paragraph)
            return index + 2
        raise self.error(index, "expected '@section …' or '@para …' (paragraph text goes on "
                                "the one line after its @para)")

    def _identity(self, raw: str, index: int) -> str:
        identity = raw.strip()
        if not identity:
            if self.require_ids:
                raise self.error(index, "missing id")
            identity = new_id(self.ids | self.taken)
            self.fresh_ids.add(identity)
        elif not ID_PATTERN.fullmatch(identity):
            raise self.error(index, f"not a valid id: {identity!r}")
        if identity in self.ids:
            raise self.error(index, f"id {identity!r} used twice")
        self.ids.add(identity)
        return identity

    def _label(self, raw: str, index: int) -> Label | None:
        if raw in ("-", ""):
            return None
        try:
            label = Label.parse(raw)
        except LabelError as error:
            raise self.error(index, str(error)) from None
        if label in self.labels:
            raise self.error(index, f"label {label} used twice")
        self.labels.add(label)
        return label

    def _status(self, raw: str, index: int) -> Status:
        try:
            return Status(raw)
        except ValueError:
            raise self.error(index, f"unknown status {raw!r}: use open, ad-ref or agreed") from None

    def _close_section(self) -> None:
        if self.open_section is not None:
            identity, number, heading = self.open_section
            self.sections.append(Section(identity, number, heading, tuple(self.paragraphs)))
            self.paragraphs = []

    def finish(self) -> tuple[Section, ...]:
        self._close_section()
        return tuple(self.sections)
