"""draftkit: draft a negotiated text together.

Scripts start with `open_drafts()`; every CLI command is a thin shell over it.
"""

from draftkit.api import Drafts, open_drafts
from draftkit.errors import DraftkitError, FormatError, NotFoundError, TamperedError
from draftkit.labels import Label
from draftkit.model import Document, Paragraph, Party, Revision, Section, Status

__all__ = [
    "Document",
    "DraftkitError",
    "Drafts",
    "FormatError",
    "Label",
    "NotFoundError",
    "Paragraph",
    "Party",
    "Revision",
    "Section",
    "Status",
    "TamperedError",
    "open_drafts",
]
