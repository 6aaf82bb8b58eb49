"""The two texts a tracked .docx holds: changes rejected (old) and accepted (new).

Both are split into paragraphs at the paragraph marks they keep, whichever
way Word or LibreOffice tracked a new or deleted paragraph (the new mark, or
the one before it). An old and a new paragraph are linked when they share
unchanged text, or failing that stand in the same paragraph of the file:
that is how an edited paragraph is told from one added or deleted whole. The
paragraphs of tables are left out of both views: each cell is a text of its own
(`cell_views`).
"""

from __future__ import annotations

from attrs import frozen

from draftkit.docx.reader import Kind, Piece, WordDocument, WordTable


@frozen
class Para:
    """One paragraph of one view: its text, and where each piece of it starts."""

    text: str
    pieces: tuple[tuple[int, int], ...]  # (piece index, offset of the piece in `text`)
    sources: frozenset[int]  # the file's paragraphs it draws on
    style: str


@frozen
class Views:
    pieces: tuple[Piece, ...]
    old: tuple[Para, ...]
    new: tuple[Para, ...]
    new_of: dict[int, list[int]]  # old index → the new paragraphs linked to it
    old_of: dict[int, list[int]]
    old_at: dict[int, tuple[int, int]]  # piece index → its old paragraph and offset there
    tables: tuple[WordTable, ...] = ()
    marks: tuple[int, ...] = ()  # each of the file's paragraphs: the piece of its mark

    def authors(self, para: Para, start: int, end: int, kind: Kind) -> list[str]:
        """Authors of the `kind` pieces of `para` overlapping its text[start:end]."""
        return [self.pieces[index].author for index, offset in para.pieces
                if self.pieces[index].kind == kind
                and offset < end and start < offset + len(self.pieces[index].text)]


def views(document: WordDocument) -> Views:
    old, old_at = _view(document, "insert")
    new, new_at = _view(document, "delete")
    links = {(old_at[i][0], new_at[i][0]) for i, piece in enumerate(document.pieces)
             if piece.kind == "equal" and not piece.mark and piece.text.strip()
             and i in old_at}
    linked_old = {o for o, _ in links}
    linked_new = {n for _, n in links}
    alone: dict[int, set[int]] = {}  # a file paragraph → unlinked new paragraphs drawing on it
    for n, para in enumerate(new):
        if n not in linked_new and para.text.strip():
            for source in para.sources:
                alone.setdefault(source, set()).add(n)
    for o, para in enumerate(old):
        if o not in linked_old and para.text.strip():
            links |= {(o, n) for source in para.sources for n in alone.get(source, ())}
    new_of: dict[int, list[int]] = {}
    old_of: dict[int, list[int]] = {}
    for o, n in sorted(links):
        new_of.setdefault(o, []).append(n)
        old_of.setdefault(n, []).append(o)
    marks = tuple(i for i, piece in enumerate(document.pieces) if piece.mark)
    return Views(document.pieces, tuple(old), tuple(new), new_of, old_of, old_at,
                 document.tables, marks)


def cell_views(views: Views, cell: tuple[int, ...]) -> tuple[Para, Para]:
    """A table cell's text with all changes rejected and with all accepted; a cell
    holding several paragraphs reads as one line, joined by spaces."""
    if not cell:  # a cell without a paragraph, which Word never writes
        return Para("", (), frozenset(), ""), Para("", (), frozenset(), "")
    first = views.marks[cell[0] - 1] + 1 if cell[0] else 0

    def view(left_out: Kind) -> Para:
        text: list[str] = []
        pieces: list[tuple[int, int]] = []
        length = 0
        for index in range(first, views.marks[cell[-1]]):
            piece = views.pieces[index]
            if piece.kind == left_out:
                continue
            value = " " if piece.mark else piece.text
            pieces.append((index, length))
            text.append(value)
            length += len(value)
        return Para("".join(text), tuple(pieces), frozenset(cell), "")

    return view("insert"), view("delete")


def _view(document: WordDocument, left_out: Kind
          ) -> tuple[list[Para], dict[int, tuple[int, int]]]:
    """The paragraphs of one view, and where each piece (or mark) falls: paragraph, offset."""
    paragraphs: list[Para] = []
    at: dict[int, tuple[int, int]] = {}
    text: list[str] = []
    pieces: list[tuple[int, int]] = []
    sources: set[int] = set()
    length = 0
    in_tables = document.in_tables()
    for index, piece in enumerate(document.pieces):
        if piece.kind == left_out or piece.paragraph in in_tables:
            continue
        sources.add(piece.paragraph)
        at[index] = (len(paragraphs), length)
        if piece.mark:
            paragraphs.append(Para("".join(text), tuple(pieces), frozenset(sources),
                                   document.styles[piece.paragraph]))
            text, pieces, sources, length = [], [], set(), 0
            continue
        pieces.append((index, length))
        text.append(piece.text)
        length += len(piece.text)
    if text:
        paragraphs.append(Para("".join(text), tuple(pieces), frozenset(sources), ""))
    return paragraphs, at


def shifted(para: Para, start: int) -> Para:
    """`para` without its first `start` characters (a label), offsets moved to match."""
    return Para(para.text[start:], tuple((i, offset - start) for i, offset in para.pieces),
                para.sources, para.style)
