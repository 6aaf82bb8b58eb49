"""A .docx → its text as a stream of pieces, tracked or not, and its comments.

Every piece of text and every paragraph mark is kept with its tracked state
(inserted or deleted, by whom), because the text *with* the changes rejected
is what the delegation started from and the text with them accepted is what
it proposes; a reader that drops `w:ins` or `w:del` loses exactly that. A table's
paragraphs are in the stream too, and `WordDocument.tables` says which cell of which row
each one is in, and which rows were inserted or deleted whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal
from xml.etree.ElementTree import Element

from attrs import frozen

from draftkit.docx import parts
from draftkit.docx.package import DocxError, Package

Kind = Literal["equal", "insert", "delete"]
_W = f"{{{parts.W}}}"
_CHANGES: dict[str, Kind] = {f"{_W}ins": "insert", f"{_W}moveTo": "insert",
            f"{_W}del": "delete", f"{_W}moveFrom": "delete"}
_CONTAINERS = {f"{_W}{name}" for name in ("hyperlink", "smartTag", "sdt", "sdtContent",
                                          "customXml", "fldSimple", "dir", "bdo")}
_BLOCK_CONTAINERS = {f"{_W}{name}" for name in ("tbl", "tr", "tc", "sdt", "sdtContent",
                                                "customXml")}
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": " ", f"{_W}cr": " ",
               f"{_W}noBreakHyphen": "\u2011"}


@frozen
class Piece:
    """Text (or a paragraph mark, "\\n") as it stands in the file, with its tracked state."""

    text: str
    kind: Kind
    author: str
    paragraph: int  # which of the file's paragraphs it is in
    mark: bool = False


@frozen
class WordComment:
    """A comment; its range covers pieces[start:end]; `parent` is the comment it answers."""

    id: str
    author: str
    text: str
    start: int
    end: int
    parent: str | None = None


@frozen
class WordRow:
    """A table row: each cell's paragraphs (the file's indices), and whether the row
    itself was tracked as inserted or deleted, by whom."""

    cells: tuple[tuple[int, ...], ...]
    kind: Kind = "equal"
    author: str = ""


@frozen
class WordTable:
    """A table of the body (one inside a cell belongs to that cell), and the file's
    paragraph just before it (-1: none)."""

    rows: tuple[WordRow, ...]
    after: int


@frozen
class WordDocument:
    pieces: tuple[Piece, ...]
    styles: tuple[str, ...]  # each paragraph's style id ("" for none)
    comments: tuple[WordComment, ...]
    tables: tuple[WordTable, ...] = ()

    def in_tables(self) -> frozenset[int]:
        """The file's paragraphs that stand in a table."""
        return frozenset(p for table in self.tables for row in table.rows
                         for cell in row.cells for p in cell)


def read_docx(data: bytes, name: str = "the file") -> WordDocument:
    """Read the main document and its comments; DocxError for anything unreadable."""
    package = Package(data, name)
    main = package.related("", parts.OFFICE_DOCUMENT) or "word/document.xml"
    root = package.xml(main)
    if root is None:
        raise DocxError(f"{name}: not a Word document (no {main})")
    body = root.find(f"{_W}body")
    if root.tag != f"{_W}document" or body is None:
        raise DocxError(f"{name}: not a WordprocessingML document")
    walker = _Walker()
    tables = _Tables()
    for paragraph, depth in _paragraphs(body, tables):
        tables.paragraph(len(walker.styles), depth)
        walker.paragraph(paragraph)
    comments = _comments(package, main, walker)
    return WordDocument(tuple(walker.pieces), tuple(walker.styles), comments,
                        tables.found())


def _paragraphs(element: Element, tables: _Tables) -> Iterator[tuple[Element, int]]:
    """Body paragraphs in reading order, those in tables and content controls included,
    each with how many tables deep it stands; `tables` hears of each table, row and cell
    entered.

    Iterative, like every walk over a file's XML here: a document nesting tables (or
    changes) ten thousand deep is read like any other, never a RecursionError."""
    stack = [iter(element)]
    depth = 0
    tags: list[str] = []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tags and tags.pop() == f"{_W}tbl":
                depth -= 1
        elif child.tag == f"{_W}p":
            yield child, depth
        elif child.tag in _BLOCK_CONTAINERS:
            if child.tag == f"{_W}tbl":
                depth += 1
            if depth == 1:
                tables.entered(child)
            stack.append(iter(child))
            tags.append(child.tag)


class _Tables:
    """The body's tables as the walk meets them: rows, cells and their paragraphs."""

    def __init__(self) -> None:
        self.tables: list[tuple[int, list[tuple[list[list[int]], Kind, str]]]] = []
        self.last = -1  # the last paragraph outside any table

    def entered(self, element: Element) -> None:
        if element.tag == f"{_W}tbl":
            self.tables.append((self.last, []))
        elif element.tag == f"{_W}tr":
            kind: Kind = "equal"
            author = ""
            properties = element.find(f"{_W}trPr")
            for change in properties if properties is not None else ():
                if change.tag in _CHANGES:
                    kind, author = _CHANGES[change.tag], change.get(f"{_W}author", "")
            self.tables[-1][1].append(([], kind, author))
        elif element.tag == f"{_W}tc" and self.tables and self.tables[-1][1]:
            self.tables[-1][1][-1][0].append([])

    def paragraph(self, index: int, depth: int) -> None:
        if depth == 0:
            self.last = index
        elif self.tables and self.tables[-1][1] and self.tables[-1][1][-1][0]:
            self.tables[-1][1][-1][0][-1].append(index)

    def found(self) -> tuple[WordTable, ...]:
        return tuple(WordTable(tuple(WordRow(tuple(map(tuple, cells)), kind, author)
                                     for cells, kind, author in rows), after)
                     for after, rows in self.tables)


class _Walker:
    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.styles: list[str] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}

    def paragraph(self, element: Element) -> None:
        index = len(self.styles)
        properties = element.find(f"{_W}pPr")
        style = properties.find(f"{_W}pStyle") if properties is not None else None
        self.styles.append(style.get(f"{_W}val", "") if style is not None else "")
        self._inline(element, index, "equal", "")
        kind: Kind = "equal"
        author = ""
        marks = properties.find(f"{_W}rPr") if properties is not None else None
        for change in marks if marks is not None else ():
            if change.tag in _CHANGES:
                kind, author = _CHANGES[change.tag], change.get(f"{_W}author", "")
        self.pieces.append(Piece("\n", kind, author, index, mark=True))

    def _inline(self, element: Element, index: int, kind: Kind, author: str) -> None:
        """The runs of a paragraph in order, each with the tracked change around it (the
        innermost change's author); a stack, not recursion, however deep they nest."""
        stack: list[tuple[Iterator[Element], Kind, str]] = [(iter(element), kind, author)]
        while stack:
            children, kind, author = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, index, kind, author)
            elif tag in _CHANGES:
                inner = _CHANGES[tag]
                if kind != "equal" and inner != kind:
                    continue  # inserted, then deleted: in neither text
                stack.append((iter(child), inner, child.get(f"{_W}author", "")))
            elif tag in _CONTAINERS:
                stack.append((iter(child), kind, author))
            elif tag == f"{_W}commentRangeStart":
                self.starts.setdefault(child.get(f"{_W}id", ""), len(self.pieces))
            elif tag == f"{_W}commentRangeEnd":
                self.ends[child.get(f"{_W}id", "")] = len(self.pieces)

    def _run(self, run: Element, index: int, kind: Kind, author: str) -> None:
        text = []
        for child in run:
            if child.tag in (f"{_W}t", f"{_W}delText"):
                text.append(child.text or "")
            elif child.tag in _CHARACTERS:
                text.append(_CHARACTERS[child.tag])
            elif child.tag == f"{_W}commentReference":
                reference = child.get(f"{_W}id", "")
                self.starts.setdefault(reference, len(self.pieces))
                self.ends.setdefault(reference, len(self.pieces))
        if text:
            self.pieces.append(Piece("".join(text), kind, author, index))


def _comments(package: Package, main: str, walker: _Walker) -> tuple[WordComment, ...]:
    part = package.related(main, parts.COMMENTS)
    root = package.xml(part) if part else None
    if root is None:
        return ()
    by_paragraph: dict[str, str] = {}
    found = []
    for comment in root.iter(f"{_W}comment"):
        number = comment.get(f"{_W}id", "")
        if number not in walker.starts:
            continue  # a comment the text no longer refers to
        lines = []
        for paragraph in comment.iter(f"{_W}p"):
            lines.append("".join(_text(paragraph)))
            para_id = paragraph.get(f"{{{parts.W14}}}paraId")
            if para_id:
                by_paragraph[para_id.upper()] = number
        start = walker.starts[number]
        found.append((number, comment.get(f"{_W}author", ""), "\n".join(lines).strip(),
                      start, max(start, walker.ends.get(number, start))))
    parents = _parents(package, main, by_paragraph)
    return tuple(WordComment(number, author, text, start, end, parents.get(number))
                 for number, author, text, start, end in found)


def _text(element: Element) -> Iterator[str]:
    for node in element.iter():
        if node.tag == f"{_W}t":
            yield node.text or ""
        elif node.tag in _CHARACTERS:
            yield _CHARACTERS[node.tag]


def _parents(package: Package, main: str, by_paragraph: dict[str, str]) -> dict[str, str]:
    """Which comment answers which, from commentsExtended (Word 2013 and later)."""
    part = package.related(main, parts.COMMENTS_EXTENDED)
    root = package.xml(part) if part else None
    if root is None:
        return {}
    parents = {}
    for item in root.iter(f"{{{parts.W15}}}commentEx"):
        child = by_paragraph.get(item.get(f"{{{parts.W15}}}paraId", "").upper())
        parent = by_paragraph.get(item.get(f"{{{parts.W15}}}paraIdParent", "").upper())
        if child and parent:
            parents[child] = parent
    return parents
