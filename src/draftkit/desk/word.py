"""Word and spreadsheets: a revision as .docx with its comments, blank report forms,
the first-page block, and a delegation's .docx with tracked changes read back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from draftkit.anchors import Located
from draftkit.comments import Comment
from draftkit.desk.comments import CommentDesk
from draftkit.errors import DraftkitError
from draftkit.store import files as store_files

if TYPE_CHECKING:
    from draftkit.docx.intake import Imported
    from draftkit.masthead import Masthead


class WordDesk(CommentDesk):
    """Word and spreadsheets: .docx exports, blank forms, the first page, .docx read back."""

    def export_docx(self, document_id: str, revision: str | None = None) -> bytes:
        """A revision as .docx: no tracked changes; the comments on it, or whose words
        stand in it, as Word comments by their parties."""
        from draftkit.docx.export import revision_to_docx

        chosen = self.revision(document_id, revision)
        placed: list[tuple[Comment, Located | None]] = []
        for comment in self.comments(document_id):
            if comment.paragraph is None:
                if comment.revision == chosen.name:
                    placed.append((comment, None))
                continue
            where = self.placement(comment, chosen.name)
            if where.located is not None:  # one on a cell is a note on its whole table
                placed.append((comment, where.located if comment.cell is None else
                               Located(0, 0)))
        return revision_to_docx(self.document(document_id), chosen, placed)

    def blank_form(self, document_id: str, revision: str | None = None,
                   form: str = "docx") -> bytes:
        """A revision (the latest by default) as a blank report form to fill in: "docx"
        (Word tables and check boxes) or "xlsx" (a sheet per section, answers validated)."""
        chosen = self.revision(document_id, revision)
        document = self.document(document_id)
        if form == "docx":
            from draftkit.docx.blank_form import form_to_docx

            return form_to_docx(document, chosen)
        if form == "xlsx":
            from draftkit.render.form_xlsx import form_to_xlsx

            return form_to_xlsx(document, chosen)
        raise DraftkitError(f"not a blank form format: {form!r} (docx or xlsx)")

    def masthead(self, document_id: str, revision: str | None = None) -> Masthead:
        """The first-page block of a revision (default: the latest): symbol, distribution,
        date, original language."""
        from draftkit.masthead import masthead

        return masthead(self.document(document_id), self.revision(document_id, revision))

    def import_docx(self, document_id: str, source: Path, *, revision: str,
                    party: str | None = None, dry_run: bool = False) -> Imported:
        """Proposals and comments from a delegation's .docx copy of `revision` with
        tracked changes: everything is checked before anything is written, and what
        cannot be mapped is reported in the result, not guessed."""
        from draftkit.docx.intake import import_docx

        return import_docx(self, document_id, store_files.read_bytes(source), source.name,
                           revision, party, dry_run)
