"""A delegation's tracked .docx of a revision → the proposals and comments it makes.

Pure planning, nothing written: the file's two texts (`views`) are matched
to the revision (`matching`), tracked changes become proposals (`changes`)
and Word comments become comments (`notes`), each attributed to the party
its author names. What draftkit exported comes back as the record, not as
input. Whatever cannot be mapped is reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from draftkit.comments import Comment
from draftkit.docx import changes
from draftkit.docx.matching import match
from draftkit.docx.notes import Notes
from draftkit.docx.plan import Authors, Parties, Plan
from draftkit.docx.reader import WordDocument
from draftkit.docx.views import views
from draftkit.model import Revision


def plan_import(revision: Revision, document: WordDocument, parties: Parties,
                known: Mapping[str, Comment], name: str,
                written: Mapping[str, dt.datetime] | None = None) -> Plan:
    """What `document` (a copy of `revision`) proposes; DraftkitError if it is not one.

    `parties` maps a Word author to party codes; `known` are the document's
    comments, so those draftkit exported (and their replies) are recognised;
    `written` is when each Word comment was written, by its w:id.
    """
    matched = match(revision, views(document), name)
    authors = Authors(parties)
    proposed, unchanged = changes.proposals(matched, authors, name)
    notes = Notes(matched, authors, known, written or {})
    notes.read(document.comments)
    return Plan(tuple(proposed), tuple(notes.comments), tuple(notes.replies),
                (*matched.problems, *unchanged, *notes.problems, *authors.problems()),
                exported_comments=notes.exported_comments,
                exported_replies=notes.exported_replies, source=name)
