"""Comments: reading, drafting and recording them, replies and dispositions, where
their words stand now, the comments matrix, and batches recorded as one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from draftkit import cells
from draftkit.anchors import Located
from draftkit.comments import Comment, CommentType, Decision, Disposition, Placement, Reply, place
from draftkit.desk.base import actor, fresh, one_line, stamp
from draftkit.desk.proposals import ProposalDesk
from draftkit.errors import DraftkitError, one_of
from draftkit.keys import PRESIDENCY
from draftkit.proposals import Proposal
from draftkit.store.item_format import format_comment, format_proposal

if TYPE_CHECKING:
    from draftkit.matrix import Row as MatrixRow


class CommentDesk(ProposalDesk):
    """Comments: read, drafted, recorded, replied to and disposed of."""

    def comments(self, document_id: str, *, party: str | None = None,
                 paragraph: str | None = None, open_only: bool = False,
                 type: str | None = None, section: str | None = None) -> list[Comment]:
        """The document's comments, oldest first, filtered as asked (see `proposals`)."""
        found = [self.folder.load_comment(path)
                 for path in self.folder.item_files(document_id, "comments")]
        if party is not None:
            code = self.party(party).code
            found = [c for c in found if self._in_scope(code, (c.party,))]
        if paragraph is not None:
            target = self.paragraph(document_id, paragraph).id
            found = [c for c in found if c.paragraph == target]
        if open_only:
            found = [c for c in found if c.is_open]
        if type is not None:
            wanted_type = one_of(CommentType, type, "type")
            found = [c for c in found if c.type is wanted_type]
        if section is not None:
            ids_in = self._section_paragraph_ids(document_id, section)
            found = [c for c in found if c.paragraph in ids_in]
        return sorted(found, key=lambda c: (c.created, c.id))

    def comment_by_id(self, comment_id: str, document_id: str | None = None) -> Comment:
        return self.folder.load_comment(self._item_path("comments", comment_id, document_id))

    def comment(self, document_id: str, *, party: str, text: str,
                type: str | CommentType = CommentType.GENERAL, paragraph: str | None = None,
                quote: str | None = None, occurrence: int | None = None,
                proposed_change: str | None = None, revision: str | None = None,
                when: dt.datetime | None = None) -> Comment:
        """Record a comment on the document, a paragraph, or some words of it."""
        draft = self.draft_comment(document_id, party=party, text=text, type=type,
                                   paragraph=paragraph, quote=quote, occurrence=occurrence,
                                   proposed_change=proposed_change, revision=revision,
                                   when=when)
        created: Comment = self._create(document_id, "comments", draft, format_comment)
        return created

    def draft_comment(self, document_id: str, *, party: str, text: str,
                      type: str | CommentType = CommentType.GENERAL,
                      paragraph: str | None = None, quote: str | None = None,
                      occurrence: int | None = None, proposed_change: str | None = None,
                      revision: str | None = None, when: dt.datetime | None = None) -> Comment:
        """A checked comment, not yet recorded (its id is "draft"): see `comment`."""
        base = self.revision(document_id, revision)
        code = self.party(party).code
        one_line(text, "comment")
        if not text.strip():
            raise DraftkitError("a comment needs its text")
        target, cell, label, words = self._target(document_id, paragraph, base) \
            if paragraph else (None, None, "", "")
        anchor = None
        if quote:
            if target is None:
                raise DraftkitError("quoted words need the paragraph they are in (--para)")
            from draftkit.anchors import anchor_at, locate

            anchor = anchor_at(words, locate(words, quote, occurrence,
                                             "the paragraph" if cell is None else label))
        if proposed_change:
            self.proposal(proposed_change, document_id)
        created = stamp(when)
        return Comment(id="draft", document=document_id, revision=base.name, party=code,
                       type=one_of(CommentType, type, "type"), text=text, created=created,
                       paragraph=target.id if target else None, anchor=anchor,
                       proposed_change=proposed_change, label=label, cell=cell)

    def _update_comment(self, comment_id: str, change: Callable[[Comment], Comment]) -> Comment:
        comment = self.comment_by_id(comment_id)
        with self.folder.lock(comment.document):
            updated = change(self.comment_by_id(comment_id, comment.document))
            self.folder.replace_item(comment.document, "comments", comment.id,
                                     format_comment(updated))
        return updated

    def reply(self, comment_id: str, party: str, text: str,
              when: dt.datetime | None = None) -> Comment:
        reply = self.draft_reply(party, text, when)
        return self._update_comment(comment_id, lambda c: c.with_reply(reply))

    def draft_reply(self, party: str, text: str, when: dt.datetime | None = None) -> Reply:
        one_line(text, "reply")
        if not text.strip():
            raise DraftkitError("a reply needs its text")
        return Reply(stamp(when), self.party(party).code, text)

    def record_batch(self, document_id: str, proposals: Sequence[Proposal] = (),
                     comments: Sequence[Comment] = (),
                     replies: Sequence[tuple[str, Reply]] = (),
                     ) -> tuple[tuple[Proposal, ...], tuple[Comment, ...], tuple[Comment, ...]]:
        """Record drafted proposals and comments under fresh ids, and replies to existing
        comments, as one commit: all of them or, whatever happens, none.

        Returns the proposals and comments as recorded, and the replied-to comments.
        """
        with self.folder.lock(document_id):
            taken = {path.stem for kind in ("proposals", "comments")
                     for path in self.folder.item_files(document_id, kind)}
            made_proposals = tuple(fresh(p, taken) for p in proposals)
            made_comments = tuple(fresh(c, taken) for c in comments)
            replied: dict[str, Comment] = {}
            for comment_id, reply in replies:
                before = replied.get(comment_id) or self.comment_by_id(comment_id, document_id)
                replied[comment_id] = before.with_reply(reply)
            self.folder.write_items(
                document_id,
                [("proposals", p.id, format_proposal(p)) for p in made_proposals]
                + [("comments", c.id, format_comment(c)) for c in made_comments],
                [("comments", c.id, format_comment(c)) for c in replied.values()])
        return made_proposals, made_comments, tuple(replied.values())

    def dispose(self, comment_id: str, disposition: str | Disposition, observation: str = "",
                by: str = PRESIDENCY, when: dt.datetime | None = None) -> Comment:
        """Give a comment the presidency's disposition (the latest one counts)."""
        one_line(observation, "observation")
        decision = Decision(stamp(when), actor(by),
                            one_of(Disposition, disposition, "disposition"), observation)
        return self._update_comment(comment_id, lambda c: c.with_decision(decision))

    def placement(self, comment: Comment, revision: str | None = None) -> Placement:
        """Where a comment's words stand in a revision (the latest by default): in its
        paragraph's text, or in its cell's for a comment on a cell of a table."""
        if comment.paragraph is None:
            return Placement(Located(0, 0), "on the whole document")
        written = self.revision(comment.document, comment.revision).by_id(comment.paragraph)
        now = self.revision(comment.document, revision).by_id(comment.paragraph)
        return place(comment, cells.text_of(written, comment.cell),
                     cells.text_of(now, comment.cell))

    def words_state(self, comment: Comment) -> str:
        """Whether a comment's quoted words stand in the latest revision: "found", or
        "orphaned: <why>"; "" for a comment on a whole paragraph or the document."""
        if comment.anchor is None:
            return ""
        placed = self.placement(comment)
        return f"orphaned: {placed.reason}" if placed.orphaned else "found"

    def comments_matrix(self, document_id: str, comments: Sequence[Comment] | None = None,
                        ) -> list[MatrixRow]:
        """The comments matrix (`draftkit.matrix`): the ISO/IEC template's columns, in the
        order of the latest revision; `comments` default to all the document's."""
        from draftkit.matrix import comments_matrix

        latest = self.revision(document_id)
        chosen = self.comments(document_id) if comments is None else comments
        named = {c.proposed_change for c in chosen if c.proposed_change}
        proposals = {p.id: p for p in self.proposals(document_id) if p.id in named}

        def address(paragraph_id: str) -> str | None:
            return self.label_in(document_id, paragraph_id, latest.name)

        return comments_matrix(chosen, latest, proposals, address, self.words_state,
                               self.observers())
