"""The small registry files: a document's `document.txt` and the folder's `parties.txt`."""

from __future__ import annotations

import re

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.model import Document, DocumentKind, Party, PartyKind

DOCUMENT_MAGIC = "draftkit document 1"
PARTIES_MAGIC = "draftkit parties 1"
_REVISION_LINE = re.compile(r"@revision ([a-z0-9][a-z0-9-]*) sha256:([0-9a-f]{64})")


@frozen
class RecordedRevision:
    """A manifest entry: a revision's name and the hash of its file as recorded."""

    name: str
    sha256: str


@frozen
class Manifest:
    document: Document
    revisions: tuple[RecordedRevision, ...] = ()

    def names(self) -> list[str]:
        return [recorded.name for recorded in self.revisions]


def format_manifest(manifest: Manifest) -> str:
    document = manifest.document
    lines = [DOCUMENT_MAGIC, f"id: {document.id}", f"title: {document.title}",
             f"kind: {document.kind.value}", ""]
    lines += [f"@revision {r.name} sha256:{r.sha256}" for r in manifest.revisions]
    return "\n".join(lines) + "\n"


def parse_manifest(text: str, path: str) -> Manifest:
    lines = text.split("\n")
    if lines[0].strip() != DOCUMENT_MAGIC:
        raise FormatError(path, 1, f"expected first line {DOCUMENT_MAGIC!r}")
    fields: dict[str, str] = {}
    revisions: list[RecordedRevision] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line.startswith("@revision"):
            match = _REVISION_LINE.fullmatch(line.strip())
            if match is None:
                raise FormatError(path, number, "expected '@revision <name> sha256:<64 hex>'")
            if match[1] in {r.name for r in revisions}:
                raise FormatError(path, number, f"revision {match[1]!r} listed twice")
            revisions.append(RecordedRevision(match[1], match[2]))
            continue
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in ("id", "title", "kind"):
            raise FormatError(path, number, "expected 'id:', 'title:', 'kind:' or '@revision'")
        fields[key.strip()] = value.strip()
    for key in ("id", "title", "kind"):
        if key not in fields:
            raise FormatError(path, 1, f"field {key!r} is missing")
    try:
        document = Document(fields["id"], fields["title"], DocumentKind(fields["kind"]))
    except ValueError as error:
        raise FormatError(path, 1, str(error)) from None
    return Manifest(document, tuple(revisions))


def format_parties(parties: dict[str, Party]) -> str:
    lines = [PARTIES_MAGIC, ""]
    for party in parties.values():
        fields = [party.code, party.kind.value, party.name]
        if party.members:
            fields.append(" ".join(party.members))
        lines.append(" | ".join(fields))
    return "\n".join(lines) + "\n"


def parse_parties(text: str, path: str) -> dict[str, Party]:
    lines = text.split("\n")
    if lines[0].strip() != PARTIES_MAGIC:
        raise FormatError(path, 1, f"expected first line {PARTIES_MAGIC!r}")
    parties: dict[str, Party] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("|")]
        if len(fields) not in (3, 4):
            raise FormatError(path, number, "expected 'code | kind | name [| members]'")
        try:
            party = Party(fields[0], PartyKind(fields[1]), fields[2],
                          tuple(fields[3].split()) if len(fields) == 4 else ())
        except ValueError as error:
            raise FormatError(path, number, str(error)) from None
        if party.code in parties:
            raise FormatError(path, number, f"party {party.code} listed twice")
        parties[party.code] = party
    for number, line in enumerate(lines[1:], start=2):
        code = line.split("|")[0].strip()
        for member in parties[code].members if code in parties else ():
            if member not in parties:
                raise FormatError(path, number, f"member {member} of {code} is not a party")
    return parties
