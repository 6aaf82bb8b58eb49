"""Tracked changes → proposals: amendments on words, paragraphs added, deleted or moved.

Each run of tracked changes in an edited paragraph (the tracked pieces between
two unchanged ones) becomes its amendments on words (see `amend`), credited
to the authors of those tracked pieces, never to whoever else changed the
paragraph. A paragraph added whole is added after the kept paragraph before
it in its section (else before the next); one deleted whole is deleted; one
deleted and added elsewhere with the same text by the same parties is moved.

In a table, each cell edited is a paragraph of its own: its amendments name the cell
("B3, row 2, column Type"), and a blank cell filled is a replace-paragraph. A row
inserted (its whole content inserted) is an added row, next to the kept row before
it (else the next); a row tracked as deleted is a deleted row. Other changes to a
table (its header row, a row moved) are reported, not imported.
"""

from __future__ import annotations

from attrs import frozen

from draftkit.docx.amend import Edit, edits
from draftkit.docx.matching import Matched
from draftkit.docx.plan import Authors, NewProposal, short
from draftkit.docx.reader import WordRow, WordTable
from draftkit.docx.views import Para, cell_views, shifted
from draftkit.model import Paragraph
from draftkit.proposals import OperationKind, Position
from draftkit.table import Table


@frozen
class _Target:
    """What a proposal is on: a paragraph, or a cell of a table ("#id, row #r, column
    #c"); how the report names it, and its text."""

    address: str
    label: str
    text: str
    cell: bool = False


def _whole(paragraph: Paragraph) -> _Target:
    return _Target(f"#{paragraph.id}", paragraph.address, paragraph.text)


def proposals(matched: Matched, authors: Authors, name: str
              ) -> tuple[list[NewProposal], list[str]]:
    """The proposals a matched file makes, and what could not be made into one."""
    changes = _Changes(matched, authors, name)
    deleted, added = changes.edited()
    changes.wholes(deleted, added)
    for table, paragraph in matched.tables:
        changes.table(paragraph, table)
    return changes.proposals, changes.problems


class _Changes:
    def __init__(self, matched: Matched, authors: Authors, name: str) -> None:
        self.matched = matched
        self.views = matched.views
        self.authors = authors
        self.name = name
        self.proposals: list[NewProposal] = []
        self.problems: list[str] = []

    def edited(self) -> tuple[list[int], list[int]]:
        """Propose each edited paragraph's changes; the old paragraphs gone and new ones added."""
        views = self.views
        deleted = [o for o in self.matched.paragraphs if not views.new_of.get(o)]
        for old_index, (paragraph, start) in self.matched.paragraphs.items():
            news = views.new_of.get(old_index, [])
            if len(news) > 1:
                self.problems.append(f"not imported: {paragraph.address} was split into "
                                     f"{len(news)} paragraphs")
            elif news and len(views.old_of[news[0]]) > 1:
                self.problems.append(f"not imported: {paragraph.address} was merged with "
                                     f"another paragraph")
            elif news:
                new = views.new[news[0]]
                self._paragraph(_whole(paragraph), shifted(views.old[old_index], start),
                                shifted(new, self.matched.label_end(new.text)))
        added = [n for n, para in enumerate(views.new)
                 if para.text.strip() and not views.old_of.get(n)]
        return deleted, added

    def _paragraph(self, paragraph: _Target, old: Para, new: Para) -> None:
        text = new.text.strip()
        if text == paragraph.text or new.text == paragraph.text:
            return
        if paragraph.cell and not paragraph.text.strip():  # a blank cell, filled or not
            if text:
                authors = self.views.authors(new, 0, len(new.text), "insert")
                self._propose(authors, paragraph, OperationKind.REPLACE_PARAGRAPH, text=text)
            return
        if not text and not paragraph.cell:
            self.problems.append(f"not imported: {paragraph.address} was emptied but not "
                                 f"deleted")
            return
        lead = len(new.text) - len(new.text.lstrip())
        worded: list[tuple[list[str], list[Edit]]] = []
        unworded: list[list[str]] = []
        for start, end, new_start, new_end, authors in self._runs(old, new):
            new_start = min(max(0, new_start - lead), len(text))
            new_end = min(max(new_start, new_end - lead), len(text))
            alone = paragraph.text[:start] + text[new_start:new_end] + paragraph.text[end:]
            found = edits(paragraph.text, alone)
            if found is None:
                unworded.append(authors)
            else:
                worded.append((authors, found))
        if unworded:
            everyone = [a for authors, _ in worded for a in authors] + \
                [a for authors in unworded for a in authors]
            parties = {self.authors.codes(authors) for authors, _ in worded} | \
                {self.authors.codes(authors) for authors in unworded}
            if len(parties) == 1:  # one party's changes: its wording of the paragraph
                self._propose(everyone, paragraph, OperationKind.REPLACE_PARAGRAPH,
                              text=text, note="the changes could not be expressed on words")
                return
            for authors in unworded:
                self.problems.append(
                    f"not imported: a change to {paragraph.address} by "
                    f"{', '.join(dict.fromkeys(authors)) or 'no author'} cannot be expressed "
                    f"on words, and replacing the whole paragraph would credit it with "
                    f"others' changes too")
        for authors, found in worded:
            for edit in found:
                self._propose(authors, paragraph, edit.kind, quote=edit.quote,
                              occurrence=edit.occurrence, text=edit.text,
                              position=edit.position)

    def _runs(self, old: Para, new: Para) -> list[tuple[int, int, int, int, list[str]]]:
        """Each run of tracked pieces between unchanged ones: old[start:end] became
        new[new_start:new_end] (offsets from where the label ends), and its authors."""
        pieces = self.views.pieces
        old_at, new_at = dict(old.pieces), dict(new.pieces)
        old_end = old.pieces[0][1] if old.pieces else 0  # where the text so far ends
        new_end = new.pieces[0][1] if new.pieces else 0
        runs: list[tuple[int, int, int, int, list[str]]] = []
        opened: tuple[int, int] | None = None  # where the current run starts, old and new
        authors: list[str] = []
        for index in sorted(old_at.keys() | new_at.keys()):
            piece = pieces[index]
            unchanged = piece.kind == "equal" and index in old_at and index in new_at
            if unchanged and opened is not None:
                runs.append((opened[0], old_at[index], opened[1], new_at[index], authors))
                opened, authors = None, []
            elif not unchanged:
                opened = opened or (old_end, new_end)
                authors.append(piece.author)
            if index in old_at:
                old_end = old_at[index] + len(piece.text)
            if index in new_at:
                new_end = new_at[index] + len(piece.text)
        if opened is not None:
            runs.append((opened[0], old_end, opened[1], new_end, authors))
        clipped = [(max(0, a), max(0, b), max(0, c), max(0, d), who)
                   for a, b, c, d, who in runs]  # a change to the label is no proposal
        return [run for run in clipped if run[0] < run[1] or run[2] < run[3]]

    def _propose(self, authors: list[str], paragraph: _Target, kind: OperationKind, *,
                 quote: str | None = None, occurrence: int | None = None, text: str = "",
                 position: Position | None = None, destination: Paragraph | None = None,
                 note: str = "", row: tuple[str, str] | None = None,
                 cells: tuple[str, ...] | None = None) -> None:
        """Plan a proposal; `row` is the row an added row goes next to, or the row
        deleted: its address ("row #id") and how the report names it ("row 3")."""
        proposers = self.authors.of(authors, f"a change to {paragraph.label}")
        if proposers is None:
            return
        rationale = f"From {self.name}" + (f": {note}" if note else "")
        self.proposals.append(NewProposal(
            paragraph.address, paragraph.label, kind, proposers, quote, occurrence, text,
            position, f"#{destination.id}" if destination else None, rationale,
            destination.address if destination else row[1] if row else "",
            row[0] if row else None, cells))

    def table(self, paragraph: Paragraph, word: WordTable) -> None:
        """A table's changes: cells edited, rows added or deleted."""
        table = paragraph.table
        assert table is not None
        texts = [[cell_views(self.views, cell) for cell in row.cells] for row in word.rows]
        header = [(old.text, new.text) for old, new in texts[0]] \
            if texts else []
        if header != [(c.heading, c.heading) for c in table.columns]:
            self.problems.append(f"not imported: the header row of the table of "
                                 f"{paragraph.address} was changed (columns are not "
                                 f"proposed from Word), or is not its header row")
            return
        position = 0  # rows of the table passed so far
        for row, cells in zip(word.rows[1:], texts[1:], strict=True):
            olds = tuple(old.text for old, _ in cells)
            known = table.rows[position].cells if position < len(table.rows) else None
            if row.kind == "insert" or (olds != known and _added(cells)):
                self._row(paragraph, table, position, row, cells)
                continue
            if olds != known:
                break
            if row.kind == "delete":
                authors = [row.author] if row.author else \
                    [a for old, _ in cells for a in self.views.authors(old, 0, len(old.text),
                                                                       "delete")]
                self._propose(authors, _whole(paragraph), OperationKind.DELETE_ROW,
                              row=(f"row #{table.rows[position].id}", f"row {position + 1}"))
            else:
                for column, (old, new) in enumerate(cells):
                    self._paragraph(_cell(paragraph, table, position, column), old, new)
            position += 1
        else:
            if position == len(table.rows):
                return
        self.problems.append(f"not imported: the table of {paragraph.address} reads "
                             f"differently from {self.matched.revision.title} even with all "
                             f"changes rejected (edited with tracking off?)")

    def _row(self, paragraph: Paragraph, table: Table, position: int, row: WordRow,
             cells: list[tuple[Para, Para]]) -> None:
        """A row inserted in Word: added after the row before it, else before the next."""
        if not table.rows:
            self.problems.append(f"not imported: a row added to {paragraph.address}, which "
                                 f"has no row to add it next to")
            return
        after = position > 0
        next_to = position - 1 if after else 0
        authors = [row.author] if row.author else \
            [a for _, new in cells for a in self.views.authors(new, 0, len(new.text),
                                                                 "insert")]
        self._propose(authors, _whole(paragraph), OperationKind.ADD_ROW,
                      position=Position.AFTER if after else Position.BEFORE,
                      row=(f"row #{table.rows[next_to].id}", f"row {next_to + 1}"),
                      cells=tuple(new.text.strip() for _, new in cells))

    def wholes(self, deleted: list[int], added: list[int]) -> None:
        """Paragraphs added, deleted or moved whole (moved: deleted and added by the same
        parties, with the same text)."""
        matched = self.matched.paragraphs
        gone: dict[str, list[int]] = {}
        for old_index in deleted:
            gone.setdefault(matched[old_index][0].text, []).append(old_index)
        for new_index in added:
            para = self.views.new[new_index]
            text = para.text[self.matched.label_end(para.text):].strip()
            place = self._place(new_index)
            authors = self.views.authors(para, 0, len(para.text), "insert")
            if place is None:
                self.problems.append(f"not imported: the added paragraph {short(text)} has "
                                     f"no paragraph of {self.matched.revision.title} next to it")
                continue
            target, position = place
            inserted = self.authors.codes(authors)
            same = [o for o in gone.get(text, []) if inserted is not None
                    and self.authors.codes(self._deleters(o)) == inserted]
            if same:
                gone[text].remove(same[0])
                moved, _ = matched[same[0]]
                self._propose(authors, _whole(moved), OperationKind.MOVE,
                              position=position, destination=target)
                continue
            self._propose(authors, _whole(target), OperationKind.ADD, text=text,
                          position=position)
        for old_index in sorted(o for indices in gone.values() for o in indices):
            paragraph, _ = matched[old_index]
            self._propose(self._deleters(old_index), _whole(paragraph),
                          OperationKind.DELETE_PARAGRAPH)

    def _deleters(self, old_index: int) -> list[str]:
        para = self.views.old[old_index]
        return self.views.authors(para, 0, len(para.text), "delete")

    def _place(self, new_index: int) -> tuple[Paragraph, Position] | None:
        """After the nearest kept paragraph before it in its section, else before the next."""
        for step, position in ((-1, Position.AFTER), (1, Position.BEFORE)):
            index = new_index + step
            while 0 <= index < len(self.views.new) and not self.matched.is_heading(index):
                kept = [self.matched.paragraphs[o][0] for o in self.views.old_of.get(index, [])
                        if o in self.matched.paragraphs]
                if kept:
                    return kept[0], position
                index += step
        return None


def _added(cells: list[tuple[Para, Para]]) -> bool:
    """Whether a row not tracked as inserted was added all the same: none of its words
    are there with the changes rejected, and some are with them accepted."""
    return not any(old.text.strip() for old, _ in cells) and \
        any(new.text.strip() for _, new in cells)


def _cell(paragraph: Paragraph, table: Table, position: int, column: int) -> _Target:
    """The cell at body row `position` and `column` (from 0) of a table paragraph."""
    row, heading = table.rows[position], table.columns[column]
    return _Target(f"#{paragraph.id}, row #{row.id}, column #{heading.id}",
                   f"{paragraph.address}, row {position + 1}, column {heading.heading}",
                   row.cells[column], True)
