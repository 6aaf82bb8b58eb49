"""The compilation text as a Word document: every proposal a tracked change by its proposers.

A compilation is for reading, not for accepting wholesale: words that some
proposal changes are shown deleted by those proposers, each proposed wording
inserted by its own, competing wordings one after another separated by " / "
(the "alt." of a compilation), and a comment on each option names its
proposals, supporters and opponents. Positions that keep the words (retain)
and proposals on a whole paragraph (delete, move, replace) are comments on
that paragraph; a paragraph some proposal adds is inserted whole by them. A
table stands as a Word table under its caption; a proposal on a row of it is a
comment on the table followed by the row under
the table's headings, a Word table row inserted (add-row) or deleted (delete-row)
by its proposers. Proposals that no longer apply are listed at the end.
"""

from __future__ import annotations

import datetime as dt

from draftkit.compilation import Compilation, CompiledParagraph, Contest, Option
from draftkit.docx.blocks import Block, Cell, Grid, Note, Run, Tracked, heading
from draftkit.docx.export import plain_grid
from draftkit.docx.front import front
from draftkit.docx.writer import write_docx
from draftkit.masthead import masthead


def compilation_to_docx(compiled: Compilation) -> bytes:
    """The .docx of a compilation text (see `draftkit.compilation.compile_text`)."""
    builder = _Builder(dt.datetime.combine(compiled.revision.date, dt.time(), dt.UTC))
    blocks: list[Block | Grid] = [heading(compiled.document.title, 0),
              heading(f"Compilation text on {compiled.revision.title} "
                      f"({compiled.shown} proposals shown)", 0)]
    for section in compiled.sections:
        blocks.append(heading(section.title, 1))
        for paragraph in section.paragraphs:
            blocks.append(builder.paragraph(paragraph))
            if paragraph.table is not None:
                blocks.append(plain_grid(paragraph.table))
            blocks += [builder.row(o) for o in paragraph.notes if o.row]
    if compiled.stale:
        blocks.append(heading("Proposals not shown", 1))
        blocks += [Block((Run(f"{s.proposal} ({', '.join(s.parties)}) on {s.label}: "
                              f"{s.reason}"),)) for s in compiled.stale]
    head = masthead(compiled.document, compiled.revision)
    return write_docx(blocks, track_changes=False,
                      cover=front(head, what="compilation text"))


class _Builder:
    def __init__(self, date: dt.datetime) -> None:
        self.date = date
        self.count = 0

    def _note(self, option: Option, what: str) -> Note:
        self.count += 1
        body = [f"{', '.join(option.proposers)}: {what} ({', '.join(option.proposals)})"]
        if option.supporters:
            body.append(f"Supported by {', '.join(option.supporters)}")
        if option.opponents:
            body.append(f"Opposed by {', '.join(option.opponents)}")
        if option.late:
            body.append(f"After the input deadline: {', '.join(option.late)}")
        if option.reopens:
            body.append("Reopens agreed text")
        return Note(f"n{self.count}", ", ".join(option.proposers), self.date, tuple(body))

    def _tracked(self, kind: str, authors: tuple[str, ...]) -> Tracked:
        return Tracked("insert" if kind == "insert" else "delete", authors, self.date)

    def paragraph(self, paragraph: CompiledParagraph) -> Block:
        label = (Run(f"{paragraph.label} ", bold=True),) if paragraph.label else ()
        if paragraph.added is not None:
            added = paragraph.added
            change = self._tracked("insert", added.proposers)
            note = self._note(added, "add this paragraph")
            return Block(tuple(Run(p, change) for p in paragraph.pieces if isinstance(p, str)),
                         label=tuple(Run(r.text, change, bold=True) for r in label),
                         mark=change, notes=(note,))
        runs: list[Run] = []
        notes = [self._note(option, f"{option.cell}: {option.verb}" if option.row else
                            (f"{option.cell}: " if option.cell else "") +
                            option.action.replace("-", " ") +
                            (f": “{option.wording}”" if option.wording else ""))
                 for option in paragraph.notes]
        for piece in paragraph.pieces:
            if isinstance(piece, str):
                runs.append(Run(piece))
            else:
                runs += self._contest(piece, notes)
        return Block(tuple(runs), label=label, notes=tuple(notes))

    def row(self, option: Option) -> Grid:
        """A proposed row under its table's headings: inserted by its proposers (add-row),
        deleted by them (delete-row), or as it stands (move-row: the comment on the table
        says where it goes)."""
        kind = {"add-row": "insert", "delete-row": "delete"}.get(option.action)
        change = self._tracked(kind, option.proposers) if kind else None
        return Grid((tuple(Cell((Run(h),)) for h in option.columns),
                     tuple(Cell((Run(text, change),) if text else ()) for text in option.row)),
                    (None, change))

    def _contest(self, contest: Contest, notes: list[Note]) -> list[Run]:
        """The words as they stand, deleted by whoever changes them, then each wording."""
        changing = [o for o in contest.options if not o.retains]
        keeping = [o for o in contest.options if o.retains]
        deleters = tuple(dict.fromkeys(p for o in changing for p in o.proposers))
        runs: list[Run] = []
        if contest.original:
            keys = []
            for option in keeping:
                notes.append(self._note(option, f"retain “{contest.original}”"))
                keys.append(notes[-1].key)
            change = self._tracked("delete", deleters) if changing else None
            runs.append(Run(contest.original, change, tuple(keys)))
        first = True
        for option in changing:
            what = f"replace with “{option.wording}”" if contest.original and option.wording \
                else f"insert “{option.wording}”" if option.wording else "delete"
            notes.append(self._note(option, what))
            if option.wording:
                text = option.wording if first else f" / {option.wording}"
                runs.append(Run(text, self._tracked("insert", option.proposers),
                                (notes[-1].key,)))
                first = False
            elif runs:
                runs[0] = Run(runs[0].text, runs[0].change, (*runs[0].notes, notes[-1].key))
        return runs
