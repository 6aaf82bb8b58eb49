"""The provenance file `revisions/<name>.provenance.txt`: which proposals made a merged revision.

Written beside the revision by `draftkit merge --into`, never rewritten; parse
errors name file and line, and `format_provenance(parse_provenance(text))`
gives back `text`. One line per change, then one per relabelled paragraph:

    draftkit provenance 1
    revision: rev2
    parent: rev1

    @change 7kq2mx | 120-139 | 120-138 | NOR-7hq3 IRL-2kd9 | NOR IRL
    @label 7kq2mx | Action 5 bis | Action 6

A change says that characters `old_start-old_end` of the paragraph's text in
the parent became `new_start-new_end` of its text here (offsets count Unicode
code points), and names the proposals and parties behind it; `-` stands for
no parties. A label line gives the paragraph's label in the parent and here
(`-` for none: a new paragraph, or an unlabelled one).
"""

from __future__ import annotations

import re

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.merge import Relabel
from draftkit.model import ID_PATTERN
from draftkit.provenance import Change, Provenance

MAGIC = "draftkit provenance 1"
_RANGE = re.compile(r"(\d+)-(\d+)")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@frozen
class ProvenanceRecord:
    """A provenance file's content: the changes, and the labels the merge changed."""

    provenance: Provenance
    labels: tuple[Relabel, ...] = ()


def format_provenance(record: ProvenanceRecord) -> str:
    provenance = record.provenance
    lines = [MAGIC, f"revision: {provenance.revision}", f"parent: {provenance.parent}", ""]
    for paragraph, changes in provenance.changes.items():
        for c in changes:
            lines.append(f"@change {paragraph} | {c.old_start}-{c.old_end} | "
                         f"{c.new_start}-{c.new_end} | {' '.join(c.proposals)} | "
                         f"{' '.join(c.parties) or '-'}")
    for relabel in record.labels:
        lines.append(f"@label {relabel.paragraph} | {relabel.old or '-'} | {relabel.new or '-'}")
    return "\n".join(lines) + "\n"


def parse_provenance(text: str, path: str) -> ProvenanceRecord:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != MAGIC:
        raise FormatError(path, 1, f"expected first line {MAGIC!r}")
    header: dict[str, str] = {}
    for number, key in ((2, "revision"), (3, "parent")):
        line = lines[number - 1] if len(lines) >= number else ""
        found, colon, value = line.partition(": ")
        if found != key or not colon or not _NAME.fullmatch(value):
            raise FormatError(path, number, f"expected '{key}: <revision name>'")
        header[key] = value
    if len(lines) > 3 and lines[3]:
        raise FormatError(path, 4, "expected a blank line after the header")
    changes: dict[str, tuple[Change, ...]] = {}
    labels: list[Relabel] = []
    for number, line in enumerate(lines[4:], start=5):
        if line.startswith("@change "):
            paragraph, change = _change(line[len("@change "):], path, number)
            changes[paragraph] = (*changes.get(paragraph, ()), change)
        elif line.startswith("@label "):
            labels.append(_label(line[len("@label "):], path, number))
        else:
            raise FormatError(path, number, "expected '@change …' or '@label …'")
    return ProvenanceRecord(Provenance(header["revision"], header["parent"], changes),
                            tuple(labels))


def _change(rest: str, path: str, number: int) -> tuple[str, Change]:
    fields = rest.split(" | ")
    if len(fields) != 5:
        raise FormatError(path, number, "expected '@change <paragraph id> | <old start>-<old "
                                        "end> | <new start>-<new end> | <proposals> | "
                                        "<parties or ->'")
    paragraph, old, new, proposals, parties = fields
    ranges = [_RANGE.fullmatch(old), _RANGE.fullmatch(new)]
    if not ID_PATTERN.fullmatch(paragraph):
        raise FormatError(path, number, f"not a paragraph id: {paragraph!r}")
    if ranges[0] is None or ranges[1] is None:
        raise FormatError(path, number, "expected character ranges like 12-30")
    (a, b), (c, d) = ((int(m[1]), int(m[2])) for m in ranges if m is not None)
    if a > b or c > d:
        raise FormatError(path, number, "a range ends before it starts")
    ids = tuple(proposals.split(" "))
    if not all(ID_PATTERN.fullmatch(i) for i in ids):
        raise FormatError(path, number, "expected proposal ids separated by single spaces")
    who = () if parties == "-" else tuple(parties.split(" "))
    return paragraph, Change(a, b, c, d, ids, who)


def _label(rest: str, path: str, number: int) -> Relabel:
    fields = rest.split(" | ")
    if len(fields) != 3 or not ID_PATTERN.fullmatch(fields[0]) or \
            any(not f.strip() or f != f.strip() for f in fields[1:]):
        raise FormatError(path, number, "expected '@label <paragraph id> | <old label or -> | "
                                        "<new label or ->'")
    paragraph, old, new = fields
    return Relabel(paragraph, None if old == "-" else old, None if new == "-" else new)
