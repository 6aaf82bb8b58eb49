"""A redline: what one revision changed in its parent, word by word, with who proposed it.

Deleted words are struck through, inserted ones underlined (and announced to screen
readers); the proposals and parties behind a change follow it. With a context,
unchanged paragraphs far from any change are left out, and a gap marker says how
many and links to them in the clean text.
"""

from __future__ import annotations

from draftkit.docdiff import DocumentDiff, ParagraphDiff
from draftkit.publish import layout
from draftkit.publish.content import changed_content
from draftkit.publish.names import addresses
from draftkit.publish.page import escape, link, marked_text, page, step_links, toc
from draftkit.publish.sources import DocumentSource
from draftkit.render.diff_common import change_notes, section_note
from draftkit.render.diff_html import marked

LEGEND = ('<p class="legend">Deleted words are <del>struck through</del>, inserted words '
          "<ins>underlined</ins>; the proposals and parties behind a change follow it in "
          "small type.</p>")


def _heading(paragraph: ParagraphDiff, before: dict[str, str], after: dict[str, str]) -> str:
    was, now = before.get(paragraph.id), after.get(paragraph.id)
    if was and now and was != now:
        return f"{was} → {now}"
    return now or was or ""


def _gap(path: str, source: DocumentSource, diff: DocumentDiff,
         hidden: list[ParagraphDiff], after: dict[str, str]) -> str:
    first, last = after[hidden[0].id], after[hidden[-1].id]
    span = first if len(hidden) == 1 else f"{first} to {last}"
    words = "paragraph" if len(hidden) == 1 else "paragraphs"
    target = link(path, layout.revision_page(source.id, diff.to_name),
                  f"read {'it' if len(hidden) == 1 else 'them'} in {diff.to_title}",
                  source.slugs[hidden[0].id])
    return (f'<p class="gap">{len(hidden)} unchanged {words} not shown '
            f"({escape(span)}): {target}.</p>")


def redline_page(source: DocumentSource, diff: DocumentDiff, lang: str,
                 context: int | None) -> str:
    doc = source.id
    path = layout.redline_page(doc, diff.from_name, diff.to_name)
    before = addresses(source.revision(diff.from_name))
    after = addresses(source.revision(diff.to_name))
    shown = {p.id for p in diff.visible(context)}
    changed = [p.id for p in diff.paragraphs if p.changed]
    number = {key: n for n, key in enumerate(changed, start=1)}
    stats = diff.stat()
    summary = (f"{sum(s.inserted for s in stats)} paragraphs inserted, "
               f"{sum(s.deleted for s in stats)} deleted, {sum(s.modified for s in stats)} "
               f"modified, {sum(s.moved for s in stats)} moved, "
               f"{sum(s.relabelled for s in stats)} relabelled, "
               f"{sum(s.status for s in stats)} with a new status.")
    body = [f"<p>What {escape(diff.to_title)} changed in {escape(diff.from_title)}: "
            f"{escape(summary)}</p>", LEGEND]
    if changed:
        body.append('<p class="change-nav"><a href="#change_1">First change</a></p>')
    entries = []
    sections = []
    for n, section in enumerate(diff.sections):
        mine = [p for p in diff.paragraphs if p.section == section.id]
        anchor = f"section_{n + 1}"
        entries.append((anchor, section.title))
        note = section_note(section)
        heading = escape(section.title) + (f' <span class="note">({escape(note)})</span>'
                                           if note else "")
        parts = [f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>']
        hidden: list[ParagraphDiff] = []
        for paragraph in mine:
            if paragraph.id not in shown:
                hidden.append(paragraph)
                continue
            if hidden:
                parts.append(_gap(path, source, diff, hidden, after))
                hidden = []
            parts.append(_paragraph(path, source, paragraph, _heading(paragraph, before, after),
                                    lang, number.get(paragraph.id), len(changed)))
        if hidden:
            parts.append(_gap(path, source, diff, hidden, after))
        sections.append("\n".join(parts) + "</section>")
    if not diff.has_changes:
        sections.append("<p>No differences.</p>")
    body += [toc(entries), *sections]
    title = f"{source.document.title}: {diff.from_title} → {diff.to_title}"
    return page(path, title, "\n".join(body), [(layout.document_page(doc),
                                               source.document.title)])


def _paragraph(path: str, source: DocumentSource, paragraph: ParagraphDiff, heading: str,
               lang: str, number: int | None, changes: int) -> str:
    slug = source.slugs[paragraph.id]
    notes = ", ".join(escape(note) + (f'<sup class="who">{escape(by)}</sup>' if by else "")
                      for note, by in change_notes(paragraph))
    head = link(path, layout.paragraph_page(source.id, slug), heading)
    if notes:
        head += f' <span class="note">({notes})</span>'
    anchor = f' id="change_{number}"' if number else ""
    nav = ""
    if number:
        links = step_links("change", number, changes, "change")
        nav = f'<p class="change-nav">Change {number} of {changes}: {links}</p>'
    css = "para changed" if number else "para"
    return (f'<div class="{css}"{anchor}>{nav}<p class="para-head">{head}</p>'
            + marked_text(marked(paragraph.spans), lang) + changed_content(paragraph) + "</div>")
