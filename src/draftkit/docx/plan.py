"""What an import plans to record, and who is behind each item.

Values only: `importer` fills them, `intake` checks and records them,
`report` prints them.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from draftkit.comments import CommentType
from draftkit.proposals import OperationKind, Position

Parties = Callable[[str], tuple[str, ...] | None]  # a Word author → party codes, or None


@frozen
class NewProposal:
    """`Drafts.propose` arguments; `paragraph`/`destination` are "#id" addresses (a cell's
    "#id, row #r, column #c")."""

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
    row: str | None = None  # an added row: the row it goes next to; a deleted one ("row #id")
    cells: tuple[str, ...] | None = None  # and its cells, in column order


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
    """A reply typed in Word to a recorded comment (one draftkit exported, or one an
    earlier import of the file recorded)."""

    comment: str
    party: str
    text: str


@frozen
class Already:
    """An item of the file that is recorded already, by an earlier import or by hand:
    `id` is the proposal or comment it is (for a reply, the comment it answers)."""

    id: str
    item: NewProposal | NewComment | NewReply
    status: str = ""  # a proposal's status, when not "proposed"

    @property
    def kind(self) -> str:
        return {NewProposal: "proposal", NewComment: "comment",
                NewReply: "reply"}[type(self.item)]


@frozen
class Plan:
    """What to record (`proposals`, `comments`, `replies`: nothing recorded before),
    what is recorded already, what is not imported and why, and how many of the
    file's Word comments and replies are draftkit's own export coming back."""

    proposals: tuple[NewProposal, ...]
    comments: tuple[NewComment, ...]
    replies: tuple[NewReply, ...]
    problems: tuple[str, ...]
    already: tuple[Already, ...] = ()
    exported_comments: int = 0
    exported_replies: int = 0
    source: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to record."""
        return not (self.proposals or self.comments or self.replies)


def short(text: str) -> str:
    """A paragraph or comment quoted in a report line."""
    text = " ".join(text.split())
    return f"“{text[:50]}…”" if len(text) > 50 else f"“{text}”"


class Authors:
    """Word authors mapped to parties; the unknown ones are collected for the report."""

    def __init__(self, parties: Parties) -> None:
        self.parties = parties
        self.unknown: dict[str, list[str]] = {}

    def codes(self, authors: list[str]) -> frozenset[str] | None:
        """The parties behind `authors` together, or None if one names none (not noted)."""
        found: set[str] = set()
        for author in dict.fromkeys(a for a in authors if a) or [""]:
            mapped = self.parties(author)
            if mapped is None:
                return None
            found.update(mapped)
        return frozenset(found)

    def of(self, authors: list[str], what: str) -> tuple[str, ...] | None:
        """The party codes behind `what`, or None (noted) if an author names no party."""
        names = list(dict.fromkeys(a for a in authors if a)) or [""]
        codes: list[str] = []
        for author in names:
            mapped = self.parties(author)
            if mapped is None:
                self.unknown.setdefault(author, []).append(what)
                return None
            codes += [c for c in mapped if c not in codes]
        return tuple(codes)

    def problems(self) -> list[str]:
        """One line per item left out, naming it and its author."""
        lines = []
        for author, items in self.unknown.items():
            who = f"by {author!r}, who is no party" if author else "without an author"
            lines += [f"not imported: {item} {who} (name its party with --party, or make "
                      f"the author a party code or name)" for item in items]
        return lines
