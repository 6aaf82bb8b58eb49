"""Word comments → draftkit comments and replies.

A comment goes on the words its range covers in the revision (with their
occurrence when they repeat), on the whole paragraph when the range covers
it or only words the file adds, on the whole document when it sits on a
title or heading. A comment draftkit exported (its body names its id) is
not imported again, but new replies to it are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from draftkit.anchors import occurrences
from draftkit.comments import Comment, CommentType
from draftkit.docx.matching import Matched
from draftkit.docx.plan import Authors, NewComment, NewReply, short
from draftkit.docx.reader import WordComment
from draftkit.model import Paragraph
from draftkit.text import running

COMMENT_ID = re.compile(r"\bcomment (C-[A-Za-z0-9]+-[A-Za-z0-9]+)\b")
Place = tuple[Paragraph | None, str | None, int | None]  # paragraph, quote, occurrence


def comments(matched: Matched, found: tuple[WordComment, ...], authors: Authors,
             known: Mapping[str, Comment]
             ) -> tuple[list[NewComment], list[NewReply], list[str]]:
    """New comments, new replies to known ones, and what could not be placed."""
    notes = _Notes(matched, authors, known)
    children: dict[str, list[WordComment]] = {}
    for item in found:
        if item.parent is not None:
            children.setdefault(item.parent, []).append(item)
    for item in found:
        if item.parent is None:
            notes.add(item, children.get(item.id, []))
    return notes.comments, notes.replies, notes.problems


class _Notes:
    def __init__(self, matched: Matched, authors: Authors,
                 known: Mapping[str, Comment]) -> None:
        self.matched = matched
        self.authors = authors
        self.known = known
        self.comments: list[NewComment] = []
        self.replies: list[NewReply] = []
        self.problems: list[str] = []

    def add(self, item: WordComment, answers: list[WordComment]) -> None:
        ours = COMMENT_ID.search(item.text)
        if ours and ours.group(1) in self.known:
            self._replies_to(self.known[ours.group(1)], answers)
        elif not self._echo(item):
            self._comment(item, answers)

    def _echo(self, item: WordComment) -> bool:
        """A reply draftkit exported that came back as a comment of its own (an editor that
        drops reply threads, as LibreOffice 7 does): already recorded, so not new."""
        parties = self.authors.parties(item.author) or ()
        text = " ".join(item.text.split())
        return any(r.party in parties and r.text == text
                   for c in self.known.values() for r in c.replies)

    def _replies_to(self, comment: Comment, answers: list[WordComment]) -> None:
        recorded = {(r.party, r.text) for r in comment.replies}
        for answer in answers:
            party = self.authors.of([answer.author], f"a reply to {comment.id}")
            text = " ".join(answer.text.split())
            if party and text and (party[0], text) not in recorded:
                self.replies.append(NewReply(comment.id, party[0], text))

    def _comment(self, item: WordComment, answers: list[WordComment]) -> None:
        text = " ".join(item.text.split())
        what = f"the comment {short(text)}"
        party = self.authors.of([item.author], what)
        if party is None or not text:
            return
        kind, text = comment_type(text)
        place = self._place(item)
        if place is None:
            self.problems.append(f"not imported: {what} is on a paragraph that matches "
                                 f"none of {self.matched.revision.title}")
            return
        paragraph, quote, occurrence = place
        replies = []
        for answer in answers:
            who = self.authors.of([answer.author], f"a reply to {what}")
            reply = " ".join(answer.text.split())
            if who and reply:
                replies.append((who[0], reply))
        self.comments.append(NewComment(
            party[0], text, kind, f"#{paragraph.id}" if paragraph else None,
            paragraph.address if paragraph else "the document", quote, occurrence,
            tuple(replies)))

    def _place(self, item: WordComment) -> Place | None:
        """The paragraph a comment's range starts in, and its words there."""
        views = self.matched.views
        at, pieces = views.old_at, views.pieces
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
