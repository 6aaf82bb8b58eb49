"""A revision as a file: the revision format (text), markdown, or JSON.

The revision format is the store's grammar, which quotes control characters so the
file round-trips exactly; markdown shows them visibly and JSON escapes them
(`render.safe`).
"""

from __future__ import annotations

import re
from typing import Any

from draftkit.form import FormField
from draftkit.masthead import masthead, revision_symbol
from draftkit.model import Document, Paragraph, Revision
from draftkit.render.safe import dumps, visible_line
from draftkit.store.revision_format import format_revision
from draftkit.table import Table

# Parentheses and "!" need no escape once brackets are escaped: no link or image can
# start; escaping them only litters the source people read.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~])")


def escape_markdown(text: str) -> str:
    """Text shown literally by any markdown renderer: brackets stay brackets, and
    control characters are shown visibly (`\\x1b`, `<U+202E>`), then escaped too."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible_line(text))


def to_text(revision: Revision) -> str:
    """The revision format itself: edit it and feed it to `draftkit revise`."""
    return format_revision(revision)


def to_markdown(document: Document, revision: Revision) -> str:
    head = masthead(document, revision)
    block = [f"{escape_markdown(line)}\\" for line in head.lines()[:-1]]  # hard breaks
    lines = [*block, escape_markdown(head.lines()[-1]), "",
             f"# {escape_markdown(document.title)}", "",
             f"*{escape_markdown(revision.title)}, {revision.date.isoformat()}, "
             f"issued by {escape_markdown(revision.issued_by)}*"]
    for section in revision.sections:
        lines += ["", f"## {escape_markdown(section.title)}"]
        for paragraph in section.paragraphs:
            lead = f"**{escape_markdown(str(paragraph.label))}** " if paragraph.label else ""
            status = "" if paragraph.status.value == "open" else \
                f" *({paragraph.status.title})*"
            lines += ["", f"{lead}{escape_markdown(paragraph.text)}{status}",
                      *content_markdown(paragraph)]
    return "\n".join(lines) + "\n"


def content_markdown(paragraph: Paragraph) -> list[str]:
    """A table as a markdown table; a form field's kind and instructions, in italics."""
    if paragraph.table is not None:
        table = paragraph.table
        return ["", "| " + " | ".join(escape_markdown(c.heading) for c in table.columns) + " |",
                "|---" * len(table.columns) + "|",
                *("| " + " | ".join(escape_markdown(cell) for cell in row.cells) + " |"
                  for row in table.rows)]
    if paragraph.form is not None:
        from draftkit.tablediff import field_summary

        form = paragraph.form
        return ["", f"*Field: {escape_markdown(field_summary(form))}*"
                + (f" — {escape_markdown(form.instructions)}" if form.instructions else "")]
    return []


def paragraph_json(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph; a table's also has "table" (columns, and rows with cells by column
    id), a form field's "field" (kind, choices, instructions, voluntary)."""
    item: dict[str, Any] = {"id": paragraph.id,
                            "label": None if paragraph.label is None else str(paragraph.label),
                            "status": paragraph.status.value, "text": paragraph.text}
    if paragraph.table is not None:
        item["table"] = table_json(paragraph.table)
    if paragraph.form is not None:
        item["field"] = field_json(paragraph.form)
    return item


def table_json(table: Table) -> dict[str, Any]:
    """A table's columns (id, heading) and rows (id, cells by column id)."""
    ids = [c.id for c in table.columns]
    return {"columns": [{"id": c.id, "heading": c.heading} for c in table.columns],
            "rows": [{"id": r.id, "cells": dict(zip(ids, r.cells, strict=True))}
                     for r in table.rows]}


def field_json(form: FormField) -> dict[str, Any]:
    """A form field's kind, choices, instructions and whether it is voluntary."""
    return {"kind": form.kind.value, "choices": list(form.choices),
            "instructions": form.instructions, "voluntary": form.voluntary}


def revision_json(document: Document, revision: Revision) -> dict[str, Any]:
    return {
        "document": {"id": document.id, "title": document.title, "kind": document.kind.value,
                     "symbol": document.symbol,
                     "distribution": document.distribution.value if document.distribution
                     else None, "original_language": document.original_language},
        "revision": {"name": revision.name, "title": revision.title,
                     "symbol": revision_symbol(document, revision),
                     "date": revision.date.isoformat(), "issued_by": revision.issued_by,
                     "parent": revision.parent, "note": revision.note,
                     "kind": revision.kind.value if revision.kind else None,
                     "meeting": revision.meeting},
        "sections": [{"id": section.id, "number": section.number, "heading": section.heading,
                      "paragraphs": [paragraph_json(p) for p in section.paragraphs]}
                     for section in revision.sections],
    }


def to_json(document: Document, revision: Revision) -> str:
    return dumps(revision_json(document, revision), indent=2) + "\n"
