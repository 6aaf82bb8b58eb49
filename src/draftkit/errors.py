"""The one exception family draftkit raises for bad input.

The CLI turns any of these into a one-line message and exit status 2; a
script can catch `DraftkitError` and read `str(error)`.
"""

from __future__ import annotations


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
