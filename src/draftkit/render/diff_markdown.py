"""A DocumentDiff as markdown: `~~deleted~~` and `**inserted**`, document text escaped.

Emphasis cannot start or end on a space in markdown, so the spaces around a
change stay outside its markers; a change of spaces alone shows as the new
spacing. Where markdown would not read the markers as emphasis (a change that
starts with punctuation right after a word: "used**, transferred**"), the
change is written `<del>…</del>` / `<ins>…</ins>` instead. Proposers follow a
change in `<sup>`. Control characters are shown visibly (`\x1b`, `<U+202E>`:
`render.safe`), then escaped like any text.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff
from draftkit.render.diff_common import (
    attribution,
    change_notes,
    field_note,
    part_note,
    section_note,
)
from draftkit.render.export import escape_markdown
from draftkit.render.safe import visible_line
from draftkit.textdiff import Span

MARKERS = {"delete": "~~", "insert": "**"}
TAGS = {"delete": "del", "insert": "ins"}
STAT_COLUMNS = ("paragraphs", "inserted", "deleted", "modified", "moved", "relabelled",
                "status", "words_inserted", "words_deleted")


def to_markdown(diff: DocumentDiff, *, title: str | None = None,
                context: int | None = None) -> str:
    lines = [_title(diff, title)]
    for section, paragraphs in diff.grouped(diff.visible(context)):
        lines += ["", _section_line(section)]
        for paragraph in paragraphs:
            lines += ["", _paragraph_head(paragraph), "", marked(paragraph.spans),
                      *content_lines(paragraph)]
    if not diff.has_changes:
        lines += ["", "No differences."]
    return "\n".join(lines) + "\n"


def stat_markdown(diff: DocumentDiff, *, title: str | None = None) -> str:
    lines = [_title(diff, title), "", "| section | " + " | ".join(
        c.replace("_", " ") for c in STAT_COLUMNS) + " |",
        "|---" + "|---:" * len(STAT_COLUMNS) + "|"]
    for stat in diff.stat():
        lines.append(f"| {escape_markdown(stat.title)} | "
                     + " | ".join(str(getattr(stat, c)) for c in STAT_COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def content_lines(paragraph: ParagraphDiff) -> list[str]:
    """A form field's note and instructions; a table as a markdown table, its cells marked
    word by word and a first column saying how each row changed."""
    lines = []
    if paragraph.form is not None:
        lines += ["", f"*{escape_markdown(field_note(paragraph.form))}*"]
        if paragraph.form.instruction_spans:
            lines += ["", marked(paragraph.form.instruction_spans)]
    table = paragraph.table
    if table is not None:
        headings = [marked(c.heading_spans) + (f" *({part_note(c.change)})*"
                                               if part_note(c.change) else "")
                    for c in table.columns]
        lines += ["", "| row | " + " | ".join(headings) + " |",
                  "|---" * (len(headings) + 1) + "|"]
        lines += ["| " + " | ".join([escape_markdown(part_note(r.change)),
                                     *(marked(c.spans) for c in r.cells)]) + " |"
                  for r in table.rows]
    return lines


def marked(spans: Iterable[Span]) -> str:
    """The spans as markdown; `<del>`/`<ins>` where markdown would not see `~~`/`**`."""
    pieces: list[str | tuple[str, str, str, str, str]] = []
    for span in spans:
        text = visible_line(span.text)  # no control may pass as a space around a marker
        core = text.strip()
        if span.op == "equal" or not core:
            if span.op != "delete":
                pieces.append(escape_markdown(text))
            continue
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        pieces.append((lead, span.op, escape_markdown(core), attribution(span), trail))
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece)
            continue
        lead, op, core, who, trail = piece
        before = lead[-1:] or (out[-1][-1:] if out else "")
        after = trail[:1] or _first_character(pieces[index + 1:])
        if _emphasis_works(before, core, after):
            out.append(f"{lead}{MARKERS[op]}{core}{MARKERS[op]}")
        else:
            out.append(f"{lead}<{TAGS[op]}>{core}</{TAGS[op]}>")
        out.append((f"<sup>{html.escape(who)}</sup>" if who else "") + trail)
    return "".join(out)


def _first_character(pieces: list[str | tuple[str, str, str, str, str]]) -> str:
    """What the next piece starts with: its text, its spaces, or its opening marker."""
    if not pieces:
        return ""
    piece = pieces[0]
    return piece[:1] if isinstance(piece, str) else piece[0][:1] or "*"


def _emphasis_works(before: str, core: str, after: str) -> bool:
    """Whether markdown reads markers around `core` between these characters as emphasis
    (CommonMark's flanking rules: punctuation inside a marker needs space or
    punctuation outside it)."""
    def punctuation(char: str) -> bool:
        return bool(char) and unicodedata.category(char)[0] in "PS"

    def space(char: str) -> bool:
        return not char or char.isspace()

    return ((not punctuation(core[0]) or space(before) or punctuation(before))
            and (not punctuation(core[-1]) or space(after) or punctuation(after)))


def _title(diff: DocumentDiff, title: str | None) -> str:
    return (f"# {escape_markdown(title or diff.document)}: {escape_markdown(diff.from_title)}"
            f" → {escape_markdown(diff.to_title)}")


def _section_line(section: SectionDiff) -> str:
    if "renamed" in section.change:
        number = section.to_number or section.from_number
        heading = (f"{escape_markdown(number)}. " if number else "") + \
            marked(section.heading_spans)
    else:
        heading = escape_markdown(section.title)
    note = section_note(section)
    return f"## {heading}" + (f" *({escape_markdown(note)})*" if note else "")


def _paragraph_head(paragraph: ParagraphDiff) -> str:
    note = ", ".join(escape_markdown(note) + (f"<sup>{html.escape(by)}</sup>" if by else "")
                     for note, by in change_notes(paragraph))
    return f"**{escape_markdown(paragraph.heading)}**" + (f" *({note})*" if note else "")
