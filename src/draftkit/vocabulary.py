"""The words every output uses for the same things, so that a table, a report and a
compilation say them alike:

- a count with its noun, singular or plural: "1 proposal", "3 replies";
- who speaks for a group: "BEL on behalf of EU" (one notation everywhere: tables,
  compilation texts, Word comments);
- statuses as people say them (`Status.title`: "open", "agreed ad ref", "agreed")
  and comment types by name ("substantive comment"), ISO's ge/te/ed only in the
  comments matrix, whose template asks for them.
"""

from __future__ import annotations

from collections.abc import Sequence

_PLURALS = {"reply": "replies", "party": "parties", "status": "statuses",
            "paragraph": "paragraphs"}


def plural(noun: str) -> str:
    return _PLURALS.get(noun, noun if noun.endswith("s") else f"{noun}s")


def quantity(count: int, noun: str) -> str:
    """"1 proposal", "0 proposals", "2 replies"."""
    return f"{count} {noun if count == 1 else plural(noun)}"


def speakers(proposers: Sequence[str], group: str | None = None) -> str:
    """Who tabled something: "NOR, IRL", or for a group "BEL on behalf of EU"."""
    said = ", ".join(proposers)
    return f"{said} on behalf of {group}" if group else said
