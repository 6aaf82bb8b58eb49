"""Proposals, comments and the status dashboard as tables and JSON (the comments
matrix as CSV, markdown and .xlsx is `render.matrix`).

Party-written text leaves only through `render.safe`: shown visibly in tables,
escaped in JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from draftkit.agreement import FLAG
from draftkit.comments import Comment
from draftkit.dashboard import Dashboard
from draftkit.form import FieldEdit
from draftkit.observers import marked, observers_last
from draftkit.proposals import OperationKind, Position, Proposal
from draftkit.render.safe import dumps, visible_line
from draftkit.vocabulary import quantity, speakers

# Where a paragraph identity stands now: its address in the latest revision, or None.
AddressOf = Callable[[str], str | None]
# How readers know a row (by id) of a proposal's table: "row 3 (M85)" (see
# `Drafts.row_name`); ids never reach readers.
RowOf = Callable[[Proposal, str], str]


def any_row(_proposal: Proposal, _row: str) -> str:
    """A row, where no revision is at hand to name it."""
    return "a row"


def any_column(_proposal: Proposal, _column: str) -> str:
    """A column, where no revision is at hand to name it."""
    return "a column"


def target(paragraph: str, label: str, address_of: AddressOf) -> str:
    """The target's address now, with the one it was written against if that differs."""
    now = address_of(paragraph)
    if now is None:
        return f"{label} (deleted)"
    if label.startswith(f"{now}, "):  # a cell of the table, which still has its address
        return label
    return now if not label or now == label else f"{now} (was {label})"


def describe(proposal: Proposal, address_of: AddressOf, row_of: RowOf = any_row,
             column_of: RowOf = any_column) -> str:
    """One line a delegate reads: what the proposal does, in words (rows named by
    `row_of`, columns by `column_of`: "column Quantity")."""
    op = proposal.operation
    where = op.position.value if op.position else "after"
    if op.kind is OperationKind.ADD_ROW:
        return f"add a row {where} {row_of(proposal, op.destination or '')}: " + \
            " | ".join(text for _, text in op.cells)
    if op.kind is OperationKind.DELETE_ROW:
        return f"delete {row_of(proposal, op.row or '')}"
    if op.kind is OperationKind.MOVE_ROW:
        return f"move {row_of(proposal, op.row or '')} {where} " \
               f"{row_of(proposal, op.destination or '')}"
    if op.field is not None:
        return f"change the field: {op.field.summary}"
    if op.kind is OperationKind.ADD_COLUMN:
        return f'add a column "{op.text}" {where} {column_of(proposal, op.destination or "")}' \
            + (": " + " | ".join(text for _, text in op.cells) if op.cells else "")
    if op.kind is OperationKind.DELETE_COLUMN:
        return f"delete {column_of(proposal, op.destination or '')}"
    if op.kind is OperationKind.RENAME_COLUMN:
        return f'rename {column_of(proposal, op.destination or "")} "{op.text}"'
    if op.kind is OperationKind.MOVE_COLUMN:
        return f"move {column_of(proposal, op.column or '')} {where} " \
               f"{column_of(proposal, op.destination or '')}"
    next_to = address_of(op.destination) or op.destination if op.destination else ""
    return wording(op.kind, op.anchor.quote.strip() if op.anchor else "", op.text.strip(),
                   op.position, next_to or "")


def wording(kind: OperationKind, quote: str, text: str, position: Position | None,
            destination: str = "") -> str:
    """An operation in words: 'replace "as soon as possible" with "within eight years"'."""
    where = position.value if position else "after"
    if kind is OperationKind.REPLACE:
        return f'replace "{quote}" with "{text}"'
    if kind is OperationKind.DELETE:
        return f'delete "{quote}"'
    if kind is OperationKind.INSERT:
        return f'insert "{text}" {where} "{quote}"'
    if kind is OperationKind.ADD:
        return f'add a paragraph {where} it: "{text}"'
    if kind is OperationKind.MOVE:
        return f"move it {where} {destination}"
    if kind is OperationKind.REPLACE_PARAGRAPH:
        return f'replace it with "{text}"'
    if kind is OperationKind.RETAIN:
        return f'retain "{quote}"' if quote else "retain the paragraph as it is"
    return "delete the paragraph"


def proposal_json(proposal: Proposal, address_of: AddressOf,
                  observers: AbstractSet[str] = frozenset(),
                  row_of: RowOf = any_row, column_of: RowOf = any_column) -> dict[str, Any]:
    op = proposal.operation
    involved = (*proposal.parties, *proposal.supporters, *proposal.opponents)
    return {
        "id": proposal.id, "document": proposal.document, "revision": proposal.revision,
        "paragraph": proposal.paragraph, "label": proposal.label,
        **({"row": proposal.cell.row, "column": proposal.cell.column} if proposal.cell else {}),
        "address": address_of(proposal.paragraph), "operation": op.kind.value,
        "quote": op.anchor.quote if op.anchor else None, "text": op.text or None,
        "position": op.position.value if op.position else None,
        "destination": op.destination, **({"row": op.row} if op.row else {}),
        **({"column": op.column} if op.column else {}),
        "summary": describe(proposal, address_of, row_of, column_of),
        **({"cells": dict(op.cells)} if op.kind in (OperationKind.ADD_ROW,
                                                     OperationKind.ADD_COLUMN) else {}),
        **({"field": field_json(op.field)} if op.field is not None else {}),
        "proposers": list(proposal.proposers), "on_behalf_of": proposal.on_behalf_of,
        "reopens_agreed": proposal.reopens_agreed,
        "supporters": list(proposal.supporters), "opponents": list(proposal.opponents),
        "status": proposal.status.value, "incorporated_in": proposal.incorporated_in,
        "not_selected_in": proposal.not_selected_in,
        "preferred_instead": list(proposal.preferred_instead),
        "rationale": proposal.rationale, "created": proposal.created.isoformat(),
        "late": proposal.late, "deadline": None if proposal.deadline is None else {
            "date": proposal.deadline.date.isoformat(), "meeting": proposal.deadline.meeting,
            "what": proposal.deadline.what},
        "observers": [code for code in dict.fromkeys(involved) if code in observers],
        "history": [{"when": e.when.isoformat(), "actor": e.actor, "action": e.action,
                     "argument": e.argument or None, "note": e.note or None}
                    for e in proposal.history],
    }


def field_json(edit: FieldEdit) -> dict[str, Any]:
    """What a change-field proposes: each part it sets (a kind other than choice also
    empties the choices); the parts it leaves are absent."""
    parts = edit.parts()
    return {**({"kind": edit.kind.value} if edit.kind is not None else {}),
            **({"choices": list(edit.choices or ())} if "choices" in parts else {}),
            **({"instructions": edit.instructions} if edit.instructions is not None else {}),
            **({"required": not edit.voluntary} if edit.voluntary is not None else {})}


def proposals_json(proposals: Sequence[Proposal], address_of: AddressOf,
                   observers: AbstractSet[str] = frozenset(), row_of: RowOf = any_row,
                   column_of: RowOf = any_column) -> str:
    return dumps([proposal_json(p, address_of, observers, row_of, column_of)
                  for p in proposals], indent=2) + "\n"


def proposals_table(proposals: Sequence[Proposal], address_of: AddressOf,
                    observers: AbstractSet[str] = frozenset(), row_of: RowOf = any_row,
                    column_of: RowOf = any_column) -> Any:
    """The proposals, observers marked "(observer)" wherever they are named."""
    from draftkit.render.terminal import records_or_table

    rows = []
    for p in proposals:
        by = speakers([marked(c, observers) for c in p.proposers], p.on_behalf_of)
        flag = f"[{FLAG}] " if p.reopens_agreed else ""
        cells = (target(p.paragraph, p.label, address_of),
                 flag + describe(p, address_of, row_of, column_of), by,
                 " ".join(observers_last(p.supporters, observers)),
                 " ".join(observers_last(p.opponents, observers)),
                 p.standing + (", late" if p.late else ""))
        rows.append((p.id, *cells))
    return records_or_table(quantity(len(proposals), "proposal"),
                            ("id", "paragraph", "proposal", "by", "support", "oppose",
                             "status"), rows)


def comments_json(comments: Sequence[Comment], address_of: AddressOf,
                  words_state: Callable[[Comment], str],
                  observers: AbstractSet[str] = frozenset()) -> str:
    return dumps([{
        "id": c.id, "document": c.document, "revision": c.revision, "party": c.party,
        "observer": c.party in observers,
        "type": c.type.value, "text": c.text, "paragraph": c.paragraph, "label": c.label,
        **({"row": c.cell.row, "column": c.cell.column} if c.cell else {}),
        "address": address_of(c.paragraph) if c.paragraph else None,
        "quote": c.anchor.quote if c.anchor else None, "words": words_state(c),
        "proposed_change": c.proposed_change,
        "disposition": c.disposition.disposition.value if c.disposition else None,
        "observation": c.disposition.observation if c.disposition else None,
        "replies": [{"when": r.when.isoformat(), "party": r.party, "text": r.text}
                    for r in c.replies],
        "created": c.created.isoformat()} for c in comments], indent=2) + "\n"


def dashboard_json(board: Dashboard) -> str:
    """The dashboard. `observer_proposals` are the proposals observers alone tabled,
    shown apart and not counted: per section the live ones, overall by status (none
    when `count_observers`: they are counted with the rest). `observers` are the
    registry's observers; a contested paragraph's `supporting` and `opposing` list
    States and groups first, then observers."""
    return dumps({
        "revision": board.revision,
        "count_observers": board.count_observers,
        "sections": [{"section": s.title, "open": s.open, "ad_ref": s.ad_ref,
                      "agreed": s.agreed, "active_proposals": s.active_proposals,
                      "open_comments": s.open_comments,
                      "observer_proposals": s.observer_proposals} for s in board.sections],
        "proposals": board.proposals_by_status, "open_comments": board.open_comments,
        "observer_proposals": board.observer_proposals_by_status,
        "observers": sorted(board.observers),
        "most_contested": [{"paragraph": c.paragraph, "address": c.address,
                            "proposals": c.proposals, "opponents": c.opponents,
                            "parties": list(c.parties), "observers": list(c.observers),
                            "supporting": list(c.supporting), "opposing": list(c.opposing),
                            **({"cells": [{"address": a, "proposals": n} for a, n in c.cells]}
                               if c.cells else {})}
                           for c in board.most_contested],
        "reopening_agreed_text": [{"paragraph": r.paragraph, "address": r.address,
                                   "status": r.status.value, "proposals": list(r.proposals)}
                                  for r in board.reopening],
    }, indent=2) + "\n"


def dashboard_view(title: str, board: Dashboard) -> Any:
    from rich.console import Group
    from rich.text import Text

    from draftkit.render.terminal import records_or_table

    apart = not board.count_observers  # observers' proposals in a column of their own
    columns = ["section", "open", "ad ref", "agreed", "live proposals", "open comments"]
    fields = ["open", "ad_ref", "agreed", "active_proposals", "open_comments"]
    if apart:
        columns.append("observers' proposals")
        fields.append("observer_proposals")
    totals = [sum(getattr(s, f) for s in board.sections) for f in fields]
    sections = records_or_table(
        f"{title}: where the text stands", columns,
        [*((s.title, *(str(getattr(s, f)) for f in fields)) for s in board.sections),
         ("total", *(str(n) for n in totals))], numeric=columns[1:])
    statuses = Text("Proposals: " + ", ".join(f"{n} {s}" for s, n in
                                              board.proposals_by_status.items() if n))
    heard = [f"{n} {s}" for s, n in board.observer_proposals_by_status.items() if n]
    if heard:
        statuses.append("; observers' proposals, not counted: " + ", ".join(heard))
    elif board.count_observers:
        statuses.append(" (observers' input counted)")
    in_cells = any(c.cells for c in board.most_contested)  # a table's cells, by proposals
    contested = records_or_table(
        "Most contested paragraphs",
        ("paragraph", "live proposals", "opponents", "supporting", "opposing",
         *(("cells",) if in_cells else ())),
        [(c.address, str(c.proposals), str(c.opponents),
          *(", ".join(marked(code, board.observers) for code in side)
            for side in (c.supporting, c.opposing)),
          *(("; ".join(f"{address} ({n})" for address, n in c.cells),) if in_cells else ()))
         for c in board.most_contested], numeric=("live proposals", "opponents"))
    reopening = Text(f"Live proposals that would reopen agreed text: "
                     f"{sum(len(r.proposals) for r in board.reopening)}")
    for r in board.reopening:
        reopening.append("\n  " + visible_line(f"{r.address} ({r.status.title}): "
                                              f"{', '.join(r.proposals)}"))
    return Group(sections, statuses, Text(f"Open comments: {board.open_comments}"), reopening,
                 contested)
