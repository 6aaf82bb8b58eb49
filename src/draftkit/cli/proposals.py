"""Commands on proposals: propose, proposals, support, oppose, withdraw, accept, reject."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from attrs import frozen

from draftkit.cli import COUNT, OUTPUT, cli, drafts_of, emit, show_renderable
from draftkit.errors import DraftkitError, FormatError, one_of
from draftkit.form import FieldKind
from draftkit.keys import PRESIDENCY
from draftkit.model import PartyKind
from draftkit.proposals import OperationKind, Position, ProposalError, ProposalStatus

if TYPE_CHECKING:
    from draftkit.api import Drafts
    from draftkit.render.items import AddressOf

# The keys of a `propose --from FILE`, in the order the README lists them: one for each
# option of `propose` (`choice` may repeat, as --choice does; `obligation`, required or
# voluntary, is --required/--voluntary).
FILE_KEYS = ("paragraph", "operation", "quote", "occurrence", "text", "position",
             "destination", "row", "column", "cells", "kind", "obligation", "instructions",
             "choice", "proposers", "on-behalf-of", "rationale", "revision")
# The `propose` argument each file key gives, where its name is not the key's.
_ARGUMENTS = {"kind": "field_kind", "obligation": "required", "choice": "choices"}
# The operations a table or form key is for, as `propose` checks its options.
_KEY_OPERATIONS = {
    "row": ("add-row", "delete-row", "move-row"),
    "column": ("add-column", "delete-column", "move-column", "rename-column"),
    "cells": ("add-row", "add-column"),
    **{key: ("change-field",) for key in ("kind", "obligation", "instructions", "choice")}}
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def address_of(drafts: Drafts, document: str) -> AddressOf:
    latest = drafts.revision(document)
    return lambda paragraph_id: drafts.label_in(document, paragraph_id, latest.name)


@frozen
class ProposalFile:
    """A proposal written as `key: value` lines (see README): `propose` keyword
    arguments, and the line each came from."""

    path: Path
    fields: dict[str, Any]
    lines: dict[str, int]

    def error(self, name: str, message: str) -> FormatError:
        """An error about the value of `name` (a keyword argument), at its line (the first
        line of a repeated key)."""
        key = next((k for k, n in _ARGUMENTS.items() if n == name), name.replace("_", "-"))
        return FormatError(str(self.path), self.lines[name], f"{key}: {message}")


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 60 else f"{value[:60]!r}…"


def _file_value(key: str, value: str) -> Any:
    """A value of a --from file as `propose` takes it; DraftkitError if it cannot be."""
    if key == "operation":
        return one_of(OperationKind, value.strip(), key).value
    if key == "position":
        return one_of(Position, value.strip(), key).value
    if key == "occurrence":
        if not _WHOLE_NUMBER.fullmatch(value.strip()):
            raise DraftkitError(f"{key}: not a whole number: {_shown(value)}")
        if int(value) < 1:
            raise DraftkitError(f"{key}: counts from 1: {_shown(value)}")
        return int(value)
    if key == "proposers":
        return [code for code in re.split(r"[\s,]+", value) if code]
    if key == "kind":
        return one_of(FieldKind, value.strip(), key).value
    if key == "obligation":
        words = {"required": True, "voluntary": False}
        if value.strip() not in words:
            raise DraftkitError(f"{key}: not one of required, voluntary: {_shown(value)}")
        return words[value.strip()]
    if key in ("quote", "text", "rationale", "cells"):
        return value  # spaces at the edges of quoted words (or of cells) are the author's
    return value.strip()


def read_proposal_file(path: Path) -> ProposalFile:
    """Read a proposal file; a FormatError naming the line for anything malformed: a
    line that is not `key: value`, an unknown or repeated key, a missing value, a value
    that is not what its key takes (`occurrence: two`, `operation: bogus`)."""
    from draftkit.store.files import read_text

    text = read_text(path).removeprefix("\ufeff")
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")  # CRLF line ends are fine; a lone CR is not
        if "\r" in line:
            raise FormatError(str(path), number, "a carriage return inside a line")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in FILE_KEYS:
            wrong = f"unknown key {_shown(key)}" if colon else \
                f"expected 'key: value', not {_shown(line)}"
            raise FormatError(str(path), number, f"{wrong} (keys: {', '.join(FILE_KEYS)})")
        name = _ARGUMENTS.get(key, key.replace("-", "_"))
        if name in lines and name != "choices":
            raise FormatError(str(path), number,
                              f"{key}: given twice (first on line {lines[name]})")
        value = value.removeprefix(" ")
        if not value.strip():
            raise FormatError(str(path), number, f"{key}: no value")
        if name == "choices":  # repeated, in order, as --choice is
            fields.setdefault(name, []).append(value.strip())
            lines.setdefault(name, number)
            continue
        try:
            fields[name] = _file_value(key, value)
        except DraftkitError as error:
            raise FormatError(str(path), number, str(error)) from None
        lines[name] = number
    return ProposalFile(path, fields, lines)


def _check_file_against(drafts: Drafts, document: str, given: ProposalFile,
                        fields: dict[str, Any], from_file: set[str]) -> None:
    """Look up what the file names (revision, paragraphs, parties) before proposing, so
    that an unknown one is reported at its line. `fields` are the final arguments,
    `from_file` those the file gave and no option overrode."""
    drafts.document(document)
    base = fields.get("revision")

    def check(name: str, look_up: Callable[[Any], object]) -> None:
        if name in from_file:
            try:
                look_up(fields[name])
            except DraftkitError as error:
                raise given.error(name, str(error)) from None

    def group(code: str) -> None:
        if drafts.party(code).kind is not PartyKind.GROUP:
            raise DraftkitError(f"{code} is not a group: 'on behalf of' names a group")

    operation = fields.get("operation")
    for key, operations in _KEY_OPERATIONS.items():
        name = _ARGUMENTS.get(key, key)
        if name in from_file and operation not in operations:
            raise given.error(name, f"is for {', '.join(operations)}, not {operation}")
    def target(address: str) -> object:  # a paragraph, or one cell of a table
        if "," not in address.partition("@")[0]:
            return drafts.paragraph(document, address, base)
        place = drafts.table_place(document, address, base)
        if place.row is None or place.column is None:
            raise DraftkitError("a proposal inside a table names one cell (a row and a "
                                "column); to add, delete or move a row or a column, name "
                                "the table and the row or column with their own keys")
        return place

    check("revision", lambda name: drafts.revision(document, name))
    check("paragraph", target)
    table = fields.get("paragraph", "")

    def row(name: str) -> object:
        return drafts.table_place(document, f"{table}, {name}", base)

    def column(name: str) -> object:
        return drafts.table_place(document, f"{table}, column {name}", base)

    check("row", row)
    check("column", column)
    named = {OperationKind.MOVE.value: lambda address: drafts.paragraph(document, address,
                                                                        base),
             OperationKind.MOVE_ROW.value: row, OperationKind.MOVE_COLUMN.value: column}
    if operation in named:  # else `propose` says what the operation takes
        check("destination", named[operation])
    check("proposers", lambda codes: [drafts.party(code) for code in codes])
    check("on_behalf_of", group)


@cli.command()
@click.argument("document")
@click.option("--para", "paragraph", help='The paragraph, e.g. "Action 12" or "OP6@zero-draft".')
@click.option("--op", "operation", type=click.Choice([k.value for k in OperationKind]),
              help="What the proposal does.")
@click.option("--quote", help="The words it acts on (insert next to, delete, replace, retain).")
@click.option("--occurrence", type=COUNT, metavar="N",
              help="Which occurrence of --quote, when it repeats.")
@click.option("--text", help="The new words or the new paragraph (add-column, rename-column: "
                             "the column's heading).")
@click.option("--position", type=click.Choice([p.value for p in Position]),
              help="Where an insertion, new or moved paragraph goes.")
@click.option("--destination", help="The paragraph a moved one goes next to; for "
                                     "move-row, the row, e.g. 'row 2'; for move-column, "
                                     "the column, e.g. 'Quantity'.")
@click.option("--row", help="The row an added row goes next to (add-row), or the row "
                            "deleted or moved (delete-row, move-row), e.g. 'row 3'.")
@click.option("--column", help="The column an added column goes next to (add-column) or the "
                               "column deleted, moved or renamed (delete-column, "
                               "move-column, rename-column): its heading, its number ('2') "
                               "or '#id'.")
@click.option("--cells", help="An added row's cells in column order, or an added column's in "
                              "row order, 'a | b | c' (a cell holding '|' as a quoted "
                              "string).")
@click.option("--kind", "field_kind", type=click.Choice([k.value for k in FieldKind]),
              help="A form field's new kind (change-field).")
@click.option("--required/--voluntary", default=None,
              help="Whether the form field must be completed (change-field).")
@click.option("--instructions", help="A form field's new instructions (change-field).")
@click.option("--choice", "choices", multiple=True,
              help="A choice field's choices, in order; repeat for each (change-field).")
@click.option("--by", "proposers", multiple=True, help="A proposing party; repeat for co-sponsors.")
@click.option("--on-behalf-of", help="The group the proposers speak for.")
@click.option("--rationale", default="", help="Why, in one line.")
@click.option("--rev", "revision", help="The revision it is written against (default: latest).")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the proposal from a file of 'key: value' lines.")
@click.pass_context
def propose(ctx: click.Context, /, document: str, source: Path | None, **options: Any) -> None:
    """Record a proposal (an amendment) attributed to its proposers."""
    from draftkit.anchors import AnchorError

    given = read_proposal_file(source) if source else None
    fields = dict(given.fields) if given else {}
    options = {k: v for k, v in options.items() if v not in (None, (), "")}
    fields.update(options)
    from_file = set(given.lines) - set(options) if given else set()
    for required, option in (("paragraph", "para"), ("operation", "op"), ("proposers", "by")):
        if required not in fields:
            raise DraftkitError(f"missing --{option} (or '{required}:' in the --from file)")
    drafts = drafts_of(ctx)
    if given is not None:
        _check_file_against(drafts, document, given, fields, from_file)
    try:
        proposal = drafts.propose(document, **fields)
    except AnchorError as error:  # the quoted words (or their occurrence) do not fit
        if given is None or "quote" not in from_file:
            raise
        raise given.error("quote", str(error)) from None
    except ProposalError as error:  # the proposal as a whole: what it lacks, say
        if given is None:
            raise
        said = str(error)  # blame the key of the option it names first, if the file gave it
        named = {name: said.find(f"--{name}" if name != "cells" else name)
                 for name in from_file & {"row", "column", "destination", "cells"}}
        blamed = sorted((at, name) for name, at in named.items() if at >= 0)
        if blamed:
            raise given.error(blamed[0][1], said) from None
        raise ProposalError(f"{given.path}: {error}") from None
    from draftkit.render.safe import visible_line

    late = proposal.deadline if proposal.late else None
    click.echo(f"{proposal.id}: {proposal.operation.kind.verb} on {proposal.label} "
               f"by {' '.join(proposal.parties)}"
               + (f" (late: the deadline was {late.date.isoformat()}, "
                  f"{visible_line(late.what)})" if late else ""))


@cli.command()
@click.argument("document")
@click.option("--party", help="Proposed by this party (or a group it belongs to).")
@click.option("--para", "paragraph", help="On this paragraph (an address in the latest revision).")
@click.option("--status", type=click.Choice([s.value for s in ProposalStatus]),
              help="Only proposals with this status.")
@click.option("--section", help="In this section (number or heading).")
@click.option("--format", "form", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: on the terminal; json: for scripts.")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file instead of stdout.")
@click.pass_context
def proposals(ctx: click.Context, document: str, party: str | None, paragraph: str | None,
              status: str | None, section: str | None, form: str, output: Path | None) -> None:
    """List proposals in text order, filtered by party, paragraph, status or section."""
    from draftkit.render import items

    drafts = drafts_of(ctx)
    found = drafts.proposals(document, party=party, paragraph=paragraph, status=status,
                             section=section)
    order = {p.id: n for n, p in enumerate(drafts.revision(document).paragraphs())}
    found.sort(key=lambda p: order.get(p.paragraph, len(order)))
    where = address_of(drafts, document)
    observers = drafts.observers()
    if form == "json":
        emit(items.proposals_json(found, where, observers, drafts.row_name,
                                  drafts.column_name), output)
    else:
        show_renderable(items.proposals_table(found, where, observers, drafts.row_name,
                                              drafts.column_name))


def _report(verb: str, proposal_id: str, drafts: Drafts) -> None:
    proposal = drafts.proposal(proposal_id)
    click.echo(f"{proposal.id} {verb}: {proposal.standing}; supported by "
               f"{' '.join(proposal.supporters) or 'none'}; opposed by "
               f"{' '.join(proposal.opponents) or 'none'}")


def _position_command(name: str, action: str, help: str) -> None:
    @cli.command(name, help=help)
    @click.argument("proposal_id")
    @click.option("--party", required=True, help="The party taking the position (a code).")
    @click.option("--note", default="", help="Why, in one line.")
    @click.pass_context
    def command(ctx: click.Context, proposal_id: str, party: str, note: str) -> None:
        drafts = drafts_of(ctx)
        {"support": drafts.support, "oppose": drafts.oppose,
         "withdraw": drafts.withdraw}[name](proposal_id, party, note)
        _report(action, proposal_id, drafts)


def _decision_command(name: str, action: str) -> None:
    @cli.command(name, help=f"Record that the presidency {action} a proposal.")
    @click.argument("proposal_id")
    @click.option("--note", default="", help="Why, in one line.")
    @click.option("--by", default=PRESIDENCY, show_default=True, help="Who decides.")
    @click.pass_context
    def command(ctx: click.Context, proposal_id: str, note: str, by: str) -> None:
        drafts = drafts_of(ctx)
        drafts.decide(proposal_id, action, note, by)
        _report(action, proposal_id, drafts)


_position_command("support", "supported", "Record a party's support for a proposal.")
_position_command("oppose", "opposed", "Record a party's opposition to a proposal.")
_position_command("withdraw", "withdrawn", "Withdraw a proposal (by one of its proposers).")
_decision_command("reject", "rejected")
_decision_command("reopen", "reopened")


@cli.command()
@click.argument("proposal_id")
@click.option("--note", default="", help="Why, in one line.")
@click.option("--by", default=PRESIDENCY, show_default=True, help="Who decides.")
@click.option("--force", is_flag=True,
              help="Accept it even though it conflicts with a proposal already accepted "
                   "(the merge will then need --prefer or --bracket).")
@click.pass_context
def accept(ctx: click.Context, proposal_id: str, note: str, by: str, force: bool) -> None:
    """Record that the presidency accepted a proposal.

    One that conflicts with a proposal already accepted is refused (exit 2, naming
    it) unless --force: reopen the accepted one first, or accept both and settle
    it at the merge.
    """
    from draftkit.api import accepted_conflict_line
    from draftkit.render.safe import visible_line

    drafts = drafts_of(ctx)
    drafts.accept(proposal_id, note, by, force=force)
    _report("accepted", proposal_id, drafts)
    clash = drafts.conflict_with_accepted(proposal_id) if force else None
    if clash is not None:
        click.echo(f"warning: {visible_line(accepted_conflict_line(proposal_id, clash))}; "
                   f"merge --into will need --prefer or --bracket", err=True)
