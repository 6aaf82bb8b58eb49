"""A delegation's tracked .docx of a revision → the proposals and comments it makes.

Pure planning, nothing written: the file's two texts (`views`) are matched
to the revision (`matching`), tracked changes become proposals (`changes`)
and Word comments become comments (`notes`), each attributed to the party
its author names. Whatever cannot be mapped is reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

from draftkit.comments import Comment
from draftkit.docx import changes, notes
from draftkit.docx.matching import match
from draftkit.docx.plan import Authors, Parties, Plan
from draftkit.docx.reader import WordDocument
from draftkit.docx.views import views
from draftkit.model import Revision


def plan_import(revision: Revision, document: WordDocument, parties: Parties,
                known: Mapping[str, Comment], name: str) -> Plan:
    """What `document` (a copy of `revision`) proposes; DraftkitError if it is not one.

    `parties` maps a Word author to party codes; `known` are the document's
    comments, so those draftkit exported are not imported twice.
    """
    matched = match(revision, views(document), name)
    authors = Authors(parties)
    proposed, unchanged = changes.proposals(matched, authors, name)
    comments, replies, unplaced = notes.comments(matched, document.comments, authors, known)
    return Plan(tuple(proposed), tuple(comments), tuple(replies),
                (*matched.problems, *unchanged, *unplaced, *authors.problems()))
