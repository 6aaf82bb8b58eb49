"""What is still open (the contention dashboard) as charts: each section's paragraphs by
status, the live proposals per section, and the most contested paragraphs."""

from __future__ import annotations

from draftkit.publish import layout
from draftkit.publish.chart import bar_chart
from draftkit.publish.document_page import STATUS_SERIES
from draftkit.publish.page import escape, link, page, scrolling, table
from draftkit.publish.sources import DocumentSource


def status_page(source: DocumentSource) -> str:
    doc = source.id
    path = layout.status_page(doc)
    board = source.board
    body = [f"<p>{escape(source.current.title)} as it stands now. Observers' proposals "
            "and positions are shown apart and not counted.</p>",
            "<h2>Paragraphs by status, per section</h2>"]
    rows = [(s.title, [s.open, s.ad_ref, s.agreed]) for s in board.sections]
    body.append(bar_chart("sections", "Paragraphs open, agreed ad ref and agreed per section",
                          rows, STATUS_SERIES))
    body.append(scrolling(table(
        ["section", "open", "agreed ad ref", "agreed", "live proposals",
         "observers' proposals", "open comments"],
        [[escape(s.title), str(s.open), str(s.ad_ref), str(s.agreed), str(s.active_proposals),
          str(s.observer_proposals), str(s.open_comments)] for s in board.sections],
        numeric={1, 2, 3, 4, 5, 6}), "Sections: the numbers"))
    body.append("<h2>Proposals per section</h2>")
    body.append(bar_chart(
        "proposals", "Live proposals per section",
        [(s.title, [s.active_proposals, s.observer_proposals]) for s in board.sections],
        (("live proposals", "s0"), ("observers' proposals", "s1"))))
    counted = ", ".join(f"{n} {status.replace('-', ' ')}"
                        for status, n in board.proposals_by_status.items() if n)
    body.append(f"<p>All proposals: {escape(counted or 'none')}.</p>")
    body.append("<h2>Most contested paragraphs</h2>")
    contested = board.most_contested
    body.append(bar_chart(
        "contested", "Most contested paragraphs: live proposals and opponents",
        [(source.names.get(c.paragraph, c.address), [c.proposals, c.opponents])
         for c in contested], (("live proposals", "s0"), ("opponents", "s2"))))
    body.append(scrolling(table(
        ["paragraph", "live proposals", "opponents", "parties involved"],
        [[link(path, layout.paragraph_page(doc, source.slugs[c.paragraph]),
               source.names[c.paragraph]), str(c.proposals), str(c.opponents),
          escape(", ".join((*c.parties, *(f"{o} (observer)" for o in c.observers))))]
         for c in contested], numeric={1, 2}), "Most contested: the numbers") if contested else
        "<p>No paragraph has live proposals.</p>")
    if board.reopening:
        body.append("<h2>Live proposals that would reopen agreed text</h2><ul>" + "".join(
            "<li>" + link(path, layout.paragraph_page(doc, source.slugs[r.paragraph]),
                          source.names[r.paragraph])
            + escape(f" ({r.status.title}): {', '.join(r.proposals)}") + "</li>"
            for r in board.reopening) + "</ul>")
    return page(path, f"{source.document.title}: what is still open", "\n".join(body),
                [(layout.document_page(doc), source.document.title)])
