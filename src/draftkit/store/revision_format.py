"""The revision file: the text of one revision and, for a merged one, its record.

See docs/store-format.md. A recorded revision is one file, written once by one
atomic step: its text (sections and paragraphs), then for a revision made by
`merge` the record of the merge (which proposals made which changes and which
moved which paragraphs, the labels it changed, the proposals it incorporated, the
agreed paragraphs it reopened),
then a seal, the SHA-256 of
everything above it, so a file changed after it was recorded is refused. An
export is the text alone; `revise` reads it back leniently: paragraphs without
ids get fresh identities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from attrs import field, frozen

from draftkit.agreement import AgreedChange
from draftkit.errors import FormatError
from draftkit.identity import new_id
from draftkit.labels import Label, LabelError
from draftkit.merge import Relabel
from draftkit.model import ID_PATTERN, Paragraph, Revision, RevisionKind, Section, Status
from draftkit.provenance import Change, Move, Provenance
from draftkit.store import grammar, table_format
from draftkit.store.grammar import Record, Shape

KIND = "revision"
VERSION = 2
HEADER_KEYS = ("document", "name", "symbol", "kind", "date", "meeting", "issued-by", "parent",
               "note")
SHAPES = {
    "section": Shape(3), "para": Shape(3, text=True),
    "change": Shape(5), "cell-change": Shape(7), "move": Shape(3), "label": Shape(3),
    "incorporated": Shape(1), "set-aside": Shape(2), "reopened": Shape(5), "sha256": Shape(1),
    **table_format.SHAPES,
}
_RANGE = re.compile(r"(\d+)-(\d+)")
_HEX = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


@frozen
class MergeRecord:
    """What a merge recorded with the revision it made: which proposals changed which
    words and moved which paragraphs, the labels it changed, every proposal it
    incorporated, every proposal it set aside for a preferred one (`merge
    --prefer`), with the proposals preferred to it, and the agreed (or ad ref)
    paragraphs whose words it changed, reopening them (`merge --reopen`)."""

    provenance: Provenance
    labels: tuple[Relabel, ...] = ()
    incorporated: tuple[str, ...] = ()
    set_aside: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reopened: tuple[AgreedChange, ...] = ()


@frozen
class ParsedRevision:
    """A revision file as read: header fields, sections, which ids are new, the merge
    record if any, and whether its seal matched (None: the file has no seal)."""

    header: dict[str, str]
    sections: tuple[Section, ...]
    fresh_ids: frozenset[str]
    record: MergeRecord | None = None
    sealed: bool | None = None
    lines: dict[str, int] = field(factory=dict)

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
        kind = None
        if fields.get("kind"):
            try:
                kind = RevisionKind(fields["kind"])
            except ValueError:
                choices = ", ".join(k.value for k in RevisionKind)
                raise FormatError(path, self.lines.get("kind", 1),
                                  f"kind is not one of {choices}: {fields['kind']!r}") from None
        try:
            return Revision(document=fields["document"], name=fields["name"], date=date,
                            issued_by=fields["issued-by"], parent=fields.get("parent") or None,
                            note=fields.get("note", ""), sections=self.sections, kind=kind,
                            meeting=fields.get("meeting") or None,
                            symbol=fields.get("symbol") or None)
        except ValueError as error:
            raise FormatError(path, 1, str(error)) from None


def format_revision(revision: Revision) -> str:
    """The revision's text as a person edits it: header, sections and paragraphs."""
    lines = [grammar.magic_line(KIND, VERSION)]
    fields = [("document", revision.document), ("name", revision.name),
              ("symbol", revision.symbol or ""),
              ("kind", revision.kind.value if revision.kind else ""),
              ("date", revision.date.isoformat()), ("meeting", revision.meeting or ""),
              ("issued-by", revision.issued_by), ("parent", revision.parent or ""),
              ("note", revision.note)]
    lines += [grammar.header_line(key, text) for key, text in fields if text]
    for section in revision.sections:
        lines += ["", grammar.record_line("section", section.id, section.number or "-",
                                          section.heading)]
        for paragraph in section.paragraphs:
            label = str(paragraph.label) if paragraph.label is not None else "-"
            lines += ["", grammar.record_line("para", paragraph.id, label,
                                              paragraph.status.value),
                      grammar.text_line(paragraph.text), *table_format.content_lines(paragraph)]
    return grammar.join(lines)


def format_revision_file(revision: Revision, record: MergeRecord | None = None) -> str:
    """The recorded file: the text, the merge record if any, and the seal."""
    text = format_revision(revision)
    if record is not None:
        lines = []
        for paragraph, changes in record.provenance.changes.items():
            lines += [grammar.record_line(
                "change", paragraph, f"{c.old_start}-{c.old_end}", f"{c.new_start}-{c.new_end}",
                " ".join(c.proposals), " ".join(c.parties) or "-") for c in changes]
        lines += [grammar.record_line(
            "cell-change", *cell, f"{c.old_start}-{c.old_end}", f"{c.new_start}-{c.new_end}",
            " ".join(c.proposals), " ".join(c.parties) or "-")
            for cell, changes in record.provenance.cells.items() for c in changes]
        lines += [grammar.record_line("move", paragraph, " ".join(m.proposals),
                                      " ".join(m.parties) or "-")
                  for paragraph, m in record.provenance.moves.items()]
        lines += [grammar.record_line("label", r.paragraph, r.old or "-", r.new or "-")
                  for r in record.labels]
        lines += [grammar.record_line("incorporated", i) for i in record.incorporated]
        lines += [grammar.record_line("set-aside", i, " ".join(preferred))
                  for i, preferred in record.set_aside]
        lines += [grammar.record_line("reopened", r.paragraph, r.label or "-", r.status.value,
                                      " ".join(r.proposals) or "-", " ".join(r.parties) or "-")
                  for r in record.reopened]
        text += grammar.join(["", *lines]) if lines else ""
    return text + "\n" + grammar.record_line("sha256", seal(text + "\n")) + "\n"


def seal(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_revision(text: str, path: str, *, require_ids: bool = True,
                   taken: frozenset[str] | set[str] = frozenset()) -> ParsedRevision:
    """Read a revision file; every problem is a FormatError naming path and line."""
    read = grammar.read(text, path, KIND, versions=(VERSION,), keys=HEADER_KEYS, shapes=SHAPES)
    body = _BodyReader(path, require_ids, taken)
    merge = _RecordReader(path, read.header.get("name", ""), read.header.get("parent", ""))
    sealed = None
    for number, record in enumerate(read.records):
        if record.tag == "sha256":
            if number != len(read.records) - 1:
                raise FormatError(path, record.line, "@sha256 must be the last line")
            sealed = _check_seal(text, record, path)
        elif record.tag in ("section", "para") or record.tag in table_format.SHAPES:
            if merge.started:
                raise FormatError(path, record.line, f"@{record.tag} after the merge record")
            body.read(record)
        else:
            merge.read(record)
    return ParsedRevision(dict(read.header), body.finish(), frozenset(body.fresh_ids),
                          merge.finish(), sealed, dict(read.header_lines))


def _check_seal(text: str, record: Record, path: str) -> bool:
    if not _HEX.fullmatch(record.fields[0]):
        raise FormatError(path, record.line, "expected '@sha256 <64 hex digits>'")
    # The seal covers the lines above its own: hashed where they stand in the text, a
    # megabyte at a time, rather than copied into a string (and its UTF-8) of their own.
    normalised = grammar.normalise(text)
    end = 0
    for _ in range(record.line - 1):
        end = normalised.index("\n", end) + 1
    digest = hashlib.sha256()
    for start in range(0, end, _CHUNK):
        digest.update(normalised[start:min(start + _CHUNK, end)].encode("utf-8"))
    return digest.hexdigest() == record.fields[0]


class _BodyReader:
    """Reads @section and @para records, checking ids and labels as it goes."""

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
        self.open_paragraph: tuple[Record, table_format.ContentReader] | None = None

    def read(self, record: Record) -> None:
        if record.tag in table_format.SHAPES:
            if self.open_paragraph is None:
                raise FormatError(self.path, record.line, f"@{record.tag} before any @para")
            self.open_paragraph[1].read(record)
            return
        self._close_paragraph()
        if record.tag == "section":
            self._close_section()
            identity, number, heading = record.fields
            self.open_section = (self._identity(identity, record.line),
                                 None if number == "-" else number, heading)
            return
        if self.open_section is None:
            raise FormatError(self.path, record.line, "a paragraph before any @section")
        self.open_paragraph = (record, table_format.ContentReader(self.path))

    def _close_paragraph(self) -> None:
        if self.open_paragraph is None:
            return
        record, reader = self.open_paragraph
        self.open_paragraph = None
        identity, label, status = record.fields
        content = reader.finish()
        try:
            self.paragraphs.append(Paragraph(
                id=self._identity(identity, record.line),
                label=self._label(label, record.line), text=record.text or "",
                status=self._status(status, record.line), table=content.table,
                form=content.form))
        except ValueError as error:
            raise FormatError(self.path, record.line + 1, str(error)) from None

    def _identity(self, raw: str, line: int) -> str:
        identity = raw.strip()
        if not identity:
            if self.require_ids:
                raise FormatError(self.path, line, "missing id")
            identity = new_id(self.ids)
            while identity in self.taken:  # not a union of the two per paragraph
                identity = new_id(self.ids)
            self.fresh_ids.add(identity)
        elif not ID_PATTERN.fullmatch(identity):
            raise FormatError(self.path, line, f"not a valid id: {identity!r}")
        if identity in self.ids:
            raise FormatError(self.path, line, f"id {identity!r} used twice")
        self.ids.add(identity)
        return identity

    def _label(self, raw: str, line: int) -> Label | None:
        if raw in ("-", ""):
            return None
        try:
            label = Label.parse(raw)
        except LabelError as error:
            raise FormatError(self.path, line, str(error)) from None
        if label in self.labels:
            raise FormatError(self.path, line, f"label {label} used twice")
        self.labels.add(label)
        return label

    def _status(self, raw: str, line: int) -> Status:
        try:
            return Status(raw)
        except ValueError:
            raise FormatError(self.path, line, f"unknown status {raw!r}: use open, ad-ref or "
                                               f"agreed") from None

    def _close_section(self) -> None:
        if self.open_section is not None:
            identity, number, heading = self.open_section
            try:
                self.sections.append(Section(identity, number, heading, tuple(self.paragraphs)))
            except ValueError as error:
                raise FormatError(self.path, 1, str(error)) from None
            self.paragraphs = []

    def finish(self) -> tuple[Section, ...]:
        self._close_paragraph()
        self._close_section()
        return tuple(self.sections)


class _RecordReader:
    """Reads a merged revision's @change, @cell-change, @move, @label, @incorporated, @set-aside and
    @reopened records."""

    def __init__(self, path: str, name: str, parent: str) -> None:
        self.path = path
        self.name = name
        self.parent = parent
        self.started = False
        self.changes: dict[str, tuple[Change, ...]] = {}
        self.cells: dict[tuple[str, str, str], tuple[Change, ...]] = {}
        self.moves: dict[str, Move] = {}
        self.labels: list[Relabel] = []
        self.incorporated: list[str] = []
        self.set_aside: dict[str, tuple[str, ...]] = {}
        self.reopened: list[AgreedChange] = []

    def read(self, record: Record) -> None:
        self.started = True
        if record.tag == "change":
            paragraph, change = self._change(record.fields, record.line)
            self.changes[paragraph] = (*self.changes.get(paragraph, ()), change)
        elif record.tag == "cell-change":
            table, row, column, *fields = record.fields
            for identity in (row, column):
                self._id(identity, record.line)
            table, change = self._change(tuple([table, *fields]), record.line)
            cell = (table, row, column)
            self.cells[cell] = (*self.cells.get(cell, ()), change)
        elif record.tag == "move":
            paragraph, proposals, parties = record.fields
            self._id(paragraph, record.line)
            if paragraph in self.moves:
                raise FormatError(self.path, record.line, f"paragraph {paragraph} is moved "
                                                          f"twice")
            self.moves[paragraph] = Move(self._ids(proposals, record.line),
                                         self._parties(parties))
        elif record.tag == "label":
            paragraph, old, new = record.fields
            self._id(paragraph, record.line)
            if not old or not new:
                raise FormatError(self.path, record.line, "expected '@label <paragraph id> | "
                                                          "<old label or -> | <new label or ->'")
            self.labels.append(Relabel(paragraph, None if old == "-" else old,
                                       None if new == "-" else new))
        elif record.tag == "set-aside":
            proposal, preferred = record.fields
            if self._id(proposal, record.line) in self.set_aside:
                raise FormatError(self.path, record.line, f"{proposal} is set aside twice")
            self.set_aside[proposal] = self._ids(preferred, record.line)
        elif record.tag == "reopened":
            self.reopened.append(self._reopened(record))
        else:
            self.incorporated.append(self._id(record.fields[0], record.line))

    def _reopened(self, record: Record) -> AgreedChange:
        paragraph, label, status, proposals, parties = record.fields
        self._id(paragraph, record.line)
        if status not in (Status.AD_REF.value, Status.AGREED.value):
            raise FormatError(self.path, record.line, f"@reopened: a paragraph agreed or "
                                                      f"ad-ref, not {status!r}")
        if any(r.paragraph == paragraph for r in self.reopened):
            raise FormatError(self.path, record.line, f"paragraph {paragraph} is reopened "
                                                      f"twice")
        return AgreedChange(paragraph, "" if label == "-" else label, Status(status),
                            () if proposals == "-" else self._ids(proposals, record.line),
                            self._parties(parties))

    def _id(self, identity: str, line: int) -> str:
        if not ID_PATTERN.fullmatch(identity):
            raise FormatError(self.path, line, f"not an id: {identity!r}")
        return identity

    def _change(self, fields: Sequence[str], line: int) -> tuple[str, Change]:
        """A change's paragraph (or table) id and the change, from its last five fields."""
        paragraph, old, new, proposals, parties = fields
        self._id(paragraph, line)
        ranges = [_RANGE.fullmatch(old), _RANGE.fullmatch(new)]
        if ranges[0] is None or ranges[1] is None:
            raise FormatError(self.path, line, "expected character ranges like 12-30")
        (a, b), (c, d) = ((int(m[1]), int(m[2])) for m in ranges if m is not None)
        if a > b or c > d:
            raise FormatError(self.path, line, "a range ends before it starts")
        return paragraph, Change(a, b, c, d, self._ids(proposals, line),
                                 self._parties(parties))

    def _ids(self, proposals: str, line: int) -> tuple[str, ...]:
        return tuple(self._id(i, line) for i in proposals.split(" "))

    @staticmethod
    def _parties(parties: str) -> tuple[str, ...]:
        return () if parties == "-" else tuple(parties.split(" "))

    def finish(self) -> MergeRecord | None:
        if not self.started:
            return None
        if not self.parent:
            raise FormatError(self.path, 1, "a merged revision names its parent")
        both = sorted(set(self.incorporated) & set(self.set_aside))
        if both:
            raise FormatError(self.path, 1, f"{', '.join(both)} both incorporated and set "
                                            f"aside")
        return MergeRecord(Provenance(self.name, self.parent, self.changes, self.moves,
                                      self.cells),
                           tuple(self.labels), tuple(self.incorporated),
                           tuple(self.set_aside.items()), tuple(self.reopened))
