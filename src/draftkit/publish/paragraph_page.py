"""A paragraph's page: its text in every revision, the proposals on it with their
proposers, supporters and opponents, its comments and their dispositions, and how
its status came to be."""

from __future__ import annotations

from collections.abc import Sequence

from draftkit.agreement import Action, StatusEvent
from draftkit.comments import Comment
from draftkit.docdiff import ParagraphDiff
from draftkit.model import display_name
from draftkit.proposals import Proposal
from draftkit.publish import layout
from draftkit.publish.content import changed_content, content
from draftkit.publish.names import addresses, slug
from draftkit.publish.page import (
    escape,
    link,
    marked_text,
    page,
    parties,
    quoted,
    status_badge,
    text,
)
from draftkit.publish.sources import DocumentSource, Publication
from draftkit.render.diff_common import change_notes
from draftkit.render.diff_html import marked
from draftkit.render.items import describe


def event_line(source: DocumentSource, event: StatusEvent) -> str:
    """ "2010-09-06: agreed ad ref at the Preparatory Meeting by Presidency"."""
    day = event.when.date().isoformat()
    if event.what == "issued":
        return f"{day}: {display_name(event.revision)} issued it {event.status.title}."
    if event.what == "merge-reopen":
        made = f" to make {event.source}" if event.source else ""
        return (f"{day}: reopened by the merge into {display_name(event.revision)} "
                f"({event.by}){made}.")
    meeting = source.meeting(event.meeting)
    where = f" at the {meeting.title}" if meeting else f" at {event.meeting}"
    line = f"{day} {event.when:%H:%M}: {Action(event.what).verb}{where} by {event.by}."
    return line + (f" {event.note}" if event.note else "")


def proposal_item(path: str, source: DocumentSource, publication: Publication,
                  proposal: Proposal, lang: str) -> str:
    """A proposal as a reader weighs it: what it does, who is behind it and against it."""
    known, observers = set(publication.parties), publication.observers
    by = parties(path, proposal.proposers, known, observers)
    if proposal.on_behalf_of:
        by += " on behalf of " + parties(path, [proposal.on_behalf_of], known, observers)
    written = source.revision(proposal.revision).title if proposal.revision in \
        {r.name for r in source.revisions} else proposal.revision
    rows = [("Proposed by", by),
            ("Supported by", parties(path, proposal.supporters, known, observers)),
            ("Opposed by", parties(path, proposal.opponents, known, observers)),
            ("Status", escape(proposal.standing + (", after its input deadline"
                                                     if proposal.late else ""))),
            ("Written on", escape(f"{written}, {proposal.created.date().isoformat()}"))]
    if proposal.reopens_agreed:
        rows.append(("Note", "it would change agreed text"))
    if proposal.rationale:
        rows.append(("Rationale", text(proposal.rationale, lang, "span", "rationale")))
    said = describe(proposal, source.names.get, source.row_name, source.column_name)
    return (f'<div class="item" id="{slug(proposal.id)}"><h3>{escape(proposal.id)}: '
            f'<span dir="auto">{escape(said)}'
            '</span></h3>'
            + _details(rows) + "</div>")


def comment_item(path: str, source: DocumentSource, publication: Publication,
                 comment: Comment, lang: str) -> str:
    known, observers = set(publication.parties), publication.observers
    rows = [("By", parties(path, [comment.party], known, observers)),
            ("Type", escape(comment.type.value))]
    if comment.anchor is not None:
        state = source.words.get(comment.id, "")
        rows.append(("On the words", quoted(comment.anchor.quote)
                     + (f" ({escape(state)})" if state else "")))
    rows.append(("Comment", text(comment.text, lang, "span", "comment")))
    if comment.proposed_change:
        rows.append(("Proposed change", escape(comment.proposed_change)))
    decision = comment.disposition
    rows.append(("Disposition", escape(decision.disposition.title) if decision else "open"))
    if decision and decision.observation:
        rows.append(("Observation", text(decision.observation, lang, "span", "observation")))
    for reply in comment.replies:
        rows.append((f"Reply, {reply.when.date().isoformat()}",
                     parties(path, [reply.party], known, observers) + ": "
                     + text(reply.text, lang, "span", "reply")))
    return (f'<div class="item" id="{slug(comment.id)}"><h3>{escape(comment.id)}, '
            f"{escape(comment.created.date().isoformat())}</h3>" + _details(rows) + "</div>")


def _details(rows: Sequence[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{escape(term)}</dt><dd>{value}</dd>"
                            for term, value in rows) + "</dl>"


def paragraph_pages(source: DocumentSource, publication: Publication,
                    lang: str) -> dict[str, str]:
    """A page for every paragraph any revision has: site path → page."""
    doc = source.id
    named = {r.name: addresses(r) for r in source.revisions}
    changes: dict[tuple[str, str], ParagraphDiff] = {
        (d.to_name, p.id): p for d in source.diffs for p in d.paragraphs}
    proposals: dict[str, list[Proposal]] = {}
    for proposal in source.proposals:
        for target in {proposal.paragraph, proposal.operation.destination}:
            if target:
                proposals.setdefault(target, []).append(proposal)
    comments: dict[str | None, list[Comment]] = {}
    for comment in source.comments:
        comments.setdefault(comment.paragraph, []).append(comment)
    now = {p.id: p.status for p in source.current.paragraphs()}
    pages = {}
    for key, name in source.names.items():
        path = layout.paragraph_page(doc, source.slugs[key])
        body = []
        if key in now:
            body.append(f"<p>Now {status_badge(now[key])} in {escape(source.current.title)}: "
                        + link(path, layout.compilation_page(doc),
                               "see it in the compilation text", source.slugs[key]) + ".</p>")
        else:
            body.append("<p>No longer in the text.</p>")
        body.append("<h2>Its text in each revision</h2>")
        for revision in source.revisions:
            paragraph = revision.by_id(key)
            change = changes.get((revision.name, key))
            if paragraph is None:
                if change is not None and "deleted" in change.change:
                    title = link(path, layout.revision_page(doc, revision.name),
                                 revision.title)
                    body.append(f"<h3>{title}</h3><p>Deleted.</p>")
                continue
            title = link(path, layout.revision_page(doc, revision.name), revision.title,
                         source.slugs[key])
            notes = "" if change is None else ", ".join(
                note + (f" by {by}" if by else "") for note, by in change_notes(change))
            body.append(f"<h3>{title}: {escape(named[revision.name][key])} "
                        + status_badge(paragraph.status)
                        + (f' <span class="note">({escape(notes)})</span>' if notes else "")
                        + "</h3>")
            if change is not None and "modified" in change.change:
                body.append(marked_text(marked(change.spans), lang) + changed_content(change))
            else:
                body.append(text(paragraph.text, lang) + content(paragraph, lang))
        mine = proposals.get(key, [])
        body.append(f"<h2>Proposals ({len(mine)})</h2>")
        body += [proposal_item(path, source, publication, p, lang) for p in mine] or \
            ["<p>None.</p>"]
        theirs = comments.get(key, [])
        body.append(f"<h2>Comments ({len(theirs)})</h2>")
        body += [comment_item(path, source, publication, c, lang) for c in theirs] or \
            ["<p>None.</p>"]
        events = source.history.get(key, [])
        body.append("<h2>Status history</h2>" + ("<ol>" + "".join(
            f'<li dir="auto">{escape(event_line(source, e))}</li>' for e in events) + "</ol>"
            if events else "<p>None recorded.</p>"))
        pages[path] = page(path, f"{name}, {source.document.title}", "\n".join(body),
                           [(layout.document_page(doc), source.document.title)])
    return pages

