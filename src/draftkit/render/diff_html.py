"""A DocumentDiff as one self-contained HTML page: `<del>`/`<ins>`, every text escaped.

`escape` is `render.safe.html_text`: control characters are shown visibly (`\x1b`,
`<U+202E>`) before escaping, never written as characters or character references.

Proposers of a change are in its title (shown on hover) and in a superscript
after it. Paragraph text keeps its exact spacing and its direction (dir=auto).
"""

from __future__ import annotations

from collections.abc import Iterable

from draftkit.docdiff import DocumentDiff, ParagraphDiff, SectionDiff
from draftkit.render.diff_common import (
    attribution,
    change_notes,
    field_note,
    part_note,
    section_note,
)
from draftkit.render.safe import html_text as escape
from draftkit.textdiff import Span

TAGS = {"delete": "del", "insert": "ins"}
STAT_COLUMNS = ("paragraphs", "inserted", "deleted", "modified", "moved", "relabelled",
                "status", "words_inserted", "words_deleted")
STYLE = """
body { font-family: Georgia, serif; max-width: 50em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
.para { margin: 1em 0; } .unchanged { color: #666; }
.head { font-weight: bold; margin: 0; } .note { font-weight: normal; color: #777; }
.text { margin: 0.2em 0; white-space: pre-wrap; }
del { color: #a00; background: #fee; } ins { color: #060; background: #efe; }
sup.who { color: #849; font-size: 0.7em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }
td.n { text-align: right; } tr.inserted { background: #efe; } tr.deleted { background: #fee; }
.field { color: #357; font-style: italic; margin: 0.2em 0; }
"""


def to_html(diff: DocumentDiff, *, title: str | None = None,
            context: int | None = None) -> str:
    body = []
    for section, paragraphs in diff.grouped(diff.visible(context)):
        body.append(f"<section>\n<h2>{_section_heading(section)}</h2>")
        body += [_paragraph(paragraph) for paragraph in paragraphs]
        body.append("</section>")
    if not diff.has_changes:
        body.append("<p>No differences.</p>")
    return _page(diff, title, "\n".join(body))


def stat_html(diff: DocumentDiff, *, title: str | None = None) -> str:
    rows = ["<table>", "<tr><th>section</th>" + "".join(
        f"<th>{c.replace('_', ' ')}</th>" for c in STAT_COLUMNS) + "</tr>"]
    for stat in diff.stat():
        rows.append(f"<tr><td>{escape(stat.title)}</td>" + "".join(
            f'<td class="n">{getattr(stat, c)}</td>' for c in STAT_COLUMNS) + "</tr>")
    rows.append("</table>")
    return _page(diff, title, "\n".join(rows))


def marked(spans: Iterable[Span]) -> str:
    parts = []
    for span in spans:
        if span.op == "equal":
            parts.append(escape(span.text))
            continue
        tag = TAGS[span.op]
        who = attribution(span)
        if who:
            parts.append(f'<{tag} title="{escape(who)}">{escape(span.text)}</{tag}>'
                         f'<sup class="who">{escape(who)}</sup>')
        else:
            parts.append(f"<{tag}>{escape(span.text)}</{tag}>")
    return "".join(parts)


def _page(diff: DocumentDiff, title: str | None, body: str) -> str:
    heading = (f"{escape(title or diff.document)}: {escape(diff.from_title)} → "
               f"{escape(diff.to_title)}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{heading}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<h1>{heading}</h1>\n{body}\n</body>\n</html>\n")


def _section_heading(section: SectionDiff) -> str:
    if "renamed" in section.change:
        number = section.to_number or section.from_number
        heading = (f"{escape(number)}. " if number else "") + marked(section.heading_spans)
    else:
        heading = escape(section.title)
    note = section_note(section)
    return heading + (f' <span class="note">({escape(note)})</span>' if note else "")


def _paragraph(paragraph: ParagraphDiff) -> str:
    note = ", ".join(escape(note) + (f'<sup class="who" title="{escape(by)}">{escape(by)}</sup>'
                                     if by else "") for note, by in change_notes(paragraph))
    kinds = " ".join(paragraph.change)
    return (f'<div class="para {kinds}" id="p-{escape(paragraph.id)}">\n'
            f'<p class="head">{escape(paragraph.heading)}'
            + (f' <span class="note">({note})</span>' if note else "")
            + f'</p>\n<p class="text" dir="auto">{marked(paragraph.spans)}</p>\n'
            + content_html(paragraph) + "</div>")


def content_html(paragraph: ParagraphDiff) -> str:
    """A form field's note and instructions; a table as a table, cells marked word by word,
    each row's and column's change in its class and in a first column."""
    parts = []
    if paragraph.form is not None:
        parts.append(f'<p class="field">{escape(field_note(paragraph.form))}</p>\n')
        if paragraph.form.instruction_spans:
            parts.append(f'<p class="field" dir="auto">'
                         f'{marked(paragraph.form.instruction_spans)}</p>\n')
    table = paragraph.table
    if table is not None:
        head = "".join(f'<th class="{" ".join(c.change)}" dir="auto">{marked(c.heading_spans)}'
                       + (f' <span class="note">({escape(part_note(c.change))})</span>'
                          if part_note(c.change) else "") + "</th>" for c in table.columns)
        rows = "".join(f'<tr class="{" ".join(r.change)}"><td class="note">'
                       f"{escape(part_note(r.change))}</td>"
                       + "".join(f'<td dir="auto">{marked(c.spans)}</td>' for c in r.cells)
                       + "</tr>\n" for r in table.rows)
        parts.append(f"<table>\n<tr><th>row</th>{head}</tr>\n{rows}</table>\n")
    return "".join(parts)
