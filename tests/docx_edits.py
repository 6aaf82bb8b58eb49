"""Edit a .docx draftkit exported as Word or LibreOffice would: tracked changes, new
comments and replies, a reply thread dropped. Plain XML edits on the parts draftkit
writes, so a test starts from the real export and changes only what it says."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape

W_DATE = "2010-09-21T08:30:00Z"
_RUN = re.compile(r'<w:r><w:t xml:space="preserve">([^<]*)</w:t></w:r>')


class WordCopy:
    """The parts of an exported .docx, edited in place; `data` gives the bytes back."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.files = {name: archive.read(name).decode("utf-8")
                          for name in archive.namelist()}
        self._next = 900

    @property
    def data(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in self.files.items():
                archive.writestr(name, text.encode("utf-8"))
        return buffer.getvalue()

    @property
    def document(self) -> str:
        return self.files["word/document.xml"]

    @document.setter
    def document(self, value: str) -> None:
        self.files["word/document.xml"] = value

    def _number(self) -> int:
        self._next += 1
        return self._next

    def _split(self, words: str, middle: str) -> None:
        """Replace the plain run holding `words` (the first one) by: before, `middle`, after."""
        for run in _RUN.finditer(self.document):
            at = run.group(1).find(escape(words))
            if at < 0:
                continue
            text = run.group(1)
            before, after = text[:at], text[at + len(escape(words)):]
            pieces = [_plain(before), middle, _plain(after)]
            self.document = self.document[:run.start()] + "".join(pieces) + \
                self.document[run.end():]
            return
        raise LookupError(words)

    def replace(self, old: str, new: str, author: str, date: str = W_DATE) -> None:
        """`old` deleted and `new` inserted in its place, tracked, by `author`."""
        self._split(old, self._tracked("del", old, author, date) +
                    (self._tracked("ins", new, author, date) if new else ""))

    def insert(self, after: str, new: str, author: str, date: str = W_DATE) -> None:
        self._split(after, _plain(escape(after)) + self._tracked("ins", new, author, date))

    def _tracked(self, tag: str, text: str, author: str, date: str) -> str:
        body = "w:delText" if tag == "del" else "w:t"
        return (f'<w:{tag} w:id="{self._number()}" w:author="{escape(author)}" '
                f'w:date="{date}"><w:r><{body} xml:space="preserve">{escape(text)}</{body}>'
                f"</w:r></w:{tag}>")

    def delete_paragraph(self, starting: str, author: str, date: str = W_DATE) -> None:
        """The paragraph whose text opens with `starting` (its label), deleted whole."""
        paragraph = self._paragraph(starting)
        inner = re.sub(r"<w:r>(<w:rPr>.*?</w:rPr>)?<w:t xml:space=\"preserve\">([^<]*)</w:t>"
                       r"</w:r>",
                       lambda m: self._tracked("del", _unescape(m.group(2)), author, date),
                       paragraph)
        mark = f'<w:pPr><w:rPr><w:del w:id="{self._number()}" w:author="{escape(author)}" ' \
               f'w:date="{date}"/></w:rPr></w:pPr>'
        inner = inner.replace("<w:p>", f"<w:p>{mark}", 1)
        self.document = self.document.replace(paragraph, inner, 1)

    def add_paragraph(self, after: str, text: str, author: str, date: str = W_DATE) -> None:
        """A new paragraph with `text` after the one opening with `after`, tracked."""
        paragraph = self._paragraph(after)
        mark = f'<w:pPr><w:rPr><w:ins w:id="{self._number()}" w:author="{escape(author)}" ' \
               f'w:date="{date}"/></w:rPr></w:pPr>'
        new = f"<w:p>{mark}{self._tracked('ins', text, author, date)}</w:p>"
        self.document = self.document.replace(paragraph, paragraph + new, 1)

    def _table(self, heading: str) -> re.Match[str]:
        """The first table whose header row holds `heading`."""
        for found in re.finditer(r"<w:tbl>.*?</w:tbl>", self.document):
            if f">{escape(heading)}</w:t>" in found.group().split("</w:tr>")[0]:
                return found
        raise LookupError(heading)

    def fill_cell(self, heading: str, row: int, column: int, text: str, author: str,
                  date: str = W_DATE) -> None:
        """Type `text` into the empty cell at body `row`, `column` (from 1) of the table
        whose header holds `heading`, tracked."""
        table = self._table(heading)
        found = list(re.finditer(r"<w:tr>.*?</w:tr>", self.document[:table.end()]))
        rows = [m for m in found if m.start() >= table.start()]
        cells = list(re.finditer(r"<w:tc>.*?</w:tc>", rows[row].group()))
        cell = cells[column - 1]
        filled = cell.group().replace("<w:p></w:p>",
                                      f"<w:p>{self._tracked('ins', text, author, date)}</w:p>",
                                      1)
        at = rows[row].start() + cell.start()
        self.document = self.document[:at] + filled + self.document[at + len(cell.group()):]

    def add_row(self, heading: str, after: int, texts: list[str], author: str,
                date: str = W_DATE) -> None:
        """A row of `texts` inserted after body row `after` (0: before the first) of the
        table whose header holds `heading`, tracked as Word tracks it: the row marked
        inserted, its words inserted."""
        table = self._table(heading)
        rows = [m for m in re.finditer(r"<w:tr>.*?</w:tr>", self.document[:table.end()])
                if m.start() >= table.start()]
        mark = f'<w:ins w:id="{self._number()}" w:author="{escape(author)}" w:date="{date}"/>'
        cells = "".join(f"<w:tc><w:p>{self._tracked('ins', text, author, date) if text else ''}"
                        f"</w:p></w:tc>" for text in texts)
        at = rows[after].end()
        self.document = self.document[:at] + f"<w:tr><w:trPr>{mark}</w:trPr>{cells}</w:tr>" + \
            self.document[at:]

    def delete_row(self, heading: str, row: int, author: str, date: str = W_DATE) -> None:
        """Body `row` (from 1) of the table whose header holds `heading` deleted, tracked
        as Word tracks it: the row marked deleted, its words deleted."""
        table = self._table(heading)
        found = [m for m in re.finditer(r"<w:tr>.*?</w:tr>", self.document[:table.end()])
                 if m.start() >= table.start()][row]
        mark = f'<w:del w:id="{self._number()}" w:author="{escape(author)}" w:date="{date}"/>'
        deleted = re.sub(r'<w:r><w:t xml:space="preserve">([^<]*)</w:t></w:r>',
                         lambda m: self._tracked("del", _unescape(m.group(1)), author, date),
                         found.group()).replace("<w:tr>", f"<w:tr><w:trPr>{mark}</w:trPr>", 1)
        self.document = self.document[:found.start()] + deleted + \
            self.document[found.end():]

    def _paragraph(self, starting: str) -> str:
        for found in re.finditer(r"<w:p>.*?</w:p>", self.document):
            texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", found.group()))
            if _unescape(texts).startswith(starting):
                return found.group()
        raise LookupError(starting)

    def comment(self, words: str, author: str, text: str, date: str = W_DATE) -> str:
        """A new comment on the first plain run holding `words`; its w:id."""
        number = str(self._number())
        self._split(words, f'<w:commentRangeStart w:id="{number}"/>{_plain(escape(words))}'
                           f'<w:commentRangeEnd w:id="{number}"/>{_reference(number)}')
        self._add_comment(number, author, text, date, None)
        return number

    def reply(self, to: str, author: str, text: str, date: str = W_DATE) -> str:
        """A Word reply to the comment `to` (a draftkit id or a w:id); its w:id."""
        parent = self.word_id(to)
        number = str(self._number())
        end = f'<w:commentRangeEnd w:id="{parent}"/>'
        self.document = self.document.replace(end, end + _reference(number), 1)
        self._add_comment(number, author, text, date, self._para_id(parent))
        return number

    def beside(self, to: str, author: str, text: str, date: str = W_DATE) -> str:
        """A new comment of its own on the very words of the comment `to`; its w:id."""
        parent = self.word_id(to)
        number = str(self._number())
        start = f'<w:commentRangeStart w:id="{parent}"/>'
        end = f'<w:commentRangeEnd w:id="{parent}"/>'
        self.document = self.document.replace(
            start, start + f'<w:commentRangeStart w:id="{number}"/>', 1).replace(
            end, end + f'<w:commentRangeEnd w:id="{number}"/>' + _reference(number), 1)
        self._add_comment(number, author, text, date, None)
        return number

    def find(self, author: str, starting: str) -> str:
        """The w:id of the Word comment by `author` whose text opens with `starting`."""
        for number, who, body in re.findall(
                r'<w:comment w:id="(\d+)" w:author="([^"]*)".*?>(.*?)</w:comment>',
                self.files["word/comments.xml"]):
            texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
            if who == escape(author) and _unescape(texts).startswith(starting):
                return str(number)
        raise LookupError((author, starting))

    def word_id(self, comment: str) -> str:
        """The w:id of the Word comment carrying draftkit's `comment` id (or `comment`)."""
        if comment.isdigit():
            return comment
        for found in re.finditer(r'<w:comment w:id="(\d+)".*?</w:comment>',
                                 self.files["word/comments.xml"]):
            if re.search(rf" comment {re.escape(comment)}\b", found.group()):
                return found.group(1)
        raise LookupError(comment)

    def set_text(self, number: str, text: str) -> None:
        """Rewrite the first line of a Word comment, as a delegate editing it would."""
        comments = self.files["word/comments.xml"]
        found = re.search(rf'<w:comment w:id="{number}".*?</w:comment>', comments)
        assert found is not None
        edited = re.sub(r'(<w:t xml:space="preserve">)[^<]*(</w:t>)',
                        lambda m: m.group(1) + escape(text) + m.group(2), found.group(),
                        count=1)
        self.files["word/comments.xml"] = comments.replace(found.group(), edited)

    def unthread(self) -> None:
        """As LibreOffice 7 saves: every reply a comment of its own on its parent's words."""
        extended = self.files["word/commentsExtended.xml"]
        parents = dict(re.findall(r'w15:paraId="(\w+)" w15:paraIdParent="(\w+)"', extended))
        by_para = {para: number for number, para in self._para_ids().items()}
        for child, parent in parents.items():
            number, parent_number = by_para[child], by_para[parent]
            start = f'<w:commentRangeStart w:id="{parent_number}"/>'
            end = f'<w:commentRangeEnd w:id="{parent_number}"/>'
            self.document = self.document.replace(
                start, start + f'<w:commentRangeStart w:id="{number}"/>', 1).replace(
                end, end + f'<w:commentRangeEnd w:id="{number}"/>', 1)
        self.files["word/commentsExtended.xml"] = re.sub(r' w15:paraIdParent="\w+"', "",
                                                         extended)

    def _para_ids(self) -> dict[str, str]:
        return {number: para for number, para in re.findall(
            r'<w:comment w:id="(\d+)".*?w14:paraId="(\w+)".*?</w:comment>',
            self.files["word/comments.xml"])}

    def _para_id(self, number: str) -> str:
        return self._para_ids()[number]

    def _add_comment(self, number: str, author: str, text: str, date: str,
                     parent: str | None) -> None:
        para = f"{int(number):08X}"
        body = "".join(
            f'<w:p{" w14:paraId=" + chr(34) + para + chr(34) if i == len(lines) - 1 else ""}>'
            f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for lines in [text.split("\n")] for i, line in enumerate(lines))
        item = (f'<w:comment w:id="{number}" w:author="{escape(author)}" w:date="{date}" '
                f'w:initials="X">{body}</w:comment>')
        self.files["word/comments.xml"] = self.files["word/comments.xml"].replace(
            "</w:comments>", item + "</w:comments>")
        link = f' w15:paraIdParent="{parent}"' if parent else ""
        self.files["word/commentsExtended.xml"] = self.files[
            "word/commentsExtended.xml"].replace(
            "</w15:commentsEx>",
            f'<w15:commentEx w15:paraId="{para}"{link} w15:done="0"/></w15:commentsEx>')


def _plain(text: str) -> str:
    """A plain run of `text`, already escaped."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""


def _reference(number: str) -> str:
    return (f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{number}"/></w:r>')


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
        .replace("&amp;", "&")


def minutes(when: dt.datetime) -> str:
    """A time as Word writes a comment's date: to the minute."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:00Z")
