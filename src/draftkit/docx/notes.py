"""Word comments → draftkit comments and replies: the record coming back, or input.

A Word comment is draftkit's own when it carries the line draftkit writes
under a comment it exports ("Substantive comment C-CMC-4kx2") and is by that
comment's party. A Word reply is draftkit's own when it answers such a comment
(in its thread, or, from an editor that drops threads as LibreOffice 7 does,
as a comment of its own on the very same range) and is by the party of one of
that comment's replies, at that reply's time (to the minute, as Word keeps
it). What is draftkit's own is counted, never imported again; the words of a
comment or reply never say whose or which it is. Everything else is input:
a comment goes on the words its range covers in the revision (with their
occurrence when they repeat), on the whole paragraph when the range covers it
or only words the file adds, on the whole document when it sits on a title or
heading; a reply answers its thread's comment. Whatever is not imported is
reported, one line each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from draftkit.anchors import occurrences
from draftkit.comments import Comment, CommentType, Reply
from draftkit.docx import parts
from draftkit.docx.matching import Matched
from draftkit.docx.package import Package
from draftkit.docx.plan import Authors, NewComment, NewReply, short
from draftkit.docx.reader import WordComment
from draftkit.model import Paragraph
from draftkit.text import running
from draftkit.vocabulary import quantity

# The line under a comment draftkit exports: its type and id (`export.note`), and the
# cell it is on for a comment on a cell ("on B3, row 4, column Type").
MARK = re.compile(r"(?:General|Substantive|Editorial) comment ([A-Za-z0-9][A-Za-z0-9_-]*)"
                  r"(?: on .+?)?(?: \(proposed change [A-Za-z0-9_-]+\))?")
Place = tuple[Paragraph | None, str | None, int | None]  # paragraph, quote, occurrence


def times(data: bytes, name: str) -> dict[str, dt.datetime]:
    """When each Word comment was written (its w:date), by w:id; the reader keeps no dates."""
    package = Package(data, name)
    main = package.related("", parts.OFFICE_DOCUMENT) or "word/document.xml"
    part = package.related(main, parts.COMMENTS)
    root = package.xml(part) if part else None
    found: dict[str, dt.datetime] = {}
    for comment in root.iter(f"{{{parts.W}}}comment") if root is not None else ():
        try:
            when = dt.datetime.fromisoformat(comment.get(f"{{{parts.W}}}date", ""))
        except ValueError:
            continue
        found[comment.get(f"{{{parts.W}}}id", "")] = when if when.tzinfo else \
            when.replace(tzinfo=dt.UTC)
    return found


class Notes:
    """The file's Word comments sorted out: new comments, new replies to recorded ones,
    what is not imported, and how many comments and replies are draftkit's own."""

    def __init__(self, matched: Matched, authors: Authors, known: Mapping[str, Comment],
                 written: Mapping[str, dt.datetime]) -> None:
        self.matched = matched
        self.authors = authors
        self.known = known
        self.written = written
        self.comments: list[NewComment] = []
        self.replies: list[NewReply] = []
        self.problems: list[str] = []
        self.exported_comments = 0
        self.exported_replies = 0
        self._unanswered: dict[str, list[Reply]] = {}  # recorded replies not yet seen
        self._on_range: dict[tuple[int, int], list[Comment]] = {}

    def read(self, found: tuple[WordComment, ...]) -> None:
        by_id = {item.id: item for item in found}
        threads: dict[str, list[WordComment]] = {}
        for item in found:
            if item.parent is not None:
                top = _top(item, by_id)
                if top is None:
                    self.problems.append(f"not imported: the reply {short(item.text)} by "
                                         f"{item.author!r}: the comment it answers is not "
                                         f"in the file")
                else:
                    threads.setdefault(top.id, []).append(item)
        tops = [item for item in found if item.parent is None]
        ours: list[tuple[Comment, WordComment]] = []
        rest: list[WordComment] = []
        for item in tops:
            marked = _marked(item.text)
            if marked is None:
                rest.append(item)
            elif self._exported(item, marked, threads.get(item.id, [])):
                ours.append((self.known[marked], item))
        for comment, item in ours:  # every exported comment first: its replies may precede it
            self._unanswered.setdefault(comment.id, list(comment.replies))
            self._on_range.setdefault((item.start, item.end), []).append(comment)
        for comment, item in ours:
            for answer in threads.get(item.id, []):
                self._answer(comment, answer)
        for item in rest:
            echoed = next((c for c in self._on_range.get((item.start, item.end), [])
                           if self._recorded_reply(c, item) is not None), None)
            if echoed is not None:  # a reply whose thread an editor dropped
                for answer in threads.get(item.id, []):
                    self._answer(echoed, answer)
            else:
                self._comment(item, threads.get(item.id, []))

    def _exported(self, item: WordComment, marked: str, answers: list[WordComment]) -> bool:
        """Whether `item`, which carries the mark of `marked`, is that comment coming back."""
        comment = self.known.get(marked)
        if comment is not None and self._by(item.author, comment.party):
            self.exported_comments += 1
            return True
        also = f" and its {quantity(len(answers), 'reply')}" if answers else ""
        if comment is None:
            why = f"which is no comment of {self.matched.revision.document}"
        else:
            why = f"a comment by {comment.party}"
        self.problems.append(f"not imported: the comment {short(item.text)} by "
                             f"{item.author!r}{also} carries the mark of {marked}, {why}")
        return False

    def _by(self, author: str, party: str) -> bool:
        """Whether a Word author is `party` (as draftkit writes it, or by code or name)."""
        return author.strip() == party or self.authors.parties(author) == (party,)

    def _recorded_reply(self, comment: Comment, item: WordComment) -> Reply | None:
        """The recorded reply to `comment` that `item` is (its party, at its time), if any;
        taken, so that each recorded reply is one Word comment at most."""
        written = self.written.get(item.id)
        pending = self._unanswered.get(comment.id, [])
        for reply in pending:
            if _same_minute(written, reply.when) and self._by(item.author, reply.party):
                pending.remove(reply)
                self.exported_replies += 1
                text = " ".join(item.text.split())
                if text != reply.text:
                    self.problems.append(
                        f"not imported: {reply.party}'s reply of "
                        f"{reply.when.astimezone(dt.UTC):%Y-%m-%d %H:%M} to {comment.id} reads "
                        f"{short(text)} in the file (a recorded reply is never rewritten)")
                return reply
        return None

    def _answer(self, comment: Comment, answer: WordComment) -> None:
        """A Word reply to a recorded comment: one of its recorded replies, or a new one."""
        if self._recorded_reply(comment, answer) is not None:
            return
        text = " ".join(answer.text.split())
        party = self._one(answer.author, f"a reply to {comment.id}", text)
        if party is not None:
            self.replies.append(NewReply(comment.id, party, text))

    def _one(self, author: str, what: str, text: str) -> str | None:
        """The one party behind a comment or reply with some text; else None, reported."""
        codes = self.authors.of([author], f"{what} {short(text)}" if text else what)
        if codes is None:
            return None
        if len(codes) > 1:
            self.problems.append(f"not imported: {what} {short(text)} by {author!r}, who "
                                 f"names {', '.join(codes)} (a comment or reply is one "
                                 f"party's)")
            return None
        if not text:
            self.problems.append(f"not imported: an empty {what.removeprefix('a ')} by "
                                 f"{codes[0]}")
            return None
        return codes[0]

    def _comment(self, item: WordComment, answers: list[WordComment]) -> None:
        text = " ".join(item.text.split())
        place = self._place(item)
        on = "a paragraph that matches none of the revision" if place is None else \
            place[0].address if place[0] is not None else "the document"
        party = self._one(item.author, f"a comment on {on}", text)
        if party is None:
            return
        if place is None:
            self.problems.append(f"not imported: the comment {short(text)} by {party} is on "
                                 f"a paragraph that matches none of "
                                 f"{self.matched.revision.title}")
            return
        kind, text = comment_type(text)
        paragraph, quote, occurrence = place
        replies = []
        for answer in answers:
            reply = " ".join(answer.text.split())
            who = self._one(answer.author, f"a reply to the comment {short(text)}", reply)
            if who is not None:
                replies.append((who, reply))
        self.comments.append(NewComment(
            party, text, kind, f"#{paragraph.id}" if paragraph else None,
            paragraph.address if paragraph else "the document", quote, occurrence,
            tuple(replies)))

    def _place(self, item: WordComment) -> Place | None:
        """The paragraph a comment's range starts in, and its words there; a comment
        starting in a table is on its table paragraph, whole."""
        views = self.matched.views
        at, pieces = views.old_at, views.pieces
        if item.start < len(pieces):
            table = self.matched.table_of(pieces[item.start].paragraph)
            if table is not None:
                return table, None, None
        first = next((i for i in range(item.start, item.end) if i in at), None)
        if first is None:  # only added words: the paragraph they are added to
            first = next((i for i in range(item.start, len(pieces))
                          if i in at and pieces[i].mark), None)
        if first is None:
            return None
        old_index, offset = at[first]
        if old_index in self.matched.headings:
            return None, None, None
        if old_index not in self.matched.paragraphs:
            return None
        paragraph, label_end = self.matched.paragraphs[old_index]
        end = max((at[i][1] + len(pieces[i].text) for i in range(first, item.end)
                   if i in at and at[i][0] == old_index and not pieces[i].mark),
                  default=offset)
        start, end = max(0, offset - label_end), max(0, end - label_end)
        if start == 0 and end >= len(paragraph.text):
            return paragraph, None, None
        return (paragraph, *_quote(paragraph.text, start, end))


def _marked(text: str) -> str | None:
    """The id in the line draftkit writes under a comment it exports, if a line is one."""
    for line in text.splitlines():
        found = MARK.fullmatch(line.strip())
        if found:
            return found.group(1)
    return None


def _top(item: WordComment, by_id: Mapping[str, WordComment]) -> WordComment | None:
    """The comment opening the thread `item` is in (a reply to a reply joins it)."""
    seen = {item.id}
    while item.parent is not None:
        parent = by_id.get(item.parent)
        if parent is None or parent.id in seen:
            return None
        seen.add(parent.id)
        item = parent
    return item


def _same_minute(written: dt.datetime | None, when: dt.datetime) -> bool:
    def minute(moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(dt.UTC).replace(second=0, microsecond=0)

    return written is not None and minute(written) == minute(when)


def _quote(text: str, start: int, end: int) -> tuple[str | None, int | None]:
    """The whole words of text[start:end] and which occurrence they are; none if empty."""
    while 0 < start < len(text) and running(text[start - 1]) and \
            running(text[start]):
        start -= 1
    while 0 < end < len(text) and running(text[end - 1]) and running(text[end]):
        end += 1
    quote = text[start:end].strip()
    if not quote:
        return None, None
    start += len(text[start:end]) - len(text[start:end].lstrip())
    starts = occurrences(text, quote)
    if start not in starts:
        return None, None
    return quote, starts.index(start) + 1 if len(starts) > 1 else None


def comment_type(text: str) -> tuple[CommentType, str]:
    """A comment's type from a leading "editorial:" (or ge/te/ed), else general."""
    match = re.match(r"(?i)(?:\[(\w+)\]|(\w+)\s*:)\s*(.+)", text)
    codes = {"ge": "general", "te": "substantive", "ed": "editorial"}
    word = (match.group(1) or match.group(2)).lower() if match else ""
    if match is None or codes.get(word, word) not in codes.values():
        return CommentType.GENERAL, text
    return CommentType(codes.get(word, word)), match.group(3)
