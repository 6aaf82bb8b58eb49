"""Opening an untrusted .docx safely: zip limits and XML without a DTD.

A delegation's file is input from outside. The zip is refused beyond a
number of entries and, for the parts read, beyond a size each and in total
(declared sizes are checked before inflating, and `zipfile` never inflates
past the declared size). Python's expat never fetches external entities but
does expand internal ones, so any DOCTYPE (the only place an entity can be
declared) is refused before the XML is parsed.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree
from xml.parsers import expat

from draftkit.docx import parts
from draftkit.errors import DraftkitError

MAX_ENTRIES = 2_000
MAX_PART = 32 * 2**20
MAX_TOTAL = 64 * 2**20


class DocxError(DraftkitError):
    """A file that is not a readable Word document, or one refused as unsafe."""


class Package:
    """The parts of a .docx, read on demand within the size limits."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            entries = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise DocxError(f"{name}: not a .docx file (not a zip archive)") from None
        if len(entries) > MAX_ENTRIES:
            raise DocxError(f"{name}: refused: {len(entries)} entries in the zip "
                            f"(at most {MAX_ENTRIES})")
        self._entries = {entry.filename: entry for entry in entries}
        self._total = 0

    def read(self, part: str) -> bytes | None:
        """A part's bytes, None if absent; an error beyond the limits or when corrupt."""
        entry = self._entries.get(part)
        if entry is None:
            return None
        if entry.file_size > MAX_PART or self._total + entry.file_size > MAX_TOTAL:
            raise DocxError(f"{self.name}: refused: {part} inflates to {entry.file_size:,} "
                            f"bytes (at most {MAX_PART:,} a part, {MAX_TOTAL:,} in all)")
        try:
            data = self._zip.read(entry)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
            raise DocxError(f"{self.name}: {part} cannot be read ({e})") from None
        self._total += len(data)
        return data

    def xml(self, part: str) -> ElementTree.Element | None:
        data = self.read(part)
        return None if data is None else parse_xml(data, f"{self.name}: {part}")

    def related(self, source: str, relationship: str) -> str | None:
        """The part that `source` points to by a relationship type, if any."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return None
        for item in rels.iter(f"{{{parts.PACKAGE_RELS}}}Relationship"):
            if item.get("Type") == relationship and item.get("TargetMode") != "External":
                target = item.get("Target", "")
                joined = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                return joined
        return None


def parse_xml(data: bytes, where: str) -> ElementTree.Element:
    """Parse XML that declares no DTD; a DTD or malformed XML is a DocxError."""
    scanner = expat.ParserCreate()

    def refuse(*_args: object) -> None:
        raise DocxError(f"{where}: refused: the XML declares a DTD (entities could "
                        f"expand without bound)")

    scanner.StartDoctypeDeclHandler = refuse
    scanner.EntityDeclHandler = refuse
    try:
        scanner.Parse(data, True)
        return ElementTree.fromstring(data)
    except (expat.ExpatError, ElementTree.ParseError) as error:
        raise DocxError(f"{where}: not well-formed XML ({error})") from None
