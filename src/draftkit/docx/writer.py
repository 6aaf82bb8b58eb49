"""Blocks → a .docx package (WordprocessingML), with the standard library only.

Tracked changes are native `w:ins` / `w:del` (deleted text in `w:delText`),
a paragraph inserted or deleted whole has its paragraph mark tracked too, and
notes become native comments with their ranges; replies are comments linked
to their parent through commentsExtended, as Word writes them. Every text is
escaped here, and a character XML 1.0 cannot hold is an error, never dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape

from draftkit.docx import front, parts
from draftkit.docx.blocks import Block, Cell, Grid, Note, Run, Style, Tracked
from draftkit.docx.front import Front
from draftkit.errors import DraftkitError
from draftkit.model import PARTY_CODE_PATTERN

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_STYLE_IDS = {"title": "Title", "heading1": "Heading1", "heading2": "Heading2",
              "symbol": "Symbol", "masthead": "Masthead", "meeting": "Meeting"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip timestamps: the same input gives the same bytes


def write_docx(blocks: Sequence[Block | Grid], *, track_changes: bool = True,
               cover: Front | None = None) -> bytes:
    """The .docx bytes for `blocks`; `track_changes` turns on tracking for its readers;
    `cover` opens it with the first-page block and gives it a running header, page
    numbers and core properties (`draftkit.docx.front`)."""
    writer = _Writer()
    opening = _cover_blocks(cover) if cover is not None else []
    body = "".join(writer.block(block) if isinstance(block, Block) else writer.grid(block)
                   for block in _with_plain_last([*opening, *blocks]))
    targets = [(parts.STYLES, "styles.xml"), (parts.SETTINGS, "settings.xml")]
    section = ('<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
               'w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>')
    package = [(parts.OFFICE_DOCUMENT, "word/document.xml")]
    files: dict[str, str] = {}
    if cover is not None:
        # the first page shows the block, not the header; every page its number
        targets += [(parts.HEADER, "header1.xml"), (parts.FOOTER, "footer1.xml"),
                    (parts.FOOTER, "footer2.xml")]
        header = (f'<w:headerReference w:type="default" r:id="rId{len(targets) - 2}"/>'
                  if cover.running_header else "")
        section = (f'{header}<w:footerReference w:type="default" r:id="rId{len(targets) - 1}"/>'
                   f'<w:footerReference w:type="first" r:id="rId{len(targets)}"/>'
                   f"{section}<w:titlePg/>")
        files |= {"word/header1.xml": front.header_part(text(cover.running_header or "")),
                  "word/footer1.xml": front.footer_part(),
                  "word/footer2.xml": front.footer_part(),
                  "docProps/core.xml": front.core_part(text(cover.title), text(cover.author))}
        package.append((parts.CORE_PROPERTIES, "docProps/core.xml"))
    boxes = (f' xmlns:w14="{parts.W14}" xmlns:mc="{parts.MC}" mc:Ignorable="w14"'
             if writer.check_boxes else "")
    document = (f'{parts.XML_DECLARATION}<w:document xmlns:w="{parts.W}" '
                f'xmlns:r="{parts.R}"{boxes}><w:body>{body}<w:sectPr>{section}</w:sectPr>'
                "</w:body></w:document>")
    with_comments = bool(writer.comments)
    files |= {"[Content_Types].xml": parts.content_types(with_comments, cover is not None),
              "_rels/.rels": parts.relationships(package),
              "word/document.xml": document,
              "word/styles.xml": parts.styles(),
              "word/settings.xml": parts.settings(track_changes)}
    if with_comments:
        targets += [(parts.COMMENTS, "comments.xml"),
                    (parts.COMMENTS_EXTENDED, "commentsExtended.xml")]
        files["word/comments.xml"] = writer.comments_part()
        files["word/commentsExtended.xml"] = writer.comments_extended_part()
    files["word/_rels/document.xml.rels"] = parts.relationships(targets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content.encode("utf-8"),
                             zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _cover_blocks(cover: Front) -> list[Block]:
    """The first-page block: the symbol large, the other lines under it, on the right;
    then the meeting on the left."""
    styles: list[Style] = ["masthead"] * len(cover.right)
    if cover.running_header is not None and cover.right and \
            cover.running_header.startswith(cover.right[0]):
        styles[0] = "symbol"
    return [*(Block((Run(line),), style) for line, style in zip(cover.right, styles,
                                                                   strict=True)),
            *(Block((Run(line),), "meeting") for line in cover.left)]


def _with_plain_last(blocks: Sequence[Block | Grid]) -> list[Block | Grid]:
    """The last paragraph mark of a document cannot be inserted or deleted, and a document
    cannot end on a table: end on a plain paragraph."""
    if blocks and isinstance(blocks[-1], Block) and blocks[-1].mark is None:
        return list(blocks)
    return [*blocks, Block(())]


def text(value: str) -> str:
    """`value` escaped for XML text and attributes; an error for what XML cannot hold."""
    bad = _NOT_XML.search(value)
    if bad:
        start = max(0, bad.start() - 30)
        raise DraftkitError(f"U+{ord(bad.group()):04X} cannot be written to a Word file "
                            f"(in {value[start:bad.end() + 30]!r})")
    return escape(value, {'"': "&quot;"})


def iso(when: dt.datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Writer:
    """Numbers the annotations of one document: every id unique, small and in range."""

    def __init__(self) -> None:
        self._next_id = 0
        self._next_para = 0
        self.comments: list[tuple[int, str, str, dt.datetime, tuple[str, ...]]] = []
        self.extended: list[tuple[str, str | None, bool]] = []
        self.check_boxes = False

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _para_id(self) -> str:
        self._next_para += 1
        return f"{self._next_para:08X}"

    def _change(self, change: Tracked) -> str:
        return (f'w:id="{self._id()}" w:author="{text(change.author)}" '
                f'w:date="{iso(change.date)}"')

    def block(self, block: Block) -> str:
        runs = (*block.label, *block.runs)
        ids = {note.key: self._note(note) for note in block.notes}
        whole = [note.key for note in block.notes if not any(note.key in r.notes for r in runs)]
        properties = ""
        if block.style in _STYLE_IDS:
            properties += f'<w:pStyle w:val="{_STYLE_IDS[block.style]}"/>'
        if right_to_left("".join(run.text for run in block.runs)):
            properties += "<w:bidi/>"
        if block.mark is not None:
            tag = "ins" if block.mark.kind == "insert" else "del"
            properties += f"<w:rPr><w:{tag} {self._change(block.mark)}/></w:rPr>"
        out = [f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"]
        out += [_range("Start", ids[key]) for key in whole]
        for index, run in enumerate(runs):
            out += [_range("Start", ids[key]) for key in run.notes
                    if key in ids and not any(key in r.notes for r in runs[:index])]
            out.append(self._run(run))
            ending = [key for key in run.notes
                      if key in ids and not any(key in r.notes for r in runs[index + 1:])]
            out += _ends(ids, ending)
        out += _ends(ids, whole)
        out.append("</w:p>")
        return "".join(out)

    def grid(self, grid: Grid) -> str:
        """A table across the text width, single borders, the first row a bold header."""
        width = max((len(row) for row in grid.rows), default=1)
        column = 9000 // width  # twentieths of a point: the A4 text width, shared
        borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                          for edge in ("top", "left", "bottom", "right", "insideH",
                                       "insideV"))
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{column * width}" w:type="dxa"/>'
               f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               f'</w:tblPr><w:tblGrid>{f"<w:gridCol w:w={chr(34)}{column}{chr(34)}/>" * width}'
               f"</w:tblGrid>"]
        for number, row in enumerate(grid.rows):
            mark = grid.marks[number] if number < len(grid.marks) else None
            properties = "<w:tblHeader/>" if number == 0 else ""
            if mark is not None:
                tag = "ins" if mark.kind == "insert" else "del"
                properties += f"<w:{tag} {self._change(mark)}/>"
            out.append(f"<w:tr><w:trPr>{properties}</w:trPr>" if properties else "<w:tr>")
            out += [self._cell(cell, column, header=number == 0) for cell in row]
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def _cell(self, cell: Cell, width: int, *, header: bool) -> str:
        shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' if cell.shaded \
            else ""
        runs = tuple(Run(r.text, r.change, r.notes, True, r.check_box) for r in cell.runs) \
            if header else cell.runs
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                f"{self.block(Block(runs))}</w:tc>")

    def _run(self, run: Run) -> str:
        deleted = run.change is not None and run.change.kind == "delete"
        properties = "<w:rPr><w:b/><w:bCs/></w:rPr>" if run.bold else ""
        body = "".join(_pieces(run.text, "w:delText" if deleted else "w:t"))
        xml = f"<w:r>{properties}{body}</w:r>"
        if run.check_box:
            xml = self._check_box() + xml
        if run.change is None:
            return xml
        tag = "w:del" if deleted else "w:ins"
        return f"<{tag} {self._change(run.change)}>{xml}</{tag}>"

    def _check_box(self) -> str:
        """An empty check box a reader ticks by clicking (Word 2010 and later); any other
        reader shows its ballot box."""
        self.check_boxes = True
        font = '<w:rPr><w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol"/></w:rPr>'
        return (f'<w:sdt><w:sdtPr><w:id w:val="{self._id()}"/><w14:checkbox>'
                '<w14:checked w14:val="0"/>'
                '<w14:checkedState w14:val="2612" w14:font="Segoe UI Symbol"/>'
                '<w14:uncheckedState w14:val="2610" w14:font="Segoe UI Symbol"/>'
                f"</w14:checkbox></w:sdtPr><w:sdtContent><w:r>{font}"
                "<w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>"
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>')

    def _note(self, note: Note) -> list[int]:
        """Register a note and its replies as comments; their ids, the note's first."""
        ids = [self._id()]
        parent = self._comment(ids[0], note.author, note.date, note.body)
        self.extended.append((parent, None, note.done))
        for reply in note.replies:
            ids.append(self._id())
            child = self._comment(ids[-1], reply.author, reply.date, (reply.text,))
            self.extended.append((child, parent, note.done))
        return ids

    def _comment(self, number: int, author: str, date: dt.datetime,
                 body: tuple[str, ...]) -> str:
        para_id = self._para_id()
        self.comments.append((number, para_id, author, date, body or ("",)))
        return para_id

    def comments_part(self) -> str:
        items = []
        for number, para_id, author, date, body in self.comments:
            paragraphs = []
            for index, line in enumerate(body):
                marker = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                          "<w:annotationRef/></w:r>") if index == 0 else ""
                last = f' w14:paraId="{para_id}"' if index == len(body) - 1 else ""
                paragraphs.append(f'<w:p{last}><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
                                  f"{marker}<w:r>{''.join(_pieces(line, 'w:t'))}</w:r></w:p>")
            initials = _initials(author)
            items.append(f'<w:comment w:id="{number}" w:author="{text(author)}" '
                         f'w:date="{iso(date)}" w:initials="{text(initials)}">'
                         f"{''.join(paragraphs)}</w:comment>")
        return (f'{parts.XML_DECLARATION}<w:comments xmlns:w="{parts.W}" '
                f'xmlns:w14="{parts.W14}" xmlns:mc="{parts.MC}" mc:Ignorable="w14">'
                f"{''.join(items)}</w:comments>")

    def comments_extended_part(self) -> str:
        items = "".join(
            f'<w15:commentEx w15:paraId="{para_id}"'
            + (f' w15:paraIdParent="{parent}"' if parent else "")
            + f' w15:done="{int(done)}"/>' for para_id, parent, done in self.extended)
        return (f'{parts.XML_DECLARATION}<w15:commentsEx xmlns:w15="{parts.W15}" '
                f'xmlns:mc="{parts.MC}" mc:Ignorable="w15">{items}</w15:commentsEx>')


def _initials(author: str) -> str:
    """A party's code is its initials ("NOR", "AFRICAN-GROUP"), so two parties never share
    them; another author ("Presidency") gets the first letter of each word."""
    if PARTY_CODE_PATTERN.fullmatch(author):
        return author
    return "".join(word[:1] for word in author.split())[:9]


def _range(edge: str, ids: list[int]) -> str:
    return "".join(f'<w:commentRange{edge} w:id="{number}"/>' for number in ids)


def _ends(ids: dict[str, list[int]], keys: list[str]) -> list[str]:
    """Range ends first, then the reference marks, as Word groups them for replies."""
    numbers = [number for key in keys for number in ids[key]]
    return [_range("End", numbers), *(
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{number}"/></w:r>' for number in numbers)]


def _pieces(value: str, tag: str) -> Iterator[str]:
    """Text as `w:t` (or `w:delText`) pieces, tabs as `w:tab`; spaces always preserved."""
    for index, piece in enumerate(value.split("\t")):
        if index:
            yield "<w:tab/>"
        if piece:
            yield f'<{tag} xml:space="preserve">{text(piece)}</{tag}>'


def right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character is Arabic,
    Hebrew or another right-to-left script (Word then needs w:bidi on it)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
