"""The neutral shape of a Word document draftkit writes: blocks of runs.

Exports (a clean revision, a diff, a compilation) build these values and
`writer.write_docx` turns them into WordprocessingML, so no exporter needs to
know the XML and the XML is written (and escaped) in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import frozen

Style = Literal["title", "heading1", "heading2", "body", "symbol", "masthead", "meeting"]
HEADING_STYLES: tuple[Style, ...] = ("title", "heading1", "heading2")


@frozen
class Tracked:
    """A tracked change: inserted or deleted, by whom (party codes) and when."""

    kind: Literal["insert", "delete"]
    authors: tuple[str, ...]
    date: dt.datetime

    @property
    def author(self) -> str:
        """Word has one author per change: co-sponsors are joined ("NOR, IRL")."""
        return ", ".join(self.authors) or "draftkit"


@frozen
class Run:
    """Some text, plain or tracked, and the keys of the notes whose range covers it."""

    text: str
    change: Tracked | None = None
    notes: tuple[str, ...] = ()
    bold: bool = False
    check_box: bool = False  # an empty check box (a Word content control) before the text


@frozen
class NoteReply:
    author: str
    date: dt.datetime
    text: str


@frozen
class Note:
    """A Word comment: `key` ties it to the runs it covers (none: the whole block)."""

    key: str
    author: str
    date: dt.datetime
    body: tuple[str, ...]
    replies: tuple[NoteReply, ...] = ()
    done: bool = False


@frozen
class Block:
    """A paragraph: a heading or a body paragraph whose label runs open it.

    `mark` tracks the paragraph mark itself, so a paragraph inserted or
    deleted whole is one, not an empty paragraph left behind.
    """

    runs: tuple[Run, ...]
    style: Style = "body"
    label: tuple[Run, ...] = ()
    mark: Tracked | None = None
    notes: tuple[Note, ...] = ()


@frozen
class Cell:
    """A table cell: one paragraph of runs; `shaded` grey (the forms shade voluntary ones)."""

    runs: tuple[Run, ...] = ()
    shaded: bool = False


@frozen
class Grid:
    """A Word table: its first row is the header (bold, repeated on each page). `marks`,
    when given, track each row inserted or deleted whole (None: neither)."""

    rows: tuple[tuple[Cell, ...], ...]
    marks: tuple[Tracked | None, ...] = ()


def heading(text: str, level: int, notes: tuple[Note, ...] = ()) -> Block:
    """A heading block: level 0 is the document title, 1 a section, 2 a subsection."""
    return Block((Run(text),), HEADING_STYLES[min(level, 2)], notes=notes)
