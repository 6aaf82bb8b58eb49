"""The frame every page shares, and the small pieces pages are written with.

Every text a party or the presidency wrote goes out through `render.safe.html_text`
(controls shown visibly, then escaped); document text carries its `lang` and
`dir="auto"`, so right-to-left text reads in its own direction. No script, no
external resource: one stylesheet, relative links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from draftkit.model import Status
from draftkit.observers import MARK
from draftkit.publish import layout
from draftkit.render.safe import html_text

SITE_LANG = "en"  # the language of the site's own words
# The UN's six languages by name (as `original-language:` records them), as BCP 47 tags.
LANGUAGE_TAGS = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr",
                 "russian": "ru", "spanish": "es"}
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(language: str | None) -> str | None:
    """A language name ("French") or tag ("fr", "es-MX") as a tag; None if neither."""
    if language is None:
        return None
    name = language.strip()
    return LANGUAGE_TAGS.get(name.casefold()) or (name if _TAG.fullmatch(name) else None)


def escape(text: str) -> str:
    return html_text(text)


def link(page: str, target: str, text: str, fragment: str = "") -> str:
    """A link from `page` to `target` (site paths) reading `text` (escaped here)."""
    return f'<a href="{layout.href(page, target, fragment)}">{escape(text)}</a>'


def text(words: str, lang: str, tag: str = "p", css: str = "text") -> str:
    """Words someone wrote, in their language and own direction."""
    return marked_text(escape(words), lang, tag, css)


def marked_text(html: str, lang: str, tag: str = "p", css: str = "text") -> str:
    """Words already made HTML (escaped and marked up: a redline, the compilation), placed
    as `text` places words."""
    return f'<{tag} class="{css}" lang="{escape(lang)}" dir="auto">{html}</{tag}>'


def quoted(words: str) -> str:
    """Words someone wrote, inline, in their own direction."""
    return f'<q dir="auto">{escape(words)}</q>'


def parties(page: str, codes: Iterable[str], known: AbstractSet[str],
            observers: AbstractSet[str]) -> str:
    """Party codes, each linked to its page where the registry knows it; observers marked."""
    shown = []
    for code in codes:
        name = link(page, layout.party_page(code), code) if code in known else escape(code)
        shown.append(name + (escape(MARK) if code in observers else ""))
    return ", ".join(shown) or "none"


def table(head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "",
          numeric: AbstractSet[int] = frozenset()) -> str:
    """A table: `head` plain text (escaped here), `rows` of cells already HTML."""
    lines = ["<table>"]
    if caption:
        lines.append(f"<caption>{escape(caption)}</caption>")
    lines.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
                 + "</tr></thead><tbody>")
    for row in rows:
        lines.append("<tr>" + "".join(
            f'<td class="n">{cell}</td>' if n in numeric else f"<td>{cell}</td>"
            for n, cell in enumerate(row)) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def scrolling(inner: str, label: str) -> str:
    """A broad table in a box of its own that scrolls sideways on a narrow screen; the box
    takes the keyboard's focus, so it scrolls without a mouse too."""
    return (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(label)}">'
            f"{inner}</div>")


def toc(entries: Sequence[tuple[str, str]], label: str = "Contents") -> str:
    """A table of contents: (anchor, plain text) entries on this page."""
    if not entries:
        return ""
    items = "".join(f'<li><a href="#{anchor}">{escape(words)}</a></li>'
                    for anchor, words in entries)
    return f'<nav class="toc" aria-label="{escape(label)}"><h2>{escape(label)}</h2>' \
           f"<ol>{items}</ol></nav>"


def status_badge(status: Status) -> str:
    """A paragraph's status, as the stylesheet colours it."""
    return f'<span class="status {status.value}">{status.title}</span>'


def step_links(anchor: str, number: int, count: int, what: str) -> str:
    """Links to the previous and next of `count` places numbered `#{anchor}_1`.. on this
    page, from place `number`, joined by a space; empty when there is neither."""
    links = []
    if number > 1:
        links.append(f'<a href="#{anchor}_{number - 1}">previous {what}</a>')
    if number < count:
        links.append(f'<a href="#{anchor}_{number + 1}">next {what}</a>')
    return " ".join(links)


def page(path: str, title: str, body: str, crumbs: Sequence[tuple[str, str]] = (),
         wide: bool = False) -> str:
    """A whole page at site path `path`: `title` (plain text) as its title and heading,
    `crumbs` (site path, plain text) the way back to the index, `body` its HTML; `wide`
    for a page that is mostly a broad table."""
    trail = [(layout.INDEX, "Negotiation texts"), *crumbs]
    items = "".join(f"<li>{link(path, target, words)}</li>" for target, words in trail
                    if target != path)
    heading = escape(title)
    main = ' id="main_text" class="wide"' if wide else ' id="main_text"'
    return (f'<!DOCTYPE html>\n<html lang="{SITE_LANG}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{heading}</title>\n"
            f'<link rel="icon" href="data:,">\n'
            f'<link rel="stylesheet" href="{layout.href(path, layout.STYLE)}">\n'
            f"</head>\n<body>\n"
            f'<a class="skip" href="#main_text">Skip to the text</a>\n'
            f'<header><nav aria-label="Breadcrumbs"><ol class="crumbs">{items}</ol></nav>'
            f"</header>\n"
            f"<main{main}>\n<h1>{heading}</h1>\n{body}\n</main>\n"
            f"<footer><p>A static site made by draftkit publish: it reads without any "
            f"script, from a folder or any web host.</p></footer>\n"
            f"</body>\n</html>\n")
