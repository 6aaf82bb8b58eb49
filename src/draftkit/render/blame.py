"""Blame as plain text (a column of origins beside the words) and as JSON; the words
go out through `render.safe` (shown visibly, escaped in JSON)."""

from __future__ import annotations

from collections.abc import Sequence

from draftkit.blame import BlameSpan, Origin, ParagraphBlame
from draftkit.model import display_name
from draftkit.render.safe import dumps, visible_line


def origin_text(origin: Origin) -> str:
    """ "Rev.2 LBN-npzh (LBN)", or just "Zero draft" for words without a proposal."""
    text = display_name(origin.revision)
    if origin.proposals:
        text += f" {', '.join(origin.proposals)}"
    if origin.parties:
        text += f" ({', '.join(origin.parties)})"
    return text


def moved_text(origin: Origin) -> str:
    """ "moved in Rev.2 by AUT-ggtc (AUT)", or "moved in Rev.2" when no proposal is known."""
    text = f"moved in {display_name(origin.revision)}"
    if origin.proposals:
        text += f" by {', '.join(origin.proposals)}"
    if origin.parties:
        text += f" ({', '.join(origin.parties)})"
    return text


def to_text(title: str, blamed: Sequence[ParagraphBlame]) -> str:
    lines = [title]
    for paragraph in blamed:
        lines += ["", paragraph.label or f"#{paragraph.paragraph}"]
        lines += [f"  {moved_text(origin)}" for origin in paragraph.moves]
        origins = [origin_text(span.origin) for span in paragraph.spans]
        width = max(map(len, origins), default=0)
        lines += [f"  {origin:<{width}}  {span.text}"
                  for origin, span in zip(origins, paragraph.spans, strict=True)]
        lines += _cells_text(paragraph)
    return "\n".join(visible_line(line) for line in lines) + "\n"


def _cells_text(paragraph: ParagraphBlame) -> list[str]:
    """A table's cells, one line per span of words: the cell (on its first line), the
    origin and the words, in aligned columns."""
    rows = [(cell.address.removeprefix(f"{paragraph.label or f'#{paragraph.paragraph}'}, ")
             if n == 0 else "", origin_text(span.origin), span.text)
            for cell in paragraph.cells for n, span in enumerate(cell.spans)]
    if not rows:
        return []
    where = max(len(r[0]) for r in rows)
    who = max(len(r[1]) for r in rows)
    return ["  cells:", *(f"    {cell:<{where}}  {origin:<{who}}  {text}"
                          for cell, origin, text in rows)]


def to_json(document: str, revision: str, blamed: Sequence[ParagraphBlame]) -> str:
    return dumps({"document": document, "revision": revision, "paragraphs": [
        {"id": p.paragraph, "label": p.label, "spans": [_span(s) for s in p.spans],
         "moves": [{"revision": m.revision, "proposals": list(m.proposals),
                    "parties": list(m.parties)} for m in p.moves],
         **({"cells": [{"row": c.row, "column": c.column, "address": c.address,
                        "spans": [_span(s) for s in c.spans]} for c in p.cells]}
            if p.cells else {})}
        for p in blamed]}, indent=2) + "\n"


def _span(span: BlameSpan) -> dict[str, object]:
    return {"start": span.start, "end": span.end, "text": span.text,
            "revision": span.origin.revision, "proposals": list(span.origin.proposals),
            "parties": list(span.origin.parties)}
