"""Comments: what delegations say about the text that is not wording.

A comment sits on the whole document, on a paragraph, or on some words of it
(anchored like a proposal's quoted words). The presidency gives it a
disposition; anyone may reply. Replies and dispositions are appended, never
rewritten, so parallel additions merge without loss.
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import evolve, frozen

from draftkit.anchors import Anchor, Located, Lost, find, follow
from draftkit.errors import DraftkitError
from draftkit.table import CellRef


class CommentType(enum.Enum):
    GENERAL = "general"
    SUBSTANTIVE = "substantive"
    EDITORIAL = "editorial"

    @property
    def code(self) -> str:
        """ISO's comments-matrix abbreviation: ge / te / ed."""
        return {"general": "ge", "substantive": "te", "editorial": "ed"}[self.value]


class Disposition(enum.Enum):
    ACCEPTED = "accepted"
    ACCEPTED_IN_PRINCIPLE = "accepted-in-principle"
    NOTED = "noted"
    NOT_ACCEPTED = "not-accepted"

    @property
    def title(self) -> str:
        return self.value.replace("-", " ")


@frozen
class Reply:
    when: dt.datetime
    party: str
    text: str


@frozen
class Decision:
    when: dt.datetime
    by: str
    disposition: Disposition
    observation: str = ""


@frozen
class Comment:
    id: str
    document: str
    revision: str
    party: str
    type: CommentType
    text: str
    created: dt.datetime
    paragraph: str | None = None  # None: on the whole document
    anchor: Anchor | None = None  # None: on the whole paragraph
    proposed_change: str | None = None  # a proposal id
    label: str = ""  # the paragraph's address in `revision`, for people reading the file
    cell: CellRef | None = None  # the cell of a table the comment is on (and its anchor in)
    replies: tuple[Reply, ...] = ()
    decisions: tuple[Decision, ...] = ()

    @property
    def disposition(self) -> Decision | None:
        """The latest disposition, or None while the comment is open."""
        return max(self.decisions, key=lambda d: d.when) if self.decisions else None

    @property
    def is_open(self) -> bool:
        return not self.decisions

    def with_reply(self, reply: Reply) -> Comment:
        return evolve(self, replies=(*self.replies, reply))

    def with_decision(self, decision: Decision) -> Comment:
        return evolve(self, decisions=(*self.decisions, decision))


@frozen
class Placement:
    """Where a comment's words stand in some revision: found, or orphaned and why."""

    located: Located | None
    reason: str = ""

    @property
    def orphaned(self) -> bool:
        return self.located is None


def place(comment: Comment, written_on: str | None, text: str | None) -> Placement:
    """Find a comment's words in `text` (its paragraph in another revision).

    `written_on` is the paragraph's text in the comment's own revision. The
    words are carried through the diff between the two texts, so an edit
    elsewhere never sends the comment to another occurrence of the same words.
    """
    if comment.anchor is None:
        return Placement(Located(0, 0) if text is not None else None,
                         "" if text is not None else "the paragraph was deleted")
    if text is None:
        return Placement(None, "the paragraph was deleted")
    if written_on is None:
        raise DraftkitError(f"comment {comment.id}: its paragraph is missing from "
                            f"{comment.revision}")
    found = follow(find(comment.anchor, written_on), written_on, text)
    if isinstance(found, Located):
        return Placement(found)
    if found is Lost.UNCLEAR:
        return Placement(None, f"the words {comment.anchor.quote!r} still stand in the "
                               f"paragraph, but no longer tell which of their occurrences "
                               f"was commented on")
    return Placement(None, f"the words {comment.anchor.quote!r} were changed or removed")
