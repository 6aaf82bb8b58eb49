"""Where a revision's changes came from: which proposals produced which words.

A merge records, for each paragraph it changed, the character ranges it
replaced (in the parent revision's text) and wrote (in the new text), with the
proposals behind them. `docdiff` uses it to name the proposal and parties
behind each changed span; `blame` follows it back through the revisions.
"""

from __future__ import annotations

from collections.abc import Mapping

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
class Provenance:
    """The changes of one revision against its parent, by paragraph identity.

    A paragraph inserted or deleted whole is a single change covering its text.
    """

    revision: str
    parent: str
    changes: Mapping[str, tuple[Change, ...]]

    def for_paragraph(self, paragraph_id: str) -> tuple[Change, ...]:
        return self.changes.get(paragraph_id, ())
