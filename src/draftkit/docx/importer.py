"""A delegation's tracked .docx of a revision → the proposals and comments it makes.

Pure planning, nothing written: the file's paragraphs (changes rejected) are
matched to the revision's by their leading label, else by their text; each
matched paragraph must read exactly as in the revision, so a change made
with tracking off is reported, never taken for the delegation's wording.
Tracked changes then become amendments on words (see `amend`), paragraphs
added, deleted or moved whole, each attributed to the party its author
names. Whatever cannot be mapped is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from attrs import frozen

from draftkit.anchors import occurrences
from draftkit.comments import Comment, CommentType
from draftkit.docx.amend import edits
from draftkit.docx.reader import WordComment, WordDocument
from draftkit.docx.views import Para, Views, shifted, views
from draftkit.errors import DraftkitError
from draftkit.labels import Label, LabelError
from draftkit.model import Paragraph, Revision
from draftkit.proposals import OperationKind, Position
from draftkit.tokens import word_character

HEADING_STYLES = re.compile(r"(?i)title|subtitle|heading\s*\d")
COMMENT_ID = re.compile(r"\bcomment (C-[A-Za-z0-9]+-[A-Za-z0-9]+)\b")
Parties = Callable[[str], tuple[str, ...] | None]


@frozen
class NewProposal:
    """`Drafts.propose` arguments; `paragraph`/`destination` are "#id" addresses."""

    paragraph: str
    address: str
    operation: OperationKind
    proposers: tuple[str, ...]
    quote: str | None = None
    occurrence: int | None = None
    text: str = ""
    position: Position | None = None
    destination: str | None = None
    rationale: str = ""
    destination_address: str = ""


@frozen
class NewComment:
    party: str
    text: str
    type: CommentType
    paragraph: str | None  # "#id"; None: the whole document
    address: str
    quote: str | None = None
    occurrence: int | None = None
    replies: tuple[tuple[str, str], ...] = ()  # (party, text)


@frozen
class NewReply:
    """A reply typed in Word to a comment draftkit exported."""

    comment: str
    party: str
    text: str


@frozen
class Plan:
    proposals: tuple[NewProposal, ...]
    comments: tuple[NewComment, ...]
    replies: tuple[NewReply, ...]
    problems: tuple[str, ...]


def plan_import(revision: Revision, document: WordDocument, parties: Parties,
                known: Mapping[str, Comment], name: str) -> Plan:
    """What `document` (a copy of `revision`) proposes; DraftkitError if it is not one."""
    return _Planner(revision, views(document), parties, known, name).plan(document)


def short(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:50]}…”" if len(text) > 50 else f"“{text}”"


class _Planner:
    def __init__(self, revision: Revision, seen: Views, parties: Parties,
                 known: Mapping[str, Comment], name: str) -> None:
        self.revision = revision
        self.views = seen
        self.parties = parties
        self.known = known
        self.name = name
        self.by_label = {p.label: p for p in revision.paragraphs() if p.label is not None}
        self.by_text: dict[str, list[Paragraph]] = {}
        for paragraph in revision.paragraphs():
            self.by_text.setdefault(paragraph.text, []).append(paragraph)
        self.prefixes = {label.prefix for label in self.by_label}
        self.titles = {s.title for s in revision.sections} | {s.heading for s in
                                                               revision.sections}
        self.problems: list[str] = []
        self.proposals: list[NewProposal] = []
        self.matched: dict[int, tuple[Paragraph, int]] = {}  # old index → paragraph, label end
        self.headings: set[int] = set()
        self.unknown: dict[str, list[str]] = {}

    def plan(self, document: WordDocument) -> Plan:
        self._match()
        if not self.matched:
            raise DraftkitError(f"{self.name}: no paragraph matches {self.revision.title} of "
                                f"{self.revision.document}; is it a copy of another document "
                                f"or revision?")
        deleted, added = self._changes()
        self._wholes(deleted, added)
        comments, replies = self._comments(document)
        return Plan(tuple(self.proposals), tuple(comments), tuple(replies),
                    (*self.problems, *self._unknown_authors()))

    # matching the file's paragraphs (changes rejected) to the revision's

    def _match(self) -> None:
        taken: set[str] = set()
        for index, para in enumerate(self.views.old):
            text = para.text.strip()
            if not text:
                continue
            found = self._find(para.text)
            if found is None:
                if HEADING_STYLES.fullmatch(para.style) or text in self.titles:
                    self.headings.add(index)
                else:
                    self.problems.append(f"not imported: the paragraph {short(text)} matches "
                                         f"no paragraph of {self.revision.title}")
                continue
            paragraph, start = found
            if para.text[start:] != paragraph.text:
                self.problems.append(
                    f"not imported: {paragraph.address} reads differently from "
                    f"{self.revision.title} even with all changes rejected (edited with "
                    f"tracking off, or a copy of another revision?)")
            elif paragraph.id in taken:
                self.problems.append(f"not imported: {paragraph.address} appears twice")
            else:
                taken.add(paragraph.id)
                self.matched[index] = (paragraph, start)

    def _find(self, text: str) -> tuple[Paragraph, int] | None:
        """The revision's paragraph: by the label opening `text`, else by the whole text."""
        leading = leading_label(text)
        if leading is not None and leading[0] in self.by_label:
            return self.by_label[leading[0]], leading[1]
        same = self.by_text.get(text.strip(), [])
        if len(same) == 1:
            return same[0], len(text) - len(text.lstrip())
        return None

    def _label_end(self, text: str) -> int:
        """Where the text starts after a label typed in front of it (one this document uses)."""
        leading = leading_label(text)
        return leading[1] if leading is not None and leading[0].prefix in self.prefixes else 0

    # tracked changes within paragraphs

    def _changes(self) -> tuple[list[int], list[int]]:
        """Propose each edited paragraph's changes; the old paragraphs gone and new ones added."""
        deleted = [o for o in self.matched if not self.views.new_of.get(o)]
        for old_index, (paragraph, start) in self.matched.items():
            news = self.views.new_of.get(old_index, [])
            if len(news) > 1:
                self.problems.append(f"not imported: {paragraph.address} was split into "
                                     f"{len(news)} paragraphs")
            elif news and len(self.views.old_of[news[0]]) > 1:
                self.problems.append(f"not imported: {paragraph.address} was merged with "
                                     f"another paragraph")
            elif news:
                new = self.views.new[news[0]]
                self._edited(paragraph, shifted(self.views.old[old_index], start),
                             shifted(new, self._label_end(new.text)))
        added = [n for n, para in enumerate(self.views.new)
                 if para.text.strip() and not self.views.old_of.get(n)]
        return deleted, added

    def _edited(self, paragraph: Paragraph, old: Para, new: Para) -> None:
        text = new.text.strip()
        if text == paragraph.text:
            return
        if not text:
            self.problems.append(f"not imported: {paragraph.address} was emptied but not "
                                 f"deleted")
            return
        found = edits(paragraph.text, text)
        anyone = self.views.authors(old, 0, len(old.text), "delete") + \
            self.views.authors(new, 0, len(new.text), "insert")
        if found is None:
            self._propose(anyone, paragraph, OperationKind.REPLACE_PARAGRAPH, text=text,
                          note="the changes could not be expressed on words")
            return
        lead = len(new.text) - len(new.text.lstrip())
        for edit in found:
            authors = self.views.authors(old, edit.start, edit.end, "delete") + \
                self.views.authors(new, lead + edit.new_start, lead + edit.new_end, "insert")
            self._propose(authors or anyone, paragraph, edit.kind, quote=edit.quote,
                          occurrence=edit.occurrence, text=edit.text, position=edit.position)

    def _propose(self, authors: list[str], paragraph: Paragraph, kind: OperationKind, *,
                 quote: str | None = None, occurrence: int | None = None, text: str = "",
                 position: Position | None = None, destination: Paragraph | None = None,
                 note: str = "") -> None:
        proposers = self._proposers(authors, f"a change to {paragraph.address}")
        if proposers is None:
            return
        rationale = f"From {self.name}" + (f": {note}" if note else "")
        self.proposals.append(NewProposal(
            f"#{paragraph.id}", paragraph.address, kind, proposers, quote, occurrence, text,
            position, f"#{destination.id}" if destination else None, rationale,
            destination.address if destination else ""))

    def _proposers(self, authors: list[str], what: str) -> tuple[str, ...] | None:
        names = list(dict.fromkeys(a for a in authors if a)) or [""]
        codes: list[str] = []
        for author in names:
            mapped = self.parties(author)
            if mapped is None:
                self.unknown.setdefault(author, []).append(what)
                return None
            codes += [c for c in mapped if c not in codes]
        return tuple(codes)

    def _unknown_authors(self) -> list[str]:
        """One line per unknown author, naming what of theirs was left out."""
        lines = []
        for author, items in self.unknown.items():
            who = f"by {author!r}, who is no party" if author else "without an author"
            listed = "; ".join(items[:5]) + (f"; and {len(items) - 5} more"
                                             if len(items) > 5 else "")
            lines.append(f"not imported: {len(items)} item(s) {who} (use --party, or name "
                         f"the author by a party code or name): {listed}")
        return lines

    # paragraphs added, deleted or moved whole

    def _wholes(self, deleted: list[int], added: list[int]) -> None:
        gone = {self.matched[o][0].text: o for o in deleted}
        for new_index in added:
            para = self.views.new[new_index]
            text = para.text[self._label_end(para.text):].strip()
            place = self._place(new_index)
            authors = self.views.authors(para, 0, len(para.text), "insert")
            if place is None:
                self.problems.append(f"not imported: the added paragraph {short(text)} has "
                                     f"no paragraph of {self.revision.title} next to it")
                continue
            target, position = place
            if text in gone:
                moved, _ = self.matched[gone.pop(text)]
                self._propose(authors, moved, OperationKind.MOVE, position=position,
                              destination=target)
                continue
            self._propose(authors, target, OperationKind.ADD, text=text, position=position)
        for old_index in gone.values():
            paragraph, _ = self.matched[old_index]
            para = self.views.old[old_index]
            self._propose(self.views.authors(para, 0, len(para.text), "delete"), paragraph,
                          OperationKind.DELETE_PARAGRAPH)

    def _place(self, new_index: int) -> tuple[Paragraph, Position] | None:
        """After the nearest kept paragraph before it in its section, else before the next."""
        for step, position in ((-1, Position.AFTER), (1, Position.BEFORE)):
            index = new_index + step
            while 0 <= index < len(self.views.new):
                olds = self.views.old_of.get(index, [])
                if any(o in self.headings for o in olds) or \
                        HEADING_STYLES.fullmatch(self.views.new[index].style):
                    break
                kept = [self.matched[o][0] for o in olds if o in self.matched]
                if kept:
                    return kept[0], position
                index += step
        return None

    # comments

    def _comments(self, document: WordDocument) -> tuple[list[NewComment], list[NewReply]]:
        comments: list[NewComment] = []
        replies: list[NewReply] = []
        children: dict[str, list[WordComment]] = {}
        for item in document.comments:
            if item.parent is not None:
                children.setdefault(item.parent, []).append(item)
        for item in document.comments:
            if item.parent is not None:
                continue
            answers = children.get(item.id, [])
            known = COMMENT_ID.search(item.text)
            if known and known.group(1) in self.known:
                replies += self._replies_to(self.known[known.group(1)], answers)
                continue
            if self._echo(item):
                continue
            made = self._comment(item, answers)
            if made is not None:
                comments.append(made)
        return comments, replies

    def _echo(self, item: WordComment) -> bool:
        """A reply draftkit exported that came back as a comment of its own (an editor that
        drops reply threads, as LibreOffice 7 does): already recorded, so not new."""
        parties = self.parties(item.author) or ()
        text = " ".join(item.text.split())
        return any(r.party in parties and r.text == text
                   for c in self.known.values() for r in c.replies)

    def _replies_to(self, comment: Comment, answers: list[WordComment]) -> list[NewReply]:
        found = []
        for answer in answers:
            party = self._proposers([answer.author], f"a reply to {comment.id}")
            text = " ".join(answer.text.split())
            if party and text and (party[0], text) not in {(r.party, r.text)
                                                            for r in comment.replies}:
                found.append(NewReply(comment.id, party[0], text))
        return found

    def _comment(self, item: WordComment, answers: list[WordComment]) -> NewComment | None:
        text = " ".join(item.text.split())
        what = f"the comment {short(text)}"
        party = self._proposers([item.author], what)
        if party is None or not text:
            return None
        kind, text = comment_type(text)
        place = self._comment_place(item)
        if place is None:
            self.problems.append(f"not imported: {what} is on a paragraph that matches "
                                 f"none of {self.revision.title}")
            return None
        paragraph, quote, occurrence = place
        replies = []
        for answer in answers:
            who = self._proposers([answer.author], f"a reply to {what}")
            if who:
                replies.append((who[0], " ".join(answer.text.split())))
        return NewComment(party[0], text, kind, f"#{paragraph.id}" if paragraph else None,
                          paragraph.address if paragraph else "the document", quote,
                          occurrence, tuple(r for r in replies if r[1]))

    def _comment_place(self, item: WordComment
                       ) -> tuple[Paragraph | None, str | None, int | None] | None:
        """The paragraph a comment's range starts in, and its words there if they are text
        of the revision; a comment on a title or heading is on the whole document."""
        at, pieces = self.views.old_at, self.views.pieces
        first = next((i for i in range(item.start, item.end) if i in at), None)
        if first is None:  # only added words: the paragraph they are added to
            first = next((i for i in range(item.start, len(pieces))
                          if i in at and pieces[i].mark), None)
        if first is None:
            return None
        old_index, offset = at[first]
        if old_index in self.headings:
            return None, None, None
        if old_index not in self.matched:
            return None
        paragraph, label_end = self.matched[old_index]
        end = max((at[i][1] + len(pieces[i].text) for i in range(first, item.end)
                   if i in at and at[i][0] == old_index and not pieces[i].mark),
                  default=offset)
        start, end = max(0, offset - label_end), max(0, end - label_end)
        if start == 0 and end >= len(paragraph.text):
            return paragraph, None, None  # on the whole paragraph
        return (paragraph, *_quote(paragraph.text, start, end))


def _quote(text: str, start: int, end: int) -> tuple[str | None, int | None]:
    """The whole words of text[start:end] and which occurrence they are; none if empty."""
    while 0 < start < len(text) and word_character(text[start - 1]) and \
            word_character(text[start]):
        start -= 1
    while 0 < end < len(text) and word_character(text[end - 1]) and word_character(text[end]):
        end += 1
    quote = text[start:end].strip()
    if not quote:
        return None, None
    start += len(text[start:end]) - len(text[start:end].lstrip())
    starts = occurrences(text, quote)
    if start not in starts:
        return None, None
    return quote, starts.index(start) + 1 if len(starts) > 1 else None


def leading_label(text: str) -> tuple[Label, int] | None:
    """The label opening a paragraph ("Action 27 bis …") and where the text after it starts."""
    words = list(re.finditer(r"\S+", text[:80]))
    for count in range(min(4, len(words) - 1), 0, -1):
        try:
            label = Label.parse(text[:words[count - 1].end()])
        except LabelError:
            continue
        return label, words[count].start()
    return None


def comment_type(text: str) -> tuple[CommentType, str]:
    """A comment's type from a leading "editorial:" (or ge/te/ed), else general."""
    match = re.match(r"(?i)(?:\[(\w+)\]|(\w+)\s*:)\s*(.+)", text)
    codes = {"ge": "general", "te": "substantive", "ed": "editorial"}
    word = (match.group(1) or match.group(2)).lower() if match else ""
    if match is None or codes.get(word, word) not in codes.values():
        return CommentType.GENERAL, text
    return CommentType(codes.get(word, word)), match.group(3)
