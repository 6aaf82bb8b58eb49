"""Where each page of the site lives, and relative links between pages.

Every link is relative, so the site works from a folder (file://) and from any
static host. File names are lower-case ASCII: documents, revisions and
paragraphs by their slugs, parties by their codes.
"""

from __future__ import annotations

import posixpath

INDEX = "index.html"
STYLE = "style.css"
# Names Windows keeps for devices, whatever the extension: never a file name.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
             *(f"lpt{n}" for n in range(1, 10))}


def _document(document: str) -> str:
    return f"documents/{document}"


def document_page(document: str) -> str:
    return f"{_document(document)}/index.html"


def revision_page(document: str, revision: str) -> str:
    return f"{_document(document)}/revisions/{revision}.html"


def redline_page(document: str, before: str, after: str) -> str:
    return f"{_document(document)}/redlines/{before}-to-{after}.html"


def compilation_page(document: str) -> str:
    return f"{_document(document)}/compilation.html"


def comments_page(document: str) -> str:
    return f"{_document(document)}/comments.html"


def status_page(document: str) -> str:
    return f"{_document(document)}/status.html"


def paragraph_page(document: str, slug: str) -> str:
    return f"{_document(document)}/paragraphs/{slug}.html"


def party_page(code: str) -> str:
    name = code.lower()
    return f"parties/{name}-party.html" if name in _RESERVED else f"parties/{name}.html"


def href(page: str, target: str, fragment: str = "") -> str:
    """A link from `page` to `target` (both site paths), relative; `#fragment` added."""
    path = "" if target == page else posixpath.relpath(target, posixpath.dirname(page) or ".")
    return path + (f"#{fragment}" if fragment else "")
