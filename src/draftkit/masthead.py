"""The first-page block of an issued revision, as UN documents carry it.

    CCM/MSP/2010/WP.1/Rev.1
    Distr.: General
    20 August 2010
    Original: English

A revision's symbol is derived from its document's (`symbol:` in
`document.txt`), never stored twice: the zero draft (or the first revision)
carries the document's symbol, "revN" carries it with "/Rev.N"; a
facilitator's text or a chair's non-paper carries none (they are not formal
revisions). A revision whose symbol cannot be derived that way (an adopted
text issued as `CCM/MSP/2010/5`) says it in its own `symbol:` header.
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from draftkit.model import Document, Meeting, Revision, RevisionKind

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_REV = re.compile(r"rev\.?(\d+)", re.IGNORECASE)


@frozen
class Masthead:
    """What the first page says about the document: every field may be absent but the
    title and the date."""

    title: str
    revision: str  # "Rev.1", "Zero draft"
    date: dt.date
    issued_by: str
    symbol: str | None = None
    distribution: str | None = None  # "General"
    original_language: str | None = None
    meeting: Meeting | None = None  # the meeting it is issued for

    @property
    def date_line(self) -> str:
        """The date as a UN document prints it: "20 August 2010"."""
        return long_date(self.date)

    def lines(self) -> tuple[str, ...]:
        """The block's lines in order, leaving out what is not known."""
        return tuple(line for line in (
            self.symbol,
            f"Distr.: {self.distribution}" if self.distribution else None,
            self.date_line,
            f"Original: {self.original_language}" if self.original_language else None,
        ) if line)

    def meeting_lines(self) -> tuple[str, ...]:
        """The meeting it is issued for, and where and when: "First Meeting of States
        Parties", "Vientiane, Lao PDR, 9-12 November 2010"."""
        if self.meeting is None:
            return ()
        return self.meeting.title, f"{self.meeting.place}, {days(self.meeting)}"


def days(meeting: Meeting) -> str:
    """"9-12 November 2010", "30 September-1 October 2010", "6 September 2010"."""
    first, last = meeting.start, meeting.end
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{long_date(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]}-{long_date(last)}"
    return f"{long_date(first)}-{long_date(last)}"


def long_date(day: dt.date) -> str:
    """"20 August 2010", the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def revision_symbol(document: Document, revision: Revision) -> str | None:
    """The revision's own symbol, else the one derived from the document's (above)."""
    if revision.symbol is not None:
        return revision.symbol
    if document.symbol is None or (revision.kind is not None and not revision.kind.formal):
        return None
    numbered = _REV.fullmatch(revision.name)
    if numbered:
        return f"{document.symbol}/Rev.{int(numbered.group(1))}"
    if revision.kind is RevisionKind.ZERO_DRAFT or revision.parent is None:
        return document.symbol
    return None


def masthead(document: Document, revision: Revision) -> Masthead:
    held = next((m for m in document.meetings if m.id == revision.meeting), None)
    return Masthead(title=document.title, revision=revision.title, date=revision.date,
                    issued_by=revision.issued_by, symbol=revision_symbol(document, revision),
                    distribution=document.distribution.title if document.distribution
                    else None, original_language=document.original_language, meeting=held)
