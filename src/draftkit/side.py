"""One side of a conflict: what some proposals want, and who made them.

Conflicts over words, paragraphs, cells, columns, fields and rows all have sides of
this one shape; the contests over rows (`rows`) are found before they become
conflicts (`conflicts`), so the shape stands apart from both.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Side:
    """One side of a conflict: its proposals, their parties, and the wording it wants.

    `wording` is the contested words as this side has them; None where it
    deletes the paragraph (or the row); for a move, where it puts the paragraph; in a
    conflict over a row, what the side wants in words ("column Quantity: "1 250"").
    """

    proposals: tuple[str, ...]
    parties: tuple[str, ...]
    operation: str
    wording: str | None
