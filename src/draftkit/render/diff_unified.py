"""A DocumentDiff as a git-like word diff: `[-deleted-]{+inserted+}` in each paragraph.

The markers are git's (`git diff --word-diff`). Like git's, they are ambiguous
where the text itself contains "[-", "-]", "{+" or "+}"; square brackets alone
are not a problem. Use --format json where that matters.

    --- Zero draft
    +++ Rev.1
    § IV. Stockpile destruction and retention
    @@ Action 7 → Action 8 | modified, relabelled @@
    Mark them for destruction within [-[one year] [six months]-]{+one year+} of …

A change with known proposers is followed by them: `{+text+}‹NOR-3: NOR›`. Control
characters are shown visibly (`\x1b`, `<U+202E>`: `render.safe`), line by line.
"""

from __future__ import annotations

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff
from draftkit.render.diff_common import (
    attribution,
    change_note,
    field_note,
    part_note,
    section_note,
)
from draftkit.render.safe import visible_line
from draftkit.textdiff import Span

MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def to_unified(diff: DocumentDiff, context: int | None = 0) -> str:
    lines = [f"--- {diff.from_title}", f"+++ {diff.to_title}"]
    for section, paragraphs in diff.grouped(diff.visible(context)):
        lines.append(_section_line(section))
        for paragraph in paragraphs:
            lines += [_paragraph_line(paragraph), marked(paragraph.spans),
                      *_content_lines(paragraph)]
    return "\n".join(visible_line(line) for line in lines) + "\n"


def marked(spans: tuple[Span, ...]) -> str:
    """The spans as one line of text with git's word-diff markers."""
    parts = []
    for span in spans:
        if span.op == "equal":
            parts.append(span.text)
            continue
        start, end = MARKERS[span.op]
        who = attribution(span)
        parts.append(f"{start}{span.text}{end}" + (f"‹{who}›" if who else ""))
    return "".join(parts)


def _content_lines(paragraph: ParagraphDiff) -> list[str]:
    """A form field's note and instructions; a table's header and rows, one a line, cells
    separated by " | " and marked word by word, each changed row or column saying how."""
    lines = []
    if paragraph.form is not None:
        lines.append(f"[{field_note(paragraph.form)}]")
        if paragraph.form.instruction_spans:
            lines.append(marked(paragraph.form.instruction_spans))
    if paragraph.table is not None:
        lines.append("| " + " | ".join(
            marked(c.heading_spans) + (f" ({part_note(c.change)})" if part_note(c.change)
                                       else "") for c in paragraph.table.columns) + " |")
        lines += ["| " + " | ".join(marked(c.spans) for c in r.cells) + " |"
                  + (f" ({part_note(r.change)})" if part_note(r.change) else "")
                  for r in paragraph.table.rows]
    return lines


def _section_line(section: SectionDiff) -> str:
    note = section_note(section)
    heading = marked(section.heading_spans) if "renamed" in section.change else section.title
    number = section.to_number if "deleted" not in section.change else section.from_number
    if "renamed" in section.change and number:
        heading = f"{number}. {heading}"
    return f"§ {heading}" + (f" | {note}" if note else "")


def _paragraph_line(paragraph: ParagraphDiff) -> str:
    note = change_note(paragraph)
    return f"@@ {paragraph.heading}" + (f" | {note}" if note else "") + " @@"


def stat_text(diff: DocumentDiff) -> str:
    """One line per section with what changed in it, like `git diff --stat`."""
    lines = [f"--- {diff.from_title}", f"+++ {diff.to_title}"]
    stats = diff.stat()
    titles = [visible_line(stat.title) for stat in stats]
    width = max(map(len, titles), default=0)
    for title, stat in zip(titles, stats, strict=True):
        counts = [f"{getattr(stat, kind)} {kind}" for kind in
                  ("inserted", "deleted", "modified", "moved", "relabelled", "status")
                  if getattr(stat, kind)]
        lines.append(f"{title:<{width}} | {', '.join(counts) or 'unchanged'} | "
                     f"+{stat.words_inserted} -{stat.words_deleted} words")
    return "\n".join(visible_line(line) for line in lines) + "\n"
