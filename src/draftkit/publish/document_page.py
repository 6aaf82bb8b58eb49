"""A document's page: where it stands (a chart per revision), its texts and paragraphs."""

from __future__ import annotations

from collections import Counter

from draftkit.model import Revision, Status
from draftkit.publish import layout
from draftkit.publish.chart import bar_chart
from draftkit.publish.page import escape, link, page, scrolling, status_badge, table
from draftkit.publish.sources import DocumentSource, Publication

STATUS_SERIES = (("open", "open"), ("agreed ad ref", "ad-ref"), ("agreed", "agreed"))


def counts(revision: Revision) -> list[int]:
    found = Counter(p.status for p in revision.paragraphs())
    return [found[Status.OPEN], found[Status.AD_REF], found[Status.AGREED]]


def standing_rows(source: DocumentSource) -> list[tuple[str, list[int]]]:
    """Open / ad ref / agreed paragraphs in each revision as issued, then in the latest as
    it stands now when decisions since have changed it."""
    rows = [(f"{r.title} as issued ({r.date.isoformat()})", counts(r)) for r in source.revisions]
    now = counts(source.current)
    if now != rows[-1][1]:
        rows.append((f"{source.current.title} as it stands now", now))
    return rows


def standing(source: DocumentSource, chart_id: str) -> str:
    """The status chart and its numbers as a table."""
    rows = standing_rows(source)
    title = f"{source.document.title}: paragraphs open, agreed ad ref and agreed"
    numbers = table(["text", *(name for name, _ in STATUS_SERIES)],
                    [[escape(label), *(str(v) for v in values)] for label, values in rows],
                    numeric={1, 2, 3})
    return bar_chart(chart_id, title, rows, STATUS_SERIES) + \
        scrolling(numbers, f"{title}: the numbers")


def texts(path: str, source: DocumentSource) -> str:
    """Links to each revision's text and redline, the compilation, matrix and status."""
    doc = source.id
    items = []
    parents = {d.to_name: d.from_name for d in source.diffs}
    for revision in reversed(source.revisions):
        line = link(path, layout.revision_page(doc, revision.name), revision.title) + \
            escape(f" ({revision.date.isoformat()}, {revision.issued_by})")
        if revision.name in parents:
            before = parents[revision.name]
            line += " · " + link(path, layout.redline_page(doc, before, revision.name),
                                 f"changes from {source.revision(before).title}")
        if revision.note:
            line += f'<br><span class="note" dir="auto">{escape(revision.note)}</span>'
        items.append(f"<li>{line}</li>")
    open_comments = sum(1 for c in source.comments if c.is_open)
    return ("<ul>" + "".join(items) + "</ul><ul>"
            f"<li>{link(path, layout.compilation_page(doc), 'The compilation text')}: "
            f"{escape(source.current.title)} with every live proposal in place "
            f"({source.compilation.shown} shown)</li>"
            f"<li>{link(path, layout.comments_page(doc), 'The comments matrix')} "
            f"({len(source.comments)} comments, {open_comments} open)</li>"
            f"<li>{link(path, layout.status_page(doc), 'What is still open')}: the status "
            f"of each section and the most contested paragraphs</li></ul>")


def document_page(source: DocumentSource, publication: Publication) -> str:
    doc = source.id
    path = layout.document_page(doc)
    symbol = f"{source.document.symbol}; " if source.document.symbol else ""
    body = [f'<p class="muted">{escape(symbol)}'
            f'{escape(source.document.kind.value.replace("-", " "))}; '
            f"{len(source.revisions)} revisions, {len(source.proposals)} proposals, "
            f"{len(source.comments)} comments.</p>"]
    if source.document.meetings:
        body.append("<h2>Meetings</h2><ul>" + "".join(
            f"<li>{escape(m.title)}, {escape(m.place)}, {escape(m.dates)}</li>"
            for m in source.document.meetings) + "</ul>")
    body += ["<h2>Where the text stands</h2>", standing(source, "standing"),
             "<h2>Texts</h2>", texts(path, source), "<h2>Paragraphs</h2>"]
    statuses = {p.id: p.status for p in source.current.paragraphs()}
    for section in source.current.sections:
        body.append(f"<h3>{escape(section.title)}</h3><ul>" + "".join(
            f"<li>{link(path, layout.paragraph_page(doc, source.slugs[p.id]), source.names[p.id])}"
            f" {status_badge(statuses[p.id])}</li>"
            for p in section.paragraphs) + "</ul>")
    present = set(statuses)
    gone = [key for key in source.names if key not in present]
    if gone:
        body.append("<h3>Paragraphs no longer in the text</h3><ul>" + "".join(
            f"<li>{link(path, layout.paragraph_page(doc, source.slugs[k]), source.names[k])}"
            f"</li>" for k in gone) + "</ul>")
    return page(path, source.document.title, "\n".join(body))
