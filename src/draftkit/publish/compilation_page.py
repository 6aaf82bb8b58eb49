"""The compilation text: the latest revision with every live proposal written in place.

The notation is the compilation's own (`render.compilation`: proposals in square
brackets where they act, proposers after a hyphen, positions as verbs), marked up
as its HTML form marks it; every paragraph has an anchor and links to its page,
and previous/next links step through the paragraphs that have proposals.
"""

from __future__ import annotations

from attrs import evolve

from draftkit.compilation import CompiledParagraph, Contest
from draftkit.publish import layout
from draftkit.publish.names import slug
from draftkit.publish.page import escape, link, marked_text, page, step_links, toc
from draftkit.publish.sources import DocumentSource
from draftkit.render.compilation import (
    GRIDS,
    STALE_HEADING,
    grid_html,
    html_part,
    paragraph_blocks,
    stale_line,
    summary,
)

LEGEND = ('<p class="legend">Proposals stand in square brackets where they act, their '
          "proposers after a hyphen, then who supports or opposes them: "
          "<ins>proposed words</ins> are underlined, <del>words to delete</del> struck "
          "through, <u>words retained or contested</u> dotted; competing wordings are "
          "separated by “/”. Square brackets that are part of the text stay as written.</p>")


def anchor(source: DocumentSource, paragraph: CompiledParagraph) -> str:
    """The paragraph's anchor on this page: its site slug, or for a paragraph a proposal
    adds, "new-" and the proposal."""
    if paragraph.added is not None:
        return "new-" + slug(paragraph.added.proposals[0])
    return source.slugs[paragraph.id]


def _has_proposals(paragraph: CompiledParagraph) -> bool:
    return bool(paragraph.added or paragraph.notes or
                any(isinstance(piece, Contest) for piece in paragraph.pieces))


def compilation_page(source: DocumentSource, lang: str) -> str:
    doc = source.id
    path = layout.compilation_page(doc)
    compilation = source.compilation
    body = [f"<p>{escape(summary(compilation))}</p>", LEGEND]
    contested = [p.id for s in compilation.sections for p in s.paragraphs if _has_proposals(p)]
    number = {key: n for n, key in enumerate(contested, start=1)}
    if contested:
        body.append('<p class="change-nav"><a href="#proposal_1">First paragraph with '
                    "proposals</a></p>")
    entries = [(f"section_{n + 1}", s.title) for n, s in enumerate(compilation.sections)]
    if compilation.stale:
        entries.append(("stale_proposals", STALE_HEADING))
    body.append(toc(entries))
    for n, section in enumerate(compilation.sections):
        body.append(f'<section aria-labelledby="section_{n + 1}">'
                    f'<h2 id="section_{n + 1}">{escape(section.title)}</h2>')
        for paragraph in section.paragraphs:
            body.append(_paragraph(path, source, paragraph, lang, number.get(paragraph.id),
                                   len(contested)))
        body.append("</section>")
    if compilation.stale:
        named = [evolve(s, label=source.names.get(s.paragraph, s.label))
                 for s in compilation.stale]
        body.append(f'<h2 id="stale_proposals">{escape(STALE_HEADING)}</h2><ul>' + "".join(
            f'<li dir="auto">{escape(stale_line(s))}</li>' for s in named) + "</ul>")
    title = f"{source.document.title}: compilation text on {compilation.revision.title}"
    return page(path, title, "\n".join(body), [(layout.document_page(doc),
                                               source.document.title)])


def _paragraph(path: str, source: DocumentSource, paragraph: CompiledParagraph, lang: str,
               number: int | None, count: int) -> str:
    known = paragraph.added is None
    target = layout.paragraph_page(source.id, source.slugs[paragraph.id]) if known else ""
    lines = []
    for kind, parts in paragraph_blocks(paragraph):
        if kind in GRIDS:
            lines.append(grid_html(parts))
            continue
        html = []
        for kind, words in parts:
            if kind == "label" and known:
                html.append(f"<b>{link(path, target, words)}</b>")
            else:
                html.append(html_part(kind, words))
        lines.append(marked_text("".join(html), lang))
    if known and paragraph.label is None:
        lines.insert(0, f'<p class="para-head">{link(path, target, source.names[paragraph.id])}'
                        "</p>")
    nav = ""
    if number:
        links = step_links("proposal", number, count, "paragraph with proposals")
        nav = f'<p class="change-nav">{links}</p>' if links else ""
        nav = f'<span id="proposal_{number}"></span>' + nav
    css = "para changed" if number else "para"
    return f'<div class="{css}" id="{anchor(source, paragraph)}">{nav}{"".join(lines)}</div>'
