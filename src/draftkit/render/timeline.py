"""A document's timeline as text (one line an event) or JSON (`draftkit timeline`).

    2010-06-07 to 2010-06-09  meeting   Global Conference on the Convention …, Santiago, Chile
    2010-07-16                deadline  Written input on the zero draft, for the Preparatory …

Text from the store (titles, places, notes) is shown safely (`render.safe`).
"""

from __future__ import annotations

from typing import Any

from draftkit.model import Meeting, Revision, RevisionKind
from draftkit.render.safe import dumps, visible_line
from draftkit.timeline import (
    DeadlinePassed,
    DecisionTaken,
    Entry,
    MeetingHeld,
    RevisionIssued,
    Timeline,
    kind_of,
)

DATE_WIDTH = len("2010-06-07 to 2010-06-09")
KIND_WIDTH = len("revision")


def _meeting_name(meeting: Meeting | None, named: str | None) -> str:
    return meeting.title if meeting is not None else named or ""


def describe(entry: Entry) -> str:
    """One line in words: what happened."""
    if isinstance(entry, MeetingHeld):
        meeting = entry.meeting
        return f"{meeting.title}, {meeting.place}" if meeting.place else meeting.title
    if isinstance(entry, RevisionIssued):
        revision = entry.revision
        text = revision.title
        if revision.kind is not None and not _says_kind(revision):
            text += f" ({revision.kind.title})"
        text += " issued"
        if revision.meeting:
            text += f" for the {_meeting_name(entry.meeting, revision.meeting)}"
        return f"{text} by {revision.issued_by}"
    if isinstance(entry, DeadlinePassed):
        deadline = entry.deadline
        text = deadline.what
        if deadline.meeting:
            text += f", for the {_meeting_name(entry.meeting, deadline.meeting)}"
        counts = [f"{len(entry.on_time)} proposals on time"]
        if entry.late:
            counts.append(f"{len(entry.late)} late ({', '.join(entry.late)})")
        return f"{text}: {', '.join(counts)}"
    text = f"{entry.paragraph} {entry.action}"
    if entry.meeting is not None:
        text += f" at the {entry.meeting.title}"
    if entry.by:
        text += f" by {entry.by}"
    return text + (f": {entry.note}" if entry.note else "")


def _says_kind(revision: Revision) -> bool:
    """Whether the revision's name says its kind already ("Zero draft", "Rev.2")."""
    kind = revision.kind
    return kind is not None and (kind.title == revision.title.lower()
                                 or (kind is RevisionKind.REV
                                     and revision.title.startswith("Rev.")))


def _dates(entry: Entry) -> str:
    return entry.meeting.dates if isinstance(entry, MeetingHeld) else entry.date.isoformat()


def to_text(timeline: Timeline) -> str:
    lines = [f"{timeline.document.title}: timeline", ""]
    for entry in timeline.entries:
        lines.append(f"{_dates(entry):<{DATE_WIDTH}}  {kind_of(entry):<{KIND_WIDTH}}  "
                     f"{describe(entry)}")
        if isinstance(entry, RevisionIssued) and entry.revision.note:
            lines.append(" " * (DATE_WIDTH + KIND_WIDTH + 4) + entry.revision.note)
    if not timeline.entries:
        lines.append("Nothing yet: no meetings, revisions or deadlines.")
    return "\n".join(visible_line(line) for line in lines) + "\n"


def entry_json(entry: Entry) -> dict[str, Any]:
    found: dict[str, Any] = {"date": entry.date.isoformat(), "type": kind_of(entry)}
    if isinstance(entry, MeetingHeld):
        meeting = entry.meeting
        found.update(end=meeting.end.isoformat(), meeting=meeting.id, title=meeting.title,
                     place=meeting.place)
    elif isinstance(entry, RevisionIssued):
        revision = entry.revision
        found.update(revision=revision.name, title=revision.title,
                     kind=revision.kind.value if revision.kind else None,
                     meeting=revision.meeting, issued_by=revision.issued_by,
                     parent=revision.parent, note=revision.note)
    elif isinstance(entry, DeadlinePassed):
        found.update(meeting=entry.deadline.meeting, what=entry.deadline.what,
                     on_time=list(entry.on_time), late=list(entry.late))
    else:
        assert isinstance(entry, DecisionTaken)
        found.update(action=entry.action, paragraph=entry.paragraph,
                     meeting=entry.meeting.id if entry.meeting else None, by=entry.by,
                     note=entry.note)
    found["summary"] = describe(entry)
    return found


def to_json(timeline: Timeline) -> str:
    document = timeline.document
    return dumps({"document": document.id, "title": document.title,
                  "events": [entry_json(e) for e in timeline.entries]}, indent=2) + "\n"
