"""draftkit: draft a negotiated text together.

Scripts start with `open_drafts()`; every CLI command is a thin shell over it.
The names below are imported when first used, so `import draftkit` (and the
command line's start) does not load the whole library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from draftkit.api import Drafts, open_drafts
    from draftkit.errors import DraftkitError, FormatError, NotFoundError, TamperedError
    from draftkit.labels import Label
    from draftkit.model import Document, Paragraph, Party, Revision, Section, Status

_HOMES = {
    "Drafts": "api", "open_drafts": "api",
    "DraftkitError": "errors", "FormatError": "errors", "NotFoundError": "errors",
    "TamperedError": "errors",
    "Label": "labels",
    "Document": "model", "Paragraph": "model", "Party": "model", "Revision": "model",
    "Section": "model", "Status": "model",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'draftkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"draftkit.{home}"), name)
    globals()[name] = value
    return value
