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


def short(text: str) -> str:
    """A paragraph or comment quoted in a report line."""
    text = " ".join(text.split())
    return f"“{text[:50]}…”" if len(text) > 50 else f"“{text}”"


class Authors:
    """Word authors mapped to parties; the unknown ones are collected for the report."""

    def __init__(self, parties: Parties) -> None:
        self.parties = parties
        self.unknown: dict[str, list[str]] = {}

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
        """One line per unknown author, naming what of theirs was left out."""
        lines = []
        for author, items in self.unknown.items():
            who = f"by {author!r}, who is no party" if author else "without an author"
            listed = "; ".join(items[:5]) + (f"; and {len(items) - 5} more"
                                             if len(items) > 5 else "")
            lines.append(f"not imported: {len(items)} item(s) {who} (use --party, or name "
                         f"the author by a party code or name): {listed}")
        return lines
