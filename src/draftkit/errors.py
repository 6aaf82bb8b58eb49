"""The one exception family draftkit raises for bad input.

The CLI turns any of these into a one-line message and exit status 2; a
script can catch `DraftkitError` and read `str(error)`. Bad input never
reaches a script as a bare ValueError, KeyError or OSError: the API checks
what it is given (`one_of` for the words that name a kind, a status, a
position) and says what was wrong in these terms.
"""

from __future__ import annotations

import enum
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)


class DraftkitError(Exception):
    """Bad input: a malformed file, an unknown address, a forbidden change."""


class FormatError(DraftkitError):
    """A store file that does not follow its format, located by file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class NotFoundError(DraftkitError):
    """An unknown document, revision, address, party or item id."""


class TamperedError(DraftkitError):
    """A recorded revision whose file no longer matches its recorded hash."""


class ChoiceError(DraftkitError):
    """A word that must be one of a fixed set ("replace", "after", "open") and is not."""


def one_of(kind: type[E], value: str | E, what: str) -> E:
    """`value` as a member of the enumeration `kind` (given as itself or its value);
    ChoiceError naming `what` and the choices otherwise:
    "operation: not one of insert, delete, …: 'bogus'"."""
    if isinstance(value, kind):
        return value
    for member in kind:
        if member.value == value:
            return member
    choices = ", ".join(str(member.value) for member in kind)
    raise ChoiceError(f"{what}: not one of {choices}: {value!r}")
