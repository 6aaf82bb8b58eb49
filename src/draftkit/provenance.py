"""Where a revision's changes came from: which proposals did what.

A merge records, for each paragraph it changed, the character ranges it
replaced (in the parent revision's text) and wrote (in the new text), with the
proposals behind them: a word change is such a range, and so is a paragraph
added (nothing became its text), deleted (its text became nothing) or
replaced whole. It also records each paragraph it moved, with the proposals
that moved it. `docdiff` uses this to name the proposals and parties behind
each change, `blame` follows it back through the revisions, and the Word
redline authors its tracked changes with it.

The label a paragraph takes where it is added or moved to is part of that
change; labels that change only because others were renumbered are not any
proposal's (see `docdiff`).

A table's cells are texts of their own: the merge records the changes it made
to each cell's words in `cells`, by (table paragraph, row, column) identities, as
ranges of the cell's text, and a row it added as a change writing each of its
cells (by the add-row proposal). `blame` follows cells back through them.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from attrs import frozen


@frozen
class Change:
    """Text `parent_text[old_start:old_end]` became `text[new_start:new_end]`."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    proposals: tuple[str, ...]
    parties: tuple[str, ...] = ()


@frozen
class Move:
    """A paragraph was moved (to another place, perhaps another section) by these proposals."""

    proposals: tuple[str, ...]
    parties: tuple[str, ...] = ()


@frozen
class Provenance:
    """The changes of one revision against its parent, by paragraph identity.

    A paragraph inserted or deleted whole is a single change covering its text.
    `moves` names, by paragraph identity, the proposals that moved a paragraph.
    `cells` are the changes to cells' texts by (table paragraph, row, column) ids.
    """

    revision: str
    parent: str
    changes: Mapping[str, tuple[Change, ...]]
    moves: Mapping[str, Move] = attrs.field(factory=dict)
    cells: Mapping[tuple[str, str, str], tuple[Change, ...]] = attrs.field(factory=dict)

    def for_paragraph(self, paragraph_id: str) -> tuple[Change, ...]:
        return self.changes.get(paragraph_id, ())

    def moved_by(self, paragraph_id: str) -> Move | None:
        """The proposals that moved the paragraph, or None if no proposal moved it."""
        return self.moves.get(paragraph_id)
