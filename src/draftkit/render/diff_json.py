"""A DocumentDiff as JSON: the scripting contract (docs/diff.md), kept stable.

No rich here: `draftkit diff … --format json` stays light. Control characters in
the text are escaped (`\u001b`, `\u202e`: `render.safe.json_safe`), so the bytes carry
none and the decoded text is exactly the revision's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff, SectionStat
from draftkit.form import FormField
from draftkit.labels import Label
from draftkit.render.safe import dumps
from draftkit.tablediff import ColumnDiff, FieldDiff, RowDiff, TableDiff
from draftkit.textdiff import Span


def to_json(diff: DocumentDiff) -> str:
    return "".join(json_pieces(diff))


def json_pieces(diff: DocumentDiff) -> Iterator[str]:
    """`to_json` in pieces a section or paragraph long, each made as it is written: a
    10,000-paragraph diff is 20 MB of JSON, which need not be held whole, let alone twice."""
    return _pieces({**diff_json_header(diff),
                    "sections": (_section(section) for section in diff.sections),
                    "paragraphs": (_paragraph(paragraph) for paragraph in diff.paragraphs)})


def stat_to_json(diff: DocumentDiff) -> str:
    return "".join(_pieces({"document": diff.document, "from": diff.from_name, "to": diff.to_name,
                  "changed": diff.has_changes,
                  "sections": [_stat(stat) for stat in diff.stat()]}))


def diff_json(diff: DocumentDiff) -> dict[str, Any]:
    return {
        **diff_json_header(diff),
        "sections": [_section(section) for section in diff.sections],
        "paragraphs": [_paragraph(paragraph) for paragraph in diff.paragraphs],
    }


def diff_json_header(diff: DocumentDiff) -> dict[str, Any]:
    """The fields of `diff_json` before its sections and paragraphs."""
    return {"document": diff.document, "from": diff.from_name, "to": diff.to_name,
            "changed": diff.has_changes}


def _pieces(value: dict[str, Any]) -> Iterator[str]:
    """JSON with one list item a line: readable, and written by json's fast C encoder
    (indented output goes through its slow pure-Python one). A list may come as an
    iterator, its items made as they are written, so a large diff is never held as a
    tree of JSON values, nor as one text."""
    yield "{\n "
    for number, (key, item) in enumerate(value.items()):
        if number:
            yield ",\n "
        yield f"{json.dumps(key)}: "
        if isinstance(item, list | Iterator):
            opening = "[\n  "
            for x in item:
                yield opening + dumps(x)
                opening = ",\n  "
            yield "[]" if opening == "[\n  " else "\n ]"
        else:
            yield dumps(item)
    yield "\n}\n"


def _change(kinds: tuple[str, ...]) -> str | list[str]:
    return kinds[0] if len(kinds) == 1 else list(kinds)


def _label(label: Label | None) -> str | None:
    return None if label is None else str(label)


def _span(span: Span) -> dict[str, Any]:
    item: dict[str, Any] = {"op": span.op, "text": span.text}
    if span.proposals:
        item["proposals"] = list(span.proposals)
    if span.parties:
        item["parties"] = list(span.parties)
    return item


def _paragraph(paragraph: ParagraphDiff) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": paragraph.id,
        "from_label": _label(paragraph.from_label),
        "to_label": _label(paragraph.to_label),
        "change": _change(paragraph.change),
        "from_section": paragraph.from_section,
        "to_section": paragraph.to_section,
        "from_status": paragraph.from_status.value if paragraph.from_status else None,
        "to_status": paragraph.to_status.value if paragraph.to_status else None,
        "spans": [_span(span) for span in paragraph.spans],
    }
    if paragraph.agreed_changed:  # agreed words changed without a recorded reopening
        item["agreed_changed"] = True
    if paragraph.table is not None:  # a table on either side: its diff, cell by cell
        item["table"] = _table(paragraph.table)
    if paragraph.form is not None:  # a form field on either side
        item["field"] = _field(paragraph.form)
    if paragraph.credits:  # who made its changes: all of them, and by kind of change
        item["proposals"] = list(paragraph.proposals)
        item["parties"] = list(paragraph.parties)
        item["by_change"] = {c.kind: {"proposals": list(c.proposals), "parties": list(c.parties)}
                             for c in paragraph.credits}
    return item


def _table(table: TableDiff) -> dict[str, Any]:
    return {"columns": [_column(c) for c in table.columns], "rows": [_row(r) for r in table.rows]}


def _column(column: ColumnDiff) -> dict[str, Any]:
    return {"id": column.id, "change": _change(column.change),
            "from_position": _position(column.from_position),
            "to_position": _position(column.to_position),
            "heading_spans": [_span(span) for span in column.heading_spans]}


def _row(row: RowDiff) -> dict[str, Any]:
    return {"id": row.id, "change": _change(row.change),
            "from_position": _position(row.from_position),
            "to_position": _position(row.to_position),
            "cells": [{"column": c.column, "spans": [_span(s) for s in c.spans]}
                      for c in row.cells]}


def _position(index: int | None) -> int | None:
    """Counted from 1, as people say "row 3"."""
    return None if index is None else index + 1


def _field(form: FieldDiff) -> dict[str, Any]:
    def side(field: FormField | None) -> dict[str, Any] | None:
        if field is None:
            return None
        return {"kind": field.kind.value, "choices": list(field.choices),
                "instructions": field.instructions, "voluntary": field.voluntary}

    return {"from": side(form.from_field), "to": side(form.to_field),
            "change": list(form.change),
            "instruction_spans": [_span(span) for span in form.instruction_spans]}


def _section(section: SectionDiff) -> dict[str, Any]:
    return {
        "id": section.id,
        "from_number": section.from_number,
        "to_number": section.to_number,
        "from_heading": section.from_heading,
        "to_heading": section.to_heading,
        "change": _change(section.change),
        "heading_spans": [_span(span) for span in section.heading_spans],
    }


def _stat(stat: SectionStat) -> dict[str, Any]:
    return {"id": stat.section, "title": stat.title, "paragraphs": stat.paragraphs,
            "inserted": stat.inserted, "deleted": stat.deleted, "modified": stat.modified,
            "moved": stat.moved, "relabelled": stat.relabelled, "status": stat.status,
            "words_inserted": stat.words_inserted, "words_deleted": stat.words_deleted}
